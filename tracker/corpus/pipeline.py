"""The pure half of ingest, run in worker processes: read, decode, clean, extract, count.

Reading and extraction are CPU work that needs no database, so they run on every core while the
one writer (DuckDB allows one) stores results in input order. At most a few documents per worker
are in flight, so memory stays flat however large the corpus. Workers are *spawned*, not forked:
a fork copies the parent's native libraries mid-state (OpenCC's converter, used by the parent to
load the seed years, deadlocks in a forked child), so each worker starts clean and receives the
lexicons (and the hashes of texts already stored, to skip those before extracting) once, through
a queue when the run's writer has read them. The pool starts before the writer opens or builds the
database (WorkerPool), so the workers' start-up runs beside a new database's migrations.
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


@dataclass
class Analysed:
    name: str
    document: PreparedDocument | None = None
    rejected: RejectedInput | None = None
    known: bool = False  # its clean text is already stored: nothing was extracted
    commitments: Any = None  # a pyarrow Table of commitments-table columns (see _Shared.commitment_schema)
    counts: dict[str, int] = field(default_factory=dict)


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
# In a worker: the queue its run's _Shared arrives on (WorkerPool.configure), taken at its first input.
_SETUP: Any = None


def _shared() -> _Shared:
    global _SHARED
    if _SHARED is None:
        _SHARED = _SETUP.get()
    assert _SHARED is not None
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


def _start_worker(setup: Any) -> None:
    """Get a worker ready for documents before the run's lexicons exist (see WorkerPool)."""
    global _SETUP
    # Ctrl-C goes to the whole process group; the parent decides what an interrupt means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _without_pandas()
    _SETUP = setup
    # What analysing a document imports, imported now, while the writer migrates or reads.
    import tracker.corpus.clean  # noqa: F401
    import tracker.extract.commitments  # noqa: F401
    import tracker.extract.rhetoric  # noqa: F401


def _started() -> int:
    """The task each worker is started with (see WorkerPool)."""
    return os.getpid()


def _without_pandas() -> None:
    """Tell pyarrow, in a worker, that pandas is absent: nothing a worker does needs it.

    pyarrow imports pandas the first time it converts Python values (to ask whether they are a
    pandas Series), even when none is in sight, and remembers the answer. That import was ~0.5 s,
    over half of a worker's start-up. So the worker makes pyarrow's first conversion while a
    finder refuses pandas, then removes the finder: pandas stays importable, and pyarrow converts
    lists as it did (the worker test compares every table with one built in the parent).
    """
    import importlib.abc
    import sys

    import pyarrow as pa

    class Refuse(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
            if name.partition(".")[0] == "pandas":
                raise ModuleNotFoundError("not in a worker", name=name)
            return None

    refuse = Refuse()
    sys.meta_path.insert(0, refuse)
    try:
        pa.array([], pa.int64())
    finally:
        sys.meta_path.remove(refuse)


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


class WorkerPool:
    """Worker processes started before the run knows what they need.

    A worker takes ~0.4 s of CPU to start (spawning, importing extraction and pyarrow), and a new
    database's migrations ~2.5 s on one core. Started first, the workers get ready on the other core
    meanwhile; the run's state (lexicons, hashes of stored texts), which only the database can give,
    follows through a queue when the writer has read it: one copy per worker, taken at its first
    input. One pool serves one run.
    """

    def __init__(self, size: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        self.size = size
        self._setup = context.Queue()
        # A copy no worker took (a run that ended early) is dropped at exit instead of waited on.
        self._setup.cancel_join_thread()
        self._configured = False
        self.executor = ProcessPoolExecutor(max_workers=size, mp_context=context, initializer=_start_worker,
                                            initargs=(self._setup,))
        # The executor spawns a process for each task submitted while none is idle: one task each
        # starts them all now rather than at the first documents.
        self.started = [self.executor.submit(_started) for _ in range(size)]

    def configure(self, shared: _Shared) -> None:
        if self._configured:
            raise RuntimeError("a worker pool serves one run")
        self._configured = True
        for _ in range(self.size):
            self._setup.put(shared)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self._setup.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def worker_pool(documents: int) -> Iterator[WorkerPool | None]:
    """A pool for a run of so many documents, started now; None when too few to be worth one."""
    size = workers_for(documents)
    if size <= 1:
        yield None
        return
    with WorkerPool(size) as pool:
        yield pool


def analysed(items: list[InputFile], metrics: MetricLexicon, terms: RhetoricLexicon, known: Iterable[str],
             commitment_schema: Any, max_bytes: int = DEFAULT_MAX_BYTES,
             pool: WorkerPool | None = None) -> Iterator[Analysed]:
    """Analyse the inputs (in parallel when worth it) and yield results in input order.

    ``pool``, started earlier by the caller, is used when given; otherwise one is started here if
    there are enough inputs.
    """
    global _SHARED
    shared = _Shared(metrics, terms, frozenset(known), max_bytes, commitment_schema)
    if pool is None:
        with worker_pool(len(items)) as started:
            if started is not None:
                yield from analysed(items, metrics, terms, known, commitment_schema, max_bytes, started)
                return
        _SHARED = shared
        for item in items:
            yield analyse(item)
        return
    pool.configure(shared)
    pending: deque = deque()  # type: ignore[type-arg]
    try:
        for item in items:
            pending.append(pool.executor.submit(analyse, item))
            if len(pending) >= pool.size * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
