"""Resolve what users and texts call a place to one row of the places table.

Names are ambiguous more often than one would think (朝阳区 is in Beijing and Changchun; 吉林 is a
province and a city), so resolution never guesses: an admin code or a name that identifies one place
resolves, anything else is an error that lists the candidates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.errors import RejectedInput

LEVEL_DEPTH = {"province": 0, "city": 1, "district": 2, "new_area": 2}
_CODE = re.compile(r"^\d{6}$")


def is_admin_code(value: str) -> bool:
    """Six digits: a GB/T 2260 code rather than a name."""
    return _CODE.match(value) is not None


@dataclass(frozen=True)
class PlaceRow:
    id: int
    admin_code: str
    name_zh: str
    level: str
    parent_id: int | None


class PlaceError(ValueError):
    """The place cannot be resolved; the message says why and lists candidates."""


class PlaceIndex:
    """In-memory lookup built once per run from the places and place_aliases tables."""

    def __init__(self, places: Iterable[PlaceRow], aliases: Iterable[tuple[int, str]]) -> None:
        self.by_id = {p.id: p for p in places}
        self.by_code = {p.admin_code: p for p in self.by_id.values()}
        self.by_name: dict[str, set[int]] = defaultdict(set)
        for place in self.by_id.values():
            self.by_name[place.name_zh].add(place.id)
        self.by_alias: dict[str, set[int]] = defaultdict(set)
        for place_id, alias in aliases:
            self.by_alias[alias].add(place_id)
        # Official names of three or more characters are specific enough to look for in a text head.
        self._full_names = sorted((n for n in self.by_name if len(n) >= 3), key=len, reverse=True)

    def describe(self, place_id: int) -> str:
        place = self.by_id[place_id]
        parent = self.by_id.get(place.parent_id) if place.parent_id else None
        where = f", {parent.name_zh}" if parent else ""
        return f"{place.admin_code} {place.name_zh}{where}"

    def resolve(self, value: str) -> PlaceRow:
        """An admin code, an official name or an alias that names exactly one place."""
        key = value.strip()
        if not key:
            raise PlaceError("no place given")
        if is_admin_code(key):
            if key in self.by_code:
                return self.by_code[key]
            raise PlaceError(f"unknown admin code {key}")
        for candidates in (self.by_name.get(key), self.by_alias.get(key)):
            if candidates and len(candidates) == 1:
                return self.by_id[next(iter(candidates))]
            if candidates:
                listed = "; ".join(sorted(self.describe(c) for c in candidates))
                raise PlaceError(f"place {key!r} is ambiguous ({listed}); give its admin code")
        raise PlaceError(f"unknown place {key!r}")

    def _ancestors(self, place_id: int) -> set[int]:
        seen: set[int] = set()
        current = self.by_id[place_id].parent_id
        while current is not None and current not in seen:
            seen.add(current)
            current = self.by_id[current].parent_id
        return seen

    def find_in_text(self, head: str) -> PlaceRow | None:
        """The one place a text head names by official name, or None.

        Several names on one line of descent (福建省, 厦门市) mean the most specific; unrelated places
        mean the text is about several, and then nothing is chosen.
        """
        found: set[int] = set()
        for name in self._full_names:
            if name in head:
                found |= self.by_name[name]
        if not found:
            return None
        deepest = [p for p in found if not any(p in self._ancestors(q) for q in found if q != p)]
        if len(deepest) == 1:
            return self.by_id[deepest[0]]
        return None


def resolve_for_document(index: PlaceIndex, given: str | None, text: str, name: str) -> PlaceRow:
    """The document's place: the given one, else the one its head names; else rejected."""
    if given:
        try:
            return index.resolve(given)
        except PlaceError as exc:
            raise RejectedInput(name, str(exc)) from exc
    found = index.find_in_text(text[:200])
    if found is None:
        raise RejectedInput(name, "no place given (manifest or --place) and the text does not name exactly one")
    return found
