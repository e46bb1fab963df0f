"""Document and inspection fields read from snippets: doc_type, published_date, inspection
level/round/batch, lookback, entry and feedback dates, asof (analysis.coding.inspection,
analysis.coding.document).

Every snippet is written for these tests; the expected values come from reading it against
the codebook (v1.1), several wordings per class.
"""

from __future__ import annotations

from typing import Any

import pytest

from analysis.coding.coder import code_text
from analysis.ingest import normalize

TITLE = "韶关市贯彻落实第二轮中央生态环境保护督察反馈意见整改落实情况\n发布日期:2023-06-25\n"


def values(raw: str) -> dict[str, Any]:
    doc = code_text(normalize(raw), "snippet")
    assert len(doc.records) == 1, [r.jurisdiction for r in doc.records]
    return doc.records[0].values


def body(text: str) -> dict[str, Any]:
    """Values of a 韶关市 progress report with ``text`` as its body."""
    return values(TITLE + text)


# --- asof -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "asof"),
    [
        # a day alone takes month and year from the dated day before it
        (
            "4月6日,督察组继续在我市开展督察。截至6日,督察组累计向我市转办信访件130件。",
            "2023-04-06",
        ),
        (
            "3月9日,督察组在我市下沉督察。截至9日18时,督察组累计向我市交办信访件218件。",
            "2023-03-09",
        ),
        # 截至当天 / 当日 is the day named before it
        (
            "5月28日,督察组转来第19批信访件14件;截至当天,累计转办信访件238件。",
            "2023-05-28",
        ),
        (
            "11月20日,省督察组交办第十一批信访件27件。截至当日,累计交办信访件312件。",
            "2023-11-20",
        ),
    ],
)
def test_asof_day_only_and_same_day(text: str, asof: str) -> None:
    assert body(text).get("asof") == asof


@pytest.mark.parametrize(
    ("text", "asof"),
    [
        ("4月9日,督察组继续在我县督察。至当日,我县累计承接督察组转交信访件37件。", "2023-04-09"),
        ("督察组在我县下沉督察。至8月2日,我县累计承接督察组转交信访件96件。", "2023-08-02"),
        ("到2022年10月底为止,督察组累计向我县转交信访件61件。", "2022-10"),
    ],
)
def test_asof_written_with_zhi_or_dao(text: str, asof: str) -> None:
    assert body(text).get("asof") == asof


def test_range_end_is_not_an_asof() -> None:
    got = body("2021年4月7日至5月7日,中央督察组进驻广东省,督察组向我市转交信访件96件。")
    assert got.get("asof") is None


def test_asof_day_before_the_previous_date_is_not_guessed() -> None:
    text = "4月20日,督察组向我市转办信访件12件。截至6日,累计转办信访件130件,均已办结。"
    assert body(text).get("asof") is None


@pytest.mark.parametrize(
    ("text", "asof"),
    [
        ("2022年3月1日,截至今年2月底,41项整改任务已完成30项。", "2022-02"),
        ("截至去年底,反馈的41个问题已完成整改30个。", "2022-12"),
    ],
)
def test_asof_relative_year(text: str, asof: str) -> None:
    assert body(text).get("asof") == asof


def test_asof_stated_in_the_title_holds_for_the_record() -> None:
    raw = (
        "韶关市中央督察组交办信访件办理情况通报(截至7月14日)\n发布日期:2023-07-15\n"
        "督察组共向我市转办信访件316件,已办结288件。\n"
    )
    assert values(raw).get("asof") == "2023-07-14"


def test_asof_with_figures_read_only_by_the_date_phrase() -> None:
    # the count is not one the count rules read; the 截至 date of its sentence still is
    text = "截至2023年5月底,交办我市的群众来访事项共计86宗已全部完成核查。"
    assert body(text).get("asof") == "2023-05"


def test_asof_not_taken_from_a_sentence_without_a_count() -> None:
    text = "截至2023年5月底,全市上下形成了齐抓共管的整改格局。"
    assert body(text).get("asof") is None


