"""Re-extraction: rebuild commitments and term counts of stored documents from their clean text.

When the extractor or a lexicon changes, stored documents are read again in place. Corrections are
anchored by document, offsets and original metric (not by commitment id), so they apply to the new
rows as they did to the old ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, extract, select

from tracker import models
from tracker.corpus.dates import PubDate
from tracker.corpus.extraction import extract_from_text
from tracker.corpus.store import Lexicons, write_extractions

if TYPE_CHECKING:
    from sqlalchemy import Connection


def reextract(conn: Connection, lexicons: Lexicons, year: int | None = None,
              document_ids: list[int] | None = None) -> int:
    """Re-read the chosen documents (all by default) in the caller's transaction; returns how many."""
    from tracker.extract.rhetoric import count_terms

    d = models.Document
    stmt = select(d.id, d.place_id, d.text, d.published_on, d.date_precision, d.date_basis, d.doc_type,
                  d.digits_missing).order_by(d.id)
    if year is not None:
        stmt = stmt.where(extract("year", d.published_on) == year)
    if document_ids is not None:
        stmt = stmt.where(d.id.in_(document_ids))
    done = 0
    for row in conn.execute(stmt).all():
        published = PubDate(row.published_on, row.date_precision, row.date_basis)
        commitments = extract_from_text(row.text, published, row.doc_type, row.digits_missing, lexicons.metrics)
        counts = count_terms(row.text, lexicons.terms)
        conn.execute(delete(models.Commitment).where(models.Commitment.document_id == row.id))
        conn.execute(delete(models.TermCount).where(models.TermCount.document_id == row.id))
        write_extractions(conn, row.id, row.place_id, row.text, commitments, counts, lexicons.term_ids)
        done += 1
    return done
