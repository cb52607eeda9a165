"""Copy a whole corpus between databases (a DuckDB file and a PostgreSQL server, either way).

The target is built to the same head by the migrations and then takes the source's rows with their
ids (so ids printed by one database mean the same row in the other), table by table in dependency
order, in one transaction; sequences are moved past the copied ids. A target that holds data of its
own (ingested documents, corrections) is refused rather than overwritten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, text

from tracker import models
from tracker.db import bulk_insert_frame, current_revision, describe, upgrade
from tracker.errors import UsageError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from tracker.workspace import Workspace

TABLES = [models.Place, models.PlaceAlias, models.Metric, models.MetricAlias, models.Term, models.Document,
          models.DocumentText, models.Commitment, models.Correction, models.TermCount]
BATCH = 20_000
# Rows of texts per batch: each holds up to 4,000 characters, so 20,000 would be ~240 MB at once.
TEXT_BATCH = 1_000


def _own_data(conn: Connection) -> int:
    ingested = conn.execute(select(func.count()).select_from(models.Document)
                            .where(~models.Document.origin.like("seeds/%"))).scalar_one()
    corrected = conn.execute(select(func.count()).select_from(models.Correction)).scalar_one()
    return int(ingested) + int(corrected)


def _advance_sequence(conn: Connection, table: str) -> None:
    top = conn.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")).scalar_one()  # table names are ours
    sequence = f"{table}_id_seq"
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT setval(:seq, :top, :called)"), {"seq": sequence, "top": max(int(top), 1),
                                                                   "called": int(top) > 0})
        return
    # DuckDB cannot restart a sequence: draw from it until it is past the copied ids.
    current = conn.execute(text(f"SELECT nextval('{sequence}')")).scalar_one()
    if current < top:
        conn.execute(text(f"SELECT MAX(nextval('{sequence}')) FROM range({int(top - current)})"))


def copy_database(source: Engine, target: Engine, workspace: Workspace) -> dict[str, int]:
    import pandas as pd

    src_rev = current_revision(source)
    if src_rev is None:
        raise UsageError(f"{describe(str(source.url))} has no schema; nothing to copy")
    if current_revision(target) is None:
        upgrade(target, workspace, src_rev, backup=False)
    if current_revision(target) != src_rev:
        raise UsageError(f"source is at {src_rev}, target at {current_revision(target)}: migrate them to the same revision")
    counts: dict[str, int] = {}
    with source.connect() as src, target.begin() as dst:
        if _own_data(dst):
            raise UsageError(f"{describe(str(target.url))} holds documents or corrections of its own; copy into a new database")
        for model in reversed(TABLES):
            dst.execute(delete(model))
        for model in TABLES:
            table = model.__table__
            columns = [c.name for c in table.columns]
            total = 0
            result = src.execution_options(stream_results=True).execute(select(table).order_by(table.c.id))
            while batch := result.fetchmany(TEXT_BATCH if model is models.DocumentText else BATCH):
                bulk_insert_frame(dst, table, pd.DataFrame(batch, columns=columns))
                total += len(batch)
            counts[table.name] = total
            _advance_sequence(dst, table.name)
    return counts
