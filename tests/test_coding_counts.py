"""Count variables (tasks, measures, petitions, accountability), one phrasing class at a time.

Every sentence here is written for this file; the expected values are read from the Chinese
against the codebook (v1.1), not from the coder's output. Each class is tested in several
wordings, so that a rule fitted to one sentence fails the others.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from analysis.codebook import default_codebook
from analysis.coding import counts
from analysis.coding.coder import code_text
from analysis.errors import InputError
from analysis.ingest import normalize

PROGRESS = "河源市贯彻落实第二轮中央生态环境保护督察反馈意见整改落实情况\n发布日期:2023-06-25\n"
PLAN = "河源市贯彻落实第二轮中央生态环境保护督察反馈意见整改方案\n发布日期:2022-03-10\n"
COUNTS = (
    "tasks_total",
    "tasks_completed",
    "measures_total",
    "measures_completed",
    "petitions_total",
    "petitions_resolved",
    "accountability_people",
    "accountability_units",
)


def coded(body: str, title: str = PROGRESS) -> dict[str, Any]:
    """The count variables of the only record of a 河源市 page with ``body``."""
    [record] = code_text(normalize(title + body), "snippet").records
    return {v: record.values.get(v) for v in COUNTS if record.values.get(v) is not None}


def check(body: str, expected: dict[str, Any], title: str = PROGRESS) -> None:
    """Exactly the expected count variables are coded (any other one is an error)."""
    assert coded(body, title) == expected


# --- complaint batches and running totals (PET-BATCH) ---------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "6月2日,督察组向我市转交第21批次信访件17件;至6月2日,督察组已向我市转交"
            "信访件21批次共344件。",
            {"petitions_total": 344},
        ),
        (
            "10月9日,省委第三环保督察组向我市交办第十四、十五批举报件33件;截至当天,"
            "累计向我市交办举报件419件。",
            {"petitions_total": 419},
        ),
        (
            "截至当日,我市已承接前12批信访件,累计207件,已办结188件(含阶段性办结)。",
            {"petitions_total": 207, "petitions_resolved": 188},
        ),
        ("督察进驻期间,中央督察组先后向我市转交举报案件23批次1288件。", {"petitions_total": 1288}),
        (
            "督察组今日向我市转办信访件42件。截至目前,督察组累计向我市转办信访件655件,"
            "已办结512件。",
            {"petitions_total": 655, "petitions_resolved": 512},
        ),
        ("截至5月30日,督察组分16批向我市转来群众举报311件。", {"petitions_total": 311}),
        ("督察组共向我市交办群众信访举报问题十九批962件。", {"petitions_total": 962}),
        # a few days' batches before the running total: the running total (pick: largest)
        (
            "6月8日、9日,督察组分两批向我市转办信访件21件。截至6月9日,督察组共计向我市"
            "转办信访件6批137件,已办结120件。",
            {"petitions_total": 137, "petitions_resolved": 120},
        ),
        (
            "督察组分3批向我市转办信访件46件。截至目前,督察组累计转办我市信访件9批210件。",
            {"petitions_total": 210},
        ),
    ],
)
def test_running_total_not_the_days_batch(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


def test_an_unknown_pick_is_a_clear_error() -> None:
    codebook = default_codebook()
    raw = {**codebook.raw, "count_selection": {"petitions_total": {"pick": "middle"}}}
    broken = dataclasses.replace(codebook, raw=raw, version_hash="broken")
    with pytest.raises(InputError, match="pick must be one of first, largest"):
        counts.scoping(broken)


@pytest.mark.parametrize(
    "body",
    [
        "督察组向我市交办的第八批36件信访件,已办结30件。",
        "6月3日,督察组向我市交办第5批信访件18件,已办结12件。",
        "第十七批次交办的举报件共计25件,目前已办结19件。",
        "中央督察组向我市转办第三批群众信访举报件。截至6月5日,第三批已办结14件。",
        "督察组交办第3批信访件12件,办结10件。",
    ],
)
def test_one_batch_is_neither_total_nor_resolved(body: str) -> None:
    check(body, {})


def test_batch_then_total_in_one_sentence() -> None:
    check(
        "督察组转办我市第二十批信访件31件,累计转办信访件1102件,已办结986件。",
        {"petitions_total": 1102, "petitions_resolved": 986},
    )


def test_breakdown_after_the_total_is_not_coded() -> None:
    check(
        "截至9月1日,督察组累计向我市转办信访件718件,其中重点关注件52件,已办结690件。",
        {"petitions_total": 718, "petitions_resolved": 690},
    )


def test_batch_sentence_continued_by_the_next() -> None:
    check(
        "督察组向我市转办第九批信访举报件共计86件。截至7月2日,已办结61件。"
        "其中,立案处罚9家,问责3人。",
        {},
    )


# --- complaint nouns (PET-NOUN) and bare totals (PET-BARE-TOTAL) ------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("督察组移交的1733件信访事项中,已办结1702件,阶段性办结31件。", (1733, 1702)),
        ("截至2019年3月31日,督察组转交我市的617件环境问题举报均已办结。", (617, 617)),
        ("交办我市的88件群众信访件,86件已办结。", (88, 86)),
        ("督察组转来的905个投诉举报案件已结案销号871个。", (905, 871)),
        ("督察组移交我市的环境信访案件共计57件,目前已全部办结。", (57, 57)),
        ("中央督察组转办我市群众环境信访投诉问题432件,已办结417件。", (432, 417)),
        ("1890件信访举报件已办结1875件。", (1890, 1875)),
    ],
)
def test_complaint_nouns(body: str, expected: tuple[int, int]) -> None:
    values = coded(body)
    assert (values.get("petitions_total"), values.get("petitions_resolved")) == expected


def test_bare_total_with_a_rate_only() -> None:
    check(
        "目前,反馈的58个问题已整改44个;3120件信访件的办结率超过95%。",
        {"tasks_total": 58, "tasks_completed": 44, "petitions_total": 3120},
    )


def test_bare_total_with_resolved_count_first() -> None:
    check(
        "至2022年9月,52项整改任务完成31项;4870件信访件中4811件已办结,59件阶段性办结。",
        {
            "tasks_total": 52,
            "tasks_completed": 31,
            "petitions_total": 4870,
            "petitions_resolved": 4811,
        },
    )


# --- resolved counts (PET-RESOLVED) ------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "督察组交办我市群众举报问题1207件,经核实属实1133件,属实问题已完成整改1090件。",
            {"petitions_total": 1207, "petitions_resolved": 1090},
        ),
        (
            "目前,已完成整改任务21项,办结群众举报件807件,其余任务持续推进。",
            {"tasks_completed": 21, "petitions_resolved": 807},
        ),
        (
            "中央督察组共转交我市信访案件1960件。至8月9日,全市已报送办结材料的共1960件,"
            "已办结1931件。",
            {"petitions_total": 1960, "petitions_resolved": 1931},
        ),
        (
            "截至5月底,转办信访件共1460件,办结1391件。",
            {"petitions_total": 1460, "petitions_resolved": 1391},
        ),
        (
            "全市累计接收督察组交办信访件380件,其中已办结356件、阶段性办结24件。",
            {"petitions_total": 380, "petitions_resolved": 356},
        ),
        (
            "督察组共受理群众来电来信1520件,向我市转办举报案件968件,目前已办结703件。",
            {"petitions_total": 968, "petitions_resolved": 703},
        ),
        # 办结N件 opening a clause, no 已/共 before it
        (
            "督察组转交我市的信访件中,涉及本市的有212件;截至目前,办结205件,办结率96.7%。",
            {"petitions_total": 212, "petitions_resolved": 205},
        ),
        (
            "督察组累计向我市交办信访件320件。截至6月底,办结301件,其余19件阶段性办结。",
            {"petitions_total": 320, "petitions_resolved": 301},
        ),
    ],
)
def test_resolved_phrasings(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


# --- tasks: completion written count first (TASK-DONE-COUNT-FIRST) ----------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("方案确定的39项整改任务里,已有27项基本完成。", {"tasks_total": 39, "tasks_completed": 27}),
        ("全力推进33项整改任务,目前18项已完成整改。", {"tasks_total": 33, "tasks_completed": 18}),
        ("整改任务中已完成或基本完成共31项。", {"tasks_completed": 31}),
        ("对照督察反馈的26个问题,其中21个已完成整改。", {"tasks_total": 26, "tasks_completed": 21}),
        (
            "中央督察反馈问题涉及我市的19项整改任务,已有16项完成整改。",
            {"tasks_total": 19, "tasks_completed": 16},
        ),
        (
            "截至2023年4月底,68项中央生态环境保护督察整改任务已有59项完成整改。",
            {"tasks_total": 68, "tasks_completed": 59},
        ),
    ],
)
def test_completion_count_first(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


@pytest.mark.parametrize(
    ("body", "expected", "not_done"),
    [
        (
            "中央督察反馈的42个问题中,已有35个通过市级验收并完成销号。",
            {"tasks_total": 42, "tasks_completed": 35},
            "督察反馈的31项整改任务中,已有6项进入验收程序但尚未完成销号。",
        ),
        (
            "督察反馈的18项整改任务,已有15项经第三方评估后完成整改。",
            {"tasks_total": 18, "tasks_completed": 15},
            "督察反馈的24个问题中,已有4个至今仍未完成整改。",
        ),
        (
            "省级督察交办的26个问题中已有20个按照序时进度基本完成整改。",
            {"tasks_total": 26, "tasks_completed": 20},
            "督察反馈的40项整改任务中,已有7项经多次督办仍没有完成。",
        ),
        (
            "全市承担的53项督察整改任务已有44项达到验收标准并销号。",
            {"tasks_total": 53, "tasks_completed": 44},
            "督察反馈的31项整改任务中,已有6项计划于年底前完成整改。",
        ),
        (
            "督察反馈的29个问题中,已有23个经省级部门核查后销号。",
            {"tasks_total": 29, "tasks_completed": 23},
            "督察反馈的22个问题中,已有5个正在推进并力争年内完成销号。",
        ),
    ],
)
def test_completion_count_first_with_a_predicate(
    body: str, expected: dict[str, Any], not_done: str
) -> None:
    """已有N项, what was done, then the completion verb: N is the completed count; not when
    a negation or a plan stands between (尚未, 力争, 年底前)."""
    check(body, expected)
    assert "tasks_completed" not in coded(not_done)


@pytest.mark.parametrize(
    ("body", "total"),
    [
        ("中央督察组交办的98件信访件尚未全部办结。", 98),
        ("督察组转办的64件举报件目前还没有全部办结。", 64),
        ("省督察组交办我市的信访举报件57件尚未全部办理完毕。", 57),
    ],
)
def test_not_all_resolved_is_no_resolved_count(body: str, total: int) -> None:
    """均已办结 means all; 尚未全部办结 (a negation before the verb) states no resolved count."""
    check(body, {"petitions_total": total})


# --- tasks: completion in parts (TASK-PARTS) ----------------------------------------------


@pytest.mark.parametrize(
    ("body", "done"),
    [
        ("2022年应完成的17项整改任务已全部完成,另有2项原定2023年完成的整改任务提前完成。", 19),
        ("列入2019年计划的22个问题已全部整改;列入2020年计划的9个问题中已提前完成4个。", 26),
        ("按要求应在2018年底前完成的整改任务中,已完成14项,另有3项提前完成整改并销号。", 17),
        ("2023年须完成的12个问题已全部完成整改,2024年须完成的5个问题已提前完成3个。", 15),
    ],
)
def test_completion_in_parts(body: str, done: int) -> None:
    check(body, {"tasks_completed": done})


@pytest.mark.parametrize(
    ("body", "done"),
    [
        ("今年到期的10个问题已全部完成,其余4个问题中已有1个提前整改销号。", 11),
        ("截至目前,督察反馈问题已完成14项,另有3项问题提前完成整改。", 17),
        ("2023年应完成的9个问题均已完成,其余6个问题中有2个提前整改到位。", 11),
        ("截至5月底,已完成整改20项,还有2项问题提前完成整改。", 22),
    ],
)
def test_the_sum_of_parts_over_a_part_read_further(body: str, done: int) -> None:
    """Of values read from the same words, the sum of the parts is taken, even where a part
    alone is read a few characters further (…提前整改销号)."""
    assert coded(body).get("tasks_completed") == done


def test_due_part_of_a_stated_total() -> None:
    check(
        "全市47项整改任务中,应于2021年底前完成的35项已全部完成,其余12项均按计划推进。",
        {"tasks_total": 47, "tasks_completed": 35},
    )


# --- tasks: totals phrased otherwise (TASK-TOTAL-PHRASE) --------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "目前反馈意见所指出的64个问题中41个已整改完成。",
            {"tasks_total": 64, "tasks_completed": 41},
        ),
        ("自治区逐条分析督察意见,归纳整理出37个问题,实施清单管理。", {"tasks_total": 37}),
        ("对照反馈意见共梳理出53个具体问题。", {"tasks_total": 53}),
        ("全市41个具体整改问题,已有26个基本完成整改。", {"tasks_total": 41, "tasks_completed": 26}),
        (
            "市委将督察反馈意见分解为三大类12个方面58个问题,逐项明确责任单位。",
            {"tasks_total": 58},
        ),
        (
            "省里根据反馈意见梳理形成的35项问题,29项已完成整改。",
            {"tasks_total": 35, "tasks_completed": 29},
        ),
    ],
)
def test_task_totals(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


# --- tasks: a done count or a due subset is not the total (TASK-DONE-AS-TOTAL) ----------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("截至目前,共完成整改任务37项,其余正在推进。", {"tasks_completed": 37}),
        ("上半年到期的19项整改任务已全部完成。", {"tasks_completed": 19}),
        ("已完成14项整改任务,其余任务有序推进。", {"tasks_completed": 14}),
        ("目前,11项整改任务已完成,其他任务按时序推进。", {"tasks_completed": 11}),
    ],
)
def test_done_count_is_not_the_total(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


@pytest.mark.parametrize(
    "body",
    [
        "已完成2个乡镇合计11宗信访案件核查。",
        "已完成3个点位共计8件举报件的复核。",
    ],
)
def test_unrelated_completion(body: str) -> None:
    check(body, {})


# --- measures: the finer unit (MEASURE-UNIT) ----------------------------------------------


def test_subproblems_are_measures() -> None:
    check(
        "督察反馈的48个问题已整改完成33个,细化后的262个子问题已整改完成207个。",
        {
            "tasks_total": 48,
            "tasks_completed": 33,
            "measures_total": 262,
            "measures_completed": 207,
        },
    )


def test_subproblems_split_from_problems() -> None:
    values = coded("58个问题拆分为377个子问题,已销号301个。")
    assert (values.get("measures_total"), values.get("measures_completed")) == (377, 301)


def test_completion_in_both_units() -> None:
    check(
        "督察反馈问题整改中,我省52项任务中的604个项目已完成31项255个项目,其余均按序时进度推进。",
        {
            "tasks_total": 52,
            "tasks_completed": 31,
            "measures_total": 604,
            "measures_completed": 255,
        },
    )


def test_due_measures_are_not_the_total() -> None:
    check(
        "督察整改38个问题中27个已完成整改,到期应完成整改措施119项,已完成116项。",
        {"tasks_total": 38, "tasks_completed": 27, "measures_completed": 116},
    )


# --- accountability (ACCOUNTABILITY) -----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("经研究,依规依纪对53人实施责任追究,其中厅级干部7人。", {"accountability_people": 53}),
        ("全市共96人被追究责任,其中处级干部11人、科级干部40人。", {"accountability_people": 96}),
        (
            "约谈181人、9个单位;问责77人、12个单位。",
            {"accountability_people": 77, "accountability_units": 12},
        ),
        ("共有28名干部受到问责。", {"accountability_people": 28}),
        (
            "对履职不力的15名责任人进行追责问责,对4个责任单位进行问责。",
            {"accountability_people": 15, "accountability_units": 4},
        ),
        ("批评教育12人,问责5人。", {"accountability_people": 5}),
        ("对督察移交的问题问责31人次。", {"accountability_people": 31}),
        (
            "核查督察移交的责任追究问题,给予党纪政务处分、诫勉谈话42人,责令9个单位作出书面检查。",
            {"accountability_people": 42},
        ),
    ],
)
def test_accountability(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


# --- plans: scheduled counts are not completions (codebook v1.1) -------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("整改任务共31项,2023年底前完成18项,到2024年底累计完成31项。", {"tasks_total": 31}),
        (
            "方案列出整改任务27项、整改措施96条,其中2022年底前须完成整改任务15项。",
            {
                "tasks_total": 27,
                "measures_total": 96,
            },
        ),
    ],
)
def test_plan_schedules_are_not_completions(body: str, expected: dict[str, Any]) -> None:
    check(body, expected, title=PLAN)


def test_progress_report_keeps_its_completions() -> None:
    check(
        "全市整改任务共31项,已完成24项,计划2024年底前完成剩余7项。",
        {"tasks_total": 31, "tasks_completed": 24},
    )


# --- scopes and selection, as declared in the codebook ----------------------------------


@pytest.mark.parametrize(
    ("sentence", "marker", "scope"),
    [
        ("第十一批信访件27件", "27", "batch"),
        ("第十一、十二批信访件27件", "27", "batch"),
        ("第十八批次举报件9件", "9", "batch"),
        ("共转办十八批次信访件360件", "360", "cumulative"),
        ("前9批的384件", "384", "cumulative"),
        ("第1—25批共1274件", "1274", "cumulative"),
        ("第二批中央生态环境保护督察组转办信访件97件", "97", None),
        ("截至4月12日,转办信访件120件", "120", None),
        ("其中,第一轮督察移交的89项整改任务", "89", None),
        ("4月12日,转办信访件9件", "9", "day"),
        ("其中重点关注件26件", "26", "subset"),
        ("应于2022年底前完成的26项", "26", "due"),
        ("已完成14项整改任务", "14", "done"),
    ],
)
def test_scope_of_a_count(sentence: str, marker: str, scope: str | None) -> None:
    """The scope of the count at ``marker``; None: no batch, running-total, day, subset,
    due or done marker applies (the inspection's own batch, a 截至 date, 其中 + comma)."""
    scoping = counts.scoping(default_codebook())
    found = scoping.scope(sentence, sentence.index(marker))
    if scope is None:
        assert not found & {"batch", "cumulative", "day", "subset", "due", "done"}, found
    else:
        assert scope in found, found


def test_every_selected_scope_is_declared() -> None:
    codebook = default_codebook()
    declared = {e["scope"] for e in codebook.raw["count_scope"]} | {
        counts.STATED,
        counts.ASIDE,
        counts.ELSEWHERE,
    }
    for variable, spec in codebook.raw["count_selection"].items():
        assert variable in codebook.record_rules, variable
        named = {s for key in ("drop", "drop_in_plan", "avoid") for s in spec.get(key, ())}
        assert named | set(spec.get("prefer", ())) <= declared, variable


# --- further wordings of the classes above -----------------------------------------------

FURTHER = [
    (
        "截至11月底,督察组累计转交我县信访举报件83件,目前已办结79件,其余4件正在办理。",
        {"petitions_total": 83, "petitions_resolved": 79},
    ),
    (
        "中央第三督察组进驻期间,共向我市转办群众信访举报3120件,已办结3088件。",
        {"petitions_total": 3120, "petitions_resolved": 3088},
    ),
    (
        "9月10日,督察组交办第二十六批信访件75件。截至9月10日,督察组共交办我市信访件1834件,其中已办结1655件。",
        {"petitions_total": 1834, "petitions_resolved": 1655},
    ),
    (
        "督察组转办的第一批至第十批信访件共计410件已全部办结。",
        {"petitions_total": 410, "petitions_resolved": 410},
    ),
    (
        "全市共有整改任务45项,截至目前已完成整改40项,剩余5项正在推进。",
        {"tasks_total": 45, "tasks_completed": 40},
    ),
    ("督察反馈问题共29个,已整改销号23个。", {"tasks_total": 29, "tasks_completed": 23}),
    (
        "督察反馈意见涉及我市的问题共17个,目前已完成整改13个,4个正在推进。",
        {"tasks_total": 17, "tasks_completed": 13},
    ),
    ("问责处理32人,其中县处级干部5人。", {"accountability_people": 32}),
    ("共对41名党员干部进行了问责。", {"accountability_people": 41}),
    ("严肃追责问责,共追责问责领导干部67人。", {"accountability_people": 67}),
    (
        "约谈12个单位、38人,问责3个单位、21人。",
        {"accountability_people": 21, "accountability_units": 3},
    ),
    (
        "对23名责任人和5个责任单位进行追责问责。",
        {"accountability_people": 23, "accountability_units": 5},
    ),
    (
        "督察组交办的187件信访件中,属实147件,已办结183件。",
        {"petitions_total": 187, "petitions_resolved": 183},
    ),
    (
        "今年以来,中央督察组交办的信访件共计2130件,已办结2068件,办结率97.1%。",
        {"petitions_total": 2130, "petitions_resolved": 2068},
    ),
    (
        "督察期间,省督察组共转办我市信访举报件1094件(其中重点件81件),已办结1063件。",
        {"petitions_total": 1094, "petitions_resolved": 1063},
    ),
    (
        "截至目前,我市督察整改任务完成率为85%,48项任务已完成41项。",
        {"tasks_total": 48, "tasks_completed": 41},
    ),
    ("已办结督察组交办举报件527件,办结率98.5%。", {"petitions_resolved": 527}),
    ("中央督察组交办的第十批31件信访件,已办结28件。", {}),
    ("省督察组向我县交办的第3批次信访件共5件,均已办结。", {}),
    ("反馈的36个问题中,已完成整改30个,基本完成4个。", {"tasks_total": 36, "tasks_completed": 34}),
    ("截至2021年底,督察反馈的27项问题已完成整改25项。", {"tasks_total": 27, "tasks_completed": 25}),
    (
        "我市承担的31项整改任务,目前已完成27项,其余4项达到序时进度。",
        {"tasks_total": 31, "tasks_completed": 27},
    ),
    (
        "督察整改方案共明确整改措施214条,已完成198条。",
        {"measures_total": 214, "measures_completed": 198},
    ),
    (
        "我省制定了64项整改任务、239条具体措施,截至6月底,已完成整改任务50项、措施201条。",
        {
            "tasks_total": 64,
            "tasks_completed": 50,
            "measures_total": 239,
            "measures_completed": 201,
        },
    ),
    (
        "中央督察组转办我区的342件信访件已全部办结。",
        {"petitions_total": 342, "petitions_resolved": 342},
    ),
    (
        "督察组共向我市移交信访件298件,均已办结。",
        {"petitions_total": 298, "petitions_resolved": 298},
    ),
    (
        "截至10月15日,中央第四督察组累计交办我省信访举报件4520件,各地已办结4012件,阶段性办结380件。",
        {"petitions_total": 4520, "petitions_resolved": 4012},
    ),
    (
        "11月3日,督察组交办我市信访件56件,其中重点关注件4件。截至当日,累计交办1380件。",
        {"petitions_total": 1380},
    ),
    ("已问责干部127名,其中厅级干部3名。", {"accountability_people": 127}),
    ("先后对19名领导干部实施问责。", {"accountability_people": 19}),
]


@pytest.mark.parametrize(("body", "expected"), FURTHER)
def test_further_wordings(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


NOT_COUNTS_AND_MORE = [
    ("全市共排查各类环境问题1250个,已完成整改1180个。", {}),
    ("投入资金12亿元,完成3个重点工程。", {}),
    ("关停企业56家,罚款320万元,立案侦查8件,拘留9人。", {}),
    ("约谈党政领导干部45人。", {}),
    ("对全市126家企业开展检查,发现问题43个,已整改完成40个。", {}),
    ("第二轮督察以来,全市共立案查处环境违法案件215件。", {}),
    ("督察组共交办我市信访件分三批共计97件。", {"petitions_total": 97}),
    ("本批次交办的12件信访件已全部办结。", {}),
    ("边督边改期间,全省共办结中央督察组交办案件2866件。", {"petitions_resolved": 2866}),
    ("截至目前,累计完成督察整改任务166项,完成率92.7%。", {"tasks_completed": 166}),
    (
        "第二轮督察反馈问题28个,已完成整改19个,其余9个正按序时进度推进。",
        {"tasks_total": 28, "tasks_completed": 19},
    ),
    (
        "督察交办的问题清单共涉及17个问题,目前已整改完成12个。",
        {"tasks_total": 17, "tasks_completed": 12},
    ),
    ("全县共接到中央督察组转办信访件两批22件。", {"petitions_total": 22}),
    ("中央第五生态环境保护督察组向我市转办的第三十一批信访件中,涉及我县5件。", {}),
    ("共问责干部89人,其中给予党纪政务处分21人。", {"accountability_people": 89}),
    ("移送问题线索12件,追责问责56人。", {"accountability_people": 56}),
    (
        "细化制定整改措施326项,已完成整改措施298项。",
        {"measures_total": 326, "measures_completed": 298},
    ),
    (
        "中央督察组交办我市的信访件共三十批1096件,已办结1079件。",
        {"petitions_total": 1096, "petitions_resolved": 1079},
    ),
    ("截至6月20日,第二轮中央督察第一批次交办的30件信访件,已办结27件。", {}),
    (
        "全市列入督察整改清单的问题共55个,已完成整改销号47个。",
        {"tasks_total": 55, "tasks_completed": 47},
    ),
    ("去年以来,我市19项督察整改任务全部完成整改。", {"tasks_total": 19, "tasks_completed": 19}),
    (
        "对存在问题的12家单位和32名责任人进行了问责。",
        {"accountability_people": 32, "accountability_units": 12},
    ),
    ("全省共追责问责1071人,其中厅级干部26人。", {"accountability_people": 1071}),
    ("督察组转办信访件中,属实的有211件,已办结198件。", {"petitions_resolved": 198}),
]


@pytest.mark.parametrize(("body", "expected"), NOT_COUNTS_AND_MORE)
def test_counts_that_are_not_codebook_counts_and_more_wordings(
    body: str, expected: dict[str, Any]
) -> None:
    check(body, expected)


PLAN_SCHEDULES = [
    (
        "明确整改任务38项,其中2023年6月底前完成12项,2023年底前完成20项,2025年底前全部完成。",
        {"tasks_total": 38},
    ),
    (
        "方案共梳理出整改问题46个,制定整改措施152条,计划到2022年底完成32个。",
        {"tasks_total": 46, "measures_total": 152},
    ),
]


@pytest.mark.parametrize(("body", "expected"), PLAN_SCHEDULES)
def test_more_plan_schedules(body: str, expected: dict[str, Any]) -> None:
    check(body, expected, title=PLAN)


LAST_WORDINGS = [
    (
        "督察组交办我市的218件信访件已全部经核查认定办结。",
        {"petitions_total": 218, "petitions_resolved": 218},
    ),
    (
        "督察组转办我县信访件共9批31件,前5批中12件已办结,其余正在办理。",
        {"petitions_total": 31, "petitions_resolved": 12},
    ),
    ("全年共受理环境信访件1260件,办结率100%。", {"petitions_total": 1260}),
    ("完成重点任务18项,投入资金3.2亿元。", {}),
    ("立案处罚56件,罚款金额1200万元,移送公安机关案件8件。", {}),
    (
        "截至10月底,督察反馈的43项整改任务中,已完成35项,基本完成5项。",
        {"tasks_total": 43, "tasks_completed": 40},
    ),
    ("2689件群众信访件全部办结。", {"petitions_total": 2689, "petitions_resolved": 2689}),
    ("对督察发现的问题,共问责62人,约谈98人。", {"accountability_people": 62}),
    ("约谈98人,问责62人。", {"accountability_people": 62}),
]


@pytest.mark.parametrize(("body", "expected"), LAST_WORDINGS)
def test_all_done_split_and_routine_figures(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


# --- more wordings per class: batches, nouns, resolved verbs, parts, units ----------------

MORE_CLASS_WORDINGS = [
    # PET-BATCH: 计 before the total, 、 after the batch count, a range of later batches
    (
        "第22批群众来电来信举报21件于7月3日转交我市;截至7月3日,中央督察组已累计转交我市"
        "信访举报件22批计608件,已办结432件。",
        {"petitions_total": 608, "petitions_resolved": 432},
    ),
    (
        "截至9月12日,省第三生态环境保护督察组共分17批次转办我市群众信访事项293件,现已办结276件。",
        {"petitions_total": 293, "petitions_resolved": 276},
    ),
    (
        "督察组转来第二十三至二十五批举报件共46件,连同此前各批,累计转来举报件1127件。",
        {"petitions_total": 1127},
    ),
    (
        "截至6月25日,督察组共向我市转办信访件28批次、合计905件。其中,6月25日转办第28批次39件。",
        {"petitions_total": 905},
    ),
    # PET-NOUN: 线索 counted in 条, 投诉 in 宗, 来信来电举报, 信访诉求
    (
        "督察组交办我市的178条群众举报线索,目前已办结165条。",
        {"petitions_total": 178, "petitions_resolved": 165},
    ),
    (
        "省督察组进驻期间,共转办我市群众环境投诉638宗,已全部办结。",
        {"petitions_total": 638, "petitions_resolved": 638},
    ),
    (
        "省督察组移交的来信来电举报共计859件,截至目前已办结847件。",
        {"petitions_total": 859, "petitions_resolved": 847},
    ),
    (
        "省督察组转交的信访诉求217件,已办结209件。",
        {"petitions_total": 217, "petitions_resolved": 209},
    ),
    # PET-RESOLVED: 办理完结, 完成办理, 其中办结, 办结 with no adverb
    (
        "督察组转办我市信访件356件,已按要求全部办理完结。",
        {"petitions_total": 356, "petitions_resolved": 356},
    ),
    (
        "累计接收督察组转办件487件,其中办结463件、阶段性办结24件。",
        {"petitions_total": 487, "petitions_resolved": 463},
    ),
    (
        "至10月底,督察组交办的214件信访案件完成办理207件。",
        {"petitions_total": 214, "petitions_resolved": 207},
    ),
    (
        "督察组共转交我市群众举报问题95件,目前办结89件。",
        {"petitions_total": 95, "petitions_resolved": 89},
    ),
    # TASK-DONE-COUNT-FIRST
    ("督察反馈的27个问题,截至目前已有22个整改到位。", {"tasks_total": 27, "tasks_completed": 22}),
    (
        "对照整改方案明确的35项任务,我市目前已全部完成17项、基本完成9项。",
        {"tasks_total": 35, "tasks_completed": 26},
    ),
    ("全市29项整改任务中,完成整改的有24项。", {"tasks_total": 29, "tasks_completed": 24}),
    (
        "督察反馈问题涉及我市的33个,目前14个已基本整改完成。",
        {"tasks_total": 33, "tasks_completed": 14},
    ),
    # TASK-PARTS: 均已完成, a second part count-first, no 督察/整改 in the sentence
    (
        "截至2023年6月底,按时序应完成的41项已全部完成,明年到期的8项中已提前完成3项。",
        {"tasks_completed": 44},
    ),
    (
        "今年须完成整改的12个问题均已完成;其余5个问题中,已有2个提前完成整改。",
        {"tasks_completed": 14},
    ),
    ("2022年应完成的14项任务全部完成,还提前完成了2项2023年任务。", {"tasks_completed": 16}),
    # TASK-TOTAL-PHRASE
    ("市委、市政府将督察组反馈的问题细化分解为58项具体整改任务。", {"tasks_total": 58}),
    (
        "第二轮中央督察反馈意见中涉及我市的问题有24个,截至目前已完成整改20个。",
        {"tasks_total": 24, "tasks_completed": 20},
    ),
    ("我市督察整改任务总数52项,已完成46项。", {"tasks_total": 52, "tasks_completed": 46}),
    ("对照督察报告,我市共认领整改问题39个,制定整改方案逐一推进。", {"tasks_total": 39}),
    # MEASURE-UNIT: 小项 and 子任务 are the finer unit
    (
        "督察反馈的38个问题细化为126个整改小项,已完成112个。",
        {"tasks_total": 38, "measures_total": 126, "measures_completed": 112},
    ),
    (
        "督察反馈问题26个,拆解为子任务103项,已销号97项。",
        {"tasks_total": 26, "measures_total": 103, "measures_completed": 97},
    ),
    # TASK-DONE-AS-TOTAL
    ("截至今年9月,我市已累计完成省级督察整改任务16项。", {"tasks_completed": 16}),
    ("今年前三季度到期的27项整改任务已全部完成。", {"tasks_completed": 27}),
    ("全年共完成督察反馈问题整改12个,其余问题正在推进。", {"tasks_completed": 12}),
    # ACCOUNTABILITY
    ("共问责党员干部和公职人员142名,其中县处级干部17名。", {"accountability_people": 142}),
    (
        "针对整改不力问题,问责责任单位6个、责任人29名。",
        {"accountability_people": 29, "accountability_units": 6},
    ),
    (
        "先后约谈单位负责人46人次,问责处理81人,其中给予党纪政务处分35人。",
        {"accountability_people": 81},
    ),
    ("依规依纪依法对29名干部予以追责问责。", {"accountability_people": 29}),
    # PET-BARE-TOTAL
    (
        "截至2022年12月,我市1136件群众举报件已全部办结销号。",
        {"petitions_total": 1136, "petitions_resolved": 1136},
    ),
    (
        "此外,转交我市的287件信访投诉件,现已办结280件,剩余7件长期推进。",
        {"petitions_total": 287, "petitions_resolved": 280},
    ),
    # UNRELATED-COMPLETION
    ("市生态环境局已完成3个村共计17宗信访件的现场复核。", {}),
    # a second round of wordings: Chinese numerals, a day's batch without 第, 来电来信,
    # 按期办结, 销号的达, 共计 before the count, adverbs before the verb
    ("截至6月30日,省督察组共向我市转交信访件十二批次二百六十七件。", {"petitions_total": 267}),
    (
        "6月12日,督察组转交我市信访件33件,均已交办至相关单位。截至当日,已累计接收转办件419件。",
        {"petitions_total": 419},
    ),
    (
        "督察组交办的生态环境类信访件412件,已办结399件。",
        {"petitions_total": 412, "petitions_resolved": 399},
    ),
    (
        "督察组先后转来群众来电来信共计356件,已办结341件。",
        {"petitions_total": 356, "petitions_resolved": 341},
    ),
    (
        "督察组交办我市信访件305件,已办结销号298件。",
        {"petitions_total": 305, "petitions_resolved": 298},
    ),
    ("督察组转交的76件信访件均已按期办结。", {"petitions_total": 76, "petitions_resolved": 76}),
    (
        "截至目前,转交我市的602件信访件中,已办结587件。",
        {"petitions_total": 602, "petitions_resolved": 587},
    ),
    ("反馈的30个问题中,已整改销号的达26个。", {"tasks_total": 30, "tasks_completed": 26}),
    ("针对督察指出的16个问题,我市逐项制定整改措施。", {"tasks_total": 16}),
    (
        "中央督察组交办我市的问题共18个,目前已完成整改15个。",
        {"tasks_total": 18, "tasks_completed": 15},
    ),
    (
        "督察反馈的38个问题细化为142项具体整改事项,已完成131项。",
        {"tasks_total": 38, "measures_total": 142, "measures_completed": 131},
    ),
    ("截至目前,我市已完成12项中央督察整改任务,其余任务正在推进。", {"tasks_completed": 12}),
    ("对整改不力的,共有43人被严肃问责。", {"accountability_people": 43}),
    ("约谈党政领导干部35人,问责12个单位。", {"accountability_units": 12}),
    ("追责问责156人次,其中厅级干部4人次。", {"accountability_people": 156}),
    ("全市已完成5个乡镇共计23件信访件的回访工作。", {}),
    # a third round: Chinese numerals, 共计 after the batches, ranges from the first batch,
    # 办理完成, 已有N件办结, 有N项已基本完成, object-first units and people, talks only
    (
        "督察反馈的二十七个问题中,已完成整改二十二个。",
        {"tasks_total": 27, "tasks_completed": 22},
    ),
    (
        "在督察反馈的45项任务里,有40项已基本完成整改、5项正在加快推进。",
        {"tasks_total": 45, "tasks_completed": 40},
    ),
    (
        "督察期间,省督察组分二十一批向我市移交举报问题,共计752宗;截至8月5日,已办结738宗。",
        {"petitions_total": 752, "petitions_resolved": 738},
    ),
    (
        "8月3日收到督察组转办的第二十批信访件25件,至此,我市累计收到转办件共756件,办结623件。",
        {"petitions_total": 756, "petitions_resolved": 623},
    ),
    (
        "截至7月20日,督察组累计转办我市第一至第九批信访件共312件,已办结280件。",
        {"petitions_total": 312, "petitions_resolved": 280},
    ),
    (
        "督察组交办我市的信访件共587件,已办理完成572件。",
        {"petitions_total": 587, "petitions_resolved": 572},
    ),
    ("截至目前,督察组交办的信访件中已有486件办结。", {"petitions_resolved": 486}),
    ("截至目前,全市共立案追责问责67人,其中给予党纪政务处分21人。", {"accountability_people": 67}),
    (
        "对8家单位和37名责任人员进行了追责问责。",
        {"accountability_people": 37, "accountability_units": 8},
    ),
    ("共约谈相关单位17个,通报批评5个单位。", {}),
    (
        "第二轮中央督察报告指出我市存在的突出问题共12个,已整改到位9个。",
        {"tasks_total": 12, "tasks_completed": 9},
    ),
    ("对照督察反馈意见,我市梳理形成了3大类28个问题的整改清单。", {"tasks_total": 28}),
    # a fourth round: nouns with 达/事项/案件, rates after counts, 数为, batches then 共计,
    # problems of 方面, a date between the total and the count done, people in 人次/名
    (
        "督察组转交我市的环境投诉举报件达214件,目前已办结203件。",
        {"petitions_total": 214, "petitions_resolved": 203},
    ),
    (
        "督察组转交我市的群众信访举报事项共计96个,已办结91个。",
        {"petitions_total": 96, "petitions_resolved": 91},
    ),
    (
        "省督察组交办我市生态环境问题举报案件120件,已全部办结。",
        {"petitions_total": 120, "petitions_resolved": 120},
    ),
    (
        "督察组交办的310件信访件,已办结301件,办结率97.1%。",
        {"petitions_total": 310, "petitions_resolved": 301},
    ),
    (
        "截至目前,督察组交办的信访件共计448件,已全部办结到位。",
        {"petitions_total": 448, "petitions_resolved": 448},
    ),
    ("督察组转办的信访件已办结433件,占转办总数的96.2%。", {"petitions_resolved": 433}),
    (
        "今天,督察组转办我市第十六批信访件18件。至此,我市累计收到信访件数为331件。",
        {"petitions_total": 331},
    ),
    ("截至7月1日,我市已累计受理督察组交办件16批次,共计227件。", {"petitions_total": 227}),
    ("中央督察组向我市反馈了四个方面共22个问题。", {"tasks_total": 22}),
    ("我市对照督察报告反馈的问题,制定了包含38项整改任务的整改方案。", {"tasks_total": 38}),
    ("督察报告共指出我市问题17个,其中已整改完成12个。", {"tasks_total": 17, "tasks_completed": 12}),
    (
        "列入整改方案的43项任务,截至6月底完成整改39项,剩余4项持续推进。",
        {"tasks_total": 43, "tasks_completed": 39},
    ),
    (
        "督察反馈的35个问题已有31个完成整改并通过验收。",
        {"tasks_total": 35, "tasks_completed": 31},
    ),
    ("共追责问责党员干部52名,其中处级11名。", {"accountability_people": 52}),
    ("全市共问责领导干部及工作人员64人次。", {"accountability_people": 64}),
    (
        "对15个责任单位、48名责任人进行了严肃问责。",
        {"accountability_people": 48, "accountability_units": 15},
    ),
    ("今年以来,我市已完成督察整改任务21项,超序时进度。", {"tasks_completed": 21}),
]


@pytest.mark.parametrize(("body", "expected"), MORE_CLASS_WORDINGS)
def test_more_class_wordings(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


def test_the_rest_still_to_do_is_no_subset_of_a_later_sentence() -> None:
    """其余 marks a part only when its count follows it; it does not reach the next sentence."""
    body = (
        "截至9月20日,督察组累计向我市交办信访件386件,其中雨湖区97件、岳塘区85件,"
        "其余由市直部门办理。全市已办结352件。"
    )
    check(body, {"petitions_total": 386, "petitions_resolved": 352})


def test_plan_list_with_a_qualifier_noun_keeps_schedules_out() -> None:
    title = "河源市省级生态环境保护督察反馈问题整改责任清单\n发布日期:2022-03-10\n"
    check(
        "涉及整改任务25项,今年内完成整改12项,其余任务须于2024年12月底前整改到位。",
        {"tasks_total": 25},
        title=title,
    )


def test_a_clause_only_subset_marker_stops_at_the_sentence_end() -> None:
    """其中 scopes the rest of its sentence, not the next sentence (SUBAREA/subset scope)."""
    check(
        "督察期间共收到督察组转办信访件208件,其中大气类91件。截至目前,已办结196件。",
        {"petitions_total": 208, "petitions_resolved": 196},
    )


# --- complaint nouns, resolved verbs and units in other wordings -----------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the issue named before the complaint word (PET-NOUN)
        (
            "督察组转来群众反映的生态环境问题投诉共计517件,已全部办结。",
            {"petitions_total": 517, "petitions_resolved": 517},
        ),
        (
            "截至目前,我县86件环境问题投诉已全部办结。",
            {"petitions_total": 86, "petitions_resolved": 86},
        ),
        # several channels in a row (PET-NOUN)
        (
            "督察期间,共转交我市群众来电来信来访事项233件,已办结219件。",
            {"petitions_total": 233, "petitions_resolved": 219},
        ),
        (
            "督察组移交的来信、来电、网络举报共计158件,目前已办结149件。",
            {"petitions_total": 158, "petitions_resolved": 149},
        ),
        # resolved by another verb (PET-RESOLVED)
        (
            "督察组转办我市信访件276件,已调查处理完毕261件。",
            {"petitions_total": 276, "petitions_resolved": 261},
        ),
        (
            "督察组交办的318件信访件已全部办理销号。",
            {"petitions_total": 318, "petitions_resolved": 318},
        ),
        (
            "督察组转交我区的举报件92件,均已调查处理完毕。",
            {"petitions_total": 92, "petitions_resolved": 92},
        ),
        # complaints counted in 起
        (
            "共接收督察组转办案件143起,已结案137起。",
            {"petitions_total": 143, "petitions_resolved": 137},
        ),
        (
            "督察组交办我县信访案件56起,已办结51起。",
            {"petitions_total": 56, "petitions_resolved": 51},
        ),
    ],
)
def test_complaint_wordings_of_other_pages(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the fed-back problems 涉及 the jurisdiction, noun before the count (TASK-TOTAL-PHRASE)
        (
            "省委第一生态环境保护督察组反馈意见共涉及我县问题27个,目前已完成整改19个。",
            {"tasks_total": 27, "tasks_completed": 19},
        ),
        (
            "省督察组反馈意见涉及我市问题19个,已完成整改14个。",
            {"tasks_total": 19, "tasks_completed": 14},
        ),
        # a long inspection name between the verb and the problems (TASK-DONE-AS-TOTAL)
        (
            "截至2023年11月,已完成中央生态环境保护督察反馈问题整改24个。",
            {"tasks_completed": 24},
        ),
        (
            "全年共完成第二轮省级生态环境保护督察问题整改17个。",
            {"tasks_completed": 17},
        ),
        # completed and basically completed joined by 和/及 (TASK-DONE-COUNT-FIRST)
        (
            "督察反馈问题31个,已经完成整改和基本完成整改的共26个。",
            {"tasks_total": 31, "tasks_completed": 26},
        ),
        (
            "督察反馈问题18个,已完成及基本完成的有15个。",
            {"tasks_total": 18, "tasks_completed": 15},
        ),
    ],
)
def test_task_wordings_of_other_pages(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "给予党纪政务处分19人,问责单位4个、问责人员58名。",
            {"accountability_people": 58, "accountability_units": 4},
        ),
        ("共给予党纪处分12人、政务处分9人,累计问责干部47人。", {"accountability_people": 47}),
        ("组织处理8人,追责问责领导干部33名。", {"accountability_people": 33}),
        # with no total held accountable, the sanctioned still count
        ("针对整改不力问题,给予党纪政务处分26人。", {"accountability_people": 26}),
    ],
)
def test_sanctions_yield_to_a_stated_accountability_total(
    body: str, expected: dict[str, Any]
) -> None:
    check(body, expected)


