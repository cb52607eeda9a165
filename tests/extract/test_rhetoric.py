"""Rhetoric counting: hand counts, the leftmost-longest rule, the lexicon file, seeds and speed."""

from __future__ import annotations

import csv
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import CORPUS, REFERENCE, SEEDS, requires_shared
from tracker.extract.rhetoric import (
    CATEGORIES,
    RhetoricLexicon,
    concept_counts,
    count_terms,
    count_with_rates,
    rate_per_10k,
    text_chars,
)

TERMS_CSV = REFERENCE / "terms.csv"


@pytest.fixture(scope="module")
def lexicon() -> RhetoricLexicon:
    return RhetoricLexicon.from_csv(TERMS_CSV)


# 厦门市 2021 work report (../shared/corpus/work-reports/厦门市/2021.md), opening paragraph of the
# review of 2020 — the Xiamen text that has both 六稳 and 六保 (the January 2020 report predates
# 六保, which the Politburo coined in April 2020). Copied here so the test runs without ../shared.
XIAMEN_2020_REVIEW = (
    "2020年是厦门发展极不平凡的一年。面对严峻复杂的外部形势、艰巨繁重的改革发展稳定任务特别是"
    "新冠肺炎疫情的严重冲击，我们坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的"
    "十九大和十九届二中、三中、四中、五中全会精神，全面贯彻落实习近平总书记对福建、厦门工作的重要"
    "讲话重要指示批示精神，在市委的正确领导下，统筹推进疫情防控和经济社会发展，扎实做好“六稳”"
    "工作，全面落实“六保”任务，坚定“抓招商促发展、抓项目增后劲”，经济运行持续回稳、稳中向好，"
    "社会大局保持稳定安定。全市地区生产总值增长5.7%；固定资产投资增长8.8%；财政总收入、地方级"
    "财政收入分别增长1.7%和2%；全体居民人均可支配收入稳步增长；居民消费价格涨幅2.5%；完成年度"
    "节能减排任务。"
)


def test_hand_count_xiamen_paragraph(lexicon: RhetoricLexicon) -> None:
    # Read by hand, left to right, against seeds/reference/terms.csv:
    #   新冠肺炎疫情 (…特别是新冠肺炎疫情的严重冲击: followed by 的, so not 新冠肺炎疫情冲击)   1
    #   习近平新时代中国特色社会主义思想                                                1
    #   党的十九大 (贯彻党的十九大和十九届…)                                           1
    #   统筹推进疫情防控和经济社会发展 — one hit; the 疫情防控 inside it is NOT counted     1
    #   六稳 (“六稳”工作)                                                              1
    #   六保 (“六保”任务)                                                              1
    # Not terms: 稳中向好, 改革发展稳定, 抓招商促发展; 节能减排 was dropped from the lexicon
    # as generic. 习近平总书记 is not a term either.
    assert count_terms(XIAMEN_2020_REVIEW, lexicon) == {
        "新冠肺炎疫情": 1,
        "习近平新时代中国特色社会主义思想": 1,
        "党的十九大": 1,
        "统筹推进疫情防控和经济社会发展": 1,
        "六稳": 1,
        "六保": 1,
    }


def test_hand_count_seed_interview(lexicon: RhetoricLexicon) -> None:
    """The same on a seed document (already simplified; its source stripped most punctuation)."""
    seed = (SEEDS / "2020" / "xiamen-2020-09-03-interview-liuwen-liubao.txt").read_text("utf-8")
    opening = seed.splitlines()[2].split("。")[0]
    assert opening.startswith("落实六稳六保建两高两化城市专访")
    # 落实|六稳|六保|建两高两化城市专访…面对|新冠肺炎疫情|严重冲击，|统筹推进疫情防控和经济社会发展|
    # → 六稳 1, 六保 1 (adjacent, no separator: two hits), 新冠肺炎疫情 1 (then 严重, so not
    # 新冠肺炎疫情冲击), 统筹推进疫情防控和经济社会发展 1.
    counts = count_terms(opening, lexicon)
    assert counts == {
        "六稳": 1,
        "六保": 1,
        "新冠肺炎疫情": 1,
        "统筹推进疫情防控和经济社会发展": 1,
    }
    assert concept_counts(counts, lexicon) == {
        "六稳": 1,
        "六保": 1,
        "新冠疫情": 1,
        "统筹疫情防控和经济社会发展": 1,
    }


