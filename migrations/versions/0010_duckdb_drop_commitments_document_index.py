"""DuckDB only: drop commitments' document_id index; both engines: quote comments name the clean text.

ix_commitments_document_id was the last index on commitments that DuckDB maintained besides the
primary key. Ingest stores commitments in document order, so a document's commitments sit in a
few row groups whose zone maps (min/max document_id) find them without it, as
document_texts' chunks are found (0009). Keeping it up to date was a cost of every ingest batch,
and it grew with the table: replaying the writer's inserts of 10x the corpus took 7.6 CPU-seconds
with it and 7.3 without, of 50x 44.6 and 40.6. PostgreSQL keeps it
(tracker.models.POSTGRES_ONLY_INDEXES), where it serves the foreign key's cascade.

Since 0009 the clean text is not documents.text any more; the comments of commitments.quote and
char_start say where it is (document_texts, or the view documents_with_text).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_commitments_document_id"

# Frozen here: a later change of the models' comments must not rewrite this revision.
COMMENTS = {
    "quote": ("exact text: documents.text[char_start:char_end]",
              "exact text: the clean text[char_start:char_end] (documents_with_text.text)"),
    "char_start": ("offset of the quote in documents.text",
                   "offset of the quote in the document's clean text (document_texts, kind clean)"),
}


def _comment(column: str, text: str) -> None:
    # COMMENT ON is the same statement on both engines (Alembic's alter_column would rebuild
    # the table on DuckDB, which cannot alter an indexed table).
    literal = text.replace("'", "''")
    op.execute(f"COMMENT ON COLUMN commitments.{column} IS '{literal}'")


def upgrade() -> None:
    if op.get_bind().dialect.name == "duckdb":
        op.drop_index(INDEX, table_name="commitments")
    for column, (_before, after) in COMMENTS.items():
        _comment(column, after)


def downgrade() -> None:
    for column, (before, _after) in COMMENTS.items():
        _comment(column, before)
    if op.get_bind().dialect.name == "duckdb":
        op.create_index(INDEX, "commitments", ["document_id"], unique=False)
