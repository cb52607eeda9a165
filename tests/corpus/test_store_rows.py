"""The writer's Arrow tables hold exactly the rows and ids they are given.

Ingest's single writer builds these tables for every batch, so they are built for speed (column
by column, constant columns from one scalar); these tests pin what they must still hold, on a real
seed document's extraction and on document rows of the shape ingest writes.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from tests.paths import REFERENCE, SEEDS
from tracker import models
from tracker.corpus.extraction import extract_rows
from tracker.corpus.prepare import DocumentInfo, prepare_file
from tracker.corpus.store import commitment_table, with_document
from tracker.db import _arrow_table
from tracker.extract import EXTRACTOR_VERSION
from tracker.extract.lexicon import MetricLexicon
from tracker.extract.rhetoric import RhetoricLexicon


def _seed_commitments() -> pa.Table:
    path = sorted(SEEDS.glob("20*/*.txt"))[0]
    doc = prepare_file(path, DocumentInfo(place="厦门市", published="2024-01-11", doc_type="work_report"))
    commitments, _ = extract_rows(doc, MetricLexicon.from_csv(REFERENCE / "metrics.csv"),
                                  RhetoricLexicon.from_csv(REFERENCE / "terms.csv"))
    return commitment_table(commitments)


def test_with_document_gives_every_row_the_writers_ids() -> None:
    table = _seed_commitments()
    assert table.num_rows > 0
    out = with_document(table, 7, 3_000_000_000)  # a place id beyond 32 bits stays whole
    assert out.num_rows == table.num_rows
    assert out.select(table.column_names).equals(table)
    assert out.schema.field("document_id").type == pa.int64()
    assert out.schema.field("place_id").type == pa.int64()
    assert out.schema.field("extractor_version").type == pa.string()
    assert set(out.column("document_id").to_pylist()) == {7}
    assert set(out.column("place_id").to_pylist()) == {3_000_000_000}
    assert set(out.column("extractor_version").to_pylist()) == {EXTRACTOR_VERSION}


def test_with_document_on_a_document_without_commitments() -> None:
    empty = _seed_commitments().slice(0, 0)
    out = with_document(empty, 1, 2)
    assert out.num_rows == 0
    assert out.column_names[-3:] == ["document_id", "place_id", "extractor_version"]


def test_rows_become_a_table_of_the_models_types_value_for_value() -> None:
    # The first row leaves out what later rows hold (no title, no date basis), as a batch can.
    rows = [
        {"sha256": "a" * 64, "file": "2024/厦门.txt", "place_id": 12, "published_on": dt.date(2024, 1, 11),
         "date_precision": "day", "date_basis": None, "title": None, "chars": 15, "digits_missing": False, "garbled_chars": 0,
         "ingested_at": dt.datetime(2026, 11, 24, 2, 0)},
        {"sha256": "b" * 64, "file": "2023/x.md", "place_id": 3, "published_on": dt.date(2023, 2, 1),
         "date_precision": "month", "date_basis": "manifest", "title": "政府工作报告", "chars": 0, "digits_missing": True, "garbled_chars": 17, "ingested_at": dt.datetime(2026, 1, 1)},
    ]
    table = _arrow_table(models.Document.__table__, rows)
    assert table.column_names == list(rows[0])
    assert table.schema.field("published_on").type == pa.date32()
    assert table.schema.field("garbled_chars").type == pa.int64()
    assert table.schema.field("digits_missing").type == pa.bool_()
    assert table.to_pylist() == rows
