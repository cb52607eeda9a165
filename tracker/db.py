"""Engines, --db resolution and migrations: every dialect difference lives here.

A file path means DuckDB (the embedded default), a SQLAlchemy URL means that server (PostgreSQL for
teams). DuckDB lets one process hold a file and blocks even readers, so engines use no pool
(connections are short) and the lock error becomes one clear line.
"""

from __future__ import annotations

import os
import re
import shutil
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import DatabaseError

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy import Connection, Engine, Table

    from tracker.workspace import Workspace

DEFAULT_DB = "tracker.duckdb"
# DuckDB caches up to 80% of RAM by default, so a long ingest's memory grows with the database.
# A fixed cap keeps it bounded (DuckDB spills beyond it); TRACKER_DUCKDB_MEMORY overrides it. The
# cap is also the room a checkpoint has to work in: a 256MB cap ran out of memory ("failed to pin
# block") checkpointing 256MB of log during a 100x ingest. Ingest's writer has its own
# (DUCKDB_WRITER_MEMORY_LIMIT).
DUCKDB_MEMORY_LIMIT = "512MB"
# DuckDB checkpoints (rewrites the changed tables into the file) whenever its write-ahead log passes
# 16 MB: an ingest of the 24 MB corpus checkpointed a dozen times, a third of the writer's time, and
# left the file half free blocks (120 MB). Every checkpoint also rewrites the row group of documents
# still filling (up to 2,048 documents, texts and all), so fewer checkpoints write less: at 10x the
# corpus 128MB took 70.9 s and 130 CPU-seconds against 76.5 s and 140 with 64MB (alternating pairs,
# benchmarks/compare.py), peak RSS 910 against 935 MiB. A checkpoint must hold what it writes in the
# cache, so the threshold stays at a quarter of the cap: at 256MB a 100x ingest ran out of memory
# with a 256MB cap (and a 10x one with 64MB, where 16MB passed). A killed run replays the log on
# the next open. (Those costs came from texts stored in the documents rows, which are gone; ingest's
# writer checkpoints every 32MB, DUCKDB_WRITER_CHECKPOINT_THRESHOLD.)
DUCKDB_CHECKPOINT_THRESHOLD = "128MB"
# Ingest's writer does not try FSST (string compression with a symbol table trained per column
# segment). It writes commitments in row groups of 2,048 rows, so it trained a table for every
# 2,048 subjects, quotes and units: storing the commitments of 10x the corpus took 9.5 s without
# it against 14.1 s with it, and in whole 10x ingests, alternating, the writer used 52 and 55
# CPU-seconds against 70 and 61 (80 and 81 s against 94 and 83 s; benchmarks/results.md). The
# file is the same size: DuckDB chose FSST for one string segment in six, dictionary compression
# suits these short, repetitive strings, and document texts are long enough to be stored apart
# (overflow strings), where FSST does not apply. Files written with FSST read as before.
DUCKDB_WRITER_DISABLED_COMPRESSION = "fsst"
# DuckDB threads of ingest's writer. It inserts a batch of documents at a time (32 when this was
# measured, a few thousand rows; 64 now), too little to share out: with DuckDB's default (a thread
# per core) storing 10x the corpus took 28 s and 36 CPU-seconds, with one thread 24 s and 23
# CPU-seconds (benchmarks/results.md).
# The other cores run ingest's extraction workers, which the writer's spare threads only slowed.
DUCKDB_WRITER_THREADS = 1
# Rows per row group while ingesting (see bulk_writer). It was 2,048, DuckDB's smallest, while each
# documents row held both texts whole; with the texts in chunks (revision 0009), four times that
# stores faster: whole ingests at 10x, 4 alternating pairs in two sets, 29.5-32.8 s and 53.6-59.4
# CPU-seconds against 30.4-34.9 s and 55.5-64.2, faster in 4 of 4, peak 578-587 against 586-628 MiB;
# at 100x, one pair, 301.3 s (7.95 MB/s) against 330.5 s, peak 691 against 678 MiB; at 1x, 4 pairs,
# 5.33 s against 5.47 s (means). 32,768 was slower at 10x (35.1 s against 31.2 s, 2 pairs). The
# writer also reopens where the documents table fills a group (tracker.corpus.ingest).
DUCKDB_WRITER_ROW_GROUP_SIZE = 8192
# The cap of ingest's writer, unless TRACKER_DUCKDB_MEMORY says otherwise, and how much log it
# gathers before a checkpoint. Between checkpoints DuckDB holds what it appended in memory (its
# IN_MEMORY_TABLE and OVERFLOW_STRINGS tags: ~170 MiB of 209 tagged, at 3,840 documents of a 10x
# ingest with a 128MB threshold), and after one it keeps the blocks it wrote cached (BASE_TABLE:
# 28 -> 110 MiB over the same 10x ingest with a 16MB threshold and a 256MB cap) until the cap is
# reached. Appending reads none of them back, so both only made the peak grow with the corpus
# (437 / 545 / 648 MiB at 1x / 10x / 100x with 256MB and 128MB). A 96MB cap with a 32MB threshold
# keeps the writer's part of it small and the same at 1x and 10x: the parent's RSS, sampled through
# a 10x ingest, stays within 380-410 MiB from the first window of results to the end; alternating
# whole ingests, 3 rounds at 10x, 25.26 s and 48.0 CPU-seconds against 25.18 s and 47.5 for 256MB
# and 128MB, peak 406-410 against 549-558 MiB; 6 rounds at 1x, 4.59 s against 4.48 s, peak 389-400
# against 426-439. At 100x the peak is 497-499 MiB (645-654 before), at a cost: two alternating
# pairs, 250.8 and 251.8 s and 479 and 482 CPU-seconds against 246.7 and 233.4 s and 468 and 446.
# Checkpoints are four times as many, and each costs more as the file grows (the same 13,000 rows
# appended to commitments: 20 ms of CPU to checkpoint in the 100x file, 9 ms in the 10x one). The
# peak is the goal here (benchmarks/results.md). DuckDB's tags stay at 50-70 MiB at 100x, and
# what rises with the file (RSS ~430 -> ~470 MiB over 4 GB) is DuckDB's own, outside its accounting
# (appending to a table of 9 million rows takes ~40 MB more than to one of 0.9 million, whatever its
# row-group size or primary key). A 16MB threshold was as fast and peaked the same, but left a 1x file of 61.6 MB
# with 66 of its 235 blocks free, against 51.1 MB; a 64MB cap lowered the 10x peak only to 385 MiB and
# cost ~1 s. Earlier rounds found caps of 128MB and less out of memory or slower: a checkpoint had
# 128MB of log to write then, texts in the documents rows (benchmarks/results.md). Small checkpoints
# are cheap up to 10x now: a documents row holds no text, and raw texts are mostly references into the clean
# one (revisions 0009, 0011). The threshold stays a third of the cap, the room a checkpoint works in;
# TRACKER_DUCKDB_MEMORY=256MB or more suits a machine with memory to spare.
DUCKDB_WRITER_MEMORY_LIMIT = "96MB"
DUCKDB_WRITER_CHECKPOINT_THRESHOLD = "32MB"
# The table Alembic records a database's revision in (its default; migrations/env.py keeps it).
ALEMBIC_VERSION_TABLE = "alembic_version"
# The name the attached file goes by inside bulk_writer's connections.
WRITER_CATALOG = "tracker_store"


