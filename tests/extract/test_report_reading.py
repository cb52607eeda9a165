"""Work-report reading beyond the dev gold: zones, December deliveries, lists and comparators.

Every snippet is taken from a real report (the file is named in the test's docstring) and the
assertions give the values a reader would write down, so a regression shows up as a wrong number.
"""

from __future__ import annotations

import datetime as dt

from tests.extract._support import run
from tracker.extract import Commitment
from tracker.extract.periods import time_cues
from tracker.extract.zones import REVIEW, REVIEW_MULTI, delivered_year_before, zone_document

WR = "work_report"


def _report(text: str, year: int) -> list[Commitment]:
    return run(text, published=dt.date(year, 1, 1), doc_type=WR)


def _coded(out: list[Commitment]) -> list[tuple[object, ...]]:
    return [(c.metric_code, c.kind, c.period, c.change, c.value) for c in out if c.metric_code]


# --- growth written with its basis --------------------------------------------------------------


def test_comparable_price_growth_after_a_level() -> None:
    """南京市/2020: 可比价 sits between the level and the growth verb."""
    out = _report("一、2019年工作回顾\n\n“稳”的基础进一步夯实。预计全年完成地区生产总值14050亿元、可比价增长8%。\n", 2020)
    assert _coded(out) == [("gdp", "actual", "2019", "level", 14050.0), ("gdp", "actual", "2019", "growth", 8.0)]
    assert out[1].quote == "地区生产总值14050亿元、可比价增长8%" and out[1].note == "estimate"


def test_same_basis_growth_after_a_comma() -> None:
    """厦门市/2017: 同口径增长 opens its own clause and inherits the metric."""
    out = _report("一、2016年工作回顾\n\n其中，地方级财政收入647.9亿元，同口径增长8.6%；\n", 2017)
    assert _coded(out) == [
        ("budget_revenue_local", "actual", "2016", "level", 647.9),
        ("budget_revenue_local", "actual", "2016", "growth", 8.6),
    ]


def test_metric_with_the_basis_of_its_figure_before_the_list_comma() -> None:
    """呼和浩特市/2019: the condition 剔除…因素 belongs to 一般公共预算收入, not to the retail item."""
    out = _report(
        "今年经济社会发展主要预期目标是：社会消费品零售总额增长6.5%左右，"
        "一般公共预算收入剔除减税降费政策因素、同口径增长5%左右。",
        2019,
    )
    assert [(c.metric_code, c.value, c.qualifier) for c in out] == [
        ("retail_sales", 6.5, "左右"), ("budget_revenue_local", 5.0, "左右")]


def test_increase_to_a_dated_level_is_a_level() -> None:
    """兰州市/2022: 增加到2021年的3244亿元 is the 2021 level, not a growth of 3244."""
    out = _report(
        "一、过去五年工作回顾\n\n五年来，经济实力持续攀升。预计地区生产总值从2016年的2207.4亿元增加到2021年的3244亿元，年均增长5.5%。\n",
        2022,
    )
    c = next(c for c in out if c.value == 3244.0)
    assert (c.metric_code, c.kind, c.period, c.change, c.unit) == ("gdp", "actual", "2021", "level", "亿元")


# --- aliases and lists --------------------------------------------------------------------------


def test_local_revenue_short_alias_in_a_fenbie_pair() -> None:
    """厦门市/2016: 地方级收入 is local budget revenue."""
    out = _report("今年经济社会发展主要预期目标为:财政总收入和地方级收入分别增长8%和6.5%；外贸出口增长3%。", 2016)
    assert _coded(out) == [
        ("budget_revenue_total", "target", "2016", "growth", 8.0),
        ("budget_revenue_local", "target", "2016", "growth", 6.5),
        ("exports", "target", "2016", "growth", 3.0),
    ]


def test_urban_rural_pair_without_fenbie() -> None:
    """拉萨市/2025: two amounts after 城乡居民… are the urban and the rural figure."""
    out = _report("一、2024年工作回顾\n\n预计实现城乡居民人均可支配收入58125元、27511元，分别增长6%、10%。\n", 2025)
    assert _coded(out) == [
        ("disposable_income_urban", "actual", "2024", "level", 58125.0),
        ("disposable_income_rural", "actual", "2024", "level", 27511.0),
        ("disposable_income_urban", "actual", "2024", "growth", 6.0),
        ("disposable_income_rural", "actual", "2024", "growth", 10.0),
    ]


def test_share_of_gdp_is_not_the_revenue() -> None:
    """长沙市/2022: 地方一般公共预算收入占GDP比重达10% is a ratio, not revenue growth."""
    (c,) = _report("今年经济社会发展主要预期目标是：地方一般公共预算收入占GDP比重达10%。", 2022)
    assert (c.metric_code, c.value, c.unit) == (None, 10.0, "%")