@pytest.mark.parametrize(
    ("body", "done"),
    [
        ("应于2019年底前完成整改的问题32个,已完成30个;其余9个问题中,已提前完成4个。", 34),
        ("今年到期的整改任务已完成21项,剩余8项任务中已提前完成整改3项。", 24),
        ("按期应完成的问题已整改完成17个;余下的6个问题里,有提前完成2个。", 19),
    ],
)
def test_completion_in_parts_with_the_rest_done_early(body: str, done: int) -> None:
    assert coded(body)["tasks_completed"] == done


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # problems counted in 条 (TASK-TOTAL-PHRASE)
        (
            "省委第二生态环境保护督察组向我市反馈问题23条,目前已整改到位19条。",
            {"tasks_total": 23, "tasks_completed": 19},
        ),
        (
            "中央督察组反馈的问题共31条,已完成整改26条。",
            {"tasks_total": 31, "tasks_completed": 26},
        ),
        # units held accountable counted in 家 (ACCOUNTABILITY)
        (
            "全市共问责领导干部和相关责任人员215人次,问责责任单位23家。",
            {"accountability_people": 215, "accountability_units": 23},
        ),
    ],
)
def test_problems_in_tiao_and_units_in_jia(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


@pytest.mark.parametrize(
    ("body", "done"),
    [
        ("上半年到期的15项整改任务已全部按期完成。", 15),
        ("年内应完成的9个问题均已全部如期完成整改。", 9),
    ],
)
def test_all_of_a_stated_count_done_on_time(body: str, done: int) -> None:
    assert coded(body) == {"tasks_completed": done}


# --- an adverbial between 已 and the completion verb ---------------------------------------


@pytest.mark.parametrize(
    ("body", "done"),
    [
        ("督察反馈问题共40个,对照整改方案,已按期完成整改任务31项。", 31),
        ("反馈问题涉及我市的18项整改任务,已如期完成整改12项。", 12),
        ("反馈问题共25个,截至目前,已全面完成整改任务17个。", 17),
        ("督察反馈的36项整改任务,已于2021年底前完成整改30项,其余6项正在推进。", 30),
    ],
)
def test_adverbial_between_yi_and_the_verb(body: str, done: int) -> None:
    assert coded(body)["tasks_completed"] == done


@pytest.mark.parametrize(
    "body",
    [
        "督察反馈的36项整改任务,已计划于2025年底前完成整改30项。",
        "督察反馈的36项整改任务,已明确2025年底前完成整改30项。",
        "督察反馈的36项整改任务,已按期完成,尚未完成整改30项。",
    ],
)
def test_plans_after_yi_are_not_completions(body: str) -> None:
    assert coded(body).get("tasks_completed") != 30


# --- all resolved, negated after a comma ---------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "中央督察组交办我市信访件共76件,至今未能全部办结。",
        "中央督察组转办的信访举报件共计52件,目前尚未全部办结。",
        "督察期间,累计转办群众信访件88件,还没有全部办结。",
        "交办的投诉件64件,因情况复杂无法全部办结。",
    ],
)
def test_all_resolved_negated_after_a_comma(body: str) -> None:
    assert coded(body).get("petitions_resolved") is None


