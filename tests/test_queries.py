"""Query files: conventions, plain-SQL portability (DuckDB as-is, PostgreSQL as-is), filters, checks."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from tests.cli_helpers import tracker
from tests.paths import ROOT
from tracker.queries import list_queries

QUERIES = list_queries(ROOT / "queries")
NAMES = [q.name for q in QUERIES]


def test_there_are_the_standing_questions():  # type: ignore[no-untyped-def]
    for name in ("targets_by_year", "target_changes", "target_vs_actual", "commitment_history", "as_of",
                 "documents", "coverage"):
        assert name in NAMES
    assert any(n.startswith("checks/") for n in NAMES)


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_every_query_has_a_header_and_ends_in_final(query):  # type: ignore[no-untyped-def]
    header = query.header
    first = header.splitlines()[0]
    assert first.startswith(query.name.split("/")[-1] + ":"), first
    for key in ("grain:", "columns:"):
        assert key in header, (query.name, key)
    if not query.name.startswith("checks/"):
        assert "filters:" in header
    body = "\n".join(line for line in query.sql.splitlines() if not line.startswith("--"))
    assert re.search(r"\bfinal AS \(", body) and re.search(r"SELECT \* FROM final", body), query.name
    assert body.count(";") == 0, "one statement per file"


def _duckdb_rows(db: str | Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_query_file_runs_as_is_in_plain_duckdb(seeded_template, query):  # type: ignore[no-untyped-def]
    rows = _duckdb_rows(seeded_template, query.sql)
    if query.name.startswith("checks/"):
        assert rows == [], (query.name, rows[:3])
    elif query.name in ("targets_by_year", "documents", "coverage", "commitment_history", "as_of"):
        assert rows, query.name


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_query_file_runs_as_is_on_postgresql(seeded_pg, seeded_template, query):  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(seeded_pg, poolclass=NullPool)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(query.sql)  # the file's text, as psql would send it
        pg_rows = cursor.fetchall()
    finally:
        raw.close()
        engine.dispose()
    duck_rows = _duckdb_rows(seeded_template, query.sql)
    assert len(pg_rows) == len(duck_rows), query.name
    if query.name.startswith("checks/"):
        assert pg_rows == []


def test_where_filters_are_typed_and_bound(seeded_db):  # type: ignore[no-untyped-def]
    result = tracker("query", "targets_by_year", "--where", "place=厦门市", "--where", "year>=2024",
                     "--format", "jsonl", db=seeded_db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 9
    assert '"metric":"gdp"' in result.stdout.replace(" ", "")
    hostile = ["place=厦门市' OR '1'='1", "place=x; DROP TABLE documents; --", "place=厦门市/*", 'place="; --']
    for expression in hostile:
        attempt = tracker("query", "targets_by_year", "--where", expression, "--format", "csv", db=seeded_db)
        assert attempt.returncode == 0, attempt.stderr
        assert attempt.stdout.strip().count("\n") == 0  # header only: no row matches such a place
    assert _duckdb_rows(seeded_db, "SELECT COUNT(*) FROM documents") == [(5,)]


def test_unknown_names_and_columns_list_the_valid_ones(seeded_db):  # type: ignore[no-untyped-def]
    unknown = tracker("query", "nope", db=seeded_db)
    assert unknown.returncode == 2 and "targets_by_year" in unknown.stderr
    column = tracker("query", "targets_by_year", "--where", "plac=厦门市", db=seeded_db)
    assert column.returncode == 2 and "no column 'plac'" in column.stderr and "place" in column.stderr
    injected = tracker("query", "targets_by_year", "--where", 'place" OR 1=1 --=x', db=seeded_db)
    assert injected.returncode == 2
    listing = tracker("query", db=seeded_db)
    assert listing.returncode == 0 and "target_changes" in listing.stdout


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "parquet"])
def test_query_output_formats(seeded_db, tmp_path, fmt):  # type: ignore[no-untyped-def]
    out = tmp_path / f"out.{fmt}"
    result = tracker("query", "documents", "--format", fmt, "--out", str(out), db=seeded_db)
    assert result.returncode == 0, result.stderr
    import pandas as pd

    reader = {"csv": pd.read_csv, "json": pd.read_json, "parquet": pd.read_parquet,
              "jsonl": lambda p: pd.read_json(p, lines=True)}[fmt]
    assert len(reader(out)) == 5
