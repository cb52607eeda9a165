"""How documents' texts are laid out in DuckDB: one row per document, or in chunks of a few KB.

Ingest's writer spends most of its time in DuckDB, and at 10x and beyond its peak memory comes in
the checkpoints of full row groups of documents. A row group is at least 2,048 rows (DuckDB's
vector size: smaller ROW_GROUP_SIZEs are refused) and a checkpoint reads a column a vector at a
time, so with both texts (~55 KB of UTF-8 each in the development corpus) in every row, one vector
of one text column is ~110 MB of strings: the explanation that fits what this measures. Strings
that large are overflow strings, read back one by one for the write-ahead log and for every
checkpoint (py-spy on a 10x ingest: UncompressedStringStorage::ReadOverflowString under both).

This replays only the storing of texts as ingest's writer stores them, with tracker.db's writer
settings (the file attached with 2,048-row groups, FSST off, one thread, its memory cap, which
TRACKER_DUCKDB_MEMORY overrides as for ingest, and its checkpoint threshold), BATCH_DOCUMENTS
documents a transaction and the connection reopened every REOPEN_AFTER_DOCUMENTS, in two layouts:

- whole: documents(id, sha256, raw_text, text), as the schema was before revision 0009;
- chunks: documents(id, sha256) and document_text(document_id, kind, seq, chunk), each text cut
  into pieces of --chunk characters, put together again with string_agg(chunk, '' ORDER BY seq),
  as revision 0009 stores them (tracker.corpus.texts, 4,000 characters).

Each layout runs in a fresh process (so its peak RSS is its own), alternating, --runs times, and
then reads back from the file it wrote: both texts of 200 documents by id, and every clean text
(for chunks, also as the chunks streamed in order and joined in Python).
The texts are run.py's synthetic corpus (real report paragraphs recombined) at --scale times the
corpus; the "raw" text is the file as read and the "clean" one that text without its first line
and with runs of blank lines collapsed, so that no chunk of one equals a chunk of the other (which
dictionary compression would store once, flattering the chunks).

    python benchmarks/text_storage.py [--scale 10] [--chunk 4000] [--runs 2]

Not run by `make bench` or the tests: it measured the choice of layout and chunk size, and replays
it again if DuckDB's storage changes.
Skips, saying why, when the corpus (../shared) is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import CORPUS, ROOT, corpus_files, synthetic_corpus

LAYOUTS = ("whole", "chunks")
LOOKUPS = 200  # documents read back by id


def texts_of(path: Path) -> tuple[str, str]:
    """A raw text and a cleaned-looking one that differs from it in every chunk (see the docstring)."""
    raw = path.read_text(encoding="utf-8")
    clean = re.sub(r"\n{2,}", "\n", raw.partition("\n")[2])
    return raw, clean


def connect(path: Path):  # type: ignore[no-untyped-def]
    """A connection as tracker.db.bulk_writer makes ingest's: attached, 2,048-row groups, FSST off, one thread."""
    import duckdb

    from tracker.db import (DUCKDB_CHECKPOINT_THRESHOLD, DUCKDB_WRITER_DISABLED_COMPRESSION, DUCKDB_WRITER_ROW_GROUP_SIZE,
                            DUCKDB_WRITER_THREADS, memory_limit)

    con = duckdb.connect(":memory:", config={"memory_limit": memory_limit(writer=True),
                                             "checkpoint_threshold": DUCKDB_CHECKPOINT_THRESHOLD})
    literal = str(path).replace("'", "''")
    con.execute(f"ATTACH '{literal}' AS store (ROW_GROUP_SIZE {DUCKDB_WRITER_ROW_GROUP_SIZE})")
    con.execute("USE store")
    con.execute(f"SET disabled_compression_methods = '{DUCKDB_WRITER_DISABLED_COMPRESSION}'")
    con.execute(f"SET threads = {DUCKDB_WRITER_THREADS}")
    return con


def create(con, layout: str) -> None:  # type: ignore[no-untyped-def]
    if layout == "whole":
        con.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, raw_text TEXT, text TEXT)")
    else:
        con.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE)")
        con.execute("CREATE TABLE document_text (document_id INTEGER, kind TINYINT, seq SMALLINT, chunk TEXT)")


