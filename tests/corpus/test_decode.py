"""Decoding real seed text in the encodings Chinese sources use, and refusing what is not text."""

from __future__ import annotations

import codecs

import pytest

from tests.paths import SEEDS
from tracker.corpus.clean import strip_pinyin
from tracker.corpus.decode import DecodeError, decode_bytes

WENZHOU = SEEDS / "2019" / "wenzhou-2019-industry-kaimenhong.txt"
QINGDAO = SEEDS / "2020" / "qingdao-west-coast-2020-07-29-first-half.txt"
REPORT = SEEDS / "2024" / "xiamen-2024-work-report.txt"


@pytest.mark.parametrize(
    ("path", "encoding", "expected"),
    [
        (QINGDAO, "gbk", "gb18030"),
        (QINGDAO, "gb18030", "gb18030"),
        (REPORT, "utf-16", "utf-16"),
        (REPORT, "utf-16-le", "utf-16-le"),
        (REPORT, "utf-16-be", "utf-16-be"),
        (REPORT, "utf-8-sig", "utf-8-sig"),
        (WENZHOU, "utf-8", "utf-8"),
    ],
)
def test_seed_text_round_trips(path, encoding, expected):  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.encoding == expected
    assert decoded.text == text


def test_big5_traditional_text_is_detected():  # type: ignore[no-untyped-def]
    # Big5 has no pinyin tone letters, so the Traditional seed goes in without its annotations.
    text = strip_pinyin(WENZHOU.read_text(encoding="utf-8"))
    decoded = decode_bytes(text.encode("big5"))
    assert decoded.encoding == "big5"
    assert decoded.text == text
    assert "確保新增工業用地1萬畝以上" in decoded.text


def test_utf8_bom_is_not_part_of_the_text():  # type: ignore[no-untyped-def]
    decoded = decode_bytes(codecs.BOM_UTF8 + "厦门".encode())
    assert decoded.text == "厦门"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x00" * 512, "only NUL bytes"),
        (bytes(range(256)) * 8, "binary"),
        (b"   \n\t  ", "no text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
    ],
)
def test_non_text_is_refused_with_a_reason(data, reason):  # type: ignore[no-untyped-def]
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_text_is_refused_for_control_characters_above_one_percent():  # type: ignore[no-untyped-def]
    # Counted among the first 20,000 characters; tab, newline, carriage return and form feed are text.
    body = "厦门市政府工作报告，地区生产总值增长5.5%左右。" * 40  # 1,000 characters
    assert decode_bytes((body + "\x01" * 10).encode()).text.endswith("\x01")
    with pytest.raises(DecodeError, match="binary content"):
        decode_bytes((body + "\x01" * 11).encode())
    assert decode_bytes((body + "\t\n\r\f" * 20).encode()).encoding == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16"])
def test_bytes_holding_a_lone_surrogate_are_refused_never_decoded_into_one(encoding):  # type: ignore[no-untyped-def]
    """prepare cleans decoded text without looking for lone surrogates (clean_text(decoded=True)):
    the bytes of one, in any encoding written with it, are refused instead of decoded."""
    body = "GDP growth 5.5%: 地区生产总值增长5.5%左右，城镇新增就业5万人。\n" * 20  # enough ASCII to tell UTF-16
    data = body.encode(encoding)
    surrogate = "\ud800".encode(encoding.replace("-le", "") + ("-le" if encoding.endswith("-le") else ""), "surrogatepass")
    if encoding == "utf-16":
        surrogate = surrogate[2:]  # without a second byte-order mark
    broken = data[:40] + surrogate + data[40:]
    with pytest.raises(DecodeError):
        decode_bytes(broken)
    assert not any(0xD800 <= ord(c) < 0xE000 for c in decode_bytes(data).text)
