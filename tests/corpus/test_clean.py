"""Cleaning the messy seeds: pinyin, scripts, widths, chrome, quality flags."""

from __future__ import annotations

import re

from tests.paths import CORPUS, SEEDS, requires_shared
from tracker.corpus.clean import _script_evidence, clean_text, detect_script, fold_width, strip_pinyin
from tracker.corpus.quality import digits_missing, garbled_chars

WENZHOU = SEEDS / "2019" / "wenzhou-2019-industry-kaimenhong.txt"
MIDYEAR = SEEDS / "2020" / "xiamen-2020-07-27-midyear-review.txt"
INTERVIEW = SEEDS / "2020" / "xiamen-2020-09-03-interview-liuwen-liubao.txt"
QINGDAO = SEEDS / "2020" / "qingdao-west-coast-2020-07-29-first-half.txt"
REPORT = SEEDS / "2024" / "xiamen-2024-work-report.txt"


def clean(path):  # type: ignore[no-untyped-def]
    return clean_text(path.read_text(encoding="utf-8"))


def test_pinyin_after_characters_is_removed_but_real_parentheses_stay():  # type: ignore[no-untyped-def]
    assert strip_pinyin("溫州各級(jí)黨委") == "溫州各級黨委"
    assert strip_pinyin("工業(yè)用地（yè）") == "工業用地"
    assert strip_pinyin("各县(市、區)") == "各县(市、區)"
    assert strip_pinyin("收入(不含出口退稅)") == "收入(不含出口退稅)"
    assert strip_pinyin("生产总值(GDP)") == "生产总值(GDP)"


def test_pinyin_uncovered_by_a_removal_goes_too():  # type: ignore[no-untyped-def]
    # Found by the idempotence property: one pass left the second group, glued once the first went.
    assert strip_pinyin("㐀(u)(u)") == "㐀"
    assert strip_pinyin("重?fù)(fù)任") == "重?任"
    # ASCII and full-width parentheses are looked for by two patterns: a group of either kind
    # uncovered by removing one of the other goes too, and every removal is counted once.
    from tracker.corpus.clean import _strip_pinyin

    assert _strip_pinyin("字（zì）(zì)（zì）用") == ("字用", 3)
    assert _strip_pinyin("字(zì)（zì）(zì)用") == ("字用", 3)


def test_three_or_more_line_ends_become_one_blank_line():  # type: ignore[no-untyped-def]
    assert clean_text("第一段\n\n\n\n第二段\n \n\u3000\n第三段\n\n第四段").text == "第一段\n\n第二段\n\n第三段\n\n第四段"


def test_wenzhou_seed_becomes_clean_simplified_text():  # type: ignore[no-untyped-def]
    cleaned = clean(WENZHOU)
    assert cleaned.original_script == "traditional"
    assert "确保新增工业用地1万亩以上" in cleaned.text
    assert "(jí)" not in cleaned.text and "(yè)" not in cleaned.text
    assert not cleaned.text.startswith("|")
    assert not cleaned.text.rstrip().endswith("|")
    # A mis-decoded character swallowed its opening parenthesis: "重?fù)?dān)人" loses the pinyin too.
    assert "fù)" not in cleaned.text


def test_full_width_digits_and_signs_fold_but_chinese_punctuation_stays():  # type: ignore[no-untyped-def]
    assert fold_width("增长５．５％，６－６．５％；（预计）") == "增长5.5%，6-6.5%；（预计）"
    assert fold_width("①") == "①"  # NFKC would invent a digit 1 here


def test_forum_chrome_around_the_2024_report_is_removed():  # type: ignore[no-untyped-def]
    cleaned = clean(REPORT)
    assert cleaned.text.startswith("2024年厦门市政府工作报告")
    assert "2024年1月11日在厦门市第十六届人民代表大会第三次会议上" in cleaned.text
    assert cleaned.text.endswith("贡献厦门力量!")
    for chrome in ("签到天数", "Rank:", "145312", "Powered by", "您需要登录后才可以回帖", "本版积分规则", "发表于"):
        assert chrome not in cleaned.text
    assert cleaned.chrome_removed_chars > 200


