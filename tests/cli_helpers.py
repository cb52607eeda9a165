"""Run the real `tracker` command line in a subprocess, as users and scripts do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT


def tracker(*args: str, db: str | None = None, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tracker.cli"]
    if db is not None:
        command += ["--db", db]
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
    full_env.pop("TRACKER_DB", None)
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd or ROOT, env=full_env,
                          timeout=timeout)