def resolve_db(db: str | None) -> str:
    """The SQLAlchemy URL for --db / TRACKER_DB / the default ./tracker.duckdb."""
    value = db or os.environ.get("TRACKER_DB") or DEFAULT_DB
    if "://" in value:
        return value
    return f"duckdb:///{Path(value).expanduser().resolve()}"


def duckdb_path(url: str) -> Path | None:
    """The file behind a DuckDB URL, or None for servers and in-memory databases."""
    if not url.startswith("duckdb:///"):
        return None
    path = url.removeprefix("duckdb:///").split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def describe(url: str) -> str:
    """A short name for messages: the file name, or the URL without its password."""
    path = duckdb_path(url)
    if path is not None:
        return str(path.name)
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def _friendly(url: str, exc: BaseException, writer: bool = False) -> DatabaseError:
    """Turn a driver exception into the one line a user needs (``writer``: from bulk_writer's engine)."""
    # The driver's own message: SQLAlchemy's wrapper adds the statement and its parameters, whose
    # text ("... (17167 characters truncated) ...") must not be read as a diagnosis.
    message = str(getattr(exc, "orig", None) or exc)
    name = describe(url)
    if "Could not set lock" in message or "Conflicting lock" in message:
        pid = re.search(r"PID (\d+)", message)
        holder = f" (PID {pid.group(1)})" if pid else ""
        return DatabaseError(f"{name} is locked by another process{holder}; try again when it finishes")
    if "not a valid DuckDB database file" in message:
        return DatabaseError(f"{name} is not a DuckDB database file (damaged or another format); it was left untouched")
    if "Could not read enough bytes" in message or "truncated" in message.lower():
        return DatabaseError(f"{name} is damaged (shorter than its own header says: truncated?); it was left untouched")
    if "Serialization Error" in message or "Corrupt" in message or "corrupt" in message:
        return DatabaseError(f"{name} is damaged and cannot be read ({message.splitlines()[0]}); it was left untouched")
    # A commit that cannot pin a block for its checkpoint says so without "Out of Memory" (seen
    # storing a 20 MiB document under a 32MB cap): the same remedy applies.
    if "Out of Memory" in message or "failed to pin block" in message:
        limit = memory_limit(writer)
        return DatabaseError(f"{name}: DuckDB ran out of its memory cap ({limit}); what was committed before is "
                             "kept; re-run with a larger TRACKER_DUCKDB_MEMORY to continue")
    lines = [line for line in message.strip().splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    return DatabaseError(f"{name}: {first}")


def open_engine(db: str | None = None, wait_for_lock: float = 0.0) -> Engine:
    """An engine for the database, checked by connecting once so problems surface here, clearly.

    DuckDB lets one process hold a file and blocks even readers; a reader may pass
    ``wait_for_lock`` seconds to retry while a short write finishes. Writers fail at once, so a
    second writer hears "locked" within a second instead of hanging.
    """
    import time

    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    url = resolve_db(db)
    path = duckdb_path(url)
    if path is not None and path.exists() and path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    deadline = time.monotonic() + wait_for_lock
    while True:
        try:
            connect_args = {}
            if path is not None or url.startswith("duckdb:"):
                connect_args = {"config": _duckdb_config()}
            engine = create_engine(url, poolclass=NullPool, connect_args=connect_args)
            with engine.connect():
                pass
            return engine
        except Exception as exc:  # driver errors differ per engine; all become one line
            error = _friendly(url, exc)
            if "is locked" in str(error) and time.monotonic() < deadline:
                time.sleep(0.1)
                continue
            raise error from exc


# bulk_writer's engines and the URL of the file each attaches.
_ATTACHED: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def bulk_writer(engine: Engine) -> Engine:
    """An engine for a long run of appends (ingest): on a DuckDB file, small row groups (8,192 rows).

    DuckDB stores a table in row groups of 122,880 rows, and a checkpoint rewrites the whole of a
    row group that gained rows. Documents carry their text twice, so during an ingest every
    checkpoint rewrote every document stored so far: 0.08 s at 434 documents, 1.2 s at 4,340, and
    the writer fell behind the workers at scale. The row-group size is an option of ATTACH only (it
    is not a setting, and it is not kept in the file), so this engine opens an in-memory database,
    attaches the file with it and makes it the default catalog. Other engines are returned as they are.
    Its connections also leave out FSST and use one thread (DUCKDB_WRITER_DISABLED_COMPRESSION,
    DUCKDB_WRITER_THREADS), and have a cap and a checkpoint threshold of their own, small, so that
    the writer's memory does not grow with the corpus (DUCKDB_WRITER_MEMORY_LIMIT).
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    url = engine.url.render_as_string(hide_password=False)
    path = duckdb_path(url)
    if path is None:
        return engine
    literal = str(path).replace("'", "''")
    writer = create_engine("duckdb:///:memory:", poolclass=NullPool, connect_args={"config": _duckdb_config(writer=True)})

    @event.listens_for(writer, "connect")
    def attach(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"ATTACH '{literal}' AS {WRITER_CATALOG} (ROW_GROUP_SIZE {DUCKDB_WRITER_ROW_GROUP_SIZE})")
        dbapi_connection.execute(f"USE {WRITER_CATALOG}")
        # Only SET takes this one: DuckDB ignores it among the connect-time options.
        dbapi_connection.execute(f"SET disabled_compression_methods = '{DUCKDB_WRITER_DISABLED_COMPRESSION}'")
        dbapi_connection.execute(f"SET threads = {DUCKDB_WRITER_THREADS}")

    _ATTACHED[writer] = url  # errors name the file, not the in-memory database
    return writer


def memory_limit(writer: bool = False) -> str:
    """DuckDB's memory cap: TRACKER_DUCKDB_MEMORY, else the writer's or everyone else's default."""
    return os.environ.get("TRACKER_DUCKDB_MEMORY") or (DUCKDB_WRITER_MEMORY_LIMIT if writer else DUCKDB_MEMORY_LIMIT)


def _duckdb_config(writer: bool = False) -> dict[str, str]:
    threshold = DUCKDB_WRITER_CHECKPOINT_THRESHOLD if writer else DUCKDB_CHECKPOINT_THRESHOLD
    return {"memory_limit": memory_limit(writer), "checkpoint_threshold": threshold}


@contextmanager
def _readable_errors(engine: Engine) -> Iterator[None]:
    """Driver errors inside the block become one readable DatabaseError."""
    try:
        yield
    except DatabaseError:
        raise
    except Exception as exc:
        if _is_driver_error(exc):
            raise _friendly(_ATTACHED.get(engine, str(engine.url)), exc, writer=engine in _ATTACHED) from exc
        raise


@contextmanager
def connect(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction, with driver errors made readable."""
    with _readable_errors(engine), engine.begin() as conn:
        yield conn


@contextmanager
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection whose transactions the caller manages (``with conn.begin(): ...``)."""
    with _readable_errors(engine), engine.connect() as conn:
        yield conn


def _is_driver_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import DBAPIError

    # DBAPIError wraps whatever the driver raised (DuckDB's FatalException after running out of
    # memory arrives as sqlalchemy.exc.DatabaseError).
    module = type(exc).__module__
    return isinstance(exc, DBAPIError) or module.startswith(("_duckdb", "duckdb"))


def dialect_name(bind: Connection | Engine) -> str:
    return bind.dialect.name


def insert_ignoring_conflicts(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]],
                              key: Sequence[str]) -> dict[str, int]:
    """Insert rows unless one with the same unique key exists: {key value: new id} for those inserted.

    Of rows sharing a key, the first is inserted. On PostgreSQL, ON CONFLICT DO NOTHING lets two
    writers race on the same document without either seeing an error; on DuckDB, whose file has a
    single writing process, the keys already stored are looked up first (see below). RETURNING
    tells which rows this call inserted (rowcount is not reliable for DO NOTHING across drivers).
    ``key`` is one column.
    """
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    (column,) = key
    first: dict[Any, Mapping[str, Any]] = {}
    for row in rows:
        first.setdefault(row[column], row)
    rows = list(first.values())
    if not rows:
        return {}
    if conn.dialect.name == "duckdb":
        # Documents carry their whole text twice (raw and clean): bound as parameters of a
        # multi-row VALUES that cost a third of the writer's time; scanned from Arrow it is a copy.
        data = _arrow_table(table, rows)
        # Not ON CONFLICT here. DuckDB 1.5 plans INSERT … ON CONFLICT as a MERGE: it groups the new
        # rows by each unique key, carrying every column (texts included) through first(), and
        # joins them to the whole table in a nested loop on (id = id OR sha256 = sha256), which
        # copies every new row's values once per chunk of stored rows. So a batch cost more the
        # more the table held: 64 documents into a table of 4,000 rows took 0.077 s, of 20,000
        # 0.22 s, of 43,000 0.26 s, against 0.012-0.016 s for the lookup below and a plain INSERT.
        # A DuckDB file has one writing process, and the keys stored already are found in the
        # caller's transaction and left out; a plain INSERT stores the rest.
        stored = _stored_keys(conn, table, column, data)
        if stored:
            import pyarrow as pa
            import pyarrow.compute as pc

            data = data.filter(pc.invert(pc.is_in(data[column], value_set=pa.array(sorted(stored)))))
            if not data.num_rows:
                return {}
        inserted = _insert_arrow(conn, table, data, f'RETURNING id, "{column}"')
        return {str(value): int(row_id) for row_id, value in inserted}
    stmt = (
        pg_insert(table).values(list(rows)).on_conflict_do_nothing(index_elements=[column])
        .returning(table.c.id, table.c[column])
    )
    return {str(value): int(row_id) for row_id, value in conn.execute(stmt).all()}