@pytest.mark.parametrize(
    ("body", "resolved"),
    [
        ("中央督察组交办我市信访件共76件,目前已全部办结。", 76),
        ("督察期间,累计转办群众信访件88件,均已办结。", 88),
    ],
)
def test_all_resolved_after_a_comma(body: str, resolved: int) -> None:
    assert coded(body)["petitions_resolved"] == resolved


# --- complaint nouns with no noun after the complaint word, a pollution kind or 诉求 ---------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "督察期间,省督察组向我市转交信访投诉312件,截至7月底已办结305件。",
            {"petitions_total": 312, "petitions_resolved": 305},
        ),
        (
            "中央督察组交办的3120件群众信访举报,已办结3058件。",
            {"petitions_total": 3120, "petitions_resolved": 3058},
        ),
        (
            "省委督察组转办我市的生态环境投诉1058件,已办结1041件。",
            {"petitions_total": 1058, "petitions_resolved": 1041},
        ),
        (
            "中央督察组交办我市的87件环境污染举报已全部办结。",
            {"petitions_total": 87, "petitions_resolved": 87},
        ),
        (
            "督察组转来的39件扬尘污染举报均已办结。",
            {"petitions_total": 39, "petitions_resolved": 39},
        ),
        (
            "中央督察组交办我市的426件群众诉求已全部办结。",
            {"petitions_total": 426, "petitions_resolved": 426},
        ),
        (
            "督察组转办我市的群众来电来信来访诉求892件,已办结880件。",
            {"petitions_total": 892, "petitions_resolved": 880},
        ),
    ],
)
def test_complaint_nouns_without_a_noun_after(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


# --- resolved counts: 办理完毕, 办结销号, count first without 已, all done by a time rule ------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "截至7月20日,中央督察组累计转办我市信访件208件。已办理完毕197件,其余正在办理。",
            {"petitions_total": 208, "petitions_resolved": 197},
        ),
        (
            "中央督察组转交我市信访件累计461件,已办结销号452件。",
            {"petitions_total": 461, "petitions_resolved": 452},
        ),
        (
            "督察组交办我市信访件共1244件,其中,1203件办结,41件阶段性办结。",
            {"petitions_total": 1244, "petitions_resolved": 1203},
        ),
        (
            "省委督察组交办我市的信访件58件,均已按时限要求办结。",
            {"petitions_total": 58, "petitions_resolved": 58},
        ),
        (
            "中央督察组转办的信访举报件73件,已全部按规定办结。",
            {"petitions_total": 73, "petitions_resolved": 73},
        ),
    ],
)
def test_resolved_in_more_wordings(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


# --- tasks: the noun repeated after the verb, the inspection between verb and noun ----------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("方案确定的44项任务中,完成整改的任务达37项。", {"tasks_total": 44, "tasks_completed": 37}),
        ("督察反馈的30个问题中,完成整改的问题有26个。", {"tasks_total": 30, "tasks_completed": 26}),
        ("截至7月底,我市已完成中央生态环境保护督察反馈问题整改任务27项。", {"tasks_completed": 27}),
        ("今年以来累计完成省级生态环境保护督察整改任务19项。", {"tasks_completed": 19}),
    ],
)
def test_completions_with_the_noun_after_the_verb(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


# --- totals: problems concerning the jurisdiction after a comma, 共 before the noun ----------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "省第三生态环境保护督察组反馈意见中,涉及我市问题33个。截至2022年12月,已完成整改27个。",
            {"tasks_total": 33, "tasks_completed": 27},
        ),
        (
            "督察组反馈的问题中涉及本市问题18个,已完成整改15个。",
            {"tasks_total": 18, "tasks_completed": 15},
        ),
        ("全市共有反馈问题31个,已完成整改28个。", {"tasks_total": 31, "tasks_completed": 28}),
        # the problems first, then the number they were sorted into
        (
            "督察反馈的问题归纳为19个,截至2023年底已完成整改16个。",
            {"tasks_total": 19, "tasks_completed": 16},
        ),
        ("我市将督察报告指出的问题梳理为26项,逐项明确整改措施。", {"tasks_total": 26}),
        # a qualifier before the noun: 指出存在的问题N个
        ("督察组向我市反馈督察意见,指出存在的突出问题14个。", {"tasks_total": 14}),
    ],
)
def test_totals_of_problems_in_more_wordings(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


def test_total_of_problems_in_a_task_list() -> None:
    title = "河源市第二轮省级生态环境保护督察反馈问题整改任务清单(公示稿)\n"
    body = "本清单共涉及整改问题27个,细化整改措施96条,明确2023年6月底前完成整改11个。"
    check(body, {"tasks_total": 27, "measures_total": 96}, title)


# --- accountability: cases held accountable, then the people handled -----------------------


@pytest.mark.parametrize(
    ("body", "people"),
    [
        ("督察期间,全市实施问责38起、处理62人。", 62),
        ("围绕督察反馈问题,共追责问责问题21个,处理责任人45名。", 45),
    ],
)
def test_cases_then_people_held_accountable(body: str, people: int) -> None:
    assert coded(body).get("accountability_people") == people


# --- more wordings: 承办, 已办结的有, 群众反映问题, clues counted in 条 --------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "5月9日,省督察组向我市交办第五批信访件共112件。截至当日,我市累计承办87件,已办结66件。",
            {"petitions_total": 87, "petitions_resolved": 66},
        ),
        (
            "督察组累计交办我市信访件536件,其中已办结的有518件。",
            {"petitions_total": 536, "petitions_resolved": 518},
        ),
        (
            "督察组转办我市的群众反映问题218个,已办结207个。",
            {"petitions_total": 218, "petitions_resolved": 207},
        ),
        (
            "督察组转办我市的环境信访线索58条,已全部办结。",
            {"petitions_total": 58, "petitions_resolved": 58},
        ),
    ],
)
def test_complaints_in_more_wordings(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


# --- completion: 完成整改并…销号的问题有N个; parts due in two years ------------------------------


@pytest.mark.parametrize(
    ("body", "done"),
    [
        ("省督察反馈的问题中,已完成整改并通过验收销号的问题有41个。", 41),
        ("中央督察反馈的问题中,已完成整改并销号的任务共36项。", 36),
        ("2021年度应完成的12项任务已全部完成;2022年度应完成的9项任务已完成7项。", 19),
        ("去年应完成的8个问题已全部完成整改,今年需完成的6个问题中已完成4个。", 12),
    ],
)
def test_completions_in_more_wordings(body: str, done: int) -> None:
    assert coded(body).get("tasks_completed") == done


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "截至2023年1月,督察组交办我市信访件共512件,办结数为498件。",
            {"petitions_total": 512, "petitions_resolved": 498},
        ),
        (
            "中央督察组转办我市的信访举报件共计230件,结案件数226件。",
            {"petitions_total": 230, "petitions_resolved": 226},
        ),
    ],
)
def test_resolved_stated_as_a_count_noun(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "督察反馈的26个问题已完成整改22个;涉及整改措施112项,已落实到位108项。",
            {
                "tasks_total": 26,
                "tasks_completed": 22,
                "measures_total": 112,
                "measures_completed": 108,
            },
        ),
        (
            "中央督察反馈的19个问题,已落实到位16个。",
            {"tasks_total": 19, "tasks_completed": 16},
        ),
    ],
)
def test_implemented_counts_as_completed(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "督察组交办我市信访件共426件,已办结(销号)410件。",
            {"petitions_total": 426, "petitions_resolved": 410},
        ),
        (
            "截至6月30日,累计转办我市信访件318件。已办结(含阶段性办结)301件。",
            {"petitions_total": 318, "petitions_resolved": 301},
        ),
    ],
)
def test_resolved_with_a_bracket_after_the_verb(body: str, expected: dict[str, Any]) -> None:
    check(body, expected)