# --- doc_type ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "韶关市落实第三轮省级生态环境保护督察反馈问题整改方案(向社会公开)",
        "韶关市贯彻落实中央生态环境保护督察报告整改方案(公开版)",
        "韶关市公布省级督察反馈问题整改清单",
        "韶关市第二轮中央生态环境保护督察整改任务清单",
    ],
)
def test_plan_titles(title: str) -> None:
    got = values(title + "\n共形成31项整改任务,2023年底前完成18项,2024年底前全部完成。\n")
    assert got["doc_type"] == "plan"


@pytest.mark.parametrize(
    "text",
    [
        "为抓好韶关市督察反馈问题整改,结合实际,制定本方案。",
        "市委常委会审议通过《韶关市整改方案》。《整改方案》明确,到2025年全部整改到位。",
        "经市委常委会审议,制定《韶关市省级督察整改清单》,列出整改任务57项,现予公布。",
        "韶关市制定的《整改方案》已经市委、市政府同意,现按要求予以公开。",
    ],
)
def test_plan_stated_in_the_body(text: str) -> None:
    assert values(text + "\n")["doc_type"] == "plan"


@pytest.mark.parametrize(
    "text",
    [
        "《整改方案》明确的31项整改任务已完成18项。",
        "韶关市整改方案落实情况现予以公开。",
        "截至2023年5月底,31项整改任务已完成18项。",
    ],
)
def test_progress_report_that_names_the_plan_is_progress(text: str) -> None:
    assert values("韶关市督察整改工作动态\n" + text + "\n")["doc_type"] == "progress"


@pytest.mark.parametrize(
    "title",
    [
        "韶关市督察整改任务清单完成情况",
        "韶关市整改方案推进情况通报",
        "韶关市中央督察整改方案工作进展",
    ],
)
def test_progress_on_a_plan_or_list_is_progress(title: str) -> None:
    assert values(title + "\n31项整改任务已完成18项。\n")["doc_type"] == "progress"


def test_progress_title_wins_over_a_bracketed_qualifier() -> None:
    raw = "韶关市督察反馈问题整改方案落实情况(公开版)\n31项整改任务已完成18项。\n"
    assert values(raw)["doc_type"] == "progress"


# --- published_date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stamp", "iso"),
    [("03.08.2016  18:37", "2016-08-03"), ("26.07.2017", "2017-07-26")],
)
def test_page_stamp_day_first(stamp: str, iso: str) -> None:
    raw = f"韶关市督察整改进展情况\n\n{stamp}\n\n督察组转办的信访件已全部办结。\n"
    assert values(raw)["published_date"] == iso


def test_bare_date_after_the_body_has_begun_is_not_a_page_date() -> None:
    raw = (
        "韶关市督察整改进展情况\n督察组转办的信访件已全部办结。\n"
        "信访件分类统计表\n2022年1月2日\n地区 | 件数\n"
    )
    assert values(raw).get("published_date") is None


@pytest.mark.parametrize(
    ("lead", "iso"),
    [
        ("韶关网1月3日讯 2日,记者从市督察整改办获悉", "2022-01-03"),
        ("本报韶关3月5日电 记者从市生态环境局获悉", "2022-03-05"),
    ],
)
def test_news_dateline_takes_the_year_of_the_nearest_full_date(lead: str, iso: str) -> None:
    raw = f"{lead},我市督察整改有序推进。\n统计截止时间为2022年1月2日。\n"
    assert values(raw)["published_date"] == iso


def test_stay_period_line_is_not_the_publication_date() -> None:
    raw = "韶关市督察整改进展情况\n督察进驻时间:2022年8月2日—8月30日\n整改工作有序推进。\n"
    got = values(raw)
    assert got.get("published_date") is None


def test_date_under_the_teams_signature_is_the_notice_date() -> None:
    raw = (
        "9月21日全天,督察组共接到来电来信2件。\n"
        "督察公告\n督察组受理期间在韶关市设专门电话。\n特此公告\n"
        "广东省第四生态环境保护督察组\n2023年9月8日\n"
    )
    assert values(raw).get("published_date") is None


def test_date_under_the_jurisdictions_signature_is_the_page_date() -> None:
    raw = "韶关市督察整改进展情况\n整改工作有序推进。\n韶关市人民政府\n2022年3月5日\n"
    assert values(raw)["published_date"] == "2022-03-05"


