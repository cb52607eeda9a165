"""The extractor's shortcuts find exactly what the patterns they stand for find.

Several hot paths skip a regex when a cheap look (a first character, an anchor word, the characters
a pattern can hold) says it cannot match. Those looks are written beside each pattern by hand; if a
pattern gains a word and its companion list does not, the shortcut would silently drop matches.
These properties compare each shortcut with its pattern on prose made of the patterns' own words.

The same goes for the other speed-ups: scanners that open a pattern on the characters its matches
start with, patterns rewritten into faster equivalent forms (checked against the form they had),
str methods standing for regex scans, and answers cached by their words and placed by the caller
(checked against the code they replaced, and for giving each record its own strings: records that
shared a string object would pickle to other bytes).
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
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


# QUANTITY_RE as it was written before its optional parts became (?:X|) and its range start atomic:
# the reference the fast form must agree with, built from the same unit lists.
_ORIGINAL_UNIT = rf"(?:{nm._MULT}?(?:{nm._BASE_UNITS})|{nm._MULT})"
_ORIGINAL_CN_UNIT = rf"(?:个百分点|百分点|倍|成|{nm._MULT}?(?:元|美元|人次|人|亩|吨|公里|平方公里)|{nm._MULT})"
_ORIGINAL_AR = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
ORIGINAL_QUANTITY_RE = re.compile(
    rf"(?=[0-9０-９一二两三四五六七八九十〇零])(?:"
    rf"(?<![A-Za-z0-9０-９.．第])"
    rf"(?:(?P<lo>{_ORIGINAL_AR})(?P<lounit>{_ORIGINAL_UNIT})?{nm._DASH}(?=[0-9０-９]))?"
    rf"(?P<num>{_ORIGINAL_AR})(?:(?P<mmult>{nm._MULT})(?P<mmid>{nm._APPROX_MID})(?P<mbase>{nm._BASE_UNITS})"
    rf"|(?P<mid>{nm._APPROX_MID})?(?P<unit>{_ORIGINAL_UNIT})?)"
    rf"|(?<![一二两三四五六七八九十百千万亿〇零第几数上近])(?P<cnum>{nm._CN})(?P<cmid>{nm._APPROX_MID})?"
    rf"(?P<cunit>{_ORIGINAL_CN_UNIT}))"
)
# TIME_RE as it was written before its optional groups became (?:X|).
ORIGINAL_TIME_RE = re.compile(
    r"(?=[十0-9到至截比较与同上下前一二三四第今本明全年当去未过五平两])(?:"
    r"(?P<plan>十一五|十二五|十三五|十四五|十五五)"
    r"|(?P<span>(?:19|20)\d{2})\s*[-—－~～至到]\s*(?P<span2>(?:19|20)\d{2})年"
    r"|(?P<by>到|至|截至)(?P<byy>(?:19|20)\d{2})年(?:底|末)?"
    r"|(?P<cmp>比|较|与|同|相比|相较|对比)?(?P<y>(?:19|20)\d{2})年(?:度)?"
    r"(?P<ysub>上半年|下半年|前三季度|[一二三四1-4]季度|第[一二三四]季度|(?P<ym1>\d{1,2})\s*[-—－~至到]\s*(?P<ym2>\d{1,2})月|(?P<ym>\d{1,2})月(?:份)?)?"
    r"(?P<since>以来|同期|之前|以前|水平|基础上|相比|翻|的(?=[\d.]+倍))?"
    r"|(?<![比较与同])(?:(?P<h1>上半年|前半年)|(?P<h2>下半年)|(?P<q13>前三季度)"
    r"|(?P<q>(?:第)?[一二三四]季度)"
    r"|(?P<asof>截至|截止|截止到|截至到)?(?P<dl>\d{1,2})月(?:底|末)(?:前)?"
    r"|(?P<m1>\d{1,2})\s*[-—－~至到]\s*(?P<m2>\d{1,2})月(?:份)?"
    r"|(?<![\d.])(?P<mo>\d{1,2})月(?:份)?(?![\d日号底末初中上下旬]))"
    r"|(?P<lastsince>去年以来|上年以来)"
    r"|(?<![与比较同])(?P<this>今年|本年度|明年)(?!同期|水平|基础)|(?P<whole>全年|年内|当年)|(?<![与比较同])(?P<last>去年|上年|上一年)(?!同期|水平|基础|末|底)"
    r"|(?P<next5>今后五年|未来五年|今后5年|未来5年)|(?P<past5>五年来|过去五年|5年来|过去5年|五年间)"
    r"|(?P<avg>年均|年平均|两年平均|三年平均|平均每年))"
)

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
quantity_text = st.lists(quantity_piece | st.sampled_from(QUANTITY_WORDS) | st.text(max_size=2), max_size=20).map("".join)
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
def test_quantity_pattern_and_scanner_find_what_the_original_pattern_finds(text: str, a: int, b: int) -> None:
    start, end = min(a, len(text)), max(len(text) - b, 0)
    names = list(ORIGINAL_QUANTITY_RE.groupindex)
    want = [_spans(m, names) for m in ORIGINAL_QUANTITY_RE.finditer(text, start, end)]
    assert [m.span() for m in nm.QUANTITY_RE.finditer(text, start, end)] == [
        m.span() for m in ORIGINAL_QUANTITY_RE.finditer(text, start, end)
    ]
    assert [_spans(m, names) for m in nm.QUANTITY_RE.finditer(text, start, end)] == want
    scanned = _scan(nm._QUANTITY_SCAN_RE, "q", text, start, end)
    assert [_spans(m, names) for m in scanned] == want
    assert [m.span("q") for m in scanned] == [m.span() for m in ORIGINAL_QUANTITY_RE.finditer(text, start, end)]


@SETTINGS
@given(time_text, st.integers(0, 5), st.integers(0, 5))
def test_time_pattern_and_scanner_find_what_the_original_pattern_finds(text: str, a: int, b: int) -> None:
    start, end = min(a, len(text)), max(len(text) - b, 0)
    names = list(ORIGINAL_TIME_RE.groupindex)
    want = [(m.span(), _spans(m, names)) for m in ORIGINAL_TIME_RE.finditer(text, start, end)]
    assert [(m.span(), _spans(m, names)) for m in pd.TIME_RE.finditer(text, start, end)] == want
    scanned = _scan(pd._TIME_SCAN_RE, "cue", text, start, end)
    assert [(m.span("cue"), _spans(m, names)) for m in scanned] == want


# --- subjects: answers cached by their words, placed by the caller ---------------------------------

# Subject words: metric names, frame and time words, verbs, actors, list and quote marks.
SUBJECT_WORDS = ["地区生产总值", "一般公共预算收入", "规模以上工业", "增加值", "居民人均可支配收入", "城镇", "农村", "全市",
                 "2023年", "全年", "预计", "力争", "确保", "实现", "完成", "累计", "其中", "和", "、", "“", "”", "*", " ",
                 "增长", "达到", "突破", "占", "GDP", "比重", "新建", "推进", "了", "已", "将", "要", "目前", "新区", "共有",
                 "拥有", "达", "约", "等", "项目", "企业", "学校", "剔除", "因素", "同口径", "可比价", "亿元", "以上"]
subject_text = st.lists(st.sampled_from(SUBJECT_WORDS) | st.text(max_size=2), max_size=12).map("".join)


def _original_clean_subject(lex: MetricLexicon, region: str, start: int) -> cm._Subject | None:
    """_clean_subject as written before its answers were cached by the region's words."""
    k = region.rfind("、")
    if k >= 0 and region[k + 1:].strip(" *"):
        start, region = start + k + 1, region[k + 1:]
    oq = region.rfind("“")
    if oq >= 0 and "”" not in region[oq:] and region[oq + 1:].strip():
        start, region = start + oq + 1, region[oq + 1:]
    off = cm._lead_len(region)
    fr = cm._FRAME_LEAD_RE.match(region, off)
    if fr and fr.end() < len(region):
        off = fr.end()
    body = region[off:].rstrip(" *“”\"'")
    if not body:
        return None
    code = lex.code_for(body)
    if code is None:
        m = cm._FIRST_VERB_RE.search(body)
        if m and m.start() > 0 and not (m.group() == "占" and cm._SHARE_RE.search(body, m.start())):
            cut = body[: m.start()]
            c2 = lex.code_for(cut)
            if c2 is not None:
                return cm._Subject(cut, cut, c2, start + off, start + off + len(cut))
        if "实现" in body or "完成" in body or "累计" in body or "全年" in body:
            squeezed = cm._NAME_FRAME_RE.sub("", body)
            if squeezed != body:
                code = lex.code_for(squeezed)
    return cm._Subject(body, body, code, start + off, start + off + len(body))


