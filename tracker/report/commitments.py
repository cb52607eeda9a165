"""A table of commitments (from `tracker extract` or a query): what, when, how much, the quote."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tracker.report.format import figure

if TYPE_CHECKING:
    from rich.console import RenderableType

_KIND = {"target": "[cyan]target[/]", "actual": "[green]actual[/]"}


def commitments_table(rows: Sequence[Mapping[str, Any]], title: str = "Commitments") -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if not rows:
        return Text(f"{title}: none found.", style="italic")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, show_lines=False)
    table.add_column("what", overflow="fold", max_width=22)
    table.add_column("when", no_wrap=True)
    table.add_column("figure", overflow="fold", max_width=16)
    table.add_column("quote", overflow="fold", min_width=20)
    for row in rows:
        code = row.get("metric_code") or row.get("metric") or ""
        subject = str(row.get("subject") or "")
        what = Text(code) + Text("\n" + subject, style="dim") if code else Text(subject)
        strength = str(row.get("strength") or "")
        if row.get("note") and row["note"] != strength:
            strength = f"{strength}, {row['note']}"
        when = Text.from_markup(_KIND.get(str(row.get("kind")), str(row.get("kind"))))
        when.append("\n" + str(row.get("period") or "—"))
        shown = Text(figure(row), style="bold")
        if strength and strength != "plain":
            shown.append("\n" + strength, style="dim")
        table.add_row(what, when, shown, Text(str(row.get("quote") or "")))
    return table
