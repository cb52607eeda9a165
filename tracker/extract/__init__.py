"""Pure text → records: commitments (targets and outcomes) and, elsewhere, rhetoric counts.

Nothing here touches the database: the extractor reads clean simplified text and returns frozen
dataclasses. ``EXTRACTOR_VERSION`` is stored with every commitment row; bump it whenever the output
for the same text can change, so stale rows can be found and re-extracted.
"""

from __future__ import annotations

EXTRACTOR_VERSION: str = "0.3.1"

# Before any compiled module loads: a stale build (or TRACKER_PURE_EXTRACT) means the sources run.
from .native import prefer_current_sources  # noqa: E402

prefer_current_sources()

from .commitments import Commitment, extract_commitments  # noqa: E402
from .lexicon import MetricLexicon, MetricMatch  # noqa: E402

__all__ = ["EXTRACTOR_VERSION", "Commitment", "MetricLexicon", "MetricMatch", "extract_commitments"]
