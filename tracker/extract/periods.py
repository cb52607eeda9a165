"""Time expressions → period labels ("2024", "2020-H1", "2019-Q1", "2021-2025") with dates.

A work report published in year Y reviews Y−1 and plans Y; a news item dated 2020-07-29 saying 上半年
means 2020-H1. Without a known year, relative expressions (今年, 上半年) resolve to None rather than a
guess; explicit years (2021年) still resolve. Years used as comparison bases (比2010年, 较上年,
2019年同期) or as the start of a span (2020年以来) are not the period of a figure.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from re import _parser as re_parser  # type: ignore[attr-defined] # the stdlib's own pattern parser: a pattern's shortest match
from typing import Final

_CN_Q: Final = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FIVE_YEAR_PLANS: Final = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date | None
    end: dt.date | None
    multi: bool = False

    # Written out for mypyc to compile: see numbers.Quantity.__init__.
    def __init__(self, label: str, start: dt.date | None, end: dt.date | None, multi: bool = False) -> None:
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "multi", multi)

    @property
    def year(self) -> int | None:
        return self.end.year if self.end else None


def year_period(y: int) -> Period:
    return Period(str(y), dt.date(y, 1, 1), dt.date(y, 12, 31))


def span_period(y1: int, y2: int) -> Period:
    return Period(f"{y1}-{y2}", dt.date(y1, 1, 1), dt.date(y2, 12, 31), multi=True)


def month_span(y: int, m1: int, m2: int) -> Period:
    end = dt.date(y, m2, calendar.monthrange(y, m2)[1])
    start = dt.date(y, m1, 1)
    if m1 == 1 and m2 == 6:
        label = f"{y}-H1"
    elif m1 == 7 and m2 == 12:
        label = f"{y}-H2"
    elif m1 == 1 and m2 == 12:
        return year_period(y)
    elif m2 - m1 == 2 and m1 in (1, 4, 7, 10):
        label = f"{y}-Q{(m1 + 2) // 3}"
    elif m1 == 1 and m2 == 9:
        label = f"{y}-Q1-Q3"
    elif m1 == m2:
        label = f"{y}-{m1:02d}"
    else:
        label = f"{y}-{m1:02d}-{m2:02d}"
    return Period(label, start, end)


def five_year_span(y: int) -> tuple[int, int]:
    """The five-year plan period containing year y (2021-2025 for 2023)."""
    s = 2001 + ((y - 2001) // 5) * 5
    return s, s + 4


# The characters a cue starts with.
_TIME_FIRST: Final = "十0-9到至截比较与同上下前一二三四第今本明全年当去未过五平两"
# One alternation; each branch named. Order: specific before general. Optional groups are
# written (?:X|), not (?:X)?: the same strings in the same order, without the engine's costlier
# repeat machinery (see numbers.py).
TIME_RE: Final = re.compile(
    rf"(?=[{_TIME_FIRST}])(?:"
    r"(?P<plan>十一五|十二五|十三五|十四五|十五五)"
    r"|(?P<span>(?:19|20)\d{2})\s*[-—－~～至到]\s*(?P<span2>(?:19|20)\d{2})年"
    r"|(?P<by>到|至|截至)(?P<byy>(?:19|20)\d{2})年(?:底|末)?"
    r"|(?:(?P<cmp>比|较|与|同|相比|相较|对比)|)(?P<y>(?:19|20)\d{2})年(?:度)?"
    r"(?:(?P<ysub>上半年|下半年|前三季度|[一二三四1-4]季度|第[一二三四]季度|(?P<ym1>\d{1,2})\s*[-—－~至到]\s*(?P<ym2>\d{1,2})月|(?P<ym>\d{1,2})月(?:份)?)|)"
    r"(?:(?P<since>以来|同期|之前|以前|水平|基础上|相比|翻|的(?=[\d.]+倍))|)"
    # Part-year words after 比/较/与/同 are comparison bases (增速比一季度提高3个百分点), not periods.
    r"|(?<![比较与同])(?:(?P<h1>上半年|前半年)|(?P<h2>下半年)|(?P<q13>前三季度)"
    r"|(?P<q>(?:第)?[一二三四]季度)"
    r"|(?:(?P<asof>截至|截止|截止到|截至到)|)(?P<dl>\d{1,2})月(?:底|末)(?:前)?"
    r"|(?P<m1>\d{1,2})\s*[-—－~至到]\s*(?P<m2>\d{1,2})月(?:份)?"
    # A month on its own (5月份，…增长9%) is that month; not a date (7月20日) or a deadline.
    r"|(?<![\d.])(?P<mo>\d{1,2})月(?:份)?(?![\d日号底末初中上下旬]))"
    r"|(?P<lastsince>去年以来|上年以来)"
    r"|(?<![与比较同])(?P<this>今年|本年度|明年)(?!同期|水平|基础)|(?P<whole>全年|年内|当年)|(?<![与比较同])(?P<last>去年|上年|上一年)(?!同期|水平|基础|末|底)"
    r"|(?P<next5>今后五年|未来五年|今后5年|未来5年)|(?P<past5>五年来|过去五年|5年来|过去5年|五年间)"
    r"|(?P<avg>年均|年平均|两年平均|三年平均|平均每年))"
)
# Every character a cue holds is written in TIME_RE's pattern (literal words and classes of
# literal characters; its one range, 1-4, is of digits), or is a \d or \s: a superset of them
# (the letters of the group names come along). And every cue is at least two characters long.
_TIME_CHARS: Final = "".join(re.escape(c) for c in sorted(set(TIME_RE.pattern))) + r"\d\s"
assert re_parser.parse(TIME_RE.pattern).getwidth()[0] >= 2
# TIME_RE.finditer, as time_cues runs it (see numbers._QUANTITY_SCAN_RE): opening on a character
# class lets the engine skip to the next character a cue can start with instead of entering the
# pattern at every character. Cue words start with common characters (上, 同, 一, 全 …), so a
# character is let through only when the next one can be a cue's (not 上升, 一步, 全面); the
# lookbehind then matches TIME_RE from the first. Group `cue` is the cue, the others TIME_RE's.
_TIME_SCAN_RE: Final = re.compile(rf"[{_TIME_FIRST}](?=[{_TIME_CHARS}])(?<=(?=(?P<cue>{TIME_RE.pattern})).)")
# Every branch of TIME_RE holds 年, 月 or 季 (or the 五 of 十四五): where none of them is written
# there is no time word to find. Four segments in five that the extractor reads have none, and
# this check costs a tenth of a scan with TIME_RE, which tries its branches at every digit.
TIME_CHARS_RE: Final = re.compile(r"[年月季五]")


@dataclass(frozen=True)
class TimeCue:
    """What a time expression says: a period (or None when the year is unknown) and a kind hint."""

    period: Period | None
    kind: str | None  # 'target' for 到2025年 and future years, 'actual' for past years, else None
    start: int
    end: int
    multi: bool = False
    generic: bool = False  # 今年 / 全年: resets sub-year context but names no new period

    # Written out for mypyc to compile: see numbers.Quantity.__init__.
    def __init__(self, period: Period | None, kind: str | None, start: int, end: int, multi: bool = False,
                 generic: bool = False) -> None:
        object.__setattr__(self, "period", period)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "multi", multi)
        object.__setattr__(self, "generic", generic)


def time_cues(
    text: str,
    year: int | None,
    start: int = 0,
    end: int | None = None,
    *,
    news: bool = False,
    now: int | None = None,
) -> list[TimeCue]:
    """Time cues in text[start:end]; year is the document's reference year (None if unknown).

    `year` means "this year" for the text: the report year for work reports, the publication year
    for news. `news` turns on readings that only hold where the text is dated when it was written
    (截至6月底 = the year so far, 5月份 = that month, 二季度以来 = the year so far); in a work
    report such words sit in the review of last year, which zones.py dates instead.

    `now` is the calendar year the text was written in, when it differs from `year`: a work report
    for 2022 delivered in December 2021 says 今年 (以来) and 前三季度 of 2021 and 明年 of 2022.
    Relative words (今年, 明年, 去年, part-years) count from it; explicit years are compared with
    `year` as before.
    """
    end = len(text) if end is None else end
    out: list[TimeCue] = []
    if TIME_CHARS_RE.search(text, start, end) is None:
        return out
    base = year
    if now is not None and year is not None:
        year = now  # relative words below count from the year of writing
    report_year = base
    search = _TIME_SCAN_RE.search
    pos = start
    # The matches of TIME_RE.finditer(text, start, end): cues are never empty.
    while (m := search(text, pos, end)) is not None:
        m_start, m_end = m.span("cue")
        pos = m_end
        g = m.groupdict()
        p: Period | None = None
        kind: str | None = None
        multi = False
        generic = False
        if g["plan"]:
            s = _FIVE_YEAR_PLANS[g["plan"]]
            p = span_period(s, s + 4)
            multi = True
            if report_year is not None:
                kind = "actual" if s + 4 < report_year else "target"
        elif g["span"]:
            y1, y2 = int(g["span"]), int(g["span2"])
            if y1 >= y2:
                continue
            p = span_period(y1, y2)
            multi = True
            if report_year is not None:
                kind = "actual" if y2 < report_year else "target"
        elif g["by"]:
            y2 = int(g["byy"])
            if report_year is not None and y2 <= report_year - 1:
                p = year_period(y2)
                kind = "actual"
            else:
                s, e = five_year_span(y2)
                if report_year is not None and report_year > s and e == y2:
                    s = s
                elif report_year is not None:
                    s = min(report_year, y2)
                p = span_period(s, y2) if s < y2 else year_period(y2)
                multi = s < y2
                kind = "target"
        elif g["y"]:
            if g["cmp"] or g["since"]:
                continue
            y = int(g["y"])
            if g["ysub"]:
                p = _sub_year(g, y)
            else:
                p = year_period(y)
            if report_year is not None:
                kind = "actual" if y < report_year else ("target" if y > report_year else None)
        elif g["h1"]:
            p = month_span(year, 1, 6) if year else None
        elif g["h2"]:
            p = month_span(year, 7, 12) if year else None
        elif g["q13"]:
            p = month_span(year, 1, 9) if year else None
        elif g["q"]:
            q = _CN_Q[g["q"][-3]]
            p = month_span(year, 3 * q - 2, 3 * q) if year else None
        elif g["dl"]:
            mth = int(g["dl"])
            if not 1 <= mth <= 12:
                continue
            if g["asof"] and news:
                # 截至6月底: a running total for the year to the end of that month, an outcome.
                p = month_span(year, 1, mth) if year else None
                kind = "actual"
            else:
                p = month_span(year, mth, mth) if year else None  # a deadline: by the end of that month
                kind = "target"
        elif g["mo"]:
            mth = int(g["mo"])
            if not news or not 1 <= mth <= 12:
                continue
            p = month_span(year, mth, mth) if year else None
        elif g["m1"]:
            a, b = int(g["m1"]), int(g["m2"])
            if not (1 <= a < b <= 12):
                continue
            p = month_span(year, a, b) if year else None
        elif g["this"]:
            if g["this"] == "明年":
                p = year_period(year + 1) if year else None
                kind = "target"
            else:
                p = year_period(year) if year else None
        elif g["lastsince"]:
            # 去年以来: a running total from some point last year to the time of writing.
            p = span_period(year - 1, year) if year else None
            kind, multi = "actual", True
        elif g["whole"]:
            generic = True
        elif g["last"]:
            p = year_period(year - 1) if year else None
            kind = "actual"
        elif g["next5"]:
            p = span_period(report_year, report_year + 4) if report_year else None
            kind, multi = "target", True
        elif g["past5"]:
            p = span_period(report_year - 5, report_year - 1) if report_year else None
            kind, multi = "actual", True
        elif g["avg"]:
            multi = True
            p = None
        if news and text.startswith("以来", m_end) and p is not None and not multi and not g["y"]:
            # 二季度以来 / 3月份以来: from then until the time of writing — the year so far, not
            # that part of it.
            p, generic = (year_period(year) if year else None), True
        cue_start = m_start
        if g["asof"] and not news:
            cue_start = m.start("dl")  # outside news the as-of word is not part of the cue
        out.append(TimeCue(p, kind, cue_start, m_end, multi, generic))
    return out


def _sub_year(g: dict[str, str | None], y: int) -> Period:
    sub = g["ysub"] or ""
    if sub == "上半年":
        return month_span(y, 1, 6)
    if sub == "下半年":
        return month_span(y, 7, 12)
    if sub == "前三季度":
        return month_span(y, 1, 9)
    if sub.endswith("季度"):
        q = _CN_Q[sub[-3]]
        return month_span(y, 3 * q - 2, 3 * q)
    if g.get("ym1"):
        a, b = int(g["ym1"] or 1), int(g["ym2"] or 12)
        if 1 <= a < b <= 12:
            return month_span(y, a, b)
    if g.get("ym"):
        mth = int(g["ym"] or 1)
        if 1 <= mth <= 12:
            return month_span(y, 1, mth)  # 2023年11月 as a cumulative figure: Jan–Nov
    return year_period(y)
