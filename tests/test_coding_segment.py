"""Sections of joint pages (segment.split_records): bracketed inline markers, bare place-name
heading lines, group titles, and the lines that must not open a section (own wordings)."""

from __future__ import annotations

import pytest

from analysis.coding.coder import CodedDocument, code_text
from analysis.ingest import normalize


def code(raw: str) -> CodedDocument:
    return code_text(normalize(raw), "snippet")


def coded(raw: str, *names: str) -> list[dict]:
    """Per record: its jurisdiction and the named values."""
    return [
        {"jurisdiction": r.jurisdiction, **{n: r.values.get(n) for n in names}}
        for r in code(raw).records
    ]


PET = ("petitions_total", "petitions_resolved")
TASKS = ("tasks_total", "tasks_completed")


def pet(name: str, total: int, resolved: int) -> dict:
    return {"jurisdiction": name, "petitions_total": total, "petitions_resolved": resolved}


def tasks(name: str, total: int, done: int) -> dict:
    return {"jurisdiction": name, "tasks_total": total, "tasks_completed": done}


# --- bracketed inline markers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "【全省情况】截至6月底,中央督察组转交我省信访件1850件,已办结1702件。"
            "【绵阳市情况】省协调组转交我市信访件64件,已办结58件。\n",
            [pet("四川省", 1850, 1702), pet("绵阳市", 64, 58)],
        ),
        (
            "[南昌市]截至5月底,督察组交办我市信访件120件,已办结111件。"
            "[赣州市]截至5月底,督察组交办我市信访件96件,已办结90件。\n",
            [pet("南昌市", 120, 111), pet("赣州市", 96, 90)],
        ),
        (
            "〔株洲市情况〕截至10月底,省督察组转交我市信访件210件,已办结198件。\n"
            "〔湘潭市情况〕截至10月底,省督察组转交我市信访件175件,已办结160件。\n",
            [pet("株洲市", 210, 198), pet("湘潭市", 175, 160)],
        ),
        (
            "【全市情况】省督察组累计交办我市信访件300件,已办结281件。"
            "【雨湖区情况】省督察组累计交办我区信访件75件,已办结70件。\n",
            [pet("湘潭市", 300, 281), pet("雨湖区", 75, 70)],
        ),
    ],
)
def test_bracketed_section_markers_give_one_record_each(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *PET) == expected


def test_a_bracketed_section_cites_its_place() -> None:
    raw = (
        "【全省情况】中央督察组累计转交我省信访件980件,已办结905件。"
        "【宜宾市情况】省协调组累计转交我市信访件41件,已办结39件。\n"
    )
    text = normalize(raw)
    evidence = [r.evidence["jurisdiction"] for r in code(raw).records]
    assert [(e.rule, e.quote) for e in evidence] == [
        ("jurisdiction.section", "全省"),
        ("jurisdiction.section", "宜宾市"),
    ]
    assert all(text[e.start : e.end] == e.quote for e in evidence)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a document number in brackets after the place is no section marker
        (
            "长沙市环发[2022]12号文件要求,督察反馈的30个问题已完成整改25个。"
            "株洲市环发[2022]8号文件要求加快整改。\n",
            [tasks("长沙市", 30, 25)],
        ),
        # a news tag in brackets before the place
        (
            "【环保督察】湖南省推进督察整改,反馈的41个问题已完成整改36个。\n",
            [tasks("湖南省", 41, 36)],
        ),
    ],
)
def test_brackets_that_open_no_section(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *TASKS) == expected


# --- heading lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "株洲市情况:截至10月底,省督察组转交我市信访件210件,已办结198件。\n"
            "湘潭市情况:截至10月底,省督察组转交我市信访件175件,已办结160件。\n",
            [pet("株洲市", 210, 198), pet("湘潭市", 175, 160)],
        ),
        (
            "徐州市:截至8月底,督察组交办我市信访件320件,已办结301件。\n"
            "淮安市:截至8月底,督察组交办我市信访件214件,已办结200件。\n",
            [pet("徐州市", 320, 301), pet("淮安市", 214, 200)],
        ),
    ],
)
def test_a_heading_line_holding_its_sentence_is_coded(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *PET) == expected
