"""Outcome mentions of environmental-status news and bulletins, by phrasing class.

Classes: the one-year bulletin's year, comparison years, values listed by position,
indicator names, sub-area subjects, counts of class I–III sections, years that are not
periods, national figures and targets. Sentences are written for these tests, several
wordings per class; the expected codings are read off them under codebook v1.1.
"""

from __future__ import annotations

import pytest

from analysis.coding.coder import code_text
from analysis.ingest import normalize

BULLETIN = (
    "江西省发布2022年生态环境状况公报\n2023-05-06 来源:省生态环境厅\n"
    "6月5日,江西省生态环境厅召开新闻发布会,发布《2022年江西省生态环境状况公报》,"
    "全面介绍全省生态环境质量情况。\n"
)
LEAD_ONLY = (
    "湖北环境质量稳中向好\n"
    "5月8日,湖北省生态环境厅通报2021年度全省环境质量状况,各项指标稳中向好,群众满意度提升。\n"
)
NO_YEAR = "湖北环境质量稳中向好\n5月8日,湖北省生态环境厅介绍全省环境质量状况,各项指标稳中向好。\n"


def coded(body: str, head: str = BULLETIN) -> list[tuple]:
    """(variable, year, value, yoy_change, yoy_unit) of the only record."""
    doc = code_text(normalize(head + body), "snippet")
    assert len(doc.records) == 1
    return [
        (m.variable, m.year, m.value, m.yoy_change, m.yoy_unit) for m in doc.records[0].mentions
    ]


def values(body: str, head: str = BULLETIN) -> set[tuple]:
    return {(v, y, x) for v, y, x, *_ in coded(body, head)}


# --- 5 YEAR-OUTSIDE-PARAGRAPH -----------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            BULLETIN,
            "全省PM2.5平均浓度27微克/立方米,同比下降3.6%;优良天数比例85.9%,同比提高1.2个百分点。\n",
            [("pm25", 2022, 27.0, -3.6, "pct"), ("good_air_ratio", 2022, 85.9, 1.2, "pp")],
        ),
        (
            BULLETIN,
            "全省国考断面水质优良率96.1%,同比提高0.8个百分点。\n",
            [("water_good_ratio", 2022, 96.1, 0.8, "pp")],
        ),
        (
            LEAD_ONLY,
            "空气质量方面,全省细颗粒物年均浓度为35微克/立方米,同比下降8.1%,空气优良天数比例为86.7%。\n",
            [("pm25", 2021, 35.0, -8.1, "pct"), ("good_air_ratio", 2021, 86.7, None, None)],
        ),
        (
            "2020年湖南生态环境成绩单出炉\n发布时间:2021-05-12\n",
            "全省14个市州城市空气优良天数比例为91.7%。\n",
            [("good_air_ratio", 2020, 91.7, None, None)],
        ),
        # the title names the bulletin, the year stands in the lead only
        (
            "株洲市环境质量持续改善\n",
            "2023年,株洲市PM2.5平均浓度为38微克/立方米,同比下降5.0%。\n"
            "全市空气优良天数比例为84.4%,同比提高2.1个百分点。\n",
            [("pm25", 2023, 38.0, -5.0, "pct"), ("good_air_ratio", 2023, 84.4, 2.1, "pp")],
        ),
        (
            "四川省生态环境状况公报摘要\n",
            "2022年全省地表水国考断面水质优良比例为96.5%。\n"
            "全省城市环境空气质量优良天数比例为89.3%。\n",
            [
                ("water_good_ratio", 2022, 96.5, None, None),
                ("good_air_ratio", 2022, 89.3, None, None),
            ],
        ),
        # the year written in Chinese digits
        (
            "赣州市二〇二二年生态环境状况公报\n",
            "全市PM2.5平均浓度为27微克/立方米,优良天数比例为95.1%。\n",
            [("pm25", 2022, 27.0, None, None), ("good_air_ratio", 2022, 95.1, None, None)],
        ),
    ],
)
def test_bulletin_year(head: str, body: str, expected: list[tuple]) -> None:
    assert coded(body, head) == expected


@pytest.mark.parametrize(
    "head",
    [
        NO_YEAR,  # no year in the title or lead
        "湖北环境质量稳中向好\n5月8日,湖北省通报2020年和2021年全省环境质量状况,各项指标稳中向好。\n",
        # a rectification account is not a bulletin
        "湖北省中央生态环境保护督察整改情况\n2022年,湖北省扎实推进督察整改,生态环境质量持续改善。\n",
    ],
)
def test_no_bulletin_year(head: str) -> None:
    assert coded("全省细颗粒物年均浓度为35微克/立方米,空气优良天数比例为86.7%。\n", head) == []


def test_another_period_in_between_blocks_the_bulletin_year() -> None:
    body = (
        "2022年,全省优良天数比例为90.2%。\n今年第一季度,全省空气质量总体良好。\n"
        "各设区市空气优良天数比例平均为93.5%。\n"
    )
    assert values(body) == {("good_air_ratio", 2022, 90.2)}


def test_a_page_stating_another_years_values_gives_no_bulletin_year() -> None:
    """The bulletin's year dates a yearless value only when no other year's values are
    stated (codebook v1.1); the value written with its year is kept."""
    body = (
        "全省细颗粒物年均浓度为29微克/立方米。\n"
        "回顾上一年度,2021年全省细颗粒物年均浓度为31微克/立方米。\n"
    )
    assert values(body) == {("pm25", 2021, 31.0)}


