"""Publication dates from manifests and text heads."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.paths import SEEDS
from tracker.corpus.clean import clean_text
from tracker.corpus.dates import DateError, date_in_text, parse_given, reference_year, resolve_date


def seed_text(relative: str) -> str:
    return clean_text((SEEDS / relative).read_text(encoding="utf-8")).text


@pytest.mark.parametrize(
    ("value", "date", "precision"),
    [("2024", dt.date(2024, 1, 1), "year"), ("2020-07", dt.date(2020, 7, 1), "month"),
     ("2020-7-29", dt.date(2020, 7, 29), "day")],
)
def test_given_dates_parse_with_precision(value, date, precision):  # type: ignore[no-untyped-def]
    parsed = parse_given(value, "manifest")
    assert (parsed.date, parsed.precision) == (date, precision)


@pytest.mark.parametrize("value", ["2024-13-45", "2023-02-30", "24", "last year", ""])
def test_impossible_or_malformed_dates_are_errors(value):  # type: ignore[no-untyped-def]
    with pytest.raises(DateError):
        parse_given(value, "manifest")


@pytest.mark.parametrize(
    ("relative", "given", "expected"),
    [
        ("2024/xiamen-2024-work-report.txt", "2024", dt.date(2024, 1, 11)),  # 2024年1月11日在…会议上
        ("2020/xiamen-2020-09-03-interview-liuwen-liubao.txt", None, dt.date(2020, 9, 3)),  # 2020/09/03 08:57
        ("2020/qingdao-west-coast-2020-07-29-first-half.txt", None, dt.date(2020, 7, 29)),  # 2020-07-29 09:41
        ("2020/xiamen-2020-07-27-midyear-review.txt", "2020", dt.date(2020, 7, 27)),  # 7月27日讯, year given
    ],
)
def test_text_refines_the_seed_dates(relative, given, expected):  # type: ignore[no-untyped-def]
    resolved = resolve_date(parse_given(given, "manifest") if given else None, seed_text(relative))
    assert resolved is not None
    assert (resolved.date, resolved.precision, resolved.basis) == (expected, "day", "text")


def test_an_event_date_in_the_body_is_not_the_publication_date():  # type: ignore[no-untyped-def]
    # The Wenzhou piece reports a meeting on 2月12日; it was not published that day.
    resolved = resolve_date(parse_given("2019", "manifest"), seed_text("2019/wenzhou-2019-industry-kaimenhong.txt"))
    assert resolved is not None
    assert (resolved.date, resolved.precision, resolved.basis) == (dt.date(2019, 1, 1), "year", "manifest")


def test_chinese_numeral_dates_including_lookalike_zeros():  # type: ignore[no-untyped-def]
    found = date_in_text("——二〇一九年一月九日在厦门市第十五届人民代表大会第三次会议上")
    assert found is not None and found.date == dt.date(2019, 1, 9)
    found = date_in_text("——二Ο一八年一月十日在武汉市第十四届人民代表大会")  # Greek capital omicron as zero
    assert found is not None and found.date == dt.date(2018, 1, 10)
    found = date_in_text("二〇二一年十二月三十一日")
    assert found is not None and found.date == dt.date(2021, 12, 31)


def test_a_text_date_that_disagrees_with_the_manifest_year_does_not_win():  # type: ignore[no-untyped-def]
    resolved = resolve_date(parse_given("2021", "manifest"), "2019年3月1日在会议上")
    assert resolved is not None and resolved.date == dt.date(2021, 1, 1)


def test_december_delivery_of_next_years_work_report():  # type: ignore[no-untyped-def]
    text = "政府工作报告\n——2016年12月15日在兰州市第十六届人民代表大会第一次会议上"
    resolved = resolve_date(parse_given("2017", "manifest"), text, "work_report")
    assert resolved is not None and resolved.date == dt.date(2016, 12, 15)
    assert reference_year(resolved, "work_report") == 2017
    # News about a December meeting is not moved into the next year.
    assert resolve_date(parse_given("2017", "manifest"), text, "news").date == dt.date(2017, 1, 1)  # type: ignore[union-attr]
