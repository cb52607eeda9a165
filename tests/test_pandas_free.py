"""Commands that never use pandas do not pay for importing it (tracker.pandas_free).

Each case runs in a fresh interpreter: whether pandas was imported is a fact about a process, and
the test process itself has imported pandas long before.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from tests.paths import ROOT


def _python(code: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_duckdb_and_pyarrow_work_without_pandas_and_an_import_statement_still_gets_it() -> None:
    lines = _python(
        "import importlib, sys, duckdb, pyarrow as pa\n"
        "from tracker.pandas_free import refusing_pandas\n"
        "c = duckdb.connect()\n"
        "with refusing_pandas():\n"
        "    print(c.execute('select ? || ?', ['a', 'b']).fetchone()[0], 'pandas' in sys.modules)\n"
        "    c.register('t', pa.table({'n': pa.array([1, 2, 3])}))\n"
        "    print(c.execute('select sum(n) from t where n > ?', [1]).fetchone()[0], 'pandas' in sys.modules)\n"
        "    try:\n"
        "        importlib.import_module('pandas')\n"
        "    except ModuleNotFoundError:\n"
        "        print('import_module refused', 'pandas' in sys.modules)\n"
        "    import pandas\n"  # a statement, as in a user's year revision
        "    print('statement', 'pandas' in sys.modules)\n"
        "print(c.execute('select 42 as x').df().to_dict('list'))\n"
    )
    assert lines == ["ab False", "5 False", "import_module refused False", "statement True", "{'x': [42]}"]


def test_pandas_is_imported_as_usual_outside_the_block() -> None:
    lines = _python(
        "import sys, duckdb\n"
        "from tracker.pandas_free import refusing_pandas\n"
        "with refusing_pandas():\n"
        "    pass\n"
        "duckdb.connect().execute('select ?', [1]).fetchall()\n"
        "print('pandas' in sys.modules)\n"
    )
    assert lines == ["True"]  # DuckDB's own habit, untouched once the block is left


def test_ingest_into_a_new_database_upgrade_and_status_never_import_pandas(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("2024年主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业12万人以上。\n", encoding="utf-8")
    db = tmp_path / "new.duckdb"
    lines = _python(
        "import sys\n"
        "from tracker.cli import main\n"
        "def run(*args):\n"
        f"    sys.argv = ['tracker', '--db', {str(db)!r}, *args]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exit:\n"
        "        print('exit', exit.code, 'pandas' in sys.modules)\n"
        f"run('ingest', {str(report)!r}, '--place', '厦门市', '--date', '2024-01-10')\n"
        "run('upgrade')\n"
        "run('status')\n"
    )
    # The new database was built (every revision, the seed years included) and the report stored,
    # with pandas never loaded; `upgrade` on it has nothing to do, and `status` counts what it holds,
    # and neither loads it either.
    assert [line for line in lines if line.startswith("exit")] == ["exit 0 False", "exit 0 False", "exit 0 False"]
    assert "documents per year: 2019: 1 · 2020: 3 · 2024: 2" in lines
    with duckdb.connect(str(db), read_only=True) as con:
        (stored,) = con.execute(
            "select count(*) from commitments c join documents d on d.id = c.document_id where d.origin = 'ingest'"
        ).fetchone()
        (seed_documents,) = con.execute("select count(*) from documents where origin <> 'ingest'").fetchone()
    assert stored == 2
    assert seed_documents == 5
