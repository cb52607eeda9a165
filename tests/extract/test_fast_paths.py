"""The extractor's shortcuts find exactly what the patterns they stand for find.

Several hot paths skip a regex when a cheap look (a first character, an anchor word, the characters
a pattern can hold) says it cannot match. Those looks are written beside each pattern by hand; if a
pattern gains a word and its companion list does not, the shortcut would silently drop matches.
These properties compare each shortcut with its pattern on prose made of the patterns' own words.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract import commitments as cm
from tracker.extract.hedges import POST_HEDGE_FIRST, POST_HEDGE_RE

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