# --- stretch and ranges -------------------------------------------------------------------------


def test_stretch_after_a_comma() -> None:
    """厦门市/2016: 增长8.5%，力争9% is one target with a stretch, not two targets."""
    out = _report("今年经济社会发展主要预期目标为:地区生产总值增长8.5%，力争9%；全社会固定资产投资增长18%，力争20%；", 2016)
    assert [(c.metric_code, c.value, c.stretch) for c in out] == [
        ("gdp", 8.5, 9.0), ("fixed_asset_investment", 18.0, 20.0)]
    assert out[0].quote == "地区生产总值增长8.5%，力争9%"


def test_stretch_after_a_comma_needs_a_larger_value() -> None:
    """A smaller figure after 力争 is not a stretch of the one before."""
    out = _report("今年经济社会发展主要预期目标是：地区生产总值增长8.5%，力争3%。", 2016)
    assert [c.stretch for c in out] == [None, None]


def test_dash_ranges() -> None:
    """厦门市/2025 5.0%-5.5% and 温州市/2026 5.5%—6% (em-dash)."""
    out = _report("今年经济社会发展的主要预期目标是：地区生产总值增长5.0%-5.5%，一般公共预算收入增长5.5%—6%。", 2025)
    assert [(c.value, c.value_low, c.value_high, c.qualifier) for c in out] == [(5.0, 5.0, 5.5, None), (5.5, 5.5, 6.0, None)]


def test_cumulative_price_rise_ceiling() -> None:
    """兰州市/2022: 居民消费价格累计上涨3%以内."""
    (c,) = _report("一、2021年工作回顾\n\n2021年，居民消费价格累计上涨3%以内。\n", 2022)
    assert (c.metric_code, c.kind, c.period, c.change, c.value, c.qualifier) == ("cpi", "actual", "2021", "growth", 3.0, "以内")


# --- value-less comparisons ---------------------------------------------------------------------


def test_jun_comparison_over_urban_rural() -> None:
    """厦门市/2016: 增幅均高于同期经济增速 → one urban and one rural comparison."""
    out = _report("一、2015年工作回顾\n\n2015年，城乡居民人均可支配收入增幅均高于同期经济增速；居民消费价格上涨1.7%。\n", 2016)
    assert [(c.metric_code, c.period, c.value, c.relation) for c in out] == [
        ("disposable_income_urban", "2015", None, "高于同期经济增速"),
        ("disposable_income_rural", "2015", None, "高于同期经济增速"),
        ("cpi", "2015", 1.7, None),
    ]


def test_annual_average_is_not_jun() -> None:
    """北京市/2021: 年均增速快于城镇居民 has 年均, not 均 over a list."""
    (c,) = _report("一、2020年工作回顾\n\n2020年，农村居民人均可支配收入年均增速快于城镇居民。\n", 2021)
    assert (c.metric_code, c.relation) == ("disposable_income_rural", "快于城镇居民")


def test_comparator_with_its_own_rate_word() -> None:
    """南京市/2020: 高于城镇居民增速 keeps 增速 in the relation."""
    (c,) = _report("今年经济社会发展的预期性指标主要是：农村居民人均可支配收入增速高于城镇居民增速；", 2020)
    assert (c.metric_code, c.kind, c.change, c.value, c.relation) == (
        "disposable_income_rural", "target", "growth", None, "高于城镇居民增速")


def test_ceilings_set_elsewhere() -> None:
    """南京市/2020: 控制在省定标准以内 (two rates, level) and 保持在省调控目标以内 (CPI, growth)."""
    out = _report(
        "今年经济社会发展的预期性指标主要是：城镇登记失业率、城镇调查失业率控制在省定标准以内；"
        "居民消费价格指数保持在省调控目标以内。",
        2020,
    )
    assert [(c.metric_code, c.subject, c.change, c.value, c.relation) for c in out] == [
        ("unemployment_rate", "城镇登记失业率", "level", None, "省定标准以内"),
        ("unemployment_rate", "城镇调查失业率", "level", None, "省定标准以内"),
        ("cpi", "居民消费价格指数", "growth", None, "省调控目标以内"),
    ]
    assert out[0].quote == "城镇登记失业率、城镇调查失业率控制在省定标准以内"


def test_plural_places_with_jun_stay_out() -> None:
    """各县地区生产总值增速均高于全市平均 is about the counties, not a metric of the city."""
    assert _report("一、2023年工作回顾\n\n2023年，各县地区生产总值增速均高于全市平均。\n", 2024) == []