# --- entry and feedback dates written with 今年/去年 ---------------------------------------


def test_entry_dates_with_this_year() -> None:
    raw = (
        "韶关市督察整改进展情况\n发布日期:2024-06-18\n"
        "今年4月2日至5月2日,中央第二生态环境保护督察组进驻广东省开展第三轮督察。\n"
    )
    got = values(raw)
    assert (got.get("entry_start"), got.get("entry_end")) == ("2024-04-02", "2024-05-02")


def test_feedback_date_last_year() -> None:
    raw = (
        "韶关市督察整改进展情况\n发布日期:2019-03-08\n"
        "去年11月3日,省第三生态环境保护督察组向我市反馈督察意见。\n"
    )
    assert values(raw).get("feedback_date") == "2018-11-03"


# --- lookback ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2018年6月1日至7月1日,中央第五环境保护督察组对广东省第一轮督察整改情况开展“回头看”。",
        "韶关市认真落实中央环境保护督察“回头看”反馈意见整改工作。",
        "韶关市公开中央生态环境保护督察回头看及专项督察整改方案。",
        "韶关市督察整改情况。省第二生态环境保护督察组对我市进行了“回头看”,并反馈意见。",
    ],
)
def test_lookback_named_as_the_inspection(text: str) -> None:
    assert values(text + "\n")["lookback"] is True


@pytest.mark.parametrize(
    "text",
    [
        # a check-up of progress run by the province
        "韶关市督察整改进展情况。省里的“回头看”督查组今天到我市,检查中央督察整改推进情况。",
        # a review of complaint handling
        "韶关市对第二轮中央督察交办的83宗信访案件开展办理质量“回头看”核查。",
        # the jurisdiction's own check-ups
        "韶关市整改工作扎实推进,经常组织“回头看”,巩固整改成果。",
        "韶关市督察整改进展情况。我市还分两批完成了8个县区的市级环保督察“回头看”。",
    ],
)
def test_lookback_check_up_is_not_the_inspection(text: str) -> None:
    assert values(text + "\n")["lookback"] is False


# --- round and batch --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "round_", "batch"),
    [
        ("详情请见市政府网站“第二轮第三批省委生态环境保护督察”专栏。", 2, 3),
        ("韶关市第二轮第三批省级生态环境保护例行督察举报分类统计表", 2, 3),
        ("第二轮第一批省第三生态环境保护督察组进驻期间受理举报。", 2, 1),
        ("整改方案连同第四批环保督察其他省份的整改方案一并公开。", None, 4),
    ],
)
def test_round_and_batch_stated_later_in_the_text(
    tail: str, round_: int | None, batch: int
) -> None:
    raw = "韶关市督察整改工作动态\n督察组交办的信访件已全部办结。\n" + tail + "\n"
    got = values(raw)
    assert (got.get("inspection_round"), got.get("inspection_batch")) == (round_, batch)


@pytest.mark.parametrize(
    "text",
    [
        "督察组向我市交办第十八批群众信访件共4件。",
        "5月9日,督察组交办第十三批次环境信访案件共3件。",
    ],
)
def test_complaint_batch_is_not_the_inspection_batch(text: str) -> None:
    assert values("韶关市督察整改工作动态\n" + text + "\n").get("inspection_batch") is None


def test_round_of_another_programme_is_not_the_inspection_round() -> None:
    text = "督察组认为,第六轮环保三年行动计划部分项目滞后。"
    assert values("韶关市督察整改工作动态\n" + text + "\n").get("inspection_round") is None


def test_municipal_inspection_team_is_provincial_level() -> None:
    raw = "长宁区督察整改情况\n上海市环境保护第一、第二督察组向长宁区通报督察意见。\n"
    assert values(raw)["inspection_level"] == "provincial"


