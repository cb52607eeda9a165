"""Commitments: quantitative targets and reported outcomes from clean simplified text.

Pure function of the text (plus the publication date and document type). The shape follows
EXTRACTION.md: quantity tokens are found once with a compiled regex (numbers.py), each one is read in
its clause — subject, verb, hedge, frame word — and placed in time by the document's zones (zones.py)
and the time words around it (periods.py). 分别/均 lists pair subjects with values (lists.py).

Design choices worth knowing:
- Recall is traded for precision where a reading is unsure: counts that don't pair, subjects that
  don't resolve and numbers that classify something else (20亿元以上项目) emit nothing.
- Metric names are only coded when they *are* the subject (lexicon.py); other subjects are kept as
  written with metric_code None (deliverables like 建成38个中小学幼儿园项目).
- Every record satisfies text[char_start:char_end] == quote, with the value's digits in the quote
  (or, for a value written as a word, the word: 全部, 翻一番, 一半).
- News, meetings and interviews (one "news" zone) are read differently from work reports: a
  part-year cue carries over the sentences of its paragraph, kind comes from the intent markers of
  the statement's own sentence (context.py), and uncoded subjects are tidied down to the thing
  counted — not the actor, a time word or a bare verb (推进37个建设项目 → 建设项目). Counts that
  only describe something (survey shares, 对-phrase objects, project pools, policy packages,
  durations, absolute changes of a count) emit nothing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import operator
import re
from dataclasses import asdict, dataclass, fields, replace
from re import _parser as re_parser  # type: ignore[attr-defined] # the stdlib's own pattern parser: a pattern's longest match
from typing import Any, Final, NamedTuple

from .hedges import NOT_QUALIFIER, POST_HEDGE_FIRST, POST_HEDGE_RE, PRE_HEDGE_RE, bound_for, strength_for
from .lexicon import MetricLexicon
from .context import TimeContext, in_named_title, intent
from .lists import ListItem, complete_items, expand_urban_rural, split_subjects
from .numbers import Quantity, base_value, find_quantities, find_word_values
from .periods import TIME_CHARS_RE, Period, TimeCue, span_period, time_cues
from .scanning import scanner
from .zones import (
    NEWS, NOTES, PLAN, PLAN_MULTI, REVIEW, REVIEW_MULTI, Zone, delivered_year_before, looks_like_work_report,
    zone_document,
)


@dataclass(frozen=True)
class Commitment:
    """One target or outcome as stated in one place of one document."""

    metric_code: str | None
    subject: str | None
    kind: str
    period: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    change: str | None
    value: float | None
    value_low: float | None
    value_high: float | None
    stretch: float | None
    unit: str | None
    value_base: float | None
    unit_base: str | None
    qualifier: str | None
    bound: str | None
    strength: str
    strength_word: str | None
    relation: str | None
    note: str | None
    quote: str
    char_start: int
    char_end: int

    # Written out for mypyc to compile: see numbers.Quantity.__init__.
    def __init__(
        self,
        metric_code: str | None,
        subject: str | None,
        kind: str,
        period: str | None,
        period_start: dt.date | None,
        period_end: dt.date | None,
        change: str | None,
        value: float | None,
        value_low: float | None,
        value_high: float | None,
        stretch: float | None,
        unit: str | None,
        value_base: float | None,
        unit_base: str | None,
        qualifier: str | None,
        bound: str | None,
        strength: str,
        strength_word: str | None,
        relation: str | None,
        note: str | None,
        quote: str,
        char_start: int,
        char_end: int,
    ) -> None:
        object.__setattr__(self, "metric_code", metric_code)
        object.__setattr__(self, "subject", subject)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "period", period)
        object.__setattr__(self, "period_start", period_start)
        object.__setattr__(self, "period_end", period_end)
        object.__setattr__(self, "change", change)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "value_low", value_low)
        object.__setattr__(self, "value_high", value_high)
        object.__setattr__(self, "stretch", stretch)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "value_base", value_base)
        object.__setattr__(self, "unit_base", unit_base)
        object.__setattr__(self, "qualifier", qualifier)
        object.__setattr__(self, "bound", bound)
        object.__setattr__(self, "strength", strength)
        object.__setattr__(self, "strength_word", strength_word)
        object.__setattr__(self, "relation", relation)
        object.__setattr__(self, "note", note)
        object.__setattr__(self, "quote", quote)
        object.__setattr__(self, "char_start", char_start)
        object.__setattr__(self, "char_end", char_end)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("period_start", "period_end"):
            if d[k] is not None:
                d[k] = d[k].isoformat()
        return d


# Commitment(...) sets each of its 23 fields through object.__setattr__ (a frozen dataclass), a
# fifth of the time spent settling a draft. _commitment gives the instance its fields as one dict
# in field order instead: the same object for ==, hash, repr, asdict and pickle, ten times faster
# to make. (A plain dict takes about 0.6 KB more than the inline values __init__ would leave.)
_COMMITMENT_FIELDS: Final = tuple(f.name for f in fields(Commitment))
# Compiled by mypyc (see tracker/extract/native.py), this module is an extension: no .py __file__.
_COMPILED: Final = not __file__.endswith(".py")


def _commitment(values: dict[str, Any]) -> Commitment:
    """A Commitment with `values` as its fields: every field, in declaration order.

    _settle is the one caller, with a dict literal; tests/extract/test_fast_paths.py checks the
    order on every record of the seeds (an assert here cost about 1% of all extraction time).
    Both builds rely on that order: the pure one keeps the dict as the instance's __dict__; the
    compiled one (no __dict__) passes the values by position, since passing 23 keywords made the
    compiled constructor parse them by name, 2.9 µs a record against 0.6.
    """
    if _COMPILED:
        return Commitment(*values.values())
    c = object.__new__(Commitment)
    object.__setattr__(c, "__dict__", values)
    return c


# --- boundaries -----------------------------------------------------------------------------
# Sentence ends (estimate scope), segment ends (；: each item of a list is its own statement), and
# clause ends (，: subject inheritance reaches back over these within a segment).
_SEG_RE: Final = re.compile(r"[。！？!?\n；;]")
_SENT_CHARS: Final = "。！？!?\n"  # _SEG_RE's characters that end a sentence, not only a segment
_SEG_CHARS: Final = _SENT_CHARS + "；;"  # all of _SEG_RE's characters
_CLAUSE_RE: Final = re.compile(r"[。！？!?\n；;，,：:（）()]")

# --- verbs ----------------------------------------------------------------------------------
_DOWN: Final = r"下降|降低|减少|下滑|回落|缩小|缩减|削减|压减|下调"
# A bare 增 (同比增5%) must not be read out of 增加到/增长到 (a level: 增加到2021年的3244亿元) once the
# full verb has been refused by the (?!到|至) guards below.
_UP: Final = r"增长|增加|上涨|上升|提高|提升|扩大|回升|攀升|增收|增(?![加长])"
_GROWTH_VERB: Final = rf"(?:同比|比上年|较上年|比去年|较去年|比上年同期|年均|平均)?(?:{_DOWN}|{_UP})"
_LEVEL_VERB: Final = (
    r"(?:提高|提升|增加|增长|上升|下降|降低|减少|回落|扩大|缩小|压减|压缩)(?:到|至)|增至|降至|达到|达|为|是|"
    r"实现|完成|保持在|控制在|稳定在|维持在|保持|稳定|突破|超过|迈上|跃上|站上|跨上|迈过|占|"
    r"确定为|定为|设定为|调整为|预计为|拟按|拟|按"
)
_DELIVER_VERB: Final = (
    r"新建|建成|建设|开工|竣工|完工|引进|培育|举办|实施|打造|改造|提供|创建|新开工|新增开工|完成|启动|"
    r"推出|组织|开展|落地|签约|招引|投用|投运|获批|认定|入选|净增|累计|新培育|新引进|建|办"
)
_FRAME: Final = r"力争|确保|争取|努力|力求|务必|必须|预计|预期|计划|要|将|可|有望|已|已经|再|继续|进一步|持续|分别|均|都|双双|约|共|合计|总计"
_HEDGE_PRE: Final = r"不低于|不少于|不超过|不高于|至少|最多|最高|最低|超过|突破|迈上|跃上|站上|迈过|跨上|不到|不足|低于|高于|约|超|逾|近"
_TIMEW: Final = (
    r"(?:从|到|至)?(?:19|20)\d{2}年(?:度|底|末)?(?:的)?|全年|今年|当年|年内|上半年|下半年|前三季度|[一二三四]季度|"
    r"\d{1,2}[-—至到]\d{1,2}月(?:份)?|年均|两年平均|三年平均|平均|同比|比上年|较上年|比去年|较去年|比上年同期|"
    # Comparison bases: 增速比一季度回落3.1个百分点, 较1-5月提高0.5个百分点.
    r"(?:比|较)(?:[一二三四]季度|上半年|前三季度|\d{1,2}[-—至到]\d{1,2}月(?:份)?|上月|上季度|去年同期|上年同期)"
)
# The tail of an item's text between its subject and its value: verbs, hedges, time words, frame
# words, in any order (e.g. 全年增长, 增长目标确定为, 提高到2021年的, 分别增长, 总量超过).
_TRAIL_RE: Final = re.compile(
    rf"(?:\s|\*|的|增长目标|目标|{_TIMEW}|{_HEDGE_PRE}|{_LEVEL_VERB}|{_GROWTH_VERB}|{_FRAME}|{_DELIVER_VERB}|"
    r"增速|增幅|涨幅|增长率|"
    # How much or how steadily, written before the verb: 城镇新增就业显著增加12万人, 大幅下降.
    r"(?:最|更加|更)?(?:显著|明显)|大幅度|大幅|小幅|稳步|较快|快速|平稳|逐年|"
    # How a growth rate was computed, written between the metric (or its level) and the verb:
    # 地区生产总值14050亿元、可比价增长8% / 地方级财政收入647.9亿元，同口径增长8.6%.
    r"同口径|可比口径|同比口径|可比价格|可比价|按可比价格计算|按可比价计算|按现价计算|名义|实际)+$"
)
# Every character a trail can hold is written in _TRAIL_RE's pattern (literal words, \s, \d and
# classes of literal characters, no ranges), so a trail cannot start before the last character of
# an item outside that set: _trail searches from there. Searched from the item's start, the big
# alternation is tried at every position of every item (5% of all extraction time).
_TRAIL_CHARS: Final = "".join(sorted(set(_TRAIL_RE.pattern) | set("0123456789")))


def _trail(item_text: str) -> re.Match[str] | None:
    """Exactly ``_TRAIL_RE.search(item_text)``, started where a match can start."""
    k = len(item_text.rstrip(_TRAIL_CHARS))
    if k and (item_text[k - 1].isdecimal() or item_text[k - 1].isspace()):
        k = 0  # \d or \s may match it (digits and spaces of other scripts): search it all
    return _TRAIL_RE.search(item_text, k)


def _trail_start(item_text: str) -> int:
    """Where the trail of an item starts (``_trail``), ``len(item_text)`` for none.

    _TRAIL_RE has no lookbehind, so its search from where a trail can start (_trail) depends on
    the text from there on only: the answer is looked up by that tail of verb, hedge and time
    words. The corpus has about 2,900 distinct tails among 85,000 items, against 46,000 distinct
    item texts (the key this cache had before).
    """
    k = len(item_text.rstrip(_TRAIL_CHARS))
    if k and (item_text[k - 1].isdecimal() or item_text[k - 1].isspace()):
        trail = _TRAIL_RE.search(item_text)  # _trail's search of it all
        return trail.start() if trail else len(item_text)
    return k + _tail_trail_start(item_text[k:])


@functools.lru_cache(maxsize=8192)
def _tail_trail_start(tail: str) -> int:
    """Where _TRAIL_RE's search of `tail` finds a trail, ``len(tail)`` for none."""
    trail = _TRAIL_RE.search(tail)
    return trail.start() if trail else len(tail)