# --- zones --------------------------------------------------------------------------------------


def test_heading_naming_last_year_first_opens_on_last_year() -> None:
    """厦门市/2017: 一、2016年和过去五年工作回顾 opens on the 2016 headline paragraph."""
    out = _report(
        "一、2016年和过去五年工作回顾\n\n我们深入贯彻…，较好完成全年目标任务。预计地区生产总值3737亿元，增长8%；"
        "城乡居民人均可支配收入增幅与经济增长基本同步；居民消费价格上涨1.7%。\n\n"
        "五年来，地区生产总值年均增长9%。\n",
        2017,
    )
    assert [(c.metric_code, c.period, c.change, c.value, c.relation, c.note) for c in out] == [
        ("gdp", "2016", "level", 3737.0, None, "estimate"),
        ("gdp", "2016", "growth", 8.0, None, "estimate"),
        ("disposable_income", "2016", "growth", None, "与经济增长基本同步", "estimate"),
        ("cpi", "2016", "growth", 1.7, None, "estimate"),
        ("gdp", "2012-2016", "growth", 9.0, None, None),
    ]


def test_heading_naming_the_five_years_first_opens_on_them() -> None:
    """成都市/2016: 一、“十二五”及2015年工作回顾 opens on the 十二五 review."""
    z = zone_document("一、“十二五”及2015年工作回顾\n\n“十二五”是不平凡的五年。\n\n刚刚过去的2015年，很好。\n", 2016, WR)
    assert z.at(30).name == REVIEW_MULTI
    assert z.at(50).name == REVIEW


def test_year_in_2015_heading_is_not_five_years() -> None:
    """The 5年 in 2015年 is a year: 三、2015年工作安排 plans 2015, not 2015-2019."""
    (c,) = _report("一、2014年工作回顾\n\n很好。\n\n三、2015年工作安排\n\n今年，城镇新增就业8万人。\n", 2015)
    assert (c.metric_code, c.kind, c.period) == ("new_urban_jobs", "target", "2015")


def test_byline_date_is_not_a_plan_heading() -> None:
    """银川市/2015: ——2015年1月28日在…会议上 is the by-line, not a 2015 plan heading."""
    out = _report(
        "**政府工作报告**\n——2015年1月28日在银川市第十四届人民代表大会第三次会议上\n\n**一、拼搏奋进，经济社会发展迈出新步伐**\n\n"
        "过去的一年，地区生产总值1395.67亿元，同比增长9.5%。\n\n**二、适应新常态**\n\n"
        "经济社会发展的主要预期目标是：地区生产总值增长10%左右。\n\n城镇新增就业6万人。\n",
        2015,
    )
    assert _coded(out) == [
        ("gdp", "actual", "2014", "level", 1395.67),
        ("gdp", "actual", "2014", "growth", 9.5),
        ("gdp", "target", "2015", "growth", 10.0),
        ("new_urban_jobs", "target", "2015", "level", 6.0),
    ]


def test_five_year_sentence_inside_a_review_paragraph() -> None:
    """南京市/2020: …五周年。五年来，… the rest of the paragraph reviews the term."""
    out = _report(
        "一、2019年工作回顾\n\n各位代表，时光如隙。2019年正是五周年。五年来，全体居民人均可支配收入达5.8万元，年均增长9%。\n",
        2020,
    )
    assert [(c.metric_code, c.period) for c in out] == [("disposable_income", "2015-2019"), ("disposable_income", "2015-2019")]


def test_term_since_lead_is_multi_year() -> None:
    """长沙市/2017: 2013年以来，… in a 2017 report reviews the term."""
    z = zone_document("一、本届政府及2016年工作回顾\n\n2013年以来，全市很好。\n\n2016年是收官之年。\n", 2017, WR)
    assert z.at(20).name == REVIEW_MULTI and z.at(35).name == REVIEW


def test_coming_plan_paragraph_in_review_is_a_target() -> None:
    """厦门市/2026: “十五五”时期是…关键时期 closing the review sets goals, not outcomes."""
    out = _report("一、2025年工作回顾\n\n五年来，很好。\n\n“十五五”时期是关键时期，地区生产总值年均增长5%左右。\n", 2026)
    assert [(c.metric_code, c.kind, c.period) for c in out] == [("gdp", "target", "2026-2030")]


# --- reports delivered in December ---------------------------------------------------------------

