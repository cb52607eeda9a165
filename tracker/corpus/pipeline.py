"""The pure half of ingest, run in worker processes: read, decode, clean, extract, count.

Reading and extraction are CPU work that needs no database, so they run on every core while the
one writer (DuckDB allows one) stores results in input order. At most a few documents per worker
are in flight, so memory stays flat however large the corpus. Workers are *spawned*, not forked:
a fork copies the parent's native libraries mid-state (OpenCC's converter, used by the parent to
load the seed years, deadlocks in a forked child), so each worker starts clean and receives the
lexicons (and the hashes of texts already stored, to skip those before extracting) once, through
a queue (see Workers).
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tracker.corpus.extraction import commitment_columns, extract_rows
from tracker.corpus.prepare import DEFAULT_MAX_BYTES, PreparedDocument, prepare_file
from tracker.errors import RejectedInput

if TYPE_CHECKING:
    from tracker.corpus.ingest import InputFile
    from tracker.extract.lexicon import MetricLexicon
    from tracker.extract.rhetoric import RhetoricLexicon

# Documents each worker may be ahead of the writer. The writer takes no results while it commits a
# batch (BATCH_DOCUMENTS, 32; with a checkpoint that can take a second), so a window smaller than a
# batch left the workers idle: at 10x the corpus, 16 a worker took 52-64 s against 57-74 s with 4
# (three alternating pairs, same CPU-seconds and peak memory). It is a fixed bound, so memory does
# not grow with the corpus.
IN_FLIGHT_PER_WORKER = 16
# How often a worker checks that the parent still runs (see _exit_with_parent).
PARENT_CHECK_SECONDS = 0.5
# Fewer documents than this are read in-process: starting workers costs more than it saves.
MIN_DOCUMENTS_FOR_WORKERS = 16
# Allocations between young collections in a worker (the interpreter's default is 700); see _warm_up.
GC_YOUNG_THRESHOLD = 50_000


@dataclass
class Analysed:
    name: str
    document: PreparedDocument | None = None
    rejected: RejectedInput | None = None
    known: bool = False  # its clean text is already stored: nothing was extracted
    commitments: Any = None  # a pyarrow Table of commitments-table columns (see _Shared.commitment_schema)
    counts: dict[str, int] = field(default_factory=dict)

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
    metrics: MetricLexicon
    terms: RhetoricLexicon
    known: frozenset[str]
    max_bytes: int
    # The Arrow schema of the commitment columns (from the models, in the parent): workers build the
    # table, so the single writer neither unpickles objects nor converts values one by one.
    commitment_schema: Any = None


_SHARED: _Shared | None = None
# In a worker: where its _Shared arrives from (see Workers).
_INBOX: Any = None


def _shared() -> _Shared:
    """This process's _Shared: set by analysed in-process; in a worker, taken from the inbox once."""
    global _SHARED
    if _SHARED is None:
        assert _INBOX is not None, "a worker got a document before its lexicons"
        _SHARED = _INBOX.get()
    return _SHARED


def analyse(item: InputFile) -> Analysed:
    """Everything about one input that needs no database."""
    shared = _shared()
    try:
        doc = prepare_file(item.path, item.info, name=item.name, max_bytes=shared.max_bytes)
    except RejectedInput as exc:
        return Analysed(item.name, rejected=exc)
    if doc.sha256 in shared.known:
        return Analysed(item.name, document=doc, known=True)
    commitments, counts = extract_rows(doc, shared.metrics, shared.terms)
    import pyarrow as pa

    table = pa.Table.from_pydict(commitment_columns(commitments), schema=shared.commitment_schema)
    return Analysed(item.name, doc, None, False, table, counts)


def _start_worker(inbox: Any) -> None:
    global _INBOX
    # Ctrl-C goes to the whole process group; the parent decides what an interrupt means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _without_pandas()
    _warm_up()
    _INBOX = inbox


def _ready() -> None:
    """A task that does nothing: submitted once per worker so that the pool starts them all now."""


def _warm_up() -> None:
    """Import what reading a document needs, before the first document arrives.

    Workers start while the writer is still building or checking the schema (Workers), so these
    imports (the compiled extractor and its patterns, numpy, OpenCC) cost no time the writer waits
    on. Then the interpreter's collector is told that what exists now lives for good (gc.freeze):
    its full collections stop walking every imported object, and young collections come less
    often. Extraction makes millions of short-lived objects and no cycles to speak of; in an
    instruction count of one process reading a tenth of the corpus (callgrind), the collector's
    work fell by 1.1% of all instructions.
    """
    import gc

    import numpy  # noqa: F401  (clean.py imports it on first use)

    import tracker.extract.commitments  # noqa: F401
    from tracker.corpus.clean import _t2s

    _t2s()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


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


class Workers:
    """Worker processes, started before the writer knows what they need.

    A worker took about 0.45 s to spawn and import what it runs, and it used to start only once the
    writer had built or checked the schema and loaded the lexicons: 1.3 s into an ingest of an
    existing file, 2.7 s into a new one, all of it on one core while the other idled. Started
    first, the workers import meanwhile; the lexicons and stored hashes (a _Shared) follow through
    a queue, one copy per worker, and each worker takes its copy before its first document. One
    Workers serves one run of :func:`analysed`.
    """

    def __init__(self, count: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        self.count = count
        # A Queue, not a SimpleQueue: its put returns at once and a thread feeds the pipe, where a
        # SimpleQueue's put of lexicons larger than the pipe's buffer waited for a worker to read
        # them, and the workers read only when a document came, after the put.
        self._inbox = context.Queue()
        self.pool = ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_start_worker,
                                        initargs=(self._inbox,))
        for _ in range(count):  # a pool starts its processes one per task submitted while none is idle
            self.pool.submit(_ready)

    def share(self, shared: _Shared) -> None:
        for _ in range(self.count):
            self._inbox.put(shared)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        # Copies no worker took (a run that stopped before its first document) are dropped, not
        # fed into a pipe nobody reads, which would hold this process at exit.
        self._inbox.cancel_join_thread()
        self._inbox.close()


@contextmanager
def started_workers(count: int) -> Iterator[Workers | None]:
    """Workers for `count` documents (None when they are read in-process), shut down on leaving."""
    workers = workers_for(count)
    if workers <= 1:
        yield None
        return
    started = Workers(workers)
    try:
        yield started
    finally:
        started.close()


def analysed(items: list[InputFile], metrics: MetricLexicon, terms: RhetoricLexicon, known: Iterable[str],
             commitment_schema: Any, max_bytes: int = DEFAULT_MAX_BYTES,
             workers: Workers | None = None) -> Iterator[Analysed]:
    """Analyse the inputs (in parallel when worth it) and yield results in input order.

    ``workers`` are ones started earlier (ingest starts them before it opens the database);
    without them, workers are started here when the inputs are worth it.
    """
    global _SHARED
    shared = _Shared(metrics, terms, frozenset(known), max_bytes, commitment_schema)
    if workers is None:
        with started_workers(len(items)) as own:
            if own is not None:
                yield from _through(own, items, shared)
                return
        _SHARED = shared
        for item in items:
            yield analyse(item)
        return
    yield from _through(workers, items, shared)


def _through(workers: Workers, items: list[InputFile], shared: _Shared) -> Iterator[Analysed]:
    workers.share(shared)
    pending: deque = deque()  # type: ignore[type-arg]
    try:
        for item in items:
            pending.append(workers.pool.submit(analyse, item))
            if len(pending) >= workers.count * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
