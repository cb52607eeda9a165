"""Find the workspace: the folder holding alembic.ini, migrations/, queries/ and seeds/.

Like git, the workspace is found from the current directory upward, so a clone (or a user's own copy
of the repository with their own seeds/ and year revisions) is its own workspace. An explicit
``--workspace`` wins; failing both, the checkout the package was installed from (editable install)
serves, so `tracker` works from any directory on a developer machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import UsageError

MARKERS = ("alembic.ini", "migrations")


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def alembic_ini(self) -> Path:
        return self.root / "alembic.ini"

    @property
    def migrations(self) -> Path:
        return self.root / "migrations"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def reference(self) -> Path:
        return self.seeds / "reference"


def _is_workspace(path: Path) -> bool:
    return all((path / marker).exists() for marker in MARKERS)


def find_workspace(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Workspace:
    """Return the workspace: explicit > TRACKER_WORKSPACE > cwd upward > the installed checkout."""
    chosen = explicit or os.environ.get("TRACKER_WORKSPACE")
    if chosen:
        root = Path(chosen).expanduser().resolve()
        if not _is_workspace(root):
            raise UsageError(f"{root} is not a policy-tracker workspace (no alembic.ini and migrations/)")
        return Workspace(root)
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if _is_workspace(candidate):
            return Workspace(candidate)
    package_checkout = Path(__file__).resolve().parents[1]
    if _is_workspace(package_checkout):
        return Workspace(package_checkout)
    raise UsageError("no policy-tracker workspace found from the current directory upward; use --workspace DIR")
