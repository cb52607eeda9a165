"""Property tests: whatever the text, records keep their invariants and stray digits stay out."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract._support import lexicon
from tracker.extract import extract_commitments

_PIECES = st.sampled_from([
    "地区生产总值", "增长", "5.5%", "左右", "、", "，", "。", "；", "分别", "均", "和", "力争", "7%", "以上",
    "一般公共预算收入", "6—6.5%", "万个", "4.1", "亿元", "2023年", "上半年", "与上年持平", "高于全省",
    "下降", "个百分点", "两", "十四五", "第二十届", "城乡居民人均可支配收入", "预计", "\n", "**一、2023年工作回顾**\n",
    "重点问题310个", "全部解决", "翻一番", "减少一半", "6月底前", "经调查", "对", "等", "已", "将", "总量达到62万人",
])
# Words that are values themselves (EXTRACTION.md §3.10): the quote holds the word, not digits.
_WORD_VALUES = re.compile("全部|翻[一两二三]番|一半")


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30), st.sampled_from([None, "work_report", "news"]))
def test_invariants_hold(pieces: list[str], doc_type: str | None) -> None:
    text = "".join(pieces)
    for c in extract_commitments(text, lexicon=lexicon(), published=dt.date(2024, 1, 1), doc_type=doc_type):
        assert text[c.char_start:c.char_end] == c.quote
        if c.value is not None:
            digits = f"{abs(c.value):g}"
            assert (
                digits in c.quote.replace("％", "%")
                or re.search("[一二两三四五六七八九十]", c.quote)
                or _WORD_VALUES.search(c.quote)
            )
        if c.value_low is not None:
            assert c.value_high is not None and c.value_low <= c.value_high


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="总投资亿元同比增长月至月六稳六保十四五新三样一带一路两会，。、左右以上", max_size=80))
def test_no_digits_no_values(text: str) -> None:
    out = extract_commitments(text, lexicon=lexicon(), published=dt.date(2020, 9, 3), doc_type="interview")
    for c in out:
        assert c.value is None or re.search("[一二两三四五六七八九十]", c.quote)
