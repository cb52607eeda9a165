"""Shared fixtures: the workspace, real DuckDB files and a real PostgreSQL server.

Migrating a database to head loads ~3,200 places and the seed documents, so one seeded DuckDB file
is built per session and copied for each test that writes to it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.paths import ROOT
from tests.pg import postgres_server
from tracker.workspace import Workspace


@pytest.fixture(scope="session")
def workspace() -> Workspace:
    return Workspace(ROOT)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, workspace: Workspace) -> Path:
    from tracker.db import open_engine, upgrade

    path = tmp_path_factory.mktemp("template") / "seeded.duckdb"
    engine = open_engine(str(path))
    upgrade(engine, workspace, backup=False)
    engine.dispose()
    return path


@pytest.fixture
def seeded_db(tmp_path: Path, seeded_template: Path) -> str:
    """A private copy of a DuckDB file migrated to head (seeds loaded)."""
    target = tmp_path / "tracker.duckdb"
    shutil.copy(seeded_template, target)
    return str(target)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str | None]:
    with postgres_server() as url:
        yield url


@contextmanager
def _pg_database(pg_server: str | None, prefix: str) -> Iterator[str]:
    """A new, empty database on the real server, dropped afterwards; skip (or fail in CI) without one."""
    if pg_server is None:
        if os.environ.get("CI"):
            pytest.fail("CI must provide PostgreSQL: .ci/run exports TRACKER_TEST_PG_URL")
        pytest.skip("no PostgreSQL server: set TRACKER_TEST_PG_URL or install Debian's postgresql (tests start it)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{pg_server.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url(pg_server: str | None) -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the real server, dropped afterwards."""
    with _pg_database(pg_server, "tracker_test") as url:
        yield url


@pytest.fixture(params=["duckdb", "postgres"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each engine: a DuckDB file path or a PostgreSQL URL."""
    if request.param == "duckdb":
        return str(tmp_path / "tracker.duckdb")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, workspace: Workspace) -> Path:
    """A DuckDB file holding the seeds and the whole development corpus (../shared), built once."""
    from tests.paths import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"../shared corpus not found at {CORPUS}: the corpus tests read data kept beside the project")
    from tracker.corpus.ingest import collect_inputs, ingest
    from tracker.corpus.prepare import DocumentInfo
    from tracker.db import open_engine, upgrade

    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    engine = open_engine(str(path))
    upgrade(engine, workspace, backup=False)
    inputs, rejected = collect_inputs([], CORPUS / "manifest.csv", DocumentInfo())
    report = ingest(engine, inputs)
    assert not rejected and not report.rejected, (rejected, report.rejected)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def seeded_pg(pg_server: str | None, workspace: Workspace) -> Iterator[str]:
    """A PostgreSQL database migrated to head (seeds loaded), shared by read-only tests."""
    from tracker.db import open_engine, upgrade

    with _pg_database(pg_server, "tracker_seeded") as url:
        engine = open_engine(url)
        upgrade(engine, workspace, backup=False)
        engine.dispose()
        yield url


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.txt from the current output (for intended changes)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
