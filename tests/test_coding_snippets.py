"""Snippets of rectification documents, one codebook variable or phrasing at a time.

Expected values come from reading the Chinese against the codebook (shared/codebook.md),
not from the coder's output. Phrasings deliberately go beyond the five corpus documents.
"""

from __future__ import annotations

from typing import Any

import pytest

from analysis.coding.coder import CodedDocument, CodedRecord, code_text
from analysis.ingest import normalize

TITLE = "河源市贯彻落实第二轮中央生态环境保护督察反馈意见整改落实情况\n发布日期:2023-06-25\n"


def code(raw: str) -> CodedDocument:
    """Code a raw snippet as the pipeline does: normalise, then code."""
    return code_text(normalize(raw), "snippet")


def record(raw: str) -> CodedRecord:
    """The only record of a snippet."""
    doc = code(raw)
    assert len(doc.records) == 1, [r.jurisdiction for r in doc.records]
    return doc.records[0]


def values(raw: str) -> dict[str, Any]:
    return record(raw).values


def body(text: str) -> dict[str, Any]:
    """Values of a 河源市 progress report with ``text`` as its body."""
    return values(TITLE + text)


def mentions(raw: str) -> list[tuple]:
    """(variable, year, months, value, yoy_change, yoy_unit) of the only record."""
    return [
        (m.variable, m.year, m.months, m.value, m.yoy_change, m.yoy_unit)
        for m in record(raw).mentions
    ]


def body_mentions(text: str) -> list[tuple]:
    return mentions(TITLE + text)


# --- tasks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "total", "completed"),
    [
        ("截至2023年5月底,17项整改任务中,已完成4项,达时序进度13项。", 17, 4),
        ("督察反馈的整改任务十七项,已完成整改十二项。", 17, 12),
        ("中央督察组反馈的34个问题,已完成整改28个,其余问题正按序时推进。", 34, 28),
        ("整改任务共56项,截至目前已完成整改41项,其余15项正在有序推进。", 56, 41),
        ("对照督察反馈意见,梳理出整改任务二十三项,目前已完成整改二十项。", 23, 20),
        ("我市承担的46项整改任务中完成34项,其余12项达到序时进度。", 46, 34),
        ("51项整改任务已全部完成整改。", 51, 51),
    ],
)
def test_tasks(text: str, total: int, completed: int | None) -> None:
    got = body(text)
    assert got.get("tasks_total") == total
    assert got.get("tasks_completed") == completed


def test_tasks_unit_of_completion_is_the_finer_unit() -> None:
    """ "A个问题B项具体任务…已完成整改C项" → tasks_total B, tasks_completed C."""
    got = body("督察反馈的23个问题,细化为85项具体整改任务,截至2022年底已完成整改70项。")
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (85, 70)


def test_tasks_completion_stated_in_parts_adds_up() -> None:
    text = "督察反馈的31个问题中,今年应完成的20个问题已全部完成,明年应完成的11个问题已提前完成5个。"
    got = body(text)
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (31, 25)


def test_tasks_due_subset_all_done() -> None:
    got = body("督察反馈的82项整改任务中,年底前须完成的60项已全部完成。")
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (82, 60)


def test_tasks_basically_completed_counts() -> None:
    got = body("中央督察反馈的40个问题,已基本完成整改36个。")
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (40, 36)


def test_tasks_subset_to_rectify_by_deadline_is_not_the_total() -> None:
    got = body("督察反馈的52个问题中,需限期整改的49个问题,有30个问题按时限完成整改。")
    assert got.get("tasks_total") == 52
    assert got.get("tasks_completed") == 30


def test_tasks_problems_and_measures_completed_in_both() -> None:
    text = "督察反馈的52个问题中,共193条措施,有30个问题、152条措施按时限完成整改。"
    got = body(text)
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (52, 30)
    assert (got.get("measures_total"), got.get("measures_completed")) == (193, 152)


def test_measures_total() -> None:
    got = body("针对17项整改任务制定细化58项整改措施,逐项明确整改责任主体。")
    assert got.get("measures_total") == 58
    assert got.get("tasks_total") == 17


def test_projects_and_enterprises_completed_are_not_tasks() -> None:
    got = body("全市已完成整改项目120个,关停企业35家。")
    assert got.get("tasks_completed") is None
    assert got.get("tasks_total") is None


