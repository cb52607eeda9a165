"""Re-cleaning: bring stored documents' clean text up to the current cleaner, from their raw text.

Every document keeps the text as decoded (raw_text), so a change to cleaning reaches documents stored
before it through a revision, not a re-ingest: a re-ingest would hash the new clean text differently
and store the document a second time. What was extracted from a changed text is extracted again;
corrections are anchored by document, offsets and original metric, so they keep applying as long as
the change keeps lengths (re-cleaning Simplified documents only restores characters, one for one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import select, update

from tracker import models
from tracker.corpus.clean import clean_text, to_simplified
from tracker.corpus.frontmatter import split_front_matter
from tracker.corpus.quality import digits_missing, garbled_chars
from tracker.corpus.texts import CLEAN, RAW, chunked, replace_clean, texts_of

if TYPE_CHECKING:
    from sqlalchemy import Connection

_CHUNK = 200  # documents read at a time: raw and clean text of a large database stay out of memory


class Stored(NamedTuple):
    raw_text: str
    text: str
    original_script: str
    chrome_removed_chars: int


class _Row(NamedTuple):
    id: int
    file: str
    raw_text: str
    text: str
    original_script: str
    chrome_removed_chars: int


def _stored(conn: Connection) -> Iterator[_Row]:
    """Every stored document's id, file, texts and cleaning fields, read a chunk at a time."""
    d = models.Document
    last_id = -1
    while True:
        rows = conn.execute(
            select(d.id, d.file, d.original_script, d.chrome_removed_chars)
            .where(d.id > last_id).order_by(d.id).limit(_CHUNK)
        ).all()
        if not rows:
            return
        last_id = rows[-1].id
        ids = [row.id for row in rows]
        raw, clean = texts_of(conn, ids, RAW), texts_of(conn, ids, CLEAN)
        for row in rows:
            yield _Row(row.id, row.file, raw[row.id], clean[row.id], row.original_script, row.chrome_removed_chars)


def _as_stored(row: _Row) -> Stored:
    return Stored(row.raw_text, row.text, row.original_script, row.chrome_removed_chars)


def _cleaned_again(doc: Stored) -> Stored:
    cleaned = clean_text(split_front_matter(doc.raw_text)[1])
    return doc._replace(text=cleaned.text, original_script=cleaned.original_script,
                        chrome_removed_chars=cleaned.chrome_removed_chars)


def reclean(conn: Connection) -> int:
    """Clean every stored document again from its raw text; returns how many changed (re-extracted)."""
    return rewrite_texts(conn, _cleaned_again)


def first_stale_document(conn: Connection) -> str | None:
    """The file of a stored document whose clean text the current cleaner would change, if any.

    Ingest asks before writing below a re-cleaning revision: a stale text is known by its old hash,
    so the same file ingested now would be stored a second time. Stops at the first one found.
    """
    for row in _stored(conn):
        if _cleaned_again(_as_stored(row)) != _as_stored(row):
            return str(row.file)
    return None


def convert_simplified(conn: Connection) -> int:
    """What the cleaner before re-cleaning stored: t2s over Simplified documents too (显著 → 显着).

    The downgrade of the re-cleaning revision. Converting the clean text gives what converting before
    trimming gave (checked on every corpus document), because t2s changed no length in these texts.
    """
    def converted(doc: Stored) -> Stored:
        return doc if doc.original_script != "simplified" else doc._replace(text=to_simplified(doc.text))

    return rewrite_texts(conn, converted)


def rewrite_texts(conn: Connection, rewrite: Callable[[Stored], Stored]) -> int:
    """Store rewrite(document) for every document, re-extracting those whose text or script changed.

    Changed documents get their hash and quality flags recomputed and their commitments and term
    counts extracted again; returns how many changed. The caller's transaction holds it all, so a
    failure leaves every document as it was.
    """
    from tracker.corpus.reextract import reextract
    from tracker.corpus.store import load_lexicons

    d = models.Document
    changed: list[int] = []
    for row in _stored(conn):
        before = _as_stored(row)
        after = rewrite(before)
        if after == before:
            continue
        # The documents' other columns are the same in both layouts of the texts (tracker.corpus.texts).
        values = {"original_script": after.original_script, "chrome_removed_chars": after.chrome_removed_chars,
                  "sha256": hashlib.sha256(after.text.encode("utf-8")).hexdigest(),
                  "digits_missing": digits_missing(after.text), "garbled_chars": garbled_chars(after.text)}
        if chunked(conn):
            values["chars"] = len(after.text)
        conn.execute(update(d.__table__).where(d.id == row.id).values(**values))
        replace_clean(conn, row.id, row.raw_text, after.text)
        changed.append(row.id)
    if changed:
        reextract(conn, load_lexicons(conn), document_ids=changed)
    return len(changed)
