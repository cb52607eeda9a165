"""Documents' texts in chunks: document_texts, documents.chars, and the documents_with_text view.

A whole text in each documents row (raw and clean, 100 KB and more) made DuckDB's ingest writer
rewrite 2,048 documents' texts at every checkpoint of a documents row group and copy each text
into its log on commit. Texts now live in document_texts, CHUNK_CHARS characters a row
(tracker.corpus.texts); documents keeps the metadata and gains chars, the clean text's length,
which the inventory queries read instead of measuring texts.

- document_texts: the texts moved over, chunked in Python the way ingest chunks them, 200
  documents at a time, so neither engine holds every text at once;
- documents loses raw_text and text. PostgreSQL drops the columns; DuckDB cannot alter an indexed
  table, so there documents is rebuilt (its id sequence carries on);
- documents_with_text: documents with both texts put back together, for users' SQL that read
  documents.text.

Downgrade puts the texts back into documents and drops the rest.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tracker.corpus import texts

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PAGE = 200  # documents whose texts are moved per statement
_INDEX = "ix_documents_place_id_published_on"
_TEXTS_INDEX = "ix_document_texts_document_id_kind_seq"

# documents' columns in the order of 0001, the texts left out; chars goes where the texts were.
_BEFORE_TEXTS = ["id", "sha256", "file", "place_id", "published_on", "date_precision", "date_basis", "title",
                 "doc_type", "source", "original_encoding", "original_script"]
_AFTER_TEXTS = ["digits_missing", "garbled_chars", "chrome_removed_chars", "origin", "ingested_at"]

_CHARS_COMMENT = "characters of the clean text (its chunks in document_texts)"

DOCUMENTS_WITH_TEXT = """
CREATE VIEW documents_with_text AS
    SELECT d.*, r.raw_text, c.text
    FROM documents AS d
    LEFT JOIN (
        SELECT document_id, STRING_AGG(chunk, '' ORDER BY seq) AS raw_text
        FROM document_texts WHERE kind = 'raw' GROUP BY document_id
    ) AS r ON r.document_id = d.id
    LEFT JOIN (
        SELECT document_id, STRING_AGG(chunk, '' ORDER BY seq) AS text
        FROM document_texts WHERE kind = 'clean' GROUP BY document_id
    ) AS c ON c.document_id = d.id
