"""Score the commitment extractor against hand labels (dev-gold): precision, recall, misses.

Pure: reads gold JSONL and corpus files, calls the extractor, returns a report; no database.
Matching follows the dev-gold README and EXTRACTION.md §7: a prediction matches a gold record on
(file, metric, kind, period, change) and the value (tolerance 1e-9; value-less rows match on a
relation being present). Gold labels only two places per report, so predictions whose
(file, metric, kind, period) key has no gold are *unverified*, reported apart, not counted wrong.
Values emitted from texts that must have none are counted on their own ("invented").
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extract.commitments import Commitment
from .extract.lexicon import MetricLexicon
from .extract.native import extract_commitments

TOL = 1e-9


@dataclass(frozen=True)
class GoldRecord:
    file: str
    metric: str | None
    kind: str
    period: str | None
    value: float | None
    change: str | None
    unit: str | None
    qualifier: str | None
    relation: str | None
    quote: str
    subject: str | None = None
    note: str | None = None
    value_low: float | None = None
    value_high: float | None = None


@dataclass(frozen=True)
class PreparedDoc:
    """What the extractor needs from one corpus file."""

    text: str
    published: dt.date | None
    doc_type: str | None
    digits_missing: bool = False


@dataclass
class Outcome:
    file: str
    metric: str | None
    kind: str
    period: str | None
    gold: GoldRecord | None
    pred: Commitment | None
    status: str  # tp | miss | wrong_value | fp | unverified


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class EvalReport:
    overall: Score
    per_metric: dict[str, Score]
    per_kind: dict[str, Score]
    matched_gold: int
    gold_total: int
    unverified: int
    invented: int
    invented_files: dict[str, int]
    misses: list[Outcome] = field(default_factory=list)
    wrong: list[Outcome] = field(default_factory=list)
    false_positives: list[Outcome] = field(default_factory=list)
    files: int = 0
    missing_files: list[str] = field(default_factory=list)


def _period_str(p: Any) -> str | None:
    if p is None:
        return None
    return str(p)


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Read gold JSONL. `period` may be an int year or a label like "2020-H1" (kept as a string)."""
    out: list[GoldRecord] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            out.append(
                GoldRecord(
                    file=r["file"], metric=r.get("metric"), kind=r["kind"],
                    period=_period_str(r.get("period")),
                    value=r.get("value"), change=r.get("change"), unit=r.get("unit"),
                    qualifier=r.get("qualifier"), relation=r.get("relation"),
                    quote=r.get("quote", ""), subject=r.get("subject"), note=r.get("note"),
                    value_low=r.get("value_low"), value_high=r.get("value_high"),
                )
            )
    return out


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def default_prepare(corpus_dir: Path) -> Callable[[Path], PreparedDoc]:
    """A prepare() for the corpus layout: UTF-8 .md files, report year from manifest.csv.

    The YAML front matter (--- source/title ---) is blanked with spaces of the same length so char
    offsets still index the file; published = 1 January of the manifest year.
    """
    meta: dict[str, tuple[dt.date | None, str | None]] = {}
    manifest = corpus_dir / "manifest.csv"
    if manifest.is_file():
        with open(manifest, encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh):
                pub = _parse_published(rec.get("published") or "")
                meta[rec["file"]] = (pub, (rec.get("doc_type") or None))

    def prepare(path: Path) -> PreparedDoc:
        raw = path.read_text(encoding="utf-8")
        m = _FRONT_MATTER.match(raw)
        if m:
            raw = re.sub(r"[^\n]", " ", m.group()) + raw[m.end():]
        rel = path.relative_to(corpus_dir).as_posix() if path.is_relative_to(corpus_dir) else path.name
        pub, doc_type = meta.get(rel, (None, None))
        return PreparedDoc(raw, pub, doc_type)

    return prepare


def pipeline_prepare(corpus_dir: Path) -> Callable[[Path], PreparedDoc]:
    """A prepare() that runs the product's own reading of a file: decode, clean, date, quality flags.

    What the manifest says (place, published, doc_type) comes from the nearest manifest.csv, as in
    `tracker ingest`; so `tracker eval` measures exactly what ingest would store.
    """
    from tracker.corpus.extraction import reading_date
    from tracker.corpus.manifest import info_from_manifests
    from tracker.corpus.prepare import prepare_file

    def prepare(path: Path) -> PreparedDoc:
        doc = prepare_file(path, info_from_manifests(path, corpus_dir))
        return PreparedDoc(doc.text, reading_date(doc.published, doc.doc_type), doc.doc_type, doc.digits_missing)

    return prepare


