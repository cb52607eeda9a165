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

from .periods import Period, five_year_span, span_period, year_period

REVIEW = "review"
REVIEW_MULTI = "review_multi"
PLAN = "plan"
PLAN_MULTI = "plan_multi"
NOTES = "notes"
NEWS = "news"

_BOLD = re.compile(r"^[\s*#>]+|[\s*#]+$")  # what _strip_bold removes (kept for reference)


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

_TOP_ORDINAL = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
_SUB_ORDINAL = re.compile(r"^[（(][一二三四五六七八九十0-9]+[)）]")
_MULTI_WORDS = re.compile(r"十一五|十二五|十三五|十四五|十五五|五年|5年|本届政府|届期|远景|2035")
_REVIEW_WORDS = re.compile(r"回顾|总结|过去一年|过去的一年|工作情况|主要工作(?!安排|任务)|发展成就")
_PLAN_WORDS = re.compile(r"工作安排|主要任务|工作任务|总体要求|工作建议|重点工作|工作部署|今年|形势[和与]任务|目标任务$|工作思路|主要目标")
_NOTES_WORDS = re.compile(r"^(?:附件|附：|附:|名词解释|注释|注：|说明)")
_LEAD = re.compile(r"^(?:各位代表[，,！!：:]?\s*)?(?:\*\*)?")
_MULTI_LEAD = re.compile(
    r"^(?:“?十[一二三四五]五”?(?:时期|期间|以来)|五年来|过去五年|过去的五年|这五年|五年间|本届政府|"
    r"(?:市|省|区)?第[一二三四五六七八九十]+届人民代表大会第一次会议以来)"
)
_YEAR_LEAD = re.compile(r"^(?:一年来|过去一年|过去的一年|这一年|刚刚过去的|(?P<y>(?:19|20)\d{2})年(?!以来))")
_TARGET_FRAME = re.compile(r"主要预期目标|主要目标(?:是|为|确定|建议)|预期目标(?:是|为)|增长目标确定为|目标确定为")


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


def zone_defaults(name: str, year: int | None, multi_hint: str | None = None) -> Zone:
    """Default kind/period for a zone in a report of `year`."""
    if name == REVIEW:
        return Zone(name, "actual", year_period(year - 1) if year else None)
    if name == REVIEW_MULTI:
        if year is None:
            return Zone(name, "actual", None)
        s, e = year - 5, year - 1
        if multi_hint:
            plan = re.search(r"十[一二三四五]五", multi_hint)
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
        if multi_hint and re.search(r"十[一二三四五]五", multi_hint):
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


def _heading_text(line: str) -> str | None:
    """The heading's text if the line is a heading (short, no sentence end), else None."""
    s = _strip_bold(line.strip())
    if not s or len(s) > 45 or s.endswith(("。", "；", ";")):
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
            lead = _LEAD.sub("", line.strip(), count=1)
            lead = _strip_bold(lead)
            if section.name in (REVIEW, REVIEW_MULTI):
                if _MULTI_LEAD.match(lead):
                    new = zone_defaults(REVIEW_MULTI, year, lead[:20])
                else:
                    ym = _YEAR_LEAD.match(lead)
                    if ym and (ym.group("y") is None or year is None or int(ym.group("y")) == year - 1):
                        new = zone_defaults(REVIEW, year)
            tf = _TARGET_FRAME.search(line)
            if tf and year is not None and section.name != NOTES:
                near = line[max(0, tf.start() - 30):tf.start()]
                if not re.search(r"十[一二三四五]五|五年|20[0-9][05]年|2035", near) or re.search(r"今年|%d年" % year, near):
                    # The 主要预期目标 frame is this year's plan wherever it sits.
                    starts.append(start)
                    zones.append(zone_defaults(PLAN, year))
                    current = zone_defaults(PLAN, year) if section.name == PLAN else section
                    continue
        if new is not None:
            current = new
        starts.append(start)
        zones.append(current)
    if not starts:
        starts, zones = [0], [current]
    return Zoning(starts, zones)


def _zone_for_heading(head: str, year: int | None, section: Zone, top: bool) -> Zone | None:
    if _NOTES_WORDS.match(head):
        return zone_defaults(NOTES, year)
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})年", head)]
    has_multi = bool(_MULTI_WORDS.search(head))
    if _REVIEW_WORDS.search(head) or (year is not None and (year - 1) in years and "工作" in head):
        if has_multi:
            return zone_defaults(REVIEW_MULTI, year, head)
        return zone_defaults(REVIEW, year)
    if has_multi and (top or re.search(r"今后五年|未来五年|十[三四五]五", head)):
        if re.search(r"以来|回顾|成就", head):
            return zone_defaults(REVIEW_MULTI, year, head)
        return zone_defaults(PLAN_MULTI, year, head)
    if year is not None and year in years:
        return zone_defaults(PLAN, year)
    if top and _PLAN_WORDS.search(head) and section.name in (REVIEW, REVIEW_MULTI, PLAN_MULTI):
        return zone_defaults(PLAN, year)
    return None
