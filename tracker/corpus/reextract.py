"""Re-extraction: rebuild commitments and term counts of stored documents from their clean text.

When the extractor or a lexicon changes, stored documents are read again in place. Corrections are
anchored by document, offsets and original metric (not by commitment id), so they apply to the new
rows as they did to the old ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, extract, select

from tracker import models
from tracker.corpus.dates import PubDate
from tracker.corpus.extraction import extract_from_text
from tracker.corpus.store import Lexicons, commitment_table, count_rows_of, with_document
from tracker.corpus.texts import texts_of
from tracker.db import bulk_insert_arrow, bulk_insert_rows

if TYPE_CHECKING:
    from sqlalchemy import Connection, Row

# Documents re-read per round of statements. DuckDB pays for every statement (deleting and
# inserting one document at a time took twice as long as extracting it); reading a chunk at a time
# keeps the texts of a large database out of memory.
_CHUNK = 64


def reextract(conn: Connection, lexicons: Lexicons, year: int | None = None,
              document_ids: list[int] | None = None) -> int:
    """Re-read the chosen documents (all by default) in the caller's transaction; returns how many."""
    d = models.Document
    stmt = select(d.id, d.place_id, d.published_on, d.date_precision, d.date_basis, d.doc_type,
                  d.digits_missing).order_by(d.id).limit(_CHUNK)
    if year is not None:
        stmt = stmt.where(extract("year", d.published_on) == year)
    if document_ids is not None:
        stmt = stmt.where(d.id.in_(document_ids))
    done = 0
    last_id = -1
    while rows := conn.execute(stmt.where(d.id > last_id)).all():
        _replace_extractions(conn, lexicons, rows)
        done += len(rows)
        last_id = rows[-1].id
    return done


def _replace_extractions(conn: Connection, lexicons: Lexicons, rows: Sequence[Row[Any]]) -> None:
    """Extract the documents again, then swap their rows with a few statements for the whole chunk."""
    import pyarrow as pa

    from tracker.extract.rhetoric import count_terms

    tables = []
    count_rows: list[dict[str, Any]] = []
    ids = [row.id for row in rows]
    texts = texts_of(conn, ids)
    for row in rows:
        text = texts[row.id]
        published = PubDate(row.published_on, row.date_precision, row.date_basis)
        commitments = extract_from_text(text, published, row.doc_type, row.digits_missing, lexicons.metrics)
        tables.append(with_document(commitment_table(commitments), row.id, row.place_id))
        count_rows += count_rows_of(row.id, text, count_terms(text, lexicons.terms), lexicons.term_ids)
    conn.execute(delete(models.Commitment).where(models.Commitment.document_id.in_(ids)))
    conn.execute(delete(models.TermCount).where(models.TermCount.document_id.in_(ids)))
    bulk_insert_arrow(conn, models.Commitment.__table__, pa.concat_tables(tables))
    bulk_insert_rows(conn, models.TermCount.__table__, count_rows)
