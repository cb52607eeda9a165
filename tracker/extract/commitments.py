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
- Every record satisfies text[char_start:char_end] == quote, with the value's digits in the quote.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

from .hedges import NOT_QUALIFIER, POST_HEDGE_RE, PRE_HEDGE_RE, bound_for, strength_for
from .lexicon import MetricLexicon
from .lists import ListItem, complete_items, expand_urban_rural, split_subjects
from .numbers import Quantity, base_value, find_quantities
from .periods import Period, TimeCue, span_period, time_cues, year_period
from .zones import NEWS, NOTES, PLAN_MULTI, REVIEW, REVIEW_MULTI, Zone, zone_document


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

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("period_start", "period_end"):
            if d[k] is not None:
                d[k] = d[k].isoformat()
        return d


# --- boundaries -----------------------------------------------------------------------------
# Sentence ends (estimate scope), segment ends (；: each item of a list is its own statement), and
# clause ends (，: subject inheritance reaches back over these within a segment).
_SENT_RE = re.compile(r"[。！？!?\n]")
_SEG_RE = re.compile(r"[。！？!?\n；;]")
_CLAUSE_RE = re.compile(r"[。！？!?\n；;，,：:（）()]")

# --- verbs ----------------------------------------------------------------------------------
_DOWN = r"下降|降低|减少|下滑|回落|缩小|缩减|削减|压减|下调"
_UP = r"增长|增加|上涨|上升|提高|提升|扩大|回升|攀升|增收|增"
_GROWTH_VERB = rf"(?:同比|比上年|较上年|比去年|较去年|比上年同期|年均|平均)?(?:{_DOWN}|{_UP})"
_LEVEL_VERB = (
    r"(?:提高|提升|增加|增长|上升|下降|降低|减少|回落|扩大|缩小|压减|压缩)(?:到|至)|增至|降至|达到|达|为|是|"
    r"实现|完成|保持在|控制在|稳定在|维持在|保持|稳定|突破|超过|迈上|跃上|站上|跨上|迈过|占|"
    r"确定为|定为|设定为|调整为|预计为|拟按|拟|按"
)
_DELIVER_VERB = (
    r"新建|建成|建设|开工|竣工|完工|引进|培育|举办|实施|打造|改造|提供|创建|新开工|新增开工|完成|启动|"
    r"推出|组织|开展|落地|签约|招引|投用|投运|获批|认定|入选|净增|累计|新培育|新引进|建|办"
)
_FRAME = r"力争|确保|争取|努力|力求|务必|必须|预计|预期|计划|要|将|可|有望|已|已经|再|继续|进一步|持续|分别|均|都|双双|约|共|合计|总计"
_HEDGE_PRE = r"不低于|不少于|不超过|不高于|至少|最多|最高|最低|超过|突破|迈上|跃上|站上|迈过|跨上|不到|不足|低于|高于|约|超|逾|近"
_TIMEW = (
    r"(?:从|到|至)?(?:19|20)\d{2}年(?:度|底|末)?(?:的)?|全年|今年|当年|年内|上半年|下半年|前三季度|[一二三四]季度|"
    r"\d{1,2}[-—至到]\d{1,2}月(?:份)?|年均|两年平均|三年平均|平均|同比|比上年|较上年|比去年|较去年|比上年同期"
)
# The tail of an item's text between its subject and its value: verbs, hedges, time words, frame
# words, in any order (e.g. 全年增长, 增长目标确定为, 提高到2021年的, 分别增长, 总量超过).
_TRAIL_RE = re.compile(
    rf"(?:\s|\*|的|增长目标|目标|{_TIMEW}|{_HEDGE_PRE}|{_LEVEL_VERB}|{_GROWTH_VERB}|{_FRAME}|{_DELIVER_VERB}|"
    r"增速|增幅|涨幅|增长率)+$"
)
_FRAME_LEAD_RE = re.compile(r"(?:要求|确保|力争|争取|努力|力求|务必|必须|预计全年|预计|初步核算|按照预计|据初步核算|要|将|实现|完成|全年实现|全年)+")
_LEAD_RE = re.compile(r"^(?:\s|\*|[、“”\"'‘’]|其中|以及|和|及|与|并且|并|同时|此外|另外|而)+")
_GROWTH_RE = re.compile(rf"{_GROWTH_VERB}(?!到|至)|增速|增幅|涨幅|增长率|增长目标|增长速度")
_LEVELV_RE = re.compile(_LEVEL_VERB)
_DOWN_RE = re.compile(rf"(?:{_DOWN})(?!到|至)")
_DELIVER_ONLY_RE = re.compile(rf"^(?:{_DELIVER_VERB}|{_FRAME}|\s)*$")
_RATE_SUBJECT_RE = re.compile(r"率|比重|占比|比例|强度|指数|覆盖率")
_SHARE_RE = re.compile(r"占.{0,20}(?:比重|比例)|占比")
_ANAPHOR_RE = re.compile(r"^(?:总量|总额|规模|总规模|增速|增幅|其中|全年|同口径|可比口径|按可比价格计算|按可比价计算)+$")
_LIST_MARK_RE = re.compile(
    r"分别|(?<![人年平日月])均(?=[^，,；;。]{0,6}?(?:增长|为|达|实现|保持|超过|在|高于|下降|提高|控制|突破|增加|减少))"
    r"|(?<![首成京])都(?=增长|为|达|实现|保持|超过|高于)|双双"
)
_POST_NOUN_RE = re.compile(r"[^，,；;。！？!?、：:（）()\s\d]{1,20}")
_ESTIMATE_RE = re.compile(r"预计")
_AFTER_OK_RE = re.compile(
    rf"{_GROWTH_VERB}|{_LEVEL_VERB}|"
    r"$|[，,；;。、：:！!？?（()）\s”\"’'*—\-]|和|与|及|或|并|同比|比上年|较上年|其中|位居|居|排名|分别|的?(?:新台阶|大关|台阶|关口|目标|水平)"
)
_PRELIM_RE = re.compile(r"初步核算|初步统计")
_NEWS_TARGET_RE = re.compile(r"目标|力争|确保|争取|计划|预期|要求|努力|将|要|力求|任务")