@pytest.mark.parametrize(
    ("text", "total", "completed"),
    [
        # the problems fed back, pointed out or set, their count after the noun
        (
            "2022年5月,省督察组向我市反馈督察意见,指出问题31个。截至2023年3月,已完成整改24个。",
            31,
            24,
        ),
        ("省委第二生态环境保护督察组明确整改问题18个,目前已整改完成15个。", 18, 15),
        ("督察组向我市反馈意见,列出涉及我市的问题27个,已完成整改20个。", 27, 20),
        # completion written count first, words between the count and the verb
        ("督察组反馈我市问题20个。截至6月底,其中16个已经市级验收完成销号,4个正在推进。", 20, 16),
        ("督察反馈的问题共14个,有11个经省级验收已整改到位。", 14, 11),
        ("督察组反馈我市的问题共9个,目前已有8个整改完毕。", 9, 8),
        # the verb first, then the problems and their count
        ("截至2023年底,我市已整改完成督察反馈的问题12个,其余问题正在推进。", None, 12),
    ],
)
def test_tasks_fed_back_and_count_first_phrasings(
    text: str, total: int | None, completed: int
) -> None:
    got = body(text)
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (total, completed)


@pytest.mark.parametrize(
    "text",
    [
        "中央督察报告指出的4个方面问题全面彻底整改到位。",  # categories, not a count done
        "督察曝光的5个典型案例完成整改2个,正在整改3个。",  # cases, not the tasks
        "对督察反馈问题做到整改一个、验收一个、销号一个。",  # a set phrase
        "对每项问题一项一项验收,一个一个销号。",
        "应于2023年底前完成整改的问题10个,正按计划推进。",  # the part due, not done
        "督察反馈的问题中,有6个计划年底前完成整改。",
    ],
)
def test_not_a_count_of_tasks_done(text: str) -> None:
    assert body(text).get("tasks_completed") is None


# --- petitions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "total", "resolved"),
    [
        ("督察组转办的3123件信访件,已办结3120件。", 3123, 3120),
        ("督察组移交的225件信访件均已办结。", 225, 225),
        ("督察期间,督察组交办信访件225件,均已办结。", 225, 225),
        ("督察组交办的群众信访举报件共三千一百二十三件,已全部办结。", 3123, 3123),
        ("受理督察组转办群众信访举报件1,205件,已办结1,180件,阶段性办结25件。", 1205, 1180),
        ("中央督察组交办的3321件信访件,已办结(含阶段性办结)3177件。", 3321, 3177),
        ("督察组交办投诉举报问题86个,已整改完成80个。", 86, 80),
        ("督察组交办的信访件一百零五件均已办结。", 105, 105),
        # a count of batches before the running total
        ("督察组交办我市信访件累计6批次78件,均已办结。", 78, 78),
        ("截至6月20日,督察组累计向我市转办信访件11批264件,已全部办结。", 264, 264),
        ("督察组交办的信访件共5批共计131件,目前已全部办结。", 131, 131),
    ],
)
def test_petitions(text: str, total: int, resolved: int) -> None:
    got = body(text)
    assert got.get("petitions_total") == total
    assert got.get("petitions_resolved") == resolved


def test_stage_resolved_alone_is_not_resolved() -> None:
    got = body("督察组交办的信访件300件,目前已阶段性办结120件。")
    assert got.get("petitions_total") == 300
    assert got.get("petitions_resolved") is None


def test_complaint_bulletin_codes_cumulative_totals() -> None:
    raw = (
        "河源市关于中央第二生态环境保护督察组交办第十批信访件办理情况的公示\n"
        "发布时间:2021-09-20\n"
        "2021年9月18日,中央第二生态环境保护督察组向我市转办第十批信访件56件。"
        "截至9月19日,十批共转办信访件1016件,已办结890件。\n"
    )
    got = values(raw)
    assert got.get("petitions_total") == 1016
    assert got.get("petitions_resolved") == 890
    assert got.get("asof") == "2021-09-19"


def test_one_batch_of_complaints_is_not_the_total() -> None:
    raw = (
        "河源市关于中央第二生态环境保护督察组交办第三批信访件办理情况\n"
        "发布时间:2021-09-02\n"
        "中央第二生态环境保护督察组转办第三批信访件32件,已办结12件。\n"
    )
    assert values(raw).get("petitions_total") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "截至2023年10月,中央督察组交办我市的信访件112件已全部办结,"
            "反馈我市的8个问题已完成整改7个。",
            (8, 7, 112, 112),
        ),
        (
            "督察组转办的群众举报件356件均已办结,督察反馈的21项整改任务已完成18项。",
            (21, 18, 356, 356),
        ),
        (
            "督察期间累计受理转办信访件92件,办结90件,督察反馈问题15个,已完成整改12个。",
            (15, 12, 92, 90),
        ),
    ],
)
def test_fed_back_problems_after_complaints_in_one_sentence_are_tasks(
    text: str, expected: tuple[int, int, int, int]
) -> None:
    got = body(text)
    assert (
        got.get("tasks_total"),
        got.get("tasks_completed"),
        got.get("petitions_total"),
        got.get("petitions_resolved"),
    ) == expected