# --- feedback and entry dates that are not ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a dateline before the noun 督察反馈意见
        "记者6月2日从市推进中央督察反馈意见整改专班了解到上述情况。",
        "2018年4月8日起开展为期1个月的中央环保督察反馈问题整改专项检查。",
        # the locality reporting back to the team
        "5月6日,市协调联络组将第十一批7件群众举报的办理结果反馈给省第二督察组。",
        "5月6日,我市向省第二督察组反馈了第十一批信访件办理情况。",
        # a month is not a day
        "中央第二督察组于2021年2月向我省反馈了督察意见。",
        "督察组9月3日至9日在我县下沉,2022年3月向全省反馈了督察意见。",
        # the end of the team's stay, with the feedback undated after it
        "2023年3月6日至4月6日,省第一督察组对我市开展督察,随后向我市反馈了督察意见。",
        "6月1日至7月1日,中央第三督察组进驻广东开展督察,督察结束后向广东省反馈督察报告。",
        "2022年11月2日—12月2日,督察组对韶关市开展例行督察,并向我市反馈。",
    ],
)
def test_not_a_feedback_date(text: str) -> None:
    assert body(text).get("feedback_date") is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2021年12月13日,中央生态环境保护督察反馈会在广州召开。", "2021-12-13"),
        ("2019年5月13日,中央第二督察组向我省进行了督察反馈。", "2019-05-13"),
        ("督察组于2022年6月1日向我市反馈了督察报告。", "2022-06-01"),
        ("今年6月1日,省第三督察组向我市反馈督察意见。", "2023-06-01"),
        # a dated feedback after the stay's range
        (
            "2023年3月6日至4月6日,省第一督察组对我市开展督察,并于5月20日向我市反馈。",
            "2023-05-20",
        ),
    ],
)
def test_feedback_dates(text: str, date: str) -> None:
    assert body(text).get("feedback_date") == date


def test_entry_months_are_not_entry_days() -> None:
    got = body("中央第五督察组于2019年7月至8月对我市开展第二轮生态环境保护督察。")
    assert (got.get("entry_start"), got.get("entry_end")) == (None, None)


def test_lead_paragraph_before_the_title_gives_the_inspection_dates() -> None:
    raw = (
        "2022年5月6日至6月6日,中央第三督察组在广东省开展第二轮督察;8月9日,"
        "督察组向广东省反馈督察报告。经批准,整改方案现向社会公开。\n"
        "广东省落实第二轮中央督察报告整改方案\n"
        "为抓好整改落实,制定本方案。\n"
    )
    got = values(raw)
    assert (got.get("entry_start"), got.get("entry_end")) == ("2022-05-06", "2022-06-06")
    assert got.get("feedback_date") == "2022-08-09"


def test_title_asof_takes_the_year_of_a_day_first_page_stamp() -> None:
    raw = (
        "督察组转办问题线索办理情况通报(截至8月2日)\n\n03.08.2016  18:37\n\n"
        "督察组向我省转办信访件526件,已办结246件。\n广东省督察整改办\n"
    )
    got = values(raw)
    assert (got.get("published_date"), got.get("asof")) == ("2016-08-03", "2016-08-02")


# --- pages that are not rectification accounts ------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "广东省2022年环境质量公报\n2022年全省PM2.5平均浓度20微克/立方米,同比下降10.2%。\n",
        "发布日期:2023-02-07\n广东上半年空气优良天数比例达90.1%\n全省地表水水质稳中向好。\n",
    ],
)
def test_status_news_item_is_not_a_rectification_account(raw: str) -> None:
    doc = code_text(normalize(raw), "snippet")
    assert doc.records, "the page's outcome mentions still need an object"
    for record in doc.records:
        assert record.account is False
        assert record.values == {}


@pytest.mark.parametrize(
    "text",
    [
        "共形成31项整改任务,2023年底前完成18项,2024年底前全部完成。",
        "46项整改任务中,计划今年完成整改21项,其余明年完成。",
        "确定整改任务28项,力争年内完成整改15项。",
    ],
)
def test_schedule_in_a_plan_is_not_a_completion(text: str) -> None:
    got = values("韶关市公布省级督察反馈问题整改清单\n" + text + "\n")
    assert got["doc_type"] == "plan"
    assert got.get("tasks_completed") is None


def test_completion_in_a_progress_report_is_kept() -> None:
    got = values("韶关市督察整改进展情况\n共形成31项整改任务,已完成18项。\n")
    assert (got.get("tasks_total"), got.get("tasks_completed")) == (31, 18)


