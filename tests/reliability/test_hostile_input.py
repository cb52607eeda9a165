"""Hostile input through the real command line: bad manifests, sizes, damaged databases, contention."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.cli_helpers import tracker
from tests.paths import SEEDS

QINGDAO = SEEDS / "2020" / "qingdao-west-coast-2020-07-29-first-half.txt"
REPORT = SEEDS / "2024" / "xiamen-2024-work-report.txt"


@pytest.fixture
def reference_db(tmp_path: Path) -> str:
    db = str(tmp_path / "tracker.duckdb")
    assert tracker("upgrade", "0002", db=db).returncode == 0
    return db


def count(db: str, sql: str = "SELECT COUNT(*) FROM documents") -> int:
    with duckdb.connect(db, read_only=True) as conn:
        return int(conn.execute(sql).fetchone()[0])  # type: ignore[index]


def test_each_bad_manifest_row_is_rejected_with_its_reason(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(QINGDAO.read_bytes())
    (folder / "other.txt").write_bytes(REPORT.read_bytes())
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,place,published,doc_type,title,source,extra\n"
        "good.txt,青岛西海岸新区,2020-07-29,news,t,s,ignored\n"
        "other.txt,亚特兰蒂斯,2024,work_report,,,\n"
        "other.txt,厦门市,2024-13-45,work_report,,,\n"
        "missing.txt,厦门市,2024,news,,,\n"
        "../secret.txt,厦门市,2024,news,,,\n"
        "/etc/passwd,厦门市,2024,news,,,\n"
        "good.txt,厦门市,2024,memo,,,\n",
        encoding="utf-8",
    )
    result = tracker("ingest", "--manifest", str(folder / "manifest.csv"), db=reference_db)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    expected = ["unknown place '亚特兰蒂斯'", "2024-13-45", "missing.txt: file does not exist",
                "../secret.txt: path escapes the manifest's folder", "/etc/passwd: absolute paths are not allowed",
                "unknown doc_type 'memo'"]
    for reason in expected:
        assert any(reason in line for line in lines), (reason, result.stderr)
    assert all(line.startswith(("rejected ", "note: migrations pending")) for line in lines), result.stderr
    assert count(reference_db) == 1  # the valid row was stored


def test_a_manifest_missing_columns_is_rejected_and_other_inputs_still_go_in(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    (tmp_path / "manifest.csv").write_text("file,title\ngood.txt,t\n", encoding="utf-8")
    result = tracker("ingest", "--manifest", str(tmp_path / "manifest.csv"), db=reference_db)
    assert result.returncode in (1, 2)
    assert "lacks column(s) place, published" in result.stderr


def test_a_file_over_the_size_limit_is_rejected_with_its_size(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    big = tmp_path / "big.txt"
    big.write_bytes(REPORT.read_bytes())
    result = tracker("ingest", str(big), "--place", "厦门市", "--max-bytes", "10000", db=reference_db)
    assert result.returncode == 1
    size = big.stat().st_size
    assert f"too large: {size:,} bytes (limit 10,000)" in result.stderr
    assert count(reference_db) == 0


def test_a_file_at_the_size_limit_is_stored_within_the_writers_memory_cap(tmp_path: Path):  # type: ignore[no-untyped-def]
    # Ingest's writer has a small cap (96MB) and checkpoints every 32MB of log, so that its memory does
    # not grow with the corpus (tracker.db.DUCKDB_WRITER_MEMORY_LIMIT). The largest document ingest
    # accepts (20 MiB) goes in one transaction: a report 515 times over, its text and ~11,000
    # commitments, a fifth of the cap in text alone. It must be stored whole.
    from tracker.corpus.prepare import DEFAULT_MAX_BYTES

    report = REPORT.read_bytes()
    copies = DEFAULT_MAX_BYTES // len(report)
    big = tmp_path / "big.txt"
    big.write_bytes(report * copies)
    db = str(tmp_path / "new.duckdb")  # migrated to head by the ingest, seeds and all
    result = tracker("ingest", str(big), "--place", "厦门市", "--date", "2024-01-30", db=db)
    assert result.returncode == 0, result.stderr
    with duckdb.connect(db, read_only=True) as conn:
        raw, commitments = conn.execute(
            "SELECT raw_text, (SELECT COUNT(*) FROM commitments c WHERE c.document_id = d.id) "
            "FROM documents_with_text d WHERE LENGTH(raw_text) > 1000000").fetchall()[0]
    assert raw == big.read_text(encoding="utf-8")
    # every commitment the file yields without a database (repeated statements count once)
    alone = tracker("extract", str(big), "--place", "厦门市", "--date", "2024-01-30", "--format", "jsonl")
    assert alone.returncode == 0, alone.stderr
    assert commitments == len(alone.stdout.splitlines()) > 10_000


def test_a_writer_short_of_memory_says_so_in_one_line_keeps_the_rest_and_a_rerun_completes(tmp_path: Path):  # type: ignore[no-untyped-def]
    # Under a 32MB cap the migrations pass, but the commit of a 20 MiB document cannot pin a block
    # for its checkpoint. DuckDB words that without "Out of Memory"; it must still read as the cap.
    from tracker.corpus.prepare import DEFAULT_MAX_BYTES

    report = REPORT.read_bytes()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-small.txt").write_text(REPORT.read_text(encoding="utf-8")[:5000], encoding="utf-8")  # not a seed's bytes
    (folder / "b-big.txt").write_bytes(report * (DEFAULT_MAX_BYTES // len(report)))
    db = str(tmp_path / "new.duckdb")
    args = ("ingest", str(folder), "--place", "厦门市", "--date", "2024-01-30")
    starved = tracker(*args, db=db, env={"TRACKER_DUCKDB_MEMORY": "32MB"})
    assert starved.returncode == 2
    assert "Traceback" not in starved.stderr
    last = starved.stderr.strip().splitlines()[-1]
    assert "ran out of its memory cap (32MB)" in last and "new.duckdb" in last
    seeds = 5  # committed by the migrations
    # The small one was committed first: a document past the batch's size starts its own batch
    assert count(db) == seeds + 1
    again = tracker(*args, db=db)
    assert again.returncode == 0, again.stderr
    assert count(db) == seeds + 2


@pytest.mark.parametrize("damage", ["truncate", "random", "text"])
def test_a_damaged_database_gives_a_clear_error_and_is_left_untouched(tmp_path: Path, seeded_db: str, damage: str):  # type: ignore[no-untyped-def]
    path = Path(seeded_db)
    if damage == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif damage == "random":
        import random

        path.write_bytes(bytes(random.Random(7).randrange(256) for _ in range(100_000)))
    else:
        path.write_text("not a database\n", encoding="utf-8")
    before = path.read_bytes()
    for args in (["report"], ["status"], ["ingest", str(QINGDAO), "--place", "370211"], ["query", "documents"]):
        result = tracker(*args, db=seeded_db)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert "tracker.duckdb" in result.stderr and ("damaged" in result.stderr or "not a DuckDB" in result.stderr)
    assert path.read_bytes() == before


def test_a_second_writer_hears_locked_within_a_second_and_readers_wait(seeded_db: str):  # type: ignore[no-untyped-def]
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('ok', flush=True); "
         "time.sleep(float(sys.argv[2]))", seeded_db, "1.5"],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
    started = time.monotonic()
    writer = tracker("ingest", str(QINGDAO), "--place", "370211", db=seeded_db)
    writer_seconds = time.monotonic() - started
    reader = tracker("query", "documents", "--format", "csv", db=seeded_db)  # waits for the holder to finish
    holder.wait()
    assert writer.returncode == 2 and "locked by another process" in writer.stderr
    assert writer_seconds < 5  # process start-up included; the lock itself is reported at once
    assert reader.returncode == 0, reader.stderr
    assert reader.stdout.count("\n") == 6


def test_a_locked_database_stops_an_ingest_whose_workers_already_started(tmp_path: Path, seeded_db: str):  # type: ignore[no-untyped-def]
    # With enough inputs the workers start before the database is opened; when it cannot be, they
    # are stopped and the command still ends with the one-line error.
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(20):
        (folder / f"{i:02d}.txt").write_bytes(QINGDAO.read_bytes())
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('ok', flush=True); "
         "time.sleep(30)", seeded_db],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        writer = tracker("ingest", str(folder), "--place", "370211", "--date", "2020-07-29", db=seeded_db,
                         env={"TRACKER_WORKERS": "2"})
    finally:
        holder.kill()
        holder.wait()
    assert writer.returncode == 2
    assert writer.stderr.strip().splitlines() == [writer.stderr.strip().splitlines()[-1]]
    assert "locked by another process" in writer.stderr
    assert count(seeded_db) == 5


def test_running_out_of_memory_is_one_line_and_a_rerun_completes(tmp_path: Path):  # type: ignore[no-untyped-def]
    # DuckDB's out-of-memory arrives as a FatalException wrapped by SQLAlchemy; it once escaped as
    # a traceback. An 8MB cap cannot hold the reference data of a new database.
    db = str(tmp_path / "small.duckdb")
    starved = tracker("upgrade", db=db, env={"TRACKER_DUCKDB_MEMORY": "8MB"})
    assert starved.returncode == 2
    assert "Traceback" not in starved.stderr
    last = starved.stderr.strip().splitlines()[-1]
    assert "ran out of its memory cap (8MB)" in last and "small.duckdb" in last
    assert tracker("upgrade", db=db).returncode == 0
    assert "pending: none" in tracker("status", db=db).stdout
