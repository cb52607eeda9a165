"""Tables out of the database as csv, jsonl or parquet (DESIGN §4 export rows).

Loading is SQL over the models; writing is pandas/pyarrow. Nothing here renders for the terminal.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy import Connection

FORMATS = ("csv", "json", "jsonl", "parquet")


def load_documents(conn: Connection, document_id: int | None = None) -> pd.DataFrame:
    import pandas as pd
    from sqlalchemy import select

    from tracker import models
    from tracker.corpus.texts import CLEAN, iter_texts

    d, p = models.Document, models.Place
    stmt = (
        select(
            d.id, d.file, p.name_zh.label("place"), p.admin_code, d.published_on.label("published"),
            d.date_precision, d.date_basis, d.doc_type, d.title, d.source, d.original_encoding,
            d.original_script, d.digits_missing, d.garbled_chars, d.chrome_removed_chars,
        )
        .join(p, p.id == d.place_id)
        .order_by(d.id)
    )
    if document_id is not None:
        stmt = stmt.where(d.id == document_id)
    result = conn.execute(stmt)
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    # The clean text, joined from its chunks, where documents.text used to be.
    ids = None if document_id is None else [document_id]
    texts = dict(iter_texts(conn, CLEAN, ids))
    frame.insert(int(frame.columns.get_loc("original_script")) + 1, "text",
                 [texts.get(int(i)) for i in frame["id"]])
    return frame


COMMITMENT_COLUMNS = (
    "id", "document_id", "document", "place", "admin_code", "published", "metric", "subject", "kind",
    "period", "period_start", "period_end", "change", "value", "value_low", "value_high", "stretch",
    "unit", "value_base", "unit_base", "qualifier", "bound", "strength", "strength_word", "relation",
    "note", "quote", "char_start", "char_end", "extractor_version",
)


def load_commitments(conn: Connection, commitment_id: int | None = None) -> pd.DataFrame:
    """Commitments with their document and place (DESIGN §4 export rows), corrections applied.

    Reads the `statements` view (commitments_corrected joined to documents and places), so an
    export shows what a human fixed, as every query does.
    """
    import pandas as pd
    from sqlalchemy import column, select, table

    names = ["id", "document_id", "document", "place", "admin_code", "published", "metric_code", "subject",
             "kind", "period", "period_start", "period_end", "change", "value", "value_low", "value_high",
             "stretch", "unit", "value_base", "unit_base", "qualifier", "bound", "strength", "strength_word",
             "relation", "note", "quote", "char_start", "char_end", "extractor_version", "corrected"]
    statements = table("statements", *(column(n) for n in names))
    stmt = select(*(statements.c[n].label("metric") if n == "metric_code" else statements.c[n] for n in names))
    stmt = stmt.order_by(statements.c.id)
    if commitment_id is not None:
        stmt = stmt.where(statements.c.id == commitment_id)
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def load_term_counts(conn: Connection) -> pd.DataFrame:
    import pandas as pd
    from sqlalchemy import select

    from tracker import models

    t, tc, d, p = models.Term, models.TermCount, models.Document, models.Place
    stmt = (
        select(
            tc.document_id, d.file.label("document"), p.name_zh.label("place"), p.admin_code,
            d.published_on.label("published"), t.term, t.concept, t.category, tc.count, tc.per_10k_chars,
        )
        .join(t, t.id == tc.term_id)
        .join(d, d.id == tc.document_id)
        .join(p, p.id == d.place_id)
        .order_by(tc.document_id, t.term)
    )
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as plain Python values: NaN and NaT become None, numpy scalars become numbers."""
    import math

    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for record in records:
        for key, value in record.items():
            if hasattr(value, "item"):  # numpy scalar
                value = value.item()
            if isinstance(value, float) and math.isnan(value):
                value = None
            record[key] = value
    return records


def export_frame(frame: pd.DataFrame, fmt: str, out: Path | None) -> None:
    """Write a frame in one of FORMATS to a file, or to standard output for the text formats."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object:
            sample = frame[column].dropna()
            if not sample.empty and hasattr(sample.iloc[0], "isoformat"):
                frame[column] = frame[column].map(lambda v: v.isoformat() if v is not None else None)
    if fmt == "parquet":
        if out is None:
            raise UsageError("parquet needs --out FILE")
        frame.to_parquet(out, index=False)
        return
    target = out if out is not None else sys.stdout
    if fmt == "csv":
        frame.to_csv(target, index=False)
    elif fmt == "json":
        frame.to_json(target, orient="records", force_ascii=False, indent=1)
        if out is None:
            print()
    else:
        # One JSON object per line, written here rather than by pandas, which escapes "/" in file
        # names and writes a lone newline for an empty frame.
        lines = "".join(json.dumps(record, ensure_ascii=False, default=str) + "\n" for record in _records(frame))
        if out is not None:
            out.write_text(lines, encoding="utf-8")
        else:
            sys.stdout.write(lines)
