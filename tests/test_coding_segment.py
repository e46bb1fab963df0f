"""Sections of joint pages (segment.split_records): bracketed inline markers, bare place-name
heading lines, group titles, and the lines that must not open a section (own wordings)."""

from __future__ import annotations

import pytest

from analysis.codebook import default_codebook
from analysis.coding.coder import CodedDocument, code_text
from analysis.coding.document import find_title
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


# --- heading lines: a place alone, group titles -------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "江西省有关设区市督察整改情况\n南昌市\n截至6月底,督察反馈的35个问题已完成整改30个。\n"
            "九江市\n截至6月底,督察反馈的27个问题已完成整改22个。\n",
            [tasks("南昌市", 35, 30), tasks("九江市", 27, 22)],
        ),
        (
            "四川省各市州督察整改进展\n一、成都市\n截至2022年底,中央督察反馈的46个问题已完成整改41个。\n"
            "二、德阳市\n截至2022年底,中央督察反馈的18个问题已完成整改16个。\n",
            [tasks("成都市", 46, 41), tasks("德阳市", 18, 16)],
        ),
        (
            "襄阳市\n截至9月底,中央督察组转交我市信访件156件,已办结149件。\n"
            "荆州市\n截至9月底,中央督察组转交我市信访件133件,已办结120件。\n",
            [pet("襄阳市", 156, 149), pet("荆州市", 133, 120)],
        ),
        (
            "鹰潭等2个设区市督察整改进展\n(一)鹰潭市\n截至9月底,督察组交办的信访件82件已办结79件。\n"
            "(二)上饶市\n截至9月底,督察组交办的信访件140件已办结131件。\n",
            [pet("鹰潭市", 82, 79), pet("上饶市", 140, 131)],
        ),
        (
            "江苏省有关市督察整改情况\n[徐州市]\n截至8月底,督察组交办的信访件320件已办结301件。\n"
            "[淮安市]\n截至8月底,督察组交办的信访件214件已办结200件。\n",
            [pet("徐州市", 320, 301), pet("淮安市", 214, 200)],
        ),
    ],
)
def test_bare_place_heading_lines_open_sections(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *expected[0].keys() - {"jurisdiction"}) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "湖北省各市州督察整改情况\n一、襄阳市督察整改情况\n截至9月底,督察反馈的24个问题已完成整改20个。\n"
            "二、荆门市督察整改情况\n截至9月底,督察反馈的17个问题已完成整改15个。\n",
            [tasks("襄阳市", 24, 20), tasks("荆门市", 17, 15)],
        ),
        (
            "湖南省14个市州督察整改情况\n一、长沙市督察整改情况\n截至9月底,督察反馈的31个问题已完成整改27个。\n"
            "二、衡阳市督察整改情况\n截至9月底,督察反馈的22个问题已完成整改19个。\n",
            [tasks("长沙市", 31, 27), tasks("衡阳市", 22, 19)],
        ),
    ],
)
def test_a_group_title_makes_place_headings_sections(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *TASKS) == expected


@pytest.mark.parametrize(
    "title",
    [
        "上饶等2市督察整改情况",
        "鹰潭等2个设区市整改进展",
        "山西省等8省(区)整改情况",
        "湖北省有关市州整改",
        "四川省各市州督察整改",
        "湖南省14个市州整改情况",
        "江西省部分县区整改",
    ],
)
def test_group_titles(title: str) -> None:
    assert default_codebook().document["group_title"].search(normalize(title))


@pytest.mark.parametrize(
    "title",
    [
        "湖南省督察整改进展情况",
        "长沙市有关区域整改情况",
        "中央督察反馈的38个问题整改",
        "有关市场主体整改情况",
    ],
)
def test_titles_that_name_no_group(title: str) -> None:
    assert not default_codebook().document["group_title"].search(normalize(title))


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