# --- 9 YEAR-COMPARISON ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "2022年全省综合指数3.41,较2021年改善4.1%;PM2.5浓度为29微克/立方米,较2021年降低6.5%。\n",
            [("pm25", 2022, 29.0, -6.5, "pct")],
        ),
        (
            "2022年全省11个设区市PM2.5达标,比2021年多出3个;空气优良天数比例平均88.7%。"
            "全省国控断面水质优良率93.4%。\n",
            [
                ("good_air_ratio", 2022, 88.7, None, None),
                ("water_good_ratio", 2022, 93.4, None, None),
            ],
        ),
        (
            "2022年,全省PM2.5平均浓度为31微克/立方米,与2021年相比下降3.1%。\n",
            [("pm25", 2022, 31.0, -3.1, "pct")],
        ),
        # a base two years back is a comparison, not a year-on-year change
        (
            "2022年,全省PM2.5平均浓度为31微克/立方米,比2020年下降9.4%。\n",
            [("pm25", 2022, 31.0, None, None)],
        ),
        (
            "2022年,全省优良天数325天,比2021年增加9天,优良天数比例为89.0%。\n",
            [("good_air_ratio", 2022, 89.0, None, None)],
        ),
    ],
)
def test_comparison_year_is_not_the_period(body: str, expected: list[tuple]) -> None:
    assert coded(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the change written before the value, on the previous year stated in the rule
        (
            "2022年,全省PM2.5平均浓度同比下降5.6%,为34微克/立方米。\n",
            [("pm25", 2022, 34.0, -5.6, "pct")],
        ),
        (
            "2022年,全省细颗粒物年均浓度较上年降低2.8%,降至35微克/立方米。\n",
            [("pm25", 2022, 35.0, -2.8, "pct")],
        ),
        (
            "2022年,全省空气质量优良天数比例同比提高2.4个百分点,达到90.1%。\n",
            [("good_air_ratio", 2022, 90.1, 2.4, "pp")],
        ),
        # ... or on an explicit base year, the year before the value's
        (
            "2022年,全省PM2.5平均浓度比2021年下降4.4%,为30微克/立方米。\n",
            [("pm25", 2022, 30.0, -4.4, "pct")],
        ),
        # ... or on a base opening the sentence: the previous year, or 上年
        (
            "2022年,全省空气质量继续改善。与2021年相比,PM2.5平均浓度下降8.3%,为33微克/立方米。\n",
            [("pm25", 2022, 33.0, -8.3, "pct")],
        ),
        (
            "与2021年相比,2022年全省细颗粒物平均浓度下降4.2%,为37微克/立方米。\n",
            [("pm25", 2022, 37.0, -4.2, "pct")],
        ),
        (
            "2022年,同上年相比,全省优良天数比例提高1.6个百分点,达到86.3%。\n",
            [("good_air_ratio", 2022, 86.3, 1.6, "pp")],
        ),
        (
            "与2021年相比,2022年全省PM2.5浓度下降6.1%,为31微克/立方米;"
            "优良天数比例上升0.9个百分点,达到88.8%。\n",
            [("pm25", 2022, 31.0, -6.1, "pct"), ("good_air_ratio", 2022, 88.8, 0.9, "pp")],
        ),
    ],
)
def test_change_written_before_the_value(body: str, expected: list[tuple]) -> None:
    assert coded(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "2022年,全省PM2.5平均浓度同比下降5.6%至34微克/立方米。\n",
            [("pm25", 2022, 34.0, -5.6, "pct")],
        ),
        (
            "2022年,全省优良天数比例同比提升2.4个百分点至90.1%。\n",
            [("good_air_ratio", 2022, 90.1, 2.4, "pp")],
        ),
        (
            "2022年,全省国考断面水质优良比例同比提高3.2个百分点,达到92.5%。\n",
            [("water_good_ratio", 2022, 92.5, 3.2, "pp")],
        ),
        (
            "与2021年相比,2022年全省地表水国考断面水质优良率上升4.1个百分点,为88.9%。\n",
            [("water_good_ratio", 2022, 88.9, 4.1, "pp")],
        ),
    ],
)
def test_change_before_the_value_more_wordings(body: str, expected: list[tuple]) -> None:
    """The change first, then the value reached (…至34, …达到92.5%), for each indicator."""
    assert coded(body) == expected


def test_change_before_the_value_on_an_older_base_is_no_yoy() -> None:
    """A base other than the previous year makes the change no year-on-year change; the next
    sentence's base is the previous year of the paragraph's year."""
    body = (
        "与2015年相比,2022年全省PM2.5平均浓度下降30.2%,为28微克/立方米。"
        "与2021年相比,优良天数比例提高1.5个百分点,达到90.3%。\n"
    )
    assert coded(body) == [
        ("pm25", 2022, 28.0, None, None),
        ("good_air_ratio", 2022, 90.3, 1.5, "pp"),
    ]


# --- 14 ENUMERATION ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "全省二氧化硫、PM10、PM2.5、二氧化氮年均浓度分别是8微克/立方米、55微克/立方米、"
            "29微克/立方米、21微克/立方米。\n",
            [("pm25", 2022, 29.0, None, None)],
        ),
        (
            "2022年全省PM2.5与PM10平均浓度分别为31、52微克/立方米,同比分别下降6.1%、3.7%。\n",
            [("pm25", 2022, 31.0, -6.1, "pct")],
        ),
        (
            "2022年,全省PM10、PM2.5浓度分别为48微克/立方米、26微克/立方米,分别同比下降2.0%、7.1%。\n",
            [("pm25", 2022, 26.0, -7.1, "pct")],
        ),
        (
            "2022年,全省优良天数比例和PM2.5浓度分别为89.2%和28微克/立方米。\n",
            [("good_air_ratio", 2022, 89.2, None, None), ("pm25", 2022, 28.0, None, None)],
        ),
        # names and values that do not line up are not read
        ("2022年,全省SO2、NO2、PM2.5浓度分别为9、24微克/立方米。\n", []),
        # one name and a list of values: values of parts (cities), not the jurisdiction's
        ("2022年,南昌、九江、赣州三市PM2.5浓度分别为33、31、25微克/立方米。\n", []),
    ],
)
def test_values_listed_by_position(body: str, expected: list[tuple]) -> None:
    assert coded(body) == expected


# --- 19 INDICATOR-NAME ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("2022年,全省56个国控断面中,优良比例提升至91.1%。\n", ("water_good_ratio", 2022, 91.1)),
        ("2022年,全省pm2.5年均浓度为28μg/m3,同比改善5.4%。\n", ("pm25", 2022, 28.0)),
        ("2022年,全省细颗粒物(pm2.5)平均浓度为28微克/立方米。\n", ("pm25", 2022, 28.0)),
        (
            "2022年,全省146个国考断面中,水质优于或达到地表水Ⅲ类标准的断面占94.5%。\n",
            ("water_good_ratio", 2022, 94.5),
        ),
        (
            "2022年,全省国考断面水质达到或好于《地表水环境质量标准》Ⅲ类的比例为93.0%。\n",
            ("water_good_ratio", 2022, 93.0),
        ),
        (
            "2022年,全省国控断面Ⅰ-Ⅲ类水质比例、城市饮用水水源地水质达标率均为100%。\n",
            ("water_good_ratio", 2022, 100.0),
        ),
        (
            "2022年,全省国考断面水质优良(达到或好于Ⅲ类)比例为90.2%。\n",
            ("water_good_ratio", 2022, 90.2),
        ),
        ("2022年,全省国考断面优Ⅲ比例为91.3%。\n", ("water_good_ratio", 2022, 91.3)),
        ("2022年,全省AQI达标率为88.8%。\n", ("good_air_ratio", 2022, 88.8)),
    ],
)
def test_indicator_names(body: str, expected: tuple) -> None:
    assert values(body) == {expected}


