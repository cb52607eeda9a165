"""Keyness statistics against values worked out by hand, and the shift/first-use tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tracker.analysis.keyness import (
    adoption_lag,
    first_last_use,
    g2_p_value,
    keyness_frame,
    log_likelihood_g2,
    log_ratio,
    period_label,
    rate_by_year,
    shift_table,
)


def test_g2_equal_sizes_by_hand() -> None:
    # Target (later) a = 30 hits in c = 10,000 chars; reference b = 10 in d = 10,000.
    #   E1 = c·(a+b)/(c+d) = 10000·40/20000 = 20      E2 = d·(a+b)/(c+d) = 20
    #   G² = 2·(30·ln(30/20) + 10·ln(10/20))
    #      = 2·(30·0.4054651 − 10·0.6931472) = 2·(12.163953 − 6.931472) = 2·5.232481 = 10.464962
    #   sign +, because 30/10000 > 10/10000
    assert log_likelihood_g2(30, 10, 10_000, 10_000) == pytest.approx(10.464962, abs=1e-6)
    # Swapping the periods flips only the sign.
    assert log_likelihood_g2(10, 30, 10_000, 10_000) == pytest.approx(-10.464962, abs=1e-6)
    #   Log Ratio = log2((30/10000)/(10/10000)) = log2(3) = 1.5849625
    assert log_ratio(30, 10, 10_000, 10_000) == pytest.approx(1.5849625, abs=1e-7)
    assert log_ratio(10, 30, 10_000, 10_000) == pytest.approx(-1.5849625, abs=1e-7)
    # p for G² = 10.46 (χ², 1 d.f.) is just above 0.001 (critical value 10.83).
    assert 0.001 < g2_p_value(10.464962) < 0.01


def test_g2_unequal_sizes_and_zero_cell_by_hand() -> None:
    # a = 5 in c = 20,000; b = 0 in d = 10,000 (a new slogan).
    #   E1 = 20000·5/30000 = 3.333333   E2 = 10000·5/30000 = 1.666667
    #   G² = 2·(5·ln(5/3.333333) + 0) = 10·ln(1.5) = 4.0546511   (0·ln 0 taken as 0)
    assert log_likelihood_g2(5, 0, 20_000, 10_000) == pytest.approx(4.0546511, abs=1e-6)
    # Log Ratio with the zero cell replaced by 0.5:
    #   log2((5/20000)/(0.5/10000)) = log2(0.00025/0.00005) = log2(5) = 2.3219281
    assert log_ratio(5, 0, 20_000, 10_000) == pytest.approx(2.3219281, abs=1e-7)
    # A term that disappeared: b = 4 → a = 0, equal sizes: log2(0.5/4) = −3.
    assert log_ratio(0, 4, 1000, 1000) == pytest.approx(-3.0)


def test_degenerate_inputs_are_zero() -> None:
    assert log_likelihood_g2(0, 0, 100, 100) == 0.0
    assert log_likelihood_g2(3, 1, 0, 100) == 0.0
    assert log_ratio(0, 0, 100, 100) == 0.0
    assert log_likelihood_g2(7, 7, 500, 500) == pytest.approx(0.0, abs=1e-12)


def test_vectorised_matches_scalar() -> None:
    cases = [(30, 10, 10_000, 10_000), (5, 0, 20_000, 10_000), (0, 4, 1000, 1000), (2, 9, 7e5, 3e5)]
    frame = keyness_frame(
        pd.Series([c[0] for c in cases]),
        pd.Series([c[1] for c in cases]),
        pd.Series([c[2] for c in cases]),
        pd.Series([c[3] for c in cases]),
    )
    for row, (a, b, c, d) in zip(frame.itertuples(), cases, strict=True):
        assert row.g2 == pytest.approx(log_likelihood_g2(a, b, c, d))
        assert row.log_ratio == pytest.approx(log_ratio(a, b, c, d))
        assert row.p_value == pytest.approx(g2_p_value(row.g2))


def _toy_counts() -> pd.DataFrame:
    # Two places, one document per place-year. Sizes in characters.
    #   厦门 2019: 10,000 chars, 六稳 10          厦门 2024: 10,000 chars, 新质生产力 30, 六稳 0
    #   青岛 2019: 10,000 chars, (no hits)        青岛 2024: 10,000 chars, 新质生产力 10
    #   青岛 2020:  5,000 chars, 六稳 5
    return pd.DataFrame(
        [
            ("厦门", 2019, "六稳", 10, 10_000),
            ("厦门", 2024, "新质生产力", 30, 10_000),
            ("青岛", 2019, "六稳", 0, 10_000),  # zero row: carries the size of a hit-less document
            ("青岛", 2020, "六稳", 5, 5_000),
            ("青岛", 2024, "新质生产力", 10, 10_000),
        ],
        columns=["place", "year", "term", "count", "chars"],
    )


def test_shift_table_all_places_by_hand() -> None:
    t = shift_table(_toy_counts(), (2019, 2020), 2024).set_index("term")
    # Before = 2019–2020: chars 10000 + 10000 + 5000 = 25,000; after = 2024: 20,000.
    # 新质生产力: b = 0, a = 40.  E1 = 20000·40/45000 = 17.777778; G² = 2·40·ln(40/17.777778)
    #   = 80·ln(2.25) = 80·0.8109302 = 64.874420.  LR = log2((40/20000)/(0.5/25000)) = log2(100)
    # 六稳: b = 15, a = 0.  E2 = 25000·15/45000 = 8.333333; G² = −2·15·ln(15/8.333333)
    #   = −30·ln(1.8) = −30·0.5877867 = −17.633600.  LR = log2((0.5/20000)/(15/25000)) = log2(1/24)
    assert t.loc["新质生产力", "g2"] == pytest.approx(64.874420, abs=1e-5)
    assert t.loc["新质生产力", "log_ratio"] == pytest.approx(math.log2(100))
    assert t.loc["六稳", "g2"] == pytest.approx(-17.633600, abs=1e-5)
    assert t.loc["六稳", "log_ratio"] == pytest.approx(math.log2(1 / 24))
    # Rates per 10k chars: 六稳 15/25000·10^4 = 6.0 before; 新质生产力 40/20000·10^4 = 20.0 after.
    assert t.loc["六稳", "per10k_before"] == pytest.approx(6.0)
    assert t.loc["新质生产力", "per10k_after"] == pytest.approx(20.0)
    assert t.loc["新质生产力", "chars_before"] == 25_000
    assert list(t.index) == ["新质生产力", "六稳"]  # risers first


def test_shift_table_by_place() -> None:
    t = shift_table(_toy_counts(), (2019, 2020), 2024, by_place=True)
    t = t.set_index(["place", "term"])
    # 青岛 新质生产力: a = 10 in 10000, b = 0 in 15000.  E1 = 10000·10/25000 = 4;
    #   G² = 2·10·ln(10/4) = 20·0.9162907 = 18.325815
    assert t.loc[("青岛", "新质生产力"), "g2"] == pytest.approx(18.325815, abs=1e-5)
    assert t.loc[("厦门", "六稳"), "count_before"] == 10
    assert t.loc[("厦门", "六稳"), "count_after"] == 0


def test_sizes_override_when_counts_miss_documents() -> None:
    counts = _toy_counts()
    counts = counts[counts["count"] > 0]  # the 青岛 2019 document now has no row at all
    sizes = pd.DataFrame(
        [("厦门", 2019, 10_000), ("青岛", 2019, 10_000), ("青岛", 2020, 5_000),
         ("厦门", 2024, 10_000), ("青岛", 2024, 10_000)],
        columns=["place", "year", "chars"],
    )
    t = shift_table(counts, (2019, 2020), 2024, sizes=sizes).set_index("term")
    assert t.loc["新质生产力", "chars_before"] == 25_000
    assert t.loc["新质生产力", "g2"] == pytest.approx(64.874420, abs=1e-5)
    # Without sizes the hit-less document is invisible and the denominator shrinks to 15,000.
    t2 = shift_table(counts, (2019, 2020), 2024).set_index("term")
    assert t2.loc["新质生产力", "chars_before"] == 15_000


def test_rate_by_year() -> None:
    r = rate_by_year(_toy_counts())
    # 2019: 六稳 10 in 20,000 chars → 5.0; 2020: 5 in 5,000 → 10.0; 2024: 新质生产力 40/20000 → 20.0
    assert r.loc[2019, "六稳"] == pytest.approx(5.0)
    assert r.loc[2020, "六稳"] == pytest.approx(10.0)
    assert r.loc[2024, "新质生产力"] == pytest.approx(20.0)
    assert r.loc[2019, "新质生产力"] == 0.0
    assert rate_by_year(_toy_counts(), place="青岛").loc[2019, "六稳"] == 0.0


def test_first_last_and_lag() -> None:
    counts = pd.DataFrame(
        [
            ("厦门", 2020, "六保", 3, 1),
            ("厦门", 2022, "六保", 1, 1),
            ("青岛", 2021, "六保", 2, 1),
            ("温州", 2021, "六保", 0, 1),  # a zero is not a use
            ("温州", 2024, "新质生产力", 2, 1),
        ],
        columns=["place", "year", "term", "count", "chars"],
    )
    fl = first_last_use(counts).set_index(["place", "term"])
    assert tuple(fl.loc[("厦门", "六保"), ["first_year", "last_year", "years_present", "total"]]) == (
        2020, 2022, 2, 4,
    )
    assert ("温州", "六保") not in fl.index
    lag = adoption_lag(counts, national_first={"六保": 2020, "新质生产力": 2023})
    lag = lag.set_index(["term", "place"])
    assert lag.loc[("六保", "厦门"), "lag_years"] == 0
    assert lag.loc[("六保", "青岛"), "lag_years"] == 1
    assert lag.loc[("六保", "青岛"), "first_places"] == "厦门"
    assert lag.loc[("新质生产力", "温州"), "lag_vs_national"] == 1


def test_period_label() -> None:
    assert period_label(2024) == "2024"
    assert period_label((2019, 2020)) == "2019–2020"
    with pytest.raises(ValueError):
        shift_table(_toy_counts(), (2020, 2019), 2024)