def _parse_published(s: str) -> dt.date | None:
    s = s.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", s)
    if not m:
        return None
    return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def _norm_subject(s: str | None) -> str:
    return re.sub(r"[\d.%％\s，,、“”\"]|万|亿|个|元", "", s or "")


def _gold_matches(g: GoldRecord, p: Commitment) -> bool:
    if g.change != p.change:
        return False
    if g.value is None:
        return p.value is None and bool(p.relation)
    return _same_value(g.value, p.value)


def _key(metric: str | None, kind: str, period: str | None, subject: str | None) -> tuple[Any, ...]:
    return (metric, kind, period)


def evaluate(
    gold: list[GoldRecord],
    corpus_dir: Path,
    *,
    lexicon: MetricLexicon,
    prepare: Callable[[Path], PreparedDoc] | None = None,
    empty_files: Iterable[str] = (),
) -> EvalReport:
    """Run the extractor over every gold file (and `empty_files`, which must yield no values)."""
    corpus_dir = Path(corpus_dir)
    prepare = prepare or default_prepare(corpus_dir)
    by_file: dict[str, list[GoldRecord]] = defaultdict(list)
    for g in gold:
        by_file[g.file].append(g)
    empties = set(empty_files) | {f for f, gs in by_file.items() if not gs}
    overall = Score()
    per_metric: dict[str, Score] = defaultdict(Score)
    per_kind: dict[str, Score] = defaultdict(Score)
    misses: list[Outcome] = []
    wrong: list[Outcome] = []
    fps: list[Outcome] = []
    unverified = 0
    matched_gold = 0
    invented_files: dict[str, int] = {}
    missing: list[str] = []
    for file in sorted(set(by_file) | empties):
        path = corpus_dir / file
        if not path.is_file():
            missing.append(file)
            for g in by_file.get(file, []):
                misses.append(Outcome(file, g.metric, g.kind, g.period, g, None, "miss"))
                overall.fn += 1
                per_metric[str(g.metric)].fn += 1
                per_kind[g.kind].fn += 1
            continue
        doc = prepare(path)
        preds = extract_commitments(doc.text, lexicon=lexicon, published=doc.published, doc_type=doc.doc_type,
                                    digits_missing=doc.digits_missing)
        if file in empties:
            n = sum(1 for p in preds if p.value is not None)
            if n:
                invented_files[file] = n
        gs = by_file.get(file, [])
        gold_keys: dict[tuple[Any, ...], list[GoldRecord]] = defaultdict(list)
        for g in gs:
            gold_keys[_key(g.metric, g.kind, g.period, g.subject)].append(g)
        matched: set[int] = set()
        for p in preds:
            cands = _candidates(gold_keys, p)
            if cands is None:
                unverified += 1
                continue
            # An unmatched gold record first: two gold rows can share key and value (the two
            # unemployment rates of one sentence), and each prediction should find its own.
            hit = next((g for g in cands if _gold_matches(g, p) and id(g) not in matched), None)
            if hit is None:
                hit = next((g for g in cands if _gold_matches(g, p)), None)
            metric = str(cands[0].metric)
            if hit is not None:
                matched.add(id(hit))
                overall.tp += 1
                per_metric[metric].tp += 1
                per_kind[p.kind].tp += 1
            else:
                overall.fp += 1
                per_metric[metric].fp += 1
                per_kind[p.kind].fp += 1
                o = Outcome(file, p.metric_code, p.kind, p.period, None, p, "fp")
                # A prediction on a labelled key with the right change but another value is "wrong".
                same_change = [g for g in cands if g.change == p.change]
                if same_change:
                    o.gold = same_change[0]
                    o.status = "wrong_value"
                    wrong.append(o)
                else:
                    fps.append(o)
        for g in gs:
            if id(g) in matched:
                matched_gold += 1
                continue
            overall.fn += 1
            per_metric[str(g.metric)].fn += 1
            per_kind[g.kind].fn += 1
            misses.append(Outcome(file, g.metric, g.kind, g.period, g, None, "miss"))
    # Recall counts gold records found; precision counts predictions matched. Keep tp for
    # precision as predictions (duplicates of one gold statement are each right), and recompute
    # recall from matched gold records so duplicates cannot inflate it.
    rep = EvalReport(
        overall=overall, per_metric=dict(per_metric), per_kind=dict(per_kind),
        matched_gold=matched_gold, gold_total=len(gold), unverified=unverified,
        invented=sum(invented_files.values()), invented_files=invented_files,
        misses=misses, wrong=wrong, false_positives=fps, files=len(set(by_file) | empties),
        missing_files=missing,
    )
    return rep


