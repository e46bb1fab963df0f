"""Snippets for funding and outcome mentions: values, periods, yoy, targets, sub-areas.

Expected values come from reading the Chinese against the codebook, not from the coder.
"""

from __future__ import annotations

import pytest

from analysis.coding.coder import code_text
from analysis.ingest import normalize

CITY = "河源市贯彻落实第二轮中央生态环境保护督察反馈意见整改落实情况\n发布日期:2023-06-25\n"
PROVINCE = "广东省第二轮中央生态环境保护督察整改落实情况\n发布日期:2023-06-25\n"


def mentions(text: str, head: str = CITY) -> list[tuple]:
    """(variable, year, months, value, yoy_change, yoy_unit) of the only record."""
    doc = code_text(normalize(head + text), "snippet")
    assert len(doc.records) == 1
    return [
        (m.variable, m.year, m.months, m.value, m.yoy_change, m.yoy_unit)
        for m in doc.records[0].mentions
    ]


# --- funding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年,各级财政部门多渠道筹集污染防治资金12.15亿元。", [(2022, 1215000000.0)]),
        ("督察整改以来,全市累计投入资金3.5亿元。", [(None, 350000000.0)]),
        ("2022年,全市安排生态环境保护专项资金8000万元。", [(2022, 80000000.0)]),
        ("2022年,全市投入资金三千万元用于黑臭水体治理。", [(2022, 30000000.0)]),
        ("2021年,市财政投入资金2千万元开展矿山生态修复。", [(2021, 20000000.0)]),
        ("2023年1—5月,多渠道筹集污染防治资金7.34亿元。", [(2023, 734000000.0)]),
        # a fine or an investment total in another clause does not make the funds a fine
        ("2022年,全市罚没款640万元,安排整改专项资金1.2亿元。", [(2022, 120000000.0)]),
        ("2021年,项目总投资26亿元,当年投入资金4.5亿元。", [(2021, 450000000.0)]),
    ],
)
def test_funding(text: str, expected: list[tuple]) -> None:
    got = [(year, value) for var, year, _months, value, *_ in mentions(text)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a total of something else before the amount leaves the amount its year
        ("2022年,罚没款共计640万元,安排整改专项资金1.2亿元。", [(2022, 120000000.0)]),
        (
            "2021年,全市累计查处环境违法案件120件,投入污染防治资金2.3亿元。",
            [(2021, 230000000.0)],
        ),
        (
            "2023年,各地合计排查问题点位560个,市级财政安排生态修复资金8600万元。",
            [(2023, 86000000.0)],
        ),
        # ... while an amount that is itself cumulative has no single year
        (
            "2022年,全市共计整治黑臭水体32条,筹集资金4.1亿元;督察以来累计投入资金15亿元。",
            [(2022, 410000000.0), (None, 1500000000.0)],
        ),
        (
            "2022年,共计关停企业45家,全市累计投入资金6.8亿元,安排资金9000万元。",
            [(None, 680000000.0), (2022, 90000000.0)],
        ),
    ],
)
def test_funding_keeps_its_year_beside_another_total(text: str, expected: list[tuple]) -> None:
    got = [(year, value) for var, year, _months, value, *_ in mentions(text)]
    assert got == expected


def test_funding_period_months() -> None:
    got = mentions("2023年1—5月,多渠道筹集污染防治资金7.34亿元。")
    assert got == [("funding_cny", 2023, "1-5", 734000000.0, None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "2022年,全市共立案查处环境违法案件156件,罚款金额1200万元。",
        "2022年,全市建立生态环境项目储备库,储备项目156个,涉及投资85亿元。",
        "2022年,全市规模以上工业增加值增长5%,地区生产总值达到1200亿元。",
        "2022年,检察机关提起生态环境损害赔偿诉讼,索赔金额3000万元。",
        "到2025年,计划投入资金20亿元实施一批治理工程。",
    ],
)
def test_not_funding(text: str) -> None:
    assert [m for m in mentions(text) if m[0] == "funding_cny"] == []


# --- PM2.5, good air, water -------------------------------------------------------------


def test_pm25_with_yoy_pct() -> None:
    got = mentions("2022年,全市PM2.5平均浓度为28微克/立方米,同比下降6.7%。")
    assert got == [("pm25", 2022, None, 28.0, -6.7, "pct")]


def test_good_air_ratio_ytd_with_pp() -> None:
    got = mentions("2023年1—5月,全市空气质量优良天数比例为92.1%,同比提高1.5个百分点。")
    assert got == [("good_air_ratio", 2023, "1-5", 92.1, 1.5, "pp")]