def test_a_post_start_marker_trims_the_head_only_within_its_first_third():  # type: ignore[no-untyped-def]
    """Each marker word alone ends a forum header; one further down is body text and stays."""
    from tracker.corpus.chrome import Trimmed, remove_chrome

    body = [f"第{i}段：全市地区生产总值增长{i}.5%左右。" for i in range(90)]
    for marker in ("发表于 2024-3-27 20:37:53", "楼主| 只看该作者", "阅读模式", "显示全部楼层"):
        page = ["签到天数: 12 天", "积分", marker, *body]
        trimmed = remove_chrome("\n".join(page))
        assert trimmed.text == "\n".join(body), marker
        assert trimmed.removed_chars > 0
    late = [*body[:60], "只看该作者", *body[60:]]  # line 61 of 91: past max(60, 91 // 3)
    assert remove_chrome("\n".join(late)).text == "\n".join(late)
    # The word in running text is not a post start: nothing is trimmed.
    prose = ["本文发表于人民日报。", *body]
    assert remove_chrome("\n".join(prose)) == Trimmed("\n".join(prose), 0)


def test_garbled_characters_are_question_marks_among_cjk_and_replacement_characters():  # type: ignore[no-untyped-def]
    assert garbled_chars("地区生产总值增长5.5%左右。") == 0
    assert garbled_chars("Why? Because 5.5% is the target.") == 0
    assert garbled_chars("重?负担，增长\ufffd左右；?；") == 3


def test_unrelated_news_tail_is_removed():  # type: ignore[no-untyped-def]
    cleaned = clean(QINGDAO)
    assert "新闻推荐" not in cleaned.text
    assert "心脏" not in cleaned.text and "55岁" not in cleaned.text
    assert cleaned.text.endswith("周安说。")
    assert "城镇新增就业8.25万人" in cleaned.text


def test_quality_flags_on_the_seeds():  # type: ignore[no-untyped-def]
    assert digits_missing(clean(INTERVIEW).text)
    for path in (WENZHOU, MIDYEAR, QINGDAO, REPORT):
        assert not digits_missing(clean(path).text), path
    assert garbled_chars(clean(MIDYEAR).text) >= 2  # "?;久裆?"
    assert garbled_chars(clean(REPORT).text) == 0


def test_zero_width_marks_go_and_lone_surrogates_become_replacement_characters():  # type: ignore[no-untyped-def]
    # Both are looked for before the text is rewritten (most documents hold neither).
    cleaned = clean_text("地区生产\u200b总值增长\u00ad5.5%\ufeff左右\r\n城镇\ud83d新增就业\udc00万人")
    assert cleaned.text == "地区生产总值增长5.5%左右\n城镇\ufffd新增就业\ufffd万人"
    assert garbled_chars(cleaned.text) == 2
    plain = "地区生产总值增长5.5%左右\n城镇新增就业12万人"
    assert clean_text(plain).text == plain


def test_digits_are_missing_only_without_arabic_digits_and_with_holes():  # type: ignore[no-untyped-def]
    assert digits_missing("同比增长月至月，总投资亿元，新增就业万人。")
    # Digits in a timestamp above the article are page furniture, not its numbers.
    assert digits_missing("2020/09/03 08:57\n同比增长月至月，总投资亿元，新增就业万人。")
    assert not digits_missing("同比增长3月至5月，总投资亿元，新增就业万人。")
    # Full-width digits are folded by cleaning before this is asked; unfolded they are no 0-9.
    assert digits_missing("同比增长月至月，总投资２亿元，新增就业万人。")
    assert not digits_missing("地区生产总值" + "增长5.5%，" * 41)


def test_cleaning_is_idempotent_on_every_seed():  # type: ignore[no-untyped-def]
    for path in sorted(SEEDS.glob("20*/*.txt")):
        once = clean(path).text
        assert clean_text(once).text == once, path