# Value-less comparisons (EXTRACTION.md §3.9). The relation text is kept as written.
_REL_RE = re.compile(
    r"(?=[与同高快不略明超基持正])(?P<rel>(?:与|同)(?:上年|去年|上年度|经济增长|经济增速|经济发展|地区生产总值增长|GDP增长|生产总值增长)"
    r"(?:基本|总体)?(?:保持)?(?:基本)?(?:同步|持平|相适应|相协调|相匹配)"
    r"|(?:高于|快于|不低于|略高于|明显高于|超过)(?:全国|全省|全市|经济增速|经济增长|地区生产总值增速|GDP增速|"
    r"城镇居民|农村居民|城镇|农村|[^，,；;。、\d]{0,8}?(?:平均水平|增速|增幅))(?:平均)?(?:水平)?"
    r"|(?:基本)?持平|正增长)"
)
_REL_SUBJ_TRIM_RE = re.compile(r"(?:增速|增幅|增长速度|涨幅|增长|保持|实现|继续|力争|确保)+$")


@dataclass
class _Subject:
    """A resolved subject: text as written, completed text, code, span."""

    written: str
    text: str
    code: str | None
    start: int
    end: int


class _Ctx:
    """Per-document state shared by the clause readers."""

    def __init__(self, text: str, lexicon: MetricLexicon, year: int | None, doc_type: str | None) -> None:
        self.text = text
        self.lexicon = lexicon
        self.year = year
        self.zoning = zone_document(text, year, doc_type)
        self.seg_ends = [m.start() for m in _SEG_RE.finditer(text)]
        self.sent_ends = [m.start() for m in _SENT_RE.finditer(text)]
        # Time cues of the segment being read (set by _read_segment); queried by range with bisect.
        self.cues: list[TimeCue] = []
        self.cue_starts: list[int] = []

    def load_cues(self, start: int, end: int) -> None:
        self.cues = time_cues(self.text, self.year, start, end)
        self.cue_starts = [c.start for c in self.cues]

    def cues_in(self, start: int, end: int) -> list[TimeCue]:
        i = bisect.bisect_left(self.cue_starts, start)
        j = bisect.bisect_left(self.cue_starts, end)
        return [c for c in self.cues[i:j] if c.end <= end]