def _original_tidy_subject(subj: cm._Subject) -> cm._Subject | None:
    """_tidy_subject as written before its answers were cached by the subject's words."""
    t, s = subj.written, subj.start
    t = cm._strip_tail(t)
    cut = 0
    if cm._PRED_CHAR_RE.search(t):
        for m in cm._PRED_MARK_RE.finditer(t):
            cut = m.end()
    if cut and cut < len(t):
        t, s = t[cut:], s + cut
    elif cut:
        return None
    m = cm._SUBJ_LEAD_RE.match(t)
    if m:
        t, s = t[m.end():], s + m.end()
    t = cm._strip_tail(t).rstrip(" *")
    if not t or t.endswith("等") or cm._BARE_RE.fullmatch(t) or cm._ADVERB_ONLY_RE.fullmatch(t):
        return None
    return cm._Subject(t, t, subj.code, s, s + len(t))


@SETTINGS
@given(subject_text, st.integers(0, 500))
def test_cached_subjects_are_the_subjects_found_before(region: str, start: int) -> None:
    ctx = cm._Ctx("", lexicon(), None, None)
    for _ in range(2):  # the second answer comes from the caches
        assert cm._clean_subject(ctx, region, start) == _original_clean_subject(lexicon(), region, start)
        subj = cm._Subject(region, region, None, start, start + len(region))
        assert cm._tidy_subject(subj) == _original_tidy_subject(subj)
        trail = cm._TRAIL_RE.search(region)
        assert cm._trail_start(region) == (trail.start() if trail else len(region))


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


def _original_heading_text(line: str) -> str | None:
    """zones._heading_text before its shortcut for long lines."""
    s = zn._strip_bold(line.strip())
    if not s or len(s) > 45 or s.endswith(("。", "；", ";")):
        return None
    if zn._BYLINE.search(s):
        return None
    if "，" in s[:-1] and not zn._TOP_ORDINAL.match(s):
        return None
    return s


@SETTINGS
@given(boundary_text, st.integers(0, 50))
def test_zone_openings_read_as_before(text: str, pad: int) -> None:
    for line in (text, text + "经济" * pad, "经济" * pad + text, text + " " * pad, "\u3000" * pad + text, text + "*#" * pad):
        assert zn._heading_text(line) == _original_heading_text(line)
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
