"""Rhetoric shift: keyness between two periods, first/last use, and adoption lag.

Pure pandas over counts that came out of the database (or straight from
:func:`tracker.extract.rhetoric.count_terms`); nothing here touches a database or the corpus.

Input shape ("counts"): one row per (document, term) with columns

* ``place``  – place name or id (anything hashable),
* ``year``   – int, the publication year of the document,
* the key column – ``term`` or ``concept`` (or ``category``; chosen with ``key=``),
* ``count``  – occurrences of that term in that document,
* ``chars``  – size of that document in characters (repeated on each of its rows),
* optionally ``document_id`` – tells two documents of the same place and year apart.

Rows with count 0 are allowed but not required. Corpus sizes are taken from ``chars`` once per
document; a document with *no* lexicon hit has no row and so would be missing from the denominator,
so pass ``sizes`` (one row per document: place, year, [document_id], chars) whenever counts may omit
documents — the SQL side can always supply it from ``documents``.

Statistics (two corpora: *target* = later period, *reference* = earlier period)::

    a = term count in target          c = total chars in target
    b = term count in reference       d = total chars in reference
    E1 = c·(a+b)/(c+d)                E2 = d·(a+b)/(c+d)        (expected counts if no change)
    G² = 2·( a·ln(a/E1) + b·ln(b/E2) )     with 0·ln 0 = 0        (Rayson & Garside 2000)

G² is reported **signed**: positive when the term is relatively more frequent in the target (later)
period (a/c > b/d), negative when it fell. |G²| ≥ 3.84 ↔ p < 0.05, 6.63 ↔ 0.01, 10.83 ↔ 0.001,
15.13 ↔ 0.0001 (χ², 1 d.f.). Corpus size is counted in characters because Chinese is not segmented
here; that makes absolute G² values comparable only within this project.

Log Ratio (Hardie 2014) is the effect size: ``log2( (a/c) / (b/d) )`` — +1 means the rate doubled,
−1 halved. A zero count would give ±∞, so a zero cell (only a zero cell) is replaced by 0.5 before
the ratio is taken; then a term that went 0 → 10 over equal-size corpora has Log Ratio log2(20) ≈ 4.3
instead of infinity. G² needs no such correction. Use G² to say *whether* a shift is real and Log Ratio
to say *how big* it is: with large corpora tiny shifts get large G².
"""

from __future__ import annotations

import math
from collections.abc import Mapping
import numpy as np
import pandas as pd

#: A period is one year or an inclusive (first_year, last_year) range.
Period = int | tuple[int, int]

ZERO_CORRECTION = 0.5

#: Critical values of χ² with one degree of freedom, for labelling G².
G2_CRITICAL: Mapping[float, float] = {0.05: 3.84, 0.01: 6.63, 0.001: 10.83, 0.0001: 15.13}


# --------------------------------------------------------------------------- scalar statistics


def log_likelihood_g2(a: float, b: float, c: float, d: float) -> float:
    """Signed G² for a term seen ``a`` times in a target corpus of ``c`` and ``b`` times in ``d``.

    Positive means overused in the target corpus. Zero when the term is absent from both or either
    corpus is empty (nothing can be said).
    """
    if c <= 0 or d <= 0 or a + b <= 0:
        return 0.0
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = 2.0 * ((a * math.log(a / e1) if a > 0 else 0.0) + (b * math.log(b / e2) if b > 0 else 0.0))
    g2 = max(g2, 0.0)  # rounding can give -1e-15 for identical rates
    return g2 if a / c >= b / d else -g2


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """Hardie's Log Ratio: log2 of (a/c)/(b/d), zero cells replaced by 0.5 (see module docstring).

    Zero when the term is absent from both corpora, or a corpus is empty.
    """
    if c <= 0 or d <= 0 or a + b <= 0:
        return 0.0
    a_ = a if a > 0 else ZERO_CORRECTION
    b_ = b if b > 0 else ZERO_CORRECTION
    return math.log2((a_ / c) / (b_ / d))


def g2_p_value(g2: float) -> float:
    """p-value of |G²| under χ² with 1 d.f. (``erfc(sqrt(G²/2))``, exact for 1 d.f.; no scipy)."""
    return math.erfc(math.sqrt(abs(g2) / 2.0))


