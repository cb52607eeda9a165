"""Compare ingest speed of this checkout with another revision, in alternating runs.

The development machine's speed drifts by 10-20% within an hour, more than most changes are worth,
so two `make bench` runs taken minutes apart do not tell two versions apart. This runs whole
ingests (`tracker ingest --manifest`, into a new DuckDB file, start-up and migrations included) of
the two versions back to back, half of the pairs in each order so that neither always runs on the
warmer or the later side, and reports each pair and the means.

    python benchmarks/compare.py REV [--pairs 10] [--scale 1]

    python benchmarks/compare.py REV --instructions [--every 8]

--instructions counts, with valgrind's callgrind, the instructions each side's extractor takes to read
every 8th corpus document (prepare, extract, count) in a fresh process: exact and repeatable where
timings are not, so a change of a few percent in the reader shows (whole ingests cannot tell one
apart from the machine's drift; the same code counted twice differs by ~0.1%). It needs valgrind,
and takes about a minute a side.

REV is checked out into a temporary git worktree, removed afterwards; the working tree of this
checkout (committed or not) is the other side. REV's extractor is compiled as `make` compiles this
checkout's (when REV has setup.py), and the build each side runs is printed. --scale N ingests the synthetic corpus of run.py
at N times the development corpus instead of the corpus itself. Skips, saying why, when the
corpus (../shared) is absent.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import CORPUS, ROOT, corpus_files, ingest_once, synthetic_corpus


def checkout(rev: str, folder: Path) -> Path:
    """REV in a detached worktree under `folder`."""
    path = folder / "rev"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(path), rev], check=True)
    return path


def build_extractor(root: Path) -> str:
    """Compile REV's extractor with mypyc, as `make` compiled this checkout's.

    A fresh worktree holds sources only: without this, REV's extractor ran as pure Python against
    this checkout's compiled one, and a change outside the extractor looked 10-15% faster than it
    was. Revisions from before the extractor was compiled have no setup.py and stay pure.
    Returns why it could not, if it could not: the last line the build printed.
    """
    if not (root / "setup.py").is_file():
        return ""
    built = subprocess.run([sys.executable, "setup.py", "--quiet", "build_ext", "--inplace"], cwd=root,
                           capture_output=True, text=True, check=False)
    return "" if built.returncode == 0 else (built.stderr.strip().splitlines() or ["failed"])[-1]


def compile_bytecode(root: Path) -> None:
    """Compile both sides' Python to bytecode, as `make` does (its bytecode target).

    Where PYTHONDONTWRITEBYTECODE is set, a side without it compiles its sources at every start-up
    (~0.1 s a process), which a fresh worktree would pay and this checkout would not.
    """
    folders = [str(root / name) for name in ("tracker", "migrations") if (root / name).is_dir()]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=False, capture_output=True)


def extractor_build(root: Path) -> str:
    """Which build of the extractor `python -m tracker.cli` runs from `root`: compiled or pure."""
    probe = ("from tracker.extract import native, commitments; "
             "print('compiled' if native.is_compiled(commitments) else 'pure')")
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=False)
    return out.stdout.strip() or "pure"


def imported_from(root: Path) -> Path:
    """Where `python -m tracker.cli`, run from `root` as ingest_once runs it, imports tracker from.

    The project is installed in editable mode, pointing at this checkout: a command run from the
    other checkout must still import that checkout's code, workers included (they start from the
    same working directory), or the comparison compares a version with itself.
    """
    probe = "import tracker, pathlib; print(pathlib.Path(tracker.__file__).resolve().parents[1])"
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


# Run by --instructions in a fresh process from each side's checkout, so that it reads with that side's
# code: the documents to read are the lines of argv[1]; with argv[2] == "0" it only starts up (imports,
# lexicons), and the difference between the two runs is the reading.
_READER = """
import sys
from pathlib import Path
from tracker.corpus.extraction import extract_rows
from tracker.corpus.prepare import DocumentInfo, prepare_file
from tracker.extract.lexicon import MetricLexicon
from tracker.extract.rhetoric import RhetoricLexicon
metrics = MetricLexicon.from_csv(Path("seeds/reference/metrics.csv"))
terms = RhetoricLexicon.from_csv(Path("seeds/reference/terms.csv"))
info = DocumentInfo(place="厦门市", published="2024", doc_type="work_report")
if sys.argv[2] != "0":
    for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
        extract_rows(prepare_file(Path(line), info), metrics, terms)