# --- more wordings per class --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # PLAN: a bracketed 公示稿, a list with a qualifier noun, a plan stated in the body
        (
            "铜仁市第二轮中央生态环境保护督察反馈问题整改措施清单(公示稿)\n"
            "共梳理整改任务44项,明确于2024年6月底前完成30项,其余2025年底前完成。\n",
            {"doc_type": "plan", "tasks_total": 44, "tasks_completed": None},
        ),
        (
            "根据督察反馈意见,结合石门县实际,研究制定本整改方案。全县共确定整改任务19项、整改措施57条。\n",
            {"doc_type": "plan", "tasks_total": 19, "measures_total": 57},
        ),
        (
            "邯郸市省级生态环境保护督察反馈问题整改责任清单\n"
            "涉及整改任务25项,今年内完成整改12项,其余任务须于2024年12月底前整改到位。\n",
            {"doc_type": "plan", "tasks_total": 25, "tasks_completed": None},
        ),
        # DATE-RELATIVE-YEAR
        (
            "株洲市督察整改工作推进情况\n发布时间:2024-07-01\n"
            "省第三生态环境保护督察组于今年4月28日进驻我市,5月28日结束进驻。\n",
            {"entry_start": "2024-04-28", "entry_end": "2024-05-28"},
        ),
        (
            "株洲市督察整改工作推进情况\n发布时间:2021-02-03\n截至去年底,全市47项整改任务已完成38项。\n",
            {"asof": "2020-12", "tasks_total": 47, "tasks_completed": 38},
        ),
        (
            "株洲市督察整改工作推进情况\n发布时间:2023-11-02\n"
            "去年12月20日,中央第三生态环境保护督察组向我市反馈督察报告。\n",
            {"feedback_date": "2022-12-20"},
        ),
        # ROUND-BATCH-OUTSIDE: a closing line, a traditional-character table caption
        (
            "湘潭市省级生态环境保护督察反馈问题整改进展情况\n督察组交办的信访件正在办理。\n"
            "(本文为第三轮第二批省级生态环境保护督察系列报道之五)\n",
            {"inspection_round": 3, "inspection_batch": 2},
        ),
        (
            "湘潭市督察信访件办理情况\n督察组交办的信访件正在办理。\n"
            "附表:第二輪第四批省級生態環境保護督察受理舉報件統計表\n",
            {"inspection_round": 2, "inspection_batch": 4, "inspection_level": "provincial"},
        ),
        # LOOKBACK: the jurisdiction's own check-ups are not the inspection; a provincial
        # 回头看 named as the inspection is
        (
            TITLE + "按照省委部署,我市组织开展中央环保督察整改“回头看”专项行动,"
            "对已销号的28个问题逐一复核。\n",
            {"lookback": False},
        ),
        (
            TITLE + "市人大常委会对督察交办信访件办理情况开展“回头看”,抽查已办结案件。\n",
            {"lookback": False},
        ),
        (
            "湘潭市省级环保督察“回头看”发现问题整改情况\n督察组反馈的问题正在整改。\n",
            {"lookback": True, "inspection_level": "provincial"},
        ),
        # FEEDBACK-FALSE: a locality reporting back, a news dateline
        (TITLE + "6月9日,市迎检办向省督察组反馈第七批信访件查处情况。\n", {"feedback_date": None}),
        (
            "人民网长沙5月16日电 湘潭市持续推进省级督察反馈问题整改,已完成整改任务21项。\n",
            {"feedback_date": None, "tasks_completed": 21},
        ),
        # PUBDATE-ENTRY-LINE: a header line giving the stay
        (
            "湘潭市督察信访件办理情况\n督察期间:2023年11月20日至12月20日\n督察组交办的信访件正在办理。\n",
            {"published_date": None},
        ),
        (
            "桃源县关于公开省级生态环境保护督察反馈问题整改方案的公告\n"
            "方案共明确整改任务22项,计划2023年底前完成15项。\n",
            {"doc_type": "plan", "tasks_total": 22, "tasks_completed": None},
        ),
        (
            "株洲市督察整改工作推进情况\n发布时间:2022-04-10\n"
            "截至今年3月底,全市督察反馈的25个问题已完成整改22个。\n",
            {"asof": "2022-03", "tasks_total": 25, "tasks_completed": 22},
        ),
        (
            "湘潭市督察信访件办理情况\n发布时间:2023-08-09\n"
            "湖南省委第四生态环境保护督察组(第三轮第一批)进驻以来,我市积极配合。\n",
            {"inspection_round": 3, "inspection_batch": 1, "inspection_level": "provincial"},
        ),
        (
            TITLE + "5月10日,省督察组对我市中央环保督察整改情况开展“回头看”,实地检查了12个点位。\n",
            {"lookback": False},
        ),
        (
            "株洲市落实中央生态环境保护督察“回头看”和水污染防治专项督察所提问题整改工作进展\n"
            "督察组反馈的问题正在整改。\n",
            {"lookback": True},
        ),
        (
            "岳阳县贯彻落实省级生态环境保护督察反馈意见整改工作方案\n全县梳理出整改问题18个,"
            "制定整改措施61条,其中2023年12月底前完成整改9个。\n",
            {"doc_type": "plan", "tasks_total": 18, "measures_total": 61, "tasks_completed": None},
        ),
        (
            "华容县省级督察反馈问题整改任务表(向社会公示)\n整改任务共计14项,"
            "计划2023年完成10项、2024年完成4项。\n",
            {"doc_type": "plan", "tasks_total": 14, "tasks_completed": None},
        ),
        ("株洲市贯彻落实中央环境保护督察“回头看”反馈意见整改方案\n", {"lookback": True}),
        (
            TITLE + "市委督查室会同市生态环境局,对去年已销号问题开展“回头看”抽查。\n",
            {"lookback": False},
        ),
        (
            "株洲市督察整改工作推进情况\n发布时间:2023-09-12\n2021年4月28日,中央第三生态环境保护"
            "督察组向我市反馈督察情况。9月5日,市迎检办将整改进展报送督察组。\n",
            {"feedback_date": "2021-04-28"},
        ),
        (
            "株洲市督察整改工作推进情况\n发布时间:2022-01-05\n去年9月1日至10月1日,省第二生态环境保护"
            "督察组对我市开展例行督察,并于今年1月3日反馈督察意见。\n",
            {"entry_start": "2021-09-01", "entry_end": "2021-10-01", "feedback_date": "2022-01-03"},
        ),
        (
            "株洲市督察整改工作推进情况\n发布时间:2022-11-05\n"
            "截至今年10月31日,全市督察反馈的25个问题已完成整改23个。\n",
            {"asof": "2022-10-31"},
        ),
        (
            "湘潭市贯彻落实第三轮省级生态环境保护督察反馈意见整改方案(公开稿)\n根据督察反馈意见,"
            "共梳理出整改问题20个,明确整改措施85条。2024年底前完成整改16个。\n",
            {"doc_type": "plan", "tasks_total": 20, "measures_total": 85, "tasks_completed": None},
        ),
        (
            "湘潭市落实第三轮省级督察反馈问题整改情况的报告\n按照整改方案,20个问题已完成整改14个,"
            "其余6个计划2024年底前完成。\n",
            {"doc_type": "progress", "tasks_total": 20, "tasks_completed": 14},
        ),
    ],
)
def test_more_wordings_per_class(raw: str, expected: dict[str, Any]) -> None:
    got = values(raw)
    assert {k: got.get(k) for k in expected} == expected


