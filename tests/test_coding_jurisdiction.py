"""Which jurisdiction a page speaks for: place mentions scored by role (own wordings)."""

from __future__ import annotations

import pytest

from analysis.codebook import default_codebook
from analysis.coding.coder import CodedDocument, code_text
from analysis.ingest import normalize


def code(raw: str) -> CodedDocument:
    return code_text(normalize(raw), "snippet")


def only(raw: str):
    doc = code(raw)
    assert len(doc.records) == 1, [r.jurisdiction for r in doc.records]
    return doc.records[0]


def decided(raw: str) -> tuple[str, str, str]:
    """(jurisdiction, rule, quote) of the only record."""
    rec = only(raw)
    ev = rec.evidence["jurisdiction"]
    return rec.jurisdiction, ev.rule, ev.quote


# --- self-reference against the inspecting team's province ----------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            "湖北省第二生态环境保护督察组6月2日转交宜昌市第八批举报件30件,其中远安县4件;"
            "截至当日,我县累计承接督察组转交举报件41件。\n远安县迎检工作联络组\n",
            "远安县",
        ),
        (
            "中央第六生态环境保护督察组向浙江省交办第十二批群众信访举报件\n"
            "衢州市委、市政府高度重视,截至6月10日,我市累计收到中央督察组交办件215件。\n",
            "衢州市",
        ),
        (
            "省第三督察组进驻以来,江苏省各地积极配合。泰州市委召开专题会议,"
            "本市已办结督察组交办件96件,全市整改有序推进。\n",
            "泰州市",
        ),
    ],
)
def test_self_reference_beats_the_inspectors_and_the_batchs_province(raw: str, name: str) -> None:
    assert only(raw).jurisdiction == name


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            "截至9月1日,督察组向我省移交信访件1200件,其中长沙市320件、株洲市150件、湘潭市110件。\n",
            "湖南省",
        ),
        ("目前我省整改工作进展顺利。哈尔滨、齐齐哈尔、大庆等地已完成年度任务。\n", "黑龙江省"),
        (
            "截至4月12日,累计向我市转办信访件120件,涉及岳麓区19件、天心区14件、开福区13件。\n",
            "长沙市",
        ),
    ],
)
def test_self_reference_resolves_to_the_place_holding_those_named(raw: str, name: str) -> None:
    jurisdiction, rule, quote = decided(raw)
    assert (jurisdiction, rule) == (name, "jurisdiction.implied")
    assert quote in ("我省", "我市")


def test_province_abbreviation_in_a_set_phrase() -> None:
    raw = "深入学习贯彻习近平总书记来陕考察重要讲话精神,我省扎实推进督察整改,45个问题已完成39个。\n"
    assert decided(raw)[:2] == ("陕西省", "jurisdiction.abbreviation")


# --- addressee, issuer, chain ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name", "rule"),
    [
        (
            "11月3日,江苏省第四生态环境保护督察组向盐城市交办第六批信访件25件。\n",
            "盐城市",
            "jurisdiction.addressee",
        ),
        (
            "省委第一督察组对汉中市开展第二轮省级生态环境保护例行督察,督察期间受理举报80件。\n",
            "汉中市",
            "jurisdiction.addressee",
        ),
        (
            "督察组转来的举报件已全部交办到位,相关单位正在办理。\n汉中市人民政府\n2024年5月6日\n",
            "汉中市",
            "jurisdiction.issuer",
        ),
        (
            "督察组转来的举报件已全部交办到位。\n陕西省生态环境保护督察汉中市协调联络组\n",
            "汉中市",
            "jurisdiction.issuer",
        ),
    ],
)
def test_addressee_and_issuer(raw: str, name: str, rule: str) -> None:
    assert decided(raw)[:2] == (name, rule)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("浙江省杭州市西湖区加快推进督察整改,已完成整改任务12项。\n", "西湖区"),
        ("近日,广西壮族自治区桂林市阳朔县召开督察整改推进会,部署下一阶段工作。\n", "阳朔县"),
    ],
)
def test_the_innermost_of_a_chain(raw: str, name: str) -> None:
    rec = only(raw)
    assert rec.jurisdiction == name
    assert rec.values["level"] == "county"


