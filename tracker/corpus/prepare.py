"""One file's bytes → a document ready to store: pure, no database.

Everything that can be decided from the file and what the user said about it happens here (decode,
front matter, clean, quality flags, date); resolving the place needs the places table and happens in
ingest. ``tracker extract`` and ``tracker eval`` use this without any database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.corpus.clean import clean_text
from tracker.corpus.dates import DateError, PubDate, parse_given, reference_year, resolve_date
from tracker.corpus.decode import DecodeError, decode_bytes
from tracker.corpus.frontmatter import split_front_matter
from tracker.corpus.quality import digits_missing, garbled_chars
from tracker.corpus.raw_pieces import Piece, raw_pieces, rebuild
from tracker.errors import RejectedInput

DOC_TYPES = ("work_report", "news", "interview", "meeting", "plan")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # far above any real report (the largest in the corpus is ~150 KB)


@dataclass(frozen=True)
class DocumentInfo:
    """What a manifest row or command-line options say about a file (all optional)."""

    place: str | None = None
    published: str | None = None
    published_basis: str = "manifest"
    doc_type: str | None = None
    title: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class PreparedDocument:
    file: str
    place: str | None
    published: PubDate | None  # None only when the caller did not require a date (tracker extract)
    reference_year: int | None
    doc_type: str | None
    title: str | None
    source: str | None
    original_encoding: str
    original_script: str
    # The text as decoded, as pieces of `text` (tracker.corpus.raw_pieces): that is how it is stored,
    # and a worker sends the writer a few pieces instead of a second copy of the text.
    raw_pieces: tuple[Piece, ...]
    text: str
    sha256: str
    digits_missing: bool
    garbled_chars: int
    chrome_removed_chars: int

    @property
    def raw_text(self) -> str:
        """The text as decoded, before cleaning."""
        return rebuild(self.raw_pieces, self.text)


def read_limited(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file, refusing one over the size limit before reading it whole."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RejectedInput(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise RejectedInput(str(path), f"too large: {size:,} bytes (limit {max_bytes:,})")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RejectedInput(str(path), f"cannot read: {exc.strerror or exc}") from exc


def prepare_bytes(data: bytes, name: str, info: DocumentInfo | None = None, require_date: bool = True) -> PreparedDocument:
    """Decode, clean and date one document; RejectedInput names the file and the reason."""
    info = info or DocumentInfo()
    if info.doc_type is not None and info.doc_type not in DOC_TYPES:
        raise RejectedInput(name, f"unknown doc_type {info.doc_type!r} (one of {', '.join(DOC_TYPES)})")
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        raise RejectedInput(name, str(exc)) from exc
    fields, body = split_front_matter(decoded.text)
    cleaned = clean_text(body, decoded=True)
    if not cleaned.text.strip():
        raise RejectedInput(name, "no text left after removing page chrome")
    try:
        given = parse_given(info.published, info.published_basis) if info.published else None
    except DateError as exc:
        raise RejectedInput(name, str(exc)) from exc
    published = resolve_date(given, cleaned.text, info.doc_type)
    if published is None and require_date:
        raise RejectedInput(name, "no date given (manifest or --date) and none found in the text")
    return PreparedDocument(
        file=name,
        place=info.place,
        published=published,
        reference_year=reference_year(published, info.doc_type) if published else None,
        doc_type=info.doc_type,
        title=info.title or fields.get("title"),
        source=info.source or fields.get("source"),
        original_encoding=decoded.encoding,
        original_script=cleaned.original_script,
        raw_pieces=tuple(raw_pieces(decoded.text, cleaned.text)),
        text=cleaned.text,
        sha256=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        digits_missing=digits_missing(cleaned.text),
        garbled_chars=garbled_chars(cleaned.text),
        chrome_removed_chars=cleaned.chrome_removed_chars,
    )


def prepare_file(path: Path, info: DocumentInfo | None = None, name: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, require_date: bool = True) -> PreparedDocument:
    return prepare_bytes(read_limited(path, max_bytes), name or path.name, info, require_date)