# --- lines that open no section -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a table's column of places
        (
            "湖南省各市州督察组交办信访件办理情况统计\n市州\n交办件数\n办结件数\n长沙市\n120\n115\n"
            "株洲市\n80\n76\n截至9月底,全省累计交办信访件1960件,已办结1873件。\n",
            [pet("湖南省", 1960, 1873)],
        ),
        # a breakdown of the figure, one place per line
        (
            "截至9月底,省督察组交办我市信访件416件,已办结389件。按区县分:\n澧县\n58件\n石门县\n47件\n",
            [pet("常德市", 416, 389)],
        ),
    ],
)
def test_a_column_of_places_opens_no_section(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *PET) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a navigation menu, one city per line
        (
            "湖南省各市州督察整改进展\n长沙市\n株洲市\n湘潭市\n"
            "截至6月底,全省督察反馈的41个问题已完成整改36个。\n",
            [tasks("湖南省", 41, 36)],
        ),
        # a place alone in the signature, with the date under it
        (
            "督察整改进展通报\n岳塘区\n截至6月底,我区督察反馈的12个问题已完成整改10个。\n湘潭市\n2023年7月3日\n",
            [tasks("岳塘区", 12, 10)],
        ),
    ],
)
def test_a_menu_or_a_signature_opens_no_section(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *TASKS) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "【全省情况】\n中央督察组累计转交我省信访件2306件,已办结2011件。\n"
            "【泸州市情况】\n省协调组累计转交我市信访件97件,已办结90件。\n",
            [pet("四川省", 2306, 2011), pet("泸州市", 97, 90)],
        ),
        (
            "[全省情况]\n中央督察组累计转交我省信访件1410件,已办结1322件。\n"
            "[广元市情况]\n省协调组累计转交我市信访件57件,已办结51件。\n",
            [pet("四川省", 1410, 1322), pet("广元市", 57, 51)],
        ),
        (
            "全省情况:\n中央督察组累计转交我省信访件1410件,已办结1322件。\n"
            "南充市情况:\n省协调组累计转交我市信访件57件,已办结51件。\n",
            [pet("四川省", 1410, 1322), pet("南充市", 57, 51)],
        ),
        (
            "全市情况——\n省督察组累计交办我市信访件300件,已办结281件。\n"
            "岳塘区情况——\n省督察组累计交办我区信访件75件,已办结70件。\n",
            [pet("湘潭市", 300, 281), pet("岳塘区", 75, 70)],
        ),
    ],
)
def test_a_section_marker_line_is_no_title(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *PET) == expected


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "四川省督察整改情况通报\n全省情况:\n中央督察组累计转交我省信访件1410件。\n",
            "四川省督察整改情况通报",
        ),
        ("【全省情况】\n中央督察组累计转交我省信访件1410件。\n", None),
        ("绵阳市情况——\n省协调组累计转交我市信访件57件。\n", None),
    ],
)
def test_section_marker_lines_are_passed_over_as_titles(raw: str, title: str | None) -> None:
    text = normalize(raw)
    found = find_title(text, default_codebook())
    assert (found.text(text) if found else None) == title


# --- sections opening after a semicolon, 全州 sections, lines that open none -------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "陇南市——省委第三生态环境保护督察组交办的信访件共132件,已办结120件;"
            "天水市——省委第三生态环境保护督察组交办的信访件共167件,已办结151件。\n",
            [pet("陇南市", 132, 120), pet("天水市", 167, 151)],
        ),
        (
            "安康市:督察组转交的信访件97件,已办结90件; 商洛市:督察组转交的信访件64件,"
            "已办结64件。\n",
            [pet("安康市", 97, 90), pet("商洛市", 64, 64)],
        ),
    ],
)
def test_sections_opening_after_a_semicolon(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *PET) == expected