def bulk_insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert many rows (dicts with the same keys) in one statement.

    DuckDB gets them as an Arrow table it scans directly (executemany costs a round trip a row);
    other engines get one batched executemany, which SQLAlchemy turns into multi-row VALUES.
    """
    if not rows:
        return 0
    if conn.dialect.name != "duckdb":
        conn.execute(table.insert(), list(rows))
        return len(rows)
    _insert_arrow(conn, table, _arrow_table(table, rows))
    return len(rows)


def bulk_insert_arrow(conn: Connection, table: Table, data: Any) -> int:
    """Insert the rows of a pyarrow Table whose columns are the table's; see bulk_insert_rows.

    Ingest's workers build these tables, so the writer hands DuckDB their buffers as they are;
    other engines get the rows back as dicts for one executemany.
    """
    if not data.num_rows:
        return 0
    if conn.dialect.name != "duckdb":
        conn.execute(table.insert(), data.to_pylist())
    else:
        _insert_arrow(conn, table, data)
    return int(data.num_rows)


def arrow_schema(table: Table, columns: Sequence[str]) -> Any:
    """The Arrow schema of some of a table's columns (types from the models)."""
    import pyarrow as pa

    return pa.schema([(name, _arrow_type(table.c[name].type)) for name in columns])


def _arrow_table(table: Table, rows: Sequence[Mapping[str, Any]]) -> Any:
    """The rows as an Arrow table, built column by column.

    from_pylist looks every value up by key, row after row; one list per column first is ~2× as
    fast for the batches ingest writes (32 documents, each with its two texts).
    """
    import pyarrow as pa

    names = list(rows[0])
    columns = {name: [row[name] for row in rows] for name in names}
    return pa.Table.from_pydict(columns, schema=arrow_schema(table, names))