def test_longest_phrase_wins() -> None:
    lex = RhetoricLexicon.from_rows([("疫情防控", "疫情防控"), ("常态化疫情防控", "常态化疫情防控")])
    text = "坚持常态化疫情防控，确保疫情防控有力。"
    # 常态化疫情防控 once (the nested 疫情防控 is not also counted), then a free-standing 疫情防控.
    assert count_terms(text, lex) == {"常态化疫情防控": 1, "疫情防控": 1}
    spans = [(m.start, m.end, m.term) for m in lex.iter_matches(text)]
    assert spans == [(2, 9, "常态化疫情防控"), (12, 16, "疫情防控")]
    assert all(text[s:e] == t for s, e, t in spans)


def test_leftmost_wins_over_a_longer_overlapping_term() -> None:
    # Documented trade-off: matches do not overlap and the leftmost start wins, so in 新冠疫情防控
    # the 新冠疫情 starting first takes the shared 疫情, and 疫情防控 is not counted. The lexicon
    # therefore lists 新冠疫情防控 as a variant of 疫情防控 (see terms.csv notes).
    lex = RhetoricLexicon.from_rows([("新冠疫情", "新冠疫情"), ("疫情防控", "疫情防控")])
    assert count_terms("新冠疫情防控", lex) == {"新冠疫情": 1}
    lex2 = RhetoricLexicon.from_rows(
        [("新冠疫情", "新冠疫情"), ("疫情防控", "疫情防控"), ("新冠疫情防控", "疫情防控")]
    )
    assert concept_counts(count_terms("新冠疫情防控", lex2), lex2) == {"疫情防控": 1}


def _brute_force_spans(text: str, terms: list[str]) -> list[tuple[int, int, str]]:
    """Leftmost-longest by definition: at each position the longest term starting there, if any."""
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(text):
        hit = max((t for t in terms if text.startswith(t, i)), key=len, default=None)
        if hit:
            spans.append((i, i + len(hit), hit))
            i += len(hit)
        else:
            i += 1
    return spans


def test_no_match_lost_after_failed_longer_attempt() -> None:
    # pyahocorasick's iter_long drops the 'a' here (a prefix of cbab was followed, then failed).
    lex = RhetoricLexicon.from_rows([("cbab", "x"), ("a", "y"), ("caa", "z")])
    text = "bbbdabdcaacabcaddcddbcbabdddac"
    assert count_terms(text, lex) == {"a": 4, "caa": 1, "cbab": 1}
    assert [(m.start, m.end, m.term) for m in lex.iter_matches(text)] == _brute_force_spans(
        text, ["cbab", "a", "caa"]
    )


@settings(max_examples=300, deadline=None)
@given(
    terms=st.lists(st.text(alphabet="ab中稳", min_size=1, max_size=4), min_size=1, max_size=6, unique=True),
    text=st.text(alphabet="ab中稳x\U0001f600", max_size=40),
)
def test_matches_equal_the_brute_force_reference(terms: list[str], text: str) -> None:
    # Small alphabets force nested, overlapping and failed-longer-prefix cases; the emoji checks
    # that offsets are characters, not UTF-8 bytes.
    lex = RhetoricLexicon.from_rows([(t, t) for t in terms])
    expected = _brute_force_spans(text, terms)
    assert [(m.start, m.end, m.term) for m in lex.iter_matches(text)] == expected
    assert lex.matched_terms(text) == [t for _, _, t in expected]


def test_lone_surrogates_are_counted_around_not_fatal() -> None:
    # Bytes decoded with surrogateescape leave lone surrogates, which cannot cross into Rust as UTF-8.
    lex = RhetoricLexicon.from_rows([("六稳", "六稳")])
    text = "\udc80六稳\ud800六稳"
    assert count_terms(text, lex) == {"六稳": 2}
    assert [(m.start, m.end) for m in lex.iter_matches(text)] == [(1, 3), (4, 6)]


def test_adjacent_and_repeated_terms() -> None:
    lex = RhetoricLexicon.from_rows([("六稳", "六稳"), ("六保", "六保")])
    assert count_terms("六稳六保六稳", lex) == {"六稳": 2, "六保": 1}
    assert count_terms("", lex) == {}
    assert count_terms("没有口号的句子", lex) == {}


def test_rates() -> None:
    assert rate_per_10k(3, 20_000) == pytest.approx(1.5)
    assert rate_per_10k(0, 500) == 0.0
    assert rate_per_10k(5, 0) == 0.0  # empty document: no rate, no ZeroDivisionError
    lex = RhetoricLexicon.from_rows([("六稳", "六稳")])
    text = "六稳" + "。" * 998  # 1,000 characters, one hit → 10 per 10k
    assert text_chars(text) == 1000
    assert count_with_rates(text, lex) == {"六稳": (1, pytest.approx(10.0))}


