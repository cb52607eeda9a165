"""Shared helpers for the extractor tests: the reference lexicon and a one-call extractor."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from tests.paths import REFERENCE
from tracker.extract import Commitment, MetricLexicon, extract_commitments


@lru_cache(maxsize=1)
def lexicon() -> MetricLexicon:
    return MetricLexicon.from_csv(REFERENCE / "metrics.csv")


def run(
    text: str, published: dt.date | None = dt.date(2024, 1, 1), doc_type: str | None = "news"
) -> list[Commitment]:
    out = extract_commitments(text, lexicon=lexicon(), published=published, doc_type=doc_type)
    for c in out:
        assert text[c.char_start:c.char_end] == c.quote
    return out


def one(text: str, **kw: object) -> Commitment:
    out = run(text, **kw)  # type: ignore[arg-type]
    assert len(out) == 1, out
    return out[0]