def _g2_vec(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Vectorised :func:`log_likelihood_g2` (same definition, same sign convention)."""
    a = a.astype(float)
    b = b.astype(float)
    c = c.astype(float)
    d = d.astype(float)
    n = c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        e1 = c * (a + b) / n
        e2 = d * (a + b) / n
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1.0) / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1.0) / e2), 0.0)
        g2 = np.clip(2.0 * (t1 + t2), 0.0, None)
        up = a * d >= b * c  # a/c >= b/d without dividing
    valid = (c > 0) & (d > 0) & (a + b > 0)
    return np.where(valid, np.where(up, g2, -g2), 0.0)


def _log_ratio_vec(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Vectorised :func:`log_ratio`."""
    a = a.astype(float)
    b = b.astype(float)
    c = c.astype(float)
    d = d.astype(float)
    valid = (c > 0) & (d > 0) & (a + b > 0)
    a_ = np.where(a > 0, a, ZERO_CORRECTION)
    b_ = np.where(b > 0, b, ZERO_CORRECTION)
    with np.errstate(divide="ignore", invalid="ignore"):
        lr = np.log2((a_ / np.where(c > 0, c, 1.0)) / (b_ / np.where(d > 0, d, 1.0)))
    return np.where(valid, lr, 0.0)


def keyness_frame(
    a: pd.Series | np.ndarray,
    b: pd.Series | np.ndarray,
    c: pd.Series | np.ndarray | float,
    d: pd.Series | np.ndarray | float,
) -> pd.DataFrame:
    """G² (signed), p-value and Log Ratio for aligned arrays; shared by shift tables and discovery."""
    a_arr = np.asarray(a, dtype=float)
    b_arr = np.asarray(b, dtype=float)
    c_arr = np.broadcast_to(np.asarray(c, dtype=float), a_arr.shape)
    d_arr = np.broadcast_to(np.asarray(d, dtype=float), a_arr.shape)
    g2 = _g2_vec(a_arr, b_arr, c_arr, d_arr)
    p = np.array([g2_p_value(x) for x in g2], dtype=float)
    index = a.index if isinstance(a, pd.Series) else None
    return pd.DataFrame(
        {"g2": g2, "p_value": p, "log_ratio": _log_ratio_vec(a_arr, b_arr, c_arr, d_arr)},
        index=index,
    )


# --------------------------------------------------------------------------- shaping counts


def _years(period: Period) -> tuple[int, int]:
    if isinstance(period, tuple):
        lo, hi = period
        if lo > hi:
            raise ValueError(f"period {period} runs backwards")
        return int(lo), int(hi)
    return int(period), int(period)


def period_label(period: Period) -> str:
    """``2019`` or ``2019–2020`` for column headers and reports."""
    lo, hi = _years(period)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def document_sizes(counts: pd.DataFrame, sizes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per document with place, year, chars.

    From ``sizes`` when given; otherwise from ``counts``, deduplicated on ``document_id`` if present,
    else on (place, year) — which assumes one document per place and year, true of the work-report
    corpus but not of the seeds (two 厦门市 2020 documents), so pass ``document_id`` or ``sizes``.
    """
    src = sizes if sizes is not None else counts
    keys = ["document_id"] if "document_id" in src.columns else ["place", "year"]
    cols = list(dict.fromkeys(keys + ["place", "year", "chars"]))
    return src[cols].drop_duplicates(subset=keys)


def _in_period(years: pd.Series, period: Period) -> pd.Series:
    lo, hi = _years(period)
    return (years >= lo) & (years <= hi)


def shift_table(
    counts: pd.DataFrame,
    before: Period,
    after: Period,
    *,
    key: str = "term",
    by_place: bool = False,
    sizes: pd.DataFrame | None = None,
    min_total: int = 1,
) -> pd.DataFrame:
    """Keyness of each ``key`` value between two periods, over all places or per place.

    ``after`` is the target: positive ``g2`` / ``log_ratio`` mean the term rose. Returns columns
    ``[place,] key, count_before, count_after, chars_before, chars_after, per10k_before,
    per10k_after, g2, p_value, log_ratio``, sorted by ``g2`` descending (risers first, fallers last).
    Terms with fewer than ``min_total`` occurrences across both periods are dropped. With
    ``by_place``, a place missing one of the periods is left out (no denominator to compare with).
    """
    docs = document_sizes(counts, sizes)
    group = ["place"] if by_place else []

    def size_of(period: Period) -> pd.DataFrame | int:
        sel = docs[_in_period(docs["year"], period)]
        if by_place:
            return sel.groupby("place", as_index=False)["chars"].sum()
        return int(sel["chars"].sum())

    def count_of(period: Period) -> pd.DataFrame:
        sel = counts[_in_period(counts["year"], period)]
        return sel.groupby(group + [key], as_index=False)["count"].sum()

    cb, ca = count_of(before), count_of(after)
    table = cb.merge(ca, on=group + [key], how="outer", suffixes=("_before", "_after"))
    table[["count_before", "count_after"]] = (
        table[["count_before", "count_after"]].fillna(0).astype("int64")
    )
    sb, sa = size_of(before), size_of(after)
    if by_place:
        assert isinstance(sb, pd.DataFrame) and isinstance(sa, pd.DataFrame)
        table = table.merge(sb.rename(columns={"chars": "chars_before"}), on="place", how="inner")
        table = table.merge(sa.rename(columns={"chars": "chars_after"}), on="place", how="inner")
    else:
        table["chars_before"] = sb
        table["chars_after"] = sa
    table = table[(table["count_before"] + table["count_after"]) >= min_total].copy()
    table["per10k_before"] = _safe_rate(table["count_before"], table["chars_before"])
    table["per10k_after"] = _safe_rate(table["count_after"], table["chars_after"])
    stats = keyness_frame(
        table["count_after"], table["count_before"], table["chars_after"], table["chars_before"]
    )
    table = pd.concat([table, stats], axis=1)
    cols = group + [
        key,
        "count_before",
        "count_after",
        "chars_before",
        "chars_after",
        "per10k_before",
        "per10k_after",
        "g2",
        "p_value",
        "log_ratio",
    ]
    return table[cols].sort_values(["g2", key], ascending=[False, True]).reset_index(drop=True)


def _safe_rate(count: pd.Series, chars: pd.Series) -> pd.Series:
    chars_f = chars.astype(float)
    return (count * 10_000 / chars_f.where(chars_f > 0)).fillna(0.0)


def rate_by_year(
    counts: pd.DataFrame,
    *,
    key: str = "term",
    sizes: pd.DataFrame | None = None,
    place: object | None = None,
) -> pd.DataFrame:
    """Rate per 10k chars of each ``key`` value per year (rows: year; columns: key values).

    Every year that has documents appears, with 0.0 where a term is absent — an absent term is
    information (新质生产力 is 0 in 2019–2023), not a missing value.
    """
    docs = document_sizes(counts, sizes)
    if place is not None:
        docs = docs[docs["place"] == place]
        counts = counts[counts["place"] == place]
    chars = docs.groupby("year")["chars"].sum()
    wide = counts.pivot_table(index="year", columns=key, values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(chars.index, fill_value=0)
    return wide.div(chars, axis=0).mul(10_000).fillna(0.0)


def first_last_use(counts: pd.DataFrame, *, key: str = "term") -> pd.DataFrame:
    """Per (place, key): first and last year with a count > 0, years present, total count."""
    used = counts[counts["count"] > 0]
    g = used.groupby(["place", key])
    out = g.agg(
        first_year=("year", "min"),
        last_year=("year", "max"),
        years_present=("year", "nunique"),
        total=("count", "sum"),
    ).reset_index()
    return out.sort_values([key, "first_year", "place"]).reset_index(drop=True)


def adoption_lag(
    counts: pd.DataFrame,
    *,
    key: str = "term",
    national_first: Mapping[str, int | None] | None = None,
) -> pd.DataFrame:
    """How many years each place lagged behind the first use anywhere in the corpus.

    ``corpus_first_year`` is the earliest year any place used the term; ``first_places`` lists the
    places that used it that year; ``lag_years = first_year - corpus_first_year`` (0 = a leader).
    Places that never used a term get no row: never adopting is not the same as a long lag.
    With ``national_first`` (key → first national use, e.g. from the lexicon's
    ``first_national_use``), ``lag_vs_national`` is also given; negative values flag either a local
    origin (最多跑一次 in Zhejiang before Beijing took it up) or a wrong national year, or a
    substring hit with another meaning (see the lexicon's notes).
    """
    fl = first_last_use(counts, key=key)
    corpus_first = fl.groupby(key)["first_year"].min().rename("corpus_first_year")
    fl = fl.join(corpus_first, on=key)
    leaders = (
        fl[fl["first_year"] == fl["corpus_first_year"]]
        .groupby(key)["place"]
        .agg(lambda s: "、".join(sorted(map(str, s))))
        .rename("first_places")
    )
    fl = fl.join(leaders, on=key)
    fl["lag_years"] = fl["first_year"] - fl["corpus_first_year"]
    cols = [key, "place", "first_year", "corpus_first_year", "lag_years", "first_places"]
    if national_first is not None:
        nat = fl[key].map(lambda k: national_first.get(k))
        fl["national_first_year"] = pd.array(nat, dtype="Int64")
        fl["lag_vs_national"] = fl["first_year"].astype("Int64") - fl["national_first_year"]
        cols += ["national_first_year", "lag_vs_national"]
    return fl[cols].sort_values([key, "lag_years", "place"]).reset_index(drop=True)