"""


def instructions(root: Path, listing: Path, read: bool, out: Path) -> int:
    """Instructions (callgrind's Ir) of one process started from `root` that reads the listed documents, or not."""
    env = dict(os.environ, PYTHONHASHSEED="0")  # the same hashes, so the same work, in every run
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
               sys.executable, "-c", _READER, str(listing), "1" if read else "0"]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the reader failed under callgrind in {root}: {done.stderr.strip()[-400:]}")
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind reported no instruction count for {root}")
    return int(found.group(1))


def compare_instructions(sides: dict[str, Path], every: int, work: Path) -> int:
    """Print each side's instructions for reading every `every`-th corpus document, and the change."""
    if shutil.which("valgrind") is None:
        print("skipped: --instructions needs valgrind (callgrind), which is not installed")
        return 0
    files = corpus_files()[::every]
    listing = work / "documents.txt"
    listing.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for name, root in sides.items():
        start = instructions(root, listing, False, work / "start.out")
        total = instructions(root, listing, True, work / "read.out")
        counts[name] = total - start
        print(f"{name}: {counts[name] / 1e9:.3f} G instructions reading {len(files)} documents "
              f"(start-up alone, not counted: {start / 1e9:.3f} G)", flush=True)
    rev, this = counts.values()
    print(f"this checkout: {100 * (this - rev) / rev:+.1f}% instructions against {next(iter(sides))}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rev", help="the revision to compare this checkout with (a commit, tag or branch)")
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--scale", type=int, default=0, help="N times the corpus, synthetic (default: the corpus)")
    parser.add_argument("--instructions", action="store_true",
                        help="count the extractor's instructions with callgrind instead of timing ingests")
    parser.add_argument("--every", type=int, default=8, help="with --instructions: read every Nth corpus document")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: the development corpus is not at {CORPUS} (it lives beside the project)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        other = checkout(args.rev, work)
        try:
            sides = {args.rev: other, "this checkout": ROOT}
            for name, root in sides.items():
                if imported_from(root) != root.resolve():
                    print(f"error: run from {root}, python imports tracker from {imported_from(root)}", file=sys.stderr)
                    return 2
            failure = build_extractor(other)
            for root in sides.values():
                compile_bytecode(root)
            builds = {name: extractor_build(root) for name, root in sides.items()}
            print("extractor: " + "; ".join(f"{name} {build}" for name, build in builds.items()), flush=True)
            if len(set(builds.values())) > 1:
                # setup.py needs mypyc, which pip installs for `make`'s build only (pyproject's
                # build requirements), not into .venv: without it REV ran pure, which at 10x took
                # 41.9 s against 33.5 s compiled.
                print(f"warning: the two sides run different builds of the extractor, so the timings compare the "
                      f"builds as much as the change{f' (compiling {args.rev}: {failure})' if failure else ''}; "
                      "put mypy on PYTHONPATH to compile it", file=sys.stderr, flush=True)
            if args.instructions:
                return compare_instructions(sides, args.every, work)
            manifest = CORPUS / "manifest.csv"
            if args.scale:
                manifest, _ = synthetic_corpus(work / f"synthetic-{args.scale}", args.scale, corpus_files())
            results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in sides}
            for pair in range(args.pairs):
                order = list(sides) if pair % 2 == 0 else list(reversed(sides))
                line = []
                for name in order:
                    seconds, rss, cpu = ingest_once(work, manifest, cwd=sides[name])
                    results[name].append((seconds, cpu, rss))
                    line.append(f"{name} {seconds:.2f} s, CPU {cpu:.1f} s, peak RSS {rss / 1024:.0f} MiB")
                print(f"pair {pair + 1}: " + "; ".join(line), flush=True)
            for name, runs in results.items():
                print(f"{name}: mean {statistics.mean(r[0] for r in runs):.2f} s, "
                      f"CPU {statistics.mean(r[1] for r in runs):.1f} s, median {statistics.median(r[0] for r in runs):.2f} s, "
                      f"peak RSS {max(r[2] for r in runs) / 1024:.0f} MiB (largest)")
            this, that = results["this checkout"], results[args.rev]
            faster = sum(a[0] < b[0] for a, b in zip(this, that))
            print(f"this checkout faster in {faster} of {args.pairs} pairs")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