def extract_commitments(
    text: str,
    *,
    lexicon: MetricLexicon,
    published: dt.date | None = None,
    doc_type: str | None = None,
) -> list[Commitment]:
    """All commitments (targets and outcomes) stated in `text`, in text order.

    `published` gives the reference year (a work report published in 2024 reviews 2023 and plans
    2024); None leaves relative periods None. `doc_type` is work_report|news|interview|meeting|plan
    or None (work reports are then recognized from their text).
    """
    year = published.year if published else None
    ctx = _Ctx(text, lexicon, year, doc_type)
    quantities = find_quantities(text)
    rel_hits = [m for m in _REL_RE.finditer(text)]
    # Segments that hold something to read.
    seg_starts: set[int] = set()
    for q in quantities:
        seg_starts.add(_seg_start(ctx, q.start))
    for m in rel_hits:
        seg_starts.add(_seg_start(ctx, m.start()))
    out: list[Commitment] = []
    qpos = [q.start for q in quantities]
    for s in sorted(seg_starts):
        e = _seg_end(ctx, s)
        i, j = bisect.bisect_left(qpos, s), bisect.bisect_left(qpos, e)
        out.extend(_read_segment(ctx, s, e, quantities[i:j]))
    out.sort(key=lambda c: (c.char_start, c.char_end))
    return out


def _seg_start(ctx: _Ctx, pos: int) -> int:
    i = bisect.bisect_left(ctx.seg_ends, pos)
    return ctx.seg_ends[i - 1] + 1 if i > 0 else 0


def _seg_end(ctx: _Ctx, start: int) -> int:
    i = bisect.bisect_left(ctx.seg_ends, start)
    return ctx.seg_ends[i] if i < len(ctx.seg_ends) else len(ctx.text)


def _sentence_start(ctx: _Ctx, pos: int) -> int:
    i = bisect.bisect_left(ctx.sent_ends, pos)
    return ctx.sent_ends[i - 1] + 1 if i > 0 else 0


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# --- segment reader ----------------------------------------------------------------------------


@dataclass
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


def _read_segment(ctx: _Ctx, s: int, e: int, qs: list[Quantity]) -> list[Commitment]:
    text = ctx.text
    zone = ctx.zoning.at(s)
    if zone.name == NOTES:
        return []
    ctx.load_cues(s, e)
    # Clause spans within the segment.
    bounds = [s] + [m.end() for m in _CLAUSE_RE.finditer(text, s, e)] + [e]
    clauses = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1) if bounds[k] < bounds[k + 1]]
    drafts: list[tuple[_Draft, int]] = []  # with the clause index
    last_subjects: list[_Subject] = []
    qi = 0
    for ci, (cs, ce) in enumerate(clauses):
        cq: list[Quantity] = []
        while qi < len(qs) and qs[qi].start < ce:
            if qs[qi].start >= cs:
                cq.append(qs[qi])
            qi += 1
        if not cq:
            rel = _relation_only(ctx, cs, ce)
            if rel is not None:
                drafts.append((rel, ci))
            continue
        made, subjects = _read_clause(ctx, cs, ce, cq, last_subjects)
        drafts.extend((d, ci) for d in made)
        if subjects:
            last_subjects = subjects
    return [c for c in (_settle(ctx, d, zone, clauses) for d, _ in drafts) if c is not None]


def _clean_subject(ctx: _Ctx, region: str, start: int) -> _Subject | None:
    # Items of a list are separated by 、: the subject of this value follows the last one
    # (赤字率按4%左右安排、比上年提高1个百分点 → nothing of its own after 、).
    k = region.rfind("、")
    if k >= 0 and region[k + 1:].strip(" *"):
        start, region = start + k + 1, region[k + 1:]
    oq = region.rfind("“")
    if oq >= 0 and "”" not in region[oq:] and region[oq + 1:].strip():
        start, region = start + oq + 1, region[oq + 1:]  # "投资增长25%"的奋斗目标: quoted item
    lead = _LEAD_RE.match(region)
    off = lead.end() if lead else 0
    fr = _FRAME_LEAD_RE.match(region, off)
    if fr and fr.end() < len(region):
        off = fr.end()
    body = region[off:].rstrip(" *“”\"'")
    if not body:
        return None
    code = ctx.lexicon.code_for(body)
    if code is None:
        # 2021年财政总收入突破千亿元大关、: the subject stops at its first verb.
        m = re.search(rf"{_LEVEL_VERB}|{_GROWTH_VERB}|、", body)
        if m and m.start() > 0:
            cut = body[: m.start()]
            c2 = ctx.lexicon.code_for(cut)
            if c2 is not None:
                return _Subject(cut, cut, c2, start + off, start + off + len(cut))
        # 规模以上工业实现增加值: a frame verb inside the name.
        squeezed = re.sub(r"实现|完成|累计|全年", "", body)
        if squeezed != body:
            code = ctx.lexicon.code_for(squeezed)
    return _Subject(body, body, code, start + off, start + off + len(body))


