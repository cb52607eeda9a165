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
    """Short warnings; a reader should see at a glance which documents to trust less."""
    flags = []
    if row["digits_missing"]:
        flags.append("[bold red]digits missing[/]")
    if row["garbled_chars"]:
        flags.append(f"[yellow]{int(row['garbled_chars'])} garbled[/]")
    if row["chrome_removed_chars"]:
        flags.append(f"[dim]chrome −{int(row['chrome_removed_chars'])}[/]")
    if row["original_script"] == "traditional":
        flags.append("[dim]繁→简[/]")
    return " · ".join(flags)


def documents_table(frame: pd.DataFrame, title: str = "Documents", show_place: bool = True) -> RenderableType:
    """One row per document, grouped by place; an empty corpus is said, not drawn as an empty grid."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if frame.empty:
        return Text("No documents stored yet.", style="italic")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    if show_place:
        table.add_column("place", no_wrap=True, min_width=6, max_width=14)
    table.add_column("published", no_wrap=True, min_width=11)
    table.add_column("id", justify="right", style="dim", no_wrap=True)
    table.add_column("title · type · quality", overflow="ellipsis", no_wrap=True, max_width=36)
    table.add_column("found", justify="right", no_wrap=True, min_width=5)
    last_place = None
    for _, row in frame.iterrows():
        place = str(row["place"])
        basis = "" if row["date_basis"] == "manifest" else "*"
        cells = [place if place != last_place else ""] if show_place else []
        table.add_row(
            *cells,
            _published(row) + basis,
            str(row["id"]),
            Text(str(row["title"] or row["file"]))
            + Text.from_markup("\n" + " · ".join(x for x in (f"[cyan]{row['doc_type'] or '?'}[/]", _flags(row)) if x)),
            str(int(row["commitments"])),
        )
        last_place = place
    table.caption = "* date refined from the text · found: commitments extracted"
    table.caption_justify = "left"
    return table
