"""PostgreSQL for teams: the same migrations, ingest, queries and report on a real server."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import tracker
from tests.paths import CORPUS, ROOT, SEEDS, requires_shared
from tracker.queries import list_queries


def export(db: str, what: str) -> list[dict]:  # type: ignore[type-arg]
    result = tracker("export", what, "--format", "jsonl", db=db)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def comparable(rows: list[dict], drop: tuple[str, ...] = ("id", "document_id", "extractor_version")) -> list[tuple]:  # type: ignore[type-arg]
    def norm(v):  # type: ignore[no-untyped-def]
        if isinstance(v, float):
            return None if math.isnan(v) else round(v, 6)
        return v

    return sorted((tuple((k, norm(v)) for k, v in sorted(r.items()) if k not in drop) for r in rows), key=repr)


def query_rows(db: str, name: str) -> list[tuple]:  # type: ignore[type-arg]
    result = tracker("query", name, "--format", "jsonl", db=db)
    assert result.returncode == 0, (name, result.stderr)
    return comparable([json.loads(line) for line in result.stdout.splitlines()], drop=("commitment_id",))


def test_seeds_give_identical_commitments_and_query_results(pg_url, tmp_path):  # type: ignore[no-untyped-def]
    duck = str(tmp_path / "t.duckdb")
    for db in (duck, pg_url):
        assert tracker("upgrade", db=db).returncode == 0
    assert comparable(export(duck, "commitments")) == comparable(export(pg_url, "commitments"))
    assert comparable(export(duck, "documents")) == comparable(export(pg_url, "documents"))
    for query in list_queries(ROOT / "queries"):
        assert query_rows(duck, query.name) == query_rows(pg_url, query.name), query.name


@requires_shared
def test_corpus_gives_identical_results_on_both_engines(pg_url, tmp_path):  # type: ignore[no-untyped-def]
    duck = str(tmp_path / "t.duckdb")
    for db in (duck, pg_url):
        result = tracker("ingest", "--manifest", str(CORPUS / "manifest.csv"), db=db, timeout=600)
        assert result.returncode == 0, result.stderr
    assert comparable(export(duck, "commitments")) == comparable(export(pg_url, "commitments"))
    for name in ("targets_by_year", "target_changes", "target_vs_actual", "rhetoric_shift", "coverage"):
        assert query_rows(duck, name) == query_rows(pg_url, name), name


def test_concurrent_ingest_stores_each_document_once(pg_url, tmp_path):  # type: ignore[no-untyped-def]
    assert tracker("upgrade", db=pg_url).returncode == 0
    source = (SEEDS / "2024" / "xiamen-2024-work-report.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in source.splitlines() if len(p.strip()) > 80]
    import random

    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        folder.mkdir()
    for i in range(120):
        body = "\n".join(random.Random(i).sample(paragraphs, 5))
        targets = [folders[0]] if i < 40 else [folders[1]] if i >= 80 else folders  # 40 shared
        for folder in targets:
            (folder / f"d{i:03d}.txt").write_text(f"第{i}号\n{body}\n", encoding="utf-8")
    command = [sys.executable, "-m", "tracker.cli", "--db", pg_url, "ingest", "--place", "厦门市", "--date", "2024-05-01"]
    runs = [subprocess.Popen([*command, str(f)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for f in folders]
    outputs = [r.communicate(timeout=300) for r in runs]
    for run, (stdout, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stderr
        assert stderr.strip() == "", stderr
    docs = [d for d in export(pg_url, "documents") if d["file"].startswith("d")]
    assert len(docs) == 120 and len({d["text"] for d in docs}) == 120
    stored = sum(int(out.split("stored ")[1].split(",")[0]) for out, _ in outputs)
    assert stored == 120


def test_foreign_keys_are_enforced_on_postgresql(pg_url):  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import IntegrityError

    assert tracker("upgrade", db=pg_url).returncode == 0
    engine = create_engine(pg_url)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("INSERT INTO term_counts (document_id, term_id, count, per_10k_chars) VALUES (999999, 1, 1, 1.0)"))
    engine.dispose()


def _texts(db: str) -> list[tuple[int, str, str]]:
    """Every document's raw and clean text, whole, from the view users' SQL reads."""
    from sqlalchemy import text

    from tracker.db import open_engine

    engine = open_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, raw_text, text FROM documents_with_text ORDER BY id")).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def test_copy_duckdb_to_postgresql_and_back(seeded_db, pg_url, tmp_path):  # type: ignore[no-untyped-def]
    correction = tracker("correct", "1", "note", "estimate", "--note", "test", db=seeded_db)
    assert correction.returncode == 0, correction.stderr
    # A document stored at head, whose raw text is kept as pieces of its clean text.
    indented = tmp_path / "indented.txt"
    paragraph = "\u3000\u3000坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。"
    indented.write_text("---\ntitle: 会议\n---\n\n" + "\n\n".join([paragraph] * 30 + ["\u3000\u3000地区生产总值增长5%左右。"]),
                        encoding="utf-8")
    assert tracker("ingest", str(indented), "--place", "厦门市", "--date", "2024-03-01", db=seeded_db).returncode == 0
    there = tracker("copy", "--from", seeded_db, "--to", pg_url)
    assert there.returncode == 0, there.stderr
    back_path = str(tmp_path / "back.duckdb")
    back = tracker("copy", "--from", pg_url, "--to", back_path)
    assert back.returncode == 0, back.stderr
    original = export(seeded_db, "commitments")
    assert export(pg_url, "commitments") == original  # same rows, same ids, corrections applied
    assert export(back_path, "commitments") == original
    texts = _texts(seeded_db)
    assert len(texts) == 6 and indented.read_text(encoding="utf-8") in [raw for _, raw, _ in texts]
    assert _texts(pg_url) == texts and _texts(back_path) == texts
    # Ids continue past the copied ones: a new document gets a fresh id, not a clash.
    new = tmp_path / "new.txt"
    new.write_text("厦门市召开会议\n今年全市地区生产总值增长目标为5%左右。\n", encoding="utf-8")
    for db in (pg_url, back_path):
        assert tracker("ingest", str(new), "--place", "厦门市", "--date", "2024-08-01", db=db).returncode == 0
    refused = tracker("copy", "--from", seeded_db, "--to", pg_url)
    assert refused.returncode == 2 and "of its own" in refused.stderr


def test_duckdb_cli_reads_the_server(pg_url):  # type: ignore[no-untyped-def]
    assert tracker("upgrade", db=pg_url).returncode == 0
    result = tracker("duckdb", "-c", "SELECT COUNT(*) AS n FROM documents; SELECT COUNT(*) FROM targets;", db=pg_url)
    assert result.returncode == 0, result.stderr
    assert "5" in result.stdout
    refused = tracker("duckdb", "-c", "DELETE FROM documents", db=pg_url)
    assert refused.returncode != 0  # attached read-only
    assert len(export(pg_url, "documents")) == 5


def test_every_command_works_on_postgresql(pg_url, tmp_path):  # type: ignore[no-untyped-def]
    for args in (["report", "--width", "100"], ["timeline", "--place", "厦门市"], ["status"],
                 ["rhetoric", "--top", "3"], ["query", "target_vs_actual"], ["show", "document", "1"],
                 ["export", "term_counts", "--format", "csv"], ["reextract"], ["downgrade", "-1"], ["upgrade"]):
        result = tracker(*args, db=pg_url)
        assert result.returncode == 0, (args, result.stderr)