def batch_tables(layout: str, first_id: int, texts: list[tuple[str, str]], chunk: int) -> dict[str, object]:
    """The Arrow tables one transaction inserts, by table name."""
    import hashlib

    import pyarrow as pa

    ids = list(range(first_id, first_id + len(texts)))
    shas = [hashlib.sha256(clean.encode()).hexdigest() for _, clean in texts]
    if layout == "whole":
        return {"documents": pa.table({"id": pa.array(ids, pa.int32()), "sha256": shas,
                                       "raw_text": [raw for raw, _ in texts], "text": [clean for _, clean in texts]})}
    doc_ids: list[int] = []
    kinds: list[int] = []
    seqs: list[int] = []
    chunks: list[str] = []
    for doc_id, pair in zip(ids, texts):
        for kind, text in enumerate(pair):  # 0 raw, 1 clean
            pieces = [text[i:i + chunk] for i in range(0, len(text), chunk)] or [""]
            doc_ids += [doc_id] * len(pieces)
            kinds += [kind] * len(pieces)
            seqs += range(len(pieces))
            chunks += pieces
    return {"documents": pa.table({"id": pa.array(ids, pa.int32()), "sha256": shas}),
            "document_text": pa.table({"document_id": pa.array(doc_ids, pa.int32()), "kind": pa.array(kinds, pa.int8()),
                                       "seq": pa.array(seqs, pa.int16()), "chunk": chunks})}


def store(layout: str, files: list[Path], db: Path, chunk: int) -> dict[str, float]:
    """Store every file's texts as ingest's writer would; CPU seconds of the storing alone."""
    from tracker.corpus.ingest import BATCH_DOCUMENTS, REOPEN_AFTER_DOCUMENTS

    con = connect(db)
    create(con, layout)
    cpu = 0.0
    stored = 0
    for start in range(0, len(files), BATCH_DOCUMENTS):
        texts = [texts_of(f) for f in files[start:start + BATCH_DOCUMENTS]]  # reading is not counted
        began = time.process_time()
        tables = batch_tables(layout, start, texts, chunk)
        con.execute("BEGIN")
        for name, table in tables.items():
            con.register("batch", table)
            con.execute(f"INSERT INTO {name} SELECT * FROM batch")
            con.unregister("batch")
        con.execute("COMMIT")
        stored += len(texts)
        if stored % REOPEN_AFTER_DOCUMENTS == 0:
            con.close()  # DuckDB checkpoints here, as ingest's writer does where a row group fills
            con = connect(db)
        cpu += time.process_time() - began
    began = time.process_time()
    con.close()
    cpu += time.process_time() - began
    return {"store_cpu": cpu}


