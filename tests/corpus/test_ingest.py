"""Ingest on a real DuckDB file through the real command line: encodings, bad files, re-runs, kills."""

from __future__ import annotations

import json
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
from tracker.corpus.clean import clean_text, strip_pinyin

WENZHOU = SEEDS / "2019" / "wenzhou-2019-industry-kaimenhong.txt"
MIDYEAR = SEEDS / "2020" / "xiamen-2020-07-27-midyear-review.txt"
QINGDAO = SEEDS / "2020" / "qingdao-west-coast-2020-07-29-first-half.txt"
REPORT = SEEDS / "2024" / "xiamen-2024-work-report.txt"


@pytest.fixture
def reference_db(tmp_path: Path) -> str:
    """A DuckDB file with schema and reference data but no seed documents (revision 0002)."""
    db = str(tmp_path / "tracker.duckdb")
    result = tracker("upgrade", "0002", db=db)
    assert result.returncode == 0, result.stderr
    return db


def rows(db: str, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with duckdb.connect(db, read_only=True) as conn:
        return conn.execute(sql).fetchall()


def test_reencoded_seeds_are_stored_and_bad_files_named(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    folder = tmp_path / "incoming"
    folder.mkdir()
    originals = {
        "qingdao-gbk.txt": (QINGDAO, "gbk", "青岛西海岸新区", "2020-07-29"),
        "wenzhou-big5.txt": (WENZHOU, "big5", "溫州", "2019"),
        "report-utf16.txt": (REPORT, "utf-16", "350200", "2024"),
        "midyear-bom.txt": (MIDYEAR, "utf-8-sig", "廈門市", "2020"),
    }
    lines = ["file,place,published,doc_type,title,source"]
    for name, (path, encoding, place, published) in originals.items():
        text = path.read_text(encoding="utf-8")
        if encoding == "big5":
            text = strip_pinyin(text)  # Big5 has no pinyin tone letters
        (folder / name).write_bytes(text.encode(encoding))
        lines.append(f"{name},{place},{published},news,,")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(random.Random(1).randrange(256) for _ in range(4096)))
    (folder / "nul.txt").write_bytes(b"\x00" * 1024)
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    first = tracker("ingest", str(folder), db=reference_db)
    assert first.returncode == 1, first.stderr
    stderr = first.stderr.splitlines()
    assert any("empty.txt" in line and "empty file" in line for line in stderr), first.stderr
    assert any("binary.bin" in line and "binary" in line for line in stderr), first.stderr
    assert any("nul.txt" in line and "NUL" in line for line in stderr), first.stderr
    assert "stored 4, already stored 0, rejected 3" in first.stdout

    stored = {f: (enc, text) for f, enc, text in rows(reference_db, "SELECT file, original_encoding, text FROM documents")}
    assert stored["qingdao-gbk.txt"][0] == "gb18030"
    assert stored["wenzhou-big5.txt"][0] == "big5"
    assert stored["report-utf16.txt"][0] == "utf-16"
    assert stored["midyear-bom.txt"][0] == "utf-8-sig"
    for name, (path, _encoding, _place, _published) in originals.items():
        assert stored[name][1] == clean_text(path.read_text(encoding="utf-8")).text, name

    again = tracker("ingest", str(folder), db=reference_db)
    assert again.returncode == 1
    assert "stored 0, already stored 4, rejected 3" in again.stdout
    assert rows(reference_db, "SELECT COUNT(*) FROM documents") == [(4,)]


def test_unknown_and_ambiguous_places_are_rejected(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    doc = tmp_path / "a.txt"
    doc.write_text(QINGDAO.read_text(encoding="utf-8"), encoding="utf-8")
    unknown = tracker("ingest", str(doc), "--place", "亚特兰蒂斯", "--date", "2020", db=reference_db)
    assert unknown.returncode == 1
    assert "a.txt: unknown place '亚特兰蒂斯'" in unknown.stderr
    ambiguous = tracker("ingest", str(doc), "--place", "朝阳区", "--date", "2020", db=reference_db)
    assert ambiguous.returncode == 1
    assert "ambiguous" in ambiguous.stderr and "110105" in ambiguous.stderr
    assert rows(reference_db, "SELECT COUNT(*) FROM documents") == [(0,)]


def test_place_found_in_the_text_head_when_none_given(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    doc = tmp_path / "report.txt"
    doc.write_bytes(REPORT.read_bytes())
    result = tracker("ingest", str(doc), "--doc-type", "work_report", db=reference_db)
    assert result.returncode == 0, result.stderr
    assert rows(reference_db, "SELECT p.admin_code, d.published_on::VARCHAR, d.date_basis FROM documents d JOIN places p ON p.id = d.place_id") == [
        ("350200", "2024-01-11", "text")
    ]


def test_a_locked_database_gives_one_line_and_exit_2(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)", reference_db],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        result = tracker("ingest", str(QINGDAO), "--place", "青岛西海岸新区", db=reference_db)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "tracker.duckdb is locked by another process" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_and_show_documents(seeded_db: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    result = tracker("export", "documents", "--format", "jsonl", db=seeded_db)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5
    expected = {"id", "file", "place", "admin_code", "published", "doc_type", "title", "source",
                "original_encoding", "original_script", "text", "digits_missing", "garbled_chars", "chrome_removed_chars"}
    assert expected <= set(records[0])
    by_file = {r["file"]: r for r in records}
    report = by_file["2024/xiamen-2024-work-report.txt"]
    assert (report["place"], report["admin_code"], report["published"]) == ("厦门市", "350200", "2024-01-11")
    west = by_file["2020/qingdao-west-coast-2020-07-29-first-half.txt"]
    assert (west["place"], west["admin_code"]) == ("青岛西海岸新区", "370211")
    assert by_file["2020/xiamen-2020-09-03-interview-liuwen-liubao.txt"]["digits_missing"] is True

    out = tmp_path / "docs.parquet"
    assert tracker("export", "documents", "--format", "parquet", "--out", str(out), db=seeded_db).returncode == 0
    import pandas as pd

    assert len(pd.read_parquet(out)) == 5

    shown = tracker("show", "document", str(report["id"]), db=seeded_db)
    assert shown.returncode == 0, shown.stderr
    assert "厦门市 (350200)" in shown.stdout and "地区生产总值增长5.5%左右" in shown.stdout
    missing = tracker("show", "document", "999", db=seeded_db)
    assert missing.returncode == 2 and "no document with id 999" in missing.stderr


def test_help_does_not_import_the_heavy_libraries():  # type: ignore[no-untyped-def]
    probe = "import sys, tracker.cli; print(sorted(m for m in ('sqlalchemy','pandas','duckdb','alembic','opencc_pyo3') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stdout
    assert tracker("--help").returncode == 0


def test_report_on_a_fresh_database_lists_the_five_seeds(tmp_path: Path):  # type: ignore[no-untyped-def]
    result = tracker("report", "--width", "100", db=str(tmp_path / "new.duckdb"))
    assert result.returncode == 0, result.stderr
    for expected in ("厦门市", "温州市", "青岛西海岸新区", "2024-01-11", "2020-09-03", "2020-07-29", "digits missing"):
        assert expected in result.stdout, expected


def test_many_files_into_a_new_database_use_workers_without_hanging(tmp_path: Path):  # type: ignore[no-untyped-def]
    # A new database is built first (the seed years run OpenCC in this process); worker processes
    # must not inherit that state (a forked child deadlocked in OpenCC here).
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(24):
        (folder / f"d{i:02d}.txt").write_text(f"厦门市第{i}号材料\n今年全市地区生产总值增长{i + 1}%左右。\n", encoding="utf-8")
    result = tracker("ingest", str(folder), "--place", "厦门市", "--date", "2024-05-01", db=str(tmp_path / "new.duckdb"),
                     timeout=120)
    assert result.returncode == 0, result.stderr
    assert "stored 24, already stored 0, rejected 0" in result.stdout


def test_a_bad_file_among_many_is_rejected_by_a_worker_and_the_rest_stored(tmp_path: Path):  # type: ignore[no-untyped-def]
    # Enough files for worker processes; the rejection travels back from a worker to the writer
    # (it once failed to unpickle there and the whole run died with BrokenProcessPool).
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(20):
        (folder / f"d{i:02d}.txt").write_text(f"厦门市第{i}号材料\n今年全市地区生产总值增长{i + 1}%左右。\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 100)
    result = tracker("ingest", str(folder), "--place", "厦门市", "--date", "2024-05-01", db=str(tmp_path / "new.duckdb"),
                     timeout=120)
    assert result.returncode == 1, result.stderr
    assert "stored 20, already stored 0, rejected 1" in result.stdout
    assert "rejected bad.txt: binary content (NUL bytes)" in result.stderr
    assert "Traceback" not in result.stderr


def test_ingest_writes_small_row_groups_and_the_file_opens_plainly(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    # Ingest appends through an in-memory DuckDB that ATTACHes the file with a small ROW_GROUP_SIZE
    # (tracker.db.bulk_writer), so each checkpoint rewrites at most one small group of rows instead
    # of every document stored so far. 24 files of two commitments a line: a little more than one group.
    from tracker.db import DUCKDB_WRITER_ROW_GROUP_SIZE as size

    lines_per_file = -(-(size + size // 20) // 48)
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(24):
        lines = [f"第{k}项：全市地区生产总值增长{k % 9 + 1}.{k % 10}%左右，城镇新增就业{k + 10 + i}万人。"
                 for k in range(lines_per_file)]
        (folder / f"d{i:02d}.txt").write_text("厦门市政府工作报告\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result = tracker("ingest", str(folder), "--place", "厦门市", "--date", "2024-01-10", db=reference_db, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "stored 24, already stored 0, rejected 0" in result.stdout
    # The plain driver (as the duckdb CLI would) reads what the attached catalog wrote.
    (stored,) = rows(reference_db, "SELECT COUNT(*) FROM commitments")[0]
    assert stored == 24 * 2 * lines_per_file > size
    groups = rows(reference_db, "SELECT row_group_id, MAX(\"count\") FROM pragma_storage_info('commitments') "
                                "WHERE segment_type <> 'VALIDITY' GROUP BY ALL ORDER BY 1")
    assert len(groups) == 2 and all(rows_in_group <= size for _, rows_in_group in groups)
    assert rows(reference_db, "SELECT COUNT(DISTINCT id), MIN(id), MAX(id) FROM commitments") == [(stored, 1, stored)]
    # Written again, nothing is stored twice (the sha256 check runs in the attached catalog too).
    again = tracker("ingest", str(folder), "--place", "厦门市", "--date", "2024-01-10", db=reference_db, timeout=120)
    assert "stored 0, already stored 24, rejected 0" in again.stdout


def test_ingest_stores_strings_without_fsst(tmp_path: Path, reference_db: str):  # type: ignore[no-untyped-def]
    # FSST trains a symbol table for every column segment it tries, and ingest writes segments of
    # 2,048 rows: leaving it out (DUCKDB_WRITER_DISABLED_COMPRESSION) cut a third of the time spent
    # storing commitments, at the same file size. On these subjects and quotes (distinct, built of
    # a few recurring words) DuckDB otherwise chooses FSST.
    rng = random.Random(7)
    words = ["科技创新", "乡村振兴", "城市更新", "数字经济", "海洋经济", "先进制造业", "现代服务业", "绿色低碳",
             "营商环境", "对外开放", "民生保障", "生态环境"]
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(24):
        lines = [f"{''.join(rng.sample(words, 3))}产业增加值增长{k % 9 + 1}.{k % 10}%左右，城镇新增就业{k + 10 + i}万人。"
                 for k in range(60)]
        (folder / f"d{i:02d}.txt").write_text("厦门市政府工作报告\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result = tracker("ingest", str(folder), "--place", "厦门市", "--date", "2024-01-10", db=reference_db, timeout=120)
    assert result.returncode == 0, result.stderr
    compressions = dict(rows(reference_db, "SELECT compression, COUNT(*) FROM pragma_storage_info('commitments') "
                                           "WHERE segment_type = 'VARCHAR' GROUP BY ALL"))
    assert "FSST" not in compressions
    assert compressions.get("Dictionary", 0) > 0
    assert rows(reference_db, "SELECT COUNT(*) FROM commitments") == [(24 * 60 * 2,)]  # two values a line


def test_the_bulk_writer_stores_on_one_duckdb_thread(reference_db: str):  # type: ignore[no-untyped-def]
    # Batches of a few thousand rows are too small to share out, and ingest's workers have the
    # other cores: one thread stored 10x the corpus with a third less CPU (DUCKDB_WRITER_THREADS).
    from sqlalchemy import text

    from tracker.db import bulk_writer, connection, open_engine

    with connection(bulk_writer(open_engine(reference_db))) as conn:
        settings = conn.execute(text("SELECT current_setting('threads'), current_setting('disabled_compression_methods')"))
        assert settings.one() == (1, "FSST")


def test_the_bulk_writer_has_its_own_memory_cap_unless_one_is_given(reference_db: str, monkeypatch):  # type: ignore[no-untyped-def]
    # What the writer appended stays in DuckDB's memory until a checkpoint, and what it wrote stays
    # cached up to its cap; neither is read again, so the writer's cap (96MB) and checkpoint threshold
    # (32MB) are small, and the peak of an ingest no longer grows with the corpus
    # (DUCKDB_WRITER_MEMORY_LIMIT). Other connections keep 512MB and 128MB; TRACKER_DUCKDB_MEMORY
    # sets both caps (the out-of-memory error tells users to raise it), not the thresholds.
    from sqlalchemy import text

    from tracker.db import bulk_writer, connection, open_engine

    def settings() -> tuple[tuple[str, str], tuple[str, str]]:
        engine = open_engine(reference_db)
        query = text("SELECT current_setting('memory_limit'), current_setting('checkpoint_threshold')")
        with connection(bulk_writer(engine)) as writer:
            written = tuple(writer.execute(query).one())
        with connection(engine) as reader:
            read = tuple(reader.execute(query).one())
        return written, read  # type: ignore[return-value]

    monkeypatch.delenv("TRACKER_DUCKDB_MEMORY", raising=False)
    # 96MB, 32MB, 512MB and 128MB, as DuckDB reports them
    assert settings() == (("91.5 MiB", "30.5 MiB"), ("488.2 MiB", "122.0 MiB"))
    monkeypatch.setenv("TRACKER_DUCKDB_MEMORY", "1GB")
    assert settings() == (("953.6 MiB", "30.5 MiB"), ("953.6 MiB", "122.0 MiB"))


def test_the_bulk_writer_names_the_file_when_it_is_locked(reference_db: str):  # type: ignore[no-untyped-def]
    # Its connections belong to an in-memory database; a failure must still name the user's file.
    from tracker.db import bulk_writer, connection, open_engine
    from tracker.errors import DatabaseError

    engine = open_engine(reference_db)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)", reference_db],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(DatabaseError, match=r"^tracker\.duckdb is locked by another process \(PID \d+\)"):
            with connection(bulk_writer(engine)):
                pass
    finally:
        holder.kill()
        holder.wait()


def _hundred_inputs(tmp_path: Path) -> list:  # type: ignore[type-arg]
    from tracker.corpus.ingest import collect_inputs
    from tracker.corpus.prepare import DocumentInfo

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(100):
        (folder / f"d{i:03d}.txt").write_text(
            f"厦门市第{i}号材料\n今年全市地区生产总值增长{i % 9 + 1}.5%左右，城镇新增就业{i + 10}万人。\n", encoding="utf-8")
    inputs, rejected = collect_inputs([folder], None, DocumentInfo(place="厦门市", published="2024-05-01"))
    assert len(inputs) == 100 and not rejected
    return inputs


def test_the_writer_reopens_its_connection_every_so_many_documents_and_stores_the_same(tmp_path: Path):  # type: ignore[no-untyped-def]
    # DuckDB's cache during a long ingest grew with the file (1,331 MiB at 100x the corpus against
    # 898 at 10x), so the writer closes its connection, checkpointing and detaching the file, and
    # opens a new one every REOPEN_AFTER_DOCUMENTS documents. Here every batch of 32: the rows
    # stored must be those of an ingest that never reopens, ids and all.
    from sqlalchemy import Engine, event

    from tracker.corpus.ingest import ingest
    from tracker.db import open_engine

    inputs = _hundred_inputs(tmp_path)
    dbs = {}
    for name, reopen_after in (("reopened", 32), ("once", 1_000_000)):
        assert tracker("upgrade", "0002", db=str(tmp_path / f"{name}.duckdb")).returncode == 0
        engine = open_engine(str(tmp_path / f"{name}.duckdb"))
        connects: list[object] = []

        def count(dbapi_connection: object, _record: object) -> None:
            connects.append(dbapi_connection)

        event.listen(Engine, "connect", count)
        try:
            report = ingest(engine, inputs, reopen_after=reopen_after)
        finally:
            event.remove(Engine, "connect", count)
            engine.dispose()
        assert len(report.stored) == 100 and report.exit_code == 0
        # Batches of 32, 32, 32 and the last 4: a new connection after each of the first three.
        assert len(connects) == (4 if name == "reopened" else 1)
        dbs[name] = str(tmp_path / f"{name}.duckdb")
    for table, count_expected in (("documents", 100), ("commitments", 200)):
        with duckdb.connect() as conn:
            conn.execute(f"ATTACH '{dbs['reopened']}' AS a (READ_ONLY)")
            conn.execute(f"ATTACH '{dbs['once']}' AS b (READ_ONLY)")
            columns = [c for (c,) in conn.execute(
                f"SELECT column_name FROM duckdb_columns() WHERE database_name = 'a' AND table_name = '{table}' "
                "AND column_name NOT IN ('ingested_at', 'created_at')").fetchall()]
            select = ", ".join(f'"{c}"' for c in columns)
            assert conn.execute(f"SELECT COUNT(*) FROM a.{table}").fetchone() == (count_expected,)
            differing = conn.execute(f"SELECT COUNT(*) FROM (SELECT {select} FROM a.{table} "
                                     f"EXCEPT SELECT {select} FROM b.{table})").fetchone()
            assert differing == (0,), table
    # A re-run with reopening skips all that is stored.
    engine = open_engine(dbs["reopened"])
    try:
        again = ingest(engine, inputs, reopen_after=32)
    finally:
        engine.dispose()
    assert not again.stored and len(again.duplicates) == 100


def test_the_writer_reopens_where_the_documents_table_fills_a_row_group(tmp_path: Path):  # type: ignore[no-untyped-def]
    # Every checkpoint rewrites the documents' partly filled row group, texts and all, so the writer
    # reopens (and DuckDB checkpoints) when the table's row count reaches a multiple of
    # reopen_after, counting the rows stored before this run, and cuts a batch short to land there.
    from sqlalchemy import Engine, event

    from tracker.corpus.ingest import ingest
    from tracker.db import open_engine

    inputs = _hundred_inputs(tmp_path)
    db = str(tmp_path / "tracker.duckdb")
    assert tracker("upgrade", "0002", db=db).returncode == 0
    engine = open_engine(db)
    try:
        assert len(ingest(engine, inputs[:10]).stored) == 10
        events: list[str] = []  # "open" for each new connection, "doc" for each document stored

        def opened(_dbapi_connection: object, _record: object) -> None:
            events.append("open")

        event.listen(Engine, "connect", opened)
        try:
            report = ingest(engine, inputs[10:], reopen_after=32, on_progress=lambda _name: events.append("doc"))
        finally:
            event.remove(Engine, "connect", opened)
    finally:
        engine.dispose()
    assert len(report.stored) == 90
    # The table held 10 rows: the first reopening comes after 22 more (32 rows), then every 32.
    stored_before_each_reopening = [events[:i].count("doc") for i, e in enumerate(events) if e == "open"][1:]
    assert stored_before_each_reopening == [22, 54, 86]
    assert rows(db, "SELECT COUNT(*) FROM documents") == [(100,)]
