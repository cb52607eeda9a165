"""Property-based tests: whatever bytes or text users feed in, nothing raises and nothing is invented."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import REFERENCE
from tracker.corpus.clean import clean_text
from tracker.corpus.decode import DecodeError, decode_bytes
from tracker.corpus.prepare import DocumentInfo, prepare_bytes
from tracker.errors import RejectedInput
from tracker.extract.commitments import extract_commitments
from tracker.extract.lexicon import MetricLexicon

LEXICON = MetricLexicon.from_csv(REFERENCE / "metrics.csv")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like policy prose: Chinese, numbers, units, hedges, punctuation, pinyin, chrome.
FRAGMENTS = ["地区生产总值", "增长", "5.5", "%", "左右", "以上", "以内", "力争", "确保", "分别", "、", "和", "，",
             "。", "；", "\n", "亿元", "万人", "个百分点", "倍", "下降", "持平", "高于全省", "2024年", "上半年",
             "六稳六保", "十四五", "(jí)", "級", "業(yè)", "－", "％", "６", "—", "~", "至", "新闻推荐", "积分",
             "发表于 2024-3-27 20:37:53 | 显示全部楼层", "一、2023年工作回顾", "主要预期目标是：", "?", "\ufffd"]
prose = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=60).map("".join)

NUMERALS = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两半几壹贰叁肆伍陆柒捌玖拾佰仟")
no_numbers = st.text(alphabet=st.characters(blacklist_characters=sorted(NUMERALS), blacklist_categories=("Nd", "No", "Nl")),
                     max_size=400)


@SETTINGS
@given(st.binary(max_size=2000))
def test_decode_never_raises_anything_but_a_reason(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
    else:
        assert isinstance(decoded.text, str) and decoded.encoding


@SETTINGS
@given(st.binary(max_size=2000))
def test_prepare_never_raises_anything_but_a_rejection(data: bytes) -> None:
    try:
        prepare_bytes(data, "x.txt", DocumentInfo(place="厦门市", published="2024"))
    except RejectedInput as exc:
        assert exc.source == "x.txt" and exc.reason


@SETTINGS
@given(st.text(max_size=600) | prose)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text).text
    assert clean_text(once).text == once


@SETTINGS
@given(prose | st.text(max_size=600))
def test_every_record_quotes_its_offsets(text: str) -> None:
    clean = clean_text(text).text
    import datetime as dt

    for record in extract_commitments(clean, lexicon=LEXICON, published=dt.date(2024, 1, 1), doc_type="work_report"):
        assert clean[record.char_start:record.char_end] == record.quote
        if record.value_low is not None and record.value_high is not None:
            assert record.value_low <= record.value_high


@SETTINGS
@given(no_numbers)
def test_text_without_digits_or_numerals_yields_no_values(text: str) -> None:
    import datetime as dt

    clean = clean_text(text).text
    for record in extract_commitments(clean, lexicon=LEXICON, published=dt.date(2024, 1, 1), doc_type="news"):
        assert record.value is None and record.value_low is None and record.stretch is None, record
