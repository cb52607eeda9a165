"""Metric lexicon: which written names stand for which metric code.

Built from rows (code, alias) rather than a hard-coded list, so the same class serves the reference
CSV (``seeds/reference/metrics.csv``) and the database's ``metric_aliases`` table. Matching is
longest-alias-first: 一般公共预算总收入 (total) must win over 一般公共预算收入 (local) inside it.

A name only counts when it *is* the subject: what stands before it must be framing (全市, 2023年,
预计, 实现 …) and what follows must be a change/level word (增速, 涨幅, 总量 …). So 单位地区生产总值能耗,
人均生产总值, 跨境电商进出口额 or 第三产业增加值占全市生产总值的比重 are not GDP or trade; unknown
subjects stay uncoded rather than forced (EXTRACTION.md §6).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Words that may stand before a metric name without changing what it measures. Place words, time
# words, frame verbs and markup left by the cleaner (** bold, quotes). Applied repeatedly.
_PREFIX_TOKENS = (
    r"\s|\*|[“”\"'‘’「」『』《》（）()\[\]、—\-－:：]",
    r"各位代表[，,！!]?",
    r"(?:从|到|至)?(?:19|20)\d{2}年(?:度|底|末|全年)?",
    r"今年|去年|上年|全年|年内|当年|本年|明年|上半年|下半年|前三季度|[一二三四1-4]季度|第[一二三四]季度",
    r"\d{1,2}(?:[-－—~～至到]\d{1,2})?月(?:份|末|底)?",
    r"年底|年末|期末|同期|届时|其中|此外|另外|同时|与此同时|总体|初步核算|据初步核算|经初步核算|初步统计|预计数|预计|预期|按照预计",
    r"全市|全区|全县|全省|全州|全盟|全国|我市|本市|我区|本区|全域|市区|城区|市本级|本级|新区|全年|全口径|同口径",
    r"实现|完成|累计|力争|确保|争取|努力|力求|务必|必须|要|将|使|推动|推进|促进|保持|预期|计划|目标|主要|指标|分别|均",
    r"(?![占比较全与为达于高低在对向从到至和及是])[\u4e00-\u9fff]{2,4}(?:市|新区)(?=[\u4e00-\u9fff])",
)
_PREFIX_RE = re.compile("|".join(f"(?:{p})" for p in _PREFIX_TOKENS))

# Words that may follow the name before the verb/value.
_SUFFIX_RE = re.compile(
    r"(?:\s|\*|[“”\"'（）()、:：]|GDP|增速|增幅|涨幅|增长率|增长速度|增长幅度|总量|总额|总值|规模|指数|水平|"
    r"同比|比上年|较上年|比去年|较去年|比上年同期|同比口径|同口径|可比口径|按可比价格计算|按可比价计算|可比价|"
    r"全年|年均|年度|实际|名义|预计|分别|均|都|双双|实现|完成|达|保持|继续|力争|确保|争取|初步|核算|"
    r"比重|占比|金额|额|值|数|人数|为|达到|稳定|基本|总体|整体|运行)*"
)


_MEMO_SIZE = 100_000  # subjects remembered per lexicon; short strings, so a few MB at most


@dataclass(frozen=True)
class MetricMatch:
    """A metric name found in a subject: its code, the alias as written and where it sits."""

    code: str
    alias: str
    start: int
    end: int


@dataclass
class MetricLexicon:
    """Aliases → metric codes, matched longest first with framing guards (see module docstring)."""

    aliases: dict[str, str]
    change_defaults: dict[str, str] = field(default_factory=dict)
    _regex: re.Pattern[str] = field(init=False, repr=False)
    # _regex split by the aliases' first character, each part in _regex's order (longest first).
    # At a position only the aliases starting with the character there can match, so that part
    # finds what _regex finds there, without trying every other alias one by one.
    _by_first: dict[str, re.Pattern[str]] = field(init=False, repr=False, compare=False)
    # Answers already given: half the subjects the extractor asks about were asked before
    # (地区生产总值, 一般公共预算收入 … recur in every report).
    _memo: dict[str, MetricMatch | None] = field(init=False, repr=False, compare=False, default_factory=dict)
    # Answers callers derive from this lexicon (commitments: the subject a region of text names),
    # by the caller's name for them: kept with the lexicon, so they never mix with another
    # lexicon's. The callers bound them.
    _derived: dict[str, dict[Any, Any]] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._by_first = {}
        if not self.aliases:
            self._regex = re.compile(r"(?!x)x")
            return
        ordered = sorted(self.aliases, key=lambda a: (-len(a), a))
        self._regex = re.compile("|".join(re.escape(a) for a in ordered))
        by_first: dict[str, list[str]] = {}
        for a in ordered:
            by_first.setdefault(a[0], []).append(a)
        self._by_first = {c: re.compile("|".join(re.escape(a) for a in group)) for c, group in by_first.items()}

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, str]], change_defaults: dict[str, str] | None = None
    ) -> MetricLexicon:
        """Build from (code, alias) pairs, e.g. rows of the ``metric_aliases`` table.

        An alias listed under two codes keeps the first: the CSV order is the tie-break.
        """
        aliases: dict[str, str] = {}
        for code, alias in rows:
            alias = (alias or "").strip()
            if alias and alias not in aliases:
                aliases[alias] = code
        return cls(aliases=aliases, change_defaults=dict(change_defaults or {}))

    @classmethod
    def from_csv(cls, path: str | Path) -> MetricLexicon:
        """Build from ``metrics.csv`` (code,name_zh,name_en,change_default,aliases with ``|``)."""
        rows: list[tuple[str, str]] = []
        defaults: dict[str, str] = {}
        with open(path, encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh):
                code = rec["code"].strip()
                if rec.get("change_default"):
                    defaults[code] = rec["change_default"].strip()
                names = [rec.get("name_zh") or ""] + (rec.get("aliases") or "").split("|")
                rows.extend((code, n) for n in names if n.strip())
        return cls.from_rows(rows, defaults)

    @property
    def codes(self) -> set[str]:
        return set(self.aliases.values())

    def __getstate__(self) -> dict[str, Any]:
        # Ingest sends the lexicon to each worker process: without the answers, which are cheap
        # to find again.
        state = self.__dict__.copy()
        state["_memo"] = {}
        state["_derived"] = {}
        return state

    def memo(self, name: str) -> dict[Any, Any]:
        """The dict a caller keeps its answers derived from this lexicon in (see _derived)."""
        return self._derived.setdefault(name, {})

    def match(self, subject: str) -> MetricMatch | None:
        """The metric a subject names, or None when it names something else (or nothing known).

        The alias must be reachable from the start through framing words only, and what follows it
        must be change/level words only. Among admissible starts the longest alias wins.
        """
        memo = self._memo
        if subject in memo:
            return memo[subject]
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        best = memo[subject] = self._match(subject)
        return best

    def _match(self, subject: str) -> MetricMatch | None:
        starts = [0]
        pos = 0
        n = len(subject)
        while pos < n:
            m = _PREFIX_RE.match(subject, pos)
            if not m or m.end() == pos:
                break
            pos = m.end()
            starts.append(pos)
        best: MetricMatch | None = None
        by_first = self._by_first
        for s in starts:
            part = by_first.get(subject[s]) if s < n else None
            m = part.match(subject, s) if part is not None else None  # = self._regex.match(subject, s)
            if not m:
                continue
            tail = _SUFFIX_RE.fullmatch(subject, m.end())
            if tail is None:
                continue
            if best is None or len(m.group()) > len(best.alias):
                best = MetricMatch(self.aliases[m.group()], m.group(), m.start(), m.end())
        return best

    def code_for(self, subject: str) -> str | None:
        m = self.match(subject)
        return m.code if m else None