# --- accountability ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("共问责党员干部235名。", 235),
        ("累计追责问责128人,其中处级干部12人。", 128),
        ("对42个责任单位、140名责任人进行追责问责。", 140),
        ("针对督察发现的问题,责任追究105人。", 105),
        ("针对督察发现的问题,问责一百零五人。", 105),
        ("督察整改中共问责91名责任人。", 91),
    ],
)
def test_accountability_people(text: str, people: int) -> None:
    assert body(text).get("accountability_people") == people


@pytest.mark.parametrize(
    "text",
    [
        "约谈企业负责人20人。",
        "对相关人员批评教育15人。",
        "公安机关刑事拘留企业人员8人。",
        "立案查处环境违法案件156件,罚款1200万元。",
    ],
)
def test_not_accountability(text: str) -> None:
    got = body(text)
    assert got.get("accountability_people") is None
    assert got.get("accountability_units") is None


def test_accountability_units() -> None:
    got = body("对42个责任单位、140名责任人进行追责问责。")
    assert got.get("accountability_units") == 42
    got = body("共问责单位12个、人员56名。")
    assert (got.get("accountability_units"), got.get("accountability_people")) == (12, 56)


# --- as-of ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "asof"),
    [
        ("截至2022年底,17项整改任务中,已完成4项。", "2022-12"),
        ("截至2023年5月底,17项整改任务中,已完成4项。", "2023-05"),
        ("截至目前,17项整改任务中,已完成4项。", None),
        ("截止2022年11月30日,17项整改任务中,已完成4项。", "2022-11-30"),
    ],
)
def test_asof(text: str, asof: str | None) -> None:
    assert body(text).get("asof") == asof


def test_asof_without_year_takes_the_year_before() -> None:
    text = "2021年12月13日,督察组向我市反馈督察意见。截至5月底,17项整改任务中,已完成4项。"
    assert body(text).get("asof") == "2021-05"


# --- inspection -------------------------------------------------------------------------


def test_entry_and_feedback_dates_year_from_before() -> None:
    text = (
        "2021年4月7日至5月7日,中央第三生态环境保护督察组对我市开展了第二轮督察,"
        "并于7月20日反馈了督察意见。"
    )
    got = body(text)
    assert (got.get("entry_start"), got.get("entry_end")) == ("2021-04-07", "2021-05-07")
    assert got.get("feedback_date") == "2021-07-20"


def test_entry_dates_with_dash_and_jinzhu() -> None:
    text = "2021年8月27日—9月27日,中央第四生态环境保护督察组进驻广东省开展督察。"
    got = body(text)
    assert (got.get("entry_start"), got.get("entry_end")) == ("2021-08-27", "2021-09-27")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2021年12月13日,中央第四生态环境保护督察组向广东省反馈督察意见。", "2021-12-13"),
        ("省第二生态环境保护督察组于2022年5月20日向我市反馈了督察意见。", "2022-05-20"),
    ],
)
def test_feedback_date(text: str, date: str) -> None:
    assert body(text).get("feedback_date") == date


def test_feedback_date_year_from_the_nearest_full_date_after() -> None:
    raw = (
        "河源市督察整改进展情况\n"
        "督察组于12月13日向我市反馈了督察意见。截至2022年5月底,各项整改有序推进。\n"
    )
    assert values(raw).get("feedback_date") == "2022-12-13"


def test_asof_date_is_not_a_feedback_date() -> None:
    got = body("截至2022年9月底,中央生态环境保护督察反馈的整改任务十七项,已完成整改十二项。")
    assert got.get("feedback_date") is None
    assert got.get("asof") == "2022-09"


@pytest.mark.parametrize(
    ("title", "level", "round_", "batch", "lookback"),
    [
        ("河源市贯彻落实第二轮中央生态环境保护督察反馈意见整改落实情况", "central", 2, None, False),
        ("汉中市贯彻落实省第二轮生态环境保护督察反馈意见整改方案", "provincial", 2, None, False),
        (
            "广州市贯彻落实中央环境保护督察“回头看”及专项督察反馈意见整改方案",
            "central",
            None,
            None,
            True,
        ),
        (
            "百色市关于自治区第三生态环境保护督察组反馈意见整改情况的报告",
            "provincial",
            None,
            None,
            False,
        ),
        ("山西省第二轮第三批中央生态环境保护督察整改落实情况", "central", 2, 3, False),
        ("焦作市省委第三生态环境保护督察反馈意见整改完成情况", "provincial", None, None, False),
    ],
)
def test_inspection_from_title(
    title: str, level: str, round_: int | None, batch: int | None, lookback: bool
) -> None:
    got = values(title + "\n发布日期:2022-01-05\n各项整改工作有序推进。\n")
    assert got.get("inspection_level") == level
    assert got.get("inspection_round") == round_
    assert got.get("inspection_batch") == batch
    assert got.get("lookback") is lookback


