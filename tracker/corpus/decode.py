"""Bytes → text, recording the encoding, or a clear reason why not.

Scraped Chinese text arrives as UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5. BOMs and
strict UTF-8 settle most files cheaply; the rest go to charset-normalizer, restricted to the
encodings Chinese sources actually use, because whole-document detection is reliable while guessing
among every codec is not (DESIGN §5).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Encodings worth considering for a non-UTF-8 Chinese document, in detection order.
CHINESE_ENCODINGS = ("gb18030", "big5", "utf_16_le", "utf_16_be")
# Control characters other than tab/newline/carriage return/form feed: text files rarely hold them.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


class DecodeError(ValueError):
    """The bytes are not a text document; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


# Counted in the UTF-8 bytes of the sample: each is one byte there, and no byte of a longer
# sequence is below 0x80, so deleting them with bytes.translate counts them. A regex character
# class tests every character one by one, and took ten times as long (80 ms over the corpus).
_CONTROL_BYTES = "".join(sorted(_CONTROL)).encode("ascii")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    encoded = sample.encode("utf-8", "surrogatepass")
    return (len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))) / len(sample)


def _check_text(text: str, encoding: str) -> Decoded:
    if not text.strip():
        raise DecodeError("no text (only white space)")
    if _control_share(text) > 0.01:
        raise DecodeError(f"binary content (control characters after decoding as {encoding})")
    return Decoded(text, encoding)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: one byte of each pair is mostly zero for ASCII and CJK punctuation."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_zero = sample[0::2].count(0) / (len(sample) / 2)
    odd_zero = sample[1::2].count(0) / (len(sample) / 2)
    if odd_zero > 0.2 and even_zero < 0.05:
        return "utf_16_le"
    if even_zero > 0.2 and odd_zero < 0.05:
        return "utf_16_be"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a document, or raise DecodeError saying why it is not text."""
    if not data:
        raise DecodeError("empty file")
    if not data.strip(b"\x00"):
        raise DecodeError("only NUL bytes")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {encoding} byte-order mark but does not decode ({exc.reason})") from exc
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return _check_text(data.decode(utf16), utf16.replace("_", "-"))
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise DecodeError("binary content (NUL bytes)")
    try:
        return _check_text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CHINESE_ENCODINGS)).best()
    if best is None:
        raise DecodeError("undecodable: not UTF-8, UTF-16, GB18030/GBK or Big5")
    encoding = best.encoding
    # GBK and GB2312 are subsets of GB18030; decode with the superset so rare characters survive.
    if encoding in {"gb2312", "gbk", "cp936"}:
        encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"undecodable as {encoding} ({exc.reason})") from exc
    return _check_text(text, encoding)
