"""Commitment extraction on real snippets (EXTRACTION.md §3–§6, §8), asserting real values."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.extract._support import one, run

Y24 = dt.date(2024, 1, 1)


def test_growth_with_approx_hedge() -> None:
    c = one("今年的主要预期目标是：地区生产总值增长5.5%左右。")
    assert (c.metric_code, c.kind, c.period, c.change, c.value, c.unit) == ("gdp", "target", "2024", "growth", 5.5, "%")
    assert (c.qualifier, c.bound) == ("左右", "approx")
    assert c.period_start == dt.date(2024, 1, 1) and c.period_end == dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    ("text", "metric", "change", "value", "qualifier", "bound"),
    [
        ("固定资产投资增长10%以上", "fixed_asset_investment", "growth", 10, "以上", "min"),
        ("居民消费价格涨幅控制在3%左右", "cpi", "growth", 3, "左右", "approx"),
        ("城镇调查失业率5.5%以内", "unemployment_rate", "level", 5.5, "以内", "max"),
        ("全社会研发投入强度达3.3%", "rd_intensity", "level", 3.3, None, "exact"),
        ("居民消费价格下降0.6%", "cpi", "growth", -0.6, None, "exact"),
        ("总量超过1.36万亿元", None, "level", 1.36, "超过", "min"),
    ],
)
def test_single_items(text: str, metric: str | None, change: str, value: float, qualifier: str | None, bound: str) -> None:
    out = run(text)
    if metric is None:
        assert out == [] or out[0].value == value
        return
    (c,) = out
    assert (c.metric_code, c.change, c.value, c.qualifier, c.bound) == (metric, change, value, qualifier, bound)


def test_wan_ge_deliverable() -> None:
    c = one("新增学位4.1万个")
    assert (c.metric_code, c.subject, c.value, c.unit, c.value_base, c.unit_base) == (None, "新增学位", 4.1, "万个", 41000.0, "个")


def test_fenbie_pairs_in_order() -> None:
    a, b = run("一般公共预算总收入、地方一般公共预算收入分别增长5.6%和5.5%")
    assert (a.metric_code, a.value) == ("budget_revenue_total", 5.6)
    assert (b.metric_code, b.value) == ("budget_revenue_local", 5.5)
    assert a.quote == "一般公共预算总收入、地方一般公共预算收入分别增长5.6%和5.5%"


def test_jun_gives_same_value_to_each() -> None:
    a, b = run("一般公共预算总收入、地方一般公共预算收入均增长5.5%左右")
    assert [(c.metric_code, c.value, c.qualifier) for c in (a, b)] == [
        ("budget_revenue_total", 5.5, "左右"), ("budget_revenue_local", 5.5, "左右")]


def test_head_noun_distributes_back() -> None:
    out = run("工业、民间、技改投资分别增长15%、25%、30%")
    assert [(c.metric_code, c.subject, c.value) for c in out] == [
        ("industrial_investment", "工业投资", 15), ("private_investment", "民间投资", 25),
        ("technical_renovation_investment", "技改投资", 30)]


def test_prefix_distributes_forward() -> None:
    out = run("限额以上住宿业、餐饮业营业额分别增长33.1%和22.5%")
    assert [(c.subject, c.value) for c in out] == [("限额以上住宿业营业额", 33.1), ("限额以上餐饮业营业额", 22.5)]


def test_counts_that_do_not_pair_emit_nothing() -> None:
    assert run("城乡居民人均可支配收入分别增长9.8%、10.5%和3%") == []
    assert run("增速分别高于全国、全省0.7和0.6个百分点") == []


def test_urban_rural_pair_and_own_hedges() -> None:
    a, b = run("城乡居民人均可支配收入分别增长6%以上、7%以上")
    assert [(c.metric_code, c.value, c.qualifier) for c in (a, b)] == [
        ("disposable_income_urban", 6, "以上"), ("disposable_income_rural", 7, "以上")]
    x, y = run("二氧化硫、氮氧化物排放要分别减少3%左右和5%左右")
    assert [(c.value, c.qualifier) for c in (x, y)] == [(-3, "左右"), (-5, "左右")]


def test_single_trailing_hedge_applies_to_all() -> None:
    a, b = run("财政总收入和地方级财政收入分别增长5%和3.5%左右")
    assert [(c.metric_code, c.value, c.qualifier) for c in (a, b)] == [
        ("budget_revenue_total", 5, "左右"), ("budget_revenue_local", 3.5, "左右")]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("地区生产总值增长6%—6.5%", 6, 6.5), ("地区生产总值增长6-6.5％", 6, 6.5), ("国内生产总值增长6.5%－7%", 6.5, 7)],
)
def test_ranges(text: str, low: float, high: float) -> None:
    c = one(text)
    assert (c.metric_code, c.value, c.value_low, c.value_high, c.bound, c.qualifier) == ("gdp", low, low, high, "range", None)
    assert c.value_low <= c.value_high


def test_stretch() -> None:
    c = one("地区生产总值增长6.5%以上、力争7%")
    assert (c.value, c.qualifier, c.bound, c.stretch) == (6.5, "以上", "min", 7)


def test_points_and_multiples() -> None:
    a, b = run("赤字率拟按4%左右安排、比上年提高1个百分点", published=dt.date(2025, 3, 5))
    assert (a.change, a.value, a.qualifier) == ("level", 4, "左右")
    assert (b.change, b.value, b.unit) == ("points", 1, "个百分点")
    c = one("新能源汽车、锂电池、光伏产品“新三样”出口额增长1.7倍")
    assert (c.change, c.value, c.unit, c.metric_code) == ("growth", 1.7, "倍", None)


def test_flat_is_a_relation_without_value() -> None:
    c = one("规模以上工业增加值与上年持平。")
    assert (c.metric_code, c.change, c.value, c.relation) == ("industrial_value_added", "growth", None, "与上年持平")


@pytest.mark.parametrize(
    ("text", "metric", "relation"),
    [("外贸进出口总额增速高于全省。", "foreign_trade", "高于全省"),
     ("全体居民人均可支配收入与经济增长保持同步。", "disposable_income", "与经济增长保持同步")],
)
def test_value_less_relations(text: str, metric: str, relation: str) -> None:
    c = one(text)
    assert (c.metric_code, c.value, c.unit, c.relation) == (metric, None, None, relation)


def test_margin_over_comparator() -> None:
    c = one("农村居民人均可支配收入增速高于城镇1.2个百分点")
    assert (c.metric_code, c.change, c.value, c.unit, c.relation) == (
        "disposable_income_rural", "growth", 1.2, "个百分点", "高于城镇")


def test_strength_words() -> None:
    c = one("确保新增工业用地1万亩以上", published=dt.date(2019, 2, 1))
    assert (c.metric_code, c.subject, c.value, c.unit, c.value_base, c.bound, c.strength, c.strength_word) == (
        "industrial_land", "新增工业用地", 1, "万亩", 10000.0, "min", "binding", "确保")
    assert one("力争实际使用外资增长5%").strength == "aspirational"


def test_deliverables_keep_subject_without_metric() -> None:
    a, b = run("建成38个中小学幼儿园项目，新增普惠托位超2000个")
    assert (a.metric_code, a.subject, a.value) == (None, "中小学幼儿园项目", 38)
    assert (b.metric_code, b.subject, b.value, b.qualifier, b.bound) == (None, "新增普惠托位", 2000, "超", "min")


def test_threshold_is_not_the_value() -> None:
    c = one("20亿元以上单体制造业项目5个")
    assert (c.value, c.unit) == (5, "个")


def test_news_half_year_estimate() -> None:
    c = one("按照预计,上半年新区固定资产投资增长8%左右。", published=dt.date(2020, 7, 29))
    assert (c.metric_code, c.kind, c.period, c.note, c.value) == ("fixed_asset_investment", "actual", "2020-H1", "estimate", 8)
    assert (c.period_start, c.period_end) == (dt.date(2020, 1, 1), dt.date(2020, 6, 30))


def test_news_quoted_goal_is_target() -> None:
    out = run("上半年,西海岸新区把“投资增长25%”的奋斗目标,分解落实到项目上。", published=dt.date(2020, 7, 29))
    (c,) = [c for c in out if c.value == 25]
    assert (c.kind, c.period, c.subject) == ("target", "2020", "投资")


def test_deadline_target() -> None:
    out = run("要求3月底解决90%以上,6月底前全部解决。", published=dt.date(2019, 2, 20))
    (c,) = [c for c in out if c.value == 90]
    assert (c.kind, c.period, c.bound, c.period_end) == ("target", "2019-03", "min", dt.date(2019, 3, 31))


def test_jobs_and_unemployment() -> None:
    a, b = run("城镇新增就业8.25万人,失业率控制在3%之内")
    assert (a.metric_code, a.value_base, a.unit_base) == ("new_urban_jobs", 82500.0, "人")
    assert (b.metric_code, b.value, b.bound) == ("unemployment_rate", 3, "max")


def test_no_digits_no_values() -> None:
    text = "专访来源新华社厦门月日电记者面对疫情，落实六稳六保，两手抓两手硬，总投资亿元，同比增长月至月，十四五新三样一带一路两会"
    assert [c for c in run(text, doc_type="interview") if c.value is not None] == []


def test_no_published_leaves_relative_periods_none() -> None:
    c = one("上半年固定资产投资增长8%", published=None, doc_type=None)
    assert c.period is None and c.period_start is None
    c = one("2021年财政总收入达到1082亿元", published=None, doc_type=None)
    assert c.period == "2021"


REPORT = """**政府工作报告**

