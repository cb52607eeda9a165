"""`tracker eval` measures the product's own reading (cleaning included) against hand labels."""

from __future__ import annotations

import re

from tests.cli_helpers import tracker
from tests.paths import GOLD, ROOT, requires_shared

SEED_EMPTY = ("2020/xiamen-2020-09-03-interview-liuwen-liubao.txt", "2020/xiamen-2020-07-27-midyear-review.txt")
_OVERALL = re.compile(r"precision ([\d.]+) .*recall ([\d.]+) .*invented (\d+)")


def overall(stdout: str) -> tuple[float, float, int]:
    line = next(line for line in stdout.splitlines() if line.startswith("overall"))
    match = _OVERALL.search(line)
    assert match, line
    return float(match.group(1)), float(match.group(2)), int(match.group(3))


@requires_shared
def test_dev_gold_precision_and_recall_through_the_pipeline():  # type: ignore[no-untyped-def]
    result = tracker("eval", str(GOLD))
    assert result.returncode == 0, result.stderr
    precision, recall, invented = overall(result.stdout)
    assert precision >= 0.95 and recall >= 0.90, result.stdout[:400]
    assert invented == 0
    assert "per metric" in result.stdout and "per kind" in result.stdout


def test_seed_labels_through_the_pipeline():  # type: ignore[no-untyped-def]
    args = ["eval", str(ROOT / "tests/data/seeds_gold.jsonl"), "--corpus", str(ROOT / "seeds")]
    for name in SEED_EMPTY:
        args += ["--expect-empty", name]
    result = tracker(*args)
    assert result.returncode == 0, result.stderr
    precision, recall, invented = overall(result.stdout)
    assert invented == 0
    assert precision >= 0.95 and recall >= 0.9, result.stdout[:600]


def test_missing_gold_or_corpus_is_a_usage_error(tmp_path):  # type: ignore[no-untyped-def]
    result = tracker("eval", str(tmp_path / "none.jsonl"), "--corpus", str(tmp_path))
    assert result.returncode == 2 and "not found" in result.stderr


@requires_shared
def test_reports_never_tuned_on_keep_their_accuracy():  # type: ignore[no-untyped-def]
    # tests/data/holdout_gold.jsonl labels 7 reports the extractor was not tuned on (HOLDOUT_GOLD.md).
    from tests.paths import CORPUS

    result = tracker("eval", str(ROOT / "tests/data/holdout_gold.jsonl"), "--corpus", str(CORPUS))
    assert result.returncode == 0, result.stderr
    precision, recall, invented = overall(result.stdout)
    assert precision >= 0.95 and recall >= 0.9 and invented == 0, result.stdout[:600]