# --- document ---------------------------------------------------------------------------


def test_doc_type() -> None:
    assert values("河源市贯彻落实中央生态环境保护督察反馈意见整改方案\n")["doc_type"] == "plan"
    progress = "河源市关于中央生态环境保护督察反馈意见整改进展情况的报告\n"
    assert values(progress)["doc_type"] == "progress"


def test_published_date_header() -> None:
    assert body("")["published_date"] == "2023-06-25"
    raw = "河源市督察整改进展情况\n添加时间:2022年3月5日 来源:河源市生态环境局\n正文。\n"
    assert values(raw)["published_date"] == "2022-03-05"


def test_published_date_closing_dateline() -> None:
    raw = "河源市督察整改进展情况\n整改工作有序推进。\n河源市人民政府\n2022年3月5日\n"
    assert values(raw)["published_date"] == "2022-03-05"


def test_page_date_without_year_is_empty() -> None:
    raw = "河源市督察整改进展情况\n日期:09-28 来源:本站\n整改工作有序推进。\n"
    assert values(raw).get("published_date") is None


# --- jurisdictions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "name", "level", "parent"),
    [
        ("东源县第二轮中央生态环境保护督察整改落实情况", "东源县", "county", "广东省"),
        ("广州市天河区贯彻落实中央生态环境保护督察反馈意见整改情况", "天河区", "county", "广东省"),
        ("广东省河源市中央生态环境保护督察整改落实情况", "河源市", "prefecture", "广东省"),
        (
            "锡林郭勒盟中央生态环境保护督察反馈意见整改方案",
            "锡林郭勒盟",
            "prefecture",
            "内蒙古自治区",
        ),
        (
            "延边州第二轮中央生态环境保护督察整改进展情况",
            "延边朝鲜族自治州",
            "prefecture",
            "吉林省",
        ),
        ("广西壮族自治区中央生态环境保护督察整改落实情况", "广西壮族自治区", "province", None),
    ],
)
def test_jurisdiction(title: str, name: str, level: str, parent: str | None) -> None:
    rec = record(title + "\n发布日期:2022-01-05\n整改工作有序推进。\n")
    assert rec.jurisdiction == name
    assert rec.values["level"] == level
    assert rec.values["parent"] == parent


# --- noise ------------------------------------------------------------------------------


def test_traditional_characters() -> None:
    raw = (
        "東源縣第二輪中央生態環境保護督察整改落實情況\n發佈日期:2022-10-11\n"
        "截至2022年9月底,督察反饋的整改任務十七項,已完成整改十二項;"
        "督察組交辦的信訪件一百零五件均已辦結;共問責黨員幹部二十三人。"
        "2022年,全縣籌集污染防治資金1.2億元。\n"
    )
    rec = record(raw)
    assert rec.jurisdiction == "东源县"
    got = rec.values
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (17, 12)
    assert (got.get("petitions_total"), got.get("petitions_resolved")) == (105, 105)
    assert got.get("accountability_people") == 23
    assert got.get("asof") == "2022-09"
    assert [(m.variable, m.year, m.value) for m in rec.mentions] == [
        ("funding_cny", 2022, 120000000.0)
    ]


def test_pinyin_debris() -> None:
    got = body("17项整(zhěng)改(gǎi)任务中,已完成4项;督察(dū chá)组移交的225件信访件均已办结。")
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (17, 4)
    assert got.get("petitions_resolved") == 225


def test_html_chrome_around_the_body() -> None:
    raw = (
        "首页 > 政务公开 > 通知公告\n"
        "网站地图 | 无障碍 | 繁体版 | 登录\n"
        "河源市贯彻落实第二轮中央生态环境保护督察反馈意见整改落实情况\n"
        "发布时间:2023-06-25 15:38:38 来源:河源市生态环境局 浏览次数:1234 字号:大 中 小\n"
        "分享到: 微信 微博 QQ空间\n"
        "截至2023年5月底,17项整改任务中,已完成4项;督察组移交的225件信访件均已办结。\n"
        "【打印本页】 【关闭窗口】\n"
        "扫一扫在手机打开当前页 下载河源发布APP\n"
        "版权所有:河源市人民政府办公室 Copyright © 2005-2024 粤ICP备05008532号\n"
        "网站标识码:4416000001 联系电话:0762-3387000\n"
    )
    rec = record(raw)
    assert rec.jurisdiction == "河源市"
    got = rec.values
    assert got["published_date"] == "2023-06-25"
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (17, 4)
    assert (got.get("petitions_total"), got.get("petitions_resolved")) == (225, 225)
    assert got.get("asof") == "2023-05"


