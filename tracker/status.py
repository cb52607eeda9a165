"""What a database holds, for `tracker status`: documents per year, commitments per extractor version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import extract, func, select

from tracker import models

if TYPE_CHECKING:
    from sqlalchemy import Connection


def database_status(conn: Connection) -> tuple[list[tuple[int, int]], list[tuple[str, int]]]:
    year = extract("year", models.Document.published_on)
    years = conn.execute(select(year, func.count()).group_by(year).order_by(year)).all()
    versions = conn.execute(
        select(models.Commitment.extractor_version, func.count())
        .group_by(models.Commitment.extractor_version)
        .order_by(models.Commitment.extractor_version)
    ).all()
    return [(int(y), int(n)) for y, n in years], [(str(v), int(n)) for v, n in versions]
