"""Worker processes give what one process gives: commitments, counts, rejections, known texts.

These run real spawned workers on real seed documents (no database: the pipeline is the pure half
of ingest) and compare every result with the same inputs analysed in this process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from tests.paths import REFERENCE, ROOT, SEEDS
from tracker.corpus.ingest import InputFile
from tracker.corpus.pipeline import Analysed, analysed
from tracker.corpus.prepare import DocumentInfo, prepare_file
from tracker.corpus.store import commitment_schema
from tracker.extract.lexicon import MetricLexicon
from tracker.extract.rhetoric import RhetoricLexicon

SEED_FILES = sorted(SEEDS.glob("20*/*.txt"))


def _inputs(tmp_path: Path) -> list[InputFile]:
    """24 inputs: the seeds repeated, a missing file and an oversized one at both ends."""
    info = DocumentInfo(place="厦门市", published="2024-01-11", doc_type="work_report")
    big = tmp_path / "big.txt"
    big.write_text("厦门" * 40_000, encoding="utf-8")
    items = [InputFile(tmp_path / "missing-early.txt", "missing-early.txt", info), InputFile(big, "big-early.txt", info)]
    for i in range(20):
        path = SEED_FILES[i % len(SEED_FILES)]
        items.append(InputFile(path, f"{i:02d}-{path.name}", info))
    items += [InputFile(big, "big-late.txt", info), InputFile(tmp_path / "missing-late.txt", "missing-late.txt", info)]
    return items


def _run(items: list[InputFile], known: set[str]) -> list[Analysed]:
    metrics = MetricLexicon.from_csv(REFERENCE / "metrics.csv")
    terms = RhetoricLexicon.from_csv(REFERENCE / "terms.csv")
    return list(analysed(items, metrics, terms, known, commitment_schema(), max_bytes=100_000))


def _summary(result: Analysed) -> tuple:  # type: ignore[type-arg]
    table = result.commitments
    return (
        result.name,
        str(result.rejected) if result.rejected else None,
        result.known,
        result.document.sha256 if result.document else None,
        table.to_pylist() if isinstance(table, pa.Table) else None,
        result.counts,
    )


def test_workers_give_what_one_process_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = _inputs(tmp_path)
    # One seed counts as stored already: it must come back as known, not extracted again.
    known = {prepare_file(SEED_FILES[0], items[2].info).sha256}
    monkeypatch.setenv("TRACKER_WORKERS", "1")  # one worker means none: all in this process
    expected = [_summary(r) for r in _run(items, known)]
    monkeypatch.setenv("TRACKER_WORKERS", "2")
    got = [_summary(r) for r in _run(items, known)]
    assert got == expected
    assert [name for name, reason, *_ in got if reason] == ["missing-early.txt", "big-early.txt", "big-late.txt",
                                                            "missing-late.txt"]
    assert sum(1 for r in got if r[2]) == len(range(0, 20, len(SEED_FILES)))  # the known seed, each time
    assert any(r[4] for r in got)  # commitments were extracted, not only compared empty


class _CountingInputs(list):  # type: ignore[type-arg]
    """Inputs that record how many of them the pipeline has taken (submitted to a worker)."""

    taken = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        for item in super().__iter__():
            self.taken += 1
            yield item


def test_workers_read_ahead_by_a_bounded_window_of_more_than_a_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory stays flat (the read-ahead does not grow with the corpus), and the workers can run a
    whole writer batch ahead, so they keep working while the writer commits one."""
    from tracker.corpus.ingest import BATCH_DOCUMENTS
    from tracker.corpus.pipeline import IN_FLIGHT_PER_WORKER

    info = DocumentInfo(place="厦门市", published="2024-01-11", doc_type="work_report")
    items = _CountingInputs(InputFile(SEED_FILES[i % len(SEED_FILES)], f"{i:03d}.txt", info) for i in range(120))
    monkeypatch.setenv("TRACKER_WORKERS", "2")
    metrics = MetricLexicon.from_csv(REFERENCE / "metrics.csv")
    terms = RhetoricLexicon.from_csv(REFERENCE / "terms.csv")
    in_flight = []  # taken from the inputs and not yet handed on, counting the one just handed on
    for handed, result in enumerate(analysed(items, metrics, terms, set(), commitment_schema())):
        assert result.rejected is None
        in_flight.append(items.taken - handed)
    assert len(in_flight) == 120
    assert max(in_flight) <= 2 * IN_FLIGHT_PER_WORKER < 120  # bounded, not the whole corpus
    assert max(in_flight) >= BATCH_DOCUMENTS


