"""Zones of a work report: which part reviews the past and which plans the year.

A government work report (政府工作报告) of year Y has a review part (一、2023年工作回顾 / 过去一年 /
一年来 …) whose figures are outcomes for Y−1, and a plan part whose 主要预期目标 frame holds targets for
Y. Around them sit multi-year parts: a five-year review (五年来, 十三五时期) and five-year goals (今后五年,
十四五) whose figures are never the single year's. Appendices (名词解释) hold no commitments.

Zoning reads headings and paragraph openings only — not particular cities' wording — and returns a
zone per paragraph. Other document types get one zone ("news") and are resolved clause by clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final

from .periods import Period, five_year_span, span_period, year_period

REVIEW: Final = "review"
REVIEW_MULTI: Final = "review_multi"
PLAN: Final = "plan"
PLAN_MULTI: Final = "plan_multi"
NOTES: Final = "notes"
NEWS: Final = "news"

_BOLD: Final = re.compile(r"^[\s*#>]+|[\s*#]+$")  # what _strip_bold removes (kept for reference)


def _strip_bold(s: str) -> str:
    """Same as ``_BOLD.sub("", s)``: markup and spaces off both ends.

    Done with index scans because the regex's end-anchored branch is tried at every position of
    every paragraph, which cost a tenth of all extraction time on the corpus.
    """
    i, j = 0, len(s)
    while i < j and (s[i] in "*#>" or s[i].isspace()):
        i += 1
    while j > i and (s[j - 1] in "*#" or s[j - 1].isspace()):
        j -= 1
    return s[i:j]

_TOP_ORDINAL: Final = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
_SUB_ORDINAL: Final = re.compile(r"^[（(][一二三四五六七八九十0-9]+[)）]")
# (?<!\d): the 5年 of 2015年 is a year, not five years.
_MULTI_WORDS: Final = re.compile(r"十一五|十二五|十三五|十四五|十五五|五年|(?<!\d)5年|本届政府|届期|远景|2035")
_REVIEW_WORDS: Final = re.compile(r"回顾|总结|过去一年|过去的一年|工作情况|主要工作(?!安排|任务)|发展成就")
_PLAN_WORDS: Final = re.compile(r"工作安排|主要任务|工作任务|总体要求|工作建议|重点工作|工作部署|今年|形势[和与]任务|目标任务$|工作思路|主要目标")
_NOTES_WORDS: Final = re.compile(r"^(?:附件|附：|附:|名词解释|注释|注：|说明)")
_LEAD: Final = re.compile(r"^(?:各位代表[，,！!：:]?\s*)?(?:\*\*)?")
_MULTI_LEAD: Final = re.compile(
    r"^(?:“?十[一二三四五]五”?(?:时期|期间|以来|是)|五年来|过去五年|过去的五年|这五年|五年间|本届政府|"
    r"(?:市|省|区)?第[一二三四五六七八九十]+届人民代表大会第一次会议以来|"
    # 市十六届人大一次会议以来的五年，是…: the term of office, however the session is named.
    r"[^，,。：:]{2,24}以来的(?:五|5)年)"
)
# A paragraph that opens on the year under review. 即将过去的2021年 / 即将过去的一年 open it in a
# report delivered in December, before the year is over; 刚刚过去的2023年 after it.
_YEAR_LEAD: Final = re.compile(
    r"^(?:一年来|过去一年|过去的一年|这一年|(?:刚刚|即将)过去的(?:一年|(?P<y2>(?:19|20)\d{2})年)?|"
    r"(?P<y>(?:19|20)\d{2})年(?!以来))"
)
_SINCE_LEAD: Final = re.compile(r"^(?P<y>(?:19|20)\d{2})年以来")
_SPAN_RE: Final = re.compile(r"(?:19|20)\d{2}\s*[-—－~～至到]\s*(?:19|20)\d{2}年")
# A sentence inside a review paragraph that turns to the five-year term (…2019年正是…五周年。五年来，…):
# the rest of that paragraph reviews the term, not the year.
_MULTI_SENTENCE: Final = re.compile(r"[。！？!?]\s*(?=五年来|这五年|过去五年|过去的五年|五年间|“?十[一二三四五]五”?(?:时期|期间|以来))")
_PLAN_NAME_RE: Final = re.compile(r"十[一二三四五]五")
_YEAR_RE: Final = re.compile(r"((?:19|20)\d{2})年")
# Near a targets frame, words of a horizon other than this year's (a plan, five years, 2035).
_OTHER_HORIZON_RE: Final = re.compile(r"十[一二三四五]五|五年|20[0-9][05]年|2035")
_COMING_TERM_RE: Final = re.compile(r"今后五年|未来五年|十[三四五]五")
_LOOKING_BACK_RE: Final = re.compile(r"以来|回顾|成就")
_TARGET_FRAME: Final = re.compile(
    r"主要预期目标|主要目标(?:是|为|确定|建议)|预期目标(?:是|为)|增长目标确定为|目标确定为|预期性指标(?:主要)?(?:是|为)"
)


@dataclass(frozen=True)
class Zone:
    """A zone: its name, and the default kind and period of a figure inside it."""

    name: str
    kind: str | None
    period: Period | None


def looks_like_work_report(text: str) -> bool:
    head = text[:3000]
    return ("政府工作报告" in head or "各位代表" in head) and (
        "主要预期目标" in text or "工作回顾" in text or "一年来" in text
    )


# Signs that a report for year Y was delivered in late Y−1 (some cities hold their people's congress
# in December): the dated by-line (——2021年12月21日在…), a review of 即将过去的2021年 (the year is
# not over yet), or targets introduced as 明年's (明年发展的主要预期目标是). Only the year of writing
# changes: the review still covers Y−1 and the targets are still Y's.
_LATE_DATE: Final = re.compile(r"(?P<y>(?:19|20)\d{2})年(?:11|12)月\d{1,2}日(?=\s*(?:在|[）)]|\s))")
_LATE_WORDS: Final = re.compile(
    r"即将过去的(?:一年|(?P<y>(?:19|20)\d{2})年)|明年[^。；;\n]{0,12}主要(?:预期)?目标|明年的目标任务"
    r"|做好明年(?:政府)?工作|明年(?:的)?政府工作|明年(?:的)?工作(?:的)?总体要求"
)


def delivered_year_before(text: str, year: int | None) -> bool:
    """True when a work report for `year` was delivered in November/December of year − 1.

    Then its 今年 is year − 1 and its 明年 is `year` (see periods.time_cues(now=…)). The pipeline
    dates such a report 1 January of `year`, so the wording is the only evidence left.
    """
    if year is None:
        return False
    m = _LATE_DATE.search(text, 0, 400)  # the by-line, not a date in the review
    if m is not None:
        return int(m.group("y")) == year - 1
    if "明年" not in text and "即将过去的" not in text:
        return False  # every _LATE_WORDS phrase holds one of them; `in` is far cheaper than the scan
    w = _LATE_WORDS.search(text)
    return w is not None and (w.group("y") is None or int(w.group("y")) == year - 1)


def zone_defaults(name: str, year: int | None, multi_hint: str | None = None) -> Zone:
    """Default kind/period for a zone in a report of `year`."""
    if name == REVIEW:
        return Zone(name, "actual", year_period(year - 1) if year else None)
    if name == REVIEW_MULTI:
        if year is None:
            return Zone(name, "actual", None)
        s, e = year - 5, year - 1
        if multi_hint:
            plan = _PLAN_NAME_RE.search(multi_hint)
            if plan:
                s = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}[plan.group()]
                e = s + 4
        return Zone(name, "actual", span_period(s, e))
    if name == PLAN:
        return Zone(name, "target", year_period(year) if year else None)
    if name == PLAN_MULTI:
        if year is None:
            return Zone(name, "target", None)
        s, e = year, year + 4
        if multi_hint and _PLAN_NAME_RE.search(multi_hint):
            s, e = five_year_span(year)
        return Zone(name, "target", span_period(s, e))
    if name == NOTES:
        return Zone(name, None, None)
    return Zone(NEWS, None, year_period(year) if year else None)


class Zoning:
    """Zone lookup by character offset (bisect over paragraph starts)."""

    def __init__(self, starts: list[int], zones: list[Zone]) -> None:
        self._starts = starts
        self._zones = zones

    def at(self, pos: int) -> Zone:
        i = bisect.bisect_right(self._starts, pos) - 1
        return self._zones[max(i, 0)]

    @property
    def single(self) -> bool:
        """One zone for the whole text (news, meetings, interviews)."""
        return len(self._zones) == 1


# The by-line under the title (——2015年1月28日在银川市第十四届人民代表大会第三次会议上) names the day
# of delivery, not a part of the report; its year must not open a plan zone.
_BYLINE: Final = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|会议上$|会议通过$|人民代表大会[^，。]{0,12}$")


def _heading_text(line: str) -> str | None:
    """The heading's text if the line is a heading (short, no sentence end), else None."""
    first, last = line[:1], line[-1:]
    if len(line) > 45 and first not in "*#>" and last not in "*#" and not first.isspace() and not last.isspace():
        return None  # a paragraph with nothing to strip at its ends (most lines): too long
    s = _strip_bold(line.strip())
    if not s or len(s) > 45 or s.endswith(("。", "；", ";")):
        return None
    if _BYLINE.search(s):
        return None
    if "，" in s[:-1] and not _TOP_ORDINAL.match(s):
        return None
    return s


