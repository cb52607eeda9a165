"""A document's raw text as pieces: runs of its clean text, and the characters cleaning changed.

Cleaning changes little of most documents (front matter split off, a line's indentation trimmed, a
run of blank lines closed up, ％ folded to %), so storing the raw text whole stored most documents'
text twice: half of the texts ingest wrote, sent from the workers and kept in the database. Here
the raw text is cut into pieces that are either a reference to a run of the clean text (its start
and length, in characters) or the raw characters themselves, so that only what cleaning changed is
stored again. Pure text processing: tracker.corpus.texts stores the pieces and puts raw texts back
together, and so does the documents_with_text view (revision 0011).

Pieces are matched line by line, which is how cleaning works (by line, or whole lines removed), and
cost ~0.2 ms a corpus report; a character diff (difflib) found 4.0% of the corpus's raw characters
to keep against 4.9% here, in eight times the time. Whatever the texts, the pieces give the raw text
back exactly: :func:`raw_pieces` checks that before it returns, and a raw text it cannot piece
together comes back as one literal piece.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Final, Union

# A reference to clean[start : start + length], or literal raw characters.
Ref = tuple[int, int]
Piece = Union[str, Ref]

# How far ahead (lines of raw plus lines of clean) a mismatch looks for the next line both share.
_LOOKAHEAD: Final = 6
# Lines shorter than this (a blank line, "一、") never resynchronise the two texts: they repeat
# too often for the first match ahead to be the right one.
_MIN_ANCHOR: Final = 3
# What may surround a clean line inside its raw line: the indentation and line ends cleaning trims.
_TRIMMED: Final = " \t\u3000\r\n"
# A run of clean text shorter than this is kept literal: a stored piece costs more than its characters.
_MIN_REFERENCE: Final = 32


def raw_pieces(raw: str, clean: str) -> list[Piece]:
    """Pieces that :func:`rebuild` turns back into `raw` given `clean`; literal raw where they differ."""
    if raw == clean:
        return [(0, len(clean))] if clean else []
    pieces = _match_lines(raw, clean)
    if rebuild(pieces, clean) != raw:  # cannot happen by construction; a wrong raw text would be lost for good
        return [raw]
    return pieces


def rebuild(pieces: Sequence[Piece], clean: str) -> str:
    """The raw text the pieces describe."""
    return "".join(p if isinstance(p, str) else clean[p[0] : p[0] + p[1]] for p in pieces)


def literal_chars(pieces: Sequence[Piece]) -> int:
    """How many raw characters the pieces hold themselves: what storing them costs beyond the clean text."""
    return sum(len(piece) for piece in pieces if isinstance(piece, str))


def _match_lines(raw: str, clean: str) -> list[Piece]:
    raw_lines = raw.splitlines(keepends=True)
    clean_lines = clean.splitlines(keepends=True)
    raw_at = [0, *accumulate(map(len, raw_lines))]  # where each line starts (and the end)
    clean_at = [0, *accumulate(map(len, clean_lines))]
    out = _Pieces(raw)
    i = j = 0
    n_raw, n_clean = len(raw_lines), len(clean_lines)
    while i < n_raw:
        line = raw_lines[i]
        if j < n_clean and line == clean_lines[j]:
            out.reference(raw_at[i + 1], clean_at[j], clean_at[j + 1])
            i += 1
            j += 1
            continue
        if j < n_clean:
            # A line whose indentation or trailing spaces cleaning trimmed, or the clean text's last
            # line, which lost its line end: the clean line sits whole inside the raw one.
            inner = clean_lines[j].rstrip("\r\n")
            at = line.find(inner) if inner else -1
            if at >= 0 and not (line[:at] + line[at + len(inner):]).strip(_TRIMMED):
                out.literal_to(raw_at[i] + at)
                out.reference(raw_at[i] + at + len(inner), clean_at[j], clean_at[j] + len(inner))
                out.literal_to(raw_at[i + 1])
                i += 1
                j += 1
                continue
        skip = _resync(raw_lines, clean_lines, i, j)
        if skip is None:
            out.literal_to(raw_at[i + 1])
            i += 1
        else:  # raw lines cleaning removed or changed stay literal; clean lines it made are skipped
            out.literal_to(raw_at[i + skip[0]])
            i, j = i + skip[0], j + skip[1]
    out.literal_to(len(raw))
    return out.finish()


def _resync(raw_lines: list[str], clean_lines: list[str], i: int, j: int) -> tuple[int, int] | None:
    """The nearest (raw lines, clean lines) to skip so that both texts go on with the same line."""
    for total in range(1, _LOOKAHEAD + 1):
        for skip_raw in range(total + 1):
            a, b = i + skip_raw, j + total - skip_raw
            if a < len(raw_lines) and b < len(clean_lines) and len(raw_lines[a]) >= _MIN_ANCHOR \
                    and raw_lines[a] == clean_lines[b]:
                return skip_raw, total - skip_raw
    return None


class _Pieces:
    """Pieces being collected: adjacent references merge, and runs of literal raw are cut once."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.pieces: list[Piece] = []
        self.done = 0  # raw characters described so far
        self.literal_from: int | None = None  # where the literal run being collected starts

    def literal_to(self, end: int) -> None:
        """The raw characters up to `end` are kept as they are."""
        if end > self.done:
            if self.literal_from is None:
                self.literal_from = self.done
            self.done = end

    def reference(self, raw_end: int, start: int, end: int) -> None:
        """The raw characters up to `raw_end` are clean[start:end]."""
        last = self.pieces[-1] if self.pieces and self.literal_from is None else None
        if isinstance(last, tuple) and last[0] + last[1] == start:
            self.pieces[-1] = (last[0], end - last[0])
            self.done = raw_end
        elif end - start < _MIN_REFERENCE:  # a blank line between changed ones: a row costs more
            self.literal_to(raw_end)
        else:
            self._close_literal()
            self.pieces.append((start, end - start))
            self.done = raw_end

    def finish(self) -> list[Piece]:
        self._close_literal()
        return self.pieces

    def _close_literal(self) -> None:
        if self.literal_from is not None:
            self.pieces.append(self.raw[self.literal_from : self.done])
            self.literal_from = None
