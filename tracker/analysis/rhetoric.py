"""The rhetoric view: per-year rates of each term for a place (or all), and its shift between periods.

Pure pandas over two query results: `rhetoric_by_year` (counts per place × year × term) and
`coverage` (characters per place × year, so years where a term is absent still count in the
denominator). Keyness and Log Ratio come from analysis.keyness.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tracker.analysis.keyness import Period, rate_by_year, shift_table

SIGNIFICANT_G2 = 3.84  # p < 0.05, χ² with one degree of freedom


@dataclass(frozen=True)
class RhetoricView:
    years: list[int]
    before: Period
    after: Period
    rates: pd.DataFrame  # index: key values; columns: years; values: per 10,000 characters
    shift: pd.DataFrame  # key, count_before, count_after, per10k_before, per10k_after, g2, log_ratio
    rising: pd.DataFrame
    fading: pd.DataFrame


def default_periods(years: list[int]) -> tuple[Period, Period]:
    """The first two and the last two years of the range (one each when only two or three years)."""
    if len(years) < 2:
        raise ValueError("a shift needs at least two years with documents")
    span = 2 if len(years) >= 4 else 1
    return (years[0], years[span - 1]), (years[-span], years[-1])


def rhetoric_view(
    counts: pd.DataFrame,
    sizes: pd.DataFrame,
    *,
    place: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    before: Period | None = None,
    after: Period | None = None,
    key: str = "term",
    top: int = 10,
) -> RhetoricView:
    """Rates and keyness for one place (or all places), limited to [year_from, year_to]."""
    counts = counts.copy()
    sizes = sizes.copy()
    if place is not None:
        counts = counts[counts["place"] == place]
        sizes = sizes[sizes["place"] == place]
    if year_from is not None:
        counts, sizes = counts[counts["year"] >= year_from], sizes[sizes["year"] >= year_from]
    if year_to is not None:
        counts, sizes = counts[counts["year"] <= year_to], sizes[sizes["year"] <= year_to]
    sizes = sizes[sizes["chars"] > 0]
    years = sorted(int(y) for y in sizes["year"].unique())
    if before is None or after is None:
        before, after = default_periods(years)
    # All places pooled: one corpus per year.
    pooled = counts.assign(place="all")
    pooled_sizes = sizes.assign(place="all").groupby(["place", "year"], as_index=False)["chars"].sum()
    rates = rate_by_year(pooled, key=key, sizes=pooled_sizes).T
    shift = shift_table(pooled, before, after, key=key, sizes=pooled_sizes)
    significant = shift[shift["g2"].abs() >= SIGNIFICANT_G2]
    rising = significant[significant["g2"] > 0].head(top)
    fading = significant[significant["g2"] < 0].sort_values("g2").head(top)
    return RhetoricView(years, before, after, rates, shift, rising, fading)
