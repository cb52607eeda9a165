"""The timeline grid: metrics as rows, years as columns; each cell the target over the outcome.

Target line: an arrow for the move from the year before (↑ raised, ↓ lowered, → held, + new), the
figure with its hedge (5.5%左右, ≥10%, ≤3%), and ~ when the wording softened or ! when it hardened.
Outcome line: the reported figure, green when the target was met, red when missed, plain when
there was no comparable target; * marks an estimate (预计) or preliminary figure. A dash is a
missing figure: missing is never shown as zero.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from tracker.report.format import figure

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

    from tracker.analysis.timeline import Timeline

MISSING = "—"
ARROWS = {"raised": "↑", "lowered": "↓", "held": "→", "new": "+"}
WORDING = {"softened": "~", "hardened": "!"}
STATUS_STYLE = {"met": "green", "missed": "red"}
LEGEND = ("target over outcome · ↑↓→ target raised/lowered/held, + new · ~ softer wording, ! firmer · "
          "green met, red missed · * estimate · — none stated")


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value == value


def _fields(row: pd.Series, prefix: str) -> dict[str, Any]:
    return {name: (row.get(f"{prefix}{name}") if _present(row.get(f"{prefix}{name}")) else None)
            for name in ("value", "value_low", "value_high", "stretch", "unit", "qualifier", "bound", "relation")}


def cell_text(row: pd.Series | None) -> RenderableType:
    from rich.text import Text

    if row is None:  # neither a target nor an outcome stated for that year
        return Text(f"{MISSING}\n{MISSING}", style="dim")
    out = Text()
    target = figure({**_fields(row, "target_"), "change": row.get("change")})
    if target:
        out.append(ARROWS.get(str(row.get("move")), "") if _present(row.get("move")) else "")
        out.append(target)
        out.append(WORDING.get(str(row.get("wording")), "") if _present(row.get("wording")) else "", style="bold")
    else:
        out.append(MISSING, style="dim")
    out.append("\n")
    actual = figure({**_fields(row, "actual_"), "change": row.get("change")})
    if actual:
        style = STATUS_STYLE.get(str(row.get("status")), "") if _present(row.get("status")) else ""
        out.append(actual, style=style)
        if _present(row.get("actual_note")):
            out.append("*")
    else:
        out.append(MISSING, style="dim")
    return out


def timeline_table(timeline: Timeline, title: str | None = None) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if timeline.rows.empty or not timeline.years:
        return Text(f"{timeline.place}: no targets or outcomes stated.", style="italic")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("metric", overflow="fold", max_width=10, min_width=8)
    for year in timeline.years:
        # Long value-less relations (与经济增长保持同步) are cut with an ellipsis; the quote has them whole.
        table.add_column(str(year), justify="right", no_wrap=True, overflow="ellipsis", min_width=5, max_width=11)
    cells = {(r["metric"], r["change"], int(r["year"])): r for _, r in timeline.cells.iterrows()}
    for _, row in timeline.rows.iterrows():
        table.add_row(
            Text(str(row["label"])),
            *(cell_text(cells.get((row["metric"], row["change"], year))) for year in timeline.years),
        )
    from rich.console import Group

    # Title and legend go above and below the grid at full width: as the table's own title and
    # caption they would wrap to a narrow grid's width.
    heading = Text(title or f"{timeline.place}: targets and outcomes", style="bold")
    return Group(heading, table, Text(LEGEND, style="dim"), Text(""))
