"""Provenance: a commitment shown inside the paragraph it came from, with its document's details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.report.format import figure

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import RenderableType

CONTEXT_CHARS = 300  # at most this much of the paragraph on either side of the quote


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (line) holding [start, end), clipped to CONTEXT_CHARS either side."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    return max(left, start - CONTEXT_CHARS), min(right, end + CONTEXT_CHARS)


def commitment_panel(commitment: pd.Series, document: pd.Series) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    text = str(document["text"])
    start, end = int(commitment["char_start"]), int(commitment["char_end"])
    left, right = paragraph_around(text, start, end)
    context = Text()
    context.append("…" if left > 0 and text[left - 1] != "\n" else "")
    context.append(text[left:start])
    context.append(text[start:end], style="bold reverse")
    context.append(text[end:right])
    context.append("…" if right < len(text) and text[right] != "\n" else "")
    what = commitment["metric"] if isinstance(commitment["metric"], str) else "(no standard metric)"
    head = Text.assemble(
        (f"{what}", "bold"), f" · {commitment['subject'] or ''} · {commitment['kind']} {commitment['period'] or '—'} · ",
        (figure(commitment.to_dict()), "bold"),
        f" · bound {commitment['bound'] or '—'} · strength {commitment['strength'] or '—'}"
        + (f" ({commitment['strength_word']})" if isinstance(commitment["strength_word"], str) else "")
        + (f" · {commitment['note']}" if isinstance(commitment["note"], str) else ""),
    )
    source = Text(
        f"{document['place']} ({document['admin_code']}) · published {document['published']} "
        f"({document['date_precision']}) · {document['doc_type'] or ''} · {document['title'] or ''}\n"
        f"source: {document['source'] or '—'} · file: {document['file']} · characters {start}–{end}",
        style="dim",
    )
    return Panel(Group(head, Text(""), context, Text(""), source), title=f"commitment {commitment['id']}",
                 title_align="left", expand=False)
