"""The ingest orchestrator: files and folders → stored documents, one transaction each.

Bad input never stops the run: each rejected file is reported with its reason and the rest are
stored. One transaction per document means an interrupted or killed run loses at most the document
in flight, and the sha256 of the clean text makes a re-run skip what is already stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.corpus.manifest import Manifest, read_manifest
from tracker.corpus.prepare import DEFAULT_MAX_BYTES, DocumentInfo, prepare_file
from tracker.errors import RejectedInput

if TYPE_CHECKING:
    from sqlalchemy import Engine

MANIFEST_NAME = "manifest.csv"
# Files that live beside documents but are not documents.
_NOT_DOCUMENTS = {MANIFEST_NAME, "readme.md", "readme", "readme.txt", ".gitkeep"}


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
) -> IngestReport:
    """Store every input it can; each document is committed on its own.

    ``should_stop`` is asked between documents (the CLI sets it on the first Ctrl-C), so an
    interrupted run ends after the document in flight is committed; a KeyboardInterrupt inside a
    document rolls that document back. Either way the report says what was stored.
    """
    from tracker.corpus.store import load_lexicons, store_document
    from tracker.db import connection

    report = report or IngestReport()
    # One connection for the run (opening a DuckDB file per document costs more than storing it),
    # one transaction per document.
    with connection(engine) as conn:
        with conn.begin():
            lexicons = load_lexicons(conn)
        try:
            for item in inputs:
                if should_stop is not None and should_stop():
                    report.interrupted = True
                    break
                try:
                    doc = prepare_file(item.path, item.info, name=item.name, max_bytes=max_bytes)
                    with conn.begin():
                        document_id = store_document(conn, doc, lexicons, origin)
                    (report.stored if document_id is not None else report.duplicates).append(item.name)
                except RejectedInput as exc:
                    report.rejected.append(exc)
                if on_progress:
                    on_progress(item.name)
        except KeyboardInterrupt:
            # The document in flight was rolled back with its transaction; the ones before are stored.
            report.interrupted = True
    return report
