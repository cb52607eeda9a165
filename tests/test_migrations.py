"""Migrations on real engines: one head, upgrade, up/down round trip, model matches database.

pytest-alembic's built-in tests are imported here (its own collection path crashes under newer
pytest, DESIGN §5) and run against a DuckDB file and the PostgreSQL server alike.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_alembic.tests import (  # noqa: F401  (collected as tests of this module)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.pool import NullPool

from tests.paths import ROOT
from tracker import models
from tracker.db import open_engine, resolve_db


@pytest.fixture
def alembic_config():  # type: ignore[no-untyped-def]
    from pytest_alembic.config import Config

    return Config(config_options={"file": str(ROOT / "alembic.ini"), "script_location": str(ROOT / "migrations")})


@pytest.fixture
def alembic_engine(any_db: str) -> Iterator[Engine]:
    engine = create_engine(resolve_db(any_db), poolclass=NullPool)
    yield engine
    engine.dispose()


def test_round_trip_head_base_head_keeps_the_seeds(any_db: str, workspace):  # type: ignore[no-untyped-def]
    from tracker.db import current_revision, downgrade, head_revision, upgrade

    engine = open_engine(any_db)
    upgrade(engine, workspace)
    with engine.connect() as conn:
        before = conn.execute(select(models.Document.sha256).order_by(models.Document.sha256)).scalars().all()
        places = conn.execute(select(func.count()).select_from(models.Place)).scalar_one()
    assert len(before) == 5 and places > 3000
    downgrade(engine, workspace, "base")
    assert current_revision(engine) is None
    upgrade(engine, workspace)
    assert current_revision(engine) == head_revision(workspace)
    with engine.connect() as conn:
        after = conn.execute(select(models.Document.sha256).order_by(models.Document.sha256)).scalars().all()
    assert after == before
    engine.dispose()


def test_year_downgrade_removes_exactly_that_year(any_db: str, workspace):  # type: ignore[no-untyped-def]
    from tracker.db import downgrade, upgrade

    engine = open_engine(any_db)
    upgrade(engine, workspace)
    with engine.connect() as conn:
        origins = dict(conn.execute(select(models.Document.origin, func.count()).group_by(models.Document.origin)).all())
    assert origins == {"seeds/2019": 1, "seeds/2020": 3, "seeds/2024": 1}
    downgrade(engine, workspace, "0004")  # below the 2024 year revision
    with engine.connect() as conn:
        origins = dict(conn.execute(select(models.Document.origin, func.count()).group_by(models.Document.origin)).all())
        orphans = conn.execute(
            select(func.count()).select_from(models.Commitment)
            .where(~models.Commitment.document_id.in_(select(models.Document.id)))
        ).scalar_one()
    assert origins == {"seeds/2019": 1, "seeds/2020": 3}
    assert orphans == 0
    engine.dispose()
