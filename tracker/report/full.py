"""The whole report from the query results: one section per place, in name order.

Takes the DataFrames of the report's queries (see REPORT_QUERIES) and returns Rich renderables;
the caller decides where they go (terminal, HTML, SVG).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from tracker.analysis.rhetoric import rhetoric_view
from tracker.analysis.timeline import build_timeline, notable_changes, part_year_statements
from tracker.report.place import place_report, rhetoric_section

if TYPE_CHECKING:
    from rich.console import RenderableType

REPORT_QUERIES = ["targets_by_year", "actuals_by_year", "target_changes", "target_vs_actual", "metrics",
                  "documents", "rhetoric_by_year", "coverage", "commitment_history"]
# The report's queries with no place column (the metric names). Every other one has a `place`
# column, and report_renderables reads only the rows of the places it renders, so a report of one
# place asks the database for that place's rows alone (rhetoric_by_year holds 35,000 rows for the
# development corpus, 936 of them Xiamen's).
PLACELESS_QUERIES = ["metrics"]


def span_for_width(width: int) -> int:
    """How many year columns fit: a label of about 14 cells, then up to 14 cells a year (at least 4)."""
    return max(4, (width - 14) // 14)


def report_renderables(data: dict[str, pd.DataFrame], *, places: list[str] | None = None,
                       year_from: int | None = None, year_to: int | None = None, top: int = 5,
                       span: int = 6) -> list[RenderableType]:
    from rich.text import Text

    documents = data["documents"]
    if places is None:
        places = sorted(documents["place"].unique()) if not documents.empty else []
    if not places:
        return [Text("No documents stored yet: `tracker ingest PATH` or add a year of seeds.", style="italic")]
    names = dict(zip(data["metrics"]["metric"], data["metrics"]["short_zh"], strict=True))
    out: list[RenderableType] = []
    for place in places:
        docs = documents[documents["place"] == place]
        if docs.empty:
            out.append(Text(f"{place}: no documents stored.", style="italic"))
            continue
        timeline = build_timeline(place, data["targets_by_year"], data["actuals_by_year"], data["target_changes"],
                                  data["target_vs_actual"], data["metrics"], year_from=year_from, year_to=year_to,
                                  span=span)
        moved, misses = notable_changes(data["target_changes"], data["target_vs_actual"], place, timeline.years, top)
        try:
            view = rhetoric_view(data["rhetoric_by_year"], data["coverage"], place=place,
                                 year_from=year_from or (timeline.years[0] if timeline.years else None),
                                 year_to=year_to or (timeline.years[-1] if timeline.years else None), top=top)
        except (ValueError, KeyError):
            view = None  # fewer than two years of text: no shift to measure
        part_year = part_year_statements(data["commitment_history"], place,
                                         timeline.years or sorted({int(str(d)[:4]) for d in docs["published"]}))
        out.append(place_report(place, str(docs["admin_code"].iloc[0]), timeline, moved, misses,
                                rhetoric_section(view, place), docs, names, part_year))
    return out
