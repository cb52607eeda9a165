"""How a commitment's figure reads to a person: 5.5%左右, ≥10%, ≤3%, 6–6.5%, 高于全省.

One place for it, so the timeline, the lists and `tracker extract` all write a figure the same way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

_PREFIX = {"min": "≥", "max": "≤"}
# Hedges that exclude the figure itself (EXTRACTION.md §5): 超800亿元 is more than 800, not 800.
_EXCLUSIVE = {"超": ">", "超过": ">", "逾": ">", "高于": ">", "多": ">", "余": ">",
              "不到": "<", "不足": "<", "低于": "<", "近": "<"}
# Hedges that read naturally after the number stay as written (5.5%左右); bounds are shown as signs.
_SUFFIX_QUALIFIERS = {"左右", "上下"}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float) -> str:
    """4791.4 → "4791.4", 5.0 → "5", 1e-7-ish float noise removed."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def figure(row: Mapping[str, Any]) -> str:
    """The figure of one commitment as a short string; value-less rows show their relation."""
    unit = "" if _missing(row.get("unit")) else str(row["unit"])
    if not _missing(row.get("value_low")) and not _missing(row.get("value_high")):
        text = f"{number(row['value_low'])}–{number(row['value_high'])}{unit}"
    elif _missing(row.get("value")):
        return "" if _missing(row.get("relation")) else str(row["relation"])
    else:
        value = float(row["value"])
        sign = "+" if row.get("change") == "growth" and value > 0 and unit == "个百分点" else ""
        text = f"{sign}{number(value)}{unit}"
        qualifier = None if _missing(row.get("qualifier")) else str(row["qualifier"])
        bound = row.get("bound")
        if qualifier in _SUFFIX_QUALIFIERS:
            text += qualifier
        elif qualifier in _EXCLUSIVE:
            text = _EXCLUSIVE[qualifier] + text
        elif bound in _PREFIX:
            text = _PREFIX[bound] + text
        elif qualifier:
            text += qualifier
    if not _missing(row.get("stretch")):
        text += f" (力争{number(row['stretch'])}{unit})"
    return text
