"""What a statement in news, meeting and interview text inherits from the sentences around it.

Work reports are read by zones (zones.py): a figure's kind and period follow from the part of the
report it sits in. News, meeting reports and interviews have no such parts; they state time and
intent the way reporters write:

- **Time carries forward.** "上半年，新区固定资产投资增长8%。工业、民间投资分别增长15%、25%" —
  the part-year adverbial that opens a sentence governs the sentences after it in the same
  paragraph, until another time adverbial opens a sentence, the paragraph ends, or a new topic
  opens ("用地方面，…", "在制度创新方面，…"). Only part-year cues carry: a bare year is the
  document's default anyway, and 今年/全年/去年 end the carry.
- **Intent is marked per statement.** 将/计划/力争/确保/要求 make a target; 已/了/累计/目前/以来
  make an outcome; the last marker before the value, within its sentence, decides. A sentence with
  no marker reports an outcome. Some markers are also ordinary words (要素, 重要, 将X改为Y is
  "turn X into Y"), so each is guarded.
- **Names are not times.** A year inside a quoted or titled name ("2019年温州春季系列人才交流大会",
  《2021年…方案》) is part of the name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final

from .periods import TimeCue

# --- intent markers -----------------------------------------------------------------------------
# 要 is a future marker only as a verb of obligation: not in 要素, 重要, 主要, 需要 (a need, not a
# plan), 只要, 纲要, 摘要, 要点, 要闻, 要件. 将 is not future in 将近 (nearly) or 将来 (a noun).
# 计划 in 年度计划/投资计划 is a noun ("完成年度计划的60%" reports an outcome).
_FUTURE_RE: Final = re.compile(
    r"力争|争取|确保|务必|必须|努力|力求|有望|即将|拟|预期|要求|谋划"
    r"|(?<![年度资作展划的个])计划(?![的书单内外])"
    r"|(?<![重主需只纲摘概必简紧])要(?![素点闻件害求])"
    r"|将(?![近来])"
    # 目标是/为, and with a verb between: 目标调整为, 目标确定为, 目标设定为
    r"|目标[^，,。；;、]{0,4}?(?:是|为)"
)
# 了 as a verb suffix (完成了, 引进了); not 为了/除了 (purpose, exception) nor 了解.
_PAST_RE: Final = re.compile(r"已经|已|(?<![为除])了(?!解)|累计|截至|截止|目前|现有|共有|拥有|以来|此前|先后")
# 将X改为Y: 将 marks the object (like 把), not the future.
_DISPOSAL_RE: Final = re.compile(r"^[^，,；;。]{0,20}?(?:改为|作为|列为|列入|纳入|转为|变为|视为|改成|变成|转化为|打造成|合并为)")
# Deadlines: a figure due by a date is a target even without a frame word (6月底前全部解决,
# 正月初十之前全部实现).
_DEADLINE_RE: Final = re.compile(r"(?:底|末|初[一二三四五六七八九十]{1,2}|十五|节|日|号)(?:之前|以前|前)")


def intent(text: str, start: int, end: int) -> str | None:
    """'target' or 'actual' from the last intent marker in text[start:end], else None."""
    last: tuple[int, str] | None = None
    for m in _FUTURE_RE.finditer(text, start, end):
        if m.group() == "将" and _DISPOSAL_RE.match(text, m.end(), end + 30):
            continue
        last = (m.start(), "target")
    for m in _DEADLINE_RE.finditer(text, start, end):
        if last is None or m.start() > last[0]:
            last = (m.start(), "target")
    for m in _PAST_RE.finditer(text, start, end):
        if last is None or m.start() > last[0]:
            last = (m.start(), "actual")
    return last[1] if last else None


# --- names that hold time words -----------------------------------------------------------------
_CLOSE: Final = {"“": "”", "《": "》", "「": "」"}
_HAN_RE: Final = re.compile(r"[\u4e00-\u9fff]")


def in_named_title(text: str, start: int, end: int) -> bool:
    """True when text[start:end] sits inside a quoted or titled name that says more than it.

    “2019年温州春季系列人才交流大会” is a name containing a year; “十四五” on its own is a time
    word in quotes and stays a time word.
    """
    lo = max(0, start - 30)
    # The nearest opening mark before the cue; most cues have none, so two rfinds settle them.
    i = max(text.rfind("“", lo, start), text.rfind("《", lo, start), text.rfind("「", lo, start))
    if i < 0:
        return False
    for stop in "”》」\n。；;":
        if text.find(stop, i + 1, start) >= 0:
            return False
    close = _CLOSE[text[i]]
    j = text.find(close, end, end + 40)
    if j < 0:
        return False
    return _HAN_RE.search(text, end, j) is not None


# --- carried time context ----------------------------------------------------------------------
_SEG_END_RE: Final = re.compile(r"[。！？!?\n；;]")
# A topic opener starts a new strand of the story: 用地方面， / 在制度创新方面， / 集成电路领域，
_TOPIC_RE: Final = re.compile(r"\s*(?:在)?[^，,。；;！？!?\n]{1,12}(?:方面|领域)[，,：:]")
# An ordinal heading run into the text ("… 二、“全覆盖”走访促开工 …") starts a new paragraph.
_INLINE_HEAD_RE: Final = re.compile(r"\s+[一二三四五六七八九十]{1,3}、")
# Words that may precede a time cue that opens a clause.
_OPENER_RE: Final = re.compile(
    r"(?:\s|[“”\"*、]|其中|同时|此外|另外|而|按照预计|预计|据统计|据初步统计|初步核算|据初步核算|经初步核算|"
    r"总体来看|总的来看|从数据看|数据显示|统计显示|全市|全区|全县|全省|新区)*"
)


def _is_part_year(cue: TimeCue) -> bool:
    p = cue.period
    if p is None or p.multi or cue.generic or cue.multi:
        return False
    if p.start is None or p.end is None:
        return False
    return not (p.start.month == 1 and p.start.day == 1 and p.end.month == 12 and p.end.day == 31)


@dataclass(frozen=True)
class Carry:
    """The part-year cue governing a segment from an earlier one, and whether it is the same sentence."""

    cue: TimeCue
    same_sentence: bool


class TimeContext:
    """Part-year cues carried over segment and sentence boundaries within a paragraph."""

    def __init__(self, text: str, cues: list[TimeCue]) -> None:
        self._starts: list[int] = []
        self._carry: list[Carry | None] = []
        cue_starts = [c.start for c in cues]
        current: TimeCue | None = None
        current_sent = -1
        pos = 0
        n = len(text)
        sent_start = 0
        while pos <= n:
            m = _SEG_END_RE.search(text, pos)
            seg_end = m.start() if m else n
            seg_start = pos
            new_para = seg_start == 0 or text[seg_start - 1] == "\n"
            if not new_para and seg_start > 0 and text[seg_start - 1] in "。！？!?":
                if _INLINE_HEAD_RE.match(text, seg_start):
                    new_para = True
            if seg_start == 0 or text[seg_start - 1] in "。！？!?\n":
                sent_start = seg_start
            if new_para or _TOPIC_RE.match(text, seg_start):
                current = None
            self._starts.append(seg_start)
            self._carry.append(Carry(current, current_sent == sent_start) if current is not None else None)
            # Update from the clause-opening cues of this segment, in order.
            i = bisect.bisect_left(cue_starts, seg_start)
            while i < len(cues) and cues[i].start < seg_end:
                c = cues[i]
                i += 1
                if c.multi and c.period is None:
                    continue  # 两年平均 / 年均 says how a rate is averaged, not when
                if _opens_clause(text, seg_start, c):
                    if _is_part_year(c):
                        current, current_sent = c, sent_start
                    else:
                        current = None
            if not m:
                break
            pos = m.end()

    def carry_at(self, seg_start: int) -> Carry | None:
        i = bisect.bisect_right(self._starts, seg_start) - 1
        return self._carry[i] if i >= 0 else None


def _opens_clause(text: str, seg_start: int, cue: TimeCue) -> bool:
    """The cue leads its clause: only opener words stand between the clause start and it."""
    k = cue.start
    cs = max(text.rfind(p, seg_start, k) for p in "，,：:") + 1
    cs = max(cs, seg_start)
    m = _OPENER_RE.match(text, cs, k)
    return m is not None and m.end() == k
