"""DuckDB only: drop the (place_id, metric_code, period) index of commitments; PostgreSQL keeps it.

DuckDB's queries here (views with window functions over all statements) scan the table and did not
get faster with the index (timeline and report timed with and without it on the corpus), while
keeping it up to date made deleting commitments slow: committing a re-extraction of the corpus took
8.8 s with it and 0.7 s without. The model declares it for PostgreSQL only
(tracker.models.POSTGRES_ONLY_INDEXES), whose planner does use it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_commitments_place_id_metric_code_period"


def upgrade() -> None:
    if op.get_bind().dialect.name == "duckdb":
        op.drop_index(INDEX, table_name="commitments")


def downgrade() -> None:
    if op.get_bind().dialect.name == "duckdb":
        op.create_index(INDEX, "commitments", ["place_id", "metric_code", "period"], unique=False)