def test_a_worker_builds_arrow_tables_without_importing_pandas() -> None:
    """pyarrow imports pandas at its first conversion of Python values (~0.5 s, over half of a
    worker's start-up); a worker makes that first conversion with pandas refused, so its tables
    cost no pandas, and pandas stays importable for anything that does want it."""
    probe = (
        "import sys, pyarrow as pa\n"
        "from tracker.corpus.pipeline import _without_pandas\n"
        "from tracker.corpus.store import commitment_schema\n"
        "_without_pandas()\n"
        "schema = commitment_schema()\n"
        "table = pa.Table.from_pydict({f.name: [None, None] for f in schema}, schema=schema)\n"
        "print(table.num_rows, 'pandas' in sys.modules)\n"
        "import pandas\n"
        "print(pandas.DataFrame({'a': [1]}).shape)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["2 False", "(1, 1)"]


def test_commitment_columns_are_the_fields_of_each_commitment_in_table_order() -> None:
    from tracker.corpus.extraction import COMMITMENT_FIELDS, commitment_columns, extract_commitments_of

    metrics = MetricLexicon.from_csv(REFERENCE / "metrics.csv")
    info = DocumentInfo(place="厦门市", published="2024-01-11", doc_type="work_report")
    commitments = [c for path in SEED_FILES for c in extract_commitments_of(prepare_file(path, info), metrics)]
    assert len(commitments) > 50
    columns = commitment_columns(commitments)
    assert list(columns) == list(COMMITMENT_FIELDS)
    assert columns == {name: [getattr(c, name) for c in commitments] for name in COMMITMENT_FIELDS}
    assert commitment_columns([]) == {name: [] for name in COMMITMENT_FIELDS}


def test_workers_are_handed_the_first_window_before_the_lexicons_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers start, and start reading, while the parent is still opening and migrating the
    database; what they extract afterwards is what one process extracts with the same lexicons."""
    from tracker.corpus.pipeline import IN_FLIGHT_PER_WORKER, Analyser

    info = DocumentInfo(place="厦门市", published="2024-01-11", doc_type="work_report")
    count = 2 * IN_FLIGHT_PER_WORKER + 10
    items = _CountingInputs(InputFile(SEED_FILES[i % len(SEED_FILES)], f"{i:03d}.txt", info) for i in range(count))
    metrics = MetricLexicon.from_csv(REFERENCE / "metrics.csv")
    terms = RhetoricLexicon.from_csv(REFERENCE / "terms.csv")
    known = {prepare_file(SEED_FILES[1], info).sha256}
    monkeypatch.setenv("TRACKER_WORKERS", "2")
    with Analyser(items) as analyser:
        assert items.taken == 2 * IN_FLIGHT_PER_WORKER  # handed out on entering, no lexicons yet
        _assert_result_pipe(analyser, widened=False)  # not while the parent migrates (see pipeline)
        results = analyser.results(metrics, terms, known, commitment_schema())
        got = [_summary(next(results))]
        _assert_result_pipe(analyser, widened=True)
        got += [_summary(r) for r in results]
    monkeypatch.setenv("TRACKER_WORKERS", "1")
    with Analyser(list(items)) as analyser:
        expected = [_summary(r) for r in analyser.results(metrics, terms, known, commitment_schema())]
    assert got == expected and len(got) == count
    assert sum(1 for r in got if r[2]) == len(range(1, count, len(SEED_FILES)))


def _assert_result_pipe(analyser, widened: bool) -> None:  # type: ignore[no-untyped-def]
    """Once results are taken, and not before, the pipe carrying them holds 1 MiB (Linux)."""
    if not sys.platform.startswith("linux"):
        return
    import fcntl

    from tracker.corpus.pipeline import RESULT_PIPE_BYTES

    reader = analyser._pool._result_queue._reader  # fails here, not silently, if Python renames it
    assert (fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ) == RESULT_PIPE_BYTES) == widened


def test_an_ingest_that_ends_before_its_database_is_ready_stops_its_workers(tmp_path: Path) -> None:
    """A migration fails, the database is locked: the workers, already reading and now waiting for
    lexicons that never come, are told so and end; the process exits, leaving nothing behind."""
    probe = (
        "import multiprocessing, os, sys, tempfile\n"
        "from pathlib import Path\n"
        "from tracker.corpus.ingest import InputFile\n"
        "from tracker.corpus.pipeline import Analyser\n"
        "from tracker.corpus.prepare import DocumentInfo\n"
        "os.environ['TRACKER_WORKERS'] = '2'\n"
        "files = sorted(Path(sys.argv[1]).glob('20*/*.txt'))\n"
        "info = DocumentInfo(place='厦门市', published='2024-01-11', doc_type='work_report')\n"
        "items = [InputFile(files[i % len(files)], str(i), info) for i in range(40)]\n"
        "try:\n"
        "    with Analyser(items) as analyser:\n"
        "        folder = analyser._folder\n"
        "        raise RuntimeError('the database is locked')\n"
        "except RuntimeError as exc:\n"
        "    print(exc)\n"
        "print(multiprocessing.active_children(), os.path.exists(folder))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(SEEDS)], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["the database is locked", "[] False"]


def _first_result_made_early(analyser) -> None:  # type: ignore[no-untyped-def]
    """Wait until a worker has analysed its first input, before the lexicons are given: with a
    guess it extracts with that, so the test sees the guess used, not raced past."""
    analyser._pending[0][1].result()


def test_what_workers_extract_with_a_new_databases_reference_lexicons_is_kept_when_they_match(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.corpus.pipeline import Analyser, lexicons_key
    from tracker.reference import new_database_lexicons

    info = DocumentInfo(place="厦门市", published="2024-01-11", doc_type="work_report")
    items = [InputFile(SEED_FILES[i % len(SEED_FILES)], f"{i:03d}.txt", info) for i in range(30)]
    metrics, terms = new_database_lexicons(REFERENCE)  # what the database holds, as if read back
    known = {prepare_file(SEED_FILES[0], info).sha256}  # the first input's: read before known was
    monkeypatch.setenv("TRACKER_WORKERS", "2")
    with Analyser(items, reference=REFERENCE) as analyser:
        _first_result_made_early(analyser)
        got = list(analyser.results(metrics, terms, known, commitment_schema()))
    monkeypatch.setenv("TRACKER_WORKERS", "1")
    with Analyser(items) as analyser:
        expected = [_summary(r) for r in analyser.results(metrics, terms, known, commitment_schema())]
    assert [_summary(r) for r in got] == expected
    # Extracted by the workers with the guess (same key), the stored seed's copies found known after all.
    assert {r.lexicons for r in got if not r.known} == {lexicons_key(metrics, terms)}
    assert sum(1 for r in got if r.known) == len(range(0, 30, len(SEED_FILES)))


def test_what_workers_extract_with_a_wrong_guess_is_extracted_again_with_the_databases_lexicons(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A later revision added a term: documents the workers read before the database was ready,
    with the reference files' lexicons, must still be counted with the database's."""
    from tracker.corpus.pipeline import Analyser
    from tracker.extract.rhetoric import LexiconRow
    from tracker.reference import new_database_lexicons

    info = DocumentInfo(place="厦门市", published="2024-01-11", doc_type="work_report")
    items = [InputFile(SEED_FILES[i % len(SEED_FILES)], f"{i:03d}.txt", info) for i in range(30)]
    metrics, terms = new_database_lexicons(REFERENCE)
    added = RhetoricLexicon.from_rows([*terms.rows, LexiconRow("企业", "企业")])
    monkeypatch.setenv("TRACKER_WORKERS", "2")
    with Analyser(items, reference=REFERENCE) as analyser:
        _first_result_made_early(analyser)
        got = [_summary(r) for r in analyser.results(metrics, added, set(), commitment_schema())]
    monkeypatch.setenv("TRACKER_WORKERS", "1")
    with Analyser(items) as analyser:
        expected = [_summary(r) for r in analyser.results(metrics, added, set(), commitment_schema())]
    assert got == expected
    assert sum(1 for r in got if r[5].get("企业")) >= 18  # the added term counted, early ones too


def test_a_new_database_holds_the_lexicons_its_reference_files_give(seeded_db: str) -> None:
    """What makes the workers' head start pay: on a database built to head from this workspace,
    the guess is right (were it wrong, every early result would be extracted again)."""
    from tracker.corpus.pipeline import lexicons_key
    from tracker.corpus.store import load_lexicons
    from tracker.db import open_engine
    from tracker.reference import new_database_lexicons

    engine = open_engine(seeded_db)
    with engine.connect() as conn:
        stored = load_lexicons(conn)
    engine.dispose()
    metrics, terms = new_database_lexicons(REFERENCE)
    assert lexicons_key(metrics, terms) == lexicons_key(stored.metrics, stored.terms)
    assert len(metrics.aliases) > len(MetricLexicon.from_csv(REFERENCE / "metrics.csv").aliases)  # both scripts


def test_the_workers_are_started_before_the_guess_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guess takes the parent ~0.5 s (imports, reading the reference files): the workers spend
    it on their own start-up, so they exist (and hold their first window) before it is built."""
    import multiprocessing

    import tracker.corpus.pipeline as pipeline

    seen: list[int] = []
    build = pipeline._guess

    def watched(reference: Path):  # type: ignore[no-untyped-def]
        seen.append(len(multiprocessing.active_children()))
        return build(reference)

    monkeypatch.setattr(pipeline, "_guess", watched)
    info = DocumentInfo(place="厦门市", published="2024-01-11", doc_type="work_report")
    items = [InputFile(SEED_FILES[i % len(SEED_FILES)], f"{i:03d}.txt", info) for i in range(20)]
    from tracker.reference import new_database_lexicons

    metrics, terms = new_database_lexicons(REFERENCE)
    monkeypatch.setenv("TRACKER_WORKERS", "2")
    with pipeline.Analyser(items, reference=REFERENCE) as analyser:
        assert seen == [2]
        _first_result_made_early(analyser)
        got = list(analyser.results(metrics, terms, set(), commitment_schema()))
    assert {r.lexicons for r in got} == {pipeline.lexicons_key(metrics, terms)}  # made with the guess


def test_when_no_guess_can_be_built_the_workers_wait_for_the_databases_lexicons(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reference files the parent cannot read (the migration will say why): the workers, already
    reading, are told there is no guess and extract only with the lexicons results() gives (a
    worker left waiting for a guess would hang here; one reading a guess file not written, crash)."""
    from tracker.corpus.pipeline import Analyser

    broken = tmp_path / "reference"
    broken.mkdir()
    (broken / "metrics.csv").write_text("not,a\nmetrics file\n", encoding="utf-8")
    info = DocumentInfo(place="厦门市", published="2024-01-11", doc_type="work_report")
    items = [InputFile(SEED_FILES[i % len(SEED_FILES)], f"{i:03d}.txt", info) for i in range(20)]
    metrics = MetricLexicon.from_csv(REFERENCE / "metrics.csv")
    terms = RhetoricLexicon.from_csv(REFERENCE / "terms.csv")
    monkeypatch.setenv("TRACKER_WORKERS", "2")
    with Analyser(items, reference=broken) as analyser:
        got = [_summary(r) for r in analyser.results(metrics, terms, set(), commitment_schema())]
    monkeypatch.setenv("TRACKER_WORKERS", "1")
    with Analyser(items) as analyser:
        expected = [_summary(r) for r in analyser.results(metrics, terms, set(), commitment_schema())]
    assert got == expected
