"""The ingest orchestrator: files and folders → stored documents, a batch per transaction.

Bad input never stops the run: each rejected file is reported with its reason and the rest are
stored. Documents are written BATCH_DOCUMENTS to a transaction, so a killed run loses at most the
batch in flight (an interrupted one writes it first), and the sha256 of the clean text makes a
re-run skip what is already stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.corpus.manifest import Manifest, read_manifest
from tracker.corpus.prepare import DEFAULT_MAX_BYTES, DocumentInfo, PreparedDocument
from tracker.corpus.raw_pieces import literal_chars
from tracker.db import DUCKDB_WRITER_ROW_GROUP_SIZE
from tracker.errors import RejectedInput

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from tracker.corpus.pipeline import Analyser

MANIFEST_NAME = "manifest.csv"
# Documents written per transaction: small enough that an interruption loses little, large enough
# that per-statement costs stay small. A commit costs DuckDB tens of milliseconds, more as the
# documents' row group fills (~0.035 to ~0.08 s over each group at 10x the corpus), and inserting
# 64 documents' commitments fills whole row groups, which DuckDB writes out at once. Since the writer
# reopens only where a row group fills, 64 took 37.9 s and 68 CPU-seconds at 10x against 49.0 s and
# 88 with 32 (benchmarks/compare.py, 2 alternating pairs), peak RSS 729 against 711 MiB; at 1x,
# 6 pairs, 7.14 s against 7.44 s. (An earlier round, with the writer reopening every 256
# documents, found 64 only a little faster and its peak 60 MiB higher.)
BATCH_DOCUMENTS = 64
# ... or fewer, where their characters (clean text and raw literal pieces, _stored_chars) pass this.
BATCH_CHARS = 2_000_000
# The writer closes its connection and opens another each time the documents table fills a row
# group (DuckDB's checkpoint on closing then finds no partly filled group to rewrite). Why close it
# at all: while a file stays attached, DuckDB keeps what that attachment wrote (its cache, up to the
# cap, and the state of each row group it appended): through a 30x ingest the writer's low point
# between checkpoints rose from 520 to 720 MiB, its peak to 991 MiB. Closing checkpoints and
# detaches the file, and the next connection starts afresh. Why at a row group's end: every
# checkpoint rewrites the documents' last, partly filled row group (up to 2,048 documents, both
# texts included), so closing every 256 documents rewrote each text several times over: stored from
# memory, 10x the corpus took the writer 28.7-35.2 CPU-seconds that way, 23.8 never closing and 20.0
# closing at each row group's end. Whole 10x ingests (benchmarks/compare.py, 2 alternating pairs):
# 44.7 s and 80 CPU-seconds against 54.6 s and 96 closing every 256. DuckDB's cache now fills over
# 2,048 documents, not 256: with the 512MB cap the 10x peak rose from 788 to 876 MiB, so the writer
# has a cap of its own, 256MB then (tracker.db.DUCKDB_WRITER_MEMORY_LIMIT, 96MB now, with a small
# checkpoint threshold), and peaked at 701-726 MiB.
# (Those figures are from whole texts in the documents rows. Since revision 0009 keeps texts in
# chunks, a row group is 8,192 rows, and the writer reopens every 8,192 documents.)
REOPEN_AFTER_DOCUMENTS = DUCKDB_WRITER_ROW_GROUP_SIZE
# Files that live beside documents but are not documents.
_NOT_DOCUMENTS = {MANIFEST_NAME, "readme.md", "readme", "readme.txt", ".gitkeep"}


def _stored_chars(doc: PreparedDocument) -> int:
    """The characters a document puts in the database: its clean text and the raw text's literal pieces.

    The clean text alone undercounts a document whose cleaning removed much of it (a report pasted
    515 times over cleans to a sixth of its 7.8 million characters; the rest is stored as raw text).
    """
    return len(doc.text) + literal_chars(doc.raw_pieces)


@dataclass(frozen=True)
class InputFile:
    path: Path
    name: str
    info: DocumentInfo | None


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[RejectedInput] = field(default_factory=list)
    interrupted: bool = False

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.rejected else 0


def _merge(base: DocumentInfo | None, override: DocumentInfo) -> DocumentInfo:
    """Command-line options win over the manifest, field by field."""
    base = base or DocumentInfo()
    return DocumentInfo(
        place=override.place or base.place,
        published=override.published or base.published,
        published_basis="option" if override.published else base.published_basis,
        doc_type=override.doc_type or base.doc_type,
        title=override.title or base.title,
        source=override.source or base.source,
    )


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            if path.name.lower() not in _NOT_DOCUMENTS:
                yield path


def collect_inputs(
    paths: Iterable[Path], manifest: Path | None, options: DocumentInfo
) -> tuple[list[InputFile], list[RejectedInput]]:
    """The files to ingest, with what is known about each, and manifest rows already rejected.

    With only --manifest, its rows are the inputs. A folder is walked recursively; a manifest.csv in
    a folder describes the files beside it.
    """
    rejected: list[RejectedInput] = []
    manifests: dict[Path, Manifest] = {}

    def load(path: Path) -> Manifest | None:
        key = path.resolve()
        if key not in manifests:
            try:
                manifests[key] = read_manifest(path)
            except RejectedInput as exc:
                rejected.append(exc)
                return None
            rejected.extend(manifests[key].rejected)
        return manifests[key]

    inputs: list[InputFile] = []
    explicit = load(manifest) if manifest else None
    paths = list(paths)
    if explicit and not paths:
        for entry in explicit.entries:
            inputs.append(InputFile(entry.path, entry.name, _merge(entry.info, options)))
        return inputs, rejected
    for given in paths:
        if given.is_dir():
            files = list(_walk(given))
        elif given.is_file():
            files = [given]
        else:
            rejected.append(RejectedInput(str(given), "no such file or folder"))
            continue
        for path in files:
            info = explicit.info_for(path) if explicit else None
            beside = path.parent / MANIFEST_NAME
            if info is None and beside.is_file():
                local = load(beside)
                info = local.info_for(path) if local else None
            name = str(path.relative_to(given)) if given.is_dir() else path.name
            inputs.append(InputFile(path, name, _merge(info, options)))
    return inputs, rejected


def ingest(
    engine: Engine,
    inputs: list[InputFile],
    origin: str = "ingest",
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_progress: Callable[[str], None] | None = None,
    report: IngestReport | None = None,
    should_stop: Callable[[], bool] | None = None,
    reopen_after: int = REOPEN_AFTER_DOCUMENTS,
    analyser: Analyser | None = None,
) -> IngestReport:
    """Store every input it can, a small batch of documents per transaction.

    ``should_stop`` is asked between documents (the CLI sets it on the first Ctrl-C), so an
    interrupted run writes what it has read and stops; a KeyboardInterrupt during a write rolls
    that batch back. Either way the report says what was stored. The writer's connection is
    closed and opened again after every ``reopen_after`` documents stored, between transactions,
    so that its memory does not grow with the corpus. The count includes the documents already in
    the table, and a batch is cut short where it would cross a multiple of ``reopen_after``, so on
    DuckDB each reopening falls where a row group is full (REOPEN_AFTER_DOCUMENTS).

    ``analyser`` is the inputs' Analyser, entered by the caller before the database was opened so
    that its workers start up meanwhile (the CLI does); without one, ingest starts its own here.
    """
    if analyser is None:
        from tracker.corpus.pipeline import Analyser

        with Analyser(inputs, max_bytes) as own:
            return ingest(engine, inputs, origin, max_bytes, on_progress, report, should_stop, reopen_after, own)
    from tracker.corpus.store import (
        Storable, commitment_schema, known_hashes, load_lexicons, storable, store_documents,
    )
    from tracker.db import bulk_writer, connection

    report = report or IngestReport()
    batch: list[Storable] = []
    batch_chars = 0
    since_open = 0

    def flush(conn: Connection, last: bool = False) -> Connection:
        """Store the batch in one transaction; the connection to go on with (maybe a new one)."""
        nonlocal batch_chars, since_open
        if not batch:
            return conn
        with conn.begin():
            stored = store_documents(conn, batch, origin, lexicons.term_ids)
        for item in batch:
            (report.stored if item.doc.sha256 in stored else report.duplicates).append(item.doc.file)
            if on_progress:
                on_progress(item.doc.file)
        since_open += len(stored)
        batch.clear()
        batch_chars = 0
        if last or since_open < reopen_after:
            return conn
        since_open %= reopen_after
        connections.close()  # DuckDB checkpoints and detaches the file here
        return connections.enter_context(connection(writer))

    # Documents are written in small batches, one transaction each (a killed or interrupted run
    # loses at most the batch in flight, and a re-run skips what is stored); reading and
    # extraction run in worker processes meanwhile. The connection lives in an ExitStack so that
    # flush can swap it, and errors still pass through connection()'s translation on the way out.
    writer = bulk_writer(engine)
    with ExitStack() as connections:
        conn = connections.enter_context(connection(writer))
        with conn.begin():
            lexicons = load_lexicons(conn)
            known = known_hashes(conn)
        # Rows already in the documents table, so that reopenings fall on row groups' ends (the
        # rows of documents deleted since shift them; only a seed year's downgrade deletes documents).
        since_open = len(known) % reopen_after
        results = analyser.results(lexicons.metrics, lexicons.terms, known, commitment_schema())
        try:
            for result in results:
                if should_stop is not None and should_stop():
                    report.interrupted = True
                    break
                if result.rejected is not None:
                    report.rejected.append(result.rejected)
                elif result.known:
                    report.duplicates.append(result.name)
                else:
                    assert result.document is not None
                    chars = _stored_chars(result.document)
                    # A document that would take the batch past BATCH_CHARS starts a batch of its own,
                    # so that if it is too big to commit (DuckDB's memory cap), it fails alone.
                    if batch and batch_chars + chars > BATCH_CHARS:
                        conn = flush(conn)
                    try:
                        batch.append(storable(result.document, lexicons, (result.commitments, result.counts)))
                        batch_chars += chars
                    except RejectedInput as exc:
                        report.rejected.append(exc)
                if (len(batch) >= BATCH_DOCUMENTS or batch_chars >= BATCH_CHARS
                        or since_open + len(batch) >= reopen_after):
                    conn = flush(conn)
                if on_progress and (result.rejected is not None or result.known):
                    on_progress(result.name)
            flush(conn, last=True)
        except KeyboardInterrupt:
            # The batch in flight was rolled back with its transaction; the ones before are stored.
            report.interrupted = True
        finally:
            results.close()
    return report