_FRAME_LEAD_RE: Final = re.compile(r"(?:要求|确保|力争|争取|努力|力求|务必|必须|预计全年|预计|初步核算|按照预计|据初步核算|要|将|实现|完成|全年实现|全年)+")
_LEAD_RE: Final = re.compile(r"^(?:\s|\*|[、“”\"'‘’]|其中|以及|和|及|与|并且|并|同时|此外|另外|而)+")
# The characters a _LEAD_RE match can start with, besides whitespace.
_LEAD_FIRST: Final = frozenset("*、“”\"'‘’其以和及与并同此另而")


def _lead_len(s: str) -> int:
    """The length of the joining words that open `s` (_LEAD_RE), 0 for none.

    Most subjects open on none, and one look at the first character settles that.
    """
    if not s or (s[0] not in _LEAD_FIRST and not s[0].isspace()):
        return 0
    m = _LEAD_RE.match(s)
    return m.end() if m else 0


_GROWTH_RE: Final = re.compile(rf"{_GROWTH_VERB}(?!到|至)|增速|增幅|涨幅|增长率|增长目标|增长速度")
_LEVELV_RE: Final = re.compile(_LEVEL_VERB)
_DOWN_RE: Final = re.compile(rf"(?:{_DOWN})(?!到|至)")
_DELIVER_ONLY_RE: Final = re.compile(rf"^(?:{_DELIVER_VERB}|{_FRAME}|\s)*$")
_RATE_SUBJECT_RE: Final = re.compile(r"率|比重|占比|比例|强度|指数|覆盖率")
_SHARE_RE: Final = re.compile(r"占.{0,20}(?:比重|比例)|占比")
_ANAPHOR_RE: Final = re.compile(r"^(?:总量|总额|规模|总规模|增速|增幅|其中|全年|同口径|可比口径|按可比价格计算|按可比价计算)+$")
_LIST_MARK_RE: Final = re.compile(
    r"分别|(?<![人年平日月])均(?=[^，,；;。]{0,6}?(?:增长|为|达|实现|保持|超过|在|高于|下降|提高|控制|突破|增加|减少))"
    r"|(?<![首成京])都(?=增长|为|达|实现|保持|超过|高于)|双双"
)
_LIST_MARK_FIRST_RE: Final = re.compile(r"[分均都双]")  # the first character of every list mark above
_POST_NOUN_RE: Final = re.compile(r"[^，,；;。！？!?、：:（）()\s\d]{1,20}")
_ESTIMATE_WORD: Final = "预计"
_AFTER_OK_RE: Final = re.compile(
    rf"{_GROWTH_VERB}|{_LEVEL_VERB}|"
    r"$|[，,；;。、：:！!？?（()）\s”\"’'*—\-]|和|与|及|或|并|同比|比上年|较上年|其中|位居|居|排名|分别|的?(?:新台阶|大关|台阶|关口|目标|水平)"
)
_PRELIM_WORDS: Final = ("初步核算", "初步统计")  # both four characters long (_note_for)

# Value-less comparisons (EXTRACTION.md §3.9). The relation text is kept as written.
_REL_FIRST: Final = "与同高快不略明超基持正在"  # the first character of every comparison below
_REL_RE: Final = re.compile(
    # The ceiling branch starts after 控制在/保持在/稳定在: the match takes the 在, the relation not.
    rf"(?=[{_REL_FIRST}])(?:(?<=[制持定])在)?"
    r"(?P<rel>(?:与|同)(?:上年|去年|上年度|经济增长|经济增速|经济发展|地区生产总值增长|GDP增长|生产总值增长)"
    r"(?:基本|总体)?(?:保持)?(?:基本)?(?:同步|持平|相适应|相协调|相匹配)"
    r"|(?:高于|快于|不低于|略高于|明显高于|超过)(?:全国|全省|全市|经济增速|经济增长|地区生产总值增速|GDP增速|"
    # 高于城镇居民增速: the comparator's own rate word stays in the relation.
    r"城镇居民|农村居民|城镇|农村|[^，,；;。、\d]{0,8}?(?:平均水平|增速|增幅))(?:平均)?(?:水平|增速|增幅)?"
    # A ceiling set elsewhere, after 控制在/保持在/稳定在: 省定标准以内, 省调控目标以内.
    r"|(?<=[制持定]在)[^，,；;。、\d\s]{0,6}?(?:标准|目标|调控目标|控制目标|指标)(?:以内|之内|范围内)"
    r"|(?:基本)?持平|正增长)"
)
_REL_FIRST_RE: Final = re.compile(f"[{_REL_FIRST}]")
# Every comparison above holds one of these words (each branch ends or starts on one), and no two
# of them can overlap. A comparison is at most _REL_MAX_LEN long, so it lies within that distance
# of one of them: _comparisons scans only there, about 2% of a text.
_REL_ANCHOR_RE: Final = re.compile(r"同步|持平|相适应|相协调|相匹配|高于|快于|低于|超过|以内|之内|范围内|正增长")
_REL_MAX_LEN: Final = re_parser.parse(_REL_RE.pattern).getwidth()[1]
_REL_SUBJ_TRIM_RE: Final = re.compile(
    r"(?:增速|增幅|增长速度|涨幅|增长|保持|实现|继续|力争|确保|控制|稳定|维持|[保稳控维][持定制]在|\*|\s)+$"
)


@dataclass(slots=True)
class _Subject:
    """A resolved subject: text as written, completed text, code, span."""

    written: str
    text: str
    code: str | None
    start: int
    end: int

    # Written out for mypyc to compile: see numbers.Quantity.__init__.
    def __init__(self, written: str, text: str, code: str | None, start: int, end: int) -> None:
        self.written = written
        self.text = text
        self.code = code
        self.start = start
        self.end = end


class _Ctx:
    """Per-document state shared by the clause readers."""

    def __init__(
        self, text: str, lexicon: MetricLexicon, published: dt.date | None, doc_type: str | None
    ) -> None:
        self.text = text
        self.lexicon = lexicon
        self.published = published
        self.year = published.year if published else None
        is_report = doc_type == "work_report" or (doc_type is None and looks_like_work_report(text))
        if is_report and published is not None and published.month == 12 and published.day > 1:
            self.year = published.year + 1  # delivered in December: the report of next year
        # The calendar year of writing, when a report was delivered the year before its own.
        self.now: int | None = None
        if is_report and self.year is not None and (
            (published is not None and published.year == self.year - 1) or delivered_year_before(text, self.year)
        ):
            self.now = self.year - 1
        self.zoning = zone_document(text, self.year, doc_type)
        # The matches of _SEG_RE, found a character at a time by str.find (_positions), which skips
        # ahead with memchr: _SEG_RE.finditer tests every character of the text against its class,
        # at about ten times the cost. Sentence ends (。！？!?\n) are the segment ends but ；/;.
        ends_of = {c: _positions(text, c) for c in _SEG_CHARS}
        self.seg_ends = sorted(itertools.chain.from_iterable(ends_of.values()))
        self.sent_ends = sorted(itertools.chain.from_iterable(ends_of[c] for c in _SENT_CHARS))
        # Time cues of the segment being read (set by _read_segment); queried by range with bisect.
        self.cues: list[TimeCue] = []
        self.cue_starts: list[int] = []
        # News, meetings, interviews: one zone, so time and intent come from the running text.
        self.is_news = self.zoning.at(0).name == NEWS and self.zoning.single
        self.time_context: TimeContext | None = None
        # Only where 调查 is written (as before: 据抽样 alone never marked a survey).
        self.survey_spans = _survey_spans(text) if "调查" in text else []
        self.clean_memo: dict[str, tuple[int, int, str | None] | None] = lexicon.memo("clean_subject")
        # Value-less comparisons of the whole text: they mark segments to read, and a clause no hit
        # overlaps holds none (see _relation_only).
        self.rel_hits = _comparisons(text)
        self.rel_ends = [m.end() for m in self.rel_hits]
        # Where the words of notes are (_note_for asks about every outcome): found once, then
        # looked up by position instead of searching the sentence or paragraph each time.
        self.line_ends = ends_of["\n"]
        self.prelim_at = sorted(k for word in _PRELIM_WORDS for k in _positions(text, word))
        self.estimate_at = _positions(text, _ESTIMATE_WORD)
        self.estimate_nums_at = _positions(text, "预计数")
        self.accounted_at = _positions(text, "初步核算")
        if self.is_news:
            self.time_context = TimeContext(text, _real_cues(text, time_cues(text, self.year, news=True)))

    def load_cues(self, start: int, end: int, zone: Zone | None = None) -> None:
        if TIME_CHARS_RE.search(self.text, start, end) is None:
            # time_cues finds nothing without these characters (four segments in five): the
            # same answer without the call.
            self.cues, self.cue_starts = [], []
            return
        cues = time_cues(self.text, self.year, start, end, news=self.is_news, now=self.now)
        if not cues:
            self.cues, self.cue_starts = cues, []
            return
        cues = _real_cues(self.text, cues)
        if self.now is not None and zone is not None and zone.name in (PLAN, PLAN_MULTI):
            # A December report's plan part may still call the planned year 今年 (今年将继续为民兴办
            # 10件实事): there it names the zone's year, not the year of writing.
            cues = [
                replace(c, period=None, kind=None, generic=True)
                if self.text.startswith(("今年", "本年度"), c.start) and c.end - c.start <= 3 else c
                for c in cues
            ]
        self.cues = cues
        self.cue_starts = [c.start for c in self.cues]

    def has_comparison_in(self, start: int, end: int) -> bool:
        """Whether a comparison of the whole text (rel_hits) overlaps [start, end)."""
        i = bisect.bisect_right(self.rel_ends, start)
        return i < len(self.rel_ends) and self.rel_hits[i].start() < end

    def has_cue_in(self, start: int, end: int) -> bool:
        """Whether a cue starts in [start, end) (whatever its end)."""
        i = bisect.bisect_left(self.cue_starts, start)
        return i < len(self.cue_starts) and self.cue_starts[i] < end

    def cues_in(self, start: int, end: int) -> list[TimeCue]:
        i = bisect.bisect_left(self.cue_starts, start)
        j = bisect.bisect_left(self.cue_starts, end, i)
        if i == j:
            return []  # most queries: no cue in the range
        return [c for c in self.cues[i:j] if c.end <= end]


