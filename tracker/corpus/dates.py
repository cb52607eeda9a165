"""Publication dates: parse what the manifest or an option says, refine it from the text.

A manifest often knows only the year ("2024") while the text says exactly when ("2024年1月11日在…会议上",
"二〇一九年一月九日", "2020/09/03 08:57", "2020-07-29"). Only the head of the text is read: dates
further in are events the text reports, not when it was published. A text date refines a given one
only when they agree (same year, and month if given); otherwise the given date stands.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PRECISIONS = ("year", "month", "day")
HEAD_CHARS = 400

_GIVEN = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")
_FULL = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)")
# Zero is written many ways in scraped reports: 〇, ○, 零, and look-alikes (Latin O, Greek Ο, Cyrillic О).
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ο": 0, "О": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_FULL = re.compile(r"([〇○零OΟО一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
# A month-day is a publication date only as a dateline ("7月27日讯", "新华社厦门7月27日电"); elsewhere in
# the head it is usually an event the article reports ("2月12日，市委召开…").
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日(?:讯|电)")


class DateError(ValueError):
    """A date that cannot be used; the message says why."""


@dataclass(frozen=True)
class PubDate:
    date: dt.date
    precision: str  # year | month | day
    basis: str  # manifest | text | option

    def label(self) -> str:
        if self.precision == "year":
            return f"{self.date.year}"
        if self.precision == "month":
            return f"{self.date.year}-{self.date.month:02d}"
        return self.date.isoformat()


def parse_given(value: str, basis: str) -> PubDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; an impossible date (2024-13-45) is an error."""
    match = _GIVEN.match(value or "")
    if not match:
        raise DateError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise DateError(f"date {value!r} does not exist ({exc})") from exc
    precision = "day" if day else "month" if month else "year"
    return PubDate(date, precision, basis)


def _cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十一 → 11, 二十 → 20, 三十一 → 31 (months and days only)."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_in_text(text: str, year_hint: int | None = None) -> PubDate | None:
    """The first full date in the head of the text, or a month-day when the year is known."""
    head = text[:HEAD_CHARS]
    found: list[tuple[int, dt.date]] = []
    for match in _FULL.finditer(head):
        date = _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if date:
            found.append((match.start(), date))
    for match in _CN_FULL.finditer(head):
        year = int("".join(str(_CN_DIGITS[ch]) for ch in match.group(1)))
        date = _safe_date(year, _cn_number(match.group(2)), _cn_number(match.group(3)))
        if date:
            found.append((match.start(), date))
    if found:
        return PubDate(min(found)[1], "day", "text")
    if year_hint is not None:
        match = _MONTH_DAY.search(head)
        if match:
            date = _safe_date(year_hint, int(match.group(1)), int(match.group(2)))
            if date:
                return PubDate(date, "day", "text")
    return None


def resolve_date(given: PubDate | None, text: str, doc_type: str | None = None) -> PubDate | None:
    """Combine a given date with the text: the text refines a coarser given date it agrees with.

    A work report "of 2017" may be delivered in December 2016 (兰州, 银川, 济南 do this), so for work
    reports a December date of the year before agrees with a given year.
    """
    if given is not None and given.precision == "day":
        return given
    year_hint = given.date.year if given else None
    found = date_in_text(text, year_hint)
    if found is None:
        return given
    if given is None:
        return found
    same_year = found.date.year == given.date.year and (
        given.precision == "year" or found.date.month == given.date.month
    )
    december_before = (
        doc_type == "work_report"
        and given.precision == "year"
        and found.date.year == given.date.year - 1
        and found.date.month == 12
    )
    return found if same_year or december_before else given


def reference_year(published: PubDate, doc_type: str | None) -> int:
    """The year a document speaks of as "this year": a work report delivered in December is next year's."""
    if doc_type == "work_report" and published.precision == "day" and published.date.month == 12:
        return published.date.year + 1
    return published.date.year