def _candidates(gold_keys: dict[tuple[Any, ...], list[GoldRecord]], p: Commitment) -> list[GoldRecord] | None:
    if p.metric_code is not None:
        return gold_keys.get((p.metric_code, p.kind, p.period))
    # Deliverables without a metric: gold rows with metric null match on subject text.
    cands = gold_keys.get((None, p.kind, p.period))
    if not cands:
        return None
    ps = _norm_subject(p.subject)
    close = [g for g in cands if ps and (_norm_subject(g.subject) in ps or ps in _norm_subject(g.subject))]
    return close or None


def recall(rep: EvalReport) -> float:
    return rep.matched_gold / rep.gold_total if rep.gold_total else 1.0


def format_report(rep: EvalReport, *, limit: int = 200) -> str:
    """Plain-text report: overall, per kind, per metric, then misses, wrong values, other FPs."""
    lines: list[str] = []
    p = rep.overall.precision
    r = recall(rep)
    lines.append(f"files: {rep.files}  gold records: {rep.gold_total}")
    lines.append(
        f"overall  precision {p:.3f} ({rep.overall.tp}/{rep.overall.tp + rep.overall.fp})  "
        f"recall {r:.3f} ({rep.matched_gold}/{rep.gold_total})  "
        f"unverified {rep.unverified}  invented {rep.invented}"
    )
    for name, table in (("kind", rep.per_kind), ("metric", rep.per_metric)):
        lines.append(f"\nper {name}:")
        for k in sorted(table, key=lambda k: (table[k].recall, k)):
            s = table[k]
            lines.append(f"  {k:<26} P {s.precision:.3f} R {s.recall:.3f}  tp {s.tp:>3} fp {s.fp:>3} fn {s.fn:>3}")
    if rep.invented_files:
        lines.append("\ninvented values (texts that must have none):")
        for f, n in sorted(rep.invented_files.items()):
            lines.append(f"  {f}: {n}")
    if rep.missing_files:
        lines.append("\nmissing files: " + ", ".join(rep.missing_files))
    lines.append(f"\nmisses ({len(rep.misses)}):")
    for o in rep.misses[:limit]:
        g = o.gold
        assert g is not None
        lines.append(f"  {o.file} {g.metric} {g.kind} {g.period} {g.change} {g.value} {g.relation or ''} | {g.quote}")
    lines.append(f"\nwrong values ({len(rep.wrong)}):")
    for o in rep.wrong[:limit]:
        pr, g = o.pred, o.gold
        assert pr is not None and g is not None
        lines.append(
            f"  {o.file} {pr.metric_code} {pr.kind} {pr.period} {pr.change}: got {pr.value} {pr.relation or ''} "
            f"want {g.value} {g.relation or ''} | {pr.quote}"
        )
    lines.append(f"\nother false positives ({len(rep.false_positives)}):")
    for o in rep.false_positives[:limit]:
        pr = o.pred
        assert pr is not None
        lines.append(f"  {o.file} {pr.metric_code} {pr.kind} {pr.period} {pr.change} {pr.value} {pr.relation or ''} | {pr.quote}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m tracker.evaluate [GOLD] [CORPUS]``: print the report (the CLI wraps this)."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(__file__).resolve().parents[1]
    gold_path = Path(args[0]) if args else root.parent / "shared" / "dev-gold" / "gold.jsonl"
    corpus = Path(args[1]) if len(args) > 1 else root.parent / "shared" / "corpus" / "work-reports"
    lexicon = MetricLexicon.from_csv(root / "seeds" / "reference" / "metrics.csv")
    rep = evaluate(load_gold(gold_path), corpus, lexicon=lexicon)
    print(format_report(rep))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
