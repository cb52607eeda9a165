"""Any DataFrame as a Rich table (query results): missing values shown as missing, never as zero."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

MISSING = "—"


def cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
            return MISSING
    except (TypeError, ValueError):
        pass
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10] if str(value).endswith("00:00:00") else str(value.isoformat())
    return str(value)


def frame_table(frame: pd.DataFrame, title: str | None = None) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if frame.empty:
        return Text(f"{title + ': ' if title else ''}no rows.", style="italic")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for column in frame.columns:
        numeric = frame[column].dtype.kind in "iuf"
        table.add_column(str(column), justify="right" if numeric else "left", overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(Text(cell(v)) for v in row))
    return table