"""


def _metadata_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False, comment="sha256 of the clean text: re-ingest is a no-op"),
        sa.Column("file", sa.Text(), nullable=False, comment="source file name as ingested"),
        sa.Column("place_id", sa.Integer(), nullable=False, comment="places.id"),
        sa.Column("published_on", sa.Date(), nullable=False, comment="when the place said it (first day of the known precision)"),
        sa.Column("date_precision", sa.Text(), nullable=False, comment="day | month | year"),
        sa.Column("date_basis", sa.Text(), nullable=False, comment="manifest | text | option: where the date came from"),
        sa.Column("title", sa.Text(), nullable=True, comment="title as given by the manifest or the text"),
        sa.Column("doc_type", sa.Text(), nullable=True, comment="work_report | news | interview | meeting | plan"),
        sa.Column("source", sa.Text(), nullable=True, comment="publisher or address"),
        sa.Column("original_encoding", sa.Text(), nullable=False, comment="encoding the bytes were decoded from"),
        sa.Column("original_script", sa.Text(), nullable=False, comment="traditional | simplified"),
    ]


def _quality_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("digits_missing", sa.Boolean(), nullable=False, comment="the text lost its Arabic digits: no values can be read"),
        sa.Column("garbled_chars", sa.Integer(), nullable=False, comment="characters that look like mis-decoded bytes"),
        sa.Column("chrome_removed_chars", sa.Integer(), nullable=False, comment="characters of web page chrome removed by cleaning"),
        sa.Column("origin", sa.Text(), nullable=False, comment="seeds/<year> for a year revision, else ingest"),
        sa.Column("ingested_at", sa.DateTime(), nullable=False, comment="when it was stored (UTC)"),
    ]


def _rebuild_documents(middle: list[sa.Column], select_middle: str, source: str) -> None:  # type: ignore[type-arg]
    """DuckDB: create documents again with `middle` where the texts go, from `source` (a SELECT)."""
    names = _BEFORE_TEXTS + [c.name for c in middle] + _AFTER_TEXTS
    kept = ", ".join(_BEFORE_TEXTS + [select_middle] + _AFTER_TEXTS)
    op.execute(f"CREATE TEMPORARY TABLE documents_kept AS SELECT {kept} FROM {source}")
    op.drop_index(_INDEX, table_name="documents")
    op.drop_table("documents")  # its id sequence stays, so new ids carry on after the old ones
    op.create_table(
        "documents", *_metadata_columns(), *middle, *_quality_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
    )
    listed = ", ".join(names)
    op.execute(f"INSERT INTO documents ({listed}) SELECT {listed} FROM documents_kept")
    op.execute("DROP TABLE documents_kept")
    op.create_index(_INDEX, "documents", ["place_id", "published_on"], unique=False)


def upgrade() -> None:
    conn = op.get_bind()
    postgres = conn.dialect.name == "postgresql"
    op.create_table(
        "document_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False, comment="documents.id"),
        sa.Column("kind", sa.Text(), nullable=False,
                  comment="raw (as decoded, before cleaning) | clean (Simplified; offsets of commitments point here)"),
        sa.Column("seq", sa.Integer(), nullable=False, comment="the chunk's place in the text, from 0"),
        sa.Column("chunk", sa.Text(), nullable=False, comment="the text's characters [seq * 4000, (seq + 1) * 4000)"),
        *([sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_document_texts_document_id_documents"),
                                   ondelete="CASCADE")] if postgres else []),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_texts")),
    )
    if postgres:
        op.create_index(_TEXTS_INDEX, "document_texts", ["document_id", "kind", "seq"], unique=False)
    whole = sa.table("documents", sa.column("id"), sa.column("raw_text"), sa.column("text"))
    last = -1
    while rows := conn.execute(sa.select(whole.c.id, whole.c.raw_text, whole.c.text)
                               .where(whole.c.id > last).order_by(whole.c.id).limit(_PAGE)).all():
        texts.store_texts(conn, [(int(r.id), [str(r.raw_text)], str(r.text)) for r in rows])  # the raw text as one piece
        last = rows[-1].id
    if postgres:
        op.add_column("documents", sa.Column("chars", sa.Integer(), nullable=True, comment=_CHARS_COMMENT))
        op.execute("UPDATE documents SET chars = LENGTH(text)")
        op.alter_column("documents", "chars", nullable=False, existing_type=sa.Integer(), existing_comment=_CHARS_COMMENT)
        op.drop_column("documents", "raw_text")
        op.drop_column("documents", "text")
    else:
        _rebuild_documents([sa.Column("chars", sa.Integer(), nullable=False, comment=_CHARS_COMMENT)],
                           "LENGTH(text) AS chars", "documents")
    op.execute(DOCUMENTS_WITH_TEXT)
    texts.forget_layout(conn)


def downgrade() -> None:
    conn = op.get_bind()
    op.execute("DROP VIEW documents_with_text")
    texts_by_document = """(
        SELECT r.document_id, r.raw_text, c.text
        FROM (SELECT document_id, STRING_AGG(chunk, '' ORDER BY seq) AS raw_text
              FROM document_texts WHERE kind = 'raw' GROUP BY document_id) AS r
        JOIN (SELECT document_id, STRING_AGG(chunk, '' ORDER BY seq) AS text
              FROM document_texts WHERE kind = 'clean' GROUP BY document_id) AS c ON c.document_id = r.document_id
    ) AS joined"""
    if conn.dialect.name == "postgresql":
        op.add_column("documents", sa.Column("raw_text", sa.Text(), nullable=True, comment="the text as decoded, before cleaning"))
        op.add_column("documents", sa.Column("text", sa.Text(), nullable=True,
                                             comment="clean Simplified text; offsets of commitments point here"))
        op.execute(f"UPDATE documents SET raw_text = joined.raw_text, text = joined.text FROM {texts_by_document} "
                   "WHERE joined.document_id = documents.id")
        for name in ("raw_text", "text"):
            op.alter_column("documents", name, nullable=False, existing_type=sa.Text())
        op.drop_column("documents", "chars")
    else:
        _rebuild_documents(
            [sa.Column("raw_text", sa.Text(), nullable=False, comment="the text as decoded, before cleaning"),
             sa.Column("text", sa.Text(), nullable=False, comment="clean Simplified text; offsets of commitments point here")],
            "raw_text, text", f"documents JOIN {texts_by_document} ON joined.document_id = documents.id")
    op.drop_table("document_texts")
    texts.forget_layout(conn)
