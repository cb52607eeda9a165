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
from sqlalchemy import Engine, create_engine, func, select, text
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


# A Simplified report in which the old cleaner's Traditional→Simplified pass changed characters:
# t2s turns 显著 into 显着 even in text that is already Simplified.
SIMPLIFIED_REPORT = (
    "2024年政府工作报告\n\n今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，"
    "居民收入显著增长，城镇新增就业显著增加12万人以上。\n"
)


def test_reclean_revision_restores_simplified_text_and_keeps_corrections(any_db: str, workspace):  # type: ignore[no-untyped-def]
    """A database below 0008 holding the old cleaner's text gets the text as written at 0008, and back."""
    from tracker.corpus.prepare import DocumentInfo, prepare_bytes
    from tracker.corpus.reclean import convert_simplified
    from tracker.corpus.store import known_hashes, load_lexicons, store_document
    from tracker.corpus.texts import texts_of
    from tracker.corrections import record_correction
    from tracker.db import downgrade, upgrade

    engine = open_engine(any_db)
    upgrade(engine, workspace, "0007")
    info = DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report")
    doc = prepare_bytes(SIMPLIFIED_REPORT.encode("utf-8"), "report.txt", info)
    assert "显著" in doc.text and "显着" not in doc.text  # today's cleaner keeps Simplified text as written
    with engine.begin() as conn:
        doc_id = store_document(conn, doc, load_lexicons(conn), "ingest")
        assert convert_simplified(conn) == 1  # what the cleaner before 0008 stored
        jobs = conn.execute(select(models.Commitment.id).where(models.Commitment.document_id == doc_id)
                            .where(models.Commitment.quote.contains("就业"))).scalar_one()
        record_correction(conn, jobs, "metric_code", "new_urban_jobs", "subject read 显着 into the name", "test")

    def state():  # type: ignore[no-untyped-def]
        with engine.connect() as conn:
            sha = conn.execute(select(models.Document.sha256).where(models.Document.id == doc_id)).scalar_one()
            stored_text = texts_of(conn, [doc_id])[doc_id]  # below 0009 the texts are in documents
            quotes = conn.execute(select(models.Commitment.quote).where(models.Commitment.document_id == doc_id)
                                  .order_by(models.Commitment.char_start)).scalars().all()
            corrected = conn.execute(text(
                "SELECT metric_code FROM commitments_corrected WHERE document_id = :d AND quote LIKE '%就业%'"
            ), {"d": doc_id}).scalars().all()
            return stored_text, sha, quotes, corrected

    old_text, old_sha, old_quotes, old_corrected = state()
    assert "显着" in old_text and "显著" not in old_text
    assert any("显着" in q for q in old_quotes) and old_corrected == ["new_urban_jobs"]

    upgrade(engine, workspace, "0008")
    new_text, new_sha, new_quotes, new_corrected = state()
    assert new_text == doc.text and new_sha == doc.sha256
    assert [q.replace("显著", "显着") for q in new_quotes] == old_quotes and any("显著" in q for q in new_quotes)
    assert new_corrected == ["new_urban_jobs"]  # anchored by offsets, which the character swap keeps
    with engine.connect() as conn:
        assert doc.sha256 in known_hashes(conn)  # a re-ingest of the same file finds it stored

    downgrade(engine, workspace, "0007")
    assert state() == (old_text, old_sha, old_quotes, ["new_urban_jobs"])
    engine.dispose()