# --- who speaks -------------------------------------------------------------------------


def test_feedback_report_of_the_team_is_no_record() -> None:
    raw = (
        "中央第二生态环境保护督察组向河北省反馈督察情况\n"
        "发布时间:2021-07-20\n"
        "2021年4月6日至5月6日,中央第二生态环境保护督察组对河北省开展了第二轮督察。"
        "督察组共受理转办群众信访举报3000件。督察指出,河北省有12个问题整改不到位。\n"
    )
    doc = code(raw)
    assert all(not r.account for r in doc.records)
    for rec in doc.records:
        assert rec.values.get("petitions_total") is None
        assert rec.values.get("tasks_total") is None


def test_feedback_report_with_own_figures_codes_them() -> None:
    raw = (
        "中央第二生态环境保护督察组向河北省反馈督察情况\n"
        "发布时间:2021-07-20\n"
        "督察组交办的3000件群众信访举报件,河北省已办结2900件,问责156人。\n"
    )
    rec = record(raw)
    assert rec.values.get("petitions_resolved") == 2900
    assert rec.values.get("accountability_people") == 156


# --- joint document ---------------------------------------------------------------------

JOINT = (
    "第二轮第三批中央生态环境保护督察整改落实情况:山西、广西等2省(区)公开\n"
    "2024-04-04\n"
    "2省(区)共有整改任务121项。广西累计投入资金50亿元。\n"
    "01山西省公开第二轮中央生态环境保护督察整改落实情况\n"
    "2021年4月7日至5月7日,中央第一生态环境保护督察组对山西省开展了第二轮督察,"
    "并于7月20日反馈了督察意见。山西省82项整改任务已完成整改59项。\n"
    "02广西壮族自治区公开第二轮中央生态环境保护督察整改落实情况\n"
    "2021年4月9日至5月9日,中央第五生态环境保护督察组对广西壮族自治区开展第二轮督察,"
    "7月16日反馈督察意见。截至目前,39个问题应完成整改19个,已完成整改19个。\n"
)


def test_joint_document_records() -> None:
    doc = code(JOINT)
    by_name = {r.jurisdiction: r for r in doc.records}
    assert set(by_name) == {"山西省", "广西壮族自治区"}
    shanxi, guangxi = by_name["山西省"].values, by_name["广西壮族自治区"].values
    assert (shanxi.get("tasks_total"), shanxi.get("tasks_completed")) == (82, 59)
    assert (guangxi.get("tasks_total"), guangxi.get("tasks_completed")) == (39, 19)
    for got in (shanxi, guangxi):
        assert got["inspection_batch"] == 3
        assert got["inspection_round"] == 2
        assert got["inspection_level"] == "central"
        assert got["published_date"] == "2024-04-04"
    assert shanxi["feedback_date"] == "2021-07-20"
    assert guangxi["feedback_date"] == "2021-07-16"
    assert (guangxi["entry_start"], guangxi["entry_end"]) == ("2021-04-09", "2021-05-09")
    assert guangxi.get("asof") is None


def test_joint_document_short_name_summary_sentence() -> None:
    by_name = {r.jurisdiction: r for r in code(JOINT).records}
    funding = [(m.variable, m.value) for m in by_name["广西壮族自治区"].mentions]
    assert funding == [("funding_cny", 5e9)]
    assert by_name["山西省"].mentions == []


# --- more phrasings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "total", "completed"),
    [
        ("督察反馈意见明确的整改任务45项,已完成整改43项。", 45, 43),
        ("涉及我市的整改任务共28项,已完成26项,其余2项正在推进。", 28, 26),
        ("督察组反馈的36个问题中,已完成整改30个,6个问题达到序时进度。", 36, 30),
    ],
)
def test_tasks_more(text: str, total: int, completed: int) -> None:
    got = body(text)
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (total, completed)


@pytest.mark.parametrize(
    "text",
    [
        "全市整改完成率达到92%。",
        "督察发现的问题中,12个问题尚未完成整改。",
        "全市已完成整改项目120个。",
        "已完成整改的问题均纳入动态管控。",
    ],
)
def test_not_tasks(text: str) -> None:
    got = body(text)
    assert got.get("tasks_total") is None
    assert got.get("tasks_completed") is None


