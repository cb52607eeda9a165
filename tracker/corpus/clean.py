"""Clean decoded text into the form extraction reads: Simplified, normalized, chrome-free.

Order matters:
1. line endings and zero-width characters (invisible, but they split words and numbers);
2. pinyin glued after characters (級(jí) → 級), before script conversion so the annotation's
   character is still the one it annotates;
3. full-width digits, letters and number punctuation (５．５％, －) to ASCII — a *targeted* NFKC:
   NFKC over the whole text would also turn ，；：（） into ASCII punctuation and ① into a digit 1,
   inventing numbers;
4. Traditional → Simplified (opencc t2s, which also maps 著力 → 着力), only for lines in Traditional:
   t2s also rewrites Simplified text (显著 → 显着, 覆盖 → 复盖, 昇腾 → 升腾, 丘濬 → 丘浚), so text
   already in Simplified keeps its characters as written;
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
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")

# One pinyin syllable, with or without tone marks, in ASCII or full-width parentheses, glued to the
# character it annotates (a CJK character, or the "?" / U+FFFD a mis-decoded character became).
_VOWELS = "aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"[bcdfghjklmnpqrstwxyz]{{0,2}}h?[{_VOWELS}]{{1,3}}(?:ng|n|r)?"
# One pattern per opening parenthesis, each starting with that one character: the regex engine then
# jumps from one parenthesis to the next. A class of the two ([(（]) made it test every character
# against the class instead, ten times as long (0.065 s against 0.007 s over the corpus's raw texts).
_GLUED_TO = "[\u3400-\u9fff\uf900-\ufaff?\ufffd]"
_PINYIN_PATTERNS = tuple(
    re.compile(rf"{re.escape(paren)}(?<={_GLUED_TO}{re.escape(paren)}){_SYLLABLE}[)）]") for paren in "(（"
)
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


def _has_surrogates(text: str) -> bool:
    """Whether the text holds a lone surrogate (only str input can; decoded bytes never do).

    Tested on its code points with numpy: a regex character class tests every character one by one
    and, with nothing to replace in any document of the corpus, cost 80 ms over it.
    """
    return bool((_code_points(text) - 0xD800 < 0x800).any())  # uint32: below U+D800 wraps around


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
    # The swallowed form needs a ? or U+FFFD, which removals never create; nearly no document
    # has either, so its pass (a scan of the whole text, 0.06 s over the corpus) is skipped.
    garbled = "?" in text or "\ufffd" in text
    while True:
        glued = 0
        for pattern in _PINYIN_PATTERNS:
            text, found = pattern.subn("", text)
            glued += found
        swallowed = 0
        if garbled:
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


# Three or more line ends in a row. Written with a literal start ("\n\n\n"), which the regex engine
# searches for directly: r"\n{3,}" tried a repeat at every character (0.063 s against 0.007 s over
# the corpus).
_BLANK_LINES = re.compile(r"\n\n\n+")


def _tidy(text: str) -> str:
    # Indentation (ASCII or ideographic spaces) carries nothing once paragraphs are lines.
    lines = [line.strip(" \t\u3000") for line in text.split("\n")]
    tidy = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", tidy).strip("\n")


@dataclass(frozen=True)
class Cleaned:
    text: str
    original_script: str  # traditional | simplified
    chrome_removed_chars: int
    pinyin_removed: int


# Where script evidence is read: CJK Extension A, the Unified block, compatibility forms. (GB 2312
# also holds pinyin letters such as è, which glued pinyin in Traditional text is full of.)
_CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@lru_cache(maxsize=1)
def _script_evidence():  # type: ignore[no-untyped-def]
    """What each character of the Basic Multilingual Plane says about the script of its text.

    +1 for a CJK character only Big5, the Traditional national character set, has (們, 發, 環); -1 for
    one only GB 2312, the Simplified national character set, has (们, 发, 环); 0 for characters both
    share (工, 作, and 著, 乾, 沈, which t2s would convert but Simplified text uses too), for those
    neither has, and for everything outside the CJK blocks. Read off the codecs in a few ms.
    """
    import numpy as np

    chars = "".join(chr(cp) for start, stop in _CJK_BLOCKS for cp in range(start, stop))
    points = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32)

    def held_by(codec: str):  # type: ignore[no-untyped-def]
        # A character the codec lacks comes back as "?"; one it has comes back as itself.
        back = chars.encode(codec, "replace").decode(codec)
        return np.frombuffer(back.encode("utf-32-le"), dtype=np.uint32) == points

    gb2312, big5 = held_by("gb2312"), held_by("big5")
    evidence = np.zeros(0x10000, dtype=np.int8)
    evidence[points[big5 & ~gb2312]] = 1
    evidence[points[gb2312 & ~big5]] = -1
    return evidence


def _code_points(text: str):  # type: ignore[no-untyped-def]
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _evidence_of(points):  # type: ignore[no-untyped-def]
    """Each character's script evidence (see _script_evidence), as an int8 array."""
    import numpy as np

    return _script_evidence()[np.where(points < 0x10000, points, 0)]


