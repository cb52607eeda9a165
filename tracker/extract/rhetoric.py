"""Rhetoric: count lexicon terms (policy slogans) in clean, simplified text.

Pure functions of text: no database, no I/O except :meth:`RhetoricLexicon.from_csv`, which reads the
reference lexicon (``seeds/reference/terms.csv``) so that the CLI and tests can build a lexicon without
a database. The migration that loads ``terms`` reads the same file; this module never hard-codes terms.

Matching rule: **leftmost-longest, non-overlapping**. Scanning left to right, at the leftmost position
where any term starts we take the longest term starting there, count it, and resume after its end.
So ``常态化疫情防控`` is one hit for 常态化疫情防控 and *not* also a hit for 疫情防控, and
``巩固拓展脱贫攻坚成果`` does not also count as 脱贫攻坚. Why: a reader of the text sees one phrase, not
two; counting nested terms twice would inflate concepts that happen to be substrings of longer slogans
(高质量发展 sits inside 黄河流域生态保护和高质量发展) and make rates depend on what else is in the
lexicon. The cost: a term's count means "occurrences not part of a longer lexicon term", so adding a
longer term to the lexicon can lower a shorter term's count. Coordinated pairs written out in full
(碳达峰、碳中和) are two hits, one per term.

The selection is ``ahocorasick_rs`` (the Rust aho-corasick crate) with ``MatchKind.LeftmostLongest``:
it implements exactly this rule in compiled code, about 3× faster over the corpus than taking
pyahocorasick's complete overlapping match stream and selecting in Python, which we did before
because pyahocorasick's own ``iter_long`` skips matches after a failed longer attempt (terms
{cbab, a} over "…caacab…" lose an "a"). The tests compare the counts with a brute-force reference.
Offsets it returns for a ``str`` are character offsets, so ``text[start:end] == term``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import ahocorasick_rs

#: The fixed set of categories a lexicon row may use. Kept small so that category-level shift tables
#: stay readable; extend it here (and in the lexicon) deliberately, not by typo.
CATEGORIES: frozenset[str] = frozenset(
    {
        "growth_model",  # how growth is pursued: 高质量发展, 六稳, 新质生产力, 新基建
        "reform",  # market/administrative reform: 放管服, 营商环境, 供给侧结构性改革
        "pandemic",  # COVID-era: 疫情防控, 复工复产, 常态化疫情防控
        "ideology",  # Party doctrine and campaigns: 四个意识, 中国式现代化, 主题教育
        "opening_up",  # external opening and circulation: 一带一路, 双循环, 自贸试验区
        "welfare",  # livelihood: 共同富裕, 脱贫攻坚, 一老一小, 保障性租赁住房
        "environment",  # ecology and carbon: 碳达峰, 污染防治攻坚战, 河长制
        "innovation",  # science, technology, digital: 科技自立自强, 专精特新, 人工智能
        "security",  # risk and safety: 统筹发展和安全, 扫黑除恶, 保交楼, 粮食安全
        "governance",  # administration and Party discipline: 基层治理, 过紧日子, 枫桥经验
        "regional",  # regional strategies and urbanisation: 粤港澳大湾区, 都市圈, 城市更新
        "rural",  # agriculture and villages: 乡村振兴, 千万工程, 高标准农田
        "planning",  # five-year-plan labels: 十三五, 十四五, 十五五
    }
)

#: Rates are per this many characters of clean text.
RATE_BASE = 10_000


class TermMatch(NamedTuple):
    """One counted occurrence: ``text[start:end] == term``."""

    start: int
    end: int
    term: str


@dataclass(frozen=True)
class LexiconRow:
    """One row of ``terms.csv``: a surface form and the concept it belongs to."""

    term: str
    concept: str
    category: str = ""
    first_national_use: int | None = None
    note: str = ""


@dataclass(frozen=True, eq=False)
class RhetoricLexicon:
    """Terms grouped into concepts, with the Aho-Corasick automaton built once.

    Build with :meth:`from_rows` or :meth:`from_csv`; then reuse the same lexicon for every document
    (building the automaton costs far more than scanning one document).
    """

    rows: tuple[LexiconRow, ...]
    concept_of: Mapping[str, str] = field(repr=False)
    _automaton: ahocorasick_rs.AhoCorasick = field(repr=False)

    def __reduce__(self) -> tuple[object, ...]:
        # Ingest sends the lexicon to each worker process. The compiled automaton cannot be
        # pickled; rebuilding it from the rows takes under a millisecond.
        return (type(self).from_rows, (self.rows,))

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, str] | LexiconRow]
    ) -> RhetoricLexicon:
        """Build from ``(term, concept)`` pairs or :class:`LexiconRow` objects.

        Terms are stripped; empty terms and duplicate terms are rejected loudly, because a duplicate
        would silently send one surface form to two concepts.
        """
        parsed: list[LexiconRow] = []
        concept_of: dict[str, str] = {}
        for row in rows:
            if not isinstance(row, LexiconRow):
                term, concept = row
                row = LexiconRow(term=term, concept=concept)
            term = row.term.strip()
            concept = (row.concept or "").strip() or term
            if not term:
                raise ValueError("empty term in rhetoric lexicon")
            if term in concept_of:
                raise ValueError(f"duplicate term in rhetoric lexicon: {term!r}")
            concept_of[term] = concept
            parsed.append(
                LexiconRow(term, concept, row.category, row.first_national_use, row.note)
            )
        if not parsed:
            raise ValueError("rhetoric lexicon is empty")
        automaton = ahocorasick_rs.AhoCorasick(
            [row.term for row in parsed], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )
        return cls(rows=tuple(parsed), concept_of=concept_of, _automaton=automaton)

    @classmethod
    def from_csv(cls, path: str | Path) -> RhetoricLexicon:
        """Read ``terms.csv`` (columns term, concept, category, first_national_use, note).

        Unknown categories are an error: the category set is fixed (:data:`CATEGORIES`).
        ``utf-8-sig`` tolerates a BOM should a spreadsheet add one on a later edit.
        """
        rows: list[LexiconRow] = []
        with Path(path).open(encoding="utf-8-sig", newline="") as fh:
            for line_no, rec in enumerate(csv.DictReader(fh), start=2):
                category = (rec.get("category") or "").strip()
                if category and category not in CATEGORIES:
                    raise ValueError(f"{path}:{line_no}: unknown category {category!r}")
                year = (rec.get("first_national_use") or "").strip()
                rows.append(
                    LexiconRow(
                        term=(rec.get("term") or "").strip(),
                        concept=(rec.get("concept") or "").strip(),
                        category=category,
                        first_national_use=int(year) if year else None,
                        note=(rec.get("note") or "").strip(),
                    )
                )
        return cls.from_rows(rows)

    @property
    def terms(self) -> tuple[str, ...]:
        """All surface forms, in file order."""
        return tuple(r.term for r in self.rows)

    @property
    def category_of(self) -> dict[str, str]:
        """Concept → category (the first row of a concept decides)."""
        out: dict[str, str] = {}
        for r in self.rows:
            out.setdefault(r.concept, r.category)
        return out

    def __contains__(self, term: object) -> bool:
        return term in self.concept_of

    def __len__(self) -> int:
        return len(self.rows)

    def iter_matches(self, text: str) -> Iterator[TermMatch]:
        """Yield leftmost-longest non-overlapping matches in text order (see module docstring)."""
        if not text:
            return
        rows = self.rows
        try:
            found = self._automaton.find_matches_as_indexes(text)
        except UnicodeEncodeError:
            found = self._automaton.find_matches_as_indexes(_without_surrogates(text))
        for index, start, end in found:
            yield TermMatch(start, end, rows[index].term)

    def matched_terms(self, text: str) -> list[str]:
        """The counted occurrences' terms in text order, without building a match per hit."""
        if not text:
            return []
        try:
            return self._automaton.find_matches_as_strings(text)
        except UnicodeEncodeError:
            return self._automaton.find_matches_as_strings(_without_surrogates(text))


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """Lone surrogates (from bytes decoded with surrogateescape) cannot cross into Rust as UTF-8.

    No term contains one; U+FFFD in their place keeps every other character's offset.
    """
    return _SURROGATE_RE.sub("\ufffd", text)


