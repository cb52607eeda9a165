"""Fixtures for analysis tests: the reference lexicon and, when ../shared exists, corpus counts."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

import pandas as pd
import pytest

from tests.paths import CORPUS, REFERENCE
from tracker.extract.rhetoric import RhetoricLexicon, count_terms

# Corpus files are Markdown with a YAML header (source, title) and **bold** markers; the header is
# not part of the report and the asterisks are layout. Everything else is kept, as the cleaner would.
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


@dataclass(frozen=True)
class CorpusDoc:
    document_id: int
    place: str
    year: int
    text: str


@pytest.fixture(scope="session")
def lexicon() -> RhetoricLexicon:
    return RhetoricLexicon.from_csv(REFERENCE / "terms.csv")


@pytest.fixture(scope="session")
def corpus_docs() -> list[CorpusDoc]:
    """The work-report corpus, one entry per manifest row (year = published year)."""
    docs: list[CorpusDoc] = []
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            text = (CORPUS / row["file"]).read_text("utf-8")
            text = _FRONT_MATTER.sub("", text).replace("**", "")
            docs.append(CorpusDoc(i, row["place"], int(row["published"][:4]), text))
    return docs


@pytest.fixture(scope="session")
def corpus_counts(
    corpus_docs: list[CorpusDoc], lexicon: RhetoricLexicon
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counts, sizes): counts per (document, term, concept); sizes per document."""
    rows = []
    for d in corpus_docs:
        for term, n in count_terms(d.text, lexicon).items():
            rows.append((d.document_id, d.place, d.year, term, lexicon.concept_of[term], n, len(d.text)))
    counts = pd.DataFrame(
        rows, columns=["document_id", "place", "year", "term", "concept", "count", "chars"]
    )
    sizes = pd.DataFrame(
        [(d.document_id, d.place, d.year, len(d.text)) for d in corpus_docs],
        columns=["document_id", "place", "year", "chars"],
    )
    return counts, sizes