def test_from_rows_rejects_duplicates_and_empties() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        RhetoricLexicon.from_rows([("六稳", "六稳"), ("六稳", "六保")])
    with pytest.raises(ValueError, match="empty"):
        RhetoricLexicon.from_rows([(" ", "x")])
    with pytest.raises(ValueError, match="empty"):
        RhetoricLexicon.from_rows([])


def test_from_csv_rejects_unknown_category(tmp_path: Path) -> None:
    bad = tmp_path / "terms.csv"
    bad.write_text("term,concept,category,first_national_use,note\n六稳,六稳,slogans,,\n", "utf-8")
    with pytest.raises(ValueError, match="unknown category"):
        RhetoricLexicon.from_csv(bad)


def test_lexicon_pickles_for_worker_processes(lexicon: RhetoricLexicon) -> None:
    # Ingest sends the lexicon to worker processes; the automaton is rebuilt on arrival.
    clone = pickle.loads(pickle.dumps(lexicon))
    assert count_terms(XIAMEN_2020_REVIEW, clone) == count_terms(XIAMEN_2020_REVIEW, lexicon)


def test_terms_csv_is_well_formed(lexicon: RhetoricLexicon) -> None:
    raw = TERMS_CSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "terms.csv must be UTF-8 without BOM"
    with TERMS_CSV.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["term", "concept", "category", "first_national_use", "note"]
        rows = list(reader)
    assert 100 <= len(rows) <= 400
    assert len({r["term"] for r in rows}) == len(rows)
    for r in rows:
        assert r["category"] in CATEGORIES, r
        assert r["concept"], r
        year = r["first_national_use"]
        assert year == "" or 1949 <= int(year) <= 2026, r
        # Too-short terms match inside unrelated words; the one 2-character exception class is
        # the abbreviations the corpus really uses on their own (六稳, 六保, 双碳, 三农, 棚改…).
        assert len(r["term"]) >= 2, r
    concepts: dict[str, set[str]] = {}
    for r in rows:
        concepts.setdefault(r["concept"], set()).add(r["term"])
    assert concepts["六稳"] == {"六稳", "稳就业", "稳金融", "稳外贸", "稳外资", "稳投资", "稳预期"}
    assert concepts["六保"] == {
        "六保",
        "保居民就业",
        "保基本民生",
        "保市场主体",
        "保粮食能源安全",
        "保产业链供应链稳定",
        "保基层运转",
    }
    first = {r["term"]: r["first_national_use"] for r in rows}
    assert first["新质生产力"] == "2023"
    assert first["六保"] == "2020"
    assert first["六稳"] == "2018"
    assert first["高质量发展"] == "2017"
    # Traditional forms would never match clean (simplified) text.
    assert not re.search("[穩質營體變產發區國險]", "".join(first)), "traditional characters"
    assert len(lexicon) == len(rows)


def test_seeds_rhetoric_belongs_to_its_year(lexicon: RhetoricLexicon) -> None:
    """六稳/六保 are in the 2020 seeds and not 2024; 新质生产力 in 2024 and not 2020.

    The seeds are raw (some Traditional, forum chrome); OpenCC t2s stands in for the cleaner here,
    which is enough for these terms.
    """
    opencc = pytest.importorskip("opencc_pyo3")
    t2s = opencc.OpenCC("t2s")
    by_year: dict[str, dict[str, int]] = {}
    for path in sorted(SEEDS.glob("20*/*.txt")):
        counts = concept_counts(count_terms(t2s.convert(path.read_text("utf-8")), lexicon), lexicon)
        year = path.parent.name
        for concept, n in counts.items():
            by_year.setdefault(year, {}).setdefault(concept, 0)
            by_year[year][concept] += n
    assert by_year["2020"].get("六稳", 0) >= 3 and by_year["2020"].get("六保", 0) >= 3
    assert by_year["2024"].get("新质生产力", 0) >= 1
    assert by_year["2020"].get("新质生产力", 0) == 0
    assert by_year["2024"].get("六保", 0) == 0
    # 六稳 as a concept includes 稳就业, which the 2024 report uses on its own: the slogan itself
    # (the term 六稳) is what belongs to 2020.
    seed_2024 = t2s.convert((SEEDS / "2024" / "xiamen-2024-work-report.txt").read_text("utf-8"))
    assert "六稳" not in count_terms(seed_2024, lexicon)

