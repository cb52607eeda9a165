"""Documents are stored once per text, on both engines, however the writer finds the ones stored.

insert_ignoring_conflicts is how ingest's writer stores a batch of documents. PostgreSQL gets
INSERT … ON CONFLICT DO NOTHING (two writers may race); DuckDB, where ON CONFLICT plans a nested
loop over the whole table, has the stored keys looked up first and a plain INSERT of the rest.
Both must give the same answer: the ids of the rows this call stored, the first of rows sharing a
key, and nothing for keys already stored, which keep their row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from tracker import models
from tracker.db import connect, insert_ignoring_conflicts, open_engine, upgrade

DOCUMENTS = models.Document.__table__


def _row(key: str, file: str, place_id: int) -> dict[str, Any]:
    text = f"{file}：地区生产总值增长5.5%左右。"
    return {
        "sha256": key * 64, "file": file, "place_id": place_id, "published_on": dt.date(2024, 1, 11),
        "date_precision": "day", "date_basis": "manifest", "title": None, "doc_type": "work_report",
        "source": None, "original_encoding": "utf-8", "original_script": "simplified", "chars": len(text),
        "digits_missing": False, "garbled_chars": 0, "chrome_removed_chars": 0,
        "origin": "ingest", "ingested_at": dt.datetime(2026, 11, 24, 12, 0),
    }


def test_each_key_is_stored_once_and_stored_rows_stay(any_db: str, workspace) -> None:  # type: ignore[no-untyped-def]
    engine = open_engine(any_db)
    upgrade(engine, workspace, backup=False)
    with connect(engine) as conn:
        place_id = conn.execute(select(models.Place.id).where(models.Place.name_zh == "厦门市")).scalar_one()
        seeds = conn.execute(select(models.Document.sha256, models.Document.id)).all()
        first = insert_ignoring_conflicts(conn, DOCUMENTS, [_row("a", "a.txt", place_id), _row("b", "b.txt", place_id)],
                                          key=["sha256"])
    assert set(first) == {"a" * 64, "b" * 64}

    # Stored keys (one from this run, one a seed document's), a new key twice, in one call.
    seed_sha, seed_id = seeds[0]
    again_rows = [_row("b", "b-again.txt", place_id), _row("c", "c.txt", place_id),
                  _row("c", "c-copy.txt", place_id), {**_row("s", "seed-again.txt", place_id), "sha256": seed_sha}]
    with connect(engine) as conn:
        again = insert_ignoring_conflicts(conn, DOCUMENTS, again_rows, key=["sha256"])
    assert set(again) == {"c" * 64}
    assert not set(again.values()) & set(first.values())

    with connect(engine) as conn:
        assert insert_ignoring_conflicts(conn, DOCUMENTS, [_row("a", "a-third.txt", place_id)], key=["sha256"]) == {}
        stored = conn.execute(select(models.Document.sha256, models.Document.id, models.Document.file)).all()
    by_key = {sha: (row_id, file) for sha, row_id, file in stored}
    assert len(stored) == len(seeds) + 3  # a, b, c: one row each
    assert by_key["a" * 64] == (first["a" * 64], "a.txt")
    assert by_key["b" * 64] == (first["b" * 64], "b.txt")
    assert by_key["c" * 64] == (again["c" * 64], "c.txt")  # the first of the two rows with that key
    assert by_key[seed_sha][0] == seed_id and by_key[seed_sha][1] != "seed-again.txt"
    engine.dispose()
