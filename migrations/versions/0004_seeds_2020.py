"""Seed documents of 2020: ingest seeds/2020/ (manifest.csv) through the ingest code.

Downgrade removes exactly the documents this revision stored, with what was extracted from them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from tracker import seeds

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

YEAR = 2020
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def upgrade() -> None:
    seeds.ingest_year(op.get_bind(), SEEDS, YEAR)


def downgrade() -> None:
    seeds.remove_year(op.get_bind(), YEAR)