# --- a team's 回头看 of the jurisdiction, its stay, and reports back to the team -------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "江苏省环保督察整改情况\n中央第二环境保护督察组于2018年6月5日至7月5日对我省开展"
            "“回头看”,10月20日反馈“回头看”意见。\n",
            {"lookback": True, "entry_start": "2018-06-05", "entry_end": "2018-07-05",
             "feedback_date": "2018-10-20"},
        ),
        (
            "安阳市环保督察整改情况\n省第一环境保护督察组2019年4月8日至5月8日对本市进行了"
            "“回头看”。\n",
            {"lookback": True, "entry_start": "2019-04-08", "entry_end": "2019-05-08"},
        ),
        (
            "山东省环保督察整改情况\n2018年6月,中央第三环境保护督察组进驻山东,对我省督察整改"
            "推进情况开展“回头看”。\n",
            {"lookback": True},
        ),
    ],
)
def test_a_teams_lookback_of_the_jurisdiction_and_its_stay(
    text: str, expected: dict[str, Any]
) -> None:
    got = values(text)
    assert {k: got.get(k) for k in expected} == expected


def test_a_teams_lookback_of_the_rectification_is_a_check_up() -> None:
    text = TITLE + "6月3日,省督察组对我市中央督察整改落实情况开展“回头看”,抽查点位9个。\n"
    assert values(text)["lookback"] is False