def test_lowercase_pm25_change_is_an_improvement() -> None:
    assert coded("2022年,全省pm2.5年均浓度为28μg/m3,同比改善5.4%。\n") == [
        ("pm25", 2022, 28.0, -5.4, "pct")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "2022年,全省地下水监测井中水质达到或优于Ⅲ类的占78.5%。\n",
        "2022年,全省近岸海域海水水质优良比例为92.0%。\n",
        "2022年,全省城市集中式饮用水水源地水质优良比例为100%。\n",
    ],
)
def test_other_waters_are_not_the_share_of_sections(body: str) -> None:
    assert values(body) == set()


# --- 22 SUBAREA-SCOPE -------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "赣南地区优良天数比例平均91.3%,同比上升1.1个百分点。细颗粒物浓度为27微克/立方米,同比持平。\n",
        "鄱阳湖21个湖区点位水质总体为轻度污染;Ⅰ~Ⅲ类水质断面比例35.2%。\n",
        "2022年,赣江流域优良水体比例达到97.5%,其中干流断面水质全部为Ⅱ类。\n",
        "2022年,昌九城市群PM2.5浓度为32微克/立方米。优良天数比例为86.0%。\n",
        "2022年,其中南昌市细颗粒物浓度为30微克/立方米,优良天数比例为84.4%。\n",
    ],
)
def test_subarea_subject_governs_its_run(body: str) -> None:
    assert values(body) == set()


def test_own_subject_ends_a_subarea_run() -> None:
    body = "赣江流域水质为优。2022年,全省国考断面水质优良比例为95.2%。\n"
    assert values(body) == {("water_good_ratio", 2022, 95.2)}


@pytest.mark.parametrize(
    "body",
    [
        "新华社南昌5月6日电 记者从江西省生态环境厅获悉,2022年江西空气质量持续改善;"
        "优良天数比例为92.0%。\n",
        "本报九江讯 据省生态环境厅介绍,2022年全省空气质量持续改善;优良天数比例为92.0%。\n",
    ],
)
def test_a_dateline_place_is_not_a_subject(body: str) -> None:
    assert values(body) == {("good_air_ratio", 2022, 92.0)}


def test_a_subarea_as_object_does_not_govern() -> None:
    body = "2022年,全省实施赣江流域综合治理,推进水系连通。优良水体比例为94.4%。\n"
    assert values(body) == {("water_good_ratio", 2022, 94.4)}


# --- 25 WATER-CLASS-COUNT ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("国家考核的152个断面里,Ⅰ~Ⅲ类断面141个,占比92.8%。\n", ("water_good_ratio", 2022, 92.8)),
        (
            "2022年,全省国考断面中Ⅰ至Ⅲ类水质断面138个,占比90.8%。\n",
            ("water_good_ratio", 2022, 90.8),
        ),
        (
            "2022年,全省监测的290个断面中,Ⅰ~Ⅲ类水质断面271个占93.4%。\n",
            ("water_good_ratio", 2022, 93.4),
        ),
    ],
)
def test_class_count_then_share(body: str, expected: tuple) -> None:
    assert values(body) == {expected}


def test_class_count_with_relative_year() -> None:
    head = "江西省环境质量\n发布日期:2023-05-06\n"
    body = "去年全省290个监测断面,Ⅰ~Ⅲ类的有271个,占93.4%。\n"
    assert values(body, head) == {("water_good_ratio", 2022, 93.4)}


# --- YEAR-NONPERIOD, national figures, targets -------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "水环境持续改善。2019年存在的6个劣Ⅴ类断面全部消除,全省国考断面水质优良率95.2%。\n",
            {("water_good_ratio", 2022, 95.2)},
        ),
        (
            "2021年,全省PM2.5浓度为30微克/立方米。应于2023年底前完成的治理工程已开工,优良天数比例为88.1%。\n",
            {("pm25", 2021, 30.0), ("good_air_ratio", 2021, 88.1)},
        ),
    ],
)
def test_years_that_are_not_periods(body: str, expected: set[tuple]) -> None:
    assert values(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "2022年,全国地级及以上城市优良天数比例为86.5%。\n",
        "2022年,全国PM2.5平均浓度为29微克/立方米,同比下降3.3%。\n",
        "全国339个地级及以上城市细颗粒物浓度为29微克/立方米。优良天数比例为86.5%。\n",
        "2023年全省环境保护主要目标是:PM2.5浓度降至27微克/立方米,优良天数比例不低于90%。\n",
        "到2025年,全省国考断面水质优良比例达到96%以上。\n",
        "2023年,全省力争PM2.5平均浓度控制在27微克/立方米以内。\n",
        "2022年,全省国控断面优良水体比例首次超过95%。\n",
    ],
)
def test_national_figures_targets_and_bounds_are_not_outcomes(body: str) -> None:
    assert values(body) == set()


def test_national_figure_beside_the_own_value() -> None:
    body = "2022年,全省优良天数比例为89.2%,高于全国平均水平(86.5%)。\n"
    assert values(body) == {("good_air_ratio", 2022, 89.2)}


# --- a month's figure is neither annual nor year-to-date ---------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "2022年12月,全省PM2.5平均浓度为45微克/立方米。\n",
        "8月份,全省优良天数比例为99.0%。\n",
        "2022年,全省空气质量稳定;11月,全省细颗粒物浓度为41微克/立方米。\n",
    ],
)
def test_single_month_values_are_not_coded(body: str) -> None:
    assert values(body) == set()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("2022年1-12月,全省PM2.5平均浓度为30微克/立方米。\n", {("pm25", 2022, 30.0)}),
        ("12月5日,省厅通报:2022年全省PM2.5平均浓度为30微克/立方米。\n", {("pm25", 2022, 30.0)}),
        (
            "2022年,全省近岸海域8月份水质优良比例为99.1%;全省PM2.5均值为25微克/立方米。\n",
            {("pm25", 2022, 25.0)},
        ),
    ],
)
def test_months_elsewhere_leave_the_value_annual(body: str, expected: set[tuple]) -> None:
    assert values(body) == expected


# --- more wordings per class, each a whole page ------------------------------------------


