"""Target changes, delivery, history, as-of and corrections, checked against the report texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import tracker


def query(db: str | Path, name: str, *where: str) -> list[dict]:  # type: ignore[type-arg]
    args = ["query", name, "--format", "jsonl"]
    for expression in where:
        args += ["--where", expression]
    result = tracker(*args, db=str(db))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def by_year(rows: list[dict]) -> dict[int, dict]:  # type: ignore[type-arg]
    return {int(r["year"]): r for r in rows}


def test_xiamen_gdp_target_changes_match_the_reports(corpus_db):  # type: ignore[no-untyped-def]
    rows = by_year(query(corpus_db, "target_changes", "place=厦门市", "metric=gdp", "change=growth"))
    # 2018: 8.5%左右; 2019: 8%左右; 2020: 7.5%左右; 2021: 7.5%以上; 2022: 7.5%左右; 2023: 6.5%; 2024: 5.5%左右
    assert (rows[2019]["prev_value"], rows[2019]["value"], rows[2019]["move"]) == (8.5, 8.0, "lowered")
    assert rows[2019]["delta"] == -0.5
    assert (rows[2020]["value"], rows[2020]["move"]) == (7.5, "lowered")
    assert (rows[2021]["move"], rows[2021]["wording"], rows[2021]["qualifier"]) == ("held", "hardened", "以上")
    assert (rows[2022]["move"], rows[2022]["wording"], rows[2022]["qualifier"]) == ("held", "softened", "左右")
    assert (rows[2023]["value"], rows[2023]["move"]) == (6.5, "lowered")
    assert (rows[2024]["prev_value"], rows[2024]["value"], rows[2024]["move"]) == (6.5, 5.5, "lowered")
    assert "地区生产总值增长5.5%左右" in rows[2024]["quote"]
    assert "地区生产总值增长6.5%" in rows[2024]["prev_quote"]


def test_xiamen_gdp_target_vs_actual_matches_the_reports(corpus_db):  # type: ignore[no-untyped-def]
    rows = by_year(query(corpus_db, "target_vs_actual", "place=厦门市", "metric=gdp", "change=growth"))
    # 2019 target 8%左右, outcome 8% (2020 report): met. 2020 target 7.5%左右, outcome 5.7%: missed.
    # 2021 target 7.5%以上, outcome 8.1%: met. 2023 target 6.5%, outcome 3.1% (2024 report): missed.
    assert (rows[2019]["actual_value"], rows[2019]["gap"], rows[2019]["status"]) == (8.0, 0.0, "met")
    assert (rows[2020]["actual_value"], rows[2020]["gap"], rows[2020]["status"]) == (5.7, -1.8, "missed")
    assert (rows[2021]["actual_value"], rows[2021]["status"], rows[2021]["band"]) == (8.1, "met", "above")
    assert (rows[2023]["actual_value"], rows[2023]["gap"], rows[2023]["status"]) == (3.1, -3.4, "missed")
    assert "增长3.1%" in rows[2023]["actual_quote"]


def test_ceiling_metrics_are_met_below_the_target(seeded_db, tmp_path):  # type: ignore[no-untyped-def]
    # A synthetic next-year report gives 2024's CPI outcome 0.5% against the 2024 target 3%左右.
    doc = tmp_path / "xiamen-2025.txt"
    doc.write_text(
        "2025年厦门市政府工作报告\n一、2024年工作回顾\n2024年，全市地区生产总值增长5.9%，居民消费价格上涨0.5%。\n",
        encoding="utf-8",
    )
    result = tracker("ingest", str(doc), "--place", "厦门市", "--date", "2025-01-10", "--doc-type", "work_report",
                     db=seeded_db)
    assert result.returncode == 0, result.stderr
    rows = {r["metric"]: r for r in query(seeded_db, "target_vs_actual", "year=2024", "place=厦门市")}
    assert (rows["cpi"]["actual_value"], rows["cpi"]["status"], rows["cpi"]["band"]) == (0.5, "met", "below")
    assert (rows["gdp"]["actual_value"], rows["gdp"]["status"]) == (5.9, "met")


def test_as_of_gives_the_answers_either_side_of_a_revision(seeded_db, tmp_path):  # type: ignore[no-untyped-def]
    doc = tmp_path / "revision.txt"
    doc.write_text(
        "厦门市召开上半年经济形势分析会\n会议确定，今年全市地区生产总值增长目标调整为5%左右。\n",
        encoding="utf-8",
    )
    result = tracker("ingest", str(doc), "--place", "厦门市", "--date", "2024-07-20", "--doc-type", "meeting",
                     db=seeded_db)
    assert result.returncode == 0, result.stderr

    def gdp_target(day: str) -> list[float]:
        rows = tracker("query", "as_of", "--as-of", day, "--where", "place=厦门市", "--where", "metric=gdp",
                       "--where", "kind=target", "--where", "period=2024", "--format", "jsonl", db=seeded_db)
        assert rows.returncode == 0, rows.stderr
        return [json.loads(line)["value"] for line in rows.stdout.splitlines()]

    assert gdp_target("2024-07-19") == [5.5]
    assert gdp_target("2024-07-20") == [5.0]
    assert gdp_target("2024-01-10") == []  # before the report was delivered
    history = query(seeded_db, "commitment_history", "place=厦门市", "metric=gdp", "kind=target", "period=2024")
    assert [(h["version"], h["value"], h["changed"]) for h in history] == [(1, 5.5, "first"), (2, 5.0, "value")]


def test_a_correction_is_read_through_and_survives_reextraction(seeded_db):  # type: ignore[no-untyped-def]
    target = [r for r in query(seeded_db, "targets_by_year", "place=厦门市", "metric=fixed_asset_investment")][0]
    assert target["value"] == 6.0
    fixed = tracker("correct", str(target["commitment_id"]), "value", "6.5", "--note", "checked against the printed report",
                    db=seeded_db)
    assert fixed.returncode == 0, fixed.stderr
    assert query(seeded_db, "targets_by_year", "place=厦门市", "metric=fixed_asset_investment")[0]["value"] == 6.5
    exported = tracker("export", "commitments", "--format", "jsonl", db=seeded_db)
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [r["value"] for r in rows if r["id"] == target["commitment_id"]] == [6.5]

    from tracker.corpus.reextract import reextract
    from tracker.corpus.store import load_lexicons
    from tracker.db import connect, open_engine

    engine = open_engine(seeded_db)
    with connect(engine) as conn:
        assert reextract(conn, load_lexicons(conn)) == 5
    engine.dispose()
    again = query(seeded_db, "targets_by_year", "place=厦门市", "metric=fixed_asset_investment")[0]
    assert again["value"] == 6.5 and again["commitment_id"] != target["commitment_id"]

    bad = tracker("correct", str(target["commitment_id"]), "value", "six", db=seeded_db)
    assert bad.returncode == 2 and "number" in bad.stderr
    bad_field = tracker("correct", str(again["commitment_id"]), "quote", "x", db=seeded_db)
    assert bad_field.returncode == 2 and "cannot correct" in bad_field.stderr


def test_checks_find_nothing_on_the_corpus(corpus_db):  # type: ignore[no-untyped-def]
    from tests.paths import ROOT
    from tracker.queries import list_checks

    import duckdb

    with duckdb.connect(str(corpus_db), read_only=True) as conn:
        for check in list_checks(ROOT / "queries"):
            rows = conn.execute(check.sql).fetchall()
            assert rows == [], (check.name, rows[:3])
