"""Rhetoric through the database: seeds, the corpus, the SQL keyness against the pandas one."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tests.cli_helpers import tracker
from tests.paths import ROOT
from tracker.analysis.keyness import shift_table


def frame(db, sql: str) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(sql).df()


BY_YEAR = (ROOT / "queries" / "rhetoric_by_year.sql").read_text(encoding="utf-8")
SHIFT = (ROOT / "queries" / "rhetoric_shift.sql").read_text(encoding="utf-8")


def test_seed_slogans_belong_to_their_years(seeded_template):  # type: ignore[no-untyped-def]
    rows = frame(seeded_template, BY_YEAR)
    years_of = lambda term: sorted(set(rows.loc[rows["term"] == term, "year"]))  # noqa: E731
    assert years_of("六稳") == [2020] and years_of("六保") == [2020]
    assert years_of("新质生产力") == [2024]


def test_corpus_new_quality_productive_forces_rise_and_epidemic_control_peaks(corpus_db):  # type: ignore[no-untyped-def]
    rows = frame(corpus_db, BY_YEAR)
    pooled = rows.groupby(["year", "term"])["count"].sum().unstack(fill_value=0)
    chars = frame(corpus_db, (ROOT / "queries" / "coverage.sql").read_text(encoding="utf-8")).groupby("year")["chars"].sum()
    rate = pooled.div(chars, axis=0).mul(10_000).fillna(0)
    assert all(rate.loc[y, "新质生产力"] == 0 for y in range(2019, 2024))
    assert rate.loc[2024, "新质生产力"] > 0.3 and rate.loc[2025, "新质生产力"] > rate.loc[2024, "新质生产力"]
    peak = int(rate.loc[2019:2024, "疫情防控"].idxmax())
    assert peak in (2020, 2021, 2022)
    assert rate.loc[2024, "疫情防控"] < rate.loc[peak, "疫情防控"] / 5


def test_sql_keyness_agrees_with_the_pandas_keyness(corpus_db):  # type: ignore[no-untyped-def]
    sql = frame(corpus_db, SHIFT).set_index("term")
    counts = frame(corpus_db, BY_YEAR)
    sizes = frame(corpus_db, (ROOT / "queries" / "coverage.sql").read_text(encoding="utf-8"))
    pooled = counts.assign(place="all")
    pooled_sizes = sizes.assign(place="all").groupby(["place", "year"], as_index=False)["chars"].sum()
    pandas_view = shift_table(pooled, (2019, 2020), (2023, 2024), sizes=pooled_sizes).set_index("term")
    for term in ("新发展格局", "全面建成小康社会", "高质量发展", "六稳"):
        assert sql.loc[term, "g2"] == pytest.approx(pandas_view.loc[term, "g2"], abs=0.01), term
        assert sql.loc[term, "log_ratio"] == pytest.approx(pandas_view.loc[term, "log_ratio"], abs=0.01), term
    assert sql.loc["新发展格局", "direction"] == "rising"
    assert sql.loc["全面建成小康社会", "direction"] == "fading"


def test_rhetoric_command_shows_rising_and_fading_terms(corpus_db):  # type: ignore[no-untyped-def]
    result = tracker("rhetoric", "--from", "2019", "--to", "2024", "--top", "5", "--width", "100", db=str(corpus_db))
    assert result.returncode == 0, result.stderr
    assert "↑" in result.stdout and "↓" in result.stdout
    assert "全面建成小康社会" in result.stdout
    one_place = tracker("rhetoric", "--place", "厦门", "--from", "2019", "--to", "2024", db=str(corpus_db))
    assert one_place.returncode == 0, one_place.stderr
    assert "厦门市" in one_place.stdout
    unknown = tracker("rhetoric", "--place", "亚特兰蒂斯", db=str(corpus_db))
    assert unknown.returncode == 2 and "unknown place" in unknown.stderr
