"""The pure half of ingest, run in worker processes: read, decode, clean, extract, count.

Reading and extraction are CPU work that needs no database, so they run on every core while the
one writer (DuckDB allows one) stores results in input order. At most a few documents per worker
are in flight, so memory stays flat however large the corpus. Workers are *spawned*, not forked:
a fork copies the parent's native libraries mid-state (OpenCC's converter, used by the parent to
load the seed years, deadlocks in a forked child), so each worker starts clean.

The workers start before the database is ready (:class:`Analyser`). A new database takes the
parent ~2 s of imports and migrations on one core, while the other sat idle; the workers spend that
time on their own start-up and on reading their first documents. What extraction needs from the
database (the lexicons, the hashes of texts already stored) reaches them once, when the parent
has it. For a new database they need not wait: they extract with the lexicons its reference files
give, and the parent keeps only what was extracted with lexicons equal to the database's own.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.corpus.extraction import commitment_columns, extract_rows
from tracker.corpus.prepare import DEFAULT_MAX_BYTES, PreparedDocument, prepare_file
from tracker.errors import RejectedInput

if TYPE_CHECKING:
    from tracker.corpus.ingest import InputFile
    from tracker.extract.lexicon import MetricLexicon
    from tracker.extract.rhetoric import RhetoricLexicon

# Documents each worker may be ahead of the writer. The writer takes no results while it commits a
# batch (BATCH_DOCUMENTS, 64; with a checkpoint that can take a second), so a window smaller than a
# batch left the workers idle: at 10x the corpus, 16 a worker took 52-64 s against 57-74 s with 4
# (three alternating pairs, same CPU-seconds and peak memory). Since the writer reopens only where a
# row group fills (tracker.corpus.ingest), its checkpoints are fewer but longer (~0.5 s), and 32 a
# worker took 45.6 s against 48.9 s with 16 at 10x (four alternating pairs, faster in each, 82.5
# against 87.1 CPU-seconds, peak RSS no higher), the same at 1x. It is a fixed bound (64 documents
# with two workers, ~10 MB of texts and tables), so memory does not grow with the corpus.
IN_FLIGHT_PER_WORKER = 32
# Documents each worker is handed at the start of a new database's ingest, while the parent migrates
# (~1-2 s however large the corpus; one spare core extracts ~100 documents meanwhile). With 32 the
# workers ran out of work before the parent was ready. Also a fixed bound (~40 MB with two workers).
EARLY_IN_FLIGHT_PER_WORKER = 128
# The files, in the Analyser's folder, that carry the database's lexicons and the guess to workers.
SHARED_NAME = "shared.pickle"
GUESS_NAME = "guess.pickle"
# How often a worker checks that the parent still runs (see _exit_with_parent).
PARENT_CHECK_SECONDS = 0.5
# Fewer documents than this are read in-process: starting workers costs more than it saves.
MIN_DOCUMENTS_FOR_WORKERS = 16
# Bytes the pipe carrying results to the writer holds once it takes them (see _widen_result_pipe);
# Linux's default limit for an unprivileged process (/proc/sys/fs/pipe-max-size).
RESULT_PIPE_BYTES = 1 << 20


@dataclass
class Analysed:
    name: str
    document: PreparedDocument | None = None
    rejected: RejectedInput | None = None
    known: bool = False  # its clean text is already stored: nothing was extracted
    commitments: Any = None  # a pyarrow Table of commitments-table columns (see _Shared.commitment_schema)
    counts: dict[str, int] = field(default_factory=dict)
    lexicons: str | None = None  # lexicons_key() of the lexicons it was extracted with

    # From a worker to the writer, the table travels as one Arrow IPC stream: pickling a Table
    # pickles each of its arrays and buffers as objects, and over the corpus took 0.19 s to write
    # and, in the single writer, 0.08 s to read, against 0.07 s and 0.01 s for the stream.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if state["commitments"] is not None:
            state["commitments"] = _to_stream(state["commitments"])
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state["commitments"] is not None:
            state["commitments"] = _from_stream(state["commitments"])
        self.__dict__.update(state)


def _to_stream(table: Any) -> Any:
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _from_stream(buffer: Any) -> Any:
    import pyarrow as pa

    return pa.ipc.open_stream(buffer).read_all()


@dataclass
class _Shared:
    """What extraction needs from the database; a worker receives it once, when the parent has it."""

    metrics: MetricLexicon
    terms: RhetoricLexicon
    known: frozenset[str]
    # The Arrow schema of the commitment columns (from the models, in the parent): workers build the
    # table, so the single writer neither unpickles objects nor converts values one by one.
    commitment_schema: Any = None
    key: str = field(init=False)

    def __post_init__(self) -> None:
        self.key = lexicons_key(self.metrics, self.terms)


def lexicons_key(metrics: MetricLexicon, terms: RhetoricLexicon) -> str:
    """A digest of everything that decides what these lexicons find: equal keys, equal extraction.

    A metric lexicon is its aliases (their order of matching is derived from them) and change
    defaults; a rhetoric lexicon is its terms and their concepts.
    """
    import hashlib

    content = repr((sorted(metrics.aliases.items()), sorted(metrics.change_defaults.items()),
                    sorted(terms.concept_of.items())))
    return hashlib.sha256(content.encode()).hexdigest()


class IngestCancelled(Exception):
    """The ingest ended before the database was ready: a worker drops the document it holds."""


# In a worker: files larger than this are rejected; the folder of the files the parent writes for
# it; the event set when the parent has written its _Shared to SHARED_NAME (the file absent: ingest
# cancelled).
_MAX_BYTES = DEFAULT_MAX_BYTES
_READY: Any = None
_FOLDER: str | None = None
# In a worker of a new database's ingest: the event set when the parent has written the lexicons of
# the database's reference files to GUESS_NAME (absent: no guess), and then those lexicons, used until
# the database's own arrive (its known hashes are not known yet, so none).
_GUESSED: Any = None
_GUESS: _Shared | None = None
# In a worker once it arrives (None: ingest cancelled), or in the parent when it reads in-process.
_SHARED: _Shared | None = None
_CANCELLED = False


def analyse(item: InputFile) -> Analysed:
    """Everything about one input that needs no database."""
    try:
        doc = prepare_file(item.path, item.info, name=item.name, max_bytes=_MAX_BYTES)
    except RejectedInput as exc:
        return Analysed(item.name, rejected=exc)
    # Reading needs nothing from the database; what follows does, so here a worker started early
    # waits for it (or, for a new database, goes on with the lexicons of its reference files).
    shared = _shared()
    if doc.sha256 in shared.known:
        return Analysed(item.name, document=doc, known=True)
    commitments, counts = extract_rows(doc, shared.metrics, shared.terms)
    import pyarrow as pa

    table = pa.Table.from_pydict(commitment_columns(commitments), schema=shared.commitment_schema)
    return Analysed(item.name, doc, None, False, table, counts, shared.key)


def _shared() -> _Shared:
    """The lexicons and known hashes: in a worker, waited for unless there is a guess to go on with."""
    global _SHARED, _CANCELLED
    if _SHARED is None and _READY is not None and not _CANCELLED:
        if not _READY.is_set():
            guess = _guess_received()
            if guess is not None and not _READY.is_set():
                return guess
        _READY.wait()
        _SHARED = _read_shared(SHARED_NAME)
        _CANCELLED = _SHARED is None
    if _SHARED is None:
        raise IngestCancelled("the ingest ended before its database was ready")
    return _SHARED


def _guess_received() -> _Shared | None:
    """In a worker of a new database's ingest, the guess, once the parent has built it (or given up)."""
    global _GUESSED, _GUESS
    if _GUESSED is not None:
        _GUESSED.wait()  # set in Analyser.__enter__, with or without the file, never left unset
        _GUESS, _GUESSED = _read_shared(GUESS_NAME), None
    return _GUESS