def _stored_keys(conn: Connection, table: Table, column: str, data: Any) -> set[str]:
    """The values of `column` in the Arrow table `data` that `table` already holds (DuckDB)."""
    raw = conn.connection.driver_connection
    name = f"_keys_{table.name}"
    raw.register(name, data.select([column]))
    try:
        found = raw.execute(
            f'SELECT "{column}" FROM "{table.name}" WHERE "{column}" IN (SELECT "{column}" FROM {name})'
        ).fetchall()
    finally:
        raw.unregister(name)
    return {str(value) for (value,) in found}


def _insert_arrow(conn: Connection, table: Table, data: Any, suffix: str = "") -> list[Any]:
    """INSERT … SELECT from an Arrow table on DuckDB's own connection; the RETURNING rows, if any."""
    columns = data.column_names
    raw = conn.connection.driver_connection
    name = f"_rows_{table.name}"
    raw.register(name, data)
    try:
        quoted = ", ".join(f'"{c}"' for c in columns)
        cursor = raw.execute(f'INSERT INTO "{table.name}" ({quoted}) SELECT {quoted} FROM {name} {suffix}')
        return cursor.fetchall() if suffix else []
    finally:
        raw.unregister(name)


def _arrow_type(sql_type: Any) -> Any:
    import pyarrow as pa
    from sqlalchemy import Boolean, Date, DateTime, Float, Integer

    if isinstance(sql_type, Boolean):
        return pa.bool_()
    if isinstance(sql_type, Integer):
        return pa.int64()
    if isinstance(sql_type, Float):
        return pa.float64()
    if isinstance(sql_type, DateTime):
        return pa.timestamp("us")
    if isinstance(sql_type, Date):
        return pa.date32()
    return pa.string()