@pytest.mark.parametrize(
    ("text", "total", "resolved"),
    [
        ("共收到中央督察组转办信访件1,234件,已按期办结1,200件。", 1234, 1200),
        ("督察组交办的2000件群众信访举报件,已办结销号1990件。", 2000, 1990),
        ("督察组转办的2,863件举报件已全部办理完毕。", 2863, 2863),
        # the total after 累计达到 / 总数为, a count of batches written with 个
        ("督察组转办我市的群众信访件累计达到512件,其中已办结到位497件。", 512, 497),
        ("省督察组转交我市的投诉举报案件总数为64个,现已全部办结销号。", 64, 64),
        ("截至当日,督察组已向我市转来12个批次的举报件,累计达到403件,已办结390件。", 403, 390),
        # the part of the handed-over complaints that concerns the jurisdiction
        ("督察组转办的信访举报件中,涉及我市的有218件,已办结209件。", 218, 209),
        # a date between the total and all done; words after 办理完毕 before the count
        ("交办我市的信访件共276件,截至2023年4月,已全部经督察组审核认定办结。", 276, 276),
        ("我市累计承办督察组转办件已有163件,办理完毕并反馈的有141件。", 163, 141),
    ],
)
def test_petitions_more(text: str, total: int, resolved: int) -> None:
    got = body(text)
    assert (got.get("petitions_total"), got.get("petitions_resolved")) == (total, resolved)


def test_resolution_rate_alone_is_no_resolved_count() -> None:
    got = body("督察组交办信访件225件,办结率100%。")
    assert got.get("petitions_total") == 225
    assert got.get("petitions_resolved") is None


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("针对督察反馈问题,问责处理153人。", 153),
        ("共有87名领导干部被问责。", 87),
        ("约谈相关负责人12人,问责5人。", 5),
        ("共追责问责单位12个、人员56名。", 56),
    ],
)
def test_accountability_more(text: str, people: int) -> None:
    assert body(text).get("accountability_people") == people


def test_measures_more() -> None:
    got = body("制定整改措施213条,截至2022年底,213条整改措施中已完成178条。")
    assert (got.get("measures_total"), got.get("measures_completed")) == (213, 178)


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("河源市贯彻落实中央生态环境保护督察反馈意见整改工作方案", "plan"),
        ("河源市中央生态环境保护督察整改实施方案", "plan"),
        ("河源市中央生态环境保护督察整改方案落实情况", "progress"),
        ("关于河源市中央生态环境保护督察整改情况的报告", "progress"),
        ("河源市中央生态环境保护督察反馈问题整改进展情况", "progress"),
    ],
)
def test_doc_type_titles(title: str, doc_type: str) -> None:
    assert values(title + "\n正文。\n")["doc_type"] == doc_type


@pytest.mark.parametrize(
    ("title", "level", "lookback"),
    [
        ("河源市省级生态环境保护督察反馈意见整改情况", "provincial", False),
        ("河源市省生态环境保护督察“回头看”反馈意见整改落实情况", "provincial", True),
        ("河源市中央第五生态环境保护督察组反馈意见整改情况", "central", False),
        ("河源市第三轮省生态环境保护督察整改进展", "provincial", False),
    ],
)
def test_inspection_level_more(title: str, level: str, lookback: bool) -> None:
    got = values(title + "\n正文。\n")
    assert got.get("inspection_level") == level
    assert got.get("lookback") is lookback


def test_round_in_chinese_numerals() -> None:
    assert values("河源市第三轮省生态环境保护督察整改进展\n正文。\n")["inspection_round"] == 3


@pytest.mark.parametrize(
    ("text", "start", "end", "feedback"),
    [
        (
            "2021年4月7日-5月7日,中央第一生态环境保护督察组进驻我市。"
            "2021年7月20日,督察组向我市反馈督察意见。",
            "2021-04-07",
            "2021-05-07",
            "2021-07-20",
        ),
        (
            "中央第四生态环境保护督察组于2021年8月27日至2021年9月27日对我市进行督察,"
            "并于2021年12月13日向我市反馈了督察意见。",
            "2021-08-27",
            "2021-09-27",
            "2021-12-13",
        ),
    ],
)
def test_entry_feedback_more(text: str, start: str, end: str, feedback: str) -> None:
    raw = "河源市督察整改进展情况\n" + text + "\n"
    got = values(raw)
    assert (got.get("entry_start"), got.get("entry_end"), got.get("feedback_date")) == (
        start,
        end,
        feedback,
    )


