"""Quantity tokens: a number *with* its unit, found by one compiled regex over the clean text.

Why a token and not a number: a bare number in these texts is usually a date, an ordinal or a name
(2024年, 第二十四届, 1号线, 十四五, 六稳六保). Only a number followed by a unit (or %, 倍, 个百分点) is a
candidate value, and Chinese numerals are converted only inside such a token (EXTRACTION.md §1, §4).
A bare 亿元 or 千亿元 has no digit and is a unit, never a number. A dash between two numbers is a
range, never a minus sign (6%—6.5%, 6-6.5％, 6.5%－7%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

# An optional part is written (?:X|) rather than (?:X)? throughout this file's patterns: the same
# strings, tried in the same order (X first), but the regex engine runs a `?` over a group through
# its general repeat machinery, which saves and restores every group of the token at each
# alternative inside it. With the atomic range start (QUANTITY_RE), a token costs half as much.

# Arabic digits, half- or full-width (the cleaner applies NFKC, but raw corpus files keep ０-９, ％).
_AR: Final = r"[0-9０-９]+(?:[.．][0-9０-９]+|)"
# Chinese numerals: must hold a digit word (一…九, 两, 〇/零) or start with 十; 百/千/万/亿 alone are
# magnitudes (千亿元, 百亿产业项目) and never a number.
_CN: Final = r"(?:[一二两三四五六七八九十〇零][一二两三四五六七八九十百千〇零]*)"

_MULT: Final = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)"
# Units that may follow an Arabic number. Order matters: longer first (个百分点 before 个).
_BASE_UNITS: Final = (
    "个百分点|百分点|%|％|‰|倍|"
    "美元|欧元|港元|日元|元|"
    "人次|万人次|标准箱|标箱|TEU|平方公里|平方千米|平方米|立方米|千瓦时|千瓦|兆瓦|公顷|公里|千米|米|吨|亩|"
    "户|家|个|项|件|所|套|辆|台|座|张|场|批|名|条|篇|处|株|艘|架|宗|笔|栋|间|种|支|只|人|床|天|小时|度"
)
_UNIT: Final = rf"(?:(?:{_MULT}|)(?:{_BASE_UNITS})|{_MULT})"
# Chinese numerals pair only with units that cannot start a name: 两个百分点, 三成, 五倍, 十亿元.
# (五个一, 八个方面, 两个健康, 三项制度, 一区五园 are names or ordinals, not quantities.)
_CN_UNIT: Final = rf"(?:个百分点|百分点|倍|成|(?:{_MULT}|)(?:元|美元|人次|人|亩|吨|公里|平方公里)|{_MULT})"

_DASH: Final = r"\s*(?:—{1,2}|–|-|－|~|～|〜|至|到)\s*"
_APPROX_MID: Final = r"(?:多|余)"

# The characters a token starts with: a digit or a Chinese digit word.
_FIRST: Final = "0-9０-９一二两三四五六七八九十〇零"
# A token: optional range start, number, optional 多/余, unit. Guards against letters glued before
# (PM2.5, G20, 5G) and digits continuing.
QUANTITY_RE: Final = re.compile(
    # The leading lookahead lets the regex engine skip non-numeral characters fast (3× overall).
    rf"(?=[{_FIRST}])(?:"
    rf"(?<![A-Za-z0-9０-９.．第])"
    # The range start is atomic (?>…): only its longest reading can be followed by the dash — a
    # shorter number leaves a digit or a decimal point next, a shorter unit (个 for 个百分点) leaves
    # a character of the unit next, and neither a unit nor the dash starts with one of those. So
    # the engine need not try every shorter reading of each number that has no range (nearly all).
    rf"(?:(?>(?P<lo>{_AR})(?:(?P<lounit>{_UNIT})|)){_DASH}(?=[0-9０-９])|)"
    # 3万余个 / 8.1亿余元: the 余/多 sits between the magnitude and the base unit.
    rf"(?P<num>{_AR})(?:(?P<mmult>{_MULT})(?P<mmid>{_APPROX_MID})(?P<mbase>{_BASE_UNITS})|(?P<mid>{_APPROX_MID})?(?:(?P<unit>{_UNIT})|))"
    rf"|(?<![一二两三四五六七八九十百千万亿〇零第几数上近])(?P<cnum>{_CN})(?P<cmid>{_APPROX_MID})?(?P<cunit>{_CN_UNIT}))"
)
# The characters a Chinese-numeral unit (_CN_UNIT) starts with.
_CN_UNIT_FIRST: Final = "个百倍成万千十亿元美人亩吨公平"
# QUANTITY_RE.finditer, as find_quantities runs it: the engine skips ahead fast only for a pattern
# that opens on a character class, and enters one that opens on a lookahead (as QUANTITY_RE must:
# its groups start where the token does) at every character of the text. This one opens on the
# token's first character and then looks back over it to match QUANTITY_RE from there; group `q`
# is the token, the other groups are QUANTITY_RE's. In between, a Chinese digit word is let
# through only when numerals, perhaps 多/余, and a unit's first character follow it, as they must
# in a token (most do not: the 一 of 进一步, 统一, 一批).
_QUANTITY_SCAN_RE: Final = re.compile(
    rf"[{_FIRST}](?:(?<=[0-9０-９])|(?=[一二两三四五六七八九十百千〇零]*[多余]?[{_CN_UNIT_FIRST}]))"
    rf"(?<=(?=(?P<q>{QUANTITY_RE.pattern})).)"
)

# After a unit these continuations show the token was a date, an ordinal or a name, not a value.
_BAD_FOLLOW: Final = re.compile(r"[年月日号届期级版]|周年|号线|线|次会议|\d|[A-Za-z]")
# After a bare number (no unit): 世界500强, 百强县 are names of rankings, not counts.
_BAD_FOLLOW_BARE: Final = re.compile(r"强")
_BAD_FOLLOW_CN: Final = re.compile(r"[一二两三四五六七八九十]")

_FULLWIDTH: Final = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

_CN_DIGITS: Final = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL: Final = {"十": 10, "百": 100, "千": 1000}
_MULT_VALUES: Final = {
    "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
    "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3,
}


def cn_to_number(s: str) -> float | None:
    """Convert a Chinese numeral (一千二百, 两, 十五, 三点五 is not supported) to a number."""
    total = 0
    section = 0
    digit = 0
    seen = False
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
            seen = True
        elif ch in _CN_SMALL:
            section += (digit if (digit or seen) else 1) * _CN_SMALL[ch]
            digit = 0
            seen = True
        elif ch == "万":
            total += (section + digit) * 10_000
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 100_000_000
            section = digit = 0
        else:
            return None
    return float(total + section + digit) if seen else None


def parse_arabic(s: str) -> float:
    # Nearly all numbers are ASCII already; translate() costs more than the float().
    return float(s) if s.isascii() else float(s.translate(_FULLWIDTH))


# Compiled by mypyc (see tracker/extract/native.py), this module is an extension whose __file__ is
# not a .py, and its dataclasses are native classes with their fields in slots.
_COMPILED: Final = not __file__.endswith(".py")


@dataclass(frozen=True)
class Quantity:
    """One quantity token as found: numbers, unit as written, normalized base value."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    unit: str | None
    approx_word: str | None  # 多 / 余 between number and unit
    chinese: bool
    word: str | None = None  # a value written as a word (全部, 翻一番, 一半), see find_word_values

    # Written out, not generated, in the field order (tests/extract/test_constructors.py checks
    # it). mypyc compiles the methods a class spells out, while those @dataclass generates run as
    # interpreted Python: the generated __init__ of a frozen class makes one interpreted
    # object.__setattr__ call per field, and over the corpus building Commitments, Quantities,
    # drafts and subjects that way took an eighth of the compiled extractor's time. Compiled, these
    # lines set the slots directly (1.1 against 0.05 µs for an object of six fields).
    def __init__(
        self, start: int, end: int, value: float, low: float | None, high: float | None, unit: str | None,
        approx_word: str | None, chinese: bool, word: str | None = None,
    ) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "approx_word", approx_word)
        object.__setattr__(self, "chinese", chinese)
        object.__setattr__(self, "word", word)

    @property
    def is_range(self) -> bool:
        return self.low is not None


