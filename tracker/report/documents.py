"""The corpus table: documents by place and date, with their quality flags.

Built from a DataFrame (the `documents` query), so this module needs no database code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

_SCRIPT = {"traditional": "繁", "simplified": "简"}


def _published(row: pd.Series) -> str:
    date = row["published"]
    text = str(date)[:10]
    if row["date_precision"] == "year":
        return text[:4]
    if row["date_precision"] == "month":
        return text[:7]
    return text


def _flags(row: pd.Series) -> str:
    flags = []
    if row["digits_missing"]:
        flags.append("[red]digits missing[/]")
    if row["garbled_chars"]:
        flags.append(f"[yellow]{int(row['garbled_chars'])} garbled[/]")
    if row["chrome_removed_chars"]:
        flags.append(f"[dim]{int(row['chrome_removed_chars'])} chrome chars removed[/]")
    if row["original_script"] == "traditional":
        flags.append("[dim]from Traditional[/]")
    return ", ".join(flags)


def documents_table(frame: pd.DataFrame, title: str = "Documents") -> RenderableType:
    """One row per document; a place with no documents is said, not shown as an empty grid."""
    from rich.table import Table
    from rich.text import Text

    if frame.empty:
        return Text("No documents stored yet.", style="italic")
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column("id", justify="right", style="dim")
    table.add_column("place")
    table.add_column("published")
    table.add_column("type")
    table.add_column("title", overflow="ellipsis", max_width=40, no_wrap=True)
    table.add_column("chars", justify="right")
    table.add_column("commit-\nments", justify="right")
    table.add_column("quality")
    for _, row in frame.iterrows():
        basis = "" if row["date_basis"] == "manifest" else f" [dim]({row['date_basis']})[/]"
        table.add_row(
            str(row["id"]),
            str(row["place"]),
            _published(row) + basis,
            str(row["doc_type"] or ""),
            str(row["title"] or row["file"]),
            f"{int(row['chars']):,}",
            str(int(row["commitments"])),
            _flags(row),
        )
    return table
