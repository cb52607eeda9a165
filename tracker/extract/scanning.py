"""Regex scanning: fast `search` for patterns that do not open on a character class.

Python's regex engine skips ahead cheaply (one class test per character) only when a pattern
opens on a character class; a pattern that opens on a group or an alternation of words is entered
and tried at every character. :func:`scanner` wraps such a pattern so that it opens on the class
of characters its matches can start with, read off the pattern by the standard library's own
parser (``re._parser``, private but stable across 3.11–3.13; tests/extract/test_fast_paths.py
compares every scanner with its pattern on random text).
"""

from __future__ import annotations

import re
from re import _constants as re_constants  # type: ignore[attr-defined]
from re import _parser as re_parser  # type: ignore[attr-defined]
from typing import Any, Final


def _first_items(items: Any) -> tuple[list[tuple[Any, Any]], bool] | None:
    """What a parsed pattern (a sequence of re_parser items) can start with: the class items
    (literals, ranges, categories) of its first character, and whether it can match empty.
    None when it can start with any character (., a negated class, a back reference …)."""
    first: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is re_constants.LITERAL:
            return first + [(op, av)], False
        if op is re_constants.IN:
            if any(o is re_constants.NEGATE for o, _ in av):
                return None
            return first + list(av), False
        if op in (re_constants.AT, re_constants.ASSERT, re_constants.ASSERT_NOT):
            continue  # zero-width: what follows starts the match
        if op is re_constants.BRANCH:
            alts = [_first_items(alt) for alt in av[1]]
            if any(a is None for a in alts):
                return None
            first += [item for a in alts if a is not None for item in a[0]]
            if not any(a[1] for a in alts if a is not None):
                return first, False
            continue
        if op is re_constants.SUBPATTERN or op is re_constants.ATOMIC_GROUP:
            inner = _first_items(av[3] if op is re_constants.SUBPATTERN else av)
        elif op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT):
            inner = _first_items(av[2])
            if inner is not None and av[0] == 0:
                inner = inner[0], True
        else:
            return None
        if inner is None:
            return None
        first += inner[0]
        if not inner[1]:
            return first, False
    return first, True


_CATEGORY_CLASS: Final = {
    re_constants.CATEGORY_DIGIT: r"\d", re_constants.CATEGORY_NOT_DIGIT: r"\D",
    re_constants.CATEGORY_SPACE: r"\s", re_constants.CATEGORY_NOT_SPACE: r"\S",
    re_constants.CATEGORY_WORD: r"\w", re_constants.CATEGORY_NOT_WORD: r"\W",
}


def first_chars(pattern: str) -> str:
    """A character class (without its brackets) holding every character a match of `pattern` can
    start with, read off the pattern by the stdlib's own parser. Raises ValueError for a pattern
    that can match empty or start with any character."""
    parsed = re_parser.parse(pattern)
    found = _first_items(parsed) if not parsed.state.flags & re.IGNORECASE else None
    if found is None or found[1]:
        raise ValueError(f"no first characters: {pattern!r}")
    out: list[str] = []
    for op, av in found[0]:
        if op is re_constants.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is re_constants.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        else:  # CATEGORY
            out.append(_CATEGORY_CLASS[av])
    return "".join(dict.fromkeys(out))


def scanner(pattern: str, name: str) -> re.Pattern[str]:
    """A pattern whose ``search`` finds the match ``re.search(pattern)`` finds, as group `name`.

    The regex engine skips ahead fast (one class test per character) only for a pattern that opens
    on a character class; one that opens on a group or an alternation of verbs is entered and tried
    branch by branch at every character. This one opens on the characters a match can start with
    (first_chars) and then looks back over that one character to match `pattern` from there.
    """
    return re.compile(rf"[{first_chars(pattern)}](?<=(?=(?P<{name}>{pattern}))[\s\S])")