def test_header_date_written_in_chinese() -> None:
    raw = "河源市督察整改进展情况\n2023年06月25日 来源:河源市生态环境局\n正文。\n"
    assert values(raw)["published_date"] == "2023-06-25"


def test_county_record_does_not_take_the_citys_value() -> None:
    raw = (
        "东源县第二轮中央生态环境保护督察整改落实情况\n2022年,全市PM2.5平均浓度为22微克/立方米。\n"
    )
    assert record(raw).mentions == []
    raw = (
        "东源县第二轮中央生态环境保护督察整改落实情况\n2022年,全县PM2.5平均浓度为20微克/立方米。\n"
    )
    assert [(m.variable, m.value) for m in record(raw).mentions] == [("pm25", 20.0)]


def test_entry_days_stated_apart() -> None:
    raw = (
        "河源市督察整改进展情况\n"
        "中央第一生态环境保护督察组于2021年4月7日进驻我市,5月7日结束进驻,"
        "7月20日向我市反馈了督察意见。\n"
    )
    got = values(raw)
    assert (got.get("entry_start"), got.get("entry_end")) == ("2021-04-07", "2021-05-07")
    assert got.get("feedback_date") == "2021-07-20"


def test_bulletin_batch_with_running_total_in_one_sentence() -> None:
    raw = (
        "河源市关于中央第二生态环境保护督察组交办第十批信访件办理情况的公示\n"
        "发布时间:2021-09-20\n"
        "督察组向我市转办第十批信访件56件,累计转办信访件1016件,已办结890件。\n"
    )
    got = values(raw)
    assert (got.get("petitions_total"), got.get("petitions_resolved")) == (1016, 890)


def test_bulletin_batch_alone_gives_no_petition_counts() -> None:
    raw = (
        "河源市关于中央第二生态环境保护督察组交办第三批信访件办理情况\n"
        "发布时间:2021-09-02\n"
        "中央第二生态环境保护督察组转办第三批信访件32件,已办结12件。\n"
    )
    got = values(raw)
    assert (got.get("petitions_total"), got.get("petitions_resolved")) == (None, None)


def test_cumulative_handed_over_with_place_in_between() -> None:
    got = body("截至目前,督察组累计交办我市信访件1016件,已办结1000件。")
    assert (got.get("petitions_total"), got.get("petitions_resolved")) == (1016, 1000)


@pytest.mark.parametrize(
    "title",
    [
        "中央第一生态环境保护督察组向山西省反馈督察情况",
        "山西省召开中央生态环境保护督察反馈会",
    ],
)
def test_feedback_report_titles(title: str) -> None:
    raw = title + "\n发布时间:2021-07-20\n督察组共受理转办群众信访举报3000件。\n"
    assert all(not r.account for r in code(raw).records)


def test_county_level_city_keeps_its_own_quanshi() -> None:
    raw = (
        "韶山市第二轮中央生态环境保护督察整改落实情况\n2022年,全市PM2.5平均浓度为30微克/立方米。\n"
    )
    rec = record(raw)
    assert rec.values["level"] == "county"
    assert [(m.variable, m.value) for m in rec.mentions] == [("pm25", 30.0)]


def test_clues_and_hazards_completed_are_not_tasks() -> None:
    got = body("全市共排查问题线索256个,已完成整改240个。")
    assert got.get("tasks_completed") is None


def test_fed_back_problems_noun_first() -> None:
    got = body("中央督察反馈问题35个,已完成整改30个。")
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (35, 30)


@pytest.mark.parametrize(
    "text",
    [
        "对发现的问题,约谈党政领导干部36人次。",
        "督察期间,全市共立案处罚企业135家,罚款2350万元,行政拘留12人,刑事拘留8人。",
        "督察组交办的信访件中,重复件120件。",
    ],
)
def test_enforcement_is_not_coded(text: str) -> None:
    got = body(text)
    for variable in ("accountability_people", "petitions_total", "petitions_resolved"):
        assert got.get(variable) is None


def test_todays_date_in_page_chrome_is_not_the_publication_date() -> None:
    raw = (
        "今天是2024年3月5日 星期二\n河源市督察整改进展情况\n正文。\n河源市人民政府\n2023年6月25日\n"
    )
    assert values(raw)["published_date"] == "2023-06-25"