def bulk_insert_frame(conn: Connection, table: Table, frame: pd.DataFrame) -> int:
    """Insert a DataFrame whose columns are the table's (see bulk_insert_rows)."""
    if frame.empty:
        return 0
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return bulk_insert_rows(conn, table, records)


def next_ids(conn: Connection, table: Table, count: int) -> list[int]:
    """Reserve ``count`` primary keys so child rows can be written in the same batch."""
    from sqlalchemy import func, select

    if count <= 0:
        return []
    start = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    return list(range(start + 1, start + 1 + count))


# --- migrations ---------------------------------------------------------------------------------


def _register_duckdb_with_alembic() -> None:
    # duckdb-sqlalchemy registers its Alembic implementation only when alembic was imported first;
    # import it explicitly so the order of imports never matters.
    import alembic.ddl  # noqa: F401
    import duckdb_sqlalchemy.alembic_impl  # noqa: F401


def alembic_config(workspace: Workspace, url: str) -> Any:
    from alembic.config import Config

    _register_duckdb_with_alembic()

    cfg = Config(str(workspace.alembic_ini))
    cfg.set_main_option("script_location", str(workspace.migrations))
    cfg.attributes["tracker_url"] = url
    cfg.attributes["workspace"] = workspace
    return cfg


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    _register_duckdb_with_alembic()

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: no schema), read without importing Alembic.

    Commands that only read need to know that a schema exists, and importing Alembic's migration
    runtime for that was ~0.09 s of `tracker timeline` (~2.4 s). Reads the table Alembic keeps, as
    Alembic's MigrationContext.get_current_revision does; where that table holds more than one row
    (branches, which this project's history never has) Alembic answers instead.
    """
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table(ALEMBIC_VERSION_TABLE):
            return None
        rows = conn.execute(text(f"SELECT version_num FROM {ALEMBIC_VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:
        return current_revision(engine)
    return str(rows[0]) if rows else None


def head_revision(workspace: Workspace) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(workspace.migrations)).get_current_head()


def pending_revisions(engine: Engine, workspace: Workspace, target: str = "head") -> list[str]:
    """Revisions an upgrade to ``target`` would run, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(workspace.migrations))
    current = current_revision(engine)
    revs = list(script.iterate_revisions(target, current))
    return [r.revision for r in reversed(revs)]