@pytest.mark.parametrize(
    ("period", "months"),
    [("2022年1至11月", "1-11"), ("2022年1-9月", "1-9"), ("2022年前三季度", "1-9")],
)
def test_year_to_date_periods(period: str, months: str) -> None:
    got = mentions(f"{period},全市细颗粒物平均浓度为30微克/立方米。")
    assert got == [("pm25", 2022, months, 30.0, None, None)]


def test_water_good_ratio_class_one_to_three() -> None:
    got = mentions("2022年,全市地表水国考断面水质优良比例为87.1%,同比上升14.8个百分点。")
    assert got == [("water_good_ratio", 2022, None, 87.1, 14.8, "pp")]
    got = mentions("2021年,全市Ⅰ~Ⅲ类水质断面占80%。")
    assert got == [("water_good_ratio", 2021, None, 80.0, None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "2022年,全市水功能区水质达标率为95.5%。",
        "2022年,全市县级以上集中式饮用水水源地水质达标率100%。",
        "2022年,全市国考断面达标率为100%。",
    ],
)
def test_attainment_rates_are_not_water_good_ratio(text: str) -> None:
    assert mentions(text) == []


def test_yoy_decrease_in_pm25_and_improved() -> None:
    got = mentions("2022年,全市PM2.5浓度为24微克/立方米,同比改善7.7%。")
    assert got == [("pm25", 2022, None, 24.0, -7.7, "pct")]


# --- targets are not outcomes -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "到2025年,全市PM2.5平均浓度达到30微克/立方米。",
        "2023年目标:空气质量优良天数比例达到90%以上。",
        "2022年,全市空气质量优良天数比例不低于92%。",
        "力争2023年全市PM2.5浓度降至25微克/立方米。",
        "确保2022年全市国考断面水质优良比例达到90%。",
        "2022年,全市PM2.5浓度控制在28微克/立方米以内。",
    ],
)
def test_targets_are_not_outcomes(text: str) -> None:
    assert mentions(text) == []


# --- sub-areas and wider areas ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2022年,东江流域国考断面水质优良比例为100%。",
        "2022年,万绿湖水质优良率保持100%。",
        "2022年,全省PM2.5平均浓度为22微克/立方米。",
        "2022年,市区空气质量优良天数比例为96.2%。",
    ],
)
def test_not_the_citys_value(text: str) -> None:
    assert mentions(text) == []


def test_city_value_inside_a_province_record() -> None:
    got = mentions("2022年,广州市PM2.5平均浓度为22微克/立方米。", head=PROVINCE)
    assert got == []
    got = mentions("2022年,全省PM2.5平均浓度为20微克/立方米。", head=PROVINCE)
    assert got == [("pm25", 2022, None, 20.0, None, None)]


# --- periods ----------------------------------------------------------------------------


def test_outcome_without_a_year_is_not_coded() -> None:
    assert mentions("全市空气质量优良天数比例为96.2%。") == []


def test_year_from_earlier_sentence_in_paragraph() -> None:
    got = mentions("2022年,全市环境质量持续改善。空气质量优良天数比例为96.2%。")
    assert got == [("good_air_ratio", 2022, None, 96.2, None, None)]


def test_traditional_outcomes() -> None:
    got = mentions("2022年,全市細顆粒物平均濃度為24微克/立方米,同比下降7.7%。")
    assert got == [("pm25", 2022, None, 24.0, -7.7, "pct")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("督察整改以来,全市累计投入资金190余亿元。", 19000000000.0),
        ("督察整改以来,全市投入整改资金约26.7亿元。", 2670000000.0),
        ("督察整改以来,全市争取中央资金3.2亿元。", 320000000.0),
    ],
)
def test_funding_more(text: str, value: float) -> None:
    assert mentions(text) == [("funding_cny", None, None, value, None, None)]


def test_water_class_one_to_three_wording() -> None:
    got = mentions("2022年,全市地表水达到或好于Ⅲ类水体比例为90%。")
    assert got == [("water_good_ratio", 2022, None, 90.0, None, None)]


def test_good_air_ratio_wording() -> None:
    got = mentions("2022年,全市空气质量优良天数比率为89.7%。")
    assert got == [("good_air_ratio", 2022, None, 89.7, None, None)]
    got = mentions("2022年,全市细颗粒物(PM2.5)年均浓度为26.2μg/m³。")
    assert got == [("pm25", 2022, None, 26.2, None, None)]