def _read_shared(name: str) -> _Shared | None:
    """What the parent wrote to `name` in the Analyser's folder; None if it wrote nothing."""
    import pickle

    try:
        with open(os.path.join(str(_FOLDER), name), "rb") as handle:
            shared: _Shared = pickle.load(handle)
            return shared
    except FileNotFoundError:
        return None


def _start_worker(ready: Any, guessed: Any, folder: str, max_bytes: int) -> None:
    global _READY, _GUESSED, _FOLDER, _MAX_BYTES
    # Ctrl-C goes to the whole process group; the parent decides what an interrupt means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _without_pandas()
    _READY, _GUESSED, _FOLDER, _MAX_BYTES = ready, guessed, folder, max_bytes
    # Import the extractor now, while the parent migrates, rather than when the lexicons arrive.
    import tracker.extract.commitments  # noqa: F401
    import tracker.extract.rhetoric  # noqa: F401


def _guess(reference: Path) -> _Shared | None:
    """The lexicons a new database will hold (tracker.reference), or None if they cannot be read.

    Only a guess: the migration that loads them reports a broken file itself, and what a worker
    extracts with these is kept only if the database's lexicons turn out the same. Built in the
    parent, which imports SQLAlchemy and the models for the migrations anyway: built in each worker
    instead, it cost 0.4 CPU-seconds a worker (those imports), as much as it saved.
    """
    from tracker.corpus.store import commitment_schema
    from tracker.reference import new_database_lexicons

    try:
        metrics, terms = new_database_lexicons(reference)
    except Exception:  # noqa: BLE001 - a guess: any file it cannot read means none
        return None
    return _Shared(metrics, terms, frozenset(), commitment_schema())