def detect_script(text: str) -> str:
    """traditional when the text has more Traditional-only than Simplified-only characters.

    Counting characters, not converting the text, keeps Simplified documents away from the converter
    altogether. A Simplified page with a few stray Traditional characters or names (貫穿, 中環, 昇腾)
    has far more Simplified-only ones (发展, 经济), so it stays as written.
    """
    return "traditional" if int(_evidence_of(_code_points(text)).sum(dtype=int)) > 0 else "simplified"


def simplify(text: str) -> tuple[str, str]:
    """The text in Simplified characters, and the script it was mostly written in.

    Decided line by line, so a Traditional paragraph quoted in a Simplified page is read too: a line
    with more Traditional-only than Simplified-only characters is converted, one with fewer is left
    as written, and one with neither (著力推进 has no such character) follows the document.
    """
    import numpy as np

    points = _code_points(text)
    evidence = _evidence_of(points)
    if not (evidence > 0).any():
        # No Traditional-only character at all (three corpus reports in four): no line can have more
        # of them than of Simplified-only ones, so the per-line sums below are not needed.
        return text, "simplified"
    traditional = int(evidence.sum(dtype=int)) > 0
    script = "traditional" if traditional else "simplified"
    # Per-line sums: the running total at each line's last character minus that at the previous one.
    running = np.concatenate(([0], np.cumsum(evidence, dtype=np.int64)))
    ends = [*np.flatnonzero(points == 10), len(text)]
    scores = np.diff(running[[0, *ends]])
    convert = (scores > 0) | ((scores == 0) & traditional)
    if convert.all():
        return to_simplified(text), script
    if not convert.any():
        return text, script
    lines = text.split("\n")
    return "\n".join(to_simplified(line) if flag else line for line, flag in zip(lines, convert, strict=True)), script


def clean_text(raw: str, decoded: bool = False) -> Cleaned:
    """The clean Simplified text of a document, and what cleaning removed.

    ``decoded`` says the text was just decoded from bytes (prepare), which cannot give a lone
    surrogate: Python's decoders refuse them. The check for one is then skipped, a twentieth of
    preparing a document (0.06 s over the corpus).
    """
    # Lone surrogates cannot come from decoding bytes, but str input can hold them and they cannot
    # be encoded for the converter: they become U+FFFD (and count as garbled).
    text = raw if decoded or not _has_surrogates(raw) else _SURROGATE.sub("\ufffd", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(mark in text for mark in _ZERO_WIDTH_CHARS):  # str.find per mark skips ahead; see _ZERO_WIDTH
        text = _ZERO_WIDTH.sub("", text)
    text, pinyin_removed = _strip_pinyin(text)
    text = fold_width(text)
    simplified, script = simplify(text)
    trimmed = remove_chrome(simplified)
    body = _tidy(_rejoin(trimmed.text))
    return Cleaned(body, script, trimmed.removed_chars, pinyin_removed)