各位代表：

**一、2023年工作回顾**

一年来，经济回升向好。预计全年地区生产总值4791.4亿元，增长7.7%。地区生产总值达到10688.28亿元、增长4.1%，两年平均增长4.6%，居民人均可支配收入增长8.2%。

**二、今后五年的目标任务**

到2028年，地区生产总值年均增长6%，研发投入强度达到4%。

**三、2024年工作安排**

“十四五”规划承上启下的关键一年。今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇调查失业率控制在5.5%以内。

**名词解释**

1．三保：保基本民生、保工资、保运转，增长10%。
"""


def test_work_report_zones() -> None:
    out = run(REPORT, published=Y24, doc_type="work_report")
    got = {(c.metric_code, c.kind, c.period, c.change, c.value, c.note) for c in out}
    assert ("gdp", "actual", "2023", "level", 4791.4, "estimate") in got
    assert ("gdp", "actual", "2023", "growth", 7.7, "estimate") in got
    assert ("gdp", "actual", "2022-2023", "growth", 4.6, None) in got  # 两年平均: never the year's
    assert ("disposable_income", "actual", "2023", "growth", 8.2, None) in got
    assert ("gdp", "target", "2024", "growth", 5.5, None) in got
    assert ("unemployment_rate", "target", "2024", "level", 5.5, None) in got
    five = [c for c in out if c.value in (6, 4)]
    assert five and all(c.period != "2024" and c.kind == "target" for c in five)
    assert not [c for c in out if c.value == 10]  # appendix


def test_to_dict_round_trip() -> None:
    d = one("地区生产总值增长5.5%左右").to_dict()
    assert d["metric_code"] == "gdp" and d["period_start"] == "2024-01-01" and d["quote"] == "地区生产总值增长5.5%左右"


@pytest.mark.parametrize(
    ("text", "metric", "subject", "value"),
    [
        # Sentences of the corpus (苏州 2025, 重庆 2016, 东莞 2018, 北京 2025): an adverb of degree or
        # pace between the metric and its verb belongs to the verb, not to the subject's name.
        ("居民人均可支配收入稳步提高到7.75万元，城乡收入差距缩小至1.77:1。", "disposable_income", "居民人均可支配收入", 7.75),
        ("森林覆盖率稳步提高到46%。", "forest_coverage", "森林覆盖率", 46),
        ("全市规上工业企业实现每百元主营业务收入成本下降0.96元，利润总额大幅增长47.2%。", None, "利润总额", 47.2),
        ("入境游客大幅增长186.8%，旅游人次和收入均创历史新高。", None, "入境游客", 186.8),
        ("城镇新增就业显著增加12万人以上。", "new_urban_jobs", "城镇新增就业", 12),
        ("民生支出占一般公共预算支出比重逐年提高到70%。", None, "民生支出占一般公共预算支出比重", 70),
    ],
)
def test_an_adverb_before_the_verb_is_not_part_of_the_subject(text: str, metric: str | None, subject: str,
                                                              value: float) -> None:
    (c,) = [c for c in run(text, doc_type="work_report") if c.value == value]
    assert (c.metric_code, c.subject) == (metric, subject)
