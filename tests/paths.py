"""Where tests find the project's own files and the data beside it.

The development corpus and gold labels live in ``../shared`` (beside the clone). CI has it; a fresh
clone on its own does not, so tests that read it use :data:`requires_shared` and skip, saying why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()
CORPUS = SHARED / "corpus" / "work-reports"
GOLD = SHARED / "dev-gold" / "gold.jsonl"
SEEDS = ROOT / "seeds"
REFERENCE = SEEDS / "reference"

requires_shared = pytest.mark.skipif(
    not CORPUS.is_dir() or not GOLD.is_file(),
    reason=f"../shared (corpus and dev-gold) not found at {SHARED}: these tests read data kept beside the project",
)
