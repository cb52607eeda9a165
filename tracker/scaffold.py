"""Scaffolding for reviewed data revisions: a year of seed documents, or reference-data additions.

New years (2025, 2026, …) and lexicon additions arrive the way schema changes do — as Alembic
revisions after the current head — so every database built from the repository holds the same
corpus and lexicons, and can move back. This module writes those revision files (and the folder a
year's documents go in); reviewing and committing them is the user's step.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tracker.corpus.manifest import COLUMNS
from tracker.errors import UsageError
from tracker.workspace import Workspace

YEAR_TEMPLATE = '''"""Seed documents of {year}: ingest seeds/{year}/ (manifest.csv) through the ingest code.

Downgrade removes exactly the documents this revision stored, with what was extracted from them.

Revision ID: {rev}
Revises: {down}
Create Date: {date}
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from tracker import seeds

revision: str = "{rev}"
down_revision: str | Sequence[str] | None = {down_repr}
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

YEAR = {year}
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def upgrade() -> None:
    seeds.ingest_year(op.get_bind(), SEEDS, YEAR)


def downgrade() -> None:
    seeds.remove_year(op.get_bind(), YEAR)
'''

REFERENCE_TEMPLATE = '''"""Reference data: {what} from seeds/reference/additions/{csv}.

Downgrade removes what this revision added.

Revision ID: {rev}
Revises: {down}
Create Date: {date}
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from tracker import reference

revision: str = "{rev}"
down_revision: str | Sequence[str] | None = {down_repr}
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CSV = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "additions" / "{csv}"


def upgrade() -> None:
    reference.load_{kind}(op.get_bind(), CSV)


def downgrade() -> None:
    reference.remove_{kind}(op.get_bind(), CSV)
'''


def _script(workspace: Workspace):  # type: ignore[no-untyped-def]
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(workspace.migrations))


def _next_revision(workspace: Workspace) -> tuple[str, str | None]:
    script = _script(workspace)
    heads = script.get_heads()
    if len(heads) > 1:
        raise UsageError(f"migrations have several heads ({', '.join(heads)}); merge them first")
    head = heads[0] if heads else None
    numbers = [int(r.revision) for r in script.walk_revisions() if r.revision.isdigit()]
    return f"{(max(numbers) + 1 if numbers else 1):04d}", head


def year_revision(workspace: Workspace, year: int) -> Path | None:
    """The revision file that loads seeds/<year>/, if there is one."""
    for path in sorted((workspace.migrations / "versions").glob("*.py")):
        if re.search(rf"^YEAR = {year}$", path.read_text(encoding="utf-8"), re.MULTILINE):
            return path
    return None


def add_year(workspace: Workspace, year: int) -> tuple[Path, Path]:
    """Create seeds/<year>/ (header-only manifest, README) and its revision after the current head."""
    import datetime as dt

    if not 1949 <= year <= 2100:
        raise UsageError(f"{year} is not a plausible year")
    existing = year_revision(workspace, year)
    if existing is not None:
        raise UsageError(f"{year} already has a revision: {existing.relative_to(workspace.root)}")
    folder = workspace.seeds / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.csv"
    if not manifest.exists():
        manifest.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    readme = folder / "README.md"
    if not readme.exists():
        readme.write_text(
            f"Documents of {year}: put the files here and give each a row in manifest.csv "
            f"({', '.join(COLUMNS)}); `tracker upgrade` loads them.\n",
            encoding="utf-8",
        )
    rev, head = _next_revision(workspace)
    path = workspace.migrations / "versions" / f"{rev}_seeds_{year}.py"
    path.write_text(
        YEAR_TEMPLATE.format(year=year, rev=rev, down=head or "", down_repr=repr(head), date=dt.date.today()),
        encoding="utf-8",
    )
    return folder, path


def add_reference(workspace: Workspace, kind: str, source: Path) -> tuple[Path, Path]:
    """Copy a CSV of terms or metrics into seeds/reference/additions/ and write its revision."""
    import datetime as dt

    if kind not in ("terms", "metrics"):
        raise UsageError("reference additions are terms or metrics")
    if not source.is_file():
        raise UsageError(f"{source} not found")
    rev, head = _next_revision(workspace)
    additions = workspace.reference / "additions"
    additions.mkdir(parents=True, exist_ok=True)
    target = additions / f"{rev}_{kind}.csv"
    shutil.copyfile(source, target)
    path = workspace.migrations / "versions" / f"{rev}_reference_{kind}.py"
    what = "rhetoric lexicon terms" if kind == "terms" else "metrics and metric synonyms"
    path.write_text(
        REFERENCE_TEMPLATE.format(what=what, csv=target.name, kind=kind, rev=rev, down=head or "",
                                  down_repr=repr(head), date=dt.date.today()),
        encoding="utf-8",
    )
    return target, path
