"""Discovery: phrases not yet in the rhetoric lexicon that rise most between two periods.

The lexicon only counts what someone already thought of. This module proposes additions: it counts
character n-grams (2–6 characters; no segmenter needed, and jieba is too slow and splits slogans)
in the texts of an earlier and a later period, ranks them by signed G² (see
:mod:`tracker.analysis.keyness`), and filters out what a reviewer does not want to see:

* **known terms** — every lexicon match is cut out of the text *before* counting, so no n-gram can
  contain, straddle or sit inside a known term (新质生产力 cannot come back as 质生产力 or
  发展新质生产力); n-grams equal to or contained in a lexicon term are dropped as well, for the
  occurrences outside a match (e.g. 生产力 elsewhere);
* **numbers, Latin letters, punctuation** — counting happens inside runs of CJK ideographs only,
  and n-grams made only of Chinese numerals (二〇二三, 十四) or containing 〇 (used only in dates) are
  dropped;
* **fragments** — an n-gram whose count in the later period is at least ``fragment_ratio`` of the
  count of a one-character-longer n-gram containing it is a piece of that longer phrase (回升向 of
  回升向好): the longer one is kept. Applied repeatedly this climbs to the longest stable phrase;
* **edge particles** — n-grams that start or end with a function character (的, 和, 了 …), which
  are nearly always cut across phrase boundaries;
* **one-city phrases** — an n-gram must occur in at least ``min_spread`` later-period places (pass
  ``(place, text)`` pairs; plain texts count as one source each), so a single city's new project
  or its own name (温州 in a corpus where 温州 reports start in 2021) does not look like a slogan;
* **windows on longer phrases** — a top-ranked 6-gram is grown left and right while the 6-grams
  continuing it keep most of its count (so the 15-character 实现质的有效提升和量的合理增长 is shown
  once, recounted exactly, instead of as ten sliding 6-grams);
* **overlaps in the final list** — walking down the ranking, an n-gram that is a substring or a
  superstring of one already listed, or overlaps its end or start by at least half its length, is
  skipped.

The output is a review list, not truth: a person decides what becomes a lexicon row.

Speed: counting is ``collections.Counter`` over lists of string slices (the counting loop runs in
C). Two two-year periods of work reports (~1.4 M characters, ~4 MB each) take about 6 s; the whole
24 MB corpus split in two about 20 s and 1.2 GB of memory. For more, sample documents per period.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from tracker.analysis.keyness import keyness_frame
from tracker.extract.rhetoric import RhetoricLexicon

# CJK Unified Ideographs plus Extension A; 〇 (U+3007) is kept inside runs so that dates such as
# 二〇二〇年 stay whole and can be recognised and dropped, instead of splitting into odd pieces.
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3007]+")

_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")

# Characters that almost never begin / end a slogan but often sit at the edge of an n-gram cut
# across two phrases. Deliberately short: 以 and 为 begin and end real slogans (以进促稳, 以人民为中心).
_BAD_START = frozenset("的了和与及或等之着是并而也都其")
_BAD_END = frozenset("的了和与及或并而也都在对把被向从将是着其于")


@dataclass(frozen=True)
class DiscoveryOptions:
    """Thresholds for :func:`discover`; the defaults suit two-year periods of ~35 reports each."""

    n_min: int = 2
    n_max: int = 6
    min_count: int = 8  # occurrences in the later period
    min_spread: int = 5  # later-period places (or documents) containing the n-gram
    min_log_ratio: float = 2.0  # rate at least quadrupled: new slogans, not words that grew 50%
    fragment_ratio: float = 0.8
    top: int = 30


def _runs(text: str, lexicon: RhetoricLexicon | None) -> list[str]:
    """CJK runs of ``text`` with every lexicon match cut out (a cut ends a run)."""
    if lexicon is not None:
        pieces: list[str] = []
        pos = 0
        for m in lexicon.iter_matches(text):
            pieces.append(text[pos : m.start])
            pos = m.end
        pieces.append(text[pos:])
        text = "\n".join(pieces)
    return _CJK_RUN.findall(text)


@dataclass
class _PeriodCounts:
    """n-gram counts of one period by n, with their spread (places containing them)."""

    count: dict[int, Counter[str]]
    spread: dict[int, Counter[str]]  # places (or documents, for plain texts) containing the n-gram
    chars: int
    n_docs: int
    by_source: dict[object, list[str]]  # per place, its documents' runs: for exact recounts

    def exact(self, phrase: str) -> tuple[int, int]:
        """(occurrences, places) of a phrase of any length, outside lexicon matches."""
        per_source = [sum(s.count(phrase) for s in texts) for texts in self.by_source.values()]
        return sum(per_source), sum(1 for c in per_source if c)


Document = str | tuple[object, str]
"""A text, or a ``(place, text)`` pair. With pairs, spread counts distinct places, so a city with
several documents in a period counts once; plain texts each count as their own source."""


def _count_period(
    docs: Iterable[Document], lexicon: RhetoricLexicon | None, n_min: int, n_max: int
) -> _PeriodCounts:
    by_source: dict[object, list[str]] = {}
    chars = 0
    n_docs = 0
    for i, doc in enumerate(docs):
        source, text = doc if isinstance(doc, tuple) else (i, doc)
        n_docs += 1
        chars += len(text)  # same denominator as the rhetoric rates: characters of clean text
        # One string per document with runs separated by newlines: slicing one long string is
        # faster than looping over many short runs. N-grams that straddle a newline are counted
        # here (cheaper than testing every slice) and dropped when candidates are chosen.
        by_source.setdefault(source, []).append("\n".join(_runs(text, lexicon)))
    count: dict[int, Counter[str]] = {n: Counter() for n in range(n_min, n_max + 1)}
    spread: dict[int, Counter[str]] = {n: Counter() for n in range(n_min, n_max + 1)}
    for texts in by_source.values():
        for n in range(n_min, n_max + 1):
            seen: set[str] = set()
            for s in texts:
                grams = [s[i : i + n] for i in range(len(s) - n + 1)]
                count[n].update(grams)
                seen.update(grams)
            spread[n].update(seen)
    return _PeriodCounts(count, spread, chars, n_docs, by_source)


def _is_junk(gram: str) -> bool:
    if "\n" in gram or "〇" in gram or all(ch in _NUMERALS for ch in gram):
        return True
    return gram[0] in _BAD_START or gram[-1] in _BAD_END


def _overlaps(a: str, b: str) -> bool:
    """True if one contains the other, or one's end overlaps the other's start by at least half of
    the shorter one (and at least 2 characters): then they are two windows on the same phrase."""
    if a in b or b in a:
        return True
    need = max(2, (min(len(a), len(b)) + 1) // 2)
    for k in range(min(len(a), len(b)) - 1, need - 1, -1):
        if a[-k:] == b[:k] or b[-k:] == a[:k]:
            return True
    return False


class _Extender:
    """Grows a maximal-length n-gram into the longer phrase it is a window of.

    With n_max = 6 a 9-character slogan shows up as four overlapping 6-grams of nearly equal count
    (质的有效提升, 有效提升和量, …). Starting from one, we step right (left) while the best 6-gram
    continuing the last (first) five characters keeps at least ``ratio`` of the seed's count. The
    result is recounted exactly afterwards, so a wrong step only costs a slightly odd phrase.
    """

    def __init__(self, grams: Counter[str], floor: float, ratio: float, max_len: int = 24) -> None:
        self.ratio = ratio
        self.max_len = max_len
        self.right: dict[str, tuple[int, str]] = {}
        self.left: dict[str, tuple[int, str]] = {}
        for gram, c in grams.items():
            if c >= floor and "\n" not in gram:  # never grow across a run boundary
                head, tail = gram[:-1], gram[1:]
                if c > self.right.get(head, (0, ""))[0]:
                    self.right[head] = (c, gram[-1])
                if c > self.left.get(tail, (0, ""))[0]:
                    self.left[tail] = (c, gram[0])
        self.k = len(next(iter(grams), "")) - 1 if grams else 0

    def extend(self, seed: str, seed_count: int) -> str:
        if self.k <= 0 or len(seed) != self.k + 1:
            return seed
        phrase = seed
        while len(phrase) < self.max_len:
            c, ch = self.right.get(phrase[-self.k :], (0, ""))
            if c < self.ratio * seed_count:
                break
            phrase += ch
        while len(phrase) < self.max_len:
            c, ch = self.left.get(phrase[: self.k], (0, ""))
            if c < self.ratio * seed_count:
                break
            phrase = ch + phrase
        return phrase


def discover(
    before: Iterable[Document],
    after: Iterable[Document],
    lexicon: RhetoricLexicon | None = None,
    options: DiscoveryOptions | None = None,
) -> pd.DataFrame:
    """Rank n-grams that rose from ``before`` to ``after`` texts, filtered for review.

    Returns the top ``options.top`` rows with columns ``ngram, n, count_before, count_after,
    spread_before, spread_after, per10k_before, per10k_after, g2, log_ratio``; ``attrs`` carries the
    period sizes and the elapsed seconds.
    """
    opt = options or DiscoveryOptions()
    t0 = time.perf_counter()
    pb = _count_period(before, lexicon, opt.n_min, opt.n_max)
    pa = _count_period(after, lexicon, opt.n_min, opt.n_max)
    known: Sequence[str] = lexicon.terms if lexicon is not None else ()

    # Longest extension count per n-gram, in the later period: the evidence for "fragment".
    # Only extensions that could reach fragment_ratio * min_count matter, which keeps this loop small.
    ext_floor = opt.min_count * opt.fragment_ratio
    max_ext: Counter[str] = Counter()
    for n in range(opt.n_min + 1, opt.n_max + 1):
        for gram, c in pa.count[n].items():
            if c >= ext_floor and "\n" not in gram:
                for sub in (gram[:-1], gram[1:]):
                    if c > max_ext[sub]:
                        max_ext[sub] = c

    rows: list[tuple[str, int, int, int, int, int]] = []
    for n in range(opt.n_min, opt.n_max + 1):
        ca, da, cb, db = pa.count[n], pa.spread[n], pb.count[n], pb.spread[n]
        for gram, c_after in ca.items():
            if c_after < opt.min_count or da[gram] < opt.min_spread:
                continue
            if _is_junk(gram) or max_ext[gram] >= opt.fragment_ratio * c_after:
                continue
            if any(gram in term for term in known):
                continue
            rows.append((gram, n, cb[gram], c_after, db[gram], da[gram]))

    cols = ["ngram", "n", "count_before", "count_after", "spread_before", "spread_after"]
    table = pd.DataFrame(rows, columns=cols)
    table["per10k_before"] = table["count_before"] * 10_000 / max(pb.chars, 1)
    table["per10k_after"] = table["count_after"] * 10_000 / max(pa.chars, 1)
    stats = keyness_frame(table["count_after"], table["count_before"], pa.chars, pb.chars)
    table["g2"] = stats["g2"]
    table["log_ratio"] = stats["log_ratio"]
    table = table[(table["g2"] > 0) & (table["log_ratio"] >= opt.min_log_ratio)]
    table = table.sort_values(["g2", "ngram"], ascending=[False, True])

    extender = _Extender(pa.count[opt.n_max], ext_floor, opt.fragment_ratio)
    picked: list[tuple[str, int, int, int, int, int]] = []
    for gram, n, cb_, ca_, db_, da_ in table[cols].itertuples(index=False, name=None):
        phrase = extender.extend(gram, ca_) if n == opt.n_max else gram
        if phrase != gram:
            ca_, da_ = pa.exact(phrase)
            cb_, db_ = pb.exact(phrase)
        if any(_overlaps(phrase, other[0]) for other in picked):
            continue
        picked.append((phrase, len(phrase), cb_, ca_, db_, da_))
        if len(picked) >= opt.top:
            break
    out = pd.DataFrame(picked, columns=cols)
    out["per10k_before"] = out["count_before"] * 10_000 / max(pb.chars, 1)
    out["per10k_after"] = out["count_after"] * 10_000 / max(pa.chars, 1)
    stats = keyness_frame(out["count_after"], out["count_before"], pa.chars, pb.chars)
    out["g2"] = stats["g2"]
    out["log_ratio"] = stats["log_ratio"]
    out = out.sort_values(["g2", "ngram"], ascending=[False, True]).reset_index(drop=True)
    out.attrs.update(
        chars_before=pb.chars,
        chars_after=pa.chars,
        docs_before=pb.n_docs,
        docs_after=pa.n_docs,
        seconds=round(time.perf_counter() - t0, 3),
    )
    return out
