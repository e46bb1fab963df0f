"""More phrasings of first-round (2016–2018) accounts: expected values read from the text."""

from __future__ import annotations

import pytest

from analysis.coding.coder import code_text
from analysis.ingest import normalize

HEAD = "鹤壁市关于中央环境保护督察反馈意见整改落实情况的公告\n发布时间:2018-01-15\n"


def _record(body: str):
    doc = code_text(normalize(HEAD + body), "t")
    [record] = doc.records
    return record.values


def test_basically_completed_counts_as_completed_and_parts_add_up():
    values = _record(
        "截至2017年12月底,中央环境保护督察反馈意见涉及我市的64项整改任务中,"
        "已完成整改52项,基本完成8项,其余4项正在推进。"
    )
    assert (values["tasks_total"], values["tasks_completed"]) == (64, 60)


@pytest.mark.parametrize(
    "sentence, total, resolved",
    [
        ("督察组交办的427件环境信访问题已全部办结。", 427, 427),
        ("督察组交办的环境信访举报件共1,234件,已办结1,200件。", 1234, 1200),
        ("督察期间累计受理群众举报1523件,已办结1500件,阶段性办结23件。", 1523, 1500),
    ],
)
def test_complaint_nouns_with_prefixes(sentence, total, resolved):
    values = _record(sentence)
    assert (values["petitions_total"], values["petitions_resolved"]) == (total, resolved)


def test_case_counts_of_courts_and_police_are_not_complaints():
    values = _record("移交司法机关案件12件,侦破污染环境刑事案件9件。")
    assert values.get("petitions_total") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "2018年,全省地表水国考断面Ⅰ—Ⅲ类水质比例为84.6%。",
        "2018年,全省I~III类水体比例达到84.6%。",
        "2018年,全省Ⅰ至Ⅲ类断面占比84.6%。",
    ],
)
def test_share_of_class_one_to_three_with_any_dash(sentence):
    doc = code_text(normalize("湖北省中央生态环境保护督察整改情况\n" + sentence), "t")
    [record] = doc.records
    found = [(m.variable, m.year, m.value) for m in record.mentions]
    assert found == [("water_good_ratio", 2018, 84.6)]


def test_whole_province_values_kept_city_values_and_targets_not():
    text = (
        "湖北省中央生态环境保护督察整改情况\n2018年,全省PM2.5平均浓度为49微克/立方米,同比下降9.3%;"
        "其中,武汉市PM2.5平均浓度为52微克/立方米。到2020年,全省PM2.5平均浓度力争下降到45微克/立方米以下。"
    )
    [record] = code_text(normalize(text), "t").records
    assert [(m.variable, m.year, m.value, m.yoy_change) for m in record.mentions] == [
        ("pm25", 2018, 49.0, -9.3)
    ]


def test_end_of_stay_and_feedback_meeting_dated_after_their_names():
    values = _record(
        "中央第六环境保护督察组于2017年8月7日进驻我省开展督察,至9月7日结束督察。"
        "督察意见反馈会于2017年12月24日召开。"
    )
    assert (values["entry_start"], values["entry_end"], values["feedback_date"]) == (
        "2017-08-07",
        "2017-09-07",
        "2017-12-24",
    )


def test_dateline_in_chinese_numerals():
    text = (
        "石家庄市中央生态环境保护督察整改落实情况的报告\n截至2023年5月底,17项整改任务中,已完成4项。\n"
        + "正文。" * 40
        + "\n\n石家庄市生态环境保护督察整改工作领导小组\n二〇二三年六月二十五日\n"
    )
    [record] = code_text(normalize(text), "t").records
    assert record.values["published_date"] == "2023-06-25"


def test_values_stated_after_their_change():
    text = (
        "湖北省中央生态环境保护督察整改情况\n2019年,全省PM2.5平均浓度同比下降10.2%,为44微克/立方米;"
        "优良天数比例同比提高2.3个百分点,达到85.2%。"
    )
    [record] = code_text(normalize(text), "t").records
    assert sorted((m.variable, m.year, m.value) for m in record.mentions) == [
        ("good_air_ratio", 2019, 85.2),
        ("pm25", 2019, 44.0),
    ]


def test_publisher_naming_a_district_inside_a_city():
    text = (
        "關於第二輪中央生態環境保護督察整改落實情況的報告\n"
        "來源:韶关市浈江区人民政府 發布日期:2022年03月15日\n"
        "截至2022年2月底,督察反饋涉及我區的整改任務共11項,已完成整改7項。\n"
    )
    [record] = code_text(normalize(text), "t").records
    assert (record.jurisdiction, record.values["level"], record.values["parent"]) == (
        "浈江区",
        "county",
        "广东省",
    )
    assert (record.values["tasks_total"], record.values["tasks_completed"]) == (11, 7)