def read_back(layout: str, db: Path, documents: int) -> dict[str, float]:
    """Seconds to read both texts of LOOKUPS documents by id, and every clean text."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    if layout == "whole":
        one = "SELECT raw_text, text FROM documents WHERE id = ?"
        every = "SELECT id, text FROM documents"
    else:
        one = ("SELECT string_agg(chunk, '' ORDER BY seq) FILTER (WHERE kind = 0), "
               "string_agg(chunk, '' ORDER BY seq) FILTER (WHERE kind = 1) FROM document_text WHERE document_id = ?")
        every = ("SELECT document_id, string_agg(chunk, '' ORDER BY seq) FROM document_text WHERE kind = 1 "
                 "GROUP BY document_id")
    ids = random.Random(0).sample(range(documents), min(LOOKUPS, documents))
    began = time.perf_counter()
    for doc_id in ids:
        con.execute(one, [doc_id]).fetchone()
    lookups = time.perf_counter() - began
    began = time.perf_counter()
    rows = sum(batch.num_rows for batch in con.execute(every).to_arrow_reader(512))  # streamed: 2.4 GB at 100x
    scan = time.perf_counter() - began
    assert rows == documents, (rows, documents)
    result = {"lookups": lookups, "scan": scan}
    if layout == "chunks":  # the other way to put the texts together: chunks in order, joined here
        began = time.perf_counter()
        assert joined_in_order(con) == documents
        result["joined"] = time.perf_counter() - began
    con.close()
    return result


def joined_in_order(con) -> int:  # type: ignore[no-untyped-def]
    """Every clean text, from its chunks streamed in order and joined in Python; how many texts."""
    reader = con.execute("SELECT document_id, chunk FROM document_text WHERE kind = 1 ORDER BY document_id, seq")
    texts = 0
    current, parts = None, []
    for batch in reader.to_arrow_reader(8192):
        for doc_id, piece in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist()):
            if doc_id != current and parts:
                "".join(parts)
                texts += 1
                parts = []
            current = doc_id
            parts.append(piece)
    return texts + (1 if parts else 0)


def child(layout: str, listing: Path, db: Path, chunk: int) -> None:
    files = [Path(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    began = time.perf_counter()
    result = store(layout, files, db, chunk)
    result["store_wall"] = time.perf_counter() - began
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["file_mb"] = db.stat().st_size / 1e6
    result.update(read_back(layout, db, len(files)))
    print(json.dumps(result))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10, help="the synthetic corpus, N times the development corpus")
    parser.add_argument("--chunk", type=int, default=4000, help="characters a chunk (the chunks layout)")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--child", nargs=3, metavar=("LAYOUT", "LISTING", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        layout, listing, db = args.child
        child(layout, Path(listing), Path(db), args.chunk)
        return 0
    if not CORPUS.is_dir():
        print(f"skipped: the development corpus is not at {CORPUS} (it lives beside the project)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        manifest, size = synthetic_corpus(work / "synthetic", args.scale, corpus_files())
        files = sorted(manifest.parent.glob("doc*.md"))
        listing = work / "files.txt"
        listing.write_text("\n".join(map(str, files)) + "\n", encoding="utf-8")
        print(f"{len(files)} documents, {size / 1e6:.0f} MB, chunks of {args.chunk} characters, {os.cpu_count()} cores",
              flush=True)
        results: dict[str, list[dict[str, float]]] = {layout: [] for layout in LAYOUTS}
        for run in range(args.runs):
            for layout in LAYOUTS if run % 2 == 0 else reversed(LAYOUTS):
                db = work / f"{layout}.duckdb"
                for stale in (db, db.with_name(db.name + ".wal")):
                    stale.unlink(missing_ok=True)
                done = subprocess.run([sys.executable, __file__, "--chunk", str(args.chunk), "--child", layout,
                                       str(listing), str(db)], cwd=ROOT, capture_output=True, text=True, check=False)
                if done.returncode != 0:  # a layout that runs out of memory is a result too
                    error = (done.stderr.strip().splitlines() or ["no message"])[-1]
                    print(f"run {run + 1} {layout}: failed (exit {done.returncode}): {error[:300]}", flush=True)
                    continue
                result = json.loads(done.stdout.strip().splitlines()[-1])
                results[layout].append(result)
                print(f"run {run + 1} {layout}: storing {result['store_cpu']:.2f} CPU-s ({result['store_wall']:.2f} s "
                      f"with reading the files), peak RSS {result['peak_mib']:.0f} MiB, file {result['file_mb']:.0f} MB; "
                      f"{LOOKUPS} lookups {result['lookups']:.2f} s, every text {result['scan']:.2f} s"
                      + (f" (joined in Python: {result['joined']:.2f} s)" if layout == "chunks" else ""), flush=True)
        for layout, runs in results.items():
            if not runs:
                print(f"{layout}: no run completed")
                continue
            print(f"{layout}: median storing {statistics.median(r['store_cpu'] for r in runs):.2f} CPU-s, "
                  f"peak RSS {max(r['peak_mib'] for r in runs):.0f} MiB (largest), "
                  f"file {statistics.median(r['file_mb'] for r in runs):.0f} MB, "
                  f"lookups {statistics.median(r['lookups'] for r in runs):.2f} s, "
                  f"every text {statistics.median(r['scan'] for r in runs):.2f} s"
                  + (f" (joined in Python: {statistics.median(r['joined'] for r in runs):.2f} s)"
                     if layout == "chunks" else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
