"""Write one prepared document, and what was extracted from it, in the caller's transaction.

Both `tracker ingest` (a batch of documents per transaction) and the year revisions (the migration's
transaction) store documents through :func:`store_document`, so a document arrives the same way
whichever door it came in by. The lexicons come from the database (metric_aliases, terms), so a
revision that adds a synonym or a term changes what the next ingest finds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tracker import models
from tracker.corpus.places import PlaceIndex, PlaceRow, resolve_for_document
from tracker.corpus.extraction import COMMITMENT_FIELDS, commitment_columns, extract_rows
from tracker.corpus.prepare import PreparedDocument
from tracker.corpus.texts import chunked, store_texts, whole_documents_table
from tracker.db import arrow_schema, bulk_insert_arrow, bulk_insert_rows, insert_ignoring_conflicts
from tracker.errors import RejectedInput

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from tracker.extract.commitments import Commitment
    from tracker.extract.lexicon import MetricLexicon
    from tracker.extract.rhetoric import RhetoricLexicon


@dataclass
class Lexicons:
    """Everything per-run that extraction needs, loaded once from the database."""

    places: PlaceIndex
    metrics: MetricLexicon
    terms: RhetoricLexicon
    term_ids: dict[str, int]


def load_places(conn: Connection) -> PlaceIndex:
    # .all() fetches in one call; iterating a result fetches a row at a time through the DuckDB
    # driver, which made reading 3,000 places and 7,000 aliases take twice as long.
    rows = conn.execute(select(models.Place.id, models.Place.admin_code, models.Place.name_zh,
                               models.Place.level, models.Place.parent_id)).all()
    aliases = conn.execute(select(models.PlaceAlias.place_id, models.PlaceAlias.alias)).all()
    return PlaceIndex([PlaceRow(*r) for r in rows], [(r.place_id, r.alias) for r in aliases])


def resolve_place(conn: Connection, value: str) -> PlaceRow:
    """The place a user names (see PlaceIndex.resolve), looked up directly when that is unambiguous.

    Commands that take --place need one place, not the index of 3,000 places and 7,000 aliases
    that ingest needs (a fifth of `tracker timeline`'s time went to building it); anything but a
    name, alias or code that names exactly one place goes to the index, whose errors list candidates.
    """
    from tracker.corpus.places import is_admin_code

    key = value.strip()
    place, alias = models.Place, models.PlaceAlias
    columns = (place.id, place.admin_code, place.name_zh, place.level, place.parent_id)
    if is_admin_code(key):
        lookups = [select(*columns).where(place.admin_code == key)]
    else:  # the official name first, as the index does; an alias only when no place has that name
        lookups = [select(*columns).where(place.name_zh == key),
                   select(*columns).join(alias, alias.place_id == place.id).where(alias.alias == key).distinct()]
    for lookup in lookups:
        rows = conn.execute(lookup).all()
        if len(rows) == 1:
            return PlaceRow(*rows[0])
        if rows:
            break
    return load_places(conn).resolve(value)


def load_lexicons(conn: Connection) -> Lexicons:
    from tracker.extract.lexicon import MetricLexicon
    from tracker.extract.rhetoric import RhetoricLexicon

    metric_rows = conn.execute(
        select(models.Metric.code, models.MetricAlias.alias).join(
            models.MetricAlias, models.MetricAlias.metric_id == models.Metric.id
        )
    ).all()
    term_rows = conn.execute(select(models.Term.id, models.Term.term, models.Term.concept)).all()
    return Lexicons(
        places=load_places(conn),
        metrics=MetricLexicon.from_rows((r.code, r.alias) for r in metric_rows),
        terms=RhetoricLexicon.from_rows((r.term, r.concept) for r in term_rows),
        term_ids={r.term: r.id for r in term_rows},
    )


def known_hashes(conn: Connection) -> set[str]:
    """sha256 of every stored clean text: ingest skips those before extracting anything."""
    return set(conn.execute(select(models.Document.sha256)).scalars().all())


@dataclass
class Storable:
    """A prepared document with its place resolved and its extractions, ready to write."""

    doc: PreparedDocument
    place: PlaceRow
    commitments: Any  # a pyarrow Table with the columns of commitment_schema()
    counts: dict[str, int]


def commitment_schema() -> Any:
    """The Arrow schema of what extraction fills in a commitments row (types from the model)."""
    return arrow_schema(models.Commitment.__table__, COMMITMENT_FIELDS)


def commitment_table(commitments: list[Commitment]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pydict(commitment_columns(commitments), schema=commitment_schema())


def storable(doc: PreparedDocument, lexicons: Lexicons,
             extracted: tuple[Any, dict[str, int]] | None = None) -> Storable:
    """Check a document can be stored (a date, a place) before anything is written.

    ``extracted`` is (commitments, term counts), the commitments as Commitment objects or as the
    Arrow table ingest's workers send; None extracts here.
    """
    if doc.published is None:
        raise RejectedInput(doc.file, "no date given (manifest or --date) and none found in the text")
    place: PlaceRow = resolve_for_document(lexicons.places, doc.place, doc.text, doc.file)
    commitments, counts = extracted if extracted is not None else extract_rows(doc, lexicons.metrics, lexicons.terms)
    table = commitment_table(commitments) if isinstance(commitments, list) else commitments
    return Storable(doc, place, table, counts)


def _document_row(item: Storable, origin: str, now: dt.datetime) -> dict[str, Any]:
    doc = item.doc
    assert doc.published is not None
    return {
        "sha256": doc.sha256,
        "file": doc.file,
        "place_id": item.place.id,
        "published_on": doc.published.date,
        "date_precision": doc.published.precision,
        "date_basis": doc.published.basis,
        "title": doc.title,
        "doc_type": doc.doc_type,
        "source": doc.source,
        "original_encoding": doc.original_encoding,
        "original_script": doc.original_script,
        "chars": len(doc.text),
        "digits_missing": doc.digits_missing,
        "garbled_chars": doc.garbled_chars,
        "chrome_removed_chars": doc.chrome_removed_chars,
        "origin": origin,
        "ingested_at": now,
    }


def store_documents(conn: Connection, items: list[Storable], origin: str, term_ids: dict[str, int]) -> dict[str, int]:
    """Write several documents and their extractions in the caller's transaction.

    Returns {sha256: new id} for the documents this call stored; one whose text is already stored
    (by an earlier run, or by another writer just now) is left out. A few statements per batch,
    not per row: DuckDB pays for every statement, and ingest writes thousands of rows a document.
    """
    unique: dict[str, Storable] = {}
    for item in items:
        unique.setdefault(item.doc.sha256, item)
    if not unique:
        return {}
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [_document_row(i, origin, now) for i in unique.values()]
    if chunked(conn):
        ids = insert_ignoring_conflicts(conn, models.Document.__table__, rows, key=["sha256"])
        store_texts(conn, [(document_id, unique[sha].doc.raw_pieces, unique[sha].doc.text) for sha, document_id in ids.items()])
    else:  # a revision before 0009 (the seed years): the texts go in the documents rows
        for row in rows:
            del row["chars"]
            row["raw_text"], row["text"] = unique[row["sha256"]].doc.raw_text, unique[row["sha256"]].doc.text
        ids = insert_ignoring_conflicts(conn, whole_documents_table(), rows, key=["sha256"])
    import pyarrow as pa

    tables = []
    count_rows: list[dict[str, Any]] = []
    for sha, document_id in ids.items():
        item = unique[sha]
        tables.append(with_document(item.commitments, document_id, item.place.id))
        count_rows += count_rows_of(document_id, item.doc.text, item.counts, term_ids)
    if tables:
        bulk_insert_arrow(conn, models.Commitment.__table__, pa.concat_tables(tables))
    bulk_insert_rows(conn, models.TermCount.__table__, count_rows)
    return ids


def store_document(
    conn: Connection,
    doc: PreparedDocument,
    lexicons: Lexicons,
    origin: str,
    extracted: tuple[list[Commitment], dict[str, int]] | None = None,
) -> int | None:
    """Store one document and its extractions; None when a document with the same text exists."""
    item = storable(doc, lexicons, extracted)
    return store_documents(conn, [item], origin, lexicons.term_ids).get(doc.sha256)


def with_document(commitments: Any, document_id: int, place_id: int) -> Any:
    """One document's commitments table with the columns only the writer knows: its ids, the version."""
    import pyarrow as pa

    from tracker.extract import EXTRACTOR_VERSION

    # pa.repeat fills an array from one scalar: a tenth of the time of pa.array over a Python list
    # of n copies, which was a second of the writer's time at 10x the corpus.
    n = commitments.num_rows
    return (commitments.append_column("document_id", pa.repeat(pa.scalar(document_id, pa.int64()), n))
            .append_column("place_id", pa.repeat(pa.scalar(place_id, pa.int64()), n))
            .append_column("extractor_version", pa.repeat(pa.scalar(EXTRACTOR_VERSION, pa.string()), n)))


def count_rows_of(document_id: int, text: str, counts: dict[str, int], term_ids: dict[str, int]) -> list[dict[str, Any]]:
    """The term_counts rows of one document (terms the database does not know are left out)."""
    from tracker.extract.rhetoric import rate_per_10k, text_chars

    chars = text_chars(text)
    return [
        {"document_id": document_id, "term_id": term_ids[term], "count": n, "per_10k_chars": rate_per_10k(n, chars)}
        for term, n in counts.items()
        if n and term in term_ids
    ]