def _post_hedge(text: str, q: Quantity) -> tuple[str | None, int]:
    m = POST_HEDGE_RE.match(text, q.end)
    if m:
        return m.group(1), m.end()
    return None, q.end


def _qualifier(text: str, q: Quantity, item_text: str) -> tuple[str | None, int]:
    post, end = _post_hedge(text, q)
    if post:
        return post, end
    if q.approx_word:
        return q.approx_word, q.end
    m = PRE_HEDGE_RE.search(item_text)
    if m and m.group(1) not in NOT_QUALIFIER:
        return m.group(1), q.end
    return None, q.end


def _read_clause(
    ctx: _Ctx, cs: int, ce: int, cq: list[Quantity], last_subjects: list[_Subject]
) -> tuple[list[_Draft], list[_Subject]]:
    text = ctx.text
    mark = None
    for m in _LIST_MARK_RE.finditer(text, cs, cq[0].start):
        mark = m
    if mark is not None:
        return _read_list_clause(ctx, cs, ce, cq, last_subjects, mark)
    drafts: list[_Draft] = []
    subjects = list(last_subjects)
    prev_end = cs
    prev_draft: _Draft | None = None
    for k, q in enumerate(cq):
        if q.start < prev_end:
            continue
        item_text = text[prev_end:q.start]
        qual, qend = _qualifier(text, q, item_text)
        # A number that classifies what follows (20亿元以上单体制造业项目5个) is not a value.
        if k + 1 < len(cq) and _is_modifier(text, qend, cq[k + 1].start):
            prev_end = qend
            continue
        trail = _TRAIL_RE.search(item_text)
        region_end = trail.start() if trail else len(item_text)
        verb_text = item_text[region_end:]
        region = item_text[:region_end]
        # Margin over a comparator: 增速高于城镇1.2个百分点.
        relation = None
        rm = None
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
            region = ""  # 安排、比上年提高: the words before 、 close the previous item
        lead = _LEAD_RE.match(region)
        body = region[lead.end() if lead else 0:]
        # Stretch: 6.5%以上、力争7%.
        if (
            not body.strip()
            and prev_draft is not None
            and re.search(r"力争|争取|努力", verb_text)
            and prev_draft.q is not None
            and (prev_draft.q.unit or "") == (q.unit or "")
        ):
            prev_draft.stretch = q.value
            prev_draft.quote_end = qend
            prev_end = qend
            continue
        subj: _Subject | None = None
        if body.strip() and not _ANAPHOR_RE.match(body.strip(" *")):
            subj = _clean_subject(ctx, region, prev_end)
        elif body.strip() or not _post_noun(text, qend, ce):
            if subjects:
                base = subjects[-1]
                subj = _Subject(base.written, base.text, base.code, base.start, base.end)
        if subj is None or (subj.code is None and _DELIVER_ONLY_RE.match(body)):
            noun = _post_noun(text, qend, ce)
            if noun is not None and (subj is None or not body.strip()):
                ns, nt = noun
                subj = _Subject(nt, nt, ctx.lexicon.code_for(nt), ns, ns + len(nt))
                qend = max(qend, ns + len(nt))
        if subj is None:
            prev_end = qend
            continue
        if subj.code is not None and not _AFTER_OK_RE.match(text, qend):
            # 地区生产总值增速在全国15个同类城市中居前列: the number counts something else.
            if subj.start >= prev_end:
                subjects = [subj]
            prev_end = qend
            continue
        if q.unit is None and not re.search(r"指数", subj.text + verb_text):
            prev_end = qend
            continue
        qstart = min(subj.start, q.start) if subj.start >= cs - 200 else q.start
        d = _Draft(subj, q, qual, verb_text, cs, qstart, qend, relation=relation)
        drafts.append(d)
        prev_draft = d
        if subj.start >= prev_end:
            subjects = [subj]
        prev_end = qend
    return drafts, subjects