def test_year_to_date_periods_and_change_on_the_same_period_last_year():
    text = (
        "临沂市第二轮中央生态环境保护督察整改进展情况\n发布日期:2022-07-20\n"
        "今年上半年,全市PM2.5平均浓度为43微克/立方米,同比改善6.5%。2021年前三季度,"
        "全市优良天数比例为70.2%。2022年1—6月,全市国控断面水质优良比例达到85.7%,"
        "较上年同期提高7.1个百分点。"
    )
    [record] = code_text(normalize(text), "t").records
    found = {
        (m.variable, m.year, m.months, m.value, m.yoy_change, m.yoy_unit) for m in record.mentions
    }
    assert found == {
        ("pm25", 2022, "1-6", 43.0, -6.5, "pct"),
        ("good_air_ratio", 2021, "1-9", 70.2, None, None),
        ("water_good_ratio", 2022, "1-6", 85.7, 7.1, "pp"),
    }


@pytest.mark.parametrize(
    "sentence, people, units",
    [
        ("对23个单位、156名责任人进行了追责问责。", 156, 23),
        ("共问责处理党员干部156名。", 156, None),
        ("追责问责单位23个、个人156人。", 156, 23),
        ("共追责问责156人,其中厅级干部3人、处级干部28人。", 156, None),
        ("问责156人次。", 156, None),  # person-times counted as people
        ("共追责问责单位12家、个人47名。", 47, 12),  # units counted in 家
        ("全市问责责任单位5家,责任人员31人。", 31, 5),
        ("截至目前,全市已有26人被立案问责。", 26, None),  # words between 被 and the verb
        ("因整改不力,共有14名干部被严肃追责问责。", 14, None),
        ("3名企业负责人被立案调查,8名公职人员被立案审查并问责。", 8, None),
        # company staff rule out only the part of the sentence that counts them
        ("全区已有19人被立案问责;另有7名企业人员被公安机关刑事拘留。", 19, None),
        ("对5名干部进行问责;对3名企业负责人进行约谈。", 5, None),
        ("问责企业负责人12人。", None, None),
        ("对11名企业人员进行问责;对4名公职人员进行问责。", 4, None),
        # those only talked to or criticised, the verb after them (talk_after)
        ("对进度滞后的7家单位负责人进行约谈,对5名干部给予问责。", 5, None),
        ("对6个责任单位进行通报批评,问责3人。", 3, None),
        ("问责单位4个,对9名干部进行提醒谈话。", None, 4),
        ("对12名干部进行问责,对3个单位进行约谈。", 12, None),
        # units (单位, 部门) and people both before the verb
        ("对整改推进不力的3个部门、11名干部予以问责。", 11, 3),
        ("对履职不到位的5家单位和16名责任人进行了严肃问责。", 16, 5),
        ("会同12个部门开展联合检查,问责6人。", 6, None),  # departments not held accountable
    ],
)
def test_accountability_phrasings(sentence, people, units):
    values = _record(sentence)
    assert (values.get("accountability_people"), values.get("accountability_units")) == (
        people,
        units,
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("督察反馈的17项整改任务已全部完成。", {"tasks_total": 17, "tasks_completed": 17}),
        (
            "整改任务共计45项,已完成38项,基本完成4项,其余3项按序时推进。",
            {"tasks_total": 45, "tasks_completed": 42},
        ),
        (
            "反馈意见中涉及我省的问题共计35个,细化为整改任务102项,截至目前已完成整改89项。",
            {"tasks_total": 102, "tasks_completed": 89},
        ),
        (
            "督察组交办的信访件已全部办结,共计1523件。",
            {"petitions_total": 1523, "petitions_resolved": 1523},
        ),
    ],
)
def test_totals_and_completion_in_other_orders(sentence, expected):
    values = _record(sentence)
    assert {k: values.get(k) for k in expected} == expected


def test_city_record_takes_city_wide_values_not_its_county_or_urban_area():
    text = (
        "河源市中央生态环境保护督察整改情况\n2022年,全市AQI优良率为96.2%;东源县PM2.5平均浓度为"
        "20微克/立方米;市区PM2.5平均浓度为22微克/立方米;全市PM2.5平均浓度为21微克/立方米。"
    )
    [record] = code_text(normalize(text), "t").records
    assert sorted((m.variable, m.year, m.value) for m in record.mentions) == [
        ("good_air_ratio", 2022, 96.2),
        ("pm25", 2022, 21.0),
    ]
