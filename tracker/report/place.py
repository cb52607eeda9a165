"""The report for one place: the 2019→2024 story at a glance, each figure traceable to its quote.

Sections: a header line; the timeline grid; the biggest target changes and the largest misses, each
with its quote and document; rhetoric rising and fading; a corpus line with documents per year and
quality warnings. Built from DataFrames only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from tracker.report.format import figure
from tracker.report.timeline import timeline_table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tracker.analysis.rhetoric import RhetoricView
    from tracker.analysis.timeline import Timeline


def _row_figure(row: pd.Series, prefix: str = "") -> str:
    fields = {k: row.get(f"{prefix}{k}") for k in ("value", "value_low", "value_high", "unit", "qualifier", "bound",
                                                    "relation", "stretch")}
    return figure({k: (None if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in fields.items()})


def changes_list(moved: pd.DataFrame, misses: pd.DataFrame, names: dict[str, str]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    lines: list[Text] = []
    if not moved.empty:
        lines.append(Text("Biggest target changes", style="bold"))
        for _, r in moved.iterrows():
            before = _row_figure(pd.Series({"value": r["prev_value"], "unit": r["prev_unit"], "qualifier": r["prev_qualifier"]}))
            after = _row_figure(r)
            what = names.get(r["metric"], r["metric"])
            how = r["move"] if r["move"] in ("raised", "lowered") else "held"
            if r["wording"] in ("softened", "hardened"):
                how += f", {r['wording']}"
            lines.append(Text(f"  {int(r['year'])} {what}: {before} → {after} ({how})"))
            lines.append(Text(f"    “{r['quote']}” — {r['document']}", style="dim"))
    if not misses.empty:
        lines.append(Text("Largest misses", style="bold"))
        for _, r in misses.iterrows():
            what = names.get(r["metric"], r["metric"])
            target = _row_figure(r, "target_") or _row_figure(pd.Series({"value": r["target_value"], "unit": r["target_unit"], "qualifier": r["target_qualifier"], "bound": r["bound"]}))
            actual = _row_figure(pd.Series({"value": r["actual_value"], "unit": r["actual_unit"]}))
            lines.append(Text(f"  {int(r['year'])} {what}: target {target}, outcome {actual} (gap {r['gap']:+g})"))
            lines.append(Text(f"    “{r['actual_quote']}” — {r['actual_document']}", style="dim"))
    if not lines:
        lines.append(Text("No target changes or misses in these years.", style="italic"))
    return Group(*lines)


def part_year_list(statements: pd.DataFrame, names: dict[str, str]) -> RenderableType | None:
    from rich.console import Group
    from rich.text import Text

    if statements.empty:
        return None
    lines = [Text("Part-year figures", style="bold")]
    for _, r in statements.iterrows():
        note = f" ({r['note']})" if isinstance(r["note"], str) else ""
        lines.append(Text(f"  {r['period']} {names.get(r['metric'], r['metric'])} {r['kind']}: {_row_figure(r)}{note}"))
        lines.append(Text(f"    “{r['quote']}” — {r['document']}", style="dim"))
    return Group(*lines)


def corpus_line(documents: pd.DataFrame) -> RenderableType:
    """The place's documents (date, type, title, quality), then documents per year and warnings."""
    from rich.console import Group
    from rich.text import Text

    from tracker.report.documents import documents_table

    if documents.empty:
        return Text("No documents.", style="italic")
    return Group(documents_table(documents, title="Documents", show_place=False), _year_line(documents))


def _year_line(documents: pd.DataFrame) -> RenderableType:
    from rich.text import Text

    published = documents["published"].map(lambda d: int(str(d)[:4]))
    per_year = published.value_counts().sort_index()
    line = Text("Documents per year  " + " · ".join(f"{y}: {n}" for y, n in per_year.items()))
    warnings = []
    missing = documents[documents["digits_missing"].astype(bool)]
    if not missing.empty:
        warnings.append(f"{len(missing)} with digits missing (no figures read): " + ", ".join(map(str, missing["file"])))
    garbled = documents[documents["garbled_chars"] > 0]
    if not garbled.empty:
        warnings.append(f"{len(garbled)} with garbled characters ({int(garbled['garbled_chars'].sum())} in all)")
    for warning in warnings:
        line.append("\n⚠ " + warning, style="yellow")
    return line


def place_report(place: str, admin_code: str, timeline: Timeline, moved: pd.DataFrame, misses: pd.DataFrame,
                 rhetoric: RenderableType | None, documents: pd.DataFrame, names: dict[str, str],
                 part_year: pd.DataFrame | None = None) -> RenderableType:
    from rich.console import Group
    from rich.rule import Rule
    from rich.text import Text

    parts: list[RenderableType] = [Rule(Text(f"{place} ({admin_code})", style="bold"), align="left")]
    parts.append(timeline_table(timeline, title="Targets and outcomes"))
    parts.append(changes_list(moved, misses, names))
    extra = part_year_list(part_year, names) if part_year is not None else None
    if extra is not None:
        parts.append(extra)
    parts.append(Text(""))
    if rhetoric is not None:
        parts.append(rhetoric)
    parts.append(corpus_line(documents))
    parts.append(Text(""))
    return Group(*parts)


def rhetoric_section(view: RhetoricView | None, place: str) -> RenderableType | None:
    if view is None:
        return None
    from tracker.report.rhetoric import rhetoric_table

    return rhetoric_table(view, "Rhetoric rising and fading")
