"""Benchmarks for `make bench`: throughput and latency, as medians of several runs.

Reads the development corpus from ../shared/corpus (skips, saying why, when it is absent):
- floor: read + decode + Traditional→Simplified (the script check on every text, the conversion
  where the text is Traditional, as cleaning does) + one Aho-Corasick scan of the lexicon, the least
  any ingest must do; and the rhetoric counting alone;
- extraction only (prepare + commitments + rhetoric counts, one process), MB/s;
- ingest of the corpus into a new DuckDB file as a whole process (start-up and migrations
  included), and its ratio to the floor;
- latency of `tracker --help`, of importing pandas+SQLAlchemy+DuckDB+Rich, and of `tracker
  timeline` / `tracker report` on the ingested database;
- scale-up: a synthetic corpus of real report paragraphs recombined, N times the corpus, ingested
  whole: throughput and peak memory (RSS of the largest process) per N.

    python benchmarks/run.py [--runs 3] [--scales 1,10] [--out benchmarks/results.md]

To tell two versions apart on a machine whose speed drifts, use benchmarks/compare.py (alternating
whole ingests of this checkout and another revision).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "work-reports"
TRACKER = [sys.executable, "-m", "tracker.cli"]
sys.path.insert(0, str(ROOT))


def corpus_files() -> list[Path]:
    with (CORPUS / "manifest.csv").open(encoding="utf-8") as handle:
        return [CORPUS / row["file"] for row in csv.DictReader(handle)]


def median_time(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor_pass(files: list[Path]) -> None:
    from tracker.corpus.clean import _script_evidence, simplify
    from tracker.extract.rhetoric import RhetoricLexicon, count_terms

    _script_evidence.cache_clear()  # its one-time cost per process counts, like the lexicon's
    lexicon = RhetoricLexicon.from_csv(ROOT / "seeds" / "reference" / "terms.csv")
    for path in files:
        count_terms(simplify(path.read_bytes().decode("utf-8"))[0], lexicon)


def counting_only(texts: list[str]) -> None:
    from tracker.extract.rhetoric import RhetoricLexicon, count_terms

    lexicon = RhetoricLexicon.from_csv(ROOT / "seeds" / "reference" / "terms.csv")
    for text in texts:
        count_terms(text, lexicon)


def extraction_only(files: list[Path]) -> None:
    from tracker.corpus.extraction import extract_rows
    from tracker.corpus.prepare import DocumentInfo, prepare_file
    from tracker.extract.lexicon import MetricLexicon
    from tracker.extract.rhetoric import RhetoricLexicon

    metrics = MetricLexicon.from_csv(ROOT / "seeds" / "reference" / "metrics.csv")
    terms = RhetoricLexicon.from_csv(ROOT / "seeds" / "reference" / "terms.csv")
    info = DocumentInfo(place="厦门市", published="2024", doc_type="work_report")
    for path in files:
        extract_rows(prepare_file(path, info), metrics, terms)


def run_tracker(*args: str, cwd: Path = ROOT) -> tuple[float, int, float]:
    """Seconds, peak RSS (KiB, largest process) and CPU seconds (all processes) of one tracker command.

    The figures are this command's own, from wait4: they cover the command and the workers it
    reaped. (RUSAGE_CHILDREN's peak is the largest of every command run so far, so a command
    measured after a bigger one reported the bigger one's peak.)
    """
    start = time.perf_counter()
    process = subprocess.Popen([*TRACKER, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def ingest_once(workdir: Path, manifest: Path, cwd: Path = ROOT) -> tuple[float, int, float]:
    """One whole `tracker ingest` into a new file; `cwd` is the checkout whose code runs (compare.py)."""
    db = workdir / "bench.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    return run_tracker("--db", str(db), "ingest", "--manifest", str(manifest), cwd=cwd)


def synthetic_corpus(folder: Path, scale: int, files: list[Path]) -> tuple[Path, int]:
    """scale × the corpus, from real report paragraphs recombined into documents of similar size."""
    paragraphs = [p for f in files for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 60]
    sizes = [f.stat().st_size for f in files]
    rng = random.Random(scale)
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["file,place,published,doc_type,title,source"]
    total = 0
    for i in range(len(files) * scale):
        target, parts, size = sizes[i % len(sizes)], [], 0
        while size < target:
            part = rng.choice(paragraphs)
            parts.append(part)
            size += len(part.encode("utf-8"))
        name = f"doc{i:06d}.md"
        (folder / name).write_text(f"第{i}号\n\n" + "\n\n".join(parts), encoding="utf-8")
        total += size
        rows.append(f"{name},厦门市,{2015 + i % 12},work_report,synthetic {i},benchmark")
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scales", default="1,10", help="synthetic corpus sizes, in multiples of the corpus")
    parser.add_argument("--out", type=Path, help="also write the results table here (markdown)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: the development corpus is not at {CORPUS} (it lives beside the project)")
        return 0
    files = corpus_files()
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    from tracker.extract import native

    build = "compiled with mypyc" if native.compiled() else "pure Python"
    lines = [f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; corpus {len(files)} files, "
             f"{megabytes:.1f} MB; extractor {build}; medians of {args.runs} runs", "", "| measure | result |", "|---|---|"]

    def row(name: str, value: str) -> None:
        lines.append(f"| {name} | {value} |")
        print(f"{name}: {value}", flush=True)

    floor = median_time(lambda: floor_pass(files), args.runs)
    row("floor pass (read, decode, t2s where Traditional, Aho-Corasick)", f"{floor:.2f} s, {megabytes / floor:.0f} MB/s")
    texts = [f.read_text(encoding="utf-8") for f in files]
    counting = median_time(lambda: counting_only(texts), args.runs)
    row("rhetoric counting only (Aho-Corasick, longest match)", f"{counting:.2f} s, {megabytes / counting:.0f} MB/s")
    extraction = median_time(lambda: extraction_only(files), args.runs)
    row("extraction only (prepare + extract + count, 1 process)", f"{extraction:.2f} s, {megabytes / extraction:.1f} MB/s")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ingests = [ingest_once(work, CORPUS / "manifest.csv") for _ in range(args.runs)]
        ingest = statistics.median(s for s, _, _ in ingests)
        row("ingest corpus into a new DuckDB file (whole process)",
            f"{ingest:.2f} s, {megabytes / ingest:.1f} MB/s, {ingest / floor:.1f}× the floor, "
            f"CPU {statistics.median(c for _, _, c in ingests):.1f} s, "
            f"peak RSS {max(r for _, r, _ in ingests) / 1024:.0f} MiB")
        db = str(work / "bench.duckdb")
        imports = median_time(lambda: subprocess.run([sys.executable, "-c", "import pandas, sqlalchemy, duckdb, rich"],
                                                     check=True), args.runs)
        row("python -c 'import pandas, sqlalchemy, duckdb, rich'", f"{imports:.2f} s")
        help_time = median_time(lambda: run_tracker("--help"), args.runs)
        row("tracker --help", f"{help_time:.2f} s")
        timeline = median_time(lambda: run_tracker("--db", db, "timeline", "--place", "厦门市"), args.runs)
        row("tracker timeline --place 厦门市", f"{timeline:.2f} s ({timeline / imports:.1f}× the imports)")
        report = median_time(lambda: run_tracker("--db", db, "report", "--place", "厦门市"), args.runs)
        row("tracker report --place 厦门市", f"{report:.2f} s")

        for scale in [int(s) for s in args.scales.split(",") if s.strip()]:
            folder = work / f"synthetic-{scale}"
            manifest, size = synthetic_corpus(folder, scale, files)
            seconds, rss, cpu = ingest_once(work, manifest)
            row(f"scale {scale}×: ingest {size / 1e6:.0f} MB synthetic corpus",
                f"{seconds:.1f} s, {size / 1e6 / seconds:.1f} MB/s, CPU {cpu:.0f} s, peak RSS {rss / 1024:.0f} MiB")
            shutil.rmtree(folder)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
