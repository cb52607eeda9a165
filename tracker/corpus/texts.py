"""Documents' texts: stored in chunks of a few thousand characters, read back whole.

Revision 0009 moved the raw and clean texts out of the documents table into document_texts, one row
per CHUNK_CHARS characters. A whole text in a row made DuckDB's ingest writer hold 2,048 documents'
texts at once in every checkpoint of a documents row group, and write each text again into the log
on commit as an overflow string; chunks are ordinary strings in small rows. Replayed at 10x the
corpus, storing the texts took 3.3-3.6 CPU-seconds instead of 4.9-6.0 and peaked at 430-443 MiB
instead of 641-671 (benchmarks/text_storage.py, benchmarks/results.md).

Revision 0011 stores a raw text as pieces (tracker.corpus.raw_pieces): a row is either a
reference to a run of the same document's clean text (clean_from, clean_chars; chunk empty) or up
to CHUNK_CHARS characters of its own. Cleaning leaves most of a text as it was, so the raw texts of
the corpus take 4% of the characters they did, and a raw text never changes without its clean text
being written with it (`replace_clean`), which its references point into.

Everything that reads or writes a text goes through here. Revisions before 0009 (the seed years
0003-0005, the re-cleaning 0008) run the same store and re-clean code against the old layout, where
documents has raw_text and text columns, and revisions 0009-0010 against chunks without pieces, so
each function also knows those layouts (`chunked`, `pieced`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any

from sqlalchemy import column, delete, inspect, select, table

from tracker import models
from tracker.corpus.raw_pieces import Piece, raw_pieces, rebuild

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table
    from sqlalchemy.sql import Select

# Characters per stored chunk. Replayed at 10x the corpus (benchmarks/text_storage.py), storing took
# 2.9-3.5 CPU-seconds for chunks of 2,000-6,000 characters, 4.0 at 1,300 and 6.1 at 1,000 (twice the
# rows), and 6.75 at 20,000, about one row a text, as with whole texts.
CHUNK_CHARS = 4000
RAW, CLEAN = "raw", "clean"
# Document ids per statement when reading chosen documents' texts (an IN list of bound parameters).
_IDS_PER_READ = 500
# The documents table before revision 0009, for the revisions that still run on it.
_WHOLE = table("documents", column("id"), column("raw_text"), column("text"))
_LAYOUT_KEY = "tracker.chunked_texts"
_PIECES_KEY = "tracker.pieced_texts"


def chunked(conn: Connection) -> bool:
    """Whether the database keeps texts in document_texts (revision 0009 on) rather than in documents.

    Remembered per connection; revision 0009 forgets it (`forget_layout`) as it changes the layout.
    """
    known = conn.info.get(_LAYOUT_KEY)
    if known is None:
        known = conn.info[_LAYOUT_KEY] = inspect(conn).has_table(models.DocumentText.__tablename__)
    return bool(known)


def pieced(conn: Connection) -> bool:
    """Whether document_texts keeps raw texts as pieces (revision 0011 on); remembered per connection."""
    known = conn.info.get(_PIECES_KEY)
    if known is None:
        table_name = models.DocumentText.__tablename__
        known = conn.info[_PIECES_KEY] = chunked(conn) and any(
            c["name"] == "clean_from" for c in inspect(conn).get_columns(table_name))
    return bool(known)


def forget_layout(conn: Connection) -> None:
    """Revisions that change where texts are kept call this, so that the next call looks again."""
    conn.info.pop(_LAYOUT_KEY, None)
    conn.info.pop(_PIECES_KEY, None)


def whole_documents_table() -> Table:
    """The documents table as revisions before 0009 have it: no chars, the texts in raw_text and text."""
    from sqlalchemy import Column, MetaData, Table, Text

    kept = [Column(c.name, c.type, primary_key=c.primary_key) for c in models.Document.__table__.columns if c.name != "chars"]
    return Table("documents", MetaData(), *kept, Column("raw_text", Text), Column("text", Text))


def split(text: str) -> list[str]:
    """The text's chunks in order; an empty text is one empty chunk, so every text has a row."""
    return [text[i : i + CHUNK_CHARS] for i in range(0, max(len(text), 1), CHUNK_CHARS)]


def text_table(texts: Iterable[tuple[int, Sequence[Piece], str]], pieces: bool = True) -> Any:
    """The document_texts rows of (document id, raw pieces, clean text) triples, as an Arrow table.

    With ``pieces`` (revision 0011 on) a raw text is stored as its pieces, a literal one cut into
    chunks; without, as chunks of the whole raw text, the layout of revisions 0009-0010.
    """
    import pyarrow as pa

    ids: list[int] = []
    kinds: list[str] = []
    seqs: list[int] = []
    chunks: list[str] = []
    starts: list[int | None] = []
    lengths: list[int | None] = []
    for document_id, raw, clean in texts:
        parts = split(clean)
        ids += [document_id] * len(parts)
        kinds += [CLEAN] * len(parts)
        seqs += range(len(parts))
        chunks += parts
        starts += [None] * len(parts)
        lengths += [None] * len(parts)
        rows = _raw_rows(raw) if pieces else [(part, None, None) for part in split(rebuild(raw, clean))]
        ids += [document_id] * len(rows)
        kinds += [RAW] * len(rows)
        seqs += range(len(rows))
        for chunk, start, length in rows:
            chunks.append(chunk)
            starts.append(start)
            lengths.append(length)
    columns: dict[str, list[Any]] = {"document_id": ids, "kind": kinds, "seq": seqs, "chunk": chunks}
    if pieces:
        columns |= {"clean_from": starts, "clean_chars": lengths}
    return pa.Table.from_pydict(columns, schema=_text_schema(pieces))