def _quantity(
    start: int, end: int, value: float, low: float | None, high: float | None, unit: str | None,
    approx_word: str | None, chinese: bool,
) -> Quantity:
    """Quantity(...) for the token scanner, which makes one per number in the text.

    A frozen dataclass sets each field through object.__setattr__; giving the instance its fields
    as one dict in field order makes the same object (==, hash, repr, pickle) at a fraction of the cost.
    """
    if _COMPILED:  # a compiled Quantity has no __dict__, and its compiled constructor costs little
        return Quantity(start, end, value, low, high, unit, approx_word, chinese)
    q = object.__new__(Quantity)
    object.__setattr__(q, "__dict__", {
        "start": start, "end": end, "value": value, "low": low, "high": high, "unit": unit,
        "approx_word": approx_word, "chinese": chinese, "word": None,
    })
    return q


@lru_cache(maxsize=512)
def split_unit(unit: str | None) -> tuple[float, str | None]:
    """(multiplier, base unit): 亿元 → (1e8, '元'); 万个 → (1e4, '个'); % stays; bare 万 → (1e4, None)."""
    if not unit:
        return 1.0, None
    u = unit.translate(_FULLWIDTH)
    if u in ("%", "‰", "个百分点", "百分点", "倍", "成"):
        return 1.0, u
    for m, v in _MULT_VALUES.items():
        if u.startswith(m):
            rest = u[len(m):]
            return v, (rest or None)
    return 1.0, u