def count_terms(text: str, lexicon: RhetoricLexicon) -> dict[str, int]:
    """Count each lexicon term in ``text`` (leftmost-longest, non-overlapping).

    Returns only terms that occur (count > 0); absent terms are implicitly zero. Keys are surface
    forms; use :func:`concept_counts` to group variants.
    """
    return dict(Counter(lexicon.matched_terms(text)))


def concept_counts(term_counts: Mapping[str, int], lexicon: RhetoricLexicon) -> dict[str, int]:
    """Sum per-term counts into per-concept counts (六稳 = 六稳 + 稳就业 + … + 稳预期)."""
    out: Counter[str] = Counter()
    for term, n in term_counts.items():
        out[lexicon.concept_of[term]] += n
    return dict(out)


def text_chars(text: str) -> int:
    """The size a rate is normalised by: characters of clean text, whitespace included.

    ``len(text)`` is what SQL ``length(text)`` gives on both engines, so rates stored in
    ``term_counts`` can be recomputed by a query. Whitespace is a small share of clean text.
    """
    return len(text)


def rate_per_10k(count: int, chars: int) -> float:
    """Occurrences per 10,000 characters; 0.0 for an empty document rather than a division error."""
    if chars <= 0:
        return 0.0
    return count * RATE_BASE / chars


def count_with_rates(text: str, lexicon: RhetoricLexicon) -> dict[str, tuple[int, float]]:
    """Per term: ``(count, rate per 10k chars)`` — the two values a ``term_counts`` row stores."""
    chars = text_chars(text)
    return {t: (n, rate_per_10k(n, chars)) for t, n in count_terms(text, lexicon).items()}
