"""Raw texts as pieces of the clean text: document_texts.clean_from and clean_chars, on both engines.

Cleaning leaves most of a document as it was (it splits off front matter, trims indentation, closes
up blank lines, folds ％ to %), so storing the raw text whole stored most texts twice. From here a
raw text's rows (kind raw, in seq order) are pieces (tracker.corpus.raw_pieces): a row with
clean_from set stands for the same document's clean characters [clean_from, clean_from +
clean_chars), its chunk empty; any other row is the raw characters in its chunk, as before. The
corpus's raw texts take 4% of the characters they did. Rows stored before this revision are
literal pieces already, so they stay as they are; documents stored from now on are stored as pieces.

documents_with_text puts raw texts back together from their pieces.

Downgrade writes every raw text that has references back as chunks of its own characters, and
restores the view and comments of 0009.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

import sqlalchemy as sa
from alembic import op

from tracker.corpus import texts

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here (a later change of the models or of tracker.corpus.texts must not rewrite this revision).
CHUNK_CHARS = 4000
_PAGE = 200  # documents whose raw texts the downgrade writes back per statement
_WRITTEN_BACK = "raw_texts_written_back"
_CHUNK_COMMENTS = (
    "the text's characters [seq * 4000, (seq + 1) * 4000)",
    "clean: the text's characters [seq * 4000, (seq + 1) * 4000); raw: up to 4,000 characters as decoded, "
    "or empty where clean_from is set",
)
_NEW_COLUMNS = (
    ("clean_from", "raw pieces only: this piece is the clean text's characters from here (0-based) ..."),
    ("clean_chars", "... this many of them; NULL: the piece is chunk"),
)

_CLEAN_TEXTS = """
        SELECT document_id, STRING_AGG(chunk, '' ORDER BY seq) AS text
        FROM document_texts WHERE kind = 'clean' GROUP BY document_id"""

# SUBSTR counts characters (code points) on both engines, as Python's offsets do.
DOCUMENTS_WITH_TEXT = f"""
CREATE VIEW documents_with_text AS
    WITH clean AS ({_CLEAN_TEXTS}
    ),
    raw AS (
        SELECT t.document_id,
               STRING_AGG(CASE WHEN t.clean_from IS NULL THEN t.chunk
                               ELSE SUBSTR(clean.text, t.clean_from + 1, t.clean_chars) END,
                          '' ORDER BY t.seq) AS raw_text
        FROM document_texts AS t LEFT JOIN clean ON clean.document_id = t.document_id
        WHERE t.kind = 'raw' GROUP BY t.document_id
    )
    SELECT d.*, raw.raw_text, clean.text
    FROM documents AS d
    LEFT JOIN raw ON raw.document_id = d.id
    LEFT JOIN clean ON clean.document_id = d.id
"""

# 0009's view, restored by the downgrade.
DOCUMENTS_WITH_TEXT_0009 = f"""
CREATE VIEW documents_with_text AS
    SELECT d.*, r.raw_text, c.text
    FROM documents AS d
    LEFT JOIN (
        SELECT document_id, STRING_AGG(chunk, '' ORDER BY seq) AS raw_text
        FROM document_texts WHERE kind = 'raw' GROUP BY document_id
    ) AS r ON r.document_id = d.id
    LEFT JOIN ({_CLEAN_TEXTS}
    ) AS c ON c.document_id = d.id
"""


def _comment(column: str, text: str) -> None:
    # COMMENT ON is the same statement on both engines (see 0010).
    literal = text.replace("'", "''")
    op.execute(f"COMMENT ON COLUMN document_texts.{column} IS '{literal}'")


def upgrade() -> None:
    # Adding a nullable column is allowed on DuckDB's indexed tables (only altering one is not).
    for name, comment in _NEW_COLUMNS:
        op.add_column("document_texts", sa.Column(name, sa.Integer(), nullable=True, comment=comment))
        _comment(name, comment)
    _comment("chunk", _CHUNK_COMMENTS[1])
    op.execute("DROP VIEW documents_with_text")
    op.execute(DOCUMENTS_WITH_TEXT)
    texts.forget_layout(op.get_bind())


def downgrade() -> None:
    conn = op.get_bind()
    # DuckDB refuses to alter a table that the same transaction modified before, so the raw texts
    # are put together into a temporary table first and moved back after the columns are dropped.
    op.execute(f"CREATE TEMPORARY TABLE {_WRITTEN_BACK} (document_id INTEGER, seq INTEGER, chunk TEXT)")
    _write_back_raw_texts(conn)
    op.execute("DROP VIEW documents_with_text")
    for name, _comment_text in _NEW_COLUMNS:
        op.drop_column("document_texts", name)
    op.execute(f"DELETE FROM document_texts WHERE kind = 'raw' AND document_id IN (SELECT document_id FROM {_WRITTEN_BACK})")
    op.execute(f"INSERT INTO document_texts (document_id, kind, seq, chunk) "
               f"SELECT document_id, 'raw', seq, chunk FROM {_WRITTEN_BACK} ORDER BY document_id, seq")
    op.execute(f"DROP TABLE {_WRITTEN_BACK}")
    op.execute(DOCUMENTS_WITH_TEXT_0009)
    _comment("chunk", _CHUNK_COMMENTS[0])
    texts.forget_layout(conn)


def _write_back_raw_texts(conn: sa.Connection) -> None:
    """Every raw text that refers to its clean text, as chunks of its own characters, into _WRITTEN_BACK."""
    t = sa.table("document_texts", sa.column("document_id"), sa.column("kind"), sa.column("seq"),
                 sa.column("chunk"), sa.column("clean_from"), sa.column("clean_chars"))
    out = sa.table(_WRITTEN_BACK, sa.column("document_id"), sa.column("seq"), sa.column("chunk"))
    pieced = (sa.select(t.c.document_id).where(t.c.clean_from.is_not(None)).distinct()
              .order_by(t.c.document_id))
    last = -1
    while ids := conn.execute(pieced.where(t.c.document_id > last).limit(_PAGE)).scalars().all():
        last = ids[-1]
        rows = conn.execute(sa.select(t.c.document_id, t.c.kind, t.c.chunk, t.c.clean_from, t.c.clean_chars)
                            .where(t.c.document_id.in_(ids)).order_by(t.c.document_id, t.c.kind, t.c.seq)).all()
        chunks = []
        for document_id, group in groupby(rows, key=lambda row: row.document_id):
            listed = list(group)
            clean = "".join(r.chunk for r in listed if r.kind == "clean")
            raw = "".join(r.chunk if r.clean_from is None else clean[r.clean_from : r.clean_from + r.clean_chars]
                          for r in listed if r.kind == "raw")
            parts = [raw[i : i + CHUNK_CHARS] for i in range(0, max(len(raw), 1), CHUNK_CHARS)]
            chunks += [{"document_id": document_id, "seq": seq, "chunk": part} for seq, part in enumerate(parts)]
        conn.execute(sa.insert(out), chunks)
