"""Re-clean stored documents: Simplified texts keep the characters they were written in.

The cleaner used to run Traditional→Simplified conversion over every document, and the converter
also rewrites Simplified text (显著 → 显着, 覆盖 → 复盖, 昇腾 → 升腾): 962 characters of the
development corpus were changed that way, in quotes shown to users. Now only Traditional text
is converted. This revision cleans every stored document again from its raw text and re-extracts
those that changed, so a database built before the change holds what a new one would (and a
re-ingest of the same files finds them already stored). Downgrade converts the Simplified texts
again, as the previous cleaner did.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from tracker.corpus.reclean import convert_simplified, reclean

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ingest refuses to write into a database below this revision: its stored texts are still the old
# cleaner's, so a file stored before would not be recognized and would be stored a second time.
REWRITES_DOCUMENTS = True


def upgrade() -> None:
    reclean(op.get_bind())


def downgrade() -> None:
    convert_simplified(op.get_bind())