# --- another place's whole, then the record's own part ------------------------------------

COUNTY = "关于中央生态环境保护督察整改落实情况的通报\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "截至5月31日,省督察组累计向赣州市交办信访件968件,其中我县承接74件,已办结70件。"
            "\n会昌县督察整改办\n",
            {"petitions_total": 74, "petitions_resolved": 70},
        ),
        (
            "中央第四生态环境保护督察组累计向江西省转办信访件9,215件,其中涉及我县的112件"
            "已全部办结。\n会昌县督察整改办\n",
            {"petitions_total": 112, "petitions_resolved": 112},
        ),
        (
            "省督察组向赣州市反馈督察意见后,赣州市共认领整改问题75个,其中涉及我县的问题"
            "18个。截至2023年6月底,已完成整改15个。\n会昌县督察整改办\n",
            {"tasks_total": 18, "tasks_completed": 15},
        ),
        # the record's own figures after another place's: the other place's are not taken
        (
            "省督察组累计向赣州市交办信访件968件。截至5月31日,督察组交办我县的信访件74件,"
            "已办结70件。\n会昌县督察整改办\n",
            {"petitions_total": 74, "petitions_resolved": 70},
        ),
    ],
)
def test_another_places_whole_is_not_the_records(body: str, expected: dict[str, Any]) -> None:
    check(body, expected, title=COUNTY)


