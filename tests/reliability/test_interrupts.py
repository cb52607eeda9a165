"""Interruptions: Ctrl-C finishes (or rolls back) the document in flight; SIGKILL loses nothing stored."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.cli_helpers import tracker
from tests.paths import ROOT, SEEDS


@pytest.fixture
def reference_db(tmp_path: Path) -> str:
    db = str(tmp_path / "tracker.duckdb")
    assert tracker("upgrade", "0002", db=db).returncode == 0
    return db


def rows(db: str, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with duckdb.connect(db, read_only=True) as conn:
        return conn.execute(sql).fetchall()


def _wait_for_writes(db: str, process: subprocess.Popen, size: int = 200_000) -> None:  # type: ignore[type-arg]
    """Until documents are being committed: the WAL grows from the first one."""
    wal = Path(db + ".wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > size:
            return
        time.sleep(0.02)


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Still running (a zombie waiting for its reaper counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _synthetic_corpus(folder: Path, count: int) -> None:
    """Distinct documents made of real report paragraphs (one report's, shuffled)."""
    source = (SEEDS / "2024" / "xiamen-2024-work-report.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in source.split("\n") if len(p.strip()) > 80]
    folder.mkdir()
    lines = ["file,place,published,doc_type,title,source"]
    for i in range(count):
        rng = random.Random(i)
        body = "\n".join(rng.sample(paragraphs, 6))
        (folder / f"doc{i:04d}.txt").write_text(f"第{i}号材料\n{body}\n", encoding="utf-8")
        lines.append(f"doc{i:04d}.txt,厦门市,2024,news,材料{i},synthetic")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_killed_ingest_leaves_a_usable_database_and_a_rerun_completes(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    folder = tmp_path / "many"
    total = 600
    _synthetic_corpus(folder, total)
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker.cli", "--db", reference_db, "ingest", str(folder)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    _wait_for_writes(reference_db, process)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    assert workers, "the ingest ran without worker processes"
    # Its worker processes do not outlive it (they once idled on forever, holding their memory).
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]

    stored_after_kill = rows(reference_db, "SELECT COUNT(*) FROM documents")[0][0]
    assert 0 < stored_after_kill < total

    rerun = tracker("ingest", str(folder), db=reference_db)
    assert rerun.returncode == 0, rerun.stderr
    assert f"stored {total - stored_after_kill}, already stored {stored_after_kill}, rejected 0" in rerun.stdout
    assert rows(reference_db, "SELECT COUNT(*), COUNT(DISTINCT file), COUNT(DISTINCT sha256) FROM documents") == [
        (total, total, total)
    ]
    # No commitment rows belong to a document that was rolled back.
    assert rows(reference_db, "SELECT COUNT(*) FROM commitments WHERE document_id NOT IN (SELECT id FROM documents)") == [(0,)]


def test_ctrl_c_finishes_the_current_document_reports_and_exits_130(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    folder = tmp_path / "many"
    total = 600
    _synthetic_corpus(folder, total)
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker.cli", "--db", reference_db, "ingest", str(folder)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    _wait_for_writes(reference_db, process)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "interrupt: finishing the current document" in stderr
    stored = rows(reference_db, "SELECT COUNT(*) FROM documents")[0][0]
    assert 0 < stored < total
    assert f"stored {stored}, already stored 0, rejected 0; interrupted: {total - stored} not processed" in stdout
    assert "Traceback" not in stderr
    # Every stored document is whole: no commitment belongs to a missing document, and a stored
    # document has exactly the commitments extraction gives its file.
    assert rows(reference_db, "SELECT COUNT(*) FROM commitments WHERE document_id NOT IN (SELECT id FROM documents)") == [(0,)]
    for name, stored_count in rows(reference_db, "SELECT d.file, COUNT(c.id) FROM documents d LEFT JOIN commitments c "
                                                 "ON c.document_id = d.id GROUP BY d.file ORDER BY d.file LIMIT 3"):
        extracted = tracker("extract", str(folder / name), "--date", "2024", "--doc-type", "news", "--format", "jsonl")
        assert stored_count == len(extracted.stdout.splitlines()), name
    rerun = tracker("ingest", str(folder), db=reference_db)
    assert rerun.returncode == 0 and f"stored {total - stored}, already stored {stored}" in rerun.stdout
