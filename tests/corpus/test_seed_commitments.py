"""The seeds, built into a real database by the migrations, hold the commitments a reader expects.

These are the issue's named cases, read back from DuckDB: Xiamen's 2024 targets and 2023 outcomes,
the West Coast New Area's 2020 investment goal, Wenzhou's binding land target, and nothing at all
from the interview whose digits were stripped.
"""

from __future__ import annotations

import duckdb
import pytest


@pytest.fixture(scope="module")
def commitments(seeded_template) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    with duckdb.connect(str(seeded_template), read_only=True) as conn:
        cursor = conn.execute(
            "SELECT c.*, d.file, d.text FROM commitments c JOIN documents_with_text d ON d.id = c.document_id"
        )
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def find(rows: list[dict], file_part: str, **fields: object) -> list[dict]:  # type: ignore[type-arg]
    return [r for r in rows if file_part in r["file"] and all(r[k] == v for k, v in fields.items())]


XIAMEN_2024_TARGETS = [
    ("gdp", 5.5, "左右", "approx", None),
    ("industrial_value_added", 8.0, "左右", "approx", None),
    ("fixed_asset_investment", 6.0, "左右", "approx", None),
    ("budget_revenue_total", 5.5, "左右", "approx", None),  # …均增长5.5%左右
    ("budget_revenue_local", 5.5, "左右", "approx", None),
    ("retail_sales", 5.5, "左右", "approx", None),
    ("cpi", 3.0, "左右", "approx", None),  # 居民消费价格涨幅控制在3%左右
    ("foreign_trade", None, None, None, "高于全省"),
    ("disposable_income", None, None, None, "与经济增长保持同步"),
]


@pytest.mark.parametrize(("metric", "value", "qualifier", "bound", "relation"), XIAMEN_2024_TARGETS)
def test_xiamen_2024_targets(commitments, metric, value, qualifier, bound, relation):  # type: ignore[no-untyped-def]
    rows = find(commitments, "xiamen-2024", metric_code=metric, kind="target", period="2024", change="growth")
    assert len(rows) == 1, rows
    row = rows[0]
    assert (row["value"], row["qualifier"], row["bound"], row["relation"]) == (value, qualifier, bound, relation)
    assert row["unit"] == ("%" if value is not None else None)


XIAMEN_2023_OUTCOMES = [
    ("gdp", 3.1, None),
    ("fixed_asset_investment", 0.5, None),
    ("retail_sales", 2.9, None),
    ("budget_revenue_total", 5.6, None),  # 分别增长5.6%和5.5%, in order
    ("budget_revenue_local", 5.5, None),
    ("industrial_value_added", None, "与上年持平"),
]


@pytest.mark.parametrize(("metric", "value", "relation"), XIAMEN_2023_OUTCOMES)
def test_xiamen_2023_outcomes_from_the_2024_report(commitments, metric, value, relation):  # type: ignore[no-untyped-def]
    rows = find(commitments, "xiamen-2024", metric_code=metric, kind="actual", period="2023", change="growth")
    assert [(r["value"], r["relation"]) for r in rows] == [(value, relation)]


def test_west_coast_2020_investment_goal(commitments):  # type: ignore[no-untyped-def]
    rows = find(commitments, "qingdao-west-coast", kind="target", value=25.0, unit="%")
    assert len(rows) == 1
    assert rows[0]["period"] == "2020" and rows[0]["change"] == "growth"
    assert "投资增长25%" in rows[0]["quote"]


def test_wenzhou_binding_industrial_land_target(commitments):  # type: ignore[no-untyped-def]
    rows = find(commitments, "wenzhou", metric_code="industrial_land", kind="target")
    assert len(rows) == 1
    row = rows[0]
    assert (row["value"], row["unit"], row["qualifier"], row["bound"], row["strength"], row["strength_word"]) == (
        1.0, "万亩", "以上", "min", "binding", "确保")
    assert row["value_base"] == 10000.0 and row["unit_base"] == "亩"


def test_the_digit_stripped_interview_yields_no_values(commitments):  # type: ignore[no-untyped-def]
    rows = find(commitments, "interview")
    assert [r for r in rows if r["value"] is not None or r["value_low"] is not None] == []


def test_every_quote_is_its_documents_text_at_its_offsets(commitments):  # type: ignore[no-untyped-def]
    assert commitments
    for row in commitments:
        assert row["text"][row["char_start"]:row["char_end"]] == row["quote"], row["id"]
        if row["value_low"] is not None:
            assert row["value_low"] <= row["value_high"]


def test_chrome_and_unrelated_news_yield_nothing(commitments):  # type: ignore[no-untyped-def]
    quotes = " ".join(r["quote"] for r in commitments)
    for chrome in ("145312", "签到", "721", "55岁", "118分钟"):
        assert chrome not in quotes