def _without_pandas() -> None:
    """Tell pyarrow, in a worker, that pandas is absent: nothing a worker does needs it.

    pyarrow imports pandas the first time it converts Python values and remembers the answer; that
    import was ~0.5 s, over half of a worker's start-up. So the worker makes pyarrow's first
    conversion while pandas is refused (tracker.pandas_free), and pyarrow converts lists as it did
    (the worker test compares every table with one built in the parent).
    """
    import pyarrow as pa

    from tracker.pandas_free import refusing_pandas

    with refusing_pandas():
        pa.array([], pa.int64())


def _exit_with_parent(interval: float = PARENT_CHECK_SECONDS) -> None:
    """End this worker when the parent is gone (killed with SIGKILL, say).

    A worker waits for tasks on a pipe that its siblings hold open too, so it never sees the end of
    it: without this, the workers of a killed ingest idled on forever, holding their memory.
    """
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def workers_for(count: int) -> int:
    if count < MIN_DOCUMENTS_FOR_WORKERS:
        return 0
    configured = os.environ.get("TRACKER_WORKERS")
    return int(configured) if configured else (os.cpu_count() or 1)


class Analyser:
    """The pure half of one ingest, its workers started before the database is ready.

    Entering starts the workers (when there are enough inputs to pay for them) and hands them the
    first window of inputs: they start up and read those while the parent opens and migrates the
    database. :meth:`results` then gives them the lexicons and known hashes and yields every
    result in input order. Leaving stops the workers, also when results() never ran (a migration
    failed, say): workers still waiting are told the ingest is cancelled.

    For a new database, ``reference`` is the folder of reference files it is being built from: the
    workers extract with the lexicons those give (tracker.reference.new_database_lexicons) instead
    of waiting, and a result is kept only if it was extracted with lexicons equal to the database's
    (lexicons_key); any other is analysed again here. What the workers extracted before they knew
    the stored texts is checked against them here too.

    The lexicons and hashes (and, first, the guess) go to the workers as a pickle file and an event
    each, not through a pipe: a message larger than a pipe's buffer blocks its sender until a
    worker reads it, and a worker that is handed no document (a short run, or only rejected files)
    never would.
    """

    def __init__(self, items: list[InputFile], max_bytes: int = DEFAULT_MAX_BYTES,
                 reference: Path | None = None) -> None:
        self.items = items
        self.max_bytes = max_bytes
        self.reference = reference
        self.workers = workers_for(len(items))
        self._pool: Any = None
        self._ready: Any = None
        self._guessed: Any = None
        self._folder: str | None = None
        self._pending: deque = deque()  # type: ignore[type-arg]
        self._queue = iter(items)

    def __enter__(self) -> Analyser:
        if self.workers > 1:
            import multiprocessing
            import tempfile
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("spawn")
            self._ready = context.Event()
            self._guessed = context.Event() if self.reference else None
            self._folder = tempfile.mkdtemp(prefix="tracker-ingest-")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=_start_worker,
                                             initargs=(self._ready, self._guessed, self._folder, self.max_bytes))
            try:
                # The first submit spawns the workers: they start up (~0.5 s of imports each) while
                # this process builds the guess (~0.5 s, most of it imports the migrations need
                # anyway). Built before spawning, the guess kept one core idle that long.
                self._fill(EARLY_IN_FLIGHT_PER_WORKER if self.reference else IN_FLIGHT_PER_WORKER)
                if self.reference is not None:
                    self._give_guess(self.reference)
            except BaseException:
                self.__exit__(None, None, None)
                raise
        return self

    def _give_guess(self, reference: Path) -> None:
        """Write the guess for the workers (nothing if it cannot be built) and tell them it is there."""
        try:
            guess = _guess(reference)
            if guess is not None:
                self._write(GUESS_NAME, guess)
        finally:
            self._guessed.set()

    def _write(self, name: str, shared: _Shared) -> None:
        """One pickle file in the Analyser's folder, complete before any worker can see it."""
        import pickle

        path = os.path.join(str(self._folder), name)
        with open(path + ".part", "wb") as handle:
            pickle.dump(shared, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(path + ".part", path)

    def _fill(self, per_worker: int = IN_FLIGHT_PER_WORKER) -> None:
        """Hand the workers inputs until the window is full (or the inputs run out)."""
        while len(self._pending) < self.workers * per_worker:
            item = next(self._queue, None)
            if item is None:
                return
            self._pending.append((item, self._pool.submit(analyse, item)))

    def results(self, metrics: MetricLexicon, terms: RhetoricLexicon, known: Iterable[str],
                commitment_schema: Any) -> Generator[Analysed, None, None]:
        """Every input analysed with these lexicons, in input order (call once)."""
        global _SHARED, _MAX_BYTES
        shared = _Shared(metrics, terms, frozenset(known), commitment_schema)
        _SHARED, _MAX_BYTES = shared, self.max_bytes  # for what this process analyses itself
        try:
            if self._pool is None:
                for item in self.items:
                    yield analyse(item)
                return
            _widen_result_pipe(self._pool)
            self._write(SHARED_NAME, shared)
            self._ready.set()
            while self._pending:
                self._fill()
                item, future = self._pending.popleft()
                yield _checked(future.result(), item, shared)
        finally:
            _SHARED = None

    def __exit__(self, *exc: object) -> None:
        if self._pool is None:
            return
        for _item, future in self._pending:
            future.cancel()
        self._ready.set()  # without the file, if results() never ran: workers still waiting cancel
        if self._guessed is not None:
            self._guessed.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
        import shutil

        shutil.rmtree(str(self._folder), ignore_errors=True)


def _widen_result_pipe(pool: Any) -> None:
    """Let the pipe that carries results to this process hold RESULT_PIPE_BYTES (Linux; else nothing).

    A result is a document's text, pieces and tables, tens to hundreds of KB, and a pipe holds 64
    KiB: each one crossed in many writes, the worker blocked until this process read the last, and
    both switched in and out per 64 KiB. With 1 MiB, the most a user's process may ask for without
    privileges, a 10x ingest took 24.20 s against 24.92 s and 45.9 against 46.2 CPU-seconds (three
    alternating pairs, faster in each). Widened from the start, it made a new database's ingest
    slower (4.62 s against 4.48 s at 1x, ten pairs): workers then ran further ahead during the
    migrations and this process unpickled their results meanwhile, slowing the migrations it
    waits on. So it is widened when results are taken. ProcessPoolExecutor keeps the pipe in a
    private attribute; without it (another Python), the pipe stays as it is.
    """
    try:
        import fcntl

        fcntl.fcntl(pool._result_queue._reader.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)
    except (AttributeError, OSError):
        pass


def _checked(result: Analysed, item: InputFile, shared: _Shared) -> Analysed:
    """A worker's result as if it had been made with the database's lexicons and known hashes."""
    if result.lexicons is not None and result.lexicons != shared.key:
        return analyse(item)  # extracted with a wrong guess: again, in this process
    if result.document is not None and not result.known and result.document.sha256 in shared.known:
        return Analysed(result.name, document=result.document, known=True)
    return result


def analysed(items: list[InputFile], metrics: MetricLexicon, terms: RhetoricLexicon, known: Iterable[str],
             commitment_schema: Any, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Analysed]:
    """Analyse the inputs (in parallel when worth it) and yield results in input order."""
    with Analyser(items, max_bytes) as analyser:
        yield from analyser.results(metrics, terms, known, commitment_schema)