def _raw_rows(raw: Sequence[Piece]) -> list[tuple[str, int | None, int | None]]:
    """(chunk, clean_from, clean_chars) of each stored piece; an empty raw text is one empty chunk."""
    rows: list[tuple[str, int | None, int | None]] = []
    for piece in raw:
        if isinstance(piece, str):
            rows += [(part, None, None) for part in split(piece)]
        else:
            rows.append(("", piece[0], piece[1]))
    return rows or [("", None, None)]


def _text_schema(pieces: bool = True) -> Any:
    from tracker.db import arrow_schema

    names = ["document_id", "kind", "seq", "chunk", *(["clean_from", "clean_chars"] if pieces else [])]
    return arrow_schema(models.DocumentText.__table__, names)


def store_texts(conn: Connection, texts: Iterable[tuple[int, Sequence[Piece], str]]) -> None:
    """Write the texts of stored documents: (document id, raw pieces, clean text).

    A raw text given whole is one literal piece, ``[raw]``; tracker.corpus.raw_pieces finds pieces
    that refer to the clean text.
    """
    from tracker.db import bulk_insert_arrow

    bulk_insert_arrow(conn, models.DocumentText.__table__, text_table(texts, pieced(conn)))


def iter_texts(conn: Connection, kind: str = CLEAN, document_ids: Sequence[int] | None = None) -> Iterator[tuple[int, str]]:
    """(document id, whole text) of every document, or of those chosen, in id order.

    Chunks are read in order and joined here: at 100x the corpus that read every clean text in
    5.7 s, against 31.3 s for string_agg(chunk, '' ORDER BY seq) in SQL.
    """
    if not chunked(conn):
        yield from _iter_whole(conn, kind, document_ids)
        return
    t = models.DocumentText
    stmt: Any  # two shapes of row, read by the matching join
    if kind == RAW and pieced(conn):
        # A raw text's references point into its clean text, so both kinds are read together.
        stmt = select(t.document_id, t.kind, t.chunk, t.clean_from, t.clean_chars).order_by(t.document_id, t.kind, t.seq)
        join: Any = _joined_raw
    else:
        stmt = select(t.document_id, t.chunk).where(t.kind == kind).order_by(t.document_id, t.seq)
        join = _joined
    if document_ids is None:
        # Statement options, not Connection.execution_options: that changes the caller's connection for
        # good, and on PostgreSQL its server-side cursors then wrap the caller's UPDATEs.
        yield from join(conn.execute(stmt.execution_options(stream_results=True, yield_per=2000)))
        return
    ids = sorted(set(document_ids))
    for start in range(0, len(ids), _IDS_PER_READ):
        yield from join(conn.execute(stmt.where(t.document_id.in_(ids[start : start + _IDS_PER_READ]))))


def _joined(rows: Iterable[Any]) -> Iterator[tuple[int, str]]:
    for document_id, group in groupby(rows, key=lambda row: row[0]):
        yield int(document_id), "".join(row[1] for row in group)


def _joined_raw(rows: Iterable[Any]) -> Iterator[tuple[int, str]]:
    """Raw texts from rows of both kinds (each kind in seq order), a document at a time."""
    for document_id, group in groupby(rows, key=lambda row: row[0]):
        clean: list[str] = []
        pieces: list[Piece] = []
        for _id, kind, chunk, start, length in group:
            if kind == CLEAN:
                clean.append(chunk)
            elif start is None:
                pieces.append(chunk)
            else:
                pieces.append((int(start), int(length)))
        if pieces:  # a document without raw rows has no raw text (as in the other layouts' reads)
            yield int(document_id), rebuild(pieces, "".join(clean))


def _iter_whole(conn: Connection, kind: str, document_ids: Sequence[int] | None) -> Iterator[tuple[int, str]]:
    text = _WHOLE.c.raw_text if kind == RAW else _WHOLE.c.text
    stmt: Select[Any] = select(_WHOLE.c.id, text).order_by(_WHOLE.c.id)
    if document_ids is not None:
        stmt = stmt.where(_WHOLE.c.id.in_(sorted(set(document_ids))))
    for document_id, value in conn.execute(stmt.execution_options(stream_results=True, yield_per=200)):
        yield int(document_id), str(value)


def texts_of(conn: Connection, document_ids: Sequence[int], kind: str = CLEAN) -> dict[int, str]:
    """The chosen documents' texts by id (a document without one is left out)."""
    return dict(iter_texts(conn, kind, document_ids))


def replace_clean(conn: Connection, document_id: int, raw: str, clean: str) -> None:
    """Store a stored document's new clean text (re-cleaning), and its raw text with it.

    ``raw`` is the document's raw text as stored (read back with texts_of): where raw texts are kept
    as pieces, their references point into the clean text, so they are found again for the new one.
    """
    if not chunked(conn):
        conn.execute(_WHOLE.update().where(_WHOLE.c.id == document_id).values(text=clean))
        return
    t = models.DocumentText
    conn.execute(delete(t).where(t.document_id == document_id))
    store_texts(conn, [(document_id, raw_pieces(raw, clean), clean)])


def delete_texts(conn: Connection, documents: Select[Any]) -> None:
    """Delete the texts of the documents a SELECT of ids names (before deleting those documents)."""
    if chunked(conn):
        t = models.DocumentText
        conn.execute(delete(t).where(t.document_id.in_(documents)))
