"""Candidate features (analysis/coding/features.py): year roles, value features, scope, guards.

Every sentence here is written for the test; the expected roles come from reading it.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.codebook import default_codebook
from analysis.coding import features
from analysis.coding.text import paragraph_around

CODEBOOK = default_codebook()


def role(text: str, year: str) -> str:
    start = text.index(year)
    return features.year_role(text, start, start + len(year) + 1, CODEBOOK)


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("2021年,全市PM2.5浓度为30微克/立方米,比2020年下降8%。", "2021", "period"),
        ("2021年,全市PM2.5浓度为30微克/立方米,比2020年下降8%。", "2020", "comparison_base"),
        ("综合指数较2019年改善3.2%。", "2019", "comparison_base"),
        ("与2022年相比,浓度下降1.1%。", "2022", "comparison_base"),
        ("全市2024年底前完成治理任务。", "2024", "deadline"),
        ("应于2023年完成的12项任务已全部完成。", "2023", "deadline"),
        ("到2025年,优良天数比例达到90%。", "2025", "deadline"),
        ("力争2026年全面达标。", "2026", "deadline"),
        ("2019年存在的6个劣Ⅴ类断面全部消除。", "2019", "qualifier"),
        ("2018年排查出的问题已整改。", "2018", "qualifier"),
        ("2022年前三季度,优良天数比例为88%。", "2022", "period"),
        ("2022年上半年,优良天数比例为88%。", "2022", "period"),
        ("2020年的PM2.5浓度为35微克/立方米。", "2020", "period"),
    ],
)
def test_year_role(text: str, year: str, expected: str) -> None:
    assert role(text, year) == expected


def feats(text: str, number: str) -> set[str]:
    start = text.index(number)
    return features.value_features(text, start, CODEBOOK)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("优良天数288天,比2021年增加12天", "12", "comparison_base"),
        ("已整改问题同比减少7个", "7", "comparison_base"),
        ("PM2.5浓度目标控制在33微克/立方米", "33", "target"),
        ("到2025年,优良天数比例达到92%", "92", "target"),
        ("力争优良天数比例达到91%", "91", "target"),
        ("2025年底前完成14项", "14", "deadline"),
        ("年底前完成整改9项", "9", "deadline"),
        ("计划完成整改11项", "11", "modality"),
        ("还需完成6项", "6", "modality"),
        ("尚未完成8项", "8", "negation"),
        ("国控断面优良比例首次超过80%", "80", "bound"),
    ],
)
def test_value_feature_present(text: str, number: str, expected: str) -> None:
    assert expected in feats(text, number)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("应于2023年完成的17项整改任务已全部完成", "17"),  # the deadline qualifies a noun
        ("2022年底前应完成26个,已完成25个", "25"),  # what was done
        ("计划于2019年完成的7个问题已按期整改", "7"),
        ("截至2022年底,已完成整改任务31项", "31"),  # an as-of date, not a deadline
        ("按计划推进,已完成13项", "13"),
        ("将15项整改任务全部完成", "15"),  # 将 marks the object
        ("全面完成目标任务16项", "16"),  # 目标任务 is a noun
        ("年内完成整改任务18项", "18"),  # within the year, done
        ("主要完成治理任务19项", "19"),
    ],
)
def test_value_not_governed(text: str, number: str) -> None:
    got = feats(text, number)
    assert not got & {"deadline", "modality", "negation", "comparison_base"}


def _guard(text: str, number: str, variable: str = "tasks_completed") -> str | None:
    return features.guard_count(text, text.index(number), CODEBOOK, variable)


@pytest.mark.parametrize(
    ("negated", "number", "done", "variable"),
    [
        # a negation up to the completion verb blocks; one after the verb or in the next
        # clause does not (the done count is 12)
        (
            "督察反馈的31项任务中,已有6项进入验收程序但尚未完成销号",
            "6",
            "已有12项完成整改,尚未完成的4项正在推进",
            "tasks_completed",
        ),
        (
            "其中9个问题目前仍未完成整改",
            "9",
            "其中12项已完成整改销号,未发现问题反弹",
            "tasks_completed",
        ),
        (
            "已有5项受客观条件限制未能按期完成",
            "5",
            "已有12项完成整改,其余3项未完成",
            "tasks_completed",
        ),
        (
            "126条措施中有8条至今没有完成",
            "8",
            "已完成整改12项,未完成的2项",
            "measures_completed",
        ),
        (
            "交办的信访件中有14件目前尚未办结",
            "14",
            "交办的信访件中有12件已经办结,无一未结",
            "petitions_resolved",
        ),
    ],
)
def test_negation_after_the_number(negated: str, number: str, done: str, variable: str) -> None:
    """A negation between the number and its completion verb blocks a completed count."""
    assert _guard(negated, number, variable) == "negation_after"
    assert _guard(done, "12", variable) is None


@pytest.mark.parametrize(
    ("planned", "number", "guard", "done"),
    [
        ("31项任务中,已有6项计划于年底前完成整改", "6", "deadline", "其中12项已于年底前完成"),
        ("督察反馈的31项任务中,已有6项计划今年完成整改", "6", "modality", "已有12项按计划完成整改"),
        ("其中7个问题力争年内完成销号", "7", "modality", "其中12个问题按期完成销号"),
        ("另有4项即将完成整改", "4", "modality", "另有12项提前完成整改"),
        ("其中5项于2025年底前完成", "5", "deadline", "其中12项于2022年11月完成"),
        ("剩余11件需在6月底前办结", "11", "deadline", "12件信访件按照要求全部办结"),
        ("其中13件需要进一步核实后办结", "13", "modality", "其中12件经核实后办结"),
    ],
)
def test_plan_between_the_number_and_its_verb(
    planned: str, number: str, guard: str, done: str
) -> None:
    """A plan or deadline between the number and its verb governs it; what was done (已…,
    按要求…) is not governed."""
    variable = "petitions_resolved" if "件" in planned else "tasks_completed"
    assert _guard(planned, number, variable) == guard
    assert _guard(done, "12", variable) is None


def test_enumerated_needs_the_match_start() -> None:
    text = "二氧化氮、PM2.5浓度分别为20、31微克/立方米"
    value = text.index("20")
    assert "enumerated" in features.value_features(text, value, CODEBOOK, text.index("PM"))
    assert "enumerated" not in features.value_features(text, value, CODEBOOK)


def _scope(text: str, number: str, own: str = "江西省") -> str | None:
    start = text.index(number)

    def other_place(chunk: str) -> int | None:
        for name in ("南昌市", "九江市", "湖南省"):
            if name in chunk:
                return chunk.index(name)
        return None

    return features.scope(
        text, start, paragraph_around(text, start), CODEBOOK, re.compile("全国"), other_place, own
    )


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        (
            "赣南地区优良天数比例为91.3%,同比上升1.1个百分点。细颗粒物浓度为27微克/立方米。",
            "27",
            "subarea",
        ),
        ("鄱阳湖湖区点位水质轻度污染;Ⅰ~Ⅲ类水质断面比例35.2%。", "35.2", "subarea"),
        ("其中,南昌市细颗粒物浓度为30微克/立方米,优良天数比例为88%。", "88", "subarea"),
        ("全国地级以上城市优良天数比例为86.5%。", "86.5", "wider_area"),
        ("全省优良天数比例为89.2%,高于全国平均水平(86.5%)。", "86.5", "wider_area"),
        ("赣江流域水质为优。全省国考断面水质优良比例为95.2%。", "95.2", None),
        ("江西省细颗粒物浓度为28微克/立方米。", "28", None),
        ("2022年,南昌市PM2.5浓度下降。2023年,优良天数比例为90.1%。", "90.1", None),
        ("实施赣江流域综合治理。优良水体比例为94.4%。", "94.4", None),
    ],
)
def test_scope(text: str, number: str, expected: str | None) -> None:
    assert _scope(text, number) == expected


def test_guards_are_declared_per_family_and_variable() -> None:
    assert "target" in features.guards_for(CODEBOOK, "mentions", "pm25")
    assert "deadline" in features.guards_for(CODEBOOK, "counts", "tasks_completed")
    assert features.guards_for(CODEBOOK, "counts", "tasks_total") == ()
    declared = CODEBOOK.raw["guards"]
    named = set(declared["mentions"]) | {g for gs in declared["variables"].values() for g in gs}
    assert named <= set(features.FEATURES)


_PIECES = st.sampled_from(
    ["比2021年增加", "目标", "到2025年,", "力争", "年底前完成", "未", "不低于", "分别为", "其中",
     "全市", "各县区", "已", "的", ",", "。", "优良天数比例达到", "PM2.5浓度为"]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_PIECES, max_size=6),
    st.permutations(features.FEATURES),
    st.integers(0, len(features.FEATURES)),
    st.sampled_from([None, "subarea", "wider_area"]),
    st.booleans(),
)
def test_first_guard_is_the_first_blocking_feature(pieces, order, keep, where, listed) -> None:
    """The first guard that holds, tested lazily, is the first guard among all the value's
    features (its scope feature included) that ``blocking`` finds."""
    text = "".join(pieces) + "88%"
    value = len(text) - 3
    guards = tuple(order[:keep])
    match_start = 0 if listed else None
    found = features.value_features(text, value, CODEBOOK, match_start)
    if where is not None and ("subarea" in guards or "wider_area" in guards):
        found.add(where)
    expected = features.blocking(found, guards)
    assert features.first_guard(text, value, CODEBOOK, guards, match_start, lambda: where) == (
        expected
    )
