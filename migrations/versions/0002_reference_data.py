"""Reference data: places (GB/T 2260), metrics with synonyms, the rhetoric lexicon.

Loads seeds/reference/places.csv, metrics.csv and terms.csv. Later additions (a new term, a metric
synonym) arrive as their own revisions calling the same tracker.reference functions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from tracker import reference

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFERENCE = Path(__file__).resolve().parents[2] / "seeds" / "reference"


def upgrade() -> None:
    conn = op.get_bind()
    reference.load_places(conn, REFERENCE / "places.csv")
    reference.load_metrics(conn, REFERENCE / "metrics.csv")
    reference.load_terms(conn, REFERENCE / "terms.csv")


def downgrade() -> None:
    reference.remove_all(op.get_bind())