def zone_document(text: str, year: int | None, doc_type: str | None) -> Zoning:
    """Zone a document. Work reports get review/plan/multi-year zones; others one news zone."""
    is_report = doc_type == "work_report" or (doc_type is None and looks_like_work_report(text))
    if not is_report:
        return Zoning([0], [zone_defaults(NEWS, year)])
    starts: list[int] = []
    zones: list[Zone] = []
    current = zone_defaults(REVIEW, year)
    section = current  # zone set by the last top-level heading
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        head = _heading_text(line)
        new: Zone | None = None
        if head is not None:
            new = _zone_for_heading(head, year, section, top=not _SUB_ORDINAL.match(head))
            if new is not None and not _SUB_ORDINAL.match(head):
                section = new
        else:
            stripped = line.strip()
            # _LEAD.sub("", stripped, count=1) without copying the paragraph: the pattern is anchored
            # and always matches, mostly nothing.
            m = _LEAD.match(stripped)
            lead = _strip_bold(stripped[m.end():] if m else stripped)
            if section.name in (REVIEW, REVIEW_MULTI):
                since = _SINCE_LEAD.match(lead)
                ml = _MULTI_LEAD.match(lead)
                if ml and _future_plan(ml.group(), year):
                    # “十五五”时期是…关键时期 closing a 2026 review: the coming plan, not the past one.
                    new = zone_defaults(PLAN_MULTI, year, lead[:20])
                elif ml or (since is not None and year is not None and int(since.group("y")) < year - 1):
                    # 2013年以来，… in a 2017 report: the term so far, not last year.
                    new = zone_defaults(REVIEW_MULTI, year, lead[:20])
                else:
                    ym = _YEAR_LEAD.match(lead)
                    ly = ym and (ym.group("y") or ym.group("y2"))
                    if ym and (not ly or year is None or int(ly) == year - 1):
                        new = zone_defaults(REVIEW, year)
            # Every _TARGET_FRAME phrase holds 目标 or 指标: most paragraphs need no search.
            # (标 first: a one-character search skips ahead with memchr.)
            tf = _TARGET_FRAME.search(line) if "标" in line and ("目标" in line or "指标" in line) else None
            if tf and year is not None and section.name != NOTES:
                near = line[max(0, tf.start() - 30):tf.start()]
                this_year = "今年" in near or "%d年" % year in near
                if not _OTHER_HORIZON_RE.search(near) or this_year:
                    # The 主要预期目标 frame is this year's plan wherever it sits.
                    starts.append(start)
                    zones.append(zone_defaults(PLAN, year))
                    if tf.start() <= 40 and (
                        (section.name in (REVIEW, REVIEW_MULTI) and f"{year - 1}年" not in near)
                        or (section.name == PLAN_MULTI and this_year)
                    ):
                        # A targets paragraph opening its line ends the review even where the
                        # plan part's heading says nothing we know (二、适应新常态，…), and one
                        # naming this year ends a five-year part (三、…推动“十五五”开好局): what
                        # follows is this year's work.
                        section = zone_defaults(PLAN, year)
                    current = zone_defaults(PLAN, year) if section.name == PLAN else section
                    continue
        if new is not None:
            current = new
        starts.append(start)
        zones.append(current)
        # Every _MULTI_SENTENCE match holds 五: most review paragraphs need no search.
        if head is None and current.name == REVIEW and "年" in line and "五" in line:
            ms = _MULTI_SENTENCE.search(line)
            if ms is not None:
                # Only the rest of this paragraph: the next one is zoned by its own opening.
                starts.append(start + ms.end())
                zones.append(zone_defaults(REVIEW_MULTI, year, line[ms.end():ms.end() + 20]))
    if not starts:
        starts, zones = [0], [current]
    return Zoning(starts, zones)