def _comparisons(text: str) -> list[re.Match[str]]:
    """The matches of ``_REL_RE.finditer(text)``, found in the windows around its anchor words.

    _REL_RE has no anchor, no negative lookahead and no end-of-text test, so within a window that
    holds every match it could start there, scanning the window finds what scanning the whole text
    finds; outside the windows there is nothing to find.
    """
    windows: list[list[int]] = []
    for m in _REL_ANCHOR_RE.finditer(text):
        ws, we = max(0, m.start() - _REL_MAX_LEN), m.start() + _REL_MAX_LEN
        if windows and ws <= windows[-1][1]:
            windows[-1][1] = we
        else:
            windows.append([ws, we])
    return [m for ws, we in windows for m in _REL_RE.finditer(text, ws, we)]


def _positions(text: str, word: str) -> list[int]:
    """Every index where `word` starts in `text`, in order."""
    out: list[int] = []
    k = text.find(word)
    while k >= 0:
        out.append(k)
        k = text.find(word, k + 1)
    return out


def _first_within(positions: list[int], length: int, start: int, end: int) -> int:
    """``text.find(word, start, end)`` for a word of `length` found at `positions` (sorted)."""
    i = bisect.bisect_left(positions, start)
    if i < len(positions) and positions[i] + length <= end:
        return positions[i]
    return -1


def _real_cues(text: str, cues: list[TimeCue]) -> list[TimeCue]:
    """Time cues that are times, not parts of a name (“2019年温州春季系列人才交流大会”)."""
    return [c for c in cues if not in_named_title(text, c.start, c.end)]


def extract_commitments(
    text: str,
    *,
    lexicon: MetricLexicon,
    published: dt.date | None = None,
    doc_type: str | None = None,
    digits_missing: bool = False,
) -> list[Commitment]:
    """All commitments (targets and outcomes) stated in `text`, in text order.

    `published` gives the reference year (a work report published in 2024 reviews 2023 and plans
    2024); None leaves relative periods None. `doc_type` is work_report|news|interview|meeting|plan
    or None (work reports are then recognized from their text). `digits_missing` (a quality flag
    of the cleaned document) means the text lost its Arabic digits: what survives are fragments
    (a stray 九成 among "增长月至月"), so no value is read from it; value-less comparisons remain.
    """
    ctx = _Ctx(text, lexicon, published, doc_type)
    quantities = find_quantities(text)
    words = find_word_values(text)
    if words:
        quantities = sorted(quantities + words, key=operator.attrgetter("start"))
    # Segments that hold something to read, by the index in seg_ends of their end, with their
    # quantities in text order. (Neither a quantity nor a comparison starts on a segment end.)
    ends = ctx.seg_ends
    by_seg: dict[int, list[Quantity]] = {}
    group: list[Quantity] = []
    last = -1
    for q in quantities:  # in text order, so a segment's quantities come together
        i = bisect.bisect_left(ends, q.start)
        if i != last:
            last, group = i, by_seg.setdefault(i, [])
        group.append(q)
    for m in ctx.rel_hits:
        by_seg.setdefault(bisect.bisect_left(ends, m.start()), [])
    out: list[Commitment] = []
    for i in sorted(by_seg):
        s = ends[i - 1] + 1 if i > 0 else 0
        e = ends[i] if i < len(ends) else len(text)
        out.extend(_read_segment(ctx, s, e, by_seg[i]))
    out.sort(key=operator.attrgetter("char_start", "char_end"))
    if digits_missing:
        out = [c for c in out if c.value is None and c.value_low is None]
    return out


def _sentence_start(ctx: _Ctx, pos: int) -> int:
    i = bisect.bisect_left(ctx.sent_ends, pos)
    return ctx.sent_ends[i - 1] + 1 if i > 0 else 0


# --- segment reader ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """A record before kind/period are settled."""

    subject: _Subject | None
    q: Quantity | None
    qualifier: str | None
    verb_text: str  # text between subject and value (verbs, hedges, time words)
    clause_start: int
    quote_start: int
    quote_end: int
    relation: str | None = None
    stretch: float | None = None
    item_start: int = -1  # where this item's own words begin (after the previous value)
    clause_first_q: int = -1  # where the clause's first quantity starts
    goal: bool = False  # the value is the content of a quoted goal: “投资增长25%”的奋斗目标

    # Written out for mypyc to compile: see numbers.Quantity.__init__.
    def __init__(
        self, subject: _Subject | None, q: Quantity | None, qualifier: str | None, verb_text: str,
        clause_start: int, quote_start: int, quote_end: int, relation: str | None = None,
        stretch: float | None = None, item_start: int = -1, clause_first_q: int = -1, goal: bool = False,
    ) -> None:
        self.subject = subject
        self.q = q
        self.qualifier = qualifier
        self.verb_text = verb_text
        self.clause_start = clause_start
        self.quote_start = quote_start
        self.quote_end = quote_end
        self.relation = relation
        self.stretch = stretch
        self.item_start = item_start
        self.clause_first_q = clause_first_q
        self.goal = goal


@dataclass(slots=True)
class _SegState:
    """What later clauses of a segment may refer back to.

    `counted` is the last set counted in the segment (交办了重点问题310个): a share with no noun of
    its own (要求3月底解决90%以上, 6月底前全部解决) is a share of that set.
    """

    counted: _Subject | None = None
    share: _Subject | None = None  # the last share stated (70%的政务服务事项实现“一网通办”)

    # Written out for mypyc to compile: see numbers.Quantity.__init__.
    def __init__(self, counted: _Subject | None = None, share: _Subject | None = None) -> None:
        self.counted = counted
        self.share = share


def _read_segment(ctx: _Ctx, s: int, e: int, qs: list[Quantity]) -> list[Commitment]:
    text = ctx.text
    zone = ctx.zoning.at(s)
    if zone.name == NOTES:
        return []
    ctx.load_cues(s, e, zone)
    bounds, clauses = _clause_spans(text, s, e)
    drafts: list[_Draft] = []
    last_ci = -1  # the clause the last draft was read from
    last_subjects: list[_Subject] = []
    state = _SegState()
    for ci, cs, ce, cq in _clauses_to_read(ctx, s, e, bounds, clauses, qs):
        if not cq:
            rels = _relation_only(ctx, cs, ce)
            if rels:
                drafts.extend(rels)
                last_ci = ci
            continue
        # 增长8.5%，力争9%: a stretch figure may open the next clause; it can only belong to the
        # last value of the clause right before it.
        prev = drafts[-1] if drafts and last_ci == ci - 1 else None
        made, subjects = _read_clause(ctx, cs, ce, cq, last_subjects, state, prev)
        if made:
            drafts.extend(made)
            last_ci = ci
        if subjects:
            last_subjects = subjects
    settled = [_settle(ctx, d, zone, clauses) for d in drafts]
    return [c for c in settled if c is not None]


def _clause_spans(text: str, s: int, e: int) -> tuple[list[int], list[tuple[int, int]]]:
    """The clause bounds of the segment text[s:e] and its clauses as (start, end), empty ones left out.

    Each delimiter ends a clause, so the bounds rise strictly but for the last one: only a
    delimiter right before the segment's end leaves an empty clause, and it is dropped.
    """
    bounds = [s, *[m.end() for m in _CLAUSE_RE.finditer(text, s, e)], e]
    clauses = list(zip(bounds, bounds[1:]))
    if bounds[-2] == e:
        clauses.pop()
    return bounds, clauses


def _clauses_to_read(
    ctx: _Ctx, s: int, e: int, bounds: list[int], clauses: list[tuple[int, int]], qs: list[Quantity]
) -> list[tuple[int, int, int, list[Quantity]]]:
    """(index, start, end, quantities) of the segment's clauses that hold something to read.

    A clause without quantities is read for a value-less comparison only, and none holds one
    unless a comparison of the whole text overlaps the segment: then every clause is listed.
    Otherwise only the clauses holding quantities are, each found by bisect (half of a
    segment's clauses hold none).
    """
    if ctx.has_comparison_in(s, e):
        out: list[tuple[int, int, int, list[Quantity]]] = []
        qi, nq = 0, len(qs)
        for ci, (cs, ce) in enumerate(clauses):
            cq: list[Quantity] = []
            while qi < nq and qs[qi].start < ce:
                if qs[qi].start >= cs:
                    cq.append(qs[qi])
                qi += 1
            out.append((ci, cs, ce, cq))
        return out
    out = []
    last = -1
    for q in qs:  # in text order, each in [s, e)
        ci = bisect.bisect_right(bounds, q.start) - 1
        if ci != last:
            last = ci
            out.append((ci, bounds[ci], bounds[ci + 1], [q]))
        else:
            out[-1][3].append(q)
    return out