def page(raw: str) -> set[tuple]:
    """(variable, year, value, yoy_change, yoy_unit) of the only record of a whole page."""
    doc = code_text(normalize(raw), "snippet")
    assert len(doc.records) == 1
    mentions = doc.records[0].mentions
    return {(m.variable, m.year, m.value, m.yoy_change, m.yoy_unit) for m in mentions}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # one-year bulletin: the year of the title
        (
            "2020年湖南省环境质量状况\n湖南省生态环境厅日前公布上年度全省环境质量。\n"
            "全省14个市州城市环境空气质量优良天数比例平均为91.7%,"
            "细颗粒物(PM2.5)年均浓度41微克/立方米。\n",
            {("good_air_ratio", 2020, 91.7, None, None), ("pm25", 2020, 41.0, None, None)},
        ),
        (
            "2023年贵州省生态环境状况公报发布\n省生态环境厅日前发布公报。\n"
            "全省9个中心城市环境空气质量优良天数比率平均为98.9%,同比上升0.2个百分点。\n",
            {("good_air_ratio", 2023, 98.9, 0.2, "pp")},
        ),
        # comparison bases written 与…相比, 相较于, 相比
        (
            "株洲市2021年环境质量状况\n2021年,全市细颗粒物平均浓度31微克/立方米,与2020年相比"
            "下降8.8%;优良天数比率88.5%,与2020年相比上升2.2个百分点。\n",
            {("pm25", 2021, 31.0, -8.8, "pct"), ("good_air_ratio", 2021, 88.5, 2.2, "pp")},
        ),
        (
            "河北省大气环境质量持续改善\n2019年全省空气质量总体改善,重污染天数比2018年减少5天。"
            "PM2.5平均浓度为50.2微克/立方米。\n",
            {("pm25", 2019, 50.2, None, None)},
        ),
        (
            "浙江省水环境质量稳步提升\n2021年全省地表水优良水质比例为95.2%,相较于2020年提高0.8个百分点。\n",
            {("water_good_ratio", 2021, 95.2, 0.8, "pp")},
        ),
        (
            "山东省空气质量\n2022年,全省PM2.5浓度37微克/立方米,相比2021年下降5.1%。\n",
            {("pm25", 2022, 37.0, -5.1, "pct")},
        ),
        # values listed by position, names keeping 比例
        (
            "石门县2022年生态环境质量公报\n2022年,全县细颗粒物、可吸入颗粒物平均浓度分别为"
            "29微克/立方米和50微克/立方米。\n",
            {("pm25", 2022, 29.0, None, None)},
        ),
        (
            "益阳市环境空气质量状况\n2021年全市PM10、PM2.5年均值分别为58、33微克/立方米,"
            "分别同比下降6.5%、8.3%。\n",
            {("pm25", 2021, 33.0, -8.3, "pct")},
        ),
        (
            "江西省生态环境质量\n2022年,全省空气质量优良天数比例、地表水国考断面水质优良比例"
            "分别达到92.1%、95.6%。\n",
            {
                ("good_air_ratio", 2022, 92.1, None, None),
                ("water_good_ratio", 2022, 95.6, None, None),
            },
        ),
        # indicator names: subscript PM₂.₅, full-width characters, 达到Ⅲ类及以上, days then share
        (
            "湘潭市2023年环境质量状况\n2023年,全市PM₂.₅平均浓度为39微克/立方米。\n",
            {("pm25", 2023, 39.0, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n２０２３年，全市ＰＭ２．５年均浓度为２９微克／立方米。\n",
            {("pm25", 2023, 29.0, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市国考断面中水质达到Ⅲ类及以上的断面比例为87.5%。\n",
            {("water_good_ratio", 2023, 87.5, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市空气质量优良天数为313天,占比85.8%。\n",
            {("good_air_ratio", 2023, 85.8, None, None)},
        ),
        # counts of class I–III sections before their share
        (
            "湘潭市2023年环境质量状况\n2023年,全市30个地表水考核断面中,Ⅰ～Ⅲ类断面26个、占86.7%。\n",
            {("water_good_ratio", 2023, 86.7, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年，全市优良（Ⅰ～Ⅲ类）水质断面28个，占比93.3%。\n",
            {("water_good_ratio", 2023, 93.3, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市Ⅰ-Ⅲ类水质断面共有41个,比例为89.1%。\n",
            {("water_good_ratio", 2023, 89.1, None, None)},
        ),
        # a deadline year in the value's sentence is not its period
        (
            "湘潭市环境质量持续改善\n2023年,全市空气质量持续改善。应于2025年完成的12个断面达标任务"
            "稳步推进,全市国考断面水质优良比例为91.7%。\n",
            {("water_good_ratio", 2023, 91.7, None, None)},
        ),
        # sub-areas: a basin, a region, a county inside the city
        (
            "2021年江苏省生态环境状况公报\n2021年,太湖流域主要入湖河流22个断面中,水质优良比例为100%。\n",
            set(),
        ),
        (
            "2022年安徽省生态环境状况公报\n2022年,皖北地区PM2.5平均浓度为42微克/立方米,同比下降4.5%。"
            "优良天数比例为72.6%。\n",
            set(),
        ),
        ("岳阳市2022年环境质量公报\n2022年,平江县优良天数比例95.1%,为全市最高。\n", set()),
        # a city menu before the headline
        (
            "首页 | 新闻中心 | 广州 | 深圳 | 珠海 | 汕头 | 佛山\n广东省2021年生态环境质量持续改善\n"
            "2021年,广东省空气质量优良天数比例为94.3%,PM2.5平均浓度为22微克/立方米。\n",
            {("good_air_ratio", 2021, 94.3, None, None), ("pm25", 2021, 22.0, None, None)},
        ),
        # a second round: a 年度 title, 比上年, a base years back, traditional characters,
        # 和/与 and bracketed names in a list, Ⅰ类至Ⅲ类, 占…总数的, 以来的
        (
            "昆明市2022年度环境质量公报\n全市环境空气质量保持优良。\n"
            "主城区空气质量优良率为98.6%。全市PM2.5年均浓度22微克/立方米。\n",
            {("pm25", 2022, 22.0, None, None)},
        ),
        (
            "2021年度柳州市生态环境质量状况\n\n全市环境空气优良天数比例为95.3%,比上年下降0.8个百分点;"
            "细颗粒物年均浓度为34微克/立方米。\n",
            {("good_air_ratio", 2021, 95.3, -0.8, "pp"), ("pm25", 2021, 34.0, None, None)},
        ),
        (
            "湖北省空气质量状况\n2022年,全省优良天数比例为87.2%,较2019年提高5.3个百分点。\n",
            {("good_air_ratio", 2022, 87.2, None, None)},
        ),
        (
            "常德市空氣質量\n2022年全市PM2.5平均濃度為28微克/立方米,較2021年下降6.7%。\n",
            {("pm25", 2022, 28.0, -6.7, "pct")},
        ),
        (
            "株洲市2022年环境质量状况\n2022年,全市PM2.5和PM10年均浓度分别为32.5微克/立方米"
            "与61微克/立方米。\n",
            {("pm25", 2022, 32.5, None, None)},
        ),
        (
            "株洲市2022年环境质量状况\n2022年,全市细颗粒物(PM2.5)、可吸入颗粒物(PM10)浓度"
            "分别为30、52微克/立方米。\n",
            {("pm25", 2022, 30.0, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市Ⅰ类至Ⅲ类水质断面比例为90.4%。\n",
            {("water_good_ratio", 2023, 90.4, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市环境空气质量优良天数率为88.2%,"
            "细颗粒物年平均浓度为36微克/立方米。\n",
            {("good_air_ratio", 2023, 88.2, None, None), ("pm25", 2023, 36.0, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市Ⅰ～Ⅲ类水质断面有38个,占国考断面总数的92.7%。\n",
            {("water_good_ratio", 2023, 92.7, None, None)},
        ),
        (
            "株洲市环境质量\n2023年,全市PM2.5平均浓度为33微克/立方米。2016年以来的大气治理成效显现,"
            "优良天数比例为86.0%。\n",
            {("pm25", 2023, 33.0, None, None), ("good_air_ratio", 2023, 86.0, None, None)},
        ),
        ("株洲市2022年环境质量状况\n2022年,中心城区PM2.5平均浓度为35微克/立方米。\n", set()),
        (
            "2022年湖南省生态环境状况公报\n湘江流域:水质总体为优。Ⅰ~Ⅲ类水质断面比例100%。\n",
            set(),
        ),
        # a third round: 优良(达到或优于Ⅲ类)比例, a mean with no verb, 优良率 after the
        # compliance rate, the comparison opening the sentence, a count before 占, targets
        (
            "湘潭市2023年环境质量状况\n2023年,全市城市环境空气质量优良天数比例为91.0%;"
            "全市地表水水质优良(达到或优于Ⅲ类)比例为96.7%。\n",
            {
                ("good_air_ratio", 2023, 91.0, None, None),
                ("water_good_ratio", 2023, 96.7, None, None),
            },
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市PM2.5年均值30μg/m³,同比降低3.2%。\n",
            {("pm25", 2023, 30.0, -3.2, "pct")},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市国、省控断面水质达标率100%,优良率为95.0%。\n",
            {("water_good_ratio", 2023, 95.0, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市12个国控断面中,达到Ⅲ类及以上标准的有11个,"
            "占91.7%。\n",
            {("water_good_ratio", 2023, 91.7, None, None)},
        ),
        (
            "湘潭市环境质量\n全市优良天数比例为90.1%,比2022年同期提高2.0个百分点。\n",
            set(),
        ),
        (
            "湘潭市2023年环境质量状况\n发布时间:2024-05-20\n2024年1-4月全市优良天数比例为84.2%。\n"
            "全市PM2.5平均浓度为35微克/立方米。\n",
            {("good_air_ratio", 2024, 84.2, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市PM2.5平均浓度为34微克/立方米,"
            "完成省定32微克/立方米的年度目标。\n",
            {("pm25", 2023, 34.0, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市优良天数比例为86.5%,高于省考目标1.5个百分点;"
            "2025年力争达到88%。\n",
            {("good_air_ratio", 2023, 86.5, None, None)},
        ),
        (
            "2022年湖南省生态环境状况公报\n长株潭地区优良天数比例为82.3%。PM2.5平均浓度为40微克/立方米。"
            "\n全省优良天数比例为87.9%。\n",
            {("good_air_ratio", 2022, 87.9, None, None)},
        ),
        (
            "2022年湖南省生态环境状况公报\n2022年,洞庭湖湖体水质总体为Ⅳ类;"
            "全省国考断面水质优良比例为97.3%。\n",
            {("water_good_ratio", 2022, 97.3, None, None)},
        ),
        # a fourth round: a 成绩单 headline, numbered parts of a 年度 bulletin, an earlier
        # base as well as the previous year, lists with other pollutants, ug/m3, 每立方米,
        # sub-areas and other cities before the province's own value, national figures
        (
            "【成绩单】2022年,甘肃生态环境质量持续改善\n来源:甘肃省生态环境厅\n"
            "全省14个市州平均优良天数比例为90.1%。\n"
            "全省地表水国考断面水质优良比例为98.9%,同比上升1.1个百分点。\n",
            {
                ("good_air_ratio", 2022, 90.1, None, None),
                ("water_good_ratio", 2022, 98.9, 1.1, "pp"),
            },
        ),
        (
            "吉林省2021年度生态环境状况公报\n\n一、大气环境\n全省PM2.5年均浓度为27微克/立方米,"
            "同比下降12.9%。\n二、水环境\n全省国控断面优良水质比例为84.9%。\n",
            {("pm25", 2021, 27.0, -12.9, "pct"), ("water_good_ratio", 2021, 84.9, None, None)},
        ),
        (
            "安徽省2021年环境质量状况\n全省PM2.5平均浓度35微克/立方米,比2020年下降10.3%,"
            "较2015年下降36.4%。\n",
            {("pm25", 2021, 35.0, -10.3, "pct")},
        ),
        (
            "贵阳市2022年环境质量\n2022年,全市PM2.5、PM10、SO2、NO2年均浓度分别为23、41、9、20"
            "微克/立方米,优良天数比例为98.9%。\n",
            {("pm25", 2022, 23.0, None, None), ("good_air_ratio", 2022, 98.9, None, None)},
        ),
        (
            "贵阳市2022年环境质量\n2022年,全市空气质量优良率为98.9%,PM2.5年均浓度为23ug/m3。\n",
            {("good_air_ratio", 2022, 98.9, None, None), ("pm25", 2022, 23.0, None, None)},
        ),
        (
            "贵阳市2022年环境质量\n2022年,全市地表水水质优良断面比例达100%;"
            "细颗粒物浓度23微克每立方米。\n",
            {("water_good_ratio", 2022, 100.0, None, None), ("pm25", 2022, 23.0, None, None)},
        ),
        (
            "贵阳市2022年环境质量\n2022年,全市AQI优良天数占比98.9%。\n",
            {("good_air_ratio", 2022, 98.9, None, None)},
        ),
        (
            "2022年广东省生态环境状况公报\n珠三角地区PM2.5平均浓度为20微克/立方米;"
            "粤东西北地区为19微克/立方米。全省PM2.5平均浓度为20微克/立方米。\n",
            {("pm25", 2022, 20.0, None, None)},
        ),
        (
            "2022年广东省生态环境状况公报\n2022年,广州市优良天数比例为83.3%,深圳市为94.5%。"
            "全省优良天数比例为92.1%。\n",
            {("good_air_ratio", 2022, 92.1, None, None)},
        ),
        (
            "2022年广东省生态环境状况公报\n2022年,149个国考断面中,水质优良(Ⅰ～Ⅲ类)断面138个,"
            "占92.6%。\n",
            {("water_good_ratio", 2022, 92.6, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市环境空气质量优良天数比例达89.3%,"
            "细颗粒物浓度均值为33微克/立方米。\n",
            {("good_air_ratio", 2023, 89.3, None, None), ("pm25", 2023, 33.0, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市地表水国控断面达到或好于Ⅲ类水体比例为93.8%。\n",
            {("water_good_ratio", 2023, 93.8, None, None)},
        ),
        (
            "湘潭市2023年环境质量状况\n2023年,全市监测的30个断面中,水质为Ⅰ～Ⅲ类的断面27个,"
            "占90.0%。\n",
            {("water_good_ratio", 2023, 90.0, None, None)},
        ),
    ],
)
def test_more_wordings_per_class(raw: str, expected: set[tuple]) -> None:
    assert page(raw) == expected


def test_comparison_opening_the_sentence_leaves_the_value_its_year() -> None:
    """与2022年相比 opens the sentence; the value is 2023's (its change, written before it, is
    compared on the value and year only)."""
    raw = (
        "湘潭市2023年环境质量状况\n与2022年相比,2023年全市PM2.5平均浓度下降2.9%,为34微克/立方米。\n"
    )
    assert {(v, y, x) for v, y, x, *_ in page(raw)} == {("pm25", 2023, 34.0)}


# --- year-on-year changes in more wordings ----------------------------------------------

CITY_PAGE = "永州市环境质量状况\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 与/同/和 上年 相比 after the value
        (
            "2022年,全市PM2.5平均浓度为28微克/立方米,与上年相比下降6.7%。\n",
            {("pm25", 2022, 28.0, -6.7, "pct")},
        ),
        (
            "2022年,全市优良天数比例为88.1%,同上年相比提高2.3个百分点。\n",
            {("good_air_ratio", 2022, 88.1, 2.3, "pp")},
        ),
        (
            "2022年,全市国考断面水质优良比例为95.0%,和去年相比上升1.5个百分点。\n",
            {("water_good_ratio", 2022, 95.0, 1.5, "pp")},
        ),
        # change words: 下滑, 回落 (a decrease), 升高
        (
            "2021年,全市优良天数比例为80.2%,同比下滑1.5个百分点。\n",
            {("good_air_ratio", 2021, 80.2, -1.5, "pp")},
        ),
        (
            "2021年,全市PM2.5平均浓度为33微克/立方米,同比回落5.7%。\n",
            {("pm25", 2021, 33.0, -5.7, "pct")},
        ),
        (
            "2021年,全市国考断面水质优良比例为91.0%,比上年升高2.2个百分点。\n",
            {("water_good_ratio", 2021, 91.0, 2.2, "pp")},
        ),
        # ... also written before the value
        (
            "2023年,全市优良天数比例同比下滑0.9个百分点,为84.5%。\n",
            {("good_air_ratio", 2023, 84.5, -0.9, "pp")},
        ),
    ],
)
def test_yoy_in_more_wordings(body: str, expected: set[tuple]) -> None:
    assert page(CITY_PAGE + body) == expected


# --- a month range without its own year -------------------------------------------------


def periods(raw: str) -> set[tuple]:
    """(variable, year, months, value) of the only record of a page."""
    doc = code_text(normalize(raw), "snippet")
    assert len(doc.records) == 1
    return {(m.variable, m.year, m.months, m.value) for m in doc.records[0].mentions}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "2023年9月,全市PM2.5浓度为18微克/立方米;1—9月,全市PM2.5平均浓度为32微克/立方米。\n",
            {("pm25", 2023, "1-9", 32.0)},
        ),
        (
            "2021年11月全市空气质量良好;1至11月,全市优良天数比例为90.6%。\n",
            {("good_air_ratio", 2021, "1-11", 90.6)},
        ),
        # the year in an earlier sentence of the paragraph
        (
            "2022年全市空气质量持续改善。1—6月,全市优良天数比例为85.3%。\n",
            {("good_air_ratio", 2022, "1-6", 85.3)},
        ),
    ],
)
def test_month_range_takes_the_year_before_it(body: str, expected: set[tuple]) -> None:
    assert periods(CITY_PAGE + body) == expected


# --- more ways to list values and name indicators ---------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 依次为: values listed by position like 分别为
        (
            "2023年,全市PM10、PM2.5、臭氧浓度依次为52、28、162微克/立方米。\n",
            {("pm25", 2023, 28.0, None, None)},
        ),
        (
            "2022年,全市优良天数比例、PM2.5年均浓度依次为91.2%、29微克/立方米。\n",
            {("good_air_ratio", 2022, 91.2, None, None), ("pm25", 2022, 29.0, None, None)},
        ),
        # 优良(Ⅰ~Ⅲ类)的断面占比
        (
            "2022年,全市国考断面水质优良(达到或优于Ⅲ类)的断面占比为98.9%。\n",
            {("water_good_ratio", 2022, 98.9, None, None)},
        ),
        (
            "2022年,全市地表水优良(Ⅰ~Ⅲ类)的水质断面比例为92.0%。\n",
            {("water_good_ratio", 2022, 92.0, None, None)},
        ),
        # good-air days as a share of the year, without their count
        (
            "2023年,全市空气质量优良天数占全年的93.2%。\n",
            {("good_air_ratio", 2023, 93.2, None, None)},
        ),
        (
            "2023年,全市优良天数占全年总天数的比例为88.5%。\n",
            {("good_air_ratio", 2023, 88.5, None, None)},
        ),
        (
            "2023年,全市优良天数占有效监测天数的91.0%。\n",
            {("good_air_ratio", 2023, 91.0, None, None)},
        ),
    ],
)
def test_lists_and_names_in_more_wordings(body: str, expected: set[tuple]) -> None:
    assert page(CITY_PAGE + body) == expected


# --- targets: a lead stating its own value; parallel targets ----------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "2022年,国家下达我市的考核目标为85.0%,全市优良天数比例实际达到88.3%。\n",
            {("good_air_ratio", 2022, 88.3, None, None)},
        ),
        (
            "2023年,省定目标是35微克/立方米,全市PM2.5平均浓度为33微克/立方米。\n",
            {("pm25", 2023, 33.0, None, None)},
        ),
    ],
)
def test_target_lead_with_its_own_value_governs_no_other(body: str, expected: set) -> None:
    assert page(CITY_PAGE + body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "2024年,全市PM2.5平均浓度控制在30微克/立方米以内,优良天数比例达到88%以上。\n",
        "2024年,全年细颗粒物浓度不高于26微克/立方米,优良天数比率保持在95%以上,"
        "国考断面水质优良比例达到90%以上。\n",
        "2025年,全市优良天数比例不低于85%,细颗粒物年均浓度降至32微克/立方米以下。\n",
    ],
)
def test_parallel_targets_are_not_outcomes(body: str) -> None:
    """A target, then bounded values in parallel clauses of its segment."""
    assert page("宿州市2024年大气污染防治工作要点\n" + body) == set()


def test_a_lead_followed_by_its_subject_still_governs_its_segment() -> None:
    body = "2024年目标:全市PM2.5浓度不高于33微克/立方米,优良天数比例达到90%。\n"
    assert page(CITY_PAGE + body) == set()


# --- a jurisdiction qualified by a sub-area is that sub-area ----------------------------


@pytest.mark.parametrize(
    "body",
    [
        "2022年,永州市中心城区优良天数比例为91.5%,同比上升2.0个百分点。"
        "PM2.5平均浓度为31微克/立方米。\n",
        "2023年,我市主城区空气质量优良天数比例为90.1%。细颗粒物平均浓度为28微克/立方米。\n",
        "2023年,全市城区空气质量持续改善。PM2.5平均浓度为30微克/立方米。\n",
    ],
)
def test_own_name_qualified_by_a_subarea_governs_its_run(body: str) -> None:
    assert page(CITY_PAGE + body) == set()


# --- the bulletin's year: a relative year in its lead, a year-to-date title -------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "乐山市环境质量状况公报发布\n2024-05-28 来源:乐山市生态环境局\n"
            "市生态环境局日前发布了去年全市环境质量状况。\n"
            "全市优良天数比例为86.1%,PM2.5平均浓度为34微克/立方米。\n",
            {("good_air_ratio", 2023, None, 86.1), ("pm25", 2023, None, 34.0)},
        ),
        (
            "湖北省生态环境厅 2023-06-02\n"
            "日前,省生态环境厅发布上年度全省生态环境状况公报,全省生态环境质量持续改善。\n"
            "全省国考断面水质优良比例为93.2%。\n",
            {("water_good_ratio", 2022, None, 93.2)},
        ),
        (
            "遂宁市2023年1-10月环境空气质量状况\n1-10月,全市PM2.5平均浓度为31.5微克/立方米。\n",
            {("pm25", 2023, "1-10", 31.5)},
        ),
        (
            "南充市2024年上半年空气质量\n上半年,全市优良天数比例为85.0%。\n",
            {("good_air_ratio", 2024, "1-6", 85.0)},
        ),
    ],
)
def test_bulletin_year_from_a_relative_lead_or_a_year_to_date_title(
    raw: str, expected: set[tuple]
) -> None:
    assert periods(raw) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("2023年,全市优良断面比例为100%。\n", {("water_good_ratio", 2023, 100.0, None, None)}),
        (
            "2023年,全市国考断面优良断面占比为94.7%。\n",
            {("water_good_ratio", 2023, 94.7, None, None)},
        ),
        (
            "2023年,全市国考断面中Ⅰ~Ⅲ类水质断面数占比为86.4%。\n",
            {("water_good_ratio", 2023, 86.4, None, None)},
        ),
        (
            "2022年,全市Ⅰ-Ⅲ类断面数比例为90.0%。\n",
            {("water_good_ratio", 2022, 90.0, None, None)},
        ),
    ],
)
def test_water_share_names_in_more_wordings(body: str, expected: set[tuple]) -> None:
    assert page(CITY_PAGE + body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a change on an older base first, then the change on the previous year
        (
            "2023年,全市优良天数比例为97.2%,较2020年提高1.9个百分点,较上年提高0.4个百分点。\n",
            {("good_air_ratio", 2023, 97.2, 0.4, "pp")},
        ),
        (
            "2023年,全市PM2.5平均浓度为30微克/立方米,比2015年下降38.8%,同比下降6.3%。\n",
            {("pm25", 2023, 30.0, -6.3, "pct")},
        ),
        # values listed after a verb of change (分别下降至x、y)
        (
            "2023年,全市PM2.5、PM10年均浓度分别下降至29、51微克/立方米。\n",
            {("pm25", 2023, 29.0, None, None)},
        ),
        (
            "2023年,全市优良天数比例、国考断面水质优良比例分别提升至92.1%、95.0%。\n",
            {
                ("good_air_ratio", 2023, 92.1, None, None),
                ("water_good_ratio", 2023, 95.0, None, None),
            },
        ),
    ],
)
def test_changes_on_several_bases_and_lists_after_a_change_verb(body: str, expected: set) -> None:
    assert page(CITY_PAGE + body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "2022年和2023年,全市PM2.5平均浓度分别为35微克/立方米和32微克/立方米。\n",
            {("pm25", 2022, 35.0), ("pm25", 2023, 32.0)},
        ),
        (
            "2021年、2022年,全市优良天数比例分别为88.2%、90.4%。\n",
            {("good_air_ratio", 2021, 88.2), ("good_air_ratio", 2022, 90.4)},
        ),
        (
            "2021年及2022年,全市国考断面水质优良比例分别是93.3%和96.7%。\n",
            {("water_good_ratio", 2021, 93.3), ("water_good_ratio", 2022, 96.7)},
        ),
    ],
)
def test_one_indicator_listed_by_period(body: str, expected: set[tuple]) -> None:
    assert {(v, y, x) for v, y, x, *_ in page(CITY_PAGE + body)} == expected


# --- a comparison on a named year written 同/和/与 YYYY年比 after the value ----------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "2023年,全市空气优良率为95.1%,同2022年比上升1.3个百分点。\n",
            {("good_air_ratio", 2023, 95.1, 1.3, "pp")},
        ),
        (
            "2022年,全市PM2.5平均浓度为29微克/立方米,和上年比下降3.3%。\n",
            {("pm25", 2022, 29.0, -3.3, "pct")},
        ),
        (
            "2022年,全市国考断面水质优良比例为92.0%,与2021年比提高4.0个百分点。\n",
            {("water_good_ratio", 2022, 92.0, 4.0, "pp")},
        ),
    ],
)
def test_comparison_written_with_bi_after_the_value(body: str, expected: set[tuple]) -> None:
    assert page(CITY_PAGE + body) == expected


def test_comparison_with_bi_on_an_older_base_is_no_yoy() -> None:
    body = "2023年,全市空气优良率为95.1%,同2015年比上升11.3个百分点。\n"
    assert page(CITY_PAGE + body) == {("good_air_ratio", 2023, 95.1, None, None)}


# --- indicator names: 平均 inside the good-air name, 的 before the class I–III sections -----


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "2022年,全市城市空气质量优良天数平均比例为81.6%。\n",
            {("good_air_ratio", 2022, 81.6, None, None)},
        ),
        (
            "2022年,各县区环境空气优良天数平均占比为90.2%。\n",
            {("good_air_ratio", 2022, 90.2, None, None)},
        ),
        (  # a qualifier before 优良
            "2022年,全市空气质量综合优良率为88.9%。\n",
            {("good_air_ratio", 2022, 88.9, None, None)},
        ),
        (
            "2022年,全市空气质量总体优良率为92.3%,同比上升1.4个百分点。\n",
            {("good_air_ratio", 2022, 92.3, 1.4, "pp")},
        ),
        (
            "2021年,全市空气质量全年优良率为90.5%。\n",
            {("good_air_ratio", 2021, 90.5, None, None)},
        ),
        (
            "2021年,全市水质为Ⅰ~Ⅲ类的断面比例为89.7%。\n",
            {("water_good_ratio", 2021, 89.7, None, None)},
        ),
        (
            "2021年,全市地表水达到Ⅰ—Ⅲ类的断面占比为93.8%。\n",
            {("water_good_ratio", 2021, 93.8, None, None)},
        ),
    ],
)
def test_indicator_names_with_words_inside(body: str, expected: set[tuple]) -> None:
    assert page(CITY_PAGE + body) == expected


