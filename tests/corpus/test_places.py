"""Place lookup for --place: the direct database lookup agrees with the full index on every name."""

from __future__ import annotations

import random

import pytest

from tracker.corpus.places import PlaceError
from tracker.corpus.store import load_places, resolve_place
from tracker.db import connect, open_engine


def _outcome(resolve, value: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return f"place {resolve(value)}"
    except PlaceError as exc:
        return f"error {exc}"


def test_direct_lookup_agrees_with_the_index(seeded_db: str) -> None:
    with connect(open_engine(seeded_db)) as conn:
        index = load_places(conn)
        codes = list(index.by_code)
        names = list(index.by_name)
        aliases = list(index.by_alias)
        rng = random.Random(7)
        values = rng.sample(codes, 150) + rng.sample(names, 300) + rng.sample(aliases, 300)
        # Ambiguous names and aliases, padded input, unknown names and codes, the empty string.
        values += [n for n, ids in index.by_name.items() if len(ids) > 1][:30]
        values += [a for a, ids in index.by_alias.items() if len(ids) > 1][:30]
        values += [" 厦门市 ", "廈門市", "厦门", "999999", "不存在市", "", "  "]
        for value in values:
            assert _outcome(lambda v: resolve_place(conn, v), value) == _outcome(index.resolve, value), value
        assert any(len(ids) > 1 for ids in index.by_name.values())  # the sample did cover ambiguity


@pytest.mark.parametrize("value", ["厦门市", "350200", "廈門市"])
def test_one_place_by_name_code_or_traditional_alias(seeded_db: str, value: str) -> None:
    with connect(open_engine(seeded_db)) as conn:
        assert resolve_place(conn, value).admin_code == "350200"