@pytest.mark.parametrize(
    ("text", "total", "resolved", "asof"),
    [
        ("督察组向我市移交群众投诉问题1876个,截至2022年9月底已办结1705个。", 1876, 1705, "2022-09"),
        ("中央督察组转办信访件共计640件,至2023年5月31日,已办结612件。", 640, 612, "2023-05-31"),
        (
            "督察组转来的群众信访举报件共287件,截至今年6月底已办结279件。\n2023年7月3日",
            287,
            279,
            "2023-06",
        ),
        ("督察组交办的举报件418件中,截至8月15日已结案396件。2023年8月16日", 418, 396, "2023-08-15"),
    ],
)
def test_petitions_resolved_after_a_date_that_follows_the_total(
    text: str, total: int, resolved: int, asof: str
) -> None:
    """A 截至 date standing between the total and the resolved count dates both."""
    got = body(text)
    assert (got["petitions_total"], got["petitions_resolved"], got["asof"]) == (
        total,
        resolved,
        asof,
    )


@pytest.mark.parametrize(
    ("text", "asof"),
    [
        ("截至2021年底,全市追责问责责任人员89人,其中县处级干部12人。", "2021-12"),
        ("截至2022年6月30日,共问责党员干部56名。", "2022-06-30"),
        ("截至2020年9月,全县对14个单位、37名责任人进行了问责。", "2020-09"),
    ],
)
def test_asof_of_an_account_that_states_only_people_held_accountable(text: str, asof: str) -> None:
    assert body(text)["asof"] == asof


def test_asof_of_tasks_before_that_of_accountability() -> None:
    got = body(
        "截至2022年3月,全市问责干部21人。截至2023年5月底,督察反馈的40项整改任务已完成36项。"
    )
    assert (got["tasks_total"], got["tasks_completed"], got["asof"]) == (40, 36, "2023-05")


@pytest.mark.parametrize(
    "raw",
    [
        "永州市督察整改进展情况\n截至2023年6月底,第二轮省级督察反馈的38个问题中,31个已整改到位。\n",
        "吉首市整改工作推进会召开\n会议通报,省委第三督察组反馈我市的问题已完成整改17个。\n",
        "桂林市整改落实情况\n自治区督察组交办的信访件共计206件,已办结198件。\n",
    ],
)
def test_provincial_inspection_named_without_environmental_words(raw: str) -> None:
    assert values(raw)["inspection_level"] == "provincial"


def test_central_inspection_still_wins_over_a_provincial_team_named_later() -> None:
    raw = (
        "抚州市中央生态环境保护督察整改进展\n"
        "截至2023年4月,督察反馈的25个问题已完成整改20个;省督察组交办的信访件已全部办结。\n"
    )
    assert values(raw)["inspection_level"] == "central"


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("群众信访举报件1,106件已全部办结。", 1106),
        ("督察期间,环境信访件共计318件,均已办结。", 318),
        ("群众举报件87件已全部办理完毕。", 87),
    ],
)
def test_complaints_all_resolved_give_the_total_too(text: str, total: int) -> None:
    """均已办结/全部办结 means all of the total: the count stated before it is the total."""
    got = body(text)
    assert (got["petitions_total"], got["petitions_resolved"]) == (total, total)


def test_one_batch_all_resolved_is_not_the_total() -> None:
    got = body("第十批信访件43件已全部办结。")
    assert got.get("petitions_total") is None


@pytest.mark.parametrize(
    ("text", "asof"),
    [
        ("督察反馈的21个问题细化为89条整改措施,截至2023年5月,已完成整改措施76条。", "2023-05"),
        ("共明确整改措施140项,截至2022年12月31日,已完成整改措施131项。", "2022-12-31"),
    ],
)
def test_asof_of_the_measures_when_the_tasks_have_none(text: str, asof: str) -> None:
    assert body(text)["asof"] == asof


# --- a complaint bulletin's title names the complaints its counts are of -------------------


@pytest.mark.parametrize(
    ("raw", "total", "resolved"),
    [
        (
            "衢江区第十批信访件办理情况\n"
            "本批次交办的26件中,已办结9件;累计交办的412件中,已办结367件。\n",
            412,
            367,
        ),
        (
            "柯城区第三批群众信访举报件办理情况\n截至8月20日,累计交办的98件中,已办结90件。\n",
            98,
            90,
        ),
        ("龙游县信访投诉件办理情况通报\n累计转办的57件中,已办结49件,其余正在办理。\n", 57, 49),
    ],
)
def test_complaint_counts_under_a_title_naming_the_complaints(
    raw: str, total: int, resolved: int
) -> None:
    found = values(raw)
    assert (found.get("petitions_total"), found.get("petitions_resolved")) == (total, resolved)


def test_counts_under_a_title_naming_no_complaints_are_not_complaints() -> None:
    found = values("龙游县生态环境保护督察整改情况\n累计转办的57件中,已办结49件,其余正在办理。\n")
    assert "petitions_total" not in found and "petitions_resolved" not in found
