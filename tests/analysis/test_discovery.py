"""Discovery of rising phrases: filters on small texts, and real slogans on the corpus."""

from __future__ import annotations

from tests.analysis.conftest import CorpusDoc
from tests.paths import requires_shared
from tracker.analysis.discovery import DiscoveryOptions, discover
from tracker.extract.rhetoric import RhetoricLexicon

SMALL = DiscoveryOptions(min_count=3, min_spread=2, min_log_ratio=1.0, top=20)


def _docs(*texts: str) -> list[str]:
    return list(texts)


def test_finds_a_new_phrase_and_keeps_the_longest_form() -> None:
    before = _docs("今年经济运行总体平稳。" * 3, "推动产业发展。" * 3)
    after = _docs("推动经济回升向好。经济回升向好态势明显。" * 2, "确保经济回升向好。" * 2)
    out = discover(before, after, None, SMALL)
    grams = list(out["ngram"])
    # 回升向好 (and 经济回升向好) rose from nothing; its pieces 回升, 向好, 升向 are fragments of it.
    assert any("回升向好" in g for g in grams)
    assert "回升" not in grams and "向好" not in grams and "升向" not in grams
    top = out.iloc[0]
    assert top["count_before"] == 0 and top["g2"] > 0


def test_drops_numbers_latin_punctuation_and_lexicon_terms() -> None:
    lex = RhetoricLexicon.from_rows([("新质生产力", "新质生产力")])
    before = _docs("二〇一九年工作回顾。" + "一般性表述。" * 30, "一般性表述。" * 30)
    after = _docs(
        "加快形成新质生产力，GDP增长5%，二〇二四年，产业焕新。" * 3,
        "加快形成新质生产力，GDP增长5%。二〇二四年。产业焕新。" * 3,
    )
    out = discover(before, after, lex, SMALL)
    grams = set(out["ngram"])
    assert {"加快形成", "产业焕新"} <= grams, grams
    for gram in grams:
        assert not any(ch.isascii() for ch in gram), gram
        assert "〇" not in gram and gram not in {"二四", "二四年", "四年"}, gram  # a date
        assert gram not in "新质生产力" and "新质生产力" not in gram, gram
        assert "生产" not in gram and "形成新" not in gram, gram  # never into or across a term


def test_spread_counts_places_not_documents() -> None:
    before = [("甲市", "一般表述。"), ("乙市", "一般表述。")]
    one_city = [("甲市", "建设海上花园城市。" * 5), ("甲市", "海上花园城市品质提升。" * 5)]
    out = discover(before, one_city, None, SMALL)
    assert out.empty  # five hits in two documents, but a single place: not a national slogan


@requires_shared
def test_discovery_on_corpus_surfaces_real_slogans(
    corpus_docs: list[CorpusDoc], lexicon: RhetoricLexicon
) -> None:
    before = [(d.place, d.text) for d in corpus_docs if d.year in (2019, 2020)]
    after = [(d.place, d.text) for d in corpus_docs if d.year in (2023, 2024)]
    out = discover(before, after, lexicon, DiscoveryOptions(top=40))
    grams = set(out["ngram"])
    # Slogans of 2023–2024 that the lexicon does not have (yet): economic "recovering and improving",
    # the "chain leader" enterprise of the industrial-chain chief system, the 20th Congress formula
    # "effective improvement in quality and reasonable growth in quantity", "high-level security",
    # "new tracks", "innovation consortia", "youth-development-oriented city".
    expected = {
        "回升向好",
        "链主",
        "实现质的有效提升和量的合理增长",
        "高水平安全",
        "新赛道",
        "创新联合体",
        "青年发展型城市",
    }
    found = expected & grams
    assert len(found) >= 5, (found, sorted(grams))
    assert not grams & set(lexicon.terms)
    assert (out["g2"] > 0).all() and (out["log_ratio"] >= 2).all()
    assert (out["spread_after"] >= 5).all()
