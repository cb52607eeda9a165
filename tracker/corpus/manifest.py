"""Manifest CSVs: which files to ingest and what is known about each (DESIGN §4).

Columns: file (relative to the manifest), place, published, doc_type, title, source. A manifest is
user input like any other: each bad row is rejected with its reason (missing columns, a file that
does not exist, a path that escapes the manifest's folder) while the good rows go on.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from tracker.corpus.prepare import DocumentInfo
from tracker.errors import RejectedInput

REQUIRED = ("file", "place", "published")
OPTIONAL = ("doc_type", "title", "source")
COLUMNS = REQUIRED + OPTIONAL


@dataclass(frozen=True)
class ManifestEntry:
    path: Path
    name: str  # the file as written in the manifest, for messages and documents.file
    info: DocumentInfo


@dataclass(frozen=True)
class Manifest:
    path: Path
    entries: list[ManifestEntry]
    rejected: list[RejectedInput]

    def info_for(self, path: Path) -> DocumentInfo | None:
        resolved = path.resolve()
        for entry in self.entries:
            if entry.path == resolved:
                return entry.info
        return None


def read_manifest(path: Path) -> Manifest:
    """Read and validate a manifest; a missing required column rejects the whole file."""
    base = path.parent.resolve()
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise RejectedInput(str(path), f"cannot read manifest: {exc.strerror or exc}") from exc
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise RejectedInput(str(path), f"manifest lacks column(s) {', '.join(missing)} (needs {', '.join(COLUMNS)})")
        entries: list[ManifestEntry] = []
        rejected: list[RejectedInput] = []
        for line_no, row in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
            where = f"{path}:{line_no}"
            try:
                entries.append(_entry(base, row, where))
            except RejectedInput as exc:
                rejected.append(exc)
    return Manifest(path, entries, rejected)


def _entry(base: Path, row: dict[str, str], where: str) -> ManifestEntry:
    name = row.get("file", "")
    if not name:
        raise RejectedInput(where, "no file named")
    candidate = Path(name)
    if candidate.is_absolute():
        raise RejectedInput(where, f"{name}: absolute paths are not allowed (files are relative to the manifest)")
    resolved = (base / candidate).resolve()
    if not resolved.is_relative_to(base):
        raise RejectedInput(where, f"{name}: path escapes the manifest's folder")
    if not resolved.is_file():
        raise RejectedInput(where, f"{name}: file does not exist")
    if not row.get("place"):
        raise RejectedInput(where, f"{name}: no place")
    info = DocumentInfo(
        place=row["place"],
        published=row.get("published") or None,
        published_basis="manifest",
        doc_type=row.get("doc_type") or None,
        title=row.get("title") or None,
        source=row.get("source") or None,
    )
    return ManifestEntry(resolved, name, info)


def info_from_manifests(path: Path, root: Path) -> DocumentInfo | None:
    """What the nearest manifest says about a file: one beside it, else one in a folder above it up
    to ``root`` (a corpus keeps one manifest at its top, seeds keep one per year)."""
    resolved = path.resolve()
    root = root.resolve()
    folder = resolved.parent
    while True:
        candidate = folder / "manifest.csv"
        if candidate.is_file():
            try:
                info = read_manifest(candidate).info_for(resolved)
            except RejectedInput:
                info = None
            if info is not None:
                return info
        if folder == root or folder == folder.parent or not folder.is_relative_to(root):
            return None
        folder = folder.parent