def test_a_prefecture_section_opened_by_its_self_reference() -> None:
    raw = (
        "全州情况:中央督察组累计转交我州信访件603件,已办结577件。"
        "吉首市情况:州迎检办累计转交我市信访件88件,已办结85件。\n"
    )
    assert coded(raw, *PET) == [pet("湘西土家族苗族自治州", 603, 577), pet("吉首市", 88, 85)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a short first line opening with the inspecting team's home
        (
            "贵州省第三生态环境保护督察组向黔南州转办第八批信访件29件,其中涉及瓮安县7件。"
            "截至6月2日,瓮安县累计收到转办件88件,已办结71件。\n"
            "瓮安县生态环境保护督察迎检工作领导小组办公室\n",
            [pet("瓮安县", 88, 71)],
        ),
        (
            "广西壮族自治区第二生态环境保护督察组向北海市交办第5批信访件。截至当日,"
            "我县累计收到交办件41件,已办结37件。\n合浦县督察整改工作领导小组办公室\n",
            [pet("合浦县", 41, 37)],
        ),
    ],
)
def test_the_teams_home_and_a_signature_open_no_section(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *PET) == expected


def test_a_breakdown_after_a_semicolon_opens_no_section() -> None:
    """Only a sentence that itself opens a section continues with one after a semicolon."""
    raw = (
        "江西省中央生态环境保护督察信访件办理情况\n截至目前,中央督察组交办我省的信访件3126件"
        "已办结3010件;南昌市:交办412件;九江市:交办388件。\n"
    )
    assert coded(raw, *PET) == [pet("江西省", 3126, 3010)]


# --- a place standing alone as a sentence opens a section ((一)河北省。截至…) -----------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "中央环保督察整改进展\n(一)河北省。截至2019年底,65项整改任务已完成58项。"
            "(二)山西省。截至2019年底,54项整改任务已完成47项。\n",
            [tasks("河北省", 65, 58), tasks("山西省", 54, 47)],
        ),
        (
            "省级督察整改进展\n宣城市。省督察反馈的29个问题已完成整改25个。"
            "池州市。省督察反馈的31个问题已完成整改27个。\n",
            [tasks("宣城市", 29, 25), tasks("池州市", 31, 27)],
        ),
    ],
)
def test_a_place_alone_as_a_sentence_opens_a_section(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *TASKS) == expected


# --- bullets and dashes before a section's place ---------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "有关市信访件办理情况\n● 岳阳市:督察组累计交办信访件402件,已办结388件。\n"
            "● 常德市:督察组累计交办信访件351件,已办结340件。\n",
            [pet("岳阳市", 402, 388), pet("常德市", 351, 340)],
        ),
        (
            "有关市督察整改情况\n■ 上饶市督察整改情况\n"
            "截至5月底,督察反馈问题32个,已完成整改28个。\n"
            "■ 鹰潭市督察整改情况\n截至5月底,督察反馈问题21个,已完成整改19个。\n",
            [tasks("上饶市", 32, 28), tasks("鹰潭市", 21, 19)],
        ),
        (
            "各市州信访件办理情况\n—— 遵义市:累计交办信访件90件,已办结85件。\n"
            "—— 铜仁市:累计交办信访件64件,已办结60件。\n",
            [pet("遵义市", 90, 85), pet("铜仁市", 64, 60)],
        ),
    ],
)
def test_bullets_before_a_sections_place(raw: str, expected: list[dict]) -> None:
    names = PET if "petitions_total" in expected[0] else TASKS
    assert coded(raw, *names) == expected


# --- sections marked by 方面, 层面 or 报告 and a comma ------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "漳州、龙岩两市督察整改进展\n漳州市方面,截至2023年3月底,省委生态环境保护督察"
            "反馈的27个问题已完成整改22个;龙岩市方面,截至2023年3月底,反馈的31个问题已完成"
            "整改26个。\n",
            [tasks("漳州市", 27, 22), tasks("龙岩市", 31, 26)],
        ),
        (
            "区县督察整改进展摘要\n万州区报告,截至2022年9月,中央督察反馈涉及该区的18项整改"
            "任务已完成15项。黔江区报告,截至2022年9月,中央督察反馈涉及该区的12项整改任务已"
            "完成10项。\n",
            [tasks("万州区", 18, 15), tasks("黔江区", 12, 10)],
        ),
        (
            "宁夏回族自治区中央生态环境保护督察整改进展\n全区层面,截至2022年6月,反馈问题"
            "整改任务58项,已完成49项;石嘴山市层面,截至2022年6月,反馈问题整改任务11项,已"
            "完成9项。\n",
            [tasks("宁夏回族自治区", 58, 49), tasks("石嘴山市", 11, 9)],
        ),
    ],
)
def test_sections_marked_by_fangmian_cengmian_or_baogao(raw: str, expected: list[dict]) -> None:
    assert coded(raw, *TASKS) == expected


