"""The `tracker` command line: parse options, call one library function, print.

Heavy libraries (SQLAlchemy, pandas, DuckDB, Rich) are imported inside commands, so `tracker --help`
answers at once. Errors the user can act on arrive as TrackerError and are printed as one line with
the exit codes of DESIGN §4: 0 ok, 1 some inputs rejected, 2 usage or unusable database.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from tracker.errors import TrackerError, UsageError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tracker.workspace import Workspace

app = typer.Typer(
    name="tracker",
    help="Track how Chinese city governments' targets and rhetoric shift over time.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
export_app = typer.Typer(help="Export tables as csv, jsonl or parquet.", no_args_is_help=True)
year_app = typer.Typer(help="Years of seed documents, added as reviewed migrations.", no_args_is_help=True)
reference_app = typer.Typer(help="Reference data (lexicon terms, metric synonyms) added as migrations.",
                            no_args_is_help=True)
show_app = typer.Typer(help="Show one stored item with its provenance.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(show_app, name="show")
app.add_typer(year_app, name="year")
app.add_typer(reference_app, name="reference")


# Options the reading commands (report, timeline, rhetoric) share, declared once.
PlaceOption = Annotated[Optional[str], typer.Option(help="one place (name in either script or admin code); default every place")]
YearFromOption = Annotated[Optional[int], typer.Option("--from", help="first year (default: as many recent years as fit)")]
YearToOption = Annotated[Optional[int], typer.Option("--to", help="last year")]
WidthOption = Annotated[Optional[int], typer.Option(help="render at this width (default: the terminal's)")]


@dataclass
class State:
    db: str | None
    workspace_dir: str | None

    def workspace(self) -> Workspace:
        from tracker.workspace import find_workspace

        return find_workspace(self.workspace_dir)

    def engine(self, wait_for_lock: float = 0.0) -> Engine:
        from tracker.db import open_engine

        return open_engine(self.db, wait_for_lock)


def _state(ctx: typer.Context) -> State:
    return ctx.ensure_object(State)  # type: ignore[no-any-return]


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _console(width: int | None = None, record: bool = False):  # type: ignore[no-untyped-def]
    """A console for output; NO_COLOR and non-terminal output get clean text (Rich honours both)."""
    from rich.console import Console

    return Console(width=width, soft_wrap=False, record=record)


def _migrated(state: State, announce: bool = True) -> Engine:
    """An engine on a database migrated to head (a fresh database is built from seeds/ here)."""
    from tracker.db import pending_revisions, upgrade

    engine = state.engine()
    workspace = state.workspace()
    pending = pending_revisions(engine, workspace)
    if pending and announce:
        _err(f"migrating database: {', '.join(pending)}")
    upgrade(engine, workspace)
    return engine


def _schema_for_writing(state: State) -> Engine:
    """A database to write into: a new one is built to head; an existing one is left where it is.

    Migrating an existing database is a decision (it may load a year of documents), so it is left
    to `tracker upgrade` / `tracker report`; the user is told when one is pending, and refused when
    a pending revision rewrites stored documents (what is written now would not match them).
    """
    from tracker.db import current_revision, describe, pending_revisions, pending_rewrites, resolve_db

    engine = state.engine()
    current = current_revision(engine)
    if current is None:
        return _migrated(state)
    rewrites = pending_rewrites(engine, state.workspace())
    if rewrites:
        from tracker.corpus.reclean import first_stale_document

        with engine.connect() as conn:
            stale = first_stale_document(conn)
        if stale is not None:
            raise UsageError(
                f"{describe(resolve_db(state.db))} is at revision {current}, below {', '.join(rewrites)}, which "
                f"re-cleans stored documents ({stale} among them; written now, they would be stored twice); "
                "run `tracker upgrade` first")
    pending = pending_revisions(engine, state.workspace())
    if pending:
        _err(f"note: migrations pending ({', '.join(pending)}); run `tracker upgrade` to apply them")
    return engine


READER_WAIT_SECONDS = 3.0  # readers retry this long while another process holds a DuckDB file


def _require_schema(state: State, wait: float = READER_WAIT_SECONDS) -> Engine:
    """An engine on a database that has a schema; readers wait briefly for a DuckDB lock, writers not."""
    from tracker.db import describe, resolve_db, schema_revision

    engine = state.engine(wait_for_lock=wait)
    if schema_revision(engine) is None:
        raise UsageError(f"{describe(resolve_db(state.db))} has no schema yet; run `tracker upgrade` or `tracker report`")
    return engine


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", help="DuckDB file path or SQLAlchemy URL (env TRACKER_DB; default ./tracker.duckdb)")] = None,
    workspace: Annotated[Optional[str], typer.Option("--workspace", help="folder with alembic.ini, migrations/, queries/, seeds/ (default: found from the current directory upward)")] = None,
) -> None:
    ctx.obj = State(db, workspace)


@app.command()
def report(
    ctx: typer.Context,
    place: PlaceOption = None,
    year_from: YearFromOption = None,
    year_to: YearToOption = None,
    width: WidthOption = None,
    html: Annotated[Optional[Path], typer.Option(help="also save the report as HTML")] = None,
    svg: Annotated[Optional[Path], typer.Option(help="also save the report as SVG")] = None,
) -> None:
    """Migrate to head (loading seeds/), then print the report: timeline, changes, misses, rhetoric, corpus."""
    from tracker.db import connect
    from tracker.queries import run_many
    from tracker.report.full import PLACELESS_QUERIES, REPORT_QUERIES, report_renderables, span_for_width

    state = _state(ctx)
    engine = _migrated(state)
    with connect(engine) as conn:
        place_name = _place_name(conn, place) if place else None
        folder = state.workspace().queries
        filters = [f"place={place_name}"] if place_name else []
        data = run_many(conn, folder, [q for q in REPORT_QUERIES if q not in PLACELESS_QUERIES], filters)
        data.update(run_many(conn, folder, PLACELESS_QUERIES))
    console = _console(width, record=bool(html or svg))
    for renderable in report_renderables(data, places=[place_name] if place_name else None,
                                         year_from=year_from, year_to=year_to, span=span_for_width(console.width)):
        console.print(renderable)
    _save(console, html, svg)


@app.command()
def timeline(
    ctx: typer.Context,
    place: PlaceOption = None,
    metric: Annotated[Optional[str], typer.Option(help="one metric code, e.g. gdp")] = None,
    year_from: YearFromOption = None,
    year_to: YearToOption = None,
    width: WidthOption = None,
) -> None:
    """The timeline grid alone: targets over outcomes per metric and year."""
    from tracker.analysis.timeline import build_timeline
    from tracker.db import connect
    from tracker.queries import run_many
    from tracker.report.full import span_for_width
    from tracker.report.timeline import timeline_table

    state = _state(ctx)
    engine = _require_schema(state)
    with connect(engine) as conn:
        place_name = _place_name(conn, place) if place else None
        filters = [f"place={place_name}"] if place_name else []
        data = run_many(conn, state.workspace().queries,
                        ["targets_by_year", "actuals_by_year", "target_changes", "target_vs_actual"], filters)
        data["metrics"] = run_many(conn, state.workspace().queries, ["metrics"])["metrics"]
    if metric and metric not in set(data["metrics"]["metric"]):
        raise UsageError(f"unknown metric {metric!r}; metrics: {', '.join(data['metrics']['metric'])}")
    places = [place_name] if place_name else sorted(set(data["targets_by_year"]["place"]) | set(data["actuals_by_year"]["place"]))
    console = _console(width)
    if not places:
        console.print("No targets or outcomes stored.")
    for name in places:
        grid = build_timeline(name, data["targets_by_year"], data["actuals_by_year"], data["target_changes"],
                              data["target_vs_actual"], data["metrics"], year_from=year_from, year_to=year_to,
                              metric=metric, span=span_for_width(console.width))
        console.print(timeline_table(grid, title=f"{name}: targets and outcomes"))


def _save(console, html: Path | None, svg: Path | None) -> None:  # type: ignore[no-untyped-def]
    if html:
        console.save_html(str(html), clear=False)
    if svg:
        console.save_svg(str(svg), title="policy-tracker report", clear=False)


@app.command("upgrade")
def upgrade_cmd(ctx: typer.Context, revision: Annotated[str, typer.Argument(help="target revision")] = "head") -> None:
    """Apply migrations up to REVISION (a DuckDB file is copied aside first)."""
    from tracker.db import pending_revisions, upgrade
    from tracker.pandas_free import refusing_pandas

    state = _state(ctx)
    engine = state.engine()
    workspace = state.workspace()
    with refusing_pandas():  # as in ingest: revisions store documents, and none needs pandas
        pending = pending_revisions(engine, workspace, revision)
        if not pending:
            print("already at", revision)
            return
        print("will run:", ", ".join(pending))
        upgrade(engine, workspace, revision)
    print("now at", pending[-1])


@app.command("downgrade", context_settings={"ignore_unknown_options": True})
def downgrade_cmd(ctx: typer.Context, revision: Annotated[str, typer.Argument(help="target revision, e.g. -1 or base")]) -> None:
    """Revert migrations down to REVISION (relative forms like -1 work as typed)."""
    from tracker.db import current_revision, downgrade, revisions_to_revert

    state = _state(ctx)
    engine = state.engine()
    workspace = state.workspace()
    before = current_revision(engine)
    undo = revisions_to_revert(engine, workspace, revision)
    if not undo:
        print("nothing to revert")
        return
    print("will revert:", ", ".join(undo))
    downgrade(engine, workspace, revision)
    print(f"downgraded from {before} to {current_revision(engine) or 'base'}")


@app.command()
def status(ctx: typer.Context) -> None:
    """Current revision, head, pending revisions, documents per year, commitments per extractor version."""
    from tracker.db import connect, current_revision, head_revision, pending_revisions
    from tracker.pandas_free import refusing_pandas
    from tracker.status import database_status

    state = _state(ctx)
    engine = state.engine()
    workspace = state.workspace()
    with refusing_pandas():  # a few counts: not worth the pandas import DuckDB would make
        current = current_revision(engine)
        print(f"revision: {current or 'none (empty database)'}   head: {head_revision(workspace)}")
        pending = pending_revisions(engine, workspace)
        print("pending: " + (", ".join(pending) if pending else "none"))
        if current is None:
            return
        with connect(engine) as conn:
            years, versions = database_status(conn)
    print("documents per year: " + (" · ".join(f"{y}: {n}" for y, n in years) or "none"))
    from tracker.extract import EXTRACTOR_VERSION

    for version, n in versions:
        stale = "" if version == EXTRACTOR_VERSION else "  (stale: `tracker reextract`)"
        print(f"commitments by extractor {version}: {n}{stale}")


@app.command()
def doctor(ctx: typer.Context) -> None:
    """Check the database against its migrations, the data checks in queries/checks/, and its hashes."""
    from tracker.doctor import examine

    state = _state(ctx)
    findings = examine(state.engine(wait_for_lock=READER_WAIT_SECONDS), state.workspace())
    problems = 0
    for kind, items in findings.items():
        print(f"{kind}: {'ok' if not items else f'{len(items)} problem(s)'}")
        for item in items:
            print(f"  {item}")
        problems += len(items)
    raise typer.Exit(1 if problems else 0)


@year_app.command("add")
def year_add(ctx: typer.Context, year: int) -> None:
    """Create seeds/YEAR/ (manifest, README) and the revision that loads it, after the current head."""
    from tracker.scaffold import add_year

    workspace = _state(ctx).workspace()
    folder, revision = add_year(workspace, year)
    print(f"created {folder.relative_to(workspace.root)}/ (manifest.csv, README.md)")
    print(f"created {revision.relative_to(workspace.root)}")
    print(f"next: put the {year} documents in {folder.relative_to(workspace.root)}/, add a manifest row each, "
          "review the revision, then `tracker upgrade`")


@reference_app.command("add")
def reference_add(ctx: typer.Context, kind: Annotated[str, typer.Argument(help="terms | metrics")], csv: Path) -> None:
    """Add lexicon terms (terms.csv columns) or metrics/synonyms (metrics.csv columns) as a revision."""
    from tracker.scaffold import add_reference

    workspace = _state(ctx).workspace()
    target, revision = add_reference(workspace, kind, csv)
    print(f"created {target.relative_to(workspace.root)}")
    print(f"created {revision.relative_to(workspace.root)}; review it, then `tracker upgrade` "
          "(and `tracker reextract` to apply it to stored documents)")


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[Optional[list[Path]], typer.Argument(help="files and folders (recursive)")] = None,
    manifest: Annotated[Optional[Path], typer.Option(help="manifest CSV (file, place, published, doc_type, title, source)")] = None,
    place: Annotated[Optional[str], typer.Option(help="place name (either script) or admin code")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    doc_type: Annotated[Optional[str], typer.Option(help="work_report | news | interview | meeting | plan")] = None,
    max_bytes: Annotated[int, typer.Option(help="reject files larger than this")] = 20 * 1024 * 1024,
) -> None:
    """Store documents; bad files are named with a reason, the rest are stored (exit 1 if any rejected)."""
    from tracker.corpus.ingest import collect_inputs
    from tracker.corpus.ingest import ingest as run_ingest
    from tracker.corpus.prepare import DocumentInfo

    if not paths and not manifest:
        raise UsageError("give files or folders to ingest, or --manifest")
    state = _state(ctx)
    options = DocumentInfo(place=place, published=date, published_basis="option", doc_type=doc_type)
    inputs, rejected = collect_inputs(paths or [], manifest, options)
    from tracker.corpus.ingest import IngestReport
    from tracker.corpus.pipeline import Analyser
    from tracker.pandas_free import refusing_pandas

    result = IngestReport(rejected=list(rejected))
    # Nothing here uses pandas; without this, DuckDB and pyarrow import it on the serial start.
    # The workers start first: they start up and read while this process opens and migrates. A
    # new database gets its lexicons from the workspace's reference files, so meanwhile they
    # extract with those (kept only if the database's turn out the same).
    with refusing_pandas(), Analyser(inputs, max_bytes, _reference_if_new(state)) as analyser:
        engine = _schema_for_writing(state)
        with _graceful_interrupt() as stop:
            if sys.stderr.isatty() and inputs:
                from rich.progress import Progress

                with Progress(transient=True) as progress:
                    task = progress.add_task("ingesting", total=len(inputs))
                    run_ingest(engine, inputs, max_bytes=max_bytes, report=result, should_stop=stop,
                               on_progress=lambda _name: progress.advance(task), analyser=analyser)
            else:
                run_ingest(engine, inputs, max_bytes=max_bytes, report=result, should_stop=stop, analyser=analyser)
    for problem in result.rejected:
        _err(f"rejected {problem}")
    summary = f"stored {len(result.stored)}, already stored {len(result.duplicates)}, rejected {len(result.rejected)}"
    if result.interrupted:
        done = len(result.stored) + len(result.duplicates) + len(result.rejected)
        summary += f"; interrupted: {len(inputs) - done} not processed"
    print(summary)
    raise typer.Exit(result.exit_code)


def _reference_if_new(state: State) -> Path | None:
    """The reference files a database about to be created will be built from; None if it exists."""
    from tracker.db import duckdb_path, resolve_db

    path = duckdb_path(resolve_db(state.db))
    return state.workspace().reference if path is not None and not path.exists() else None


@contextmanager
def _graceful_interrupt():  # type: ignore[no-untyped-def]
    """First Ctrl-C: finish the document in flight, then stop. Second: abort it (rolled back)."""
    import signal

    requested: list[bool] = []

    def handler(signum: int, frame: object) -> None:
        if requested:
            raise KeyboardInterrupt
        requested.append(True)
        _err("interrupt: finishing the current document (Ctrl-C again to abandon it)")

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield lambda: bool(requested)
    finally:
        signal.signal(signal.SIGINT, previous)


FormatOption = Annotated[str, typer.Option("--format", help="csv | jsonl | parquet")]
OutOption = Annotated[Optional[Path], typer.Option(help="output file (default: standard output; required for parquet)")]


def _export(ctx: typer.Context, table: str, format: str, out: Path | None) -> None:
    from tracker import export
    from tracker.db import connect

    loader = {"documents": export.load_documents, "commitments": export.load_commitments,
              "term_counts": export.load_term_counts}[table]
    engine = _require_schema(_state(ctx))
    with connect(engine) as conn:
        frame = loader(conn)
    export.export_frame(frame, format, out)


@export_app.command("documents")
def export_documents(ctx: typer.Context, format: FormatOption = "jsonl", out: OutOption = None) -> None:
    """Export every document with its text and quality flags."""
    _export(ctx, "documents", format, out)


@export_app.command("commitments")
def export_commitments(ctx: typer.Context, format: FormatOption = "jsonl", out: OutOption = None) -> None:
    """Export every commitment with its document, place, value, hedge, quote and offsets."""
    _export(ctx, "commitments", format, out)


@export_app.command("term_counts")
def export_term_counts(ctx: typer.Context, format: FormatOption = "jsonl", out: OutOption = None) -> None:
    """Export rhetoric term counts per document."""
    _export(ctx, "term_counts", format, out)


@app.command()
def query(
    ctx: typer.Context,
    name: Annotated[Optional[str], typer.Argument(help="query file name (queries/NAME.sql); omit to list them")] = None,
    where: Annotated[Optional[list[str]], typer.Option("--where", help="COLUMN=VALUE filter on the output (also >=, <=, >, <, !=); repeatable")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="for as_of: statements known on this date (YYYY-MM-DD)")] = None,
    format: Annotated[str, typer.Option("--format", help="table | csv | json | jsonl | parquet")] = "table",
    out: Annotated[Optional[Path], typer.Option(help="output file (default: standard output; required for parquet)")] = None,
) -> None:
    """Run a named SQL file from queries/, filtered on its output columns with bound parameters."""
    from tracker.queries import find_query, list_queries

    state = _state(ctx)
    folder = state.workspace().queries
    if name is None:
        for item in list_queries(folder):
            print(f"{item.name:34} {item.purpose}")
        return
    item = find_query(folder, name)
    filters = list(where or [])
    if as_of:
        filters += [f"published<={as_of}", f"superseded_on>{as_of}"]
    from tracker.db import connect
    from tracker.queries import run_query

    engine = _require_schema(state)
    with connect(engine) as conn:
        frame = run_query(conn, item, filters)
    if format == "table":
        from tracker.report.frames import frame_table

        _console().print(frame_table(frame, title=f"{item.name} ({len(frame)} rows)"))
        return
    from tracker.export import export_frame

    export_frame(frame, "jsonl" if format == "jsonl" else format, out)


def _period(value: str | None) -> int | tuple[int, int] | None:
    if value is None:
        return None
    first, _, last = value.partition("-")
    try:
        return (int(first), int(last)) if last else int(first)
    except ValueError as exc:
        raise UsageError(f"period {value!r} is not YYYY or YYYY-YYYY") from exc


@app.command()
def rhetoric(
    ctx: typer.Context,
    place: PlaceOption = None,
    year_from: YearFromOption = None,
    year_to: YearToOption = None,
    top: Annotated[int, typer.Option(help="how many rising and fading terms")] = 10,
    before: Annotated[Optional[str], typer.Option(help="earlier period, YYYY or YYYY-YYYY (default: first two years)")] = None,
    after: Annotated[Optional[str], typer.Option(help="later period (default: last two years)")] = None,
    by: Annotated[str, typer.Option(help="term | concept | category")] = "term",
    discover: Annotated[bool, typer.Option("--discover", help="also list rising phrases not yet in the lexicon")] = False,
    width: WidthOption = None,
) -> None:
    """Which slogans rose and faded: per-year rates, G² keyness and Log Ratio between two periods."""
    from tracker.analysis.rhetoric import rhetoric_view
    from tracker.db import connect
    from tracker.queries import find_query, run_query
    from tracker.report.rhetoric import rhetoric_table

    if by not in ("term", "concept", "category"):
        raise UsageError("--by takes term, concept or category")
    state = _state(ctx)
    engine = _require_schema(state)
    folder = state.workspace().queries
    with connect(engine) as conn:
        place_name = _place_name(conn, place) if place else None
        filters = [f"place={place_name}"] if place_name else []
        counts = run_query(conn, find_query(folder, "rhetoric_by_year"), filters)
        sizes = run_query(conn, find_query(folder, "coverage"), filters)
    if sizes.empty or sizes["chars"].sum() == 0:
        raise UsageError(f"no documents{' for ' + place_name if place_name else ''}")
    try:
        view = rhetoric_view(counts, sizes, place=place_name, year_from=year_from, year_to=year_to,
                             before=_period(before), after=_period(after), key=by, top=top)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    console = _console(width)
    console.print(rhetoric_table(view, f"Rhetoric · {place_name or 'all places'}", key=by))
    if discover:
        from tracker.analysis.discovery import DiscoveryOptions, discover as run_discovery
        from tracker.report.rhetoric import discovery_table

        texts = _texts_by_period(state, engine, place_name, view.before, view.after)
        lexicon = _rhetoric_lexicon(engine)
        single = place_name is not None
        options = DiscoveryOptions(top=top * 2, min_spread=1 if single else 5, min_count=3 if single else 8)
        found = run_discovery(texts[0], texts[1], lexicon, options)
        console.print(discovery_table(found, "New phrases"))


def _place_name(conn, value: str) -> str:  # type: ignore[no-untyped-def]
    from tracker.corpus.places import PlaceError
    from tracker.corpus.store import resolve_place

    try:
        return resolve_place(conn, value).name_zh
    except PlaceError as exc:
        raise UsageError(str(exc)) from exc


def _rhetoric_lexicon(engine):  # type: ignore[no-untyped-def]
    from tracker.corpus.store import load_lexicons
    from tracker.db import connect

    with connect(engine) as conn:
        return load_lexicons(conn).terms


def _texts_by_period(state, engine, place, before, after):  # type: ignore[no-untyped-def]
    from tracker.analysis.keyness import _in_period
    from tracker.db import connect
    from tracker.export import load_documents

    with connect(engine) as conn:
        docs = load_documents(conn)
    if place:
        docs = docs[docs["place"] == place]
    years = docs["published"].map(lambda d: int(str(d)[:4]))
    pick = lambda period: list(zip(docs["place"][_in_period(years, period)], docs["text"][_in_period(years, period)], strict=True))  # noqa: E731
    return pick(before), pick(after)


@app.command("duckdb")
def duckdb_cmd(
    ctx: typer.Context,
    command: Annotated[Optional[str], typer.Option("-c", "--command", help="run this SQL and exit (else interactive)")] = None,
) -> None:
    """Open the plain duckdb CLI on the database: a DuckDB file read-only, or PostgreSQL attached read-only."""
    import os
    import subprocess

    from tracker.db import resolve_db
    from tracker.teamdb import cli_command

    argv = cli_command(resolve_db(_state(ctx).db), command)
    if command is None and sys.stdin.isatty():
        os.execv(argv[0], argv)  # hand the terminal to duckdb
    raise typer.Exit(subprocess.run(argv).returncode)


@app.command()
def copy(
    ctx: typer.Context,
    source: Annotated[str, typer.Option("--from", help="database to copy from (path or URL)")],
    target: Annotated[str, typer.Option("--to", help="database to copy into (path or URL); built to head if new")],
) -> None:
    """Copy a whole corpus between databases (DuckDB file ⇄ PostgreSQL): same rows, same ids."""
    from tracker.copy import copy_database
    from tracker.db import open_engine

    counts = copy_database(open_engine(source), open_engine(target), _state(ctx).workspace())
    print("copied " + ", ".join(f"{table} {n}" for table, n in counts.items()))


@app.command()
def reextract(
    ctx: typer.Context,
    year: Annotated[Optional[int], typer.Option(help="only documents published in this year")] = None,
) -> None:
    """Rebuild commitments and term counts of stored documents with the current extractor (corrections kept)."""
    from tracker.corpus.reextract import reextract as run_reextract
    from tracker.corpus.store import load_lexicons
    from tracker.db import connect

    engine = _require_schema(_state(ctx), wait=0.0)
    with connect(engine) as conn:
        done = run_reextract(conn, load_lexicons(conn), year=year)
    print(f"re-extracted {done} documents")


@app.command()
def correct(
    ctx: typer.Context,
    commitment_id: int,
    field: str,
    value: str,
    note: Annotated[Optional[str], typer.Option(help="why the value is corrected")] = None,
    author: Annotated[Optional[str], typer.Option(help="who corrects it (default: $USER)")] = None,
) -> None:
    """Record a human fix to one field of a commitment; reads apply it, re-extraction keeps it."""
    import os

    from tracker.corrections import record_correction
    from tracker.db import connect

    engine = _require_schema(_state(ctx), wait=0.0)
    with connect(engine) as conn:
        correction_id = record_correction(conn, commitment_id, field, value, note, author or os.environ.get("USER"))
    print(f"correction {correction_id}: commitment {commitment_id} {field} = {value}")


@app.command()
def extract(
    ctx: typer.Context,
    file: Path,
    place: Annotated[Optional[str], typer.Option(help="place (kept with the output; not resolved)")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="YYYY, YYYY-MM or YYYY-MM-DD (else read from the text)")] = None,
    doc_type: Annotated[Optional[str], typer.Option(help="work_report | news | interview | meeting | plan")] = None,
    format: Annotated[str, typer.Option("--format", help="table | jsonl")] = "table",
) -> None:
    """Extract commitments from one file, without any database."""
    from tracker.corpus.extraction import extract_commitments_of
    from tracker.corpus.prepare import DocumentInfo, prepare_file
    from tracker.extract.lexicon import MetricLexicon

    if format not in ("table", "jsonl"):
        raise UsageError(f"unknown format {format!r}; one of table, jsonl")
    workspace = _state(ctx).workspace()
    info = DocumentInfo(place=place, published=date, published_basis="option", doc_type=doc_type)
    try:
        doc = prepare_file(file, info, require_date=False)
    except TrackerError as exc:
        raise UsageError(str(exc)) from exc
    found = extract_commitments_of(doc, MetricLexicon.from_csv(workspace.reference / "metrics.csv"))
    if format == "jsonl":
        import json

        for record in found:
            print(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    from tracker.report.commitments import commitments_table

    if doc.published is None:
        _err("note: no date given or found; periods relative to the document's year are left empty")
    _console().print(commitments_table([c.to_dict() for c in found], title=f"{file.name}: {len(found)} commitments"))


@app.command("eval")
def eval_cmd(
    ctx: typer.Context,
    gold: Path,
    corpus: Annotated[Optional[Path], typer.Option(help="folder the gold's file paths are relative to (default: ../corpus/work-reports beside the gold's folder)")] = None,
    expect_empty: Annotated[Optional[list[str]], typer.Option(help="a file that must yield no values (repeatable)")] = None,
) -> None:
    """Precision and recall of extraction against hand labels (gold JSONL)."""
    from tracker.evaluate import evaluate, format_report, load_gold, pipeline_prepare
    from tracker.extract.lexicon import MetricLexicon

    if corpus is None:
        corpus = gold.resolve().parent.parent / "corpus" / "work-reports"
    if not corpus.is_dir():
        raise UsageError(f"corpus folder {corpus} not found; pass --corpus DIR")
    if not gold.is_file():
        raise UsageError(f"gold file {gold} not found")
    reference = _state(ctx).workspace().reference
    report = evaluate(load_gold(gold), corpus, lexicon=MetricLexicon.from_csv(reference / "metrics.csv"),
                      prepare=pipeline_prepare(corpus), empty_files=expect_empty or ())
    print(format_report(report))


@show_app.command("document")
def show_document(ctx: typer.Context, document_id: int) -> None:
    """A document's place, date, source, quality flags and clean text."""
    from tracker.db import connect
    from tracker.export import load_documents

    engine = _require_schema(_state(ctx))
    with connect(engine) as conn:
        frame = load_documents(conn, document_id)
    if frame.empty:
        raise UsageError(f"no document with id {document_id}")
    row = frame.iloc[0]
    console = _console()
    from rich.panel import Panel

    header = (
        f"{row['place']} ({row['admin_code']}) · published {row['published']} ({row['date_precision']}, from {row['date_basis']})\n"
        f"{row['doc_type'] or ''} · {row['title'] or ''}\nsource: {row['source'] or ''} · file: {row['file']}\n"
        f"encoding {row['original_encoding']}, script {row['original_script']}, digits missing: {row['digits_missing']}, "
        f"garbled chars: {row['garbled_chars']}, chrome chars removed: {row['chrome_removed_chars']}"
    )
    console.print(Panel(header, title=f"document {document_id}", expand=False))
    console.print(row["text"], markup=False, highlight=False)


@show_app.command("commitment")
def show_commitment(ctx: typer.Context, commitment_id: int) -> None:
    """A commitment's figure and the quote in its paragraph, with the document's place, date and source."""
    from tracker.db import connect
    from tracker.export import load_commitments, load_documents
    from tracker.report.provenance import commitment_panel

    engine = _require_schema(_state(ctx))
    with connect(engine) as conn:
        rows = load_commitments(conn, commitment_id)
        if rows.empty:
            raise UsageError(f"no commitment with id {commitment_id}")
        document = load_documents(conn, int(rows.iloc[0]["document_id"]))
    _console().print(commitment_panel(rows.iloc[0], document.iloc[0]))


def main() -> None:
    """Console entry point: one-line errors, DESIGN §4 exit codes, no tracebacks for user errors.

    Typer's standalone mode already turns usage errors into exit 2 and Exit into its code; what
    reaches here is ours.
    """
    try:
        app()
    except TrackerError as exc:
        _err(f"tracker: {exc}")
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
