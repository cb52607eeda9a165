"""Quantity tokens: units, ranges, Chinese numerals only inside quantities, dates are not values."""

from __future__ import annotations

import pytest

from tracker.extract.numbers import base_value, cn_to_number, find_quantities


def toks(text: str) -> list[tuple[str, float, str | None]]:
    return [(text[q.start:q.end], q.value, q.unit) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text",
    ["六稳六保", "十四五", "新三样", "一带一路", "两会", "2024年", "第二十四届", "75周年", "1号线",
     "总投资亿元", "同比增长月至月", "千亿元", "五个一", "一区五园", "3+12", "PM2.5年均浓度"],
)
def test_names_dates_and_bare_units_are_not_values(text: str) -> None:
    assert [t for t in toks(text) if t[2] is not None] == []


def test_wan_ge_normalizes() -> None:
    (q,) = find_quantities("新增学位4.1万个")
    assert (q.value, q.unit) == (4.1, "万个")
    assert base_value(q.value, q.unit) == (41000.0, "个")
    assert base_value(1283.3, "亿元") == (128330000000.0, "元")
    assert base_value(5.5, "%") == (5.5, "%")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("增长6%—6.5%", 6, 6.5), ("增长6-6.5％", 6, 6.5), ("增长6.5%－7%", 6.5, 7), ("增长6.5%~7%", 6.5, 7)],
)
def test_dash_between_numbers_is_a_range(text: str, low: float, high: float) -> None:
    (q,) = find_quantities(text)
    assert (q.low, q.high, q.value) == (low, high, low)


def test_chinese_numerals_inside_quantities() -> None:
    assert toks("提高两个百分点") == [("两个百分点", 2.0, "个百分点")]
    assert cn_to_number("一千二百") == 1200
    assert cn_to_number("十五") == 15


def test_thresholds_and_approx_words() -> None:
    assert toks("600多场") == [("600多场", 600.0, "场")]
    assert toks("增长1.7倍") == [("1.7倍", 1.7, "倍")]
