"""Clean decoded text into the form extraction reads: Simplified, normalized, chrome-free.

Order matters:
1. line endings and zero-width characters (invisible, but they split words and numbers);
2. pinyin glued after characters (級(jí) → 級), before script conversion so the annotation's
   character is still the one it annotates;
3. full-width digits, letters and number punctuation (５．５％, －) to ASCII — a *targeted* NFKC:
   NFKC over the whole text would also turn ，；：（） into ASCII punctuation and ① into a digit 1,
   inventing numbers;
4. Traditional → Simplified (opencc t2s, which also maps 著力 → 着力);
5. page chrome trimmed from both ends (see chrome.py);
6. lines broken inside a sentence rejoined; trailing spaces dropped.
Real parentheses such as (市、區) or (不含出口退稅) hold Chinese, not lower-case Latin syllables, so
they are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from tracker.corpus.chrome import remove_chrome

_SURROGATE = re.compile("[\ud800-\udfff]")
# Sparse replacements go through the regex engine, which skips ahead to the few places that need
# them; str.translate with a dict looks up every character and is ten times slower on Chinese text.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# One pinyin syllable, with or without tone marks, in ASCII or full-width parentheses, glued to the
# character it annotates (a CJK character, or the "?" / U+FFFD a mis-decoded character became).
_VOWELS = "aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"[bcdfghjklmnpqrstwxyz]{{0,2}}h?[{_VOWELS}]{{1,3}}(?:ng|n|r)?"
# Both patterns start with a literal character class, so the regex engine jumps from one
# parenthesis (or "?") to the next instead of trying a look-behind at every character.
_PINYIN = re.compile(rf"[(（](?<=[\u3400-\u9fff\uf900-\ufaff?\ufffd][(（]){_SYLLABLE}[)）]")
# Mis-decoding can swallow the opening parenthesis with the character: "重?fù)?dān)人".
_PINYIN_SWALLOWED = re.compile(rf"([?\ufffd]){_SYLLABLE}[)）]")


# Full-width forms NFKC should fold: digits, Latin letters and the punctuation of numbers.
_FOLD = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for cp in range(0xFF01, 0xFF5F)
    if chr(cp).isalnum() or chr(cp) in "％－＋．～／＝＜＞"
}
_FOLD.update({0x00A0: " ", 0x2212: "-"})  # no-break space; the mathematical minus sign
_FOLD_CHARS = {chr(cp): value for cp, value in _FOLD.items()}
_FOLD_RE = re.compile("[" + re.escape("".join(_FOLD_CHARS)) + "]")

_CJK = r"\u3400-\u9fff"
# A line that ends mid-sentence (a CJK character or digit, no closing punctuation) followed by one that
# continues it: joined when the first line is long enough to be a wrapped paragraph, not a heading.
_BROKEN_LINE = re.compile(rf"\n(?<=[{_CJK}0-9,，、]\n)(?=[{_CJK}0-9%])")
_MIN_WRAPPED_LINE = 30


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    from opencc_pyo3 import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def strip_pinyin(text: str) -> str:
    return _strip_pinyin(text)[0]


def _strip_pinyin(text: str) -> tuple[str, int]:
    """Remove glued pinyin; repeated until nothing is left, so cleaning stays idempotent.

    One pass leaves what a removal uncovers: in 字(zì)(zì) the second group follows ")", not a
    character, until the first is gone; "?u)(u)" becomes "?(u)". Every pass shortens the text.
    """
    removed = 0
    while True:
        text, glued = _PINYIN.subn("", text)
        text, swallowed = _PINYIN_SWALLOWED.subn(r"\1", text)
        if not glued + swallowed:
            return text, removed
        removed += glued + swallowed


def fold_width(text: str) -> str:
    return _FOLD_RE.sub(lambda m: _FOLD_CHARS[m.group()], text)


def _rejoin(text: str) -> str:
    out: list[str] = []
    last = 0
    for match in _BROKEN_LINE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if match.start() - line_start >= _MIN_WRAPPED_LINE:
            out.append(text[last : match.start()])
            last = match.end()
    out.append(text[last:])
    return "".join(out)


def _tidy(text: str) -> str:
    # Indentation (ASCII or ideographic spaces) carries nothing once paragraphs are lines.
    lines = [line.strip(" \t\u3000") for line in text.split("\n")]
    tidy = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", tidy).strip("\n")


@dataclass(frozen=True)
class Cleaned:
    text: str
    original_script: str  # traditional | simplified
    chrome_removed_chars: int
    pinyin_removed: int


_SCRIPT_SAMPLE = 20_000  # characters compared; a document's script shows in its first pages


def detect_script(text: str, simplified: str | None = None) -> str:
    """traditional when conversion changed at least 2% of the CJK characters (of a sample)."""
    simplified = to_simplified(text) if simplified is None else simplified
    if simplified == text:
        return "simplified"
    if len(simplified) != len(text):  # a conversion that changed lengths: compare counts only
        return "traditional"
    import numpy as np

    # Code points as arrays: Python loops over 20,000 characters per document were the slowest
    # step of cleaning.
    before = np.frombuffer(text[:_SCRIPT_SAMPLE].encode("utf-32-le"), dtype=np.uint32)
    after = np.frombuffer(simplified[:_SCRIPT_SAMPLE].encode("utf-32-le"), dtype=np.uint32)
    cjk = int(np.count_nonzero((before >= 0x4E00) & (before <= 0x9FFF)))
    if not cjk:
        return "simplified"
    changed = int(np.count_nonzero(before != after))
    return "traditional" if changed / cjk >= 0.02 else "simplified"


def clean_text(raw: str) -> Cleaned:
    """The clean Simplified text of a decoded document, and what cleaning removed."""
    # Lone surrogates cannot come from decoding bytes, but str input can hold them and they cannot
    # be encoded for the converter: they become U+FFFD (and count as garbled).
    text = _SURROGATE.sub("\ufffd", raw)
    text = _ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text, pinyin_removed = _strip_pinyin(text)
    text = fold_width(text)
    simplified = to_simplified(text)
    script = detect_script(text, simplified)
    trimmed = remove_chrome(simplified)
    body = _tidy(_rejoin(trimmed.text))
    return Cleaned(body, script, trimmed.removed_chars, pinyin_removed)
