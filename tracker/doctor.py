"""`tracker doctor`: is this database what its migrations and its own data say it should be?

Three kinds of check, each a list of findings (empty when healthy):
- schema: at the head revision, and the tables match the models (Alembic's comparison);
- data: every query in queries/checks/ returns no rows;
- integrity: every document has its clean text stored, which still hashes to its sha256 and is
  documents.chars characters long.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import null, or_, select

from tracker import models

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from tracker.workspace import Workspace


def schema_findings(engine: Engine, workspace: Workspace) -> list[str]:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from tracker.db import current_revision, head_revision, pending_revisions

    findings: list[str] = []
    current, head = current_revision(engine), head_revision(workspace)
    if current != head:
        pending = pending_revisions(engine, workspace)
        findings.append(f"at revision {current or 'none'}, head is {head}; pending: {', '.join(pending) or '?'}")
    if current is None:
        return findings
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        diffs = compare_metadata(context, models.Base.metadata)
    # DuckDB shows no foreign keys (they exist on PostgreSQL only, DESIGN §5), nor the indexes kept
    # on PostgreSQL only (migrations/env.py leaves both out of its comparison the same way).
    if engine.dialect.name == "duckdb":
        diffs = [d for d in diffs if not _postgres_only(d)]
    findings += [f"schema differs from the models: {d}" for d in diffs]
    return findings


def _postgres_only(diff: object) -> bool:
    if not isinstance(diff, tuple):  # a list of changes to one column's attributes
        return False
    if "fk" in str(diff[0]):
        return True
    return diff[0] in ("add_index", "remove_index") and getattr(diff[1], "name", None) in models.POSTGRES_ONLY_INDEXES


def data_findings(conn: Connection, queries: Path) -> list[str]:
    from tracker.queries import list_checks, run_query

    findings = []
    for check in list_checks(queries):
        rows = run_query(conn, check)
        if not rows.empty:
            findings.append(f"{check.name}: {len(rows)} row(s), e.g. {rows.iloc[0].to_dict()}")
    return findings


def integrity_findings(conn: Connection) -> list[str]:
    from tracker.corpus.texts import chunked, iter_texts, pieced

    d = models.Document
    # Below revision 0009 documents has no chars yet (texts were kept whole there).
    columns = [d.id, d.file, d.sha256, d.chars if chunked(conn) else null().label("chars")]
    stored = {row.id: row for row in conn.execute(select(*columns)).all()}
    findings = []
    for document_id, text in iter_texts(conn):
        row = stored.pop(document_id, None)
        if row is None:
            findings.append(f"document_texts hold a text of document {document_id}, which does not exist")
        elif hashlib.sha256(text.encode("utf-8")).hexdigest() != row.sha256:
            findings.append(f"document {row.id} ({row.file}): stored text no longer matches its sha256")
        elif row.chars is not None and len(text) != row.chars:
            findings.append(f"document {row.id} ({row.file}): stored text has {len(text)} characters, documents.chars says {row.chars}")
    findings += [f"document {row.id} ({row.file}): no clean text stored" for row in stored.values()]
    if pieced(conn):
        findings += _raw_piece_findings(conn)
    return findings


def _raw_piece_findings(conn: Connection) -> list[str]:
    """Raw texts' references that point outside their clean text (which would shorten the raw text)."""
    from tracker.corpus.texts import RAW

    d, t = models.Document, models.DocumentText
    outside = (select(t.document_id, d.file, t.seq).join(d, d.id == t.document_id)
               .where(t.kind == RAW, t.clean_from.is_not(None),
                      or_(t.clean_from < 0, t.clean_chars <= 0, t.clean_from + t.clean_chars > d.chars))
               .order_by(t.document_id, t.seq))
    return [f"document {row.document_id} ({row.file}): raw piece {row.seq} points outside the clean text"
            for row in conn.execute(outside).all()]


def examine(engine: Engine, workspace: Workspace) -> dict[str, list[str]]:
    from tracker.db import connect, current_revision, head_revision

    report = {"schema": schema_findings(engine, workspace), "data": [], "integrity": []}
    current = current_revision(engine)
    if current is not None:
        with connect(engine) as conn:
            # The checks are queries of the head's schema (views, tables); below it they would fail
            # on what is not there yet, hiding the schema finding that says why.
            if current == head_revision(workspace):
                report["data"] = data_findings(conn, workspace.queries)
            else:
                report["data"] = ["not checked: queries/checks are written for the head revision (`tracker upgrade`)"]
            report["integrity"] = integrity_findings(conn)
    return report
