"""Run the pure extractors over a document's clean text: commitments and rhetoric counts.

No database here, so the same call serves ingest, re-extraction, `tracker extract` and
`tracker eval`. The only thing it adds to the extractors is the reading date: a work report
delivered in December speaks of next year as "this year" (dates.reference_year).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tracker.corpus.dates import PubDate, reference_year
from tracker.corpus.prepare import PreparedDocument

if TYPE_CHECKING:
    from tracker.extract.commitments import Commitment
    from tracker.extract.lexicon import MetricLexicon
    from tracker.extract.rhetoric import RhetoricLexicon


def reading_date(published: PubDate | None, doc_type: str | None) -> dt.date | None:
    if published is None:
        return None
    year = reference_year(published, doc_type)
    return published.date if year == published.date.year else dt.date(year, 1, 1)


def extract_from_text(text: str, published: PubDate | None, doc_type: str | None, digits_missing: bool,
                      metrics: MetricLexicon) -> list[Commitment]:
    from tracker.extract.commitments import extract_commitments

    return extract_commitments(text, lexicon=metrics, published=reading_date(published, doc_type),
                               doc_type=doc_type, digits_missing=digits_missing)


def extract_commitments_of(doc: PreparedDocument, metrics: MetricLexicon) -> list[Commitment]:
    return extract_from_text(doc.text, doc.published, doc.doc_type, doc.digits_missing, metrics)


def extract_rows(doc: PreparedDocument, metrics: MetricLexicon, terms: RhetoricLexicon) -> tuple[list[Commitment], dict[str, int]]:
    from tracker.extract.rhetoric import count_terms

    return extract_commitments_of(doc, metrics), count_terms(doc.text, terms)
