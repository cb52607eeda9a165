"""Year revisions: seeds/<year>/ in, and exactly those documents out again.

A year of documents arrives the way a schema change does, as a reviewed Alembic revision, so every
database built from the repository holds the same corpus. The revision ingests through the same
code as `tracker ingest` (prepare + store_document) inside the migration's transaction, and marks
what it stored with origin "seeds/<year>" so its downgrade removes exactly those documents and what
was extracted from them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from tracker import models
from tracker.corpus.manifest import read_manifest
from tracker.corpus.prepare import prepare_file
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from sqlalchemy import Connection


def origin_of(year: int) -> str:
    return f"seeds/{year}"


def ingest_year(conn: Connection, seeds_dir: Path, year: int) -> int:
    """Store every document of seeds/<year>/manifest.csv; any rejected row fails the revision."""
    from tracker.corpus.store import load_lexicons, store_document

    manifest = read_manifest(seeds_dir / str(year) / "manifest.csv")
    problems = [str(r) for r in manifest.rejected]
    lexicons = load_lexicons(conn)
    stored = 0
    for entry in manifest.entries:
        try:
            doc = prepare_file(entry.path, entry.info, name=f"{year}/{entry.name}")
            if store_document(conn, doc, lexicons, origin_of(year)) is not None:
                stored += 1
        except TrackerError as exc:
            problems.append(str(exc))
    if problems:
        raise TrackerError(f"seeds/{year} cannot be loaded: " + "; ".join(problems))
    return stored


def remove_year(conn: Connection, year: int) -> None:
    """Delete the documents a year revision stored, with their commitments, counts and corrections."""
    from tracker.corpus.texts import delete_texts

    docs = select(models.Document.id).where(models.Document.origin == origin_of(year))
    for table in (models.TermCount, models.Commitment, models.Correction):
        conn.execute(delete(table).where(table.document_id.in_(docs)))
    delete_texts(conn, docs)
    conn.execute(delete(models.Document).where(models.Document.origin == origin_of(year)))
