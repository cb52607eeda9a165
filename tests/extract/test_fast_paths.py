"""The extractor's shortcuts find exactly what the patterns they stand for find.

Several hot paths skip a regex when a cheap look (a first character, an anchor word, the characters
a pattern can hold) says it cannot match. Those looks are written beside each pattern by hand; if a
pattern gains a word and its companion list does not, the shortcut would silently drop matches.
These properties compare each shortcut with its pattern on prose made of the patterns' own words.

The same goes for the other speed-ups: scanners that open a pattern on the characters its matches
start with (checked against the pattern itself), the atomic range start of quantities (checked
against the same live pattern allowed to backtrack), str methods standing for regex scans, and
answers cached by their words and placed by the caller (checked against the same answer computed
afresh, and for giving each record its own strings: records that shared a string object would
pickle to other bytes). The oracles are derived from the live code, not frozen copies of it, so a
deliberate change to a pattern or a rule needs no second edit here.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.extract._support import lexicon
from tracker.extract import commitments as cm
from tracker.extract import hedges as hd
from tracker.extract import numbers as nm
from tracker.extract import periods as pd
from tracker.extract import zones as zn
from tracker.extract.hedges import POST_HEDGE_FIRST, POST_HEDGE_RE
from tracker.extract.lexicon import MetricLexicon
from tracker.extract.scanning import first_chars

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words of the comparison, trail, lead and hedge patterns, and what surrounds them in reports.
WORDS = ["与", "同", "上年", "经济增长", "基本", "保持", "同步", "持平", "相适应", "相协调", "高于", "快于", "不低于",
         "略高于", "明显高于", "超过", "全国", "全省", "全市", "控制在", "稳定在", "保持在", "目标", "以内", "之内",
         "范围内", "正增长", "同口径", "可比价", "按可比价格计算", "名义", "实际", "增长", "增速", "比上年", "其中",
         "以及", "和", "并", "同时", "此外", "而", "、", "“", "”", "*", " ", "\u3000", "左右", "以上", "之间",
         "多", "余", "，", "；", "。", "\n", "5.5", "%", "个百分点", "亿元", "地区生产总值", "居民收入", "城镇", "农村",
         "٣", "\u2003"]
prose = st.lists(st.sampled_from(WORDS) | st.text(max_size=3), max_size=40).map("".join)


@SETTINGS
@given(prose)
def test_comparisons_in_windows_are_all_comparisons(text: str) -> None:
    assert [m.span() for m in cm._comparisons(text)] == [m.span() for m in cm._REL_RE.finditer(text)]


@SETTINGS
@given(prose)
def test_trail_search_starts_late_but_finds_the_same(text: str) -> None:
    fast, slow = cm._trail(text), cm._TRAIL_RE.search(text)
    assert (fast.span() if fast else None) == (slow.span() if slow else None)


@SETTINGS
@given(prose)
def test_lead_length_matches_the_lead_pattern(text: str) -> None:
    m = cm._LEAD_RE.match(text)
    assert cm._lead_len(text) == (m.end() if m else 0)


@SETTINGS
@given(prose)
def test_post_hedges_start_with_a_listed_character(text: str) -> None:
    m = POST_HEDGE_RE.match(text)
    if m and m.group(1):
        assert text[0] in POST_HEDGE_FIRST or text[0].isspace()


@SETTINGS
@given(prose)
def test_list_marks_and_comparisons_start_with_a_listed_character(text: str) -> None:
    for m in cm._LIST_MARK_RE.finditer(text):
        assert cm._LIST_MARK_FIRST_RE.match(text, m.start())
    for m in cm._REL_RE.finditer(text):
        assert cm._REL_FIRST_RE.match(text, m.start())


# --- quantity and time tokens: the scanners and the rewritten patterns -------------------------


# QUANTITY_RE with its atomic range start made an ordinary group: what the engine would find if it
# could try every shorter reading of the range start. The atomic group is safe only while no unit
# or number reading shorter than the longest can be followed by the dash (numbers.py); a unit or
# dash added later could break that, and this oracle, derived from the live pattern, would show it.
assert nm.QUANTITY_RE.pattern.count("(?>") == 1
BACKTRACKING_QUANTITY_RE = re.compile(nm.QUANTITY_RE.pattern.replace("(?>", "(?:"))

# Digits, numerals, units (and the shorter units inside longer ones), dashes and what guards a token.
QUANTITY_WORDS = ["1", "2", "0", "5", "12", "2023", "１", "３", ".", "．", "一", "二", "两", "三", "五", "十", "百", "千",
                  "万", "亿", "〇", "零", "%", "％", "‰", "个百分点", "百分点", "个", "百", "倍", "成", "元", "亿元", "万元",
                  "美元", "人次", "万人次", "人", "项", "亩", "吨", "公里", "平方公里", "千瓦时", "千瓦", "米", "千米", "TEU",
                  "多", "余", "—", "–", "-", "－", "~", "～", "〜", "至", "到", " ", "第", "A", "G", "年", "月", "日", "号",
                  "线", "强", "进一步", "统一", "近", "上", "，", "。", "\n"]
# Numbers with units and dashes run together (5个百分点-6个百分点, 三成, 3万余个, 8.1亿余元) among those words.
quantity_piece = st.tuples(
    st.sampled_from(["1", "12", "3.5", "2023", "１", "0．5", "三", "十二", "两", "一百", "五"]),
    st.sampled_from(["", "", "多", "余"]),
    st.sampled_from(["", "%", "个百分点", "百分点", "个", "万", "亿", "万亿", "亿元", "万元", "千米", "千瓦时", "成", "倍",
                     "人次", "万人次", "平方公里", "公里", "年", "TEU", "余个", "余元"]),
    st.sampled_from(["", "", "-", "—", "至", " 到 ", "~"]),
).map("".join)
# Ranges written out (5至6%, 3.5-4万元, 10%—12%): where the atomic range start must give up nothing.
range_piece = st.tuples(quantity_piece, st.sampled_from(["-", "—", "至", "到", "~", "～", " - "]), quantity_piece).map("".join)
quantity_text = st.lists(quantity_piece | range_piece | st.sampled_from(QUANTITY_WORDS) | st.text(max_size=2),
                         max_size=20).map("".join)
TIME_WORDS = ["2023", "2025", "2020", "19", "20", "5", "12", "3", "年", "月", "份", "底", "末", "前", "度", "季度", "上半年",
              "下半年", "前三季度", "一", "二", "第", "今年", "明年", "去年", "上年", "上一年", "本年度", "以来", "同期", "水平",
              "基础", "基础上", "比", "较", "与", "同", "相比", "截至", "截止", "到", "至", "十四五", "十三五", "五年", "五年来",
              "今后", "未来", "过去", "年均", "两年平均", "平均每年", "全年", "年内", "当年", "-", "—", "～", " ", "\n", "倍",
              "的", ".", "日", "号", "初", "旬", "翻"]
# Time expressions built from their parts (比2023年同期, 到2025年底, 2020 - 2025年, 5-6月份, 截至3月底 …).
time_piece = st.tuples(
    st.sampled_from(["", "", "比", "较", "与", "同", "到", "至", "截至", "截止", "第", "前", "上", "下", "今", "过去"]),
    st.sampled_from(["2023", "2020", "2025", "5", "12", "一", "三", "十四", ""]),
    st.sampled_from(["年", "月", "季度", "五", "", " - ", "至", "半年", "年均"]),
    st.sampled_from(["", "底", "末", "前", "以来", "份", "上半年", "同期", "度", "3月", "5-6月", "的", "的2.5倍", "日"]),
).map("".join)
time_text = st.lists(time_piece | st.sampled_from(TIME_WORDS) | st.text(max_size=2), max_size=20).map("".join)


def _spans(m: re.Match[str], names: list[str]) -> list[tuple[int, int]]:
    return [m.span(n) for n in names]


def _scan(pattern: re.Pattern[str], group: str, text: str, start: int, end: int) -> list[re.Match[str]]:
    """The loop find_quantities and time_cues run their scanners in."""
    out, pos = [], start
    while (m := pattern.search(text, pos, end)) is not None:
        out.append(m)
        pos = m.end(group)
    return out


@SETTINGS
@given(quantity_text, st.integers(0, 5), st.integers(0, 5))
@example("增长5至6%，投资3.5-4万元，占比10%—12%，新增2到3个百分点", 0, 0)  # ranges as reports write them
def test_quantity_scanner_and_atomic_range_find_what_backtracking_finds(text: str, a: int, b: int) -> None:
    start, end = min(a, len(text)), max(len(text) - b, 0)
    names = list(nm.QUANTITY_RE.groupindex)
    want = [(m.span(), _spans(m, names)) for m in BACKTRACKING_QUANTITY_RE.finditer(text, start, end)]
    assert [(m.span(), _spans(m, names)) for m in nm.QUANTITY_RE.finditer(text, start, end)] == want
    scanned = _scan(nm._QUANTITY_SCAN_RE, "q", text, start, end)
    assert [(m.span("q"), _spans(m, names)) for m in scanned] == want


@SETTINGS
@given(time_text, st.integers(0, 5), st.integers(0, 5))
def test_time_scanner_finds_what_the_time_pattern_finds(text: str, a: int, b: int) -> None:
    start, end = min(a, len(text)), max(len(text) - b, 0)
    names = list(pd.TIME_RE.groupindex)
    want = [(m.span(), _spans(m, names)) for m in pd.TIME_RE.finditer(text, start, end)]
    scanned = _scan(pd._TIME_SCAN_RE, "cue", text, start, end)
    assert [(m.span("cue"), _spans(m, names)) for m in scanned] == want


# --- subjects: answers cached by their words, placed by the caller ---------------------------------

# Subject words: metric names, frame and time words, verbs, actors, list and quote marks.
SUBJECT_WORDS = ["地区生产总值", "一般公共预算收入", "规模以上工业", "增加值", "居民人均可支配收入", "城镇", "农村", "全市",
                 "2023年", "全年", "预计", "力争", "确保", "实现", "完成", "累计", "其中", "和", "、", "“", "”", "*", " ",
                 "增长", "达到", "突破", "占", "GDP", "比重", "新建", "推进", "了", "已", "将", "要", "目前", "新区", "共有",
                 "拥有", "达", "约", "等", "项目", "企业", "学校", "剔除", "因素", "同口径", "可比价", "亿元", "以上"]
subject_text = st.lists(st.sampled_from(SUBJECT_WORDS) | st.text(max_size=2), max_size=12).map("".join)


def _uncached_clean_subject(lex: MetricLexicon, region: str, start: int) -> cm._Subject | None:
    """What _clean_subject answers, computed afresh every time (no memo)."""
    found = cm._clean_span(lex, region)
    if found is None:
        return None
    a, b, code = found
    return cm._Subject(region[a:b], region[a:b], code, start + a, start + b)


@SETTINGS
@given(subject_text, st.integers(0, 500))
def test_cached_subjects_are_the_subjects_found_afresh(region: str, start: int) -> None:
    ctx = cm._Ctx("", lexicon(), None, None)
    subj = cm._Subject(region, region, None, start, start + len(region))
    fresh_tidy = cm._tidy_span.__wrapped__(region)
    trail = cm._TRAIL_RE.search(region)
    for _ in range(2):  # the second answer comes from the caches
        assert cm._clean_subject(ctx, region, start) == _uncached_clean_subject(lexicon(), region, start)
        tidy = cm._tidy_subject(subj)
        assert (None if tidy is None else (tidy.start - start, tidy.end - start)) == fresh_tidy
        assert tidy is None or tidy.written == region[tidy.start - start:tidy.end - start]
        assert cm._trail_start(region) == (trail.start() if trail else len(region))
    # An answer cached for one place is moved, not reused as is, for the same words elsewhere.
    moved = cm._clean_subject(ctx, region, start + 7)
    here = cm._clean_subject(ctx, region, start)
    assert (moved is None) == (here is None)
    if moved is not None and here is not None:
        assert (moved.start, moved.end) == (here.start + 7, here.end + 7)


def test_cached_subjects_are_kept_per_lexicon_and_give_each_record_its_own_string() -> None:
    mine = MetricLexicon.from_rows([("widgets", "小部件产量")])
    region = "全市小部件产量"
    assert cm._clean_subject(cm._Ctx("", mine, None, None), region, 0).code == "widgets"  # type: ignore[union-attr]
    assert cm._clean_subject(cm._Ctx("", lexicon(), None, None), region, 0).code is None  # type: ignore[union-attr]
    # Equal strings from two calls are two objects, as when each call sliced its own: records that
    # shared one string object would pickle to other bytes.
    r1, r2 = ("".join(["确保", "小部件产量"]) for _ in range(2))  # two regions, equal words
    a, b = (cm._clean_subject(cm._Ctx("", mine, None, None), r, 0) for r in (r1, r2))
    assert a is not None and b is not None and a.written == b.written == "小部件产量" and a.written is not b.written
    s1, s2 = (cm._Subject(w, w, None, 0, len(w)) for w in ("".join(["目前", "建成学校"]) for _ in range(2)))
    t1, t2 = cm._tidy_subject(s1), cm._tidy_subject(s2)
    assert t1 is not None and t2 is not None and t1.written == t2.written and t1.written is not t2.written


# --- scanners: a pattern opened on the characters its matches start with -----------------------
VERB_WORDS = ["增长", "同比", "比上年", "增", "增加到", "提高至", "达到", "达", "为", "是", "占", "保持在", "控制在", "突破",
              "拟", "按", "下降", "年均", "平均", "、", "收入", "总值", "规模", "比重", "GDP", " ", "*"]
verb_text = st.lists(st.sampled_from(VERB_WORDS + SUBJECT_WORDS) | st.text(max_size=2), max_size=15).map("".join)


@SETTINGS
@given(verb_text)
def test_first_verb_scanner_finds_the_first_verb(text: str) -> None:
    m, want = cm._FIRST_VERB_SCAN_RE.search(text), cm._FIRST_VERB_RE.search(text)
    assert (m.span("verb") if m else None) == (want.span() if want else None)


@SETTINGS
@given(verb_text | prose)
def test_first_characters_hold_every_match_start(text: str) -> None:
    for pattern in (cm._FIRST_VERB_RE, cm._TRAIL_RE, cm._LIST_MARK_RE, cm._NOT_MODIFIER_RE):
        first = re.compile(f"[{first_chars(pattern.pattern)}]")
        for k in range(len(text) + 1):
            if pattern.match(text, k):
                assert first.match(text, k), (pattern.pattern[:40], text, k)


def test_first_characters_are_refused_where_a_match_can_be_empty_or_start_anywhere() -> None:
    assert first_chars(r"(?:同比)?(?:增长|\d+)") == "同增\\d"
    for pattern in (r"增?", r".增", r"[^增]", r"(?:\s|增)*"):
        try:
            first_chars(pattern)
        except ValueError:
            continue
        raise AssertionError(pattern)


# --- boundaries, strength words and zone openings: str methods for regex scans -------------------

BOUNDARY_WORDS = ["。", "！", "？", "!", "?", "\n", "；", ";", "，", "增长", "5%", " ", "*", "#", ">", "一、", "回顾",
                  "确保", "务必须", "努力争取", "力求", "预计", "完成", "必须", "“", "五年来", "过去五年", "这五年", "十三五",
                  "”时期", "2023年", "目标", "指标", "标准", "各位代表，", "**", "以来的五年", "会议上"]
boundary_text = st.lists(st.sampled_from(BOUNDARY_WORDS) | st.text(max_size=3), max_size=40).map("".join)


@SETTINGS
@given(boundary_text)
def test_segment_sentence_and_line_ends_are_the_boundary_matches(text: str) -> None:
    ctx = cm._Ctx(text, lexicon(), None, None)
    seg_ends = [m.start() for m in cm._SEG_RE.finditer(text)]
    assert ctx.seg_ends == seg_ends
    assert ctx.sent_ends == [p for p in seg_ends if text[p] not in "；;"]
    assert ctx.line_ends == [p for p in seg_ends if text[p] == "\n"]


@SETTINGS
@given(boundary_text, st.sampled_from(["target", "actual"]))
def test_strength_is_read_from_the_last_frame_word(text: str, kind: str) -> None:
    word = None
    for m in hd.STRENGTH_RE.finditer(text):
        word = m.group()
    if word is None and kind == "target" and "完成" in text:
        word = "完成"
    assert hd.strength_for(text, kind) == (("plain", None) if word is None else (hd._STRENGTH_OF[word], word))


def test_heading_length_limit_holds_with_and_without_markup() -> None:
    # 45 characters is a heading, 46 is a paragraph: with or without markup at the ends, so the
    # shortcut for unmarked long lines and the full check agree on the limit.
    for wrap in ("", "**", "  "):
        assert zn._heading_text(wrap + "一、" + "经济" * 21 + "发" + wrap) == "一、" + "经济" * 21 + "发"
        assert zn._heading_text(wrap + "一、" + "经济" * 22 + wrap) is None


@SETTINGS
@given(boundary_text, st.integers(0, 50))
def test_zone_openings_read_as_before(text: str, pad: int) -> None:
    for line in (text, text + "经济" * pad, "经济" * pad + text, text + " " * pad, "\u3000" * pad + text, text + "*#" * pad):
        # The shortcut answers None for a long line with nothing to strip at its ends: stripped,
        # such a line is still too long to be a heading, which is the full check's first refusal.
        first, last = line[:1], line[-1:]
        if len(line) > 45 and first not in "*#>" and last not in "*#" and not first.isspace() and not last.isspace():
            assert zn._heading_text(line) is None
            assert len(zn._strip_bold(line.strip())) > 45
        m = zn._LEAD.match(line)
        assert m is not None and line[m.end():] == zn._LEAD.sub("", line, count=1)
        if zn._MULTI_SENTENCE.search(line):
            assert "五" in line


@SETTINGS
@given(st.lists(st.sampled_from(sorted(lexicon().aliases)) | st.sampled_from(SUBJECT_WORDS) | st.text(max_size=2),
                max_size=6).map("".join))
def test_aliases_split_by_first_character_match_as_the_whole_alternation(text: str) -> None:
    lex = lexicon()
    for k in range(len(text) + 1):
        part = lex._by_first.get(text[k]) if k < len(text) else None
        got = part.match(text, k) if part is not None else None
        want = lex._regex.match(text, k)
        assert (got.span() if got else None) == (want.span() if want else None)


# --- per-document indexes and skipped calls in the segment reader ---------------------------------

TRAIL_WORDS = ["增长", "同比", "比上年", "全年", "2023年", "年均", "达到", "提高到", "力争", "确保", "约", "超过", "目标",
               "同口径", "可比价", "名义", "的", "增速", "下降", "分别", "新建", "12", "5", "٣", " ", "\u3000", "*"]
trail_text = st.lists(st.sampled_from(TRAIL_WORDS + SUBJECT_WORDS) | st.text(max_size=2), max_size=12).map("".join)


@SETTINGS
@given(trail_text | prose)
def test_trail_start_looked_up_by_its_tail_is_the_trail_search(text: str) -> None:
    trail = cm._TRAIL_RE.search(text)
    for _ in range(2):  # the second answer comes from the cache
        assert cm._trail_start(text) == (trail.start() if trail else len(text))


CLAUSE_WORDS = ["，", ",", "：", ":", "（", "）", "(", ")", "。", "；", "\n", "增长", "5%", "12个", "地区生产总值", "高于全省",
                "与经济增长同步", "持平", "、", "和"]
clause_text = st.lists(st.sampled_from(CLAUSE_WORDS) | st.text(max_size=2), max_size=30).map("".join)


def _segments_with_quantities(text: str) -> list[tuple[int, int, list[nm.Quantity]]]:
    ctx = cm._Ctx(text, lexicon(), None, "news")
    ends = ctx.seg_ends
    out = []
    for i in range(len(ends) + 1):
        s = ends[i - 1] + 1 if i > 0 else 0
        e = ends[i] if i < len(ends) else len(text)
        qs = nm.find_quantities(text, s, e)
        if qs:
            out.append((s, e, qs))
    return out


@SETTINGS
@given(clause_text)
@example("增长5%，）")  # a delimiter right before the segment's end
def test_clauses_to_read_are_the_clauses_that_hold_something(text: str) -> None:
    ctx = cm._Ctx(text, lexicon(), None, "news")
    for s, e, qs in _segments_with_quantities(text):
        bounds, clauses = cm._clause_spans(text, s, e)
        # The clauses as _read_segment used to split them, and each clause's quantities by a walk.
        old_bounds = [s] + [m.end() for m in cm._CLAUSE_RE.finditer(text, s, e)] + [e]
        assert clauses == [(a, b) for a, b in zip(old_bounds, old_bounds[1:]) if a < b]
        walked = [(ci, cs, ce, [q for q in qs if cs <= q.start < ce]) for ci, (cs, ce) in enumerate(clauses)]
        got = cm._clauses_to_read(ctx, s, e, bounds, clauses, qs)
        if ctx.has_comparison_in(s, e):
            assert got == walked
        else:
            assert got == [w for w in walked if w[3]]
            # Skipped clauses hold no comparison: _relation_only would have read nothing there.
            assert all(cm._relation_only(ctx, cs, ce) == [] for _, cs, ce, cq in walked if not cq)


SURVEY_WORDS = ["经调查", "据调查", "调查显示", "调查发现", "抽样调查", "问卷调查", "据抽样", "调查结果", "调查", "抽样", "据",
                "问卷", "结果", "显示", "。", "！", "\n", "；", "，", "43%", "企业"]
survey_text = st.lists(st.sampled_from(SURVEY_WORDS) | st.text(max_size=2), max_size=25).map("".join)


@SETTINGS
@given(survey_text)
@example("据抽样调查，43%的企业")  # overlapping survey words
@example("据抽样，43%的企业")  # no 调查 in the text: never a survey, as before
def test_survey_spans_answer_as_the_sentence_search(text: str) -> None:
    ctx = cm._Ctx(text, lexicon(), None, "news")
    for pos in range(len(text) + 1):
        want = "调查" in text and cm._SURVEY_RE.search(text, cm._sentence_start(ctx, pos), pos) is not None
        assert cm._in_survey(ctx, pos) == want, pos


@SETTINGS
@given(time_text, st.integers(0, 5), st.integers(0, 5), st.booleans())
def test_segments_without_time_characters_have_no_cues(text: str, a: int, b: int, news: bool) -> None:
    # load_cues answers [] without calling time_cues where none of these characters is written.
    start, end = min(a, len(text)), max(len(text) - b, 0)
    if pd.TIME_CHARS_RE.search(text, start, end) is None:
        assert pd.time_cues(text, 2024, start, end, news=news) == []
        assert pd.time_cues(text, 2024, start, end, news=news, now=2023) == []


def test_records_hold_every_field_in_declaration_order() -> None:
    # _commitment gives each record the dict _settle builds as its fields, unchecked: its keys must
    # be the dataclass's fields in their order (for ==, repr, asdict and pickle to be the same).
    # The compiled build passes the same dict's values to the constructor by position, so the
    # order is its too; vars() needs the pure build's __dict__, so this reads with the pure modules
    # whichever build runs here (test_native compares the two builds' records field by field).
    from tests.paths import SEEDS
    from tracker.extract.native import pure_module

    pure = pure_module("commitments")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*/*.txt"))]
    assert texts
    for text in texts:
        for doc_type in ("work_report", "news"):
            for c in pure.extract_commitments(text, lexicon=lexicon(), published=None, doc_type=doc_type):
                assert tuple(vars(c)) == pure._COMMITMENT_FIELDS