# Regions whose subjects _clean_subject remembers per lexicon: short strings, under 10 MB (the
# corpus has some 40,000 distinct ones).
_CLEAN_MEMO_SIZE: Final = 50_000
_UNSEEN: Final = object()


def _clean_subject(ctx: _Ctx, region: str, start: int) -> _Subject | None:
    """The subject written in `region` (the words before a value), which starts at `start`.

    The answer depends on the region's words and the lexicon only, so it is remembered per
    lexicon by the words (_clean_span), and placed at `start` here: regions recur across reports
    (nearly half were seen before).
    """
    memo = ctx.clean_memo
    found: Any = memo.get(region, _UNSEEN)
    if found is _UNSEEN:
        if len(memo) >= _CLEAN_MEMO_SIZE:
            memo.clear()
        found = memo[region] = _clean_span(ctx.lexicon, region)
    if found is None:
        return None
    # Sliced here, not kept with the cached answer: each record gets its own string, as before
    # (records sharing one string object would pickle differently).
    a, b, code = found
    words = region[a:b]
    return _Subject(words, words, code, start + a, start + b)


def _clean_span(lexicon: MetricLexicon, region: str) -> tuple[int, int, str | None] | None:
    """Where in `region` _clean_subject finds the subject, and its code; None for no subject."""
    start = 0
    # Items of a list are separated by 、: the subject of this value follows the last one
    # (赤字率按4%左右安排、比上年提高1个百分点 → nothing of its own after 、).
    k = region.rfind("、")
    if k >= 0 and region[k + 1:].strip(" *"):
        start, region = start + k + 1, region[k + 1:]
    oq = region.rfind("“")
    if oq >= 0 and "”" not in region[oq:] and region[oq + 1:].strip():
        start, region = start + oq + 1, region[oq + 1:]  # "投资增长25%"的奋斗目标: quoted item
    off = _lead_len(region)
    fr = _FRAME_LEAD_RE.match(region, off)
    if fr and fr.end() < len(region):
        off = fr.end()
    body = region[off:].rstrip(" *“”\"'")
    if not body:
        return None
    code = lexicon.code_for(body)
    if code is None:
        # 2021年财政总收入突破千亿元大关、: the subject stops at its first verb.
        m = _FIRST_VERB_SCAN_RE.search(body)
        verb_at = m.start("verb") if m else -1
        # …收入占GDP比重达10%: a share of GDP, not the revenue itself; 占 starts a ratio, not a verb.
        if m and verb_at > 0 and not (m.group("verb") == "占" and _SHARE_RE.search(body, verb_at)):
            cut = body[:verb_at]
            c2 = lexicon.code_for(cut)
            if c2 is not None:
                return start + off, start + off + len(cut), c2
        # 规模以上工业实现增加值: a frame verb inside the name.
        if "实现" in body or "完成" in body or "累计" in body or "全年" in body:  # _NAME_FRAME_RE's words
            squeezed = _NAME_FRAME_RE.sub("", body)
            if squeezed != body:
                code = lexicon.code_for(squeezed)
    return start + off, start + off + len(body), code


# --- uncoded subjects: what is counted, not who counts or when ----------------------------------
# News states deliverables as ACTOR [time] [adverb] VERB OBJECT VALUE or VERB VALUE OBJECT. The
# thing measured is the object; the actor (西海岸新区, 市人才市场), time words (上半年, 目前), adverbs
# (仅, 现已) and a bare verb (推进, 谋划, 引导) are not. These tidy a written subject down to it.
_SUBJ_TAILS: Final = ("共有", "共计", "合计", "总计", "拥有", "共", "有", "达", "约", "近", "超", "逾")
# Predicate markers: what follows the last of them is the verb phrase and its object.
_PRED_MARK_RE: Final = re.compile(
    r"(?<![为除])了(?!解)|已经|已|(?<![重主需只纲摘概必简紧])要(?![素点闻件害求])|将(?![近来])|"
    r"(?<![年度资作展划的])计划(?![的书单])|累计|目前|截至目前|截止目前|以来"
)
_DIGITS: Final = frozenset("0123456789０１２３４５６７８９")
_PRED_CHAR_RE: Final = re.compile(r"[了已要将计累目截以]")
_SUBJ_LEAD_RE: Final = re.compile(
    r"(?:\s|[*、]|" + _TIMEW + r"|以来|\d{1,2}月份?以来|目前|当前|现已|现在|截至目前|截止目前|"
    r"正月(?:初[一二三四五六七八九十]{1,2}|十五|[二三]十)(?:之前|以前|前)?|春节(?:前后|期间|前|后)?|"
    r"疫情(?:防控)?期间|\d{1,2}月(?:底|末)(?:之前|以前|前)?|年底前|年内|年底|"
    r"其中|同时|此外|另外|并|还|也|又|再|仅|只|约|近|共|均|都|"
    r"全市|全区|全县|全省|我市|本市|我区|本区|全域|[\u4e00-\u9fff]{2,5}(?:新区|片区|自贸区|开发区|高新区))+"
)
_BARE_RE: Final = re.compile(
    rf"(?:{_DELIVER_VERB}|{_FRAME}|推进|推动|谋划|引导|设立|成立|组建|拥有|推出|出台|解决|化解|发放|确定|落实|"
    r"交办|帮助|支持|扶持|带动|吸引|走访|服务|帮扶|惠及|覆盖|达到|实现|获得|新增|增加|减少|有|达|为|是|了|\s)+"
)
# Verbs whose share is a measure of progress on a set: 解决90%, 完成80%, 办结95%.
_SHARE_VERB_RE: Final = re.compile(r"(?:解决|完成|办结|化解|整改|落实|兑现|覆盖|达标|销号|清零)$")
# Verbs that take the counted thing as their object (举办24场招聘会, 推进37个建设项目).
_OBJ_VERB_RE: Final = re.compile(rf"(?:{_DELIVER_VERB}|推进|推动|谋划|引导|设立|成立|组建|拥有|推出|出台|化解|解决|发放)$")
# Where a noun after a count ends: a preposition, adverb or the next verb phrase.
# Only words that cannot sit inside a noun phrase: 在 but not 在建/在校, no 均 (人均, 平均), no 的.
_POST_CUT_RE: Final = re.compile(
    r"在(?![建校岗线职库园册营])|已|将(?![军])|正在|全面|进行|顶格|加快|加速|稳步|深入|上线|获得|入园|落户|"
    r"获评|入选|被"
)
# 对X进行Y / 对…等20项任务实施攻坚: a count inside a 对 phrase is the object of the action, not a
# figure stated about it (对外, 对口, 对接, 对标 are words of their own).
_PREP_OBJ_RE: Final = re.compile(r"对(?![外口接标比照应于待])")
_NOT_PREP_BEFORE: Final = frozenset("相绝应面核校配反针")
_PREP_VERB_RE: Final = re.compile(
    rf"{_DELIVER_VERB}|{_LEVEL_VERB}|{_GROWTH_VERB}|发放|减免|投入|安排|给予|补贴|进行|开展|实行|下达|拨付"
)

# Counts of policy items are names of packages (降本减负42条新政, 14条便民举措, “超常规措施22条”).
_POLICY_RE: Final = re.compile(r"(?:新政|政策|措施|举措|意见|规定|办法|细则|条款|条例)")
_POLICY_UNITS: Final = ("条", "项", "招")
# Durations of an event (大会将持续9天) are not commitments.
_DURATION_RE: Final = re.compile(r"(?:持续|为期|历时|长达|历经)\s*$")
_DURATION_UNITS: Final = ("天", "小时", "个月", "周", "年")
# Survey results (经调查，43%的企业…) report what respondents said, not what was done or planned.
_SURVEY_RE: Final = re.compile(r"经调查|据调查|调查显示|调查发现|抽样调查|问卷调查|据抽样|调查结果")
# A share of a population (43%的规上工业企业, 仅6.6%的…企业, 九成以上外资企业): a breakdown of who
# answered or did what, not a figure the government states about its own work. Shares of things
# (70%的审批事项实现网上办理) are not caught: only population nouns close the phrase.
_SHARE_OF_RE: Final = re.compile(
    r"(?:以上|以下|左右)?的?[^，,。；;！？!?\d]{0,8}?"
    r"(?:企业|居民|市民|群众|受访|家庭|农户|职工|员工|商户|消费者|人口|村民|农民|网民|个体户|市场主体)"
)
_ADVERB_ONLY_RE: Final = re.compile(r"(?:\s|[*“”\"]|仅|仅有|只有|约|近|有|超过|超|共|其中|目前|现|当前|全市|全区|全县|全省|我市|本市)*")
# 实现13%的增长: the change word after the value.
_AFTER_CHANGE_RE: Final = re.compile(r"的(增长|增幅|增速|提升|提高|下降|降幅|涨幅)")
# 比去年同期增加18个: an absolute change in a count has no change code (growth is a rate).
_ABS_CHANGE_RE: Final = re.compile(r"^(?:比|较)(?:去年|上年)(?:同期)?(?:增加|减少|多|少|增长|下降|新增)$")
_PROGRESS_TAILS: Final = ("目标的", "计划的", "任务的", "目标任务的")
_RATE_UNITS: Final = ("%", "％", "‰", "个百分点", "百分点", "倍", "成")
_COUNT_UNITS: Final = re.compile(r"(?:个|项|件|家|户|所|座|批|名|条|宗|笔|套|场|栋|处|支)$")
# 总投资9073亿元的1741个支撑项目: the amount describes a pool of projects the text points at.
_POOL_HEAD_RE: Final = re.compile(r"(?:总投资|投资总额|总投资额|计划总投资|总额)(?:近|约|超|超过|达|逾)?$")
_DELIVER_RE: Final = re.compile(_DELIVER_VERB)
# The goal a value belongs to: “投资增长25%”的奋斗目标.
_GOAL_AFTER_RE: Final = re.compile(r"[^“”，,。；;]{0,12}”的?(?:奋斗|发展|预期|年度|工作|既定|全年)?目标")
# 全部解决: the verb the word value 全部 governs.
_WORD_VERB_RE: Final = re.compile(r"(?:实现|完成)?[\u4e00-\u9fff]{2}")