def test_a_breakdown_by_district_before_the_resolved_count_keeps_it() -> None:
    body = (
        "截至8月1日,督察组先后向我市转交群众举报件12批次412件,其中源城区96件、东源县58件,"
        "已办结398件。\n河源市督察整改办\n"
    )
    check(body, {"petitions_total": 412, "petitions_resolved": 398}, title=COUNTY)


def test_a_city_page_keeps_the_count_handed_over_to_it() -> None:
    body = "截至5月31日,省督察组累计向赣州市交办信访件968件,已办结950件。\n赣州市督察整改办\n"
    check(body, {"petitions_total": 968, "petitions_resolved": 950}, title=COUNTY)


# --- further totals of fed-back problems, 问责 after 约谈, all resolved after an aside ----


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "针对督察反馈的3个方面21个问题,我市逐项制定整改方案,已完成整改17个。",
            {"tasks_total": 21, "tasks_completed": 17},
        ),
        (
            "省第二生态环境保护督察组反馈东源县的问题12个,截至9月底已完成整改10个。"
            "\n东源县人民政府\n",
            {"tasks_total": 12, "tasks_completed": 10},
        ),
        (
            "中央督察组反馈后,我市共承担整改任务37项,已完成整改30项。",
            {"tasks_total": 37, "tasks_completed": 30},
        ),
        (
            "督察反馈意见指出的突出问题25个,已完成整改22个。",
            {"tasks_total": 25, "tasks_completed": 22},
        ),
        # 约谈 reaches only its clause: those held accountable after it count
        ("督察整改中,约谈企业负责人16人,对8名责任人进行了问责。", {"accountability_people": 8}),
        ("对3个乡镇进行约谈,对失职失责的6名干部给予问责。", {"accountability_people": 6}),
        ("约谈党政领导干部27人、4个单位。", {}),
        # a breakdown in brackets between the total and all resolved
        (
            "督察组交办我市的信访件共58件(其中源城区20件、东源县11件),已全部办结。",
            {"petitions_total": 58, "petitions_resolved": 58},
        ),
    ],
)
def test_more_totals_accountability_after_talks_and_asides(
    body: str, expected: dict[str, Any]
) -> None:
    check(body, expected)
