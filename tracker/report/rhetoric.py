"""Rhetoric as a terminal table: per-year rates as small bars, keyness, arrows for rising and fading."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from tracker.analysis.keyness import period_label

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tracker.analysis.rhetoric import RhetoricView

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """One character per year, scaled to the row's own maximum; a blank year is "·" (zero, not missing)."""
    peak = max(values) if values else 0.0
    if peak <= 0:
        return "·" * len(values)
    out = []
    for value in values:
        if value <= 0:
            out.append("·")
        else:
            out.append(BARS[min(len(BARS) - 1, int(value / peak * (len(BARS) - 1) + 0.5))])
    return "".join(out)


def _rows(view: RhetoricView, frame: pd.DataFrame, key: str, arrow: str, style: str, table) -> None:  # type: ignore[no-untyped-def]
    from rich.text import Text

    for _, row in frame.iterrows():
        name = row[key]
        rates = [float(view.rates.loc[name, y]) if name in view.rates.index else 0.0 for y in view.years]
        table.add_row(
            Text(arrow, style=style),
            str(name),
            Text(sparkline(rates), style=style),
            f"{row['per10k_before']:.2f} → {row['per10k_after']:.2f}",
            f"{row['g2']:+.1f}",
            f"{row['log_ratio']:+.1f}",
        )


def rhetoric_table(view: RhetoricView, title: str, key: str = "term") -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if view.rising.empty and view.fading.empty:
        return Text(f"{title}: no significant shift between {period_label(view.before)} and {period_label(view.after)}.",
                    style="italic")
    years = f"{view.years[0]}–{view.years[-1]}"
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  caption=f"rates per 10,000 characters; G² > 3.84 is p < 0.05; Log Ratio +1 = doubled; "
                          f"{period_label(view.before)} vs {period_label(view.after)}",
                  caption_justify="left")
    table.add_column("")
    table.add_column(key)
    table.add_column(years, no_wrap=True)
    table.add_column("per 10k", no_wrap=True, justify="right")
    table.add_column("G²", justify="right")
    table.add_column("LR", justify="right")
    _rows(view, view.rising, key, "↑", "green", table)
    if not view.rising.empty and not view.fading.empty:
        table.add_section()
    _rows(view, view.fading, key, "↓", "red", table)
    return table


def discovery_table(frame: pd.DataFrame, title: str) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if frame.empty:
        return Text(f"{title}: nothing new rose enough to show.", style="italic")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  caption="candidates for seeds/reference/terms.csv: phrases not in the lexicon that rose most",
                  caption_justify="left")
    for column, justify in (("phrase", "left"), ("before", "right"), ("after", "right"), ("places", "right"),
                            ("G²", "right"), ("LR", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for _, row in frame.iterrows():
        table.add_row(str(row["ngram"]), str(int(row["count_before"])), str(int(row["count_after"])),
                      str(int(row["spread_after"])), f"{row['g2']:+.1f}", f"{row['log_ratio']:+.1f}")
    return table