# --- a region of a province with its count of cities is a sub-area ------------------------


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (
            "安徽省环境质量状况\n",
            "2023年,皖北6市细颗粒物平均浓度为42微克/立方米,同比下降2.3%;优良天数比例为71.0%。\n",
        ),
        ("江苏省环境质量状况\n", "2022年,苏南五市PM2.5平均浓度为30微克/立方米。\n"),
        ("广东省环境质量状况\n", "2022年,粤东四市空气质量优良天数比例为95.3%。\n"),
    ],
)
def test_a_region_of_cities_is_a_subarea(head: str, body: str) -> None:
    assert page(head + body) == set()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "2022年,全市空气质量优良天数比例(AQI≤100)为96.4%。\n",
            {("good_air_ratio", 2022, 96.4, None, None)},
        ),
        (
            "2022年,全市水质达到Ⅲ类以上的断面比例为95.2%。\n",
            {("water_good_ratio", 2022, 95.2, None, None)},
        ),
        (
            "2022年,全市地表水Ⅲ类以上水体比例为90.9%。\n",
            {("water_good_ratio", 2022, 90.9, None, None)},
        ),
    ],
)
def test_index_bounds_and_class_iii_above(body: str, expected: set[tuple]) -> None:
    assert page(CITY_PAGE + body) == expected


