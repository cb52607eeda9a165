"""Human corrections to extracted commitments: recorded once, applied on every read.

A correction names one field of one commitment and its new value. It is stored with the
commitment's provenance (document, offsets, original metric) as its anchor, not only its id, so
re-extraction — which replaces commitment rows — keeps it; the commitments_corrected view applies
the latest correction of each field.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select

from tracker import models
from tracker.errors import UsageError

if TYPE_CHECKING:
    from sqlalchemy import Connection

NUMERIC_FIELDS = ("value", "value_low", "value_high", "stretch", "value_base")
CHOICES = {
    "kind": ("target", "actual"),
    "change": ("growth", "level", "share", "points"),
    "bound": ("approx", "min", "max", "exact", "range"),
    "strength": ("binding", "aspirational", "estimate", "plain"),
    "note": ("estimate", "preliminary"),
}
TEXT_FIELDS = ("metric_code", "subject", "kind", "period", "change", "unit", "unit_base", "qualifier",
               "bound", "strength", "strength_word", "relation", "note")
FIELDS = NUMERIC_FIELDS + TEXT_FIELDS


def _normalized(field: str, value: str | None) -> str | None:
    if value is None or value.lower() in ("null", "none", ""):
        return None
    if field in NUMERIC_FIELDS:
        try:
            return repr(float(value))
        except ValueError as exc:
            raise UsageError(f"{field} takes a number, not {value!r}") from exc
    if field in CHOICES and value not in CHOICES[field]:
        raise UsageError(f"{field} must be one of {', '.join(CHOICES[field])}")
    return value


def record_correction(conn: Connection, commitment_id: int, field: str, value: str | None,
                      note: str | None, author: str | None) -> int:
    """Store a correction and return its id; the old value is read through earlier corrections."""
    if field not in FIELDS:
        raise UsageError(f"cannot correct {field!r}; fields: {', '.join(FIELDS)}")
    if field == "metric_code" and value not in (None, "", "null", "none"):
        known = conn.execute(select(models.Metric.code).where(models.Metric.code == value)).first()
        if known is None:
            raise UsageError(f"unknown metric {value!r}")
    new_value = _normalized(field, value)
    table = models.Commitment.__table__
    row = conn.execute(select(table).where(table.c.id == commitment_id)).first()
    if row is None:
        raise UsageError(f"no commitment with id {commitment_id}")
    from sqlalchemy import text

    current = conn.execute(
        text(f"SELECT {field} FROM commitments_corrected WHERE id = :id"), {"id": commitment_id}  # field is checked against FIELDS
    ).scalar_one()
    result = conn.execute(
        models.Correction.__table__.insert().values(
            commitment_id=commitment_id,
            document_id=row.document_id,
            char_start=row.char_start,
            char_end=row.char_end,
            metric_code=row.metric_code,
            field=field,
            old_value=None if current is None else str(current),
            new_value=new_value,
            note=note,
            author=author,
            created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        ).returning(models.Correction.__table__.c.id)
    )
    return int(result.scalar_one())
