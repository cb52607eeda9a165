"""Reference data (places, metrics, rhetoric terms) from seeds/reference/*.csv into the database.

Reference data is loaded by migrations, never hard-coded in Python (DESIGN §6): the first reference
revision loads the CSVs, and later revisions add rows through the same functions (a new term, a new
metric synonym), so every database built from the repository holds the same lexicons.
Aliases are stored in both scripts: texts are cleaned to Simplified before extraction, but users type
廈門 or 地區生產總值 as often as 厦门.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from tracker import models
from tracker.db import bulk_insert_rows

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from tracker.extract.lexicon import MetricLexicon
    from tracker.extract.rhetoric import RhetoricLexicon


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@lru_cache(maxsize=1)
def _s2t():  # type: ignore[no-untyped-def]
    from opencc_pyo3 import OpenCC

    return OpenCC("s2t")


def both_scripts(names: Iterable[str]) -> list[str]:
    """The names and their Traditional forms, deduplicated in order."""
    seen: dict[str, None] = {}
    for name in names:
        if name:
            seen.setdefault(name, None)
            seen.setdefault(_s2t().convert(name), None)
    return list(seen)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _codes_to_ids(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(models.Place.admin_code, models.Place.id)).all())


def load_places(conn: Connection, path: Path) -> int:
    """Insert places not yet present, parents before children, and their aliases.

    Rows go in level by level and ids are read back between levels, so every id comes from the
    table's own sequence (explicit ids would leave the sequence behind).
    """
    known = _codes_to_ids(conn)
    rows = [r for r in read_csv(path) if r["admin_code"] not in known]
    pending = rows
    while pending:
        ready = [r for r in pending if not r.get("parent_code") or r["parent_code"] in known]
        if not ready:
            codes = ", ".join(sorted({r["parent_code"] for r in pending})[:5])
            raise ValueError(f"{path}: parent codes not found: {codes}")
        bulk_insert_rows(
            conn,
            models.Place.__table__,
            [
                {"admin_code": r["admin_code"], "name_zh": r["name_zh"], "name_en": r.get("name_en") or None,
                 "level": r["level"], "parent_id": known.get(r.get("parent_code") or "")}
                for r in ready
            ],
        )
        known = _codes_to_ids(conn)
        pending = [r for r in pending if r["admin_code"] not in known]
    bulk_insert_rows(
        conn,
        models.PlaceAlias.__table__,
        [
            {"place_id": known[r["admin_code"]], "alias": alias}
            for r in rows
            for alias in both_scripts([r["name_zh"], *_split(r.get("aliases", ""))])
            if alias != r["name_zh"]
        ],
    )
    return len(rows)


def load_metrics(conn: Connection, path: Path) -> int:
    """Insert metrics not yet present, and every alias (both scripts) not yet taken."""
    rows = read_csv(path)
    have = set(conn.execute(select(models.Metric.code)).scalars())
    new = [r for r in rows if r["code"] not in have]
    bulk_insert_rows(
        conn,
        models.Metric.__table__,
        [
            {"code": r["code"], "name_zh": r["name_zh"], "short_zh": r.get("short_zh") or None, "name_en": r.get("name_en") or None,
             "change_default": r.get("change_default") or None, "target_sense": r.get("target_sense") or None}
            for r in new
        ],
    )
    ids = dict(conn.execute(select(models.Metric.code, models.Metric.id)).all())
    taken = set(conn.execute(select(models.MetricAlias.alias)).scalars())
    aliases = [{"metric_id": ids[code], "alias": alias} for code, alias in metric_aliases(rows, taken)]
    bulk_insert_rows(conn, models.MetricAlias.__table__, aliases)
    return len(new)


def metric_aliases(rows: list[dict[str, str]], taken: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(code, alias) for every name and synonym of metrics.csv rows, both scripts, in file order.

    An alias already taken (by the database, or by an earlier row) is left out: the first wins.
    """
    seen = set(taken)
    pairs: list[tuple[str, str]] = []
    for r in rows:
        for alias in both_scripts([r["name_zh"], *_split(r.get("aliases", ""))]):
            if alias not in seen:
                seen.add(alias)
                pairs.append((r["code"], alias))
    return pairs


def load_terms(conn: Connection, path: Path) -> int:
    """Insert lexicon terms not yet present; returns how many."""
    rows = read_csv(path)
    taken = set(conn.execute(select(models.Term.term)).scalars())
    new = [r for r in rows if r["term"] and r["term"] not in taken]
    bulk_insert_rows(
        conn,
        models.Term.__table__,
        [
            {"term": r["term"], "concept": _concept(r), "category": r.get("category") or None,
             "first_national_use": int(r["first_national_use"]) if r.get("first_national_use") else None,
             "note": r.get("note") or None}
            for r in _unique(new)
        ],
    )
    return len(new)


def _concept(row: dict[str, str]) -> str:
    return row.get("concept") or row["term"]


def _unique(rows: list[dict[str, str]]) -> Iterator[dict[str, str]]:
    seen: set[str] = set()
    for row in rows:
        if row["term"] not in seen:
            seen.add(row["term"])
            yield row


def new_database_lexicons(folder: Path) -> tuple[MetricLexicon, RhetoricLexicon]:
    """The lexicons a new database holds once the reference revision has loaded these files.

    Ingest's workers extract with these while a new database is still being migrated (see
    tracker.corpus.pipeline), and the writer keeps what they made only if the database's own
    lexicons turn out the same: a later revision may have added terms or synonyms.
    """
    from tracker.extract.lexicon import MetricLexicon
    from tracker.extract.rhetoric import RhetoricLexicon

    terms = [r for r in read_csv(folder / "terms.csv") if r["term"]]
    return (MetricLexicon.from_rows(metric_aliases(read_csv(folder / "metrics.csv"))),
            RhetoricLexicon.from_rows((r["term"], _concept(r)) for r in _unique(terms)))


def remove_terms(conn: Connection, path: Path) -> None:
    """Undo load_terms for the terms a CSV lists (and their counts)."""
    terms = [r["term"] for r in read_csv(path)]
    ids = select(models.Term.id).where(models.Term.term.in_(terms))
    conn.execute(delete(models.TermCount).where(models.TermCount.term_id.in_(ids)))
    conn.execute(delete(models.Term).where(models.Term.term.in_(terms)))


def remove_metrics(conn: Connection, path: Path) -> None:
    """Undo load_metrics for an additions CSV.

    The synonyms in its ``aliases`` column go; a metric the file introduced (one left with nothing
    but its own name) goes with its name. A synonym added to an existing metric (gdp) removes only
    that synonym.
    """
    rows = read_csv(path)
    synonyms = [a for r in rows for a in both_scripts(_split(r.get("aliases", "")))]
    conn.execute(delete(models.MetricAlias).where(models.MetricAlias.alias.in_(synonyms)))
    for r in rows:
        metric_id = conn.execute(select(models.Metric.id).where(models.Metric.code == r["code"])).scalar()
        if metric_id is None:
            continue
        left = set(conn.execute(select(models.MetricAlias.alias).where(models.MetricAlias.metric_id == metric_id)).scalars())
        if left <= set(both_scripts([r["name_zh"]])):
            conn.execute(delete(models.MetricAlias).where(models.MetricAlias.metric_id == metric_id))
            conn.execute(delete(models.Metric).where(models.Metric.id == metric_id))


def remove_all(conn: Connection) -> None:
    """Undo the first reference revision: every lexicon and place row goes."""
    for table in (models.TermCount, models.Term, models.MetricAlias, models.Metric, models.PlaceAlias, models.Place):
        conn.execute(delete(table))