LANZHOU = (
    "——2021年12月21日在兰州市第十七届人民代表大会第一次会议上\n\n各位代表：\n\n**一、过去五年工作回顾**\n\n"
    "市十六届人大一次会议以来的五年，是极不平凡的五年。\n\n"
    "五年来，经济实力持续攀升。累计新增城镇就业45万人。\n\n"
    "即将过去的2021年，经济社会发展主要目标任务全面完成，预计地区生产总值增长7%；"
    "一般公共预算收入同口径增长7.7%；城乡居民人均可支配收入分别增长8%和10%；居民消费价格累计上涨3%以内。\n\n"
    "今年以来，城镇新增就业7.75万人。\n\n"
    "**三、2022年工作安排**\n\n经济社会发展主要预期目标是：地区生产总值增长7%。\n\n今年将继续为民兴办10件民生实事。\n"
)


def test_december_report_is_recognized() -> None:
    assert delivered_year_before(LANZHOU, 2022)
    assert not delivered_year_before(LANZHOU, 2021)
    assert delivered_year_before("各位代表：\n\n二、2025年工作安排\n\n明年发展的主要预期目标是：地区生产总值增长7.2%以上。", 2025)
    assert not delivered_year_before("——2020年1月9日在南京市十六届人大三次会议上\n\n各位代表：", 2020)


def test_december_report_reviews_the_current_year() -> None:
    """兰州市/2022 (delivered 21 December 2021): 即将过去的2021年 and 今年以来 are 2021."""
    out = _report(LANZHOU, 2022)
    got = [(c.metric_code, c.kind, c.period, c.value) for c in out if c.metric_code]
    assert got == [
        ("new_urban_jobs", "actual", "2017-2021", 45.0),
        ("gdp", "actual", "2021", 7.0),
        ("budget_revenue_local", "actual", "2021", 7.7),
        ("disposable_income_urban", "actual", "2021", 8.0),
        ("disposable_income_rural", "actual", "2021", 10.0),
        ("cpi", "actual", "2021", 3.0),
        ("new_urban_jobs", "actual", "2021", 7.75),
        ("gdp", "target", "2022", 7.0),
    ]
    (deeds,) = [c for c in out if c.metric_code is None]
    assert (deeds.kind, deeds.period, deeds.value) == ("target", "2022", 10.0)


def test_december_report_next_year_targets_are_the_report_year() -> None:
    """拉萨市/2025 (delivered 29 December 2024): 明年发展的主要预期目标 are 2025's."""
    out = _report(
        "2024年工作回顾\n\n2024年，地区生产总值915亿元、增长6.6%。\n\n2025年工作安排\n\n"
        "明年发展的主要预期目标是：地区生产总值增长7.2%以上，全社会固定资产投资增长18%以上。\n",
        2025,
    )
    assert _coded(out) == [
        ("gdp", "actual", "2024", "level", 915.0),
        ("gdp", "actual", "2024", "growth", 6.6),
        ("gdp", "target", "2025", "growth", 7.2),
        ("fixed_asset_investment", "target", "2025", "growth", 18.0),
    ]


def test_december_report_part_year_is_the_current_year() -> None:
    """青岛市/2023 (delivered 29 December 2022): 前三季度 in the review is 2022's."""
    out = _report(
        "——2022年12月29日在青岛市第十七届人民代表大会第二次会议上\n\n一、2022年工作回顾\n\n"
        "前三季度，全市生产总值实现11024亿元，同比增长4.1%。\n",
        2023,
    )
    assert [(c.period, c.value) for c in out] == [("2022-Q1-Q3", 11024.0), ("2022-Q1-Q3", 4.1)]


def test_december_published_date_moves_the_report_year() -> None:
    """A report dated 2021-12-21 is the 2022 report: review 2021, targets 2022."""
    out = run("一、2021年工作回顾\n\n2021年，地区生产总值增长7%。\n\n二、2022年工作安排\n\n主要预期目标是：地区生产总值增长7%。\n",
              published=dt.date(2021, 12, 21), doc_type=WR)
    assert [(c.kind, c.period) for c in out] == [("actual", "2021"), ("target", "2022")]


def test_time_cues_count_relative_words_from_the_year_of_writing() -> None:
    text = "今年以来，明年，去年，上半年，2021年"
    cues = {text[c.start:c.end]: c.period.label if c.period else None for c in time_cues(text, 2022, now=2021)}
    assert cues == {"今年": "2021", "明年": "2022", "去年": "2020", "上半年": "2021-H1", "2021年": "2021"}
    kinds = {text[c.start:c.end]: c.kind for c in time_cues(text, 2022, now=2021)}
    assert kinds["2021年"] == "actual"  # explicit years still compare with the report year


def test_review_zone_name_constant() -> None:
    assert zone_document("一、2023年工作回顾\n\n很好。\n", 2024, WR).at(12).name == REVIEW
