"""DuckDB over the team's PostgreSQL server: the plain `duckdb` CLI with the server attached read-only.

Analysts keep writing DuckDB SQL (and running queries/*.sql) against the shared corpus. The postgres
extension comes from the `duckdb-extension-postgres` package (a wheel pinned to the DuckDB version),
so nothing is downloaded at run time.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tracker.errors import UsageError

ALIAS = "team"


def postgres_extension_file() -> Path:
    import duckdb
    import duckdb_extension_postgres

    base = Path(duckdb_extension_postgres.__file__).parent / "extensions"
    candidate = base / f"v{duckdb.__version__}" / "postgres.duckdb_extension"
    if not candidate.is_file():
        found = sorted(base.glob("*/postgres.duckdb_extension"))
        if not found:
            raise UsageError("the duckdb-extension-postgres package has no extension file for this DuckDB")
        candidate = found[-1]
    return candidate


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def conninfo(url: str) -> str:
    """A libpq connection string for a SQLAlchemy PostgreSQL URL."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if not parsed.drivername.startswith("postgresql"):
        raise UsageError("tracker duckdb attaches a PostgreSQL server: give --db postgresql+psycopg://…")
    parts = {"host": parsed.host, "port": parsed.port, "dbname": parsed.database, "user": parsed.username,
             "password": parsed.password}
    return " ".join(f"{k}={v}" for k, v in parts.items() if v not in (None, ""))


def attach_sql(url: str) -> str:
    """The statements that make a DuckDB session read the server's tables by their plain names."""
    return (
        f"INSTALL {_quote(str(postgres_extension_file()))}; LOAD postgres; "
        f"ATTACH {_quote(conninfo(url))} AS {ALIAS} (TYPE postgres, READ_ONLY); USE {ALIAS};"
    )


def duckdb_cli() -> str:
    """The `duckdb` command from the duckdb-cli package beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "duckdb"
    if beside.is_file():
        return str(beside)
    found = shutil.which("duckdb")
    if not found:
        raise UsageError("the duckdb command is not installed (pip install duckdb-cli)")
    return found


def cli_command(url: str, sql: str | None = None) -> list[str]:
    """The argv that opens the duckdb CLI on the database: a DuckDB file read-only, or the server attached."""
    from tracker.db import duckdb_path

    path = duckdb_path(url)
    if path is not None:
        command = [duckdb_cli(), "-readonly", str(path)]
    else:
        command = [duckdb_cli(), "-cmd", attach_sql(url)]
    if sql is not None:
        command += ["-c", sql]
    return command