@pytest.mark.parametrize(
    "line",
    [
        "9月5日,我市将第三批信访件办理情况反馈省督察组。",
        "7月12日,市迎检办将第九批群众举报的调查结果及时反馈督察组。",
        "8月30日,我县已把前六批信访件的查处情况反馈至省第二督察组。",
    ],
)
def test_reporting_back_to_the_team_is_no_feedback_date(line: str) -> None:
    assert body(line + "\n").get("feedback_date") is None


@pytest.mark.parametrize(
    "text",
    [
        "宝鸡市督察信访件办理情况\n督察组交办的信访件正在办理。\n"
        "(第二轮第二批省级生态环境保护例行督察宝鸡市迎检办供稿)\n",
        "汉中市督察整改情况\n市委专题研究省生态环境保护专项督察反馈问题整改。\n",
    ],
)
def test_a_routine_or_special_provincial_inspection(text: str) -> None:
    assert values(text)["inspection_level"] == "provincial"


# --- the stay stated as the period of an inspection with a long name ---------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "自治区第二生态环境保护督察组于2022年5月10日至6月10日对我市开展第二轮第一批"
            "新疆维吾尔自治区生态环境保护督察。",
            "2022-05-10",
            "2022-06-10",
        ),
        (
            "2021年9月6日至10月6日,省第四督察组对我市开展了第二轮第三批省级生态环境保护"
            "例行督察。",
            "2021-09-06",
            "2021-10-06",
        ),
        (
            "经自治区党委批准,督察组自2023年8月1日至8月31日对我市开展第一轮第二批广西壮族"
            "自治区生态环境保护督察工作。",
            "2023-08-01",
            "2023-08-31",
        ),
    ],
)
def test_stay_of_an_inspection_with_a_long_name(text: str, start: str, end: str) -> None:
    got = body(text)
    assert (got.get("entry_start"), got.get("entry_end")) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "截至2023年4月,省督察反馈我县的17个问题已完成整改15个。",
        "省委督察交办的信访件已全部办结。",
        "自治区督察进驻期间,我县立行立改问题12个。",
    ],
)
def test_a_provincial_inspection_named_without_its_team(text: str) -> None:
    assert values("长兴县督察整改工作动态\n" + text + "\n")["inspection_level"] == "provincial"


def test_the_provinces_own_rectification_work_names_no_inspection_level() -> None:
    text = "全省督察整改推进会召开后,我县迅速传达落实,各项工作有序推进。"
    assert values("长兴县督察整改工作动态\n" + text + "\n").get("inspection_level") is None


def test_a_labelled_feedback_date_is_the_feedback_date_not_the_page_date() -> None:
    raw = (
        "鹰潭市督察整改情况\n进驻时间:2023年11月20日至12月20日\n反馈时间:2024年3月1日\n"
        "反馈的21个问题已完成整改9个。\n"
    )
    got = values(raw)
    assert got["feedback_date"] == "2024-03-01"
    assert got.get("published_date") is None
    assert (got["entry_start"], got["entry_end"]) == ("2023-11-20", "2023-12-20")


def test_a_labelled_feedback_date_after_the_page_date() -> None:
    raw = "吉安市督察整改情况\n发布日期:2024-05-06\n反馈日期:2023年12月8日\n已完成整改9个问题。\n"
    got = values(raw)
    assert (got["feedback_date"], got["published_date"]) == ("2023-12-08", "2024-05-06")