def _strip_tail(t: str) -> str:
    """Drop a trailing existence/hedge word (…共有, 拥有, 达) that closes the subject."""
    if not t.endswith(_SUBJ_TAILS):
        return t
    for w in _SUBJ_TAILS:
        if t.endswith(w) and len(t) > len(w):
            return t[: -len(w)]
    return t


def _tidy_subject(subj: _Subject) -> _Subject | None:
    """The thing measured in an uncoded subject, or None when only actor/time/verb words remain."""
    span = _tidy_span(subj.written)
    if span is None:
        return None
    # Sliced here, not kept with the cached answer: each record gets its own string, as before
    # (records sharing one string object would pickle differently).
    a, b = span
    t = subj.written[a:b]
    return _Subject(t, t, subj.code, subj.start + a, subj.start + b)


@functools.lru_cache(maxsize=32768)
def _tidy_span(written: str) -> tuple[int, int] | None:
    """Where in a subject's words _tidy_subject finds the thing measured, or None.

    Cached: the same subjects recur across reports (about four in ten were seen before).
    """
    t, s = written, 0
    t = _strip_tail(t)
    cut = 0
    if _PRED_CHAR_RE.search(t):
        for m in _PRED_MARK_RE.finditer(t):
            cut = m.end()
    if cut and cut < len(t):
        t, s = t[cut:], s + cut
    elif cut:
        return None
    lead = _SUBJ_LEAD_RE.match(t)
    if lead:
        t, s = t[lead.end():], s + lead.end()
    t = _strip_tail(t).rstrip(" *")
    if not t or t.endswith("等") or _BARE_RE.fullmatch(t) or _ADVERB_ONLY_RE.fullmatch(t):
        return None
    return s, s + len(t)


def _post_subject(ctx: _Ctx, qend: int, ce: int) -> tuple[_Subject, int] | None:
    """The noun right after a count (37个建设项目在一季度…) as a subject, cut where it ends.

    Also returns where the whole phrase after the count ends: its rest (在一季度竣工投产) belongs
    to this count, not to the next item of the clause.
    """
    noun = _post_noun(ctx.text, qend, ce)
    if noun is None:
        return None
    ns, nt = noun
    full_end = ns + len(nt)
    if ctx.text[full_end:full_end + 1] in _DIGITS:
        # 552条重点整治河道水质优Ⅲ比例超过70%: the words run on into the next value, whose subject
        # they are; this count only describes it.
        return None
    m = _POST_CUT_RE.search(nt, 2)
    if m:
        nt = nt[: m.start()]
    if not nt.strip("“”\" "):
        return None
    return _Subject(nt, nt, ctx.lexicon.code_for(nt), ns, ns + len(nt)), full_end


_HEAD_VERB_RE: Final = re.compile(rf"^(?:{_DELIVER_VERB}|新增|增加|发放|提供)+")


def _share_subject(ctx: _Ctx, qend: int, ce: int) -> tuple[_Subject, int] | None:
    """70%的政务服务事项实现“一网通办”: the share's set, never coded — 83.5%的城镇新增就业 is a
    share of new jobs, not new jobs."""
    post = _post_subject(ctx, qend + 1, ce)
    if post is None:
        return None
    subj, end = post
    return _Subject(subj.written, subj.text, None, subj.start, subj.end), end


def _anaphor_subject(base: _Subject, body: str, start: int) -> _Subject:
    """总量 after 引进人才2万人 is the stock of talent (人才总量), not the inflow again."""
    word = body.strip(" *")
    if base.code is not None or not word:
        return _Subject(base.written, base.text, base.code, base.start, base.end)
    head = _HEAD_VERB_RE.sub("", base.written) or base.written
    name = head + word
    return _Subject(name, name, None, start, start + len(body))


def _in_survey(ctx: _Ctx, pos: int) -> bool:
    """Whether the sentence before `pos` holds a survey word: ``_SURVEY_RE.search(text, ss, pos)``.

    Looked up in the document's survey words (_survey_spans) instead of searching the sentence
    again for each of its clauses: a word lies in the span exactly when the search finds one.
    """
    spans = ctx.survey_spans
    if not spans:
        return False
    ss = _sentence_start(ctx, pos)
    i = bisect.bisect_left(spans, (ss,))
    while i < len(spans) and spans[i][0] < pos:
        if spans[i][1] <= pos:
            return True
        i += 1
    return False


# Every _SURVEY_RE word holds one of these: the words are found around their occurrences.
_SURVEY_ANCHORS: Final = ("调查", "据抽样")
_SURVEY_WORDS: Final = tuple(_SURVEY_RE.pattern.split("|"))
assert all(re.escape(w) == w and any(a in w for a in _SURVEY_ANCHORS) for w in _SURVEY_WORDS)


def _survey_spans(text: str) -> list[tuple[int, int]]:
    """Every (start, end) of a _SURVEY_RE word in `text`, overlapping ones included, sorted."""
    spans: set[tuple[int, int]] = set()
    for anchor in _SURVEY_ANCHORS:
        for k in _positions(text, anchor):
            for w in _SURVEY_WORDS:
                o = w.find(anchor)
                if o >= 0 and k >= o and text.startswith(w, k - o):
                    spans.add((k - o, k - o + len(w)))
    return sorted(spans)


def _qualifier(text: str, q: Quantity, item_text: str) -> tuple[str | None, int]:
    c = text[q.end:q.end + 1]
    if c in POST_HEDGE_FIRST or c.isspace():  # what follows most values cannot start a hedge
        m = POST_HEDGE_RE.match(text, q.end)
        if m and m.group(1):
            return m.group(1), m.end()
    if q.approx_word:
        return q.approx_word, q.end
    m = PRE_HEDGE_RE.search(item_text)
    if m and m.group(1) not in NOT_QUALIFIER:
        return m.group(1), q.end
    return None, q.end