# --- page chrome ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            "(来源:赣州新闻网)截至10月8日,中央督察组移交给我省的信访件合计3200件,"
            "已办结2800件;件数按南昌、九江、赣州等设区市分列。\n",
            "江西省",
        ),
        (
            "新华社西宁7月5日电 青海省生态环境厅介绍,督察反馈的31个问题中已有22个完成整改。\n",
            "青海省",
        ),
        ("本报太原3月2日讯 记者从山西省生态环境厅获悉,全省督察整改任务已完成80%。\n", "山西省"),
        (
            "南昌 九江 赣州 上饶 抚州 宜春\n江西省生态环境保护督察整改工作推进会召开\n"
            "会议要求全省上下压实整改责任。\n",
            "江西省",
        ),
    ],
)
def test_source_line_dateline_and_menu_are_not_the_speaker(raw: str, name: str) -> None:
    assert only(raw).jurisdiction == name


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("新华社南京电 记者近日从苏州市了解到,督察反馈问题整改有序推进。\n", "苏州市"),
        ("来源:人民网-江西频道\n记者从南昌市了解到,督察交办的信访件已办结九成。\n", "南昌市"),
        ("中新社杭州电 宁波市推进督察整改,已完成整改任务15项。\n", "宁波市"),
    ],
)
def test_a_place_in_a_dateline_or_channel_name_loses_a_tie(raw: str, name: str) -> None:
    assert only(raw).jurisdiction == name


def test_a_newspaper_is_the_last_resort() -> None:
    raw = "《海南日报》 海南日报数字报\n我省督察整改工作扎实推进,已办结群众举报件300件。\n"
    assert decided(raw)[:2] == ("海南省", "jurisdiction.media")


# --- joint pages ------------------------------------------------------------------------


def test_inline_marked_sections_give_one_record_each() -> None:
    raw = (
        "湖北省情况——中央督察组累计转来群众举报1500件,已办结1400件。"
        "宜昌市情况——省协调组转交我市举报40件,已办结33件。\n"
    )
    records = code(raw).records
    assert [r.jurisdiction for r in records] == ["湖北省", "宜昌市"]
    assert records[1].evidence["jurisdiction"].rule == "jurisdiction.section"
    assert records[1].evidence["jurisdiction"].quote == "宜昌市"


def test_joint_release_sections_open_with_the_listed_places() -> None:
    raw = (
        "生态环境部近日通报第三批督察整改情况,山西省、吉林省和湖南省的整改任务有序推进。"
        "山西省推进汾河治理,完成整改任务21项。吉林省加强黑土地保护,完成整改任务18项。"
        "湖南省推进洞庭湖治理,完成整改任务30项。\n"
    )
    records = code(raw).records
    assert [r.jurisdiction for r in records] == ["山西省", "吉林省", "湖南省"]
    text = normalize(raw)
    quotes = [text[r.evidence["jurisdiction"].start :][:6] for r in records]
    assert quotes == ["山西省推进汾", "吉林省加强黑", "湖南省推进洞"]


def test_cities_opening_sentences_of_a_province_page_are_not_sections() -> None:
    raw = (
        "湖南省督察整改进展情况\n我省各地整改有序,长沙市、株洲市进度靠前。"
        "长沙市完成整改任务12项。株洲市完成整改任务8项。\n"
    )
    assert [r.jurisdiction for r in code(raw).records] == ["湖南省"]


# --- evidence and status pages ----------------------------------------------------------


def test_every_jurisdiction_rule_is_registered() -> None:
    registered = {
        e["id"]
        for e in default_codebook().raw["procedural_rules"]
        if "jurisdiction" in (e["variable"] if isinstance(e["variable"], list) else [e["variable"]])
    }
    raws = [
        "11月3日,江苏省第四生态环境保护督察组向盐城市交办第六批信访件25件。\n",
        "截至9月1日,督察组向我省移交信访件1200件,其中长沙市320件、株洲市150件。\n",
        "河源市督察整改落实情况\n整改工作有序推进。\n",
    ]
    for raw in raws:
        ev = only(raw).evidence["jurisdiction"]
        assert ev.rule in registered
        assert normalize(raw)[ev.start : ev.end] == ev.quote


def test_a_status_page_is_not_a_rectification_account() -> None:
    raw = "2023年广东省生态环境状况公报发布\n2023年,全省空气质量优良天数比例为95.1%。\n"
    rec = only(raw)
    assert rec.jurisdiction == "广东省"
    assert not rec.account
    assert all(v is None for v in rec.values.values())


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        (
            "全省情况——督察组累计转来群众举报1200件,已办结1100件。"
            "宜昌市情况——省协调组转交我市举报40件,已办结33件。\n",
            ["湖北省", "宜昌市"],
        ),
        (
            "福州市情况:督察组转交信访件80件,已办结75件。\n"
            "全市情况:累计办结举报件200件。\n厦门市情况:督察组转交信访件60件。\n",
            ["福州市", "厦门市"],
        ),
    ],
)
def test_a_section_opened_by_a_self_reference(raw: str, names: list[str]) -> None:
    assert [r.jurisdiction for r in code(raw).records] == names


def test_an_environment_department_names_its_province() -> None:
    raw = "新华社长沙5月9日电 湖南省环境厅介绍,督察反馈的40个问题中已有33个完成整改。\n"
    assert decided(raw)[:2] == ("湖南省", "jurisdiction.organ")