# --- the value's clause after a change clause; names and shares in other words ------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the change first, then the mean named again or the value's year
        (
            "全省细颗粒物浓度同比下降4.2%,年均浓度为23微克/立方米。\n",
            [("pm25", 2022, 23.0, -4.2, "pct")],
        ),
        (
            "全省地表水国考断面水质优良比例比2020年提高5.1个百分点,2022年达到94.6%。\n",
            [("water_good_ratio", 2022, 94.6, None, None)],
        ),
        (
            "全省空气质量优良天数比例较上年提高0.8个百分点,2022年为92.5%。\n",
            [("good_air_ratio", 2022, 92.5, 0.8, "pp")],
        ),
        # names of the good-air share and of the class I-III share in other words
        ("全省空气质量达到优良的天数比例为91.3%。\n", [("good_air_ratio", 2022, 91.3, None, None)]),
        (
            "全省城市环境空气质量优良天数比重为89.9%。\n",
            [("good_air_ratio", 2022, 89.9, None, None)],
        ),
        (  # the index named with AQI in brackets
            "全省环境空气质量指数(AQI)优良率为93.4%,同比上升1.1个百分点。\n",
            [("good_air_ratio", 2022, 93.4, 1.1, "pp")],
        ),
        (
            "全省城市空气质量指数(AQI)优良天数比例为88.6%。\n",
            [("good_air_ratio", 2022, 88.6, None, None)],
        ),
        (
            "全省国考断面中,一至三类水质断面比例为96.2%。\n",
            [("water_good_ratio", 2022, 96.2, None, None)],
        ),
        # a clause between the sections' count and their share, a comma before 占
        (
            "全省水质优良(Ⅰ~Ⅲ类)断面共182个,较上年增加5个,占比95.8%。\n",
            [("water_good_ratio", 2022, 95.8, None, None)],
        ),
        # the good sections' count between 断面中 and their share
        (
            "全省42个国考断面中优良断面38个,占90.5%,无劣Ⅴ类断面。\n",
            [("water_good_ratio", 2022, 90.5, None, None)],
        ),
        (
            "全省纳入考核的36个地表水断面中,水质优良断面占88.9%。\n",
            [("water_good_ratio", 2022, 88.9, None, None)],
        ),
        (
            "全省60个国考断面中,有57个断面水质为Ⅲ类及以上,占95.0%。\n",
            [("water_good_ratio", 2022, 95.0, None, None)],
        ),
        # 优良率 after the sections were said to meet class III
        (
            "全省12个国控断面水质均达到或优于Ⅲ类,优良率100%。\n",
            [("water_good_ratio", 2022, 100.0, None, None)],
        ),
    ],
)
def test_value_after_a_change_and_names_in_other_words(body: str, expected: list[tuple]) -> None:
    assert coded(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a change naming one indicator of the list is that indicator's only
        (
            "全省优良天数比例、PM2.5浓度分别为88.1%、29微克/立方米,其中优良天数比例比上年"
            "提高1.4个百分点。\n",
            [("good_air_ratio", 2022, 88.1, 1.4, "pp"), ("pm25", 2022, 29.0, None, None)],
        ),
        # a unit written once, after the last change, is every change's
        (
            "全省断面水质优良比例、优良天数比例分别为97.0%、90.2%,比上年分别提高2.5、1.1个百分点。\n",
            [
                ("water_good_ratio", 2022, 97.0, 2.5, "pp"),
                ("good_air_ratio", 2022, 90.2, 1.1, "pp"),
            ],
        ),
    ],
)
def test_changes_of_a_list_go_to_the_indicators_they_name(body: str, expected: list[tuple]) -> None:
    assert sorted(coded(body)) == sorted(expected)


@pytest.mark.parametrize(
    "body",
    [
        "全年全省共投入污染防治资金86.5亿元。\n",
        "四、生态保护投入。全省安排中央和省级生态环境保护专项资金86.5亿元。\n",
        "全年,省财政筹措大气、水、土壤污染防治资金86.5亿元,有力保障了攻坚任务。\n",
    ],
)
def test_funding_in_a_one_year_bulletin_takes_its_year(body: str) -> None:
    assert coded(body) == [("funding_cny", 2022, 8.65e9, None, None)]
