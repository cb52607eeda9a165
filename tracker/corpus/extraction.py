"""Run the pure extractors over a document's clean text: commitments and rhetoric counts.

No database here, so the same call serves ingest, re-extraction, `tracker extract` and
`tracker eval`. The only thing it adds to the extractors is the reading date: a work report
delivered in December speaks of next year as "this year" (dates.reference_year).
"""

from __future__ import annotations

import datetime as dt
import operator
from typing import TYPE_CHECKING, Any

from tracker.corpus.dates import PubDate, reference_year
from tracker.corpus.prepare import PreparedDocument

if TYPE_CHECKING:
    from tracker.extract.commitments import Commitment
    from tracker.extract.lexicon import MetricLexicon
    from tracker.extract.rhetoric import RhetoricLexicon


# The fields of a Commitment that are columns of the commitments table, in table order.
COMMITMENT_FIELDS = (
    "metric_code", "subject", "kind", "period", "period_start", "period_end", "change", "value",
    "value_low", "value_high", "stretch", "unit", "value_base", "unit_base", "qualifier", "bound",
    "strength", "strength_word", "relation", "note", "quote", "char_start", "char_end",
)

CommitmentColumns = dict[str, list[Any]]
_FIELDS_OF = operator.attrgetter(*COMMITMENT_FIELDS)


def commitment_columns(commitments: list[Commitment]) -> CommitmentColumns:
    """The commitments as table columns ({field: values}).

    Ingest's workers turn these into an Arrow table and send that instead of Commitment objects:
    unpickling the objects and building a dict per row took the single writer (the one process that
    cannot run in parallel) about a second per corpus. The fields are read with one attrgetter
    call per commitment, not one getattr per field: 0.17 s over the corpus against 0.26 s.
    """
    if not commitments:
        return {name: [] for name in COMMITMENT_FIELDS}
    rows = map(_FIELDS_OF, commitments)
    return dict(zip(COMMITMENT_FIELDS, map(list, zip(*rows, strict=True)), strict=True))


def reading_date(published: PubDate | None, doc_type: str | None) -> dt.date | None:
    if published is None:
        return None
    year = reference_year(published, doc_type)
    return published.date if year == published.date.year else dt.date(year, 1, 1)


def extract_from_text(text: str, published: PubDate | None, doc_type: str | None, digits_missing: bool,
                      metrics: MetricLexicon) -> list[Commitment]:
    from tracker.extract.native import extract_commitments

    return extract_commitments(text, lexicon=metrics, published=reading_date(published, doc_type),
                               doc_type=doc_type, digits_missing=digits_missing)


def extract_commitments_of(doc: PreparedDocument, metrics: MetricLexicon) -> list[Commitment]:
    return extract_from_text(doc.text, doc.published, doc.doc_type, doc.digits_missing, metrics)


def extract_rows(doc: PreparedDocument, metrics: MetricLexicon, terms: RhetoricLexicon) -> tuple[list[Commitment], dict[str, int]]:
    from tracker.extract.rhetoric import count_terms

    return extract_commitments_of(doc, metrics), count_terms(doc.text, terms)