def _read_clause(
    ctx: _Ctx,
    cs: int,
    ce: int,
    cq: list[Quantity],
    last_subjects: list[_Subject],
    state: _SegState,
    prev_clause_draft: _Draft | None = None,
) -> tuple[list[_Draft], list[_Subject]]:
    """Drafts for the quantities of one clause.

    `prev_clause_draft` is the last value of the clause just before (same segment): a clause that
    is only 力争/争取 + a larger value of the same unit is its stretch figure, not a new record.
    """
    text = ctx.text
    mark: Any = None  # a list mark's match, or the _PairMark of an implicit pair
    if _LIST_MARK_FIRST_RE.search(text, cs, cq[0].start):  # most clauses have no list mark at all
        for m in _LIST_MARK_RE.finditer(text, cs, cq[0].start):
            mark = m
    if mark is None and len(cq) == 2:  # _implicit_pair_mark's first test, without the call
        mark = _implicit_pair_mark(ctx, cs, cq)
    if mark is not None:
        return _read_list_clause(ctx, cs, ce, cq, last_subjects, mark)
    if _in_survey(ctx, cq[0].start):
        return [], []
    drafts: list[_Draft] = []
    subjects = list(last_subjects)
    prev_end = cs
    prev_draft: _Draft | None = None
    modifier: Quantity | None = None  # a threshold just passed over (20亿元以上单体制造业项目5个)
    skip_to = -1
    for k, q in enumerate(cq):
        if q.start < prev_end or q.start < skip_to:
            continue
        item_text = text[prev_end:q.start]
        qual, qend = _qualifier(text, q, item_text)
        mod, modifier = modifier, None
        if q.unit is None and "指数" not in item_text and not (subjects and "指数" in subjects[-1].text):
            prev_end = q.end  # a bare number (3+12, an ordinal) is no value and no subject
            continue
        # 9件27项民生实事: two counts run together name a programme (the first is dropped as a
        # number followed by a digit, numbers.py; the second is dropped here).
        if item_text[-1:] in "件个项条" and item_text[-2:-1].isdigit():
            prev_end = qend
            continue
        # A number that classifies what follows (20亿元以上单体制造业项目5个) is not a value.
        if k + 1 < len(cq) and _is_modifier(text, qend, cq[k + 1].start):
            prev_end = qend
            modifier = q
            continue
        # 总投资9073亿元的1741个支撑项目: a pool described by its total, unless something was done to it.
        if (
            mod is not None
            and item_text.strip() in ("", "的")
            and _POOL_HEAD_RE.search(text, max(cs, mod.start - 8), mod.start)
            and not _DELIVER_RE.search(text, cs, mod.start)
        ):
            prev_end = qend
            continue
        region_end = _trail_start(item_text)
        verb_text = item_text[region_end:]
        region = item_text[:region_end]
        # Margin over a comparator: 增速高于城镇1.2个百分点.
        relation = None
        rm = None
        if _REL_FIRST_RE.search(item_text):  # most items have no comparison word at all
            for m in _REL_RE.finditer(item_text):
                rm = m
        if rm is not None and rm.end() >= len(item_text.rstrip()) - 1 and not rm.group("rel").endswith(("持平", "同步", "正增长")):
            relation = rm.group("rel")
            region = item_text[: rm.start()]
            verb_text = item_text[rm.start():]
        if (
            "、" in region
            and not region[region.rfind("、") + 1:].strip(" *")
            and subjects
            and (_clean_subject(ctx, region, prev_end) or _Subject("", "", None, 0, 0)).code is None
        ):
            # 安排、比上年提高: the words before 、 close the previous item — unless they are a
            # metric with the basis of its figure (一般公共预算收入剔除减税降费政策因素、同口径增长5%):
            # then that metric is the subject, not the previous item.
            conditioned = _conditioned_subject(ctx, region[: region.rfind("、")], prev_end)
            region = ""
        else:
            conditioned = None
        lead = _lead_len(region)
        body = region[lead:]
        body_s = body.strip()
        item_start = prev_end + lead
        unit = q.unit or ""
        rate = unit in _RATE_UNITS
        # Guards on what the number is (EXTRACTION.md §4 and the seeds' "left out" list).
        stripped = item_text.strip(" *")
        # _in_prep_phrase's first test, without the call: most clauses hold no 对 before the value.
        in_prep = text.find("对", cs, q.start) >= 0 and _in_prep_phrase(text, cs, q.start)
        if (
            in_prep
            or (unit.endswith(_DURATION_UNITS) and _DURATION_RE.search(item_text))
            or (not rate and stripped[:1] in "比较" and _ABS_CHANGE_RE.match(stripped))
            or (
                rate
                and q.unit != "倍"
                and not verb_text.strip(" *")
                and _SHARE_OF_RE.match(text, qend)
                and _ADVERB_ONLY_RE.fullmatch(body)
            )
            or (unit.endswith(_POLICY_UNITS) and _is_policy_count(text, item_text, qend, ce))
            # 完成年度目标的60%: progress against a target, not a figure of its own.
            or (rate and item_text.endswith(_PROGRESS_TAILS))
        ):
            prev_end = qend
            continue
        # Stretch: 6.5%以上、力争7%; across a comma only when the clause holds nothing else and
        # reaches further than the base (增长8.5%，力争9%), never a reading of another metric.
        stretch_of = prev_draft
        if stretch_of is None and k == 0 and prev_clause_draft is not None:
            base = prev_clause_draft.q
            if (
                base is not None
                and prev_clause_draft.stretch is None
                and base.low is None
                and q.low is None
                and q.value > base.value
                and _STRETCH_ONLY_RE.fullmatch(item_text)
            ):
                stretch_of = prev_clause_draft
        if (
            not body_s
            and stretch_of is not None
            and _STRETCH_WORD_RE.search(verb_text)
            and stretch_of.q is not None
            and (stretch_of.q.unit or "") == unit
        ):
            prev_draft = stretch_of
            prev_draft.stretch = q.value
            prev_draft.quote_end = qend
            prev_end = qend
            continue
        # 实现13%的增长: the change word comes after the value.
        am = _AFTER_CHANGE_RE.match(text, qend) if rate and text.startswith("的", qend) else None
        if am:
            verb_text += am.group(1)
            qend = am.end()
        subj: _Subject | None = None
        inherited = False
        if body_s and not _ANAPHOR_RE.match(body.strip(" *")):
            subj = _clean_subject(ctx, region, prev_end)
        elif body_s or not _post_noun(text, qend, ce):
            if subjects:
                subj = _anaphor_subject(subjects[-1], body, item_start)
                inherited = True
        if conditioned is not None:
            subj, inherited = conditioned, False
        if subj is not None and subj.code is None and not inherited:
            tidy = _tidy_subject(subj)
            post = None
            if not rate and (tidy is None or _verb_traits(verb_text).takes_object):
                post = _post_subject(ctx, qend, ce)
            elif rate and tidy is None and text.startswith("的", qend):
                post = _share_subject(ctx, qend, ce)  # 今年全市70%的政务服务事项实现…
            if post is not None:
                subj, consumed = post
                qend = max(qend, consumed)
            elif tidy is not None:
                subj = tidy
            elif rate and _BARE_RE.fullmatch(subj.written[-2:]) and _SHARE_VERB_RE.search(subj.written):
                # 要求3月底解决90%以上: a share of the set counted before (重点问题310个); with no
                # set in sight the verb itself says what the share measures (解决).
                verb = subj.written[-2:]
                name = (state.counted.written if state.counted is not None else "") + verb
                subj = _Subject(name, name, None, item_start, subj.end)
            elif q.word is None:
                prev_end = qend
                continue
        if q.word == "全部":
            # 6月底前全部解决: all of the set counted before; the subject names the set and the verb.
            vm = _WORD_VERB_RE.match(text, q.end)
            verb = vm.group() if vm else ""
            if subj is None or inherited or _tidy_subject(subj) is None:
                if state.counted is None and state.share is not None:
                    name = state.share.written  # 70%的事项实现“一网通办”，年底前全部实现
                else:
                    name = (state.counted.written if state.counted is not None else "") + verb
                subj = _Subject(name, name, None, item_start, q.end)
            elif subj is None or subj.code is not None:
                prev_end = qend
                continue
            qend = max(qend, q.end + len(verb))
        if subj is None or (subj.code is None and _DELIVER_ONLY_RE.match(body)):
            noun = _share_subject(ctx, qend, ce) if rate and text.startswith("的", qend) else _post_subject(ctx, qend, ce)
            if noun is not None and (subj is None or not body_s):
                subj, consumed = noun
                qend = max(qend, consumed)
        if subj is None:
            prev_end = qend
            continue
        if subj.code is not None and not _AFTER_OK_RE.match(text, qend):
            # 地区生产总值增速在全国15个同类城市中居前列: the number counts something else.
            if subj.start >= prev_end:
                subjects = [subj]
            prev_end = qend
            continue
        if q.unit is None and "指数" not in subj.text + verb_text:
            prev_end = qend
            continue
        if (
            mod is not None
            and subj.code is None
            and subj.start == item_start
            and not item_text.startswith("的")
            and _THRESHOLD_TAIL_RE.match(text[mod.end:subj.start])
        ):
            # The threshold stays in the subject: 20亿元以上单体制造业项目.
            name = text[mod.start:subj.end]
            subj = _Subject(name, name, None, mod.start, subj.end)
        if inherited and body_s:
            qstart = item_start  # 总量达到62万人: its own clause, not the previous figure's
        else:
            qstart = min(subj.start, q.start) if subj.start >= cs - 200 else q.start
        d = _Draft(subj, q, qual, verb_text, cs, min(qstart, q.start), qend, relation=relation, item_start=prev_end,
                   clause_first_q=cq[0].start)
        if text.find("”", qend, qend + 13) >= 0:
            oq = text.rfind("“", cs, q.start)
            if oq >= 0 and "”" not in text[oq:q.start] and _GOAL_AFTER_RE.match(text, qend):
                d.goal = True
        drafts.append(d)
        prev_draft = d
        if subj.code is None and _is_count_unit(unit) and not inherited:
            state.counted = subj
        elif subj.code is None and rate and q.word is None:
            state.share = subj
        if subj.start >= prev_end:
            subjects = [subj]
        prev_end = qend
    return drafts, subjects


# How a figure was computed, written after its metric: 剔除减税降费政策因素, 扣除留抵退税因素后.
_CONDITION_RE: Final = re.compile(r"(?:剔除|扣除|除去|不含|不考虑|考虑|按|在)[^，,；;。]{0,24}$")


def _conditioned_subject(ctx: _Ctx, words: str, start: int) -> _Subject | None:
    """The metric that opens `words` when the rest only states the basis of its figure."""
    lead = _LEAD_RE.match(words)
    off = lead.end() if lead else 0
    body = words[off:]
    for k in range(len(body) - 1, 1, -1):
        if _CONDITION_RE.fullmatch(body, k):
            code = ctx.lexicon.code_for(body[:k])
            if code is not None:
                return _Subject(body[:k], body[:k], code, start + off, start + off + k)
    return None


def _is_policy_count(text: str, item_text: str, qend: int, ce: int) -> bool:
    """42条新政, 14条便民举措, “突破性举措10项”: the count names a package of policies."""
    after = text[qend:min(ce, qend + 8)]
    if _POLICY_RE.search(_POLICY_SPLIT_RE.split(after, maxsplit=1)[0]):
        return True
    if _POLICY_RE.search(item_text[-6:]):
        return True
    return text.startswith("”", qend) and bool(_OPEN_QUOTE_RE.search(item_text))


def _in_prep_phrase(text: str, cs: int, pos: int) -> bool:
    """对57个老旧小区168栋楼座进行升级改造: the count sits inside the 对 phrase, before its verb.

    对 marks the object of the clause's action, so a count inside it describes that object; a
    count after the verb (对小微企业发放贷款17亿元) is what was done and stays.
    """
    at = text.rfind("对", cs, pos)
    # 相对, 绝对, 应对, 面对, 核对, 反对: words of their own, not the preposition.
    if at < 0 or text[at - 1:at] in _NOT_PREP_BEFORE or not _PREP_OBJ_RE.match(text, at, pos):
        return False
    return not _PREP_VERB_RE.search(text, at + 1, pos)


# Compiled once: these run for nearly every quantity of a 24 MB corpus.
_NAME_FRAME_RE: Final = re.compile(r"实现|完成|累计|全年")
_STRETCH_WORD_RE: Final = re.compile(r"力争|争取|努力")
_THRESHOLD_TAIL_RE: Final = re.compile(r"\s*(?:及)?(?:以上|以下)")
_POLICY_SPLIT_RE: Final = re.compile(r"[，,；;。、“”\"]")
_OPEN_QUOTE_RE: Final = re.compile(r"“[^”]*$")
_LIST_TAIL_RE: Final = re.compile(rf"(?:{_TIMEW}|同口径|可比口径|按可比价格计算|增速|增幅|{_FRAME}|\*|\s)+$")
_REL_REST_RE: Final = re.compile(r"(?:水平|平均水平|态势|增长|的?目标)?")
_REL_JUN_RE: Final = re.compile(r"(?<![年人平])(?:均|都)$")
_GROWTH_NAME_RE: Final = re.compile(r"增速|增幅|涨幅|增长率|增长目标|增长速度")
_TO_LEVEL_RE: Final = re.compile(r"(?:提高|提升|增加|增长|上升|下降|降低|减少|回落)(?:到|至)|增至|降至")
_ENDS_TO_RE: Final = re.compile(r"(?:到|至)$")
# A clause that is only a stretch word before its value: 力争9% / 争取达到20% / 努力实现9%.
_STRETCH_ONLY_RE: Final = re.compile(r"\s*(?:力争|争取|努力)(?:达到|实现|增长|达)?\s*")
_FIRST_VERB_RE: Final = re.compile(rf"{_LEVEL_VERB}|{_GROWTH_VERB}|、")
_FIRST_VERB_SCAN_RE: Final = scanner(_FIRST_VERB_RE.pattern, "verb")  # _FIRST_VERB_RE.search, as group verb
_NOT_MODIFIER_RE: Final = re.compile(r"[、，,和及与]|" + _LEVEL_VERB + "|" + _GROWTH_VERB + "|" + _DELIVER_VERB)
_MODIFIER_TEXT_RE: Final = re.compile(r"[的\u4e00-\u9fff“”\"]+")
_NOT_POST_NOUN_RE: Final = re.compile(rf"(?:{_GROWTH_VERB}|{_LEVEL_VERB}|左右|以上|以内|的)")


