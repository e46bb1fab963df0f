"""Property tests: comparison bases, deadlines, targets, plans and negations generated around
values are never coded as a value, nor as a value's year — for outcome mentions and for
count variables. One test per form; the sentences are templates written for these tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.coding.coder import code_text
from analysis.ingest import normalize

STATUS = "江西省环境质量通报\n发布日期:2024-06-01\n"
ACCOUNT = "河源市落实中央生态环境保护督察反馈意见整改情况\n发布日期:2024-06-25\n"
SETTINGS = settings(max_examples=25, deadline=None)

years = st.integers(min_value=2015, max_value=2024)
bases = st.integers(min_value=2010, max_value=2024)
later = st.integers(min_value=2025, max_value=2035)
concentrations = st.integers(min_value=15, max_value=80)
shares = st.integers(min_value=600, max_value=999).map(lambda n: n / 10)
changes = st.integers(min_value=11, max_value=99).map(lambda n: n / 10)
comparison = st.sampled_from(["比{b}年", "较{b}年", "与{b}年相比,"])
directions = st.sampled_from(["下降", "降低", "改善", "上升"])


def mentions(body: str, head: str = STATUS) -> list[tuple]:
    doc = code_text(normalize(head + body + "\n"), "property")
    return [(m.variable, m.year, m.value) for r in doc.records for m in r.mentions]


def record(body: str, head: str = ACCOUNT) -> dict:
    doc = code_text(normalize(head + body + "\n"), "property")
    assert len(doc.records) == 1
    return doc.records[0].values


def _num(x: float) -> str:
    return f"{x:g}"


@SETTINGS
@given(years, bases, concentrations, changes, comparison, directions)
def test_comparison_base_after_the_value(y, b, v, c, cmp, direction) -> None:
    body = f"{y}年,全省PM2.5平均浓度为{v}微克/立方米,{cmp.format(b=b)}{direction}{_num(c)}%。"
    got = mentions(body)
    assert got == [("pm25", y, float(v))]


@SETTINGS
@given(years, bases, concentrations, changes, comparison)
def test_comparison_base_before_the_value(y, b, v, c, cmp) -> None:
    body = f"{y}年全省综合指数3.52,{cmp.format(b=b)}改善{_num(c)}%;PM2.5浓度为{v}微克/立方米。"
    assert mentions(body) == [("pm25", y, float(v))]


@SETTINGS
@given(years, bases, shares, st.integers(min_value=2, max_value=40))
def test_comparison_base_in_the_paragraph_and_the_change(y, b, v, n) -> None:
    body = f"{y}年,全省优良天数300天,比{b}年增加{n}天。优良天数比例为{_num(v)}%。"
    got = mentions(body)
    assert got == [("good_air_ratio", y, v)]
    assert all(value != n for _, _, value in got)


@SETTINGS
@given(years, bases, changes)
def test_a_change_alone_is_no_value(y, b, c) -> None:
    body = (
        f"{y}年,全省优良天数比例比{b}年提高{_num(c)}个百分点,"
        f"国考断面水质优良比例同比上升{_num(c)}个百分点。"
    )
    assert mentions(body) == []


@SETTINGS
@given(later, concentrations, shares, st.sampled_from(["降至", "控制在", "达到"]))
def test_targets_are_never_values(t, v, s, verb) -> None:
    for body in (
        f"到{t}年,全省PM2.5浓度{verb}{v}微克/立方米。",
        f"{t}年目标:优良天数比例不低于{_num(s)}%。",
        f"全省力争{t}年国考断面水质优良比例达到{_num(s)}%。",
        f"预计{t}年全省PM2.5平均浓度为{v}微克/立方米。",
    ):
        assert mentions(body) == [], body


@SETTINGS
@given(years, later, concentrations)
def test_deadline_year_is_never_the_period(y, d, v) -> None:
    body = (
        f"{y}年全省空气质量持续改善。{d}年底前需完成的治理工程已开工,"
        f"PM2.5平均浓度为{v}微克/立方米。"
    )
    assert mentions(body) == [("pm25", y, float(v))]


@SETTINGS
@given(years, st.integers(min_value=2010, max_value=2014), shares)
def test_year_qualifying_a_noun_is_never_the_period(y, q, s) -> None:
    body = f"{y}年全省水环境持续改善。{q}年存在的劣Ⅴ类断面全部消除,国考断面水质优良率{_num(s)}%。"
    assert mentions(body) == [("water_good_ratio", y, s)]


# --- counts -----------------------------------------------------------------------------

deadlines = st.sampled_from(["到{d}年底前", "{d}年底前", "{d}年6月底前", "计划{d}年", "应于{d}年"])
totals = st.integers(min_value=30, max_value=90)
parts = st.integers(min_value=2, max_value=29)


@SETTINGS
@given(totals, parts, later, deadlines)
def test_scheduled_tasks_are_not_completed(n, k, d, deadline) -> None:
    body = f"督察反馈的{n}项整改任务中,{deadline.format(d=d)}完成{k}项。"
    assert record(body).get("tasks_completed") != k


@SETTINGS
@given(totals, parts, st.sampled_from(["计划", "需", "拟", "力争", "预计"]))
def test_planned_tasks_are_not_completed(n, k, modal) -> None:
    body = f"督察反馈的{n}项整改任务中,{modal}完成整改{k}项。"
    assert record(body).get("tasks_completed") != k


@SETTINGS
@given(totals, parts, st.sampled_from(["尚未完成", "未完成", "没有完成"]))
def test_negated_tasks_are_not_completed(n, k, negation) -> None:
    body = f"督察反馈的{n}项整改任务中,{negation}{k}项。"
    assert record(body).get("tasks_completed") != k


@SETTINGS
@given(totals, parts, later)
def test_scheduled_complaints_are_not_resolved(n, k, d) -> None:
    body = f"中央督察组交办的{n}件信访件中,计划{d}年底前办结{k}件。"
    assert record(body).get("petitions_resolved") != k


@SETTINGS
@given(totals, parts, st.integers(min_value=1, max_value=9), later)
def test_completed_next_to_a_schedule_is_kept(n, k, extra, d) -> None:
    """The guard is not a blanket: what was done stays, beside what is scheduled."""
    body = f"督察反馈的{n}项整改任务中,已完成整改{k}项,{d}年底前完成{k + extra}项。"
    assert record(body).get("tasks_completed") == k


@SETTINGS
@given(years, st.integers(min_value=1, max_value=8), concentrations, changes)
def test_change_before_the_value_is_yoy_only_on_the_previous_year(y, back, v, c) -> None:
    """与B年相比,…下降C%,为V: the value is Y's; the change is its year-on-year change only
    when B is the year before Y."""
    b = y - back
    body = (
        f"{y}年,全省空气质量总体稳定。与{b}年相比,全省PM2.5平均浓度下降{_num(c)}%,"
        f"为{v}微克/立方米。"
    )
    doc = code_text(normalize(STATUS + body + "\n"), "property")
    got = [(m.variable, m.year, m.value, m.yoy_change) for r in doc.records for m in r.mentions]
    assert got == [("pm25", y, float(v), -c if back == 1 else None)]


@SETTINGS
@given(
    totals,
    parts,
    st.sampled_from(["经验收", "通过核查", "达到标准并", "按序时进度"]),
    st.sampled_from(["尚未", "仍未", "还没有", "计划年底前", "力争年内"]),
)
def test_a_negated_or_planned_predicate_is_no_completion(n, k, predicate, not_yet) -> None:
    """已有K项 + what was done + the completion verb is K completed; with a negation or a
    plan before the verb it is not."""
    done = f"督察反馈的{n}项整改任务中,已有{k}项{predicate}完成销号。"
    assert record(done)["tasks_completed"] == k
    body = f"督察反馈的{n}项整改任务中,已有{k}项{predicate}{not_yet}完成销号。"
    assert record(body).get("tasks_completed") != k


met = st.sampled_from(["已于{d}年底前", "已在{d}年6月底前", "已经于{d}年9月底前", "已于{d}年"])
past = st.integers(min_value=2017, max_value=2023)


@SETTINGS
@given(totals, parts, past, met, st.sampled_from(["完成整改", "完成整改任务", "完成"]))
def test_deadline_met_is_a_completion(n, k, d, when, verb) -> None:
    # 已 before the deadline states what was done by it: the count is a completion
    body = f"督察反馈的{n}项整改任务中,{when.format(d=d)}{verb}{k}项。"
    assert record(body).get("tasks_completed") == k


@SETTINGS
@given(totals, parts, later, st.sampled_from(["已计划于", "已要求", "已明确"]))
def test_planned_by_a_deadline_after_yi_is_not_completed(n, k, d, lead) -> None:
    # 已 before a plan or a requirement does not make the deadline met
    body = f"督察反馈的{n}项整改任务中,{lead}{d}年底前完成整改{k}项。"
    assert record(body).get("tasks_completed") != k
