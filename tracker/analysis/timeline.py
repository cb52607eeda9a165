"""The timeline of a place: one row per metric and year, its target, its outcome and how they relate.

Pure pandas over query results (targets_by_year, actuals_by_year, target_changes,
target_vs_actual, metrics): the grid the report draws, with nothing formatted yet. Missing stays
missing (NaN / None), never zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

KEY = ["metric", "change"]
# Order of rows: the headline indicators first, as work reports list them.
HEADLINE = ["gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales", "foreign_trade", "exports",
            "budget_revenue_total", "budget_revenue_local", "disposable_income", "disposable_income_urban",
            "disposable_income_rural", "cpi", "unemployment_rate", "new_urban_jobs", "rd_intensity", "fdi_utilized"]


@dataclass(frozen=True)
class Timeline:
    place: str
    years: list[int]
    rows: pd.DataFrame  # metric, change, label: one per grid row, in display order
    cells: pd.DataFrame  # metric, change, year, target_*, actual_*, status, move, wording, gap


def year_window(available: list[int], year_from: int | None, year_to: int | None, span: int = 6) -> list[int]:
    """The years to show: the asked range, else the last ``span`` years that have data."""
    if not available:
        return []
    last = year_to if year_to is not None else max(available)
    first = year_from if year_from is not None else max(min(available), last - span + 1)
    return list(range(first, last + 1))


def build_timeline(
    place: str,
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    changes: pd.DataFrame,
    delivery: pd.DataFrame,
    metrics: pd.DataFrame,
    *,
    year_from: int | None = None,
    year_to: int | None = None,
    metric: str | None = None,
    span: int = 6,
    targets_only: bool = True,
) -> Timeline:
    """Assemble the grid for one place from the query results (each already filtered to the place).

    With ``targets_only`` a row appears only if the place set a target for it in the window: the
    story is about targets; outcomes nobody promised are detail (ask for a metric to see them).
    """
    frames = [f[f["place"] == place] if "place" in f else f for f in (targets, actuals, changes, delivery)]
    targets, actuals, changes, delivery = frames
    if metric is not None:
        targets, actuals, changes, delivery = (f[f["metric"] == metric] for f in (targets, actuals, changes, delivery))
    available = sorted({int(y) for y in pd.concat([targets["year"], actuals["year"]]).dropna()})
    years = year_window(available, year_from, year_to, span)
    targets = targets[targets["year"].isin(years)]
    actuals = actuals[actuals["year"].isin(years)]

    t = targets.rename(columns={c: f"target_{c}" for c in targets.columns if c not in KEY + ["year", "place", "admin_code"]})
    a = actuals.rename(columns={c: f"actual_{c}" for c in actuals.columns if c not in KEY + ["year", "place", "admin_code"]})
    cells = t.drop(columns=["place", "admin_code"], errors="ignore").merge(
        a.drop(columns=["place", "admin_code"], errors="ignore"), on=KEY + ["year"], how="outer"
    )
    moves = changes[KEY + ["year", "move", "wording", "delta"]] if not changes.empty else pd.DataFrame(columns=KEY + ["year", "move", "wording", "delta"])
    judged = delivery[KEY + ["year", "status", "band", "gap"]] if not delivery.empty else pd.DataFrame(columns=KEY + ["year", "status", "band", "gap"])
    cells = cells.merge(moves, on=KEY + ["year"], how="left").merge(judged, on=KEY + ["year"], how="left")

    names = dict(zip(metrics["metric"], metrics["short_zh"], strict=True)) if not metrics.empty else {}
    pairs = cells[KEY].drop_duplicates()
    if targets_only and metric is None:
        with_target = cells.loc[cells["target_commitment_id"].notna(), KEY].drop_duplicates()
        pairs = pairs.merge(with_target, on=KEY)
        cells = cells.merge(with_target, on=KEY)
    order = {m: i for i, m in enumerate(HEADLINE)}
    rows = pairs.assign(
        order=pairs["metric"].map(lambda m: order.get(m, len(order))),
        level_last=pairs["change"].map(lambda c: 0 if c == "growth" else 1),
        # A level row is marked only when the same metric also has a growth row.
        label=[names.get(m, m) + ("" if c == "growth" or (pairs["metric"] == m).sum() == 1
                                  else f"({_CHANGE_LABEL.get(c, c)})")
               for m, c in zip(pairs["metric"], pairs["change"], strict=True)],
    ).sort_values(["order", "metric", "level_last"])[["metric", "change", "label"]].reset_index(drop=True)
    return Timeline(place, years, rows, cells.reset_index(drop=True))


_CHANGE_LABEL = {"level": "量", "share": "比重", "points": "百分点"}


def part_year_statements(history: pd.DataFrame, place: str, years: list[int], top: int = 8) -> pd.DataFrame:
    """Metric-coded statements about part of a year (2020-H1, 2019-Q1, a month) within the window:
    news and meetings report these, and the year grid has no cell for them."""
    h = history[(history["place"] == place) & (history["period"].str.len() != 4)].copy()
    h = h[~h["period"].str.contains(r"^\d{4}-\d{4}$", regex=True)]  # multi-year plans are not part-years
    h["year"] = h["period"].str[:4].astype(int)
    h = h[h["year"].isin(years)]
    return h.sort_values(["period", "metric", "kind"], kind="mergesort").head(top).reset_index(drop=True)


def notable_changes(changes: pd.DataFrame, delivery: pd.DataFrame, place: str, years: list[int],
                    top: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The biggest target moves (by |delta|, then softened/hardened wording) and the largest misses."""
    c = changes[(changes["place"] == place) & changes["year"].isin(years)]
    moved = c[c["move"].isin(["raised", "lowered"]) | c["wording"].isin(["softened", "hardened"])].copy()
    moved["size"] = moved["delta"].abs().fillna(0)
    moved = moved.sort_values(["size", "year", "metric", "change"], ascending=[False, False, True, True],
                              kind="mergesort").head(top)
    d = delivery[(delivery["place"] == place) & delivery["year"].isin(years) & (delivery["status"] == "missed")].copy()
    d["size"] = d["gap"].abs()
    misses = d.sort_values(["size", "year", "metric", "change"], ascending=[False, False, True, True],
                           kind="mergesort").head(top)
    return moved.reset_index(drop=True), misses.reset_index(drop=True)
