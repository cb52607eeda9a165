"""Errors the command line turns into one-line messages and exit codes (DESIGN §4).

Library code raises these instead of printing, so the same functions serve the CLI, migrations and
tests; the CLI decides what the user sees.
"""

from __future__ import annotations


class TrackerError(Exception):
    """A problem the user can act on: printed as one line, no traceback."""

    exit_code = 2


class UsageError(TrackerError):
    """Bad options or arguments (exit 2)."""


class DatabaseError(TrackerError):
    """The database cannot be used: locked, damaged, unreachable (exit 2)."""


class RejectedInput(TrackerError):
    """One input file or manifest row cannot be stored; others may still be (exit 1 overall)."""

    exit_code = 1

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[RejectedInput], tuple[str, str]]:
        # Worker processes send rejections back to the parent: rebuild from both fields (the
        # default would pass only the formatted message and fail to unpickle).
        return (type(self), (self.source, self.reason))
