"""A raw text as pieces of its clean text: always exactly the raw text back, and compact on real text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tracker.corpus.clean import clean_text
from tracker.corpus.decode import decode_bytes
from tracker.corpus.frontmatter import split_front_matter
from tracker.corpus.prepare import prepare_bytes
from tracker.corpus.raw_pieces import literal_chars, raw_pieces, rebuild

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "work-reports"


def _check(raw: str, clean: str) -> list:  # type: ignore[type-arg]
    pieces = raw_pieces(raw, clean)
    assert rebuild(pieces, clean) == raw
    for piece in pieces:
        if not isinstance(piece, str):
            start, length = piece
            assert 0 <= start and length > 0 and start + length <= len(clean)
    return pieces


def test_literal_chars_counts_what_the_pieces_hold_themselves() -> None:
    # What ingest counts, beside the clean text, towards a batch's size (tracker.corpus.ingest).
    assert literal_chars(["---\n", (0, 40), "\u3000\u3000𠀀", (41, 7)]) == 4 + 3
    assert literal_chars([(0, 100)]) == 0
    assert literal_chars([]) == 0


def test_what_cleaning_left_alone_is_referred_to_and_what_it_changed_is_kept() -> None:
    folded = "\u3000\u3000地区生产总值增长５．５％左右，城镇新增就业12万人以上。"
    plain = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。"
    body = "\n".join(folded if i % 4 == 0 else plain for i in range(40))
    closing = "结束语：团结奋斗，𠀀𪚥e\u0301，奋力谱写中国式现代化的新篇章，为全面建成社会主义现代化强国作出新贡献。"
    raw = f"---\nsource: https://example.gov.cn/art/2024/1/2/\n---\n\n{body}\n\n\n\n{closing}\n"
    clean = clean_text(split_front_matter(raw)[1]).text
    assert clean != raw and "5.5%" in clean and "\u3000" not in clean
    pieces = _check(raw, clean)
    # The front matter and the lines whose ５．５％ was folded stay literal, with the line ends
    # around them; the lines cleaning left alone, astral and combining characters included, are
    # references, and the blank lines it closed up are literal.
    assert pieces[0].startswith("---\nsource:")
    referred = "".join(clean[p[0]:p[0] + p[1]] for p in pieces if not isinstance(p, str))
    assert referred.count(plain) == 30 and closing in referred and "5.5%" not in referred
    assert literal_chars(pieces) < len(raw) / 3


def test_a_text_cleaning_did_not_change_is_one_reference() -> None:
    assert raw_pieces("全市生产总值增长6%。", "全市生产总值增长6%。") == [(0, len("全市生产总值增长6%。"))]
    assert raw_pieces("", "") == [] and rebuild([], "") == ""
    assert _check("\n\n", "") == ["\n\n"]


def test_indented_lines_are_references_with_their_indentation_kept() -> None:
    # Paragraphs, as in a report; a line shorter than a stored row is worth stays literal.
    lines = [f"    第{i}项工作，推动高质量发展取得新成效，新质生产力加快培育，营商环境持续优化。  " for i in range(30)]
    lines.append("  短行。")
    raw = "\n".join(lines) + "\n"
    clean = "\n".join(line.strip() for line in lines)
    pieces = _check(raw, clean)
    # Only the spaces around each paragraph, the line ends (a reference stops at its line's end)
    # and the short line are kept.
    assert literal_chars(pieces) == sum(len(line) - len(line.strip()) + 1 for line in lines[:-1]) + len(lines[-1]) + 1


def test_a_converted_text_is_kept_whole() -> None:
    raw = "各位代表：\n地區生產總值增長5.5%左右，城鎮新增就業12萬人以上。\n"
    clean = clean_text(raw).text
    assert clean != raw
    pieces = _check(raw, clean)
    assert literal_chars(pieces) >= len("地區生產總值增長5.5%左右，城鎮新增就業12萬人以上。")


@pytest.mark.parametrize("seed", range(300))
def test_any_edit_of_any_text_gives_the_raw_text_back(seed: int) -> None:
    """Random texts of repeating lines, edited the ways cleaning edits (and some it does not)."""
    rng = random.Random(seed)
    words = ["增长5%", "\u3000\u3000", "一、", "", "  ", "坚持", "𠀀", "e\u0301", "\r", "。", "(jí)", "地区生产总值"]
    lines = ["".join(rng.choices(words, k=rng.randint(0, 6))) for _ in range(rng.randint(0, 30))]
    raw = "\n".join(lines) + rng.choice(["", "\n", "\n\n"])
    edited = []
    for line in lines:
        roll = rng.random()
        if roll < 0.15:
            continue  # a line removed (chrome, blank lines)
        if roll < 0.3:
            line = line.strip(" \u3000")
        elif roll < 0.4:
            line = line.replace("5", "５")
        elif roll < 0.45:
            edited.append("新加的一行")
        edited.append(line)
    clean = "\n".join(edited).strip("\n") if rng.random() < 0.8 else rng.choice(["", "完全不同的文字", raw])
    _check(raw, clean)


def test_the_seeds_come_back_exactly() -> None:
    files = sorted(SEEDS.glob("*/*.txt"))
    assert len(files) == 5
    for path in files:
        data = path.read_bytes()
        doc = prepare_bytes(data, path.name, require_date=False)
        assert doc.raw_text == decode_bytes(data).text  # the pieces a document keeps give its text as decoded


def test_the_corpus_raw_texts_take_a_twentieth_of_their_characters() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"../shared corpus not found at {CORPUS}: the corpus tests read data kept beside the project")

    raw_chars = literal = 0
    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix != ".csv"]
    assert len(files) > 400
    for path in files:
        raw = decode_bytes(path.read_bytes()).text
        clean = clean_text(split_front_matter(raw)[1]).text
        pieces = _check(raw, clean)
        raw_chars += len(raw)
        literal += literal_chars(pieces)
    assert literal / raw_chars < 0.06  # 4.2% when written