def test_ingest_refuses_a_database_below_the_reclean_revision_holding_stale_texts(tmp_path, workspace):  # type: ignore[no-untyped-def]
    """Below 0008 a text the old cleaner stored is known by its old hash: ingested again, it would be
    stored twice. Ingest says so and stops; after `tracker upgrade` the same file is already stored."""
    from tests.cli_helpers import tracker
    from tracker.corpus.prepare import DocumentInfo, prepare_bytes
    from tracker.corpus.reclean import convert_simplified
    from tracker.corpus.store import load_lexicons, store_document
    from tracker.db import upgrade

    db = str(tmp_path / "old.duckdb")
    report = tmp_path / "report.txt"
    report.write_text(SIMPLIFIED_REPORT, encoding="utf-8")
    args = ("ingest", str(report), "--place", "厦门市", "--date", "2024-01-10")
    other = tmp_path / "other.txt"
    other.write_text(SIMPLIFIED_REPORT.replace("5.5%", "6%"), encoding="utf-8")

    engine = open_engine(db)
    upgrade(engine, workspace, "0007")
    # Below 0008 with only texts the current cleaner would keep (the seeds): writing is fine.
    assert tracker("ingest", str(other), "--place", "厦门市", "--date", "2024-01-10", db=db).returncode == 0
    with engine.begin() as conn:
        doc = prepare_bytes(report.read_bytes(), "report.txt",
                            DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report"))
        store_document(conn, doc, load_lexicons(conn), "ingest")
        convert_simplified(conn)  # as the cleaner before 0008 stored it (the other text too)
    engine.dispose()

    refused = tracker(*args, db=db)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1, refused.stderr
    assert "0008" in refused.stderr and "tracker upgrade" in refused.stderr
    assert "report.txt" in refused.stderr or "other.txt" in refused.stderr  # names a stale document
    assert tracker("upgrade", db=db).returncode == 0
    again = tracker(*args, db=db)
    assert again.returncode == 0, again.stderr
    assert "stored 0, already stored 1" in again.stdout + again.stderr


def test_the_place_metric_period_index_exists_on_postgresql_only(any_db: str, workspace):  # type: ignore[no-untyped-def]
    from sqlalchemy import inspect

    from tracker.db import downgrade, upgrade

    def names() -> set[str]:
        return {ix["name"] for ix in inspect(engine).get_indexes("commitments")}

    engine = open_engine(any_db)
    upgrade(engine, workspace)
    on_postgres = engine.dialect.name == "postgresql"
    assert ("ix_commitments_place_id_metric_code_period" in names()) == on_postgres
    assert ("ix_commitments_document_id" in names()) == on_postgres
    downgrade(engine, workspace, "0006")
    assert {"ix_commitments_place_id_metric_code_period", "ix_commitments_document_id"} <= names()
    engine.dispose()


def test_0010_drops_the_document_index_on_duckdb_only_and_comments_name_the_clean_text(any_db: str, workspace):  # type: ignore[no-untyped-def]
    """Commitments stored under 0009 are found by document after 0010, and again after its downgrade."""
    from sqlalchemy import inspect, text

    from tracker.corpus.prepare import DocumentInfo, prepare_bytes
    from tracker.corpus.store import load_lexicons, store_document
    from tracker.db import downgrade, upgrade

    def state() -> tuple[set[str], dict[str, str | None], list[int]]:
        inspector = inspect(engine)
        indexes = {ix["name"] for ix in inspector.get_indexes("commitments")}
        comments = {c["name"]: c.get("comment") for c in inspector.get_columns("commitments")}
        with engine.connect() as conn:
            found = conn.execute(text("SELECT id FROM commitments WHERE document_id = :d ORDER BY id"), {"d": doc_id})
            return indexes, comments, list(found.scalars())

    engine = open_engine(any_db)
    upgrade(engine, workspace, "0009")
    info = DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report")
    doc = prepare_bytes(SIMPLIFIED_REPORT.encode("utf-8"), "report.txt", info)
    with engine.begin() as conn:
        doc_id = store_document(conn, doc, load_lexicons(conn), "ingest")
    indexes, comments, before = state()
    assert "ix_commitments_document_id" in indexes and before
    assert comments["quote"] == "exact text: documents.text[char_start:char_end]"

    upgrade(engine, workspace, "0010")
    indexes, comments, after = state()
    assert ("ix_commitments_document_id" in indexes) == (engine.dialect.name == "postgresql")
    assert after == before
    assert "documents_with_text" in str(comments["quote"]) and "document_texts" in str(comments["char_start"])

    downgrade(engine, workspace, "0009")
    indexes, comments, again = state()
    assert "ix_commitments_document_id" in indexes and again == before
    assert comments["char_start"] == "offset of the quote in documents.text"
    engine.dispose()


def test_a_downgrade_the_database_refuses_says_so_in_one_line_and_keeps_the_revision(tmp_path, workspace):  # type: ignore[no-untyped-def]
    """0010's downgrade recreates an index whose name a user has taken since: one line, no traceback."""
    from sqlalchemy import text as sql

    from tests.cli_helpers import tracker
    from tracker.db import current_revision, upgrade

    db = str(tmp_path / "taken.duckdb")
    engine = open_engine(db)
    upgrade(engine, workspace, "0010")
    with engine.begin() as conn:
        conn.execute(sql("CREATE INDEX ix_commitments_document_id ON commitments (place_id)"))
    engine.dispose()

    failed = tracker("downgrade", "0009", db=db)
    assert failed.returncode != 0
    assert "Traceback" not in failed.stderr and failed.stderr.count("\n") == 1, failed.stderr
    assert "taken.duckdb" in failed.stderr and "ix_commitments_document_id" in failed.stderr, failed.stderr
    engine = open_engine(db)
    assert current_revision(engine) == "0010"
    engine.dispose()


def test_a_revision_failing_on_a_constraint_says_so_and_keeps_the_previous_revision(tmp_path, workspace):  # type: ignore[no-untyped-def]
    """A stale text and its re-cleaned twin both stored: 0008 cannot give both one hash, and says which."""
    from tests.cli_helpers import tracker
    from tracker.corpus.prepare import DocumentInfo, prepare_bytes
    from tracker.corpus.reclean import convert_simplified
    from tracker.corpus.store import load_lexicons, store_document
    from tracker.db import current_revision, upgrade

    db = str(tmp_path / "twins.duckdb")
    engine = open_engine(db)
    upgrade(engine, workspace, "0007")
    info = DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report")
    doc = prepare_bytes(SIMPLIFIED_REPORT.encode("utf-8"), "report.txt", info)
    with engine.begin() as conn:
        store_document(conn, doc, load_lexicons(conn), "ingest")
        convert_simplified(conn)
        store_document(conn, doc, load_lexicons(conn), "ingest")  # the twin, as written
    engine.dispose()

    failed = tracker("upgrade", db=db)
    assert failed.returncode != 0
    assert "violates unique constraint" in failed.stderr and "damaged" not in failed.stderr, failed.stderr
    assert "Traceback" not in failed.stderr
    engine = open_engine(db)
    assert current_revision(engine) == "0007"
    engine.dispose()


def test_readers_see_the_revision_alembic_sees_without_importing_it(any_db: str, workspace) -> None:  # type: ignore[no-untyped-def]
    """Readers (timeline, query, status) check the schema with a plain read of Alembic's table;
    on both engines it must give what Alembic gives, from no schema up through the revisions."""
    from tracker.db import current_revision, schema_revision, upgrade

    engine = open_engine(any_db)
    try:
        assert schema_revision(engine) is None and current_revision(engine) is None
        for target in ("0001", "0002"):
            upgrade(engine, workspace, target, backup=False)
            assert schema_revision(engine) == current_revision(engine) == target
    finally:
        engine.dispose()


def test_a_reading_command_does_not_import_alembic(seeded_db: str) -> None:
    """~0.1 s of every reading command's start (`tracker timeline` ~2.3 s) went to importing
    Alembic's migration runtime only to read one row."""
    import subprocess
    import sys

    probe = ("import sys\nfrom tracker.cli import main\nsys.argv = ['tracker', '--db', sys.argv[1], 'timeline', "
             "'--place', '厦门市']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('alembic' in sys.modules, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe, seeded_db], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "False", result.stderr
    assert "GDP" in result.stdout


def test_a_reader_on_a_database_without_a_schema_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.cli_helpers import tracker

    result = tracker("timeline", "--place", "厦门市", db=str(tmp_path / "empty.duckdb"))
    assert result.returncode == 2
    assert result.stderr.strip() == "tracker: empty.duckdb has no schema yet; run `tracker upgrade` or `tracker report`"


def test_texts_move_into_chunks_at_0009_and_back_with_ids_and_extractions_kept(any_db: str, workspace):  # type: ignore[no-untyped-def]
    """0009 moves every text out of documents into document_texts, exactly, and its downgrade back."""
    from tracker.corpus.prepare import DocumentInfo, prepare_bytes
    from tracker.corpus.store import load_lexicons, store_document
    from tracker.corpus.texts import CHUNK_CHARS, RAW, texts_of
    from tracker.db import downgrade, upgrade

    engine = open_engine(any_db)
    upgrade(engine, workspace, "0008")
    long_line = "坚持稳中求进工作总基调，𠀀𪚥" * (CHUNK_CHARS // 5)
    report = f"2024年政府工作報告\n\n{long_line}\n地區生產總值增長5.5%左右。\n"
    doc = prepare_bytes(report.encode("utf-8"), "long.txt",
                        DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report"))
    with engine.begin() as conn:
        doc_id = store_document(conn, doc, load_lexicons(conn), "ingest")  # the old layout, texts in documents

    def state():  # type: ignore[no-untyped-def]
        with engine.connect() as conn:
            ids = conn.execute(select(models.Document.id).order_by(models.Document.id)).scalars().all()
            clean, raw = texts_of(conn, ids), texts_of(conn, ids, RAW)
            quotes = conn.execute(select(models.Commitment.document_id, models.Commitment.quote, models.Commitment.char_start)
                                  .order_by(models.Commitment.id)).all()
        return clean, raw, quotes

    before = state()
    assert before[0][doc_id] == doc.text and before[1][doc_id] == doc.raw_text and len(before[0]) == 6
    upgrade(engine, workspace, "0009")
    assert state() == before
    with engine.connect() as conn:
        chars = dict(conn.execute(select(models.Document.id, models.Document.chars)).all())
        chunks = conn.execute(select(func.count()).select_from(models.DocumentText)
                              .where(models.DocumentText.document_id == doc_id)).scalar_one()
    assert chars == {i: len(t) for i, t in before[0].items()}
    assert chunks == -(-len(doc.text) // CHUNK_CHARS) + -(-len(doc.raw_text) // CHUNK_CHARS) > 2
    # New documents take ids after the moved ones (DuckDB's rebuilt table keeps its id sequence).
    other = prepare_bytes(report.replace("5.5%", "6%").encode("utf-8"), "other.txt",
                          DocumentInfo(place="厦门市", published="2024-01-11", doc_type="work_report"))
    with engine.begin() as conn:
        other_id = store_document(conn, other, load_lexicons(conn), "ingest")
    assert other_id is not None and other_id > max(before[0])
    downgrade(engine, workspace, "0008")
    clean, raw, _ = state()
    assert clean == {**before[0], other_id: other.text} and raw == {**before[1], other_id: other.raw_text}
    with engine.connect() as conn:
        assert "document_texts" not in inspect_tables(conn)
    engine.dispose()


def inspect_tables(conn) -> list[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import inspect

    return list(inspect(conn).get_table_names())


def test_0011_keeps_raw_texts_as_pieces_and_its_downgrade_writes_them_back_whole(any_db: str, workspace):  # type: ignore[no-untyped-def]
    """Raw texts stored before 0011 stay as they are; after it as pieces; its downgrade makes every one whole."""
    from sqlalchemy import inspect

    from tracker.corpus.prepare import DocumentInfo, prepare_bytes
    from tracker.corpus.store import load_lexicons, store_document
    from tracker.corpus.texts import RAW, texts_of
    from tracker.db import downgrade, upgrade

    paragraph = "\u3000\u3000坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，𠀀𪚥e\u0301加快构建新发展格局。"
    info = DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report")

    def report(n: int):  # type: ignore[no-untyped-def]
        body = "\n\n".join([paragraph] * 200 + [f"\u3000\u3000地区生产总值增长{n}%左右。"])
        return prepare_bytes(f"---\ntitle: 报告{n}\n---\n\n{body}\n".encode("utf-8"), f"r{n}.txt", info)

    engine = open_engine(any_db)
    upgrade(engine, workspace, "0010")
    docs = {}
    with engine.begin() as conn:
        old = report(5)
        docs[store_document(conn, old, load_lexicons(conn), "ingest")] = old

    def raw_texts() -> tuple[dict[int, str], dict[int, str]]:
        with engine.connect() as conn:
            ids = conn.execute(select(models.Document.id)).scalars().all()
            viewed = dict(conn.execute(text("SELECT id, raw_text FROM documents_with_text")).all())
            return texts_of(conn, ids, RAW), viewed

    def references() -> int:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT COUNT(*) FROM document_texts WHERE clean_from IS NOT NULL")).scalar_one())

    seeds = raw_texts()[0]
    upgrade(engine, workspace, "0011")
    assert raw_texts() == (seeds, seeds) and references() == 0  # rows stored before stay literal
    with engine.begin() as conn:
        new = report(6)
        docs[store_document(conn, new, load_lexicons(conn), "ingest")] = new
    assert references() > 0
    expected = {**seeds, **{i: d.raw_text for i, d in docs.items()}}
    assert raw_texts() == (expected, expected)
    downgrade(engine, workspace, "0010")
    assert raw_texts() == (expected, expected)
    with engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("document_texts")}
    assert "clean_from" not in columns and "clean_chars" not in columns
    upgrade(engine, workspace, "0011")
    assert raw_texts() == (expected, expected) and references() == 0
    engine.dispose()
