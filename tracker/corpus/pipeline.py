"""The pure half of ingest, run in worker processes: read, decode, clean, extract, count.

Reading and extraction are CPU work that needs no database, so they run on every core while the
one writer (DuckDB allows one) stores results in input order. At most a few documents per worker
are in flight, so memory stays flat however large the corpus. Workers are *spawned*, not forked:
a fork copies the parent's native libraries mid-state (OpenCC's converter, used by the parent to
load the seed years, deadlocks in a forked child), so each worker starts clean and receives the
lexicons (and the hashes of texts already stored, to skip those before extracting) once, through
its initializer.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
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
# batch (BATCH_DOCUMENTS, 64; with a checkpoint that can take a second), so a window smaller than a
# batch left the workers idle: at 10x the corpus, 16 a worker took 52-64 s against 57-74 s with 4
# (three alternating pairs, same CPU-seconds and peak memory). Since the writer reopens only where a
# row group fills (tracker.corpus.ingest), its checkpoints are fewer but longer (~0.5 s), and 32 a
# worker took 45.6 s against 48.9 s with 16 at 10x (four alternating pairs, faster in each, 82.5
# against 87.1 CPU-seconds, peak RSS no higher), the same at 1x. It is a fixed bound (64 documents
# with two workers, ~10 MB of texts and tables), so memory does not grow with the corpus.
IN_FLIGHT_PER_WORKER = 32
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


def analyse(item: InputFile) -> Analysed:
    """Everything about one input that needs no database."""
    assert _SHARED is not None
    try:
        doc = prepare_file(item.path, item.info, name=item.name, max_bytes=_SHARED.max_bytes)
    except RejectedInput as exc:
        return Analysed(item.name, rejected=exc)
    if doc.sha256 in _SHARED.known:
        return Analysed(item.name, document=doc, known=True)
    commitments, counts = extract_rows(doc, _SHARED.metrics, _SHARED.terms)
    import pyarrow as pa

    table = pa.Table.from_pydict(commitment_columns(commitments), schema=_SHARED.commitment_schema)
    return Analysed(item.name, doc, None, False, table, counts)


def _start_worker(shared: _Shared) -> None:
    global _SHARED
    # Ctrl-C goes to the whole process group; the parent decides what an interrupt means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _without_pandas()
    _SHARED = shared


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


def analysed(items: list[InputFile], metrics: MetricLexicon, terms: RhetoricLexicon, known: Iterable[str],
             commitment_schema: Any, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Analysed]:
    """Analyse the inputs (in parallel when worth it) and yield results in input order."""
    global _SHARED
    _SHARED = _Shared(metrics, terms, frozenset(known), max_bytes, commitment_schema)
    workers = workers_for(len(items))
    if workers <= 1:
        for item in items:
            yield analyse(item)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(_SHARED,)) as pool:
        pending: deque = deque()  # type: ignore[type-arg]
        queue = iter(items)
        try:
            for item in queue:
                pending.append(pool.submit(analyse, item))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
