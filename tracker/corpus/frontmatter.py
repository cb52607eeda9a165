"""YAML-style front matter ("---\\nsource: …\\ntitle: …\\n---") at the top of Markdown documents.

Compiled corpora carry their provenance there. It is metadata, not the city's text: a date inside a
source address (…/art/2021/12/29/…) must not be read as the publication date, so it is split off
before cleaning and its title/source fill gaps the manifest leaves.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (fields, body). Text without front matter comes back unchanged with no fields."""
    match = _BLOCK.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        field = _FIELD.match(line)
        if field:
            fields[field.group(1).lower()] = field.group(2).strip("'\"")
    return fields, text[match.end() :]