def _is_modifier(text: str, end: int, next_start: int) -> bool:
    between = text[end:next_start]
    if not between or len(between) > 25:
        return False
    if re.search(r"[、，,和及与]|" + _LEVEL_VERB + "|" + _GROWTH_VERB + "|" + _DELIVER_VERB, between):
        return False
    return bool(re.fullmatch(r"[的\u4e00-\u9fff“”\"]+", between))


def _post_noun(text: str, pos: int, ce: int) -> tuple[int, str] | None:
    m = _POST_NOUN_RE.match(text, pos, ce)
    if not m:
        return None
    noun = m.group()
    if re.match(rf"(?:{_GROWTH_VERB}|{_LEVEL_VERB}|左右|以上|以内|的)", noun):
        return None
    return m.start(), noun


def _read_list_clause(
    ctx: _Ctx, cs: int, ce: int, cq: list[Quantity], last_subjects: list[_Subject], mark: re.Match[str]
) -> tuple[list[_Draft], list[_Subject]]:
    """A、B 分别 VERB x、y / A、B 均 VERB x: pair subjects with values (EXTRACTION.md §3.5–3.6)."""
    text = ctx.text
    subj_text = text[cs:mark.start()]
    # Framing words and time before the list (全年, 同口径, 预计 …) are not subjects.
    subj_text_clean = re.sub(rf"(?:{_TIMEW}|同口径|可比口径|按可比价格计算|增速|增幅|{_FRAME}|\*|\s)+$", "", subj_text)
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
    values = [q for q in cq if q.start > mark.start()]
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


def _relation_only(ctx: _Ctx, cs: int, ce: int) -> _Draft | None:
    """外贸进出口总额增速高于全省 / 人均可支配收入与经济增长保持同步: a record with no value."""
    text = ctx.text
    m = _REL_RE.search(text, cs, ce)
    if not m:
        return None
    region = text[cs:m.start()]
    if re.search(r"(?:均|都)$", region):
        return None  # 各县地区生产总值增速均高于全市平均: plural subjects, not the place's own figure
    region = _REL_SUBJ_TRIM_RE.sub("", region)
    lead = _LEAD_RE.match(region)
    off = lead.end() if lead else 0
    body = region[off:]
    code = ctx.lexicon.code_for(body) if body else None
    if code is None:
        return None
    subj = _Subject(body, body, code, cs + off, cs + off + len(body))
    # The comparison must close the clause (增速高于全省。) — not 高于全省的企业.
    rest = text[m.end():ce].strip(" *，,。；;：:！!？?\n")
    if rest and not re.fullmatch(r"(?:水平|平均水平|态势|增长|的?目标)?", rest):
        return None
    return _Draft(subj, None, None, text[cs:m.start()], cs, subj.start, m.end(), relation=m.group("rel"))


# --- settle kind / period / change ------------------------------------------------------------


def _cue_for(ctx: _Ctx, d: _Draft, clauses: list[tuple[int, int]]) -> tuple[TimeCue | None, bool]:
    """The time cue governing a draft: in its own item first, then earlier in its segment.

    Returns (cue, own) where own says the cue sits in the item itself.
    """
    text = ctx.text
    vpos = d.q.start if d.q is not None else d.quote_end
    own_from = min(d.quote_start, d.clause_start)
    own = ctx.cues_in(own_from, vpos)
    if own:
        return own[-1], True
    # Otherwise a time adverbial leading an earlier clause of the segment (前三季度，… / 2022年，…).
    seg_s = clauses[0][0] if clauses else d.clause_start
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
    _ = seg_s
    return best, False


