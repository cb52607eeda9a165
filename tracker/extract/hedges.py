"""Hedges (左右, 以上, 超过 …) → bound, and frame words (确保, 力争 …) → strength.

Two separate axes (EXTRACTION.md §5): the hedge says which side of the number the truth lies on;
the frame word says how hard the commitment is. 确保新增工业用地1万亩以上 is binding *and* min.
以上 includes the number (civil-code usage); 超过/超/逾 exclude it. The qualifier keeps the hedge as
written; 达到 is not a hedge.
"""

from __future__ import annotations

import re
from typing import Final

# Written after the value. 控制在3%以内 keeps 以内 as the qualifier (dev-gold convention).
POST_HEDGE_RE: Final = re.compile(r"\s*(左右|上下|以上|以内|以下|之内|之上|多|余)")
POST_HEDGE_FIRST: Final = frozenset("左上以之多余")  # what a match can start with, besides whitespace
# Written before the value (right after the verb). Longest first.
PRE_HEDGE_RE: Final = re.compile(
    r"(不低于|不少于|不超过|不高于|至少|最多|最高|最低|超过|突破|迈上|跃上|站上|迈过|跨上|不到|不足|低于|高于|约|超|逾|近|达到|达)\s*$"
)

BOUND_OF: Final = {
    "左右": "approx", "上下": "approx", "约": "approx",
    "以上": "min", "不低于": "min", "不少于": "min", "至少": "min", "之上": "min", "最低": "min",
    "超过": "min", "超": "min", "逾": "min", "高于": "min", "突破": "min", "迈上": "min",
    "跃上": "min", "站上": "min", "迈过": "min", "跨上": "min", "多": "min", "余": "min", "强": "min",
    "以内": "max", "以下": "max", "之内": "max", "不超过": "max", "最多": "max", "最高": "max",
    "不高于": "max", "不到": "max", "不足": "max", "低于": "max", "近": "max",
}

# Pre-value words that are verbs of reaching, not hedges: kept out of the qualifier.
NOT_QUALIFIER: Final = {"达到", "达"}

STRENGTH_RE: Final = re.compile(r"确保|必须|务必|力争|争取|努力|力求|预计")
_STRENGTH_OF: Final = {
    "确保": "binding", "必须": "binding", "务必": "binding", "完成": "binding",
    "力争": "aspirational", "争取": "aspirational", "努力": "aspirational", "力求": "aspirational",
    "预计": "estimate",
}


def bound_for(qualifier: str | None, is_range: bool) -> str:
    if is_range:
        return "range"
    if qualifier is None:
        return "exact"
    return BOUND_OF.get(qualifier, "exact")


def strength_for(text: str, kind: str) -> tuple[str, str | None]:
    """Strength from the frame words in the text before a value (last one wins).

    完成 counts as binding only for targets: in a review 完成投资536.7亿元 reports an outcome.
    """
    words = STRENGTH_RE.findall(text)  # the matches of finditer, as strings, in one call
    word = words[-1] if words else None
    if word is None and kind == "target" and "完成" in text:
        word = "完成"
    if word is None:
        return "plain", None
    return _STRENGTH_OF[word], word