def base_value(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """Normalized value and unit: 4.1万个 → 41000 个; 1.2万亿元 → 1.2e12 元; % and points unchanged."""
    if value is None:
        return None, None
    mult, base = split_unit(unit)
    if base == "个百分点" or base == "百分点":
        return value, "个百分点"
    if base == "成":
        return value * 10, "%"
    return _round(value * mult), base


def _round(x: float) -> float:
    # 4.1 * 1e4 is 40999.99999999999 in binary; values here have at most a few decimals.
    if type(x) is float and x.is_integer():
        return x  # what round() gives back for a whole number, without its decimal conversion
    return float(round(x, 6))


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """All quantity tokens in text[start:end] with dates, ordinals and names filtered out."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    search = _QUANTITY_SCAN_RE.search
    pos = start
    # The matches of QUANTITY_RE.finditer(text, start, end): each search resumes where the last
    # token ended (tokens are never empty).
    while (m := search(text, pos, end)) is not None:
        # One group() call for all the groups a token needs, not one call per group.
        num_s, unit, mid, mbase, lo_s, cnum, cmid, cunit = m.group(
            "num", "unit", "mid", "mbase", "lo", "cnum", "cmid", "cunit"
        )
        m_start, m_end = m.span("q")
        pos = m_end
        if num_s is not None:
            if mbase is not None:
                unit, mid = m.group("mmult") + mbase, m.group("mmid")
            num = parse_arabic(num_s)
            # The follow-up checks read at most 3 characters after the token (no anchors, no
            # lookarounds): matching in text[m_end:m_end + 3] without slicing it out.
            if unit is None:
                # A unitless number is a value only where a caller asks for it (index levels like
                # 居民消费价格指数103左右); keep it but mark the unit None. Dates/ordinals filtered.
                if _BAD_FOLLOW.match(text, m_end, m_end + 3) or _BAD_FOLLOW_BARE.match(text, m_end, m_end + 3) or lo_s:
                    continue
            elif _BAD_FOLLOW.match(text, m_end, m_end + 3) and not unit.endswith(("%", "％", "倍", "点")):
                continue
            lo = hi = None
            if lo_s is not None:
                a = parse_arabic(lo_s)
                lo, hi = (a, num) if a <= num else (num, a)
                num = lo
            out.append(_quantity(m_start, m_end, num, lo, hi, unit, mid, False))
        else:
            if _BAD_FOLLOW_CN.match(text, m_end, m_end + 2) or _BAD_FOLLOW.match(text, m_end, m_end + 2):
                continue
            val = cn_to_number(cnum)
            if val is None:
                continue
            out.append(_quantity(m_start, m_end, val, None, None, cunit, cmid, True))
    return out


# Values written as words (EXTRACTION.md §3.10). Each is recognized only where the word is a
# quantity of something: 全部 before a verb of completion (全部解决 = all of a counted set, 100%),
# 翻N番 (doubling N times, a ratio to a base), 一半 right after a change verb (减少一半 = −50%).
# 全部 elsewhere is an adverb of scope (全部门, 全部纳入管理) and 一半 elsewhere a share of a
# population (近一半企业), neither a commitment.
_WORD_VALUE_RE: Final = re.compile(
    r"全部(?=(?:实现|完成)?(?:解决|完成|办结|化解|整改|到位|复工|复产|开工|达产|投产|竣工|建成|投用|达标|"
    r"覆盖|落实|兑现|清零|销号|出列|摘帽|脱贫|验收|通过|实现|接入|消除|关停|退出|拆除|搬迁))"
    r"|翻(?P<fan>[一两二三])番"
    r"|(?:(?<=减少|下降|降低|压减|削减|缩短)|(?<=减少了|下降了))一半"
)
_FAN: Final = {"一": 2.0, "两": 4.0, "二": 4.0, "三": 8.0}


def find_word_values(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities written as words: 全部 → 100 %, 翻一番 → 2 倍, (减少)一半 → 50 %.

    The unit is the one the word stands for (% or 倍); the token's text is the word itself, so a
    record's quote holds the word, not the digits (callers check ``Quantity.word``).
    """
    end = len(text) if end is None else end
    out: list[Quantity] = []
    # str.find on the three anchors is far faster than scanning the whole text with the regex.
    starts: list[int] = []
    for anchor, back in (("全部", 0), ("翻", 0), ("一半", 0)):
        i = text.find(anchor, start, end)
        while i >= 0:
            starts.append(i - back)
            i = text.find(anchor, i + 1, end)
    for i in sorted(starts):
        m = _WORD_VALUE_RE.match(text, i, end)
        if m is None:
            continue
        w = m.group()
        if w == "全部":
            out.append(Quantity(m.start(), m.end(), 100.0, None, None, "%", None, True, word=w))
        elif m.group("fan"):
            out.append(Quantity(m.start(), m.end(), _FAN[m.group("fan")], None, None, "倍", None, True, word=w))
        else:
            out.append(Quantity(m.start(), m.end(), 50.0, None, None, "%", None, True, word=w))
    return out