def _settle(ctx: _Ctx, d: _Draft, zone: Zone, clauses: list[tuple[int, int]]) -> Commitment | None:
    text = ctx.text
    year = ctx.year
    pos = d.q.start if d.q is not None else d.quote_start
    cue, own = _cue_for(ctx, d, clauses)
    kind = zone.kind
    period: Period | None = zone.period
    if zone.name == NEWS:
        seg_text = text[_seg_start(ctx, pos):pos]
        after = text[d.quote_end:d.quote_end + 8]
        is_target = bool(_NEWS_TARGET_RE.search(seg_text)) or bool(re.match(r"[”\"]?的?(?:奋斗)?目标", after))
        kind = "target" if is_target else "actual"
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
            if kind == "target" and zone.name == NEWS and not own and not cue.period.multi:
                period = year_period(cue.period.end.year) if cue.period.end else period
            else:
                period = cue.period
        elif cue.period is None and zone.name == NEWS:
            period = None
        if cue.kind is not None and (own or zone.name != NEWS):
            kind = cue.kind
        elif cue.kind is not None and zone.name == NEWS and kind == "actual":
            kind = cue.kind
    if kind is None:
        return None
    if period is not None and zone.name in (REVIEW, REVIEW_MULTI) and kind == "target" and (cue is None or not own):
        kind = "actual"
    # Notes: estimate / preliminary (预计 … in the sentence before the value; 预计数，下同 in the paragraph).
    note = _note_for(ctx, pos, kind)
    clause_text = text[d.clause_start:pos]
    strength, sword = strength_for(clause_text, kind)
    if note == "estimate" and strength == "plain":
        strength, sword = "estimate", "预计"
    subj = d.subject
    if d.q is None:
        return Commitment(
            metric_code=subj.code if subj else None,
            subject=subj.written if subj else None,
            kind=kind,
            period=period.label if period else None,
            period_start=period.start if period else None,
            period_end=period.end if period else None,
            change="growth",
            value=None, value_low=None, value_high=None, stretch=None, unit=None,
            value_base=None, unit_base=None, qualifier=None, bound=None,
            strength=strength, strength_word=sword, relation=d.relation, note=note,
            quote=text[d.quote_start:d.quote_end], char_start=d.quote_start, char_end=d.quote_end,
        )
    q = d.q
    unit = q.unit.replace("％", "%") if q.unit else None
    change = _change_for(ctx, d, unit)
    value, low, high = q.value, q.low, q.high
    negative = bool(_DOWN_RE.search(d.verb_text)) and change in ("growth", "points")
    if negative:
        value = -value
        if low is not None and high is not None:
            low, high = -high, -low
            value = low if q.low is not None else value
    if q.is_range:
        value = low
    vb, ub = base_value(value, unit)
    qual = d.qualifier
    bound = bound_for(qual, q.is_range)
    if q.is_range:
        qual = None
    return Commitment(
        metric_code=subj.code if subj else None,
        subject=subj.written if subj else None,
        kind=kind,
        period=period.label if period else None,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        change=change,
        value=value, value_low=low, value_high=high, stretch=d.stretch, unit=unit,
        value_base=vb, unit_base=ub, qualifier=qual, bound=bound,
        strength=strength, strength_word=sword, relation=d.relation, note=note,
        quote=text[d.quote_start:d.quote_end], char_start=d.quote_start, char_end=d.quote_end,
    )


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
    before = text[ss:pos]
    if _PRELIM_RE.search(before):
        return "preliminary"
    if _ESTIMATE_RE.search(before):
        return "estimate"
    ps = _paragraph_start(text, pos)
    # （预计数，下同）: the whole paragraph from that sentence on.
    k = text.find("预计数", ps, pos + 40)
    if k >= 0 and (k < pos or _sentence_start(ctx, k) == ss):
        return "estimate"
    k = text.find("初步核算", ps, pos)
    if k >= 0 and "下同" in text[k:k + 12]:
        return "preliminary"
    return None


def _change_for(ctx: _Ctx, d: _Draft, unit: str | None) -> str:
    subj_text = d.subject.text if d.subject else ""
    verb = d.verb_text
    growth_word = bool(_GROWTH_RE.search(verb)) or bool(re.search(r"增速|增幅|涨幅|增长率|增长目标|增长速度", subj_text))
    level_verb = bool(_LEVELV_RE.search(verb)) and not bool(_GROWTH_RE.search(verb))
    if unit in ("个百分点", "百分点"):
        return "growth" if d.relation else "points"
    if unit == "倍":
        return "growth" if growth_word else "level"
    if unit in ("%", "‰", "成"):
        if growth_word and not re.search(r"(?:提高|提升|增加|增长|上升|下降|降低|减少|回落)(?:到|至)|增至|降至", verb):
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
    if growth_word and not re.search(r"(?:到|至)$", verb):
        return "growth"
    return "level"


__all__ = ["Commitment", "extract_commitments"]