def pending_rewrites(engine: Engine, workspace: Workspace) -> list[str]:
    """Pending revisions that rewrite stored documents (``REWRITES_DOCUMENTS = True`` in their file).

    Writing documents below such a revision would store them as the old code did: a re-cleaning
    revision changes the hash a stored text is known by, so a re-ingest would store it twice.
    """
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(workspace.migrations))
    revs = reversed(list(script.iterate_revisions("head", current_revision(engine))))
    return [r.revision for r in revs if getattr(r.module, "REWRITES_DOCUMENTS", False)]


def revisions_to_revert(engine: Engine, workspace: Workspace, target: str) -> list[str]:
    """Revisions a downgrade to ``target`` would undo, newest first (relative targets like -1 too)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(workspace.migrations))
    current = current_revision(engine)
    if current is None:
        return []
    if target.startswith("-") and target[1:].isdigit():
        steps = int(target[1:])
        revs = list(script.iterate_revisions(current, "base"))
        return [r.revision for r in revs[:steps]]
    destination = None if target == "base" else target
    revs = list(script.iterate_revisions(current, destination))
    return [r.revision for r in revs if r.revision != destination]


def backup_duckdb(url: str, revision: str | None) -> Path | None:
    """Copy a DuckDB file aside before migrating it: tracker.duckdb.bak-<revision>."""
    path = duckdb_path(url)
    if path is None or not path.exists() or path.stat().st_size == 0:
        return None
    target = path.with_name(f"{path.name}.bak-{revision or 'base'}")
    shutil.copy2(path, target)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        shutil.copy2(wal, target.with_name(target.name + ".wal"))
    return target


def upgrade(engine: Engine, workspace: Workspace, revision: str = "head", backup: bool = True) -> list[str]:
    """Migrate up to ``revision``; returns the revisions that ran. Each runs in its own transaction."""
    from alembic import command

    url = str(engine.url.render_as_string(hide_password=False))
    pending = pending_revisions(engine, workspace, revision)
    if not pending:
        return []
    current = current_revision(engine)
    if backup and current is not None:  # a database with no revision yet holds nothing to protect
        backup_duckdb(url, current)
    _run_alembic(command.upgrade, workspace, url, revision)
    return pending


def downgrade(engine: Engine, workspace: Workspace, revision: str, backup: bool = True) -> None:
    """Migrate down to ``revision`` (relative forms such as -1 work as typed)."""
    from alembic import command

    url = str(engine.url.render_as_string(hide_password=False))
    if backup:
        backup_duckdb(url, current_revision(engine))
    _run_alembic(command.downgrade, workspace, url, revision)


def _run_alembic(step: Any, workspace: Workspace, url: str, revision: str) -> None:
    """Run Alembic's upgrade or downgrade; a statement the database refuses becomes one line.

    Each revision runs in its own transaction, so the one that failed is rolled back and the
    database stays at the revision before it. (A downgrade whose SQL failed used to print
    SQLAlchemy's traceback, statement and all.)
    """
    try:
        step(alembic_config(workspace, url), revision)
    except DatabaseError:
        raise
    except Exception as exc:
        if _is_driver_error(exc):
            raise _friendly(url, exc) from exc
        raise
