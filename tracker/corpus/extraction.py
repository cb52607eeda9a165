"""Run the pure extractors over a prepared document: commitments and rhetoric counts.

No database here, so the same call serves ingest (possibly in worker processes), `tracker extract`
and `tracker eval`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.corpus.prepare import PreparedDocument

if TYPE_CHECKING:
    from tracker.extract.commitments import Commitment
    from tracker.extract.lexicon import MetricLexicon
    from tracker.extract.rhetoric import RhetoricLexicon


def extract_commitments_of(doc: PreparedDocument, metrics: MetricLexicon) -> list[Commitment]:
    from tracker.extract.commitments import extract_commitments

    return extract_commitments(doc.text, lexicon=metrics, published=doc.reference_date(), doc_type=doc.doc_type,
                               digits_missing=doc.digits_missing)


def extract_rows(doc: PreparedDocument, metrics: MetricLexicon, terms: RhetoricLexicon) -> tuple[list[Commitment], dict[str, int]]:
    from tracker.extract.rhetoric import count_terms

    return extract_commitments_of(doc, metrics), count_terms(doc.text, terms)
