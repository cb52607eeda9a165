"""New years arrive through migrations: scaffold, upgrade, downgrade, from a clean clone."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import tracker
from tests.paths import CORPUS, ROOT, SEEDS, requires_shared


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A clean clone of the repository's committed state: its own workspace."""
    target = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    return target


def run(clone: Path, *args: str):  # type: ignore[no-untyped-def]
    result = tracker(*args, cwd=clone)
    return result


def documents(clone: Path) -> list[tuple[str, str]]:
    result = run(clone, "export", "documents", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return sorted((r["file"], r["published"]) for r in map(json.loads, result.stdout.splitlines()))


def head_and_next(clone: Path) -> tuple[str, str]:
    """The revision a database upgraded in the clone is at, and the number a new revision takes."""
    status = run(clone, "status")
    head = re.search(r"revision: (\d{4})\s+head: \1", status.stdout)
    assert head, status.stdout
    return head.group(1), f"{int(head.group(1)) + 1:04d}"


def commitment_count(clone: Path) -> int:
    result = run(clone, "export", "commitments", "--format", "jsonl")
    return len(result.stdout.splitlines())


@requires_shared
def test_a_year_added_upgraded_downgraded_and_back(clone: Path):  # type: ignore[no-untyped-def]
    assert run(clone, "upgrade").returncode == 0
    before_docs, before_commitments = documents(clone), commitment_count(clone)
    head, year_revision = head_and_next(clone)

    added = run(clone, "year", "add", "2025")
    assert added.returncode == 0, added.stderr
    folder = clone / "seeds" / "2025"
    assert (folder / "manifest.csv").read_text(encoding="utf-8").startswith("file,place,published")
    shutil.copy(CORPUS / "厦门市" / "2025.md", folder / "xiamen-2025-work-report.md")
    with (folder / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write("xiamen-2025-work-report.md,厦门市,2025,work_report,2025年厦门市政府工作报告,corpus\n")

    up = run(clone, "upgrade")
    assert up.returncode == 0, up.stderr
    assert f"will run: {year_revision}" in up.stdout
    targets = run(clone, "query", "targets_by_year", "--where", "place=厦门市", "--where", "year=2025",
                  "--where", "metric=gdp", "--format", "jsonl")
    gdp = [json.loads(line) for line in targets.stdout.splitlines()]
    assert [(g["value_low"], g["value_high"]) for g in gdp] == [(5.0, 5.5)]  # 地区生产总值增长5.0%-5.5%

    down = run(clone, "downgrade", "-1")
    assert down.returncode == 0, down.stderr
    assert f"will revert: {year_revision}" in down.stdout
    assert documents(clone) == before_docs
    assert commitment_count(clone) == before_commitments
    assert list(clone.glob("tracker.duckdb.bak-*")), "the DuckDB file was not copied aside"

    again = run(clone, "upgrade")
    assert again.returncode == 0
    assert len(documents(clone)) == len(before_docs) + 1

    refused = run(clone, "year", "add", "2025")
    assert refused.returncode == 2 and "already has a revision" in refused.stderr

    status = run(clone, "status")
    assert f"revision: {year_revision}" in status.stdout and "pending: none" in status.stdout


def test_a_failing_year_revision_leaves_the_previous_revision(clone: Path):  # type: ignore[no-untyped-def]
    assert run(clone, "upgrade").returncode == 0
    head, year_revision = head_and_next(clone)
    assert run(clone, "year", "add", "2030").returncode == 0
    folder = clone / "seeds" / "2030"
    shutil.copy(SEEDS / "2020" / "qingdao-west-coast-2020-07-29-first-half.txt", folder / "a.txt")
    with (folder / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write("a.txt,亚特兰蒂斯,2030,news,,\n")
    failed = run(clone, "upgrade")
    assert failed.returncode != 0
    assert "seeds/2030 cannot be loaded" in failed.stderr and "亚特兰蒂斯" in failed.stderr
    assert "Traceback" not in failed.stderr
    status = run(clone, "status")
    assert f"revision: {head}" in status.stdout and f"pending: {year_revision}" in status.stdout


def test_reference_additions_arrive_and_leave_by_migration(clone: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    assert run(clone, "upgrade").returncode == 0
    terms = tmp_path / "terms.csv"
    terms.write_text("term,concept,category,first_national_use,note\n链主,链主,growth_model,,discovered 2023\n",
                     encoding="utf-8")
    metrics = tmp_path / "metrics.csv"
    metrics.write_text("code,name_zh,short_zh,name_en,change_default,target_sense,aliases\n"
                       "gdp,地区生产总值,GDP,Gross regional product,growth,floor,全区生产总值\n",
                       encoding="utf-8")
    assert run(clone, "reference", "add", "terms", str(terms)).returncode == 0
    assert run(clone, "reference", "add", "metrics", str(metrics)).returncode == 0
    assert run(clone, "upgrade").returncode == 0

    import duckdb

    def lexicon() -> tuple[int, int, int]:
        with duckdb.connect(str(clone / "tracker.duckdb"), read_only=True) as conn:
            return (
                conn.execute("SELECT COUNT(*) FROM terms WHERE term = '链主'").fetchone()[0],  # type: ignore[index]
                conn.execute("SELECT COUNT(*) FROM metric_aliases WHERE alias IN ('全区生产总值', '全區生產總值')").fetchone()[0],  # type: ignore[index]
                conn.execute("SELECT COUNT(*) FROM metric_aliases a JOIN metrics m ON m.id = a.metric_id WHERE m.code = 'gdp'").fetchone()[0],  # type: ignore[index]
            )

    added = lexicon()
    assert added[0] == 1 and added[1] == 2
    assert run(clone, "downgrade", "-2").returncode == 0
    removed = lexicon()
    assert removed[0] == 0 and removed[1] == 0 and removed[2] == added[2] - 2  # gdp keeps its other names