def _is_modifier(text: str, end: int, next_start: int) -> bool:
    between = text[end:next_start]
    if not between or len(between) > 25 or "”“" in between:
        return False
    if _NOT_MODIFIER_RE.search(between):
        return False
    return bool(_MODIFIER_TEXT_RE.fullmatch(between))


def _post_noun(text: str, pos: int, ce: int) -> tuple[int, str] | None:
    m = _POST_NOUN_RE.match(text, pos, ce)
    if not m:
        return None
    noun = m.group()
    if _NOT_POST_NOUN_RE.match(noun):
        return None
    return m.start(), noun


@dataclass(frozen=True)
class _PairMark:
    """A 分别 the text leaves unsaid: the span of the verb between the subject and its values."""

    s: int
    e: int

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e

    def group(self) -> str:
        return "分别"


_PAIR_JOIN_RE: Final = re.compile(r"\s*(?:左右|以上|以内)?\s*[、和与及]\s*")


def _implicit_pair_mark(ctx: _Ctx, cs: int, cq: list[Quantity]) -> _PairMark | None:
    """城乡居民人均可支配收入58125元、27511元 / …年均增长7.9%和10%: two values joined by 、/和
    after a 城乡 subject are the urban and the rural figure, as if 分别 were written."""
    if len(cq) != 2 or cq[0].unit != cq[1].unit or cq[0].is_range or cq[1].is_range:
        return None
    text = ctx.text
    head = text[cs:cq[0].start]
    if "城乡" not in head or not _PAIR_JOIN_RE.fullmatch(text, cq[0].end, cq[1].start):
        return None
    trail = _trail(head)
    at = cs + (trail.start() if trail else len(head))
    item = ListItem(text[cs:at], text[cs:at], cs, at)
    if ctx.lexicon.code_for(item.text) is None or expand_urban_rural(item, ctx.lexicon) is None:
        return None
    return _PairMark(at, cq[0].start)


def _read_list_clause(
    ctx: _Ctx,
    cs: int,
    ce: int,
    cq: list[Quantity],
    last_subjects: list[_Subject],
    mark: re.Match[str] | _PairMark,
) -> tuple[list[_Draft], list[_Subject]]:
    """A、B 分别 VERB x、y / A、B 均 VERB x: pair subjects with values (EXTRACTION.md §3.5–3.6)."""
    text = ctx.text
    subj_text = text[cs:mark.start()]
    # Framing words and time before the list (全年, 同口径, 预计 …) are not subjects.
    subj_text_clean = _LIST_TAIL_RE.sub("", subj_text)
    lead = _LEAD_RE.match(subj_text_clean)
    off = lead.end() if lead else 0
    body = subj_text_clean[off:]
    items: list[ListItem]
    if body.strip() and not _ANAPHOR_RE.match(body.strip()):
        items = complete_items(split_subjects(body, cs + off, ctx.lexicon), ctx.lexicon)
    elif last_subjects:
        items = [ListItem(x.text, x.written, x.start, x.end) for x in last_subjects]
    else:
        return [], []
    values = [q for q in cq if q.start >= mark.end()]
    if not values:
        return [], []
    if mark.group() == "分别":
        if len(items) == 1 and len(values) == 2:
            items = expand_urban_rural(items[0], ctx.lexicon) or items
        if len(items) != len(values):
            return [], []
        pairs = list(zip(items, values))
    else:
        if len(values) != 1:
            return [], []
        if len(items) == 1:
            items = expand_urban_rural(items[0], ctx.lexicon) or items
        pairs = [(it, values[0]) for it in items]
    # Hedges: each value its own; one trailing hedge applies to all (分别增长5%和3.5%左右).
    quals = []
    prev = mark.end()
    for q in values:
        quals.append(_qualifier(text, q, text[prev:q.start]))
        prev = q.end
    if len(values) > 1 and quals[-1][0] and not any(qq for qq, _ in quals[:-1]):
        quals = [(quals[-1][0], qe) for _, qe in quals]
    qual_of = {id(q): qu for q, qu in zip(values, quals)}
    drafts: list[_Draft] = []
    subjects: list[_Subject] = []
    quote_start = min(it.start for it in items) if items[0].start >= cs - 300 else mark.start()
    quote_end = max(qe for _, qe in quals)
    verb_text = text[mark.start():values[0].start]
    for it, q in pairs:
        code = ctx.lexicon.code_for(it.text)
        sj = _Subject(it.text, it.text, code, it.start, it.end)
        subjects.append(sj)
        qu, _ = qual_of[id(q)]
        if q.unit is None:
            continue
        drafts.append(_Draft(sj, q, qu, verb_text, cs, min(quote_start, q.start), max(quote_end, q.end)))
    return drafts, subjects


def _relation_only(ctx: _Ctx, cs: int, ce: int) -> list[_Draft]:
    """外贸进出口总额增速高于全省 / 人均可支配收入与经济增长保持同步: records with no value.

    The subject may be a list, as in value clauses: 城镇登记失业率、城镇调查失业率控制在省定标准以内
    (one record per rate), 城乡居民人均可支配收入增幅均高于同期经济增速 (均 over 城乡 = urban and
    rural). Every item must name a metric; otherwise the comparison is about something else.
    """
    # _REL_RE has no negative lookahead and no anchor, so what it matches inside the clause it also
    # matches there in the whole text: unless a hit of the whole-text scan overlaps the clause, the
    # search below finds nothing (so it is skipped for nearly every clause).
    if not ctx.has_comparison_in(cs, ce):
        return []
    text = ctx.text
    m = _REL_RE.search(text, cs, ce)
    if not m:
        return []
    # The comparison must close the clause (增速高于全省。) — not 高于全省的企业.
    rest = text[m.end():ce].strip(" *，,。；;：:！!？?\n")
    if rest and not _REL_REST_RE.fullmatch(rest):
        return []
    region = _REL_SUBJ_TRIM_RE.sub("", text[cs:m.start()])
    jun = _REL_JUN_RE.search(region) is not None  # not 年均/人均/平均
    if jun:
        region = _REL_SUBJ_TRIM_RE.sub("", region[:-1])
    lead = _LEAD_RE.match(region)
    off = lead.end() if lead else 0
    body = region[off:]
    if not body:
        return []
    items: list[ListItem]
    if jun or "、" in body:
        items = complete_items(split_subjects(body, cs + off, ctx.lexicon), ctx.lexicon)
        if len(items) == 1:
            items = expand_urban_rural(items[0], ctx.lexicon) or []
        if len(items) < 2:
            # 各县地区生产总值增速均高于全市平均: plural subjects that are not the place's own figure.
            return []
    else:
        items = [ListItem(body, body, cs + off, cs + off + len(body))]
    subjects = [_Subject(it.written, it.written, ctx.lexicon.code_for(it.text), it.start, it.end) for it in items]
    if any(sj.code is None for sj in subjects):
        return []
    quote_start = min(sj.start for sj in subjects)
    verb = text[cs:m.start()]
    return [_Draft(sj, None, None, verb, cs, quote_start, m.end(), relation=m.group("rel")) for sj in subjects]


# --- settle kind / period / change ------------------------------------------------------------

# Where the governing time cue was found: in the item itself, leading an earlier clause of the
# segment, after the value as a deadline (37个项目在一季度竣工), or carried from an earlier segment.
OWN, LEAD, AFTER, CARRY_SENT, CARRY = "own", "lead", "after", "carry_sent", "carry"


def _cue_for(ctx: _Ctx, d: _Draft, clauses: list[tuple[int, int]]) -> tuple[TimeCue | None, str | None]:
    """The time cue governing a draft and where it was found (OWN, LEAD, AFTER, CARRY…)."""
    if not ctx.cues and not ctx.is_news:
        return None, None  # no time word in the segment, and nothing carried outside news
    text = ctx.text
    vpos = d.q.start if d.q is not None else d.quote_end
    own_from = min(d.quote_start, d.clause_start)
    if ctx.is_news and d.q is not None and d.item_start > d.clause_start:
        # In news a clause often lists deliverables, each with its own deadline after the count
        # (推进37个项目在一季度竣工投产、18个项目在一季度达产): a cue that trails an earlier value of
        # the clause belongs to that value; one leading the clause still governs them all.
        own = ctx.cues_in(min(d.quote_start, d.item_start), vpos)
        if not own:
            first_q = d.clause_first_q if d.clause_first_q >= 0 else d.item_start
            own = ctx.cues_in(d.clause_start, first_q)
        own_from = min(d.quote_start, d.item_start)
    else:
        own = ctx.cues_in(own_from, vpos)
    if own:
        return own[-1], OWN
    # Otherwise a time adverbial leading an earlier clause of the segment (前三季度，… / 2022年，…).
    best = _lead_cue(ctx, clauses, own_from)
    if best is not None:
        return best, LEAD
    if not ctx.is_news:
        return None, None
    # 计划到2025年建成…，数字经济…比重达到10%: a multi-year horizon named earlier in the
    # sentence governs the rest of its list of goals.
    seg_s = clauses[0][0] if clauses else d.clause_start
    horizon = [c for c in ctx.cues_in(seg_s, own_from) if c.kind == "target" and c.multi and c.period is not None]
    if horizon:
        return horizon[-1], LEAD
    if d.q is not None:
        # 推进37个建设项目在一季度竣工投产: a time after the count, as a deadline.
        ce = next((e for s, e in clauses if s <= d.q.start < e), d.quote_end)
        for c in ctx.cues_in(d.q.end, ce):
            if text[c.start - 1:c.start] in ("在", "于") or (c.kind == "target" and c.period is not None):
                return c, AFTER
            break
    assert ctx.time_context is not None
    carry = ctx.time_context.carry_at(clauses[0][0] if clauses else d.clause_start)
    if carry is not None:
        return carry.cue, CARRY_SENT if carry.same_sentence else CARRY
    return None, None


