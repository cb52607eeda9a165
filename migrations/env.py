"""Alembic environment: runs revisions on DuckDB or PostgreSQL, each in its own transaction.

The database comes from the caller (tracker.db passes its URL in config.attributes; pytest-alembic
passes a connection), else from ``-x db=...`` or TRACKER_DB, so plain ``alembic upgrade head`` works
too.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Engine, Text

from tracker.db import open_engine
from tracker.models import POSTGRES_ONLY_INDEXES, Base

config = context.config
target_metadata = Base.metadata


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    # Foreign keys exist on PostgreSQL only (DESIGN §5); DuckDB reflection shows none, so comparing
    # them there would always report a difference.
    if type_ == "foreign_key_constraint" and context.get_context().dialect.name == "duckdb":
        return False
    # Likewise the indexes kept on PostgreSQL only (tracker.models.POSTGRES_ONLY_INDEXES).
    if type_ == "index" and name in POSTGRES_ONLY_INDEXES and context.get_context().dialect.name == "duckdb":
        return False
    return True


def compare_type(ctx: Any, inspected_column: Any, metadata_column: Any, inspected_type: Any, metadata_type: Any) -> bool | None:
    # DuckDB has one string type: reflected VARCHAR vs declared Text is not a change.
    if isinstance(metadata_type, Text) and "VARCHAR" in str(inspected_type).upper():
        return False
    return None


def _configure_and_run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        compare_type=compare_type,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if isinstance(connection, Engine):  # pytest-alembic hands over an engine
        with connection.connect() as conn:
            _configure_and_run(conn)
            conn.commit()
        return
    if connection is not None:
        _configure_and_run(connection)
        return
    url = config.attributes.get("tracker_url") or context.get_x_argument(as_dictionary=True).get("db")
    engine = open_engine(url)
    with engine.connect() as conn:
        _configure_and_run(conn)
        conn.commit()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported: revisions load data through Python")
run_migrations_online()