# --- this year so far -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the page's date (2023-06-25) dates 今年: this year so far is one year, 2023
        ("今年以来,全市PM2.5平均浓度为26微克/立方米,同比下降3.7%。", [("pm25", 2023, 26.0, -3.7)]),
        ("本年以来,全市空气质量优良天数比例为96.1%。", [("good_air_ratio", 2023, 96.1, None)]),
        ("今年以来,全市投入治理资金2.4亿元。", [("funding_cny", 2023, 240000000.0, None)]),
    ],
)
def test_this_year_so_far_is_this_year(text: str, expected: list[tuple]) -> None:
    got = [(v, year, value, yoy) for v, year, _months, value, yoy, _unit in mentions(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "去年以来,全市PM2.5平均浓度为26微克/立方米。",  # since last year: more than one year
        "2021年以来,全市空气质量优良天数比例为96.1%。",
    ],
)
def test_since_an_earlier_year_is_no_single_year(text: str) -> None:
    assert mentions(text) == []


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("2022年,全市空气质量优良天数为301天,优良率82.5%。", 82.5),
        ("2022年,全市优良天数达到320天,优良比例为87.7%。", 87.7),
        ("2022年全市优良天数318天,占比87.1%,同比增加9天。", 87.1),
    ],
)
def test_good_air_days_then_their_share_without_the_name(text: str, share: float) -> None:
    assert [(v, year, value) for v, year, _m, value, _y, _u in mentions(text)] == [
        ("good_air_ratio", 2022, share)
    ]


# --- funding verbs, sums of one year, funds still to be spent ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年,全市多渠道筹措生态环境治理资金2.6亿元。", [(2022, 260000000.0)]),
        ("2023年,省财政下拨污染防治资金8500万元。", [(2023, 85000000.0)]),
        ("2023年,筹措3.1亿元用于黑臭水体整治。", [(2023, 310000000.0)]),
        # a sum (共计, 合计) of one year keeps its year; 累计 does not
        ("2023年,全市生态修复资金共计投入3.2亿元。", [(2023, 320000000.0)]),
        ("2022年,各级财政合计安排整改资金1.5亿元。", [(2022, 150000000.0)]),
        (
            "2022年,全市共计投入资金2.4亿元,累计投入资金9亿元。",
            [(2022, 240000000.0), (None, 900000000.0)],
        ),
    ],
)
def test_funding_verbs_and_sums(text: str, expected: list[tuple]) -> None:
    got = [(year, value) for var, year, _months, value, *_ in mentions(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024年,全市将投入资金3亿元,推进流域综合治理。",
        "2024年,市财政即将下达治理资金6000万元。",
        "下一步,全县还将安排整改资金4500万元。",
    ],
)
def test_funds_still_to_be_spent_are_not_funding(text: str) -> None:
    assert mentions(text) == []


@pytest.mark.parametrize(
    ("raw", "jurisdiction"),
    [
        ("央广网成都2月2日消息 2023年,四川省细颗粒物平均浓度为32.3微克/立方米。\n", "四川省"),
        ("新华社南宁1月9日电 2023年,广西PM2.5平均浓度为26微克/立方米。\n", "广西壮族自治区"),
        ("本报太原1月12日讯 2023年,山西省PM2.5平均浓度为36微克/立方米。\n", "山西省"),
    ],
)
def test_a_dateline_city_is_neither_the_jurisdiction_nor_a_sub_area(
    raw: str, jurisdiction: str
) -> None:
    """The city of a news dateline is where the news was filed: the values that follow are
    the province's, not a sub-area's."""
    doc = code_text(normalize(raw), "snippet")
    [record] = doc.records
    assert record.jurisdiction == jurisdiction
    assert {m.variable for m in record.mentions} >= {"pm25"}


# --- a value stated twice, the second time with its change --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a headline line, then the body with the change in points
            "2022年全市空气质量优良天数比例达91.2%\n"
            "2022年,全市空气质量优良天数比例为91.2%,同比提高1.6个百分点。\n",
            [("good_air_ratio", 2022, None, 91.2, 1.6, "pp")],
        ),
        (
            "2022年全市PM2.5平均浓度为24微克/立方米,创有监测记录以来最低。\n"
            "2022年,全市PM2.5平均浓度为24微克/立方米,同比下降7.7%。\n",
            [("pm25", 2022, None, 24.0, -7.7, "pct")],
        ),
        (  # a share's change in percent is ambiguous: the first statement stands
            "2022年全市空气质量优良天数比例达91.2%\n"
            "2022年,全市空气质量优良天数比例为91.2%,同比上升0.3%。\n",
            [("good_air_ratio", 2022, None, 91.2, None, None)],
        ),
    ],
)
def test_a_value_restated_with_its_change_keeps_the_change(text: str, expected) -> None:
    assert mentions(text) == expected