def _lead_cue(ctx: _Ctx, clauses: list[tuple[int, int]], own_from: int) -> TimeCue | None:
    """The cue opening the last clause before own_from that opens on one, if any."""
    # Every cue looked at starts in [first clause start, own_from): most drafts have none there.
    if not clauses or not ctx.has_cue_in(clauses[0][0], own_from):
        return None
    text = ctx.text
    best: TimeCue | None = None
    for cs, ce in clauses:
        if cs >= own_from:
            break
        lead = _LEAD_RE.match(text, cs)
        at = lead.end() if lead else cs
        if at - cs > 4:
            at = cs
        for c in ctx.cues_in(at, min(ce, own_from)):
            if c.start == at and not (c.multi and c.period is None):
                best = c
            break
    return best


def _news_kind(ctx: _Ctx, d: _Draft, pos: int, cue: TimeCue | None, src: str | None) -> str:
    """Target or outcome for a statement in news/meeting/interview text (see context.py)."""
    if d.goal:
        return "target"
    if src == AFTER:
        return "target"
    if cue is not None and src == OWN and cue.kind is not None:
        return cue.kind  # 去年已… / 3月底解决… / 明年…
    kind = intent(ctx.text, _sentence_start(ctx, pos), pos)
    if kind is None and cue is not None and src == LEAD and cue.kind is not None:
        kind = cue.kind
    return kind or "actual"


def _settle(ctx: _Ctx, d: _Draft, zone: Zone, clauses: list[tuple[int, int]]) -> Commitment | None:
    text = ctx.text
    pos = d.q.start if d.q is not None else d.quote_start
    # _cue_for's first test, without the call: most drafts have no cue to look for.
    cue, src = _cue_for(ctx, d, clauses) if ctx.cues or ctx.is_news else (None, None)
    own = src == OWN
    kind = zone.kind
    period: Period | None = zone.period
    if zone.name == NEWS:
        kind = _news_kind(ctx, d, pos, cue, src)
        if d.goal and not (own and cue is not None and cue.start > text.rfind("“", 0, pos)):
            cue = None  # the goal's own period, not the time its pursuit was reported in
        if src == CARRY and kind != "actual":
            cue = None  # a part-year context carries over sentences for outcomes only
    if cue is not None:
        if cue.multi and cue.period is None:
            # 年均 / 两年平均: an average over years the text does not name here.
            if zone.name in (PLAN_MULTI, REVIEW_MULTI):
                period = zone.period
            else:
                period = _avg_period(text[cue.start:cue.end], zone)
        elif cue.generic:
            pass  # 全年: the zone's own year
        elif cue.period is not None:
            period = cue.period
        elif cue.period is None and zone.name == NEWS:
            period = None
        if cue.kind is not None and zone.name != NEWS:
            kind = cue.kind
    if (
        zone.name == NEWS
        and kind == "actual"
        and period is not None
        and period.start is not None
        and ctx.published is not None
        and (ctx.published.month, ctx.published.day) != (1, 1)  # 1 January: only the year is known
        and period.start > ctx.published
        and intent(text, _sentence_start(ctx, pos), pos) is None
    ):
        kind = "target"  # a period that had not begun when the text was written
    if kind is None:
        return None
    if period is not None and zone.name in (REVIEW, REVIEW_MULTI) and kind == "target" and (cue is None or not own):
        kind = "actual"
    # Notes: estimate / preliminary (预计 … in the sentence before the value; 预计数，下同 in the paragraph).
    note = _note_for(ctx, pos, kind)
    clause_text = text[d.clause_start:pos]
    strength, sword = strength_for(clause_text, kind)
    if strength == "plain" and kind == "target" and zone.name == NEWS:
        # 确保…项目5个，其中…1个以上: the frame word governs the 其中 breakdown of its sentence.
        ss = _sentence_start(ctx, pos)
        k = text.rfind("其中", ss, d.clause_start + 2)
        if k >= 0:
            strength, sword = strength_for(text[ss:k], kind)
    if note == "estimate" and strength == "plain":
        strength, sword = "estimate", "预计"
    subj = d.subject
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    vb: float | None = None
    ub: str | None = None
    qual: str | None = None
    bound: str | None = None
    if d.q is None:
        # A comparison is about the rate the metric is stated as: growth for amounts and
        # prices, level for rates such as unemployment (控制在省定标准以内).
        change = "level" if subj and subj.code and ctx.lexicon.change_defaults.get(subj.code) == "level" else "growth"
    else:
        q = d.q
        unit = q.unit.replace("％", "%") if q.unit else None
        change = _change_for(ctx, d, unit)
        value, low, high = q.value, q.low, q.high
        negative = _verb_traits(d.verb_text).down and change in ("growth", "points")
        if negative:
            value = -value
            if low is not None and high is not None:
                low, high = -high, -low
                value = low if q.low is not None else value
        is_range = q.low is not None  # Quantity.is_range, without the property call
        if is_range:
            value = low
        vb, ub = base_value(value, unit)
        qual = d.qualifier
        bound = bound_for(qual, is_range)
        if is_range:
            qual = None
    return _commitment({
        "metric_code": subj.code if subj else None,
        "subject": subj.written if subj else None,
        "kind": kind,
        "period": period.label if period else None,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "change": change,
        "value": value, "value_low": low, "value_high": high,
        "stretch": d.stretch if d.q is not None else None, "unit": unit,
        "value_base": vb, "unit_base": ub, "qualifier": qual, "bound": bound,
        "strength": strength, "strength_word": sword, "relation": d.relation, "note": note,
        "quote": text[d.quote_start:d.quote_end], "char_start": d.quote_start, "char_end": d.quote_end,
    })


def _avg_period(word: str, zone: Zone) -> Period | None:
    if zone.period is None or zone.period.end is None:
        return None
    y = zone.period.end.year
    n = {"两年平均": 2, "三年平均": 3}.get(word)
    if n is None:
        return None
    return span_period(y - n + 1, y)


def _note_for(ctx: _Ctx, pos: int, kind: str) -> str | None:
    if kind != "actual":
        return None
    text = ctx.text
    ss = _sentence_start(ctx, pos)
    if ctx.prelim_at and _first_within(ctx.prelim_at, 4, ss, pos) >= 0:  # 初步核算 … in text[ss:pos]
        return "preliminary"
    if ctx.estimate_at and _first_within(ctx.estimate_at, len(_ESTIMATE_WORD), ss, pos) >= 0:
        return "estimate"
    if not ctx.estimate_nums_at and not ctx.accounted_at:
        return None  # neither note word is anywhere in the text
    i = bisect.bisect_left(ctx.line_ends, pos)
    ps = ctx.line_ends[i - 1] + 1 if i > 0 else 0  # the paragraph's start
    # （预计数，下同）: the whole paragraph from that sentence on.
    k = _first_within(ctx.estimate_nums_at, 3, ps, pos + 40)
    if k >= 0 and (k < pos or _sentence_start(ctx, k) == ss):
        return "estimate"
    k = _first_within(ctx.accounted_at, 4, ps, pos)
    if k >= 0 and "下同" in text[k:k + 12]:
        return "preliminary"
    return None


class _VerbTraits(NamedTuple):
    """What the words between a subject and its value say (verb_text)."""

    growth: bool  # a growth verb or word (增长, 增速 …), not one reaching a level (增长到)
    level: bool  # a level verb (达到, 为, 提高到 …)
    to_level: bool  # a change verb reaching a level (提高到, 增至 …)
    ends_to: bool  # ends on 到 / 至
    down: bool  # a verb of decrease (下降, 减少 …)
    takes_object: bool  # ends on a verb whose object is the thing counted (举办, 推进 …)


@functools.lru_cache(maxsize=4096)
def _verb_traits(verb: str) -> _VerbTraits:
    """The regex tests on a verb text, cached: the corpus has about a thousand distinct verb
    texts (most often none, 增长 or 达到) for 87,000 values."""
    return _VerbTraits(
        growth=bool(_GROWTH_RE.search(verb)),
        level=bool(_LEVELV_RE.search(verb)),
        to_level=bool(_TO_LEVEL_RE.search(verb)),
        ends_to=bool(_ENDS_TO_RE.search(verb)),
        down=bool(_DOWN_RE.search(verb)),
        takes_object=bool(_OBJ_VERB_RE.search(verb.rstrip(" *"))),
    )


@functools.lru_cache(maxsize=512)
def _is_count_unit(unit: str) -> bool:
    """_COUNT_UNITS.search(unit), cached: units are a closed set of words."""
    return bool(_COUNT_UNITS.search(unit))


def _change_for(ctx: _Ctx, d: _Draft, unit: str | None) -> str:
    subj_text = d.subject.text if d.subject else ""
    verb = _verb_traits(d.verb_text)
    growth_verb = verb.growth
    growth_word = growth_verb or bool(_GROWTH_NAME_RE.search(subj_text))
    level_verb = verb.level and not growth_verb
    if unit in ("个百分点", "百分点"):
        return "growth" if d.relation else "points"
    if unit == "倍":
        return "growth" if growth_word else "level"
    if unit in ("%", "‰", "成"):
        if growth_word and not verb.to_level:
            return "growth"
        code = d.subject.code if d.subject else None
        if level_verb:
            # 固定资产投资保持稳定增长、力争达到3%: a percentage of a growth-type amount is its growth.
            if (
                code is not None
                and ctx.lexicon.change_defaults.get(code) == "growth"
                and not _RATE_SUBJECT_RE.search(subj_text)
                and code != "cpi"
            ):
                return "growth"
            return "level"
        if _SHARE_RE.search(subj_text) and (d.subject is None or d.subject.code is None):
            return "share"
        if code and code in ctx.lexicon.change_defaults:
            return ctx.lexicon.change_defaults[code]
        if _RATE_SUBJECT_RE.search(subj_text):
            return "level"
        return "level"
    if unit is None:
        return "level"
    if growth_word and not verb.ends_to:
        return "growth"
    return "level"


__all__ = ["Commitment", "extract_commitments"]
