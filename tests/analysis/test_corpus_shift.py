"""Rhetoric shift on the real corpus (../shared): the known story must come out of the numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.paths import requires_shared
from tracker.analysis.keyness import adoption_lag, rate_by_year, shift_table

pytestmark = requires_shared


@pytest.fixture(scope="module")
def concept_rates(corpus_counts: tuple[pd.DataFrame, pd.DataFrame]) -> pd.DataFrame:
    counts, sizes = corpus_counts
    return rate_by_year(counts, key="concept", sizes=sizes)


def test_new_quality_productive_forces_rise(concept_rates: pd.DataFrame) -> None:
    r = concept_rates["新质生产力"]
    # Coined by Xi in Heilongjiang in September 2023. The reports *published* in 2023 were delivered
    # in January–February 2023, before it existed, so 2023 is exactly 0 like 2019–2022 — the test
    # brief's "2024 > 2023 > 2019–2022" is "2024 > 2023 = 2019–2022 = 0" on this corpus.
    assert all(r.loc[y] == 0.0 for y in range(2019, 2024))
    assert r.loc[2024] > 0.5  # per 10k chars (measured 0.84)
    assert r.loc[2025] > r.loc[2024]  # and it keeps rising


def test_pandemic_control_peaks_2020_to_2022(concept_rates: pd.DataFrame) -> None:
    r = concept_rates["疫情防控"]
    assert 2020 <= int(r.loc[2019:2024].idxmax()) <= 2022
    # Before 2020 the phrase is rare (animal epidemics, dengue); after the 2023 exit it collapses.
    assert r.loc[2019] < r.max() / 10
    assert r.loc[2024] < r.max() / 10
    # 常态化疫情防控 ("regular" control) starts with the May 2020 policy and is gone by 2024.
    n = concept_rates["常态化疫情防控"]
    assert n.loc[2019] == 0.0 and n.loc[2021] > 0 and n.loc[2024] == 0.0


def test_six_stabilities_and_six_guarantees_belong_to_2020(concept_rates: pd.DataFrame) -> None:
    six_guarantees = concept_rates["六保"]
    assert six_guarantees.loc[2019] == 0.0
    assert 2020 <= int(six_guarantees.idxmax()) <= 2022


def test_shift_2019_2020_vs_2023_2024(corpus_counts: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    counts, sizes = corpus_counts
    t = shift_table(counts, (2019, 2020), (2023, 2024), key="concept", sizes=sizes)
    t = t.set_index("concept")
    rising = {"新质生产力", "中国式现代化", "碳达峰碳中和", "新发展格局", "统筹发展和安全"}
    falling = {"全面建成小康社会", "三大攻坚战", "脱贫攻坚", "六稳"}
    for c in rising:
        assert t.loc[c, "g2"] > 15.13 and t.loc[c, "log_ratio"] > 2, c
    for c in falling:
        assert t.loc[c, "g2"] < -15.13 and t.loc[c, "log_ratio"] < -1, c
    top10 = set(t.index[:10])
    assert {"碳达峰碳中和", "中国式现代化", "新发展格局"} <= top10


def test_adoption_lag_on_corpus(corpus_counts: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    counts, _ = corpus_counts
    lag = adoption_lag(counts, key="concept", national_first={"新质生产力": 2023, "六保": 2020})
    nqpf = lag[lag["concept"] == "新质生产力"]
    assert (nqpf["corpus_first_year"] == 2024).all()
    assert (nqpf["lag_vs_national"] >= 1).all()
    six = lag[lag["concept"] == "六保"]
    assert (six["corpus_first_year"] == 2020).all() and six["lag_years"].between(0, 3).all()
