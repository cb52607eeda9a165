"""Scoring: a fixture corpus offline, and the dev-gold targets when ../shared is present."""

from __future__ import annotations

from pathlib import Path

from tests.extract._support import lexicon
from tests.paths import CORPUS, GOLD, ROOT, requires_shared
from tracker.evaluate import default_prepare, evaluate, format_report, load_gold, recall

DATA = ROOT / "tests" / "data"


def test_fixture_scoring() -> None:
    gold = load_gold(DATA / "extract_gold.jsonl")
    assert gold[4].period == "2024" and gold[0].period == "2023"  # int and str periods compare as strings
    corpus = DATA / "extract_corpus"
    rep = evaluate(gold, corpus, lexicon=lexicon(), prepare=default_prepare(corpus), empty_files=["示例市/2023.md"])
    # cpi gold says 4 on purpose: one wrong value, one miss.
    assert rep.matched_gold == 7
    assert [o.gold.metric for o in rep.misses if o.gold] == ["cpi"]
    assert [o.pred.value for o in rep.wrong if o.pred] == [3.0]
    assert rep.invented == 0
    assert rep.unverified >= 1  # 制造业投资 has no gold key
    text = format_report(rep)
    assert "precision" in text and "居民消费价格涨幅控制在3%左右" in text


def test_front_matter_is_blanked() -> None:
    corpus = DATA / "extract_corpus"
    doc = default_prepare(corpus)(corpus / "示例市" / "2024.md")
    raw = (corpus / "示例市" / "2024.md").read_text(encoding="utf-8")
    assert len(doc.text) == len(raw) and "source:" not in doc.text
    assert doc.published is not None and doc.published.year == 2024 and doc.doc_type == "work_report"


@requires_shared
def test_dev_gold_targets() -> None:
    rep = evaluate(load_gold(GOLD), Path(CORPUS), lexicon=lexicon())
    assert rep.files == 24
    assert rep.overall.precision >= 0.95, format_report(rep)
    assert recall(rep) >= 0.90, format_report(rep)
    assert rep.invented == 0