def test_simplified_text_keeps_the_characters_it_was_written_in():  # type: ignore[no-untyped-def]
    # t2s over Simplified text turns 显著 into 显着, 昇腾 into 升腾, 丘濬 into 丘浚 and 覆盖 into 复盖
    # in some phrases: real cases from the corpus, none of which belongs in a quote.
    written = "经济显著增长，5G网络全覆盖，推动华为昇腾芯片生态，三贤指丘濬、海瑞，莞城鰜鱼洲文创。"
    cleaned = clean_text(written)
    assert (cleaned.text, cleaned.original_script) == (written, "simplified")


def test_a_few_stray_traditional_characters_leave_a_simplified_page_as_written():  # type: ignore[no-untyped-def]
    written = "把党的领导貫穿政府工作全过程，中環万象城开业，" + "推动高质量发展，" * 20
    assert clean_text(written).text == written
    assert clean_text(written).original_script == "simplified"


def test_traditional_text_is_converted_by_phrase():  # type: ignore[no-untyped-def]
    cleaned = clean_text("經濟顯著增長，著力推動高質量發展。")
    assert (cleaned.text, cleaned.original_script) == ("经济显著增长，着力推动高质量发展。", "traditional")


def test_a_traditional_paragraph_quoted_in_a_simplified_page_is_converted_alone():  # type: ignore[no-untyped-def]
    page = ("厦门市经济社会发展显著进步，推动高质量发展。\n"
            "報告指出：全年地區生產總值增長5.5%左右，著力推動產業升級。\n"
            "显著\n"  # no evidence either way: follows the (Simplified) page
            "城镇新增就业显著增加12万人。")
    assert clean_text(page).text == (
        "厦门市经济社会发展显著进步，推动高质量发展。\n"
        "报告指出：全年地区生产总值增长5.5%左右，着力推动产业升级。\n"
        "显著\n"
        "城镇新增就业显著增加12万人。")
    assert clean_text(page).original_script == "simplified"


def test_a_line_without_evidence_in_a_traditional_document_is_converted_too():  # type: ignore[no-untyped-def]
    cleaned = clean_text("經濟發展穩中向好，各項指標顯著改善。\n著力\n")
    assert (cleaned.text, cleaned.original_script) == ("经济发展稳中向好，各项指标显著改善。\n着力", "traditional")


def test_script_evidence_comes_from_characters_only_one_national_charset_has():  # type: ignore[no-untyped-def]
    evidence = _script_evidence()
    assert all(evidence[ord(c)] == 1 for c in "們發經濟環貫")  # Big5 only
    assert all(evidence[ord(c)] == -1 for c in "们发经济环贯")  # GB 2312 only
    # t2s converts these, yet they are ordinary Simplified characters as well: no evidence either way;
    # nor are shared characters, or the pinyin letters GB 2312 also holds.
    assert not any(evidence[ord(c)] for c in "著乾沈於覆的工èǎ")


def test_traditional_seeds_with_glued_pinyin_and_garbled_bytes_read_as_traditional():  # type: ignore[no-untyped-def]
    for path in (WENZHOU, MIDYEAR):
        assert detect_script(path.read_text(encoding="utf-8")) == "traditional", path
    for path in (INTERVIEW, QINGDAO, REPORT):
        assert detect_script(path.read_text(encoding="utf-8")) == "simplified", path


@requires_shared
def test_cleaning_a_simplified_corpus_report_never_changes_its_characters():  # type: ignore[no-untyped-def]
    cjk = re.compile("[\u3400-\u9fff]")
    for path in sorted(CORPUS.glob("*/*.md")):
        raw = path.read_text(encoding="utf-8")
        cleaned = clean_text(raw)
        assert cleaned.original_script == "simplified", path
        invented = set(cjk.findall(cleaned.text)) - set(cjk.findall(raw))
        assert not invented, (path, sorted(invented))
