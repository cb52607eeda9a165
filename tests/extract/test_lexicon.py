"""Metric lexicon: built from rows, longest alias first, framing guards on both sides."""

from __future__ import annotations

import pytest

from tests.extract._support import lexicon
from tracker.extract import MetricLexicon


def test_from_rows_longest_first() -> None:
    lex = MetricLexicon.from_rows([("local", "一般公共预算收入"), ("total", "一般公共预算总收入")])
    assert lex.code_for("一般公共预算总收入") == "total"
    assert lex.code_for("地方一般公共预算收入") is None  # not in these rows
    assert lex.code_for("一般公共预算收入") == "local"


@pytest.mark.parametrize(
    ("subject", "code"),
    [
        ("一般公共预算总收入", "budget_revenue_total"),
        ("财政总收入", "budget_revenue_total"),
        ("地方一般公共预算收入", "budget_revenue_local"),
        ("一般公共预算收入", "budget_revenue_local"),
        ("地方级财政收入", "budget_revenue_local"),
        ("全市生产总值", "gdp"),
        ("2023年全市地区生产总值", "gdp"),
        ("城镇居民人均可支配收入", "disposable_income_urban"),
        ("农村常住居民人均可支配收入", "disposable_income_rural"),
        ("居民消费价格涨幅", "cpi"),
        ("外贸进出口总额增速", "foreign_trade"),
        ("全社会研发经费支出占地区生产总值比重", "rd_intensity"),
        # Look-alikes stay apart or uncoded.
        ("单位地区生产总值能耗", "energy_intensity"),
        ("人均生产总值", None),
        ("跨境电商进出口额", None),
        ("第三产业增加值占全市生产总值的比重", None),
        ("占全市生产总值", None),
        ("全社会研发投入", None),
        ("新增就业岗位", None),
    ],
)
def test_reference_aliases(subject: str, code: str | None) -> None:
    assert lexicon().code_for(subject) == code


def test_csv_codes_cover_contract() -> None:
    need = {
        "gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales", "budget_revenue_total",
        "budget_revenue_local", "cpi", "disposable_income", "disposable_income_urban", "disposable_income_rural",
        "foreign_trade", "exports", "new_urban_jobs", "unemployment_rate", "rd_intensity", "fdi_utilized",
        "industrial_investment", "private_investment", "manufacturing_investment", "industrial_land",
    }
    assert need <= lexicon().codes
