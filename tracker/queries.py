"""Named SQL files in queries/: find them, read their headers, run them with bound filters.

Each file is one portable SELECT (DuckDB and PostgreSQL alike) that users can also run in the plain
`duckdb` CLI or psql. Filters on output columns wrap the file's SELECT as a subquery and bind every
value as a parameter; column names are checked against the query's own output columns, never
pasted from input unchecked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy import Connection

_FILTER = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(>=|<=|!=|=|>|<)\s*(.*?)\s*$")


@dataclass(frozen=True)
class QueryFile:
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def header(self) -> str:
        lines = []
        for line in self.sql.splitlines():
            if not line.startswith("--"):
                break
            lines.append(line[2:].strip())
        return "\n".join(lines)

    @property
    def purpose(self) -> str:
        """The header's first entry (which may run over several comment lines)."""
        lines: list[str] = []
        for line in self.header.splitlines():
            if lines and re.match(r"^[a-z_]+:\s", line):
                break
            lines.append(line)
        text = " ".join(" ".join(lines).split())
        return text.split(":", 1)[1].strip() if ":" in text else text


def list_queries(folder: Path) -> list[QueryFile]:
    """The standing questions (queries/*.sql) and the data checks (queries/checks/*.sql)."""
    files = sorted(folder.glob("*.sql")) + sorted(folder.glob("checks/*.sql"))
    return [QueryFile(p.relative_to(folder).with_suffix("").as_posix(), p) for p in files]


def list_checks(folder: Path) -> list[QueryFile]:
    return [q for q in list_queries(folder) if q.name.startswith("checks/")]


def find_query(folder: Path, name: str) -> QueryFile:
    for query in list_queries(folder):
        if query.name == name:
            return query
    names = ", ".join(q.name for q in list_queries(folder)) or "(none)"
    raise UsageError(f"no query named {name!r}; available: {names}")


def _body(sql: str) -> str:
    return sql.strip().rstrip(";")


def output_columns(conn: Connection, query: QueryFile) -> list[str]:
    from sqlalchemy import text

    result = conn.execute(text(f"SELECT * FROM ({_body(query.sql)}) AS q LIMIT 0"))
    return list(result.keys())


def parse_filter(expression: str) -> tuple[str, str, str]:
    match = _FILTER.match(expression)
    if not match:
        raise UsageError(f"filter {expression!r} is not COLUMN=VALUE (or >=, <=, >, <, !=)")
    return match.group(1), match.group(2), match.group(3)


def _typed(column: str, sample: Any, value: str) -> Any:
    """Convert a filter value to the type the column holds, so the comparison is typed on both engines."""
    import datetime as dt

    if value.lower() in ("null", "none", ""):
        return None
    try:
        if isinstance(sample, bool):
            return value.lower() in ("1", "true", "yes", "t")
        if isinstance(sample, (int, float)):
            return float(value) if "." in value else int(value)
        if isinstance(sample, dt.datetime):
            return dt.datetime.fromisoformat(value)
        if isinstance(sample, dt.date):
            return dt.date.fromisoformat(value if len(value) > 7 else f"{value}-01-01"[:10])
    except ValueError as exc:
        raise UsageError(f"{column}: {value!r} is not a {type(sample).__name__}") from exc
    return value


def run_query(conn: Connection, query: QueryFile, filters: list[str] | None = None) -> pd.DataFrame:
    """Run a query file, filtered on its output columns with bound parameters."""
    import pandas as pd
    from sqlalchemy import text

    sql = _body(query.sql)
    params: dict[str, Any] = {}
    if filters:
        probe = conn.execute(text(f"SELECT * FROM ({sql}) AS q LIMIT 50"))
        columns = list(probe.keys())
        rows = probe.fetchall()
        clauses = []
        for i, expression in enumerate(filters):
            column, op, value = parse_filter(expression)
            if column not in columns:
                raise UsageError(f"query {query.name} has no column {column!r}; columns: {', '.join(columns)}")
            position = columns.index(column)
            sample = next((r[position] for r in rows if r[position] is not None), "")
            key = f"p{i}"
            params[key] = _typed(column, sample, value)
            if params[key] is None:
                clauses.append(f'q."{column}" IS {"NOT " if op == "!=" else ""}NULL')
                del params[key]
            else:
                clauses.append(f'q."{column}" {op} :{key}')
        sql = f"SELECT * FROM ({sql}) AS q WHERE " + " AND ".join(clauses)
    result = conn.execute(text(sql), params)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def run_many(conn: Connection, folder: Path, names: list[str], filters: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Several query files at once (the report's inputs), each with the same output filters."""
    return {name: run_query(conn, find_query(folder, name), filters) for name in names}