def test_a_single_place_with_fangmian_is_one_record() -> None:
    raw = (
        "漳州市督察整改进展\n漳州市方面,截至2023年3月底,省委生态环境保护督察反馈的27个"
        "问题已完成整改22个。\n"
    )
    assert coded(raw, *TASKS) == [tasks("漳州市", 27, 22)]


# --- sections opened by a long line among heading lines -----------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            "第二轮第四批中央生态环境保护督察整改落实情况集中公开\n"
            "近日,第二轮第四批督察涉及的3个省份相继公开整改进展。\n"
            "山东省:全省对照督察报告反馈的问题制定整改方案,细化形成整改任务88项,截至2023年3月底,"
            "已完成整改任务71项,其余均达到序时进度,部分任务长期坚持。\n"
            "河南省:截至2023年3月底,河南省66项整改任务已完成58项。\n"
            "湖北省:截至2023年3月底,湖北省54项整改任务已完成47项。\n",
            [tasks("山东省", 88, 71), tasks("河南省", 66, 58), tasks("湖北省", 54, 47)],
        ),
        (
            "三市省级生态环境保护督察整改进展情况\n"
            "宝鸡市:截至2024年6月底,宝鸡市33项整改任务已完成29项。\n"
            "咸阳市:市委市政府把督察整改作为重大政治任务,建立清单化管理、项目化推进机制,"
            "将反馈问题细化为整改任务41项,截至2024年6月底,已完成整改35项,剩余任务正在推进。\n"
            "铜川市:截至2024年6月底,铜川市19项整改任务已完成17项。\n",
            [tasks("宝鸡市", 33, 29), tasks("咸阳市", 41, 35), tasks("铜川市", 19, 17)],
        ),
    ],
)
def test_a_section_whose_opening_line_is_too_long_for_a_heading_is_kept(raw, expected):
    assert coded(raw, *TASKS) == expected


# --- a page speaking for itself before its parts' sections --------------------------------


def test_a_preamble_speaking_for_the_page_gives_its_own_record():
    raw = (
        "安康市第三轮省级生态环境保护督察整改进展情况\n"
        "截至2025年1月底,督察反馈我市的30个问题中已完成整改22个,交办的信访件210件已全部办结。"
        "各县区进展如下:\n"
        "汉阴县:反馈问题6个,截至2025年1月底已完成整改5个;交办信访件31件,已全部办结。\n"
        "石泉县:反馈问题4个,截至2025年1月底已完成整改3个;交办信访件18件,已全部办结。\n"
    )
    assert coded(raw, *TASKS, *PET) == [
        {**tasks("安康市", 30, 22), "petitions_total": 210, "petitions_resolved": 210},
        {**tasks("汉阴县", 6, 5), "petitions_total": 31, "petitions_resolved": 31},
        {**tasks("石泉县", 4, 3), "petitions_total": 18, "petitions_resolved": 18},
    ]


@pytest.mark.parametrize(
    "preamble",
    [
        "现将各县区整改进展通报如下:",  # introduces the sections, speaks for no one
        "截至2025年1月底,汉阴县、石泉县共完成整改8个。",  # the sections' sum, no self-reference
    ],
)
def test_a_preamble_that_only_introduces_the_sections_gives_no_record(preamble):
    raw = (
        "安康市第三轮省级生态环境保护督察整改进展情况\n"
        f"{preamble}\n"
        "汉阴县:反馈问题6个,截至2025年1月底已完成整改5个。\n"
        "石泉县:反馈问题4个,截至2025年1月底已完成整改3个。\n"
    )
    assert [r["jurisdiction"] for r in coded(raw)] == ["汉阴县", "石泉县"]