_PLAN_STARTS: Final = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}


def _future_plan(lead: str, year: int | None) -> bool:
    """A five-year plan named in a paragraph's lead that starts in the report year or later."""
    m = _PLAN_NAME_RE.search(lead)
    return bool(m and year is not None and _PLAN_STARTS[m.group()] >= year)


def _zone_for_heading(head: str, year: int | None, section: Zone, top: bool) -> Zone | None:
    if _NOTES_WORDS.match(head):
        return zone_defaults(NOTES, year)
    years = [int(y) for y in _YEAR_RE.findall(head)]
    has_multi = bool(_MULTI_WORDS.search(head))
    if _REVIEW_WORDS.search(head) or (year is not None and (year - 1) in years and "工作" in head):
        if has_multi and year is not None and (year - 1) in years and not _SPAN_RE.search(head):
            # A heading naming both, e.g. 一、2016年和过去五年工作回顾 / 一、“十二五”及2015年工作回顾,
            # lists the parts in the order they come: the section opens on whichever it names
            # first; the paragraphs of the other part announce themselves (五年来 …, 刚刚过去的2015年
            # …, see _MULTI_LEAD and _YEAR_LEAD).
            mm = _MULTI_WORDS.search(head)
            if mm is not None and head.find(f"{year - 1}年") < mm.start():
                return zone_defaults(REVIEW, year)
            return zone_defaults(REVIEW_MULTI, year, head)
        if has_multi:
            return zone_defaults(REVIEW_MULTI, year, head)
        return zone_defaults(REVIEW, year)
    if has_multi and (top or _COMING_TERM_RE.search(head)):
        if _LOOKING_BACK_RE.search(head):
            return zone_defaults(REVIEW_MULTI, year, head)
        return zone_defaults(PLAN_MULTI, year, head)
    if year is not None and year in years:
        return zone_defaults(PLAN, year)
    if top and _PLAN_WORDS.search(head) and section.name in (REVIEW, REVIEW_MULTI, PLAN_MULTI):
        return zone_defaults(PLAN, year)
    return None
