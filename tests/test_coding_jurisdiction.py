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


# --- more wordings per class --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # JUR-SPEAKER: the batch's city before the county, a county-level city in a chain,
        # a breakdown list
        (
            "浙江省第一生态环境保护督察组于6月14日向湖州市转交第九批群众信访件38件,其中德清县6件。"
            "截至6月14日,我县共承接省督察组转交的信访件52件,已办结41件。\n德清县督察整改工作专班\n"
            "2023年6月15日\n",
            {"jurisdiction": "德清县", "level": "county", "parent": "浙江省",
             "petitions_total": 52, "petitions_resolved": 41, "asof": "2023-06-14"},
        ),
        (
            "中央第三生态环境保护督察组向河北省转办第二十批信访举报件 涉及我区12件\n"
            "截止5月9日,中央督察组累计转交我区信访举报件147件,已办结(含阶段性办结)139件。\n"
            "保定市竞秀区生态环境保护督察迎检办\n",
            {"jurisdiction": "竞秀区", "parent": "河北省", "petitions_total": 147,
             "petitions_resolved": 139, "asof": None},
        ),
        (
            "近日,湖南省岳阳市汨罗市召开督察整改调度会。会议通报,省第五环境保护督察组进驻以来,"
            "共向我市转办群众举报案件64件,已办结58件。\n",
            {"jurisdiction": "汨罗市", "level": "county", "inspection_level": "provincial",
             "petitions_total": 64, "petitions_resolved": 58},
        ),
        (
            "截至9月20日,省委第二生态环境保护督察组累计向我市交办信访件386件,按属地分:"
            "雨湖区97件、岳塘区85件、湘潭县73件、韶山市31件,其余由市直部门办理。全市已办结352件。\n"
            "湘潭市督察整改办公室\n2022年9月21日\n",
            {"jurisdiction": "湘潭市", "petitions_total": 386, "petitions_resolved": 352,
             "asof": "2022-09-20"},
        ),
        # TITLE-SCOPE: a lead line above a numbered heading, a byline, a long line with 整改
        (
            "2022年4月6日至5月6日,中央第二生态环境保护督察组对甘肃省开展第二轮督察,并于7月18日"
            "向我省反馈督察意见。截至2023年9月底,整改方案确定的62项整改任务已完成41项。\n"
            "(一)坚持高位推动,扛牢整改政治责任\n省委常委会多次专题研究督察整改工作。\n",
            {"jurisdiction": "甘肃省", "entry_start": "2022-04-06", "entry_end": "2022-05-06",
             "feedback_date": "2022-07-18", "asof": "2023-09", "tasks_total": 62,
             "tasks_completed": 41},
        ),
        (
            "来源:市融媒体中心 作者:王芳\n截至2021年8月31日,中央第四生态环境保护督察组转交南平市的"
            "群众信访举报件共计1045件,目前已办结998件。\n",
            {"jurisdiction": "南平市", "petitions_total": 1045, "petitions_resolved": 998,
             "asof": "2021-08-31"},
        ),
        (
            "黄梅县持续推进中央环保督察反馈问题整改:截至2023年6月底,督察反馈的28个问题已完成整改"
            "21个,其余7个正按序时推进。\n二、下一步工作打算\n继续压实整改责任。\n",
            {"jurisdiction": "黄梅县", "asof": "2023-06", "tasks_total": 28, "tasks_completed": 21},
        ),
        # JUR-CHROME: a provincial news portal named after a city, a news agency's dateline
        (
            "来源:中国吉林网 2022-10-18\n截至10月16日,中央第一生态环境保护督察组交办我省的"
            "群众举报件已达二十批次,合计3410件,全省已办结3022件。长春、吉林、四平、通化等9个市(州)均建立了"
            "办理台账。\n",
            {"jurisdiction": "吉林省", "petitions_total": 3410, "petitions_resolved": 3022,
             "asof": "2022-10-16"},
        ),
        (
            "中新网福州11月2日电(记者 张三)记者2日从福建省生态环境厅获悉,截至2018年10月底,"
            "中央环保督察“回头看”反馈的49个问题中,已完成整改35个。\n",
            {"jurisdiction": "福建省", "lookback": True, "tasks_total": 49, "tasks_completed": 35,
             "asof": "2018-10", "feedback_date": None},
        ),
        # JUR-VARIANT: 陜, 淸, 靑 and 囘 with full-width digits
        (
            "陜西省通報中央生態環境保護督察整改進展\n截至2022年9月底,陜西省列入整改方案的40項任務已完成32項。\n",
            {"jurisdiction": "陕西省", "tasks_total": 40, "tasks_completed": 32, "asof": "2022-09"},
        ),
        (
            "淸遠市落實省級生態環境保護督察反饋問題整改情況\n目前,督察反饋的23個問題已整改完成19個。\n",
            {"jurisdiction": "清远市", "parent": "广东省", "inspection_level": "provincial",
             "tasks_total": 23, "tasks_completed": 19},
        ),
        (
            "靑島市關於中央環境保護督察“囘頭看”反饋意見整改落實情況的報告\n"
            "截至2019年6月,督察“囘頭看”反饋的３７個問題已完成整改３０個。\n",
            {"jurisdiction": "青岛市", "lookback": True, "doc_type": "progress", "tasks_total": 37,
             "tasks_completed": 30, "asof": "2019-06"},
        ),
        (
            "关于中央第五生态环境保护督察组交办信访件办理情况的公示\n本市共收到督察组交办件84件,"
            "已办结80件。叙州区、翠屏区办理进度靠前。\n宜宾市生态环境局\n",
            {"jurisdiction": "宜宾市", "level": "prefecture", "petitions_total": 84,
             "petitions_resolved": 80},
        ),
        (
            "自治区党委第二生态环境保护督察组向玉林市交办第6批信访件19件。"
            "截至目前,我市累计收到交办件205件。\n",
            {"jurisdiction": "玉林市", "parent": "广西壮族自治区", "petitions_total": 205},
        ),
        (
            "南充:41项督察整改任务已完成35项\n记者从市生态环境局获悉,截至2022年底,"
            "督察反馈的41项整改任务已完成35项。\n",
            {"jurisdiction": "南充市", "tasks_total": 41, "tasks_completed": 35, "asof": "2022-12"},
        ),
        (
            "2023-05-12 10:21 来源:县融媒体中心\n【字体:大 中 小】\n截至5月10日,"
            "省第四生态环境保护督察组累计向我县交办信访件118件,已办结97件。\n"
            "石阡县生态环境保护督察迎检工作领导小组办公室\n",
            {"jurisdiction": "石阡县", "petitions_total": 118, "petitions_resolved": 97,
             "asof": "2023-05-10", "published_date": "2023-05-12"},
        ),
        (
            "来源:湘潭在线\n截至2023年12月,我省中央督察反馈的58个问题中,已完成整改49个。"
            "长沙、株洲、湘潭三市率先完成。\n",
            {"jurisdiction": "湖南省", "tasks_total": 58, "tasks_completed": 49, "asof": "2023-12"},
        ),
        (
            "本报讯(记者 刘洋)7日,记者从贵州省生态环境厅获悉,中央督察组转办我省的信访件"
            "已全部办结,共计2103件。\n",
            {"jurisdiction": "贵州省", "petitions_total": 2103, "petitions_resolved": 2103},
        ),
        (
            "甯德市中央生態環境保護督察反饋問題整改進展情況\n"
            "截至2023年3月底,督察反饋的12個問題已完成整改10個。\n",
            {"jurisdiction": "宁德市", "parent": "福建省", "tasks_total": 12,
             "tasks_completed": 10, "asof": "2023-03"},
        ),
        (
            "臺灣\n廣西壯族自治區貫徹落實中央生態環境保護督察反饋意見整改情況\n截至2021年12月底,"
            "督察反饋的46個問題已完成整改39個;督察組轉辦的2840件信訪件已全部辦結。\n",
            {"jurisdiction": "广西壮族自治区", "tasks_total": 46, "tasks_completed": 39,
             "petitions_total": 2840, "petitions_resolved": 2840, "asof": "2021-12"},
        ),
        (
            "内蒙古自治區囘民區督察整改進展\n截至2022年5月,我區承擔的16項整改任務已完成12項。\n",
            {"jurisdiction": "回民区", "parent": "内蒙古自治区", "tasks_total": 16,
             "tasks_completed": 12, "asof": "2022-05"},
        ),
        # a fourth round: the inspected city before the county, the city before the district
        # in a signature, the province receiving the batch, a municipality's district, a
        # breakdown list; menus, share buttons, a newspaper source, a radio dateline; 陜 with
        # its pinyin left in; heading-less pages
        (
            "河南省第四生态环境保护督察组进驻信阳市以来,我县高度重视。截至9月8日,"
            "光山县累计收到督察组转办信访件61件,办结55件。\n中共光山县委办公室\n",
            {"jurisdiction": "光山县", "parent": "河南省", "petitions_total": 61,
             "petitions_resolved": 55},
        ),
        (
            "江西省第三生态环境保护督察组向上饶市转办第十批群众信访件\n上饶市广丰区迎检办\n"
            "截至11月2日,我区累计收到转办件73件,已办结66件。\n",
            {"jurisdiction": "广丰区", "parent": "江西省", "petitions_total": 73,
             "petitions_resolved": 66},
        ),
        (
            "据悉,中央第七生态环境保护督察组于4月20日向云南省交办第十二批信访件,其中涉及昆明市的"
            "有38件。截至当日,我市共收到中央督察组交办件312件,已办结201件。\n",
            {"jurisdiction": "昆明市", "parent": "云南省", "petitions_total": 312,
             "petitions_resolved": 201},
        ),
        (
            "重庆市渝北区:截至6月30日,中央督察组转办我区信访件134件,已办结129件。\n",
            {"jurisdiction": "渝北区", "parent": "重庆市", "petitions_total": 134,
             "petitions_resolved": 129},
        ),
        (
            "当前位置:首页>>政务公开>>督察整改\n截至2022年12月底,我县33项省级督察整改任务已完成28项。"
            "\n一、整改工作推进情况\n松滋市委召开常委会研究部署。\n",
            {"jurisdiction": "松滋市", "tasks_total": 33, "tasks_completed": 28, "asof": "2022-12"},
        ),
        (
            "督察整改进行时\n截至2023年3月31日,曲靖市中央督察反馈的25个问题已完成整改18个。\n",
            {"jurisdiction": "曲靖市", "tasks_total": 25, "tasks_completed": 18,
             "asof": "2023-03-31"},
        ),
        (
            "第一部分 总体情况\n截至2022年底,宣城市督察反馈的31个问题已完成整改26个。\n"
            "第二部分 下一步打算\n",
            {"jurisdiction": "宣城市", "tasks_total": 31, "tasks_completed": 26, "asof": "2022-12"},
        ),
        (
            "2022年6月10日\n中央第四生态环境保护督察组交办信访件办理情况(第6批)\n截至6月9日,"
            "督察组共向铜陵市交办信访件142件,已办结118件。\n",
            {"jurisdiction": "铜陵市", "petitions_total": 142, "petitions_resolved": 118,
             "asof": "2022-06-09", "published_date": "2022-06-10"},
        ),
        (
            "黄冈 | 鄂州 | 孝感 | 咸宁 | 随州\n湖北省全力推进督察整改\n"
            "截至2023年6月,我省中央督察反馈的40个问题已完成整改34个。\n",
            {"jurisdiction": "湖北省", "tasks_total": 40, "tasks_completed": 34, "asof": "2023-06"},
        ),
        (
            "分享到: 微信 微博\n来源:株洲日报\n湖南省督察整改通报\n"
            "全省中央督察反馈的41项整改任务已完成37项。\n",
            {"jurisdiction": "湖南省", "tasks_total": 41, "tasks_completed": 37},
        ),
        (
            "央广网南宁5月9日消息 据广西壮族自治区生态环境厅消息,中央督察组移交我区的2357件信访件"
            "已办结2301件。\n",
            {"jurisdiction": "广西壮族自治区", "petitions_total": 2357,
             "petitions_resolved": 2301, "feedback_date": None},
        ),
        (
            "陜(shǎn)西省榆林市督察整改進展\n截至2022年10月,榆林市反饋的19個問題已完成整改15個。\n",
            {"jurisdiction": "榆林市", "parent": "陕西省", "tasks_total": 19,
             "tasks_completed": 15, "asof": "2022-10"},
        ),
    ],
)
def test_more_wordings_per_class(raw: str, expected: dict) -> None:
    rec = only(raw)
    got = {k: rec.jurisdiction if k == "jurisdiction" else rec.values.get(k) for k in expected}
    assert got == expected


def test_numbered_inline_sections_give_one_record_each() -> None:
    raw = (
        "一、沭阳县:省第二督察组转交的63件信访件已全部办结。"
        "二、泗阳县:省第二督察组转交的41件信访件已办结38件。\n"
    )
    records = code(raw).records
    assert [r.jurisdiction for r in records] == ["沭阳县", "泗阳县"]
    assert [(r.values["petitions_total"], r.values["petitions_resolved"]) for r in records] == [
        (63, 63),
        (41, 38),
    ]


def test_sections_opened_by_a_self_reference_and_a_city() -> None:
    raw = (
        "全省:中央督察组累计转交我省信访件3120件,已办结3002件。"
        "宜宾市:省协调组累计转交我市信访件88件,已办结80件。\n"
    )
    records = code(raw).records
    assert [r.jurisdiction for r in records] == ["四川省", "宜宾市"]
    assert [(r.values["petitions_total"], r.values["petitions_resolved"]) for r in records] == [
        (3120, 3002),
        (88, 80),
    ]


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        (
            "福建省部分设区市督察整改情况\n"
            # numbered sections, the first of a name opening with a numeral
            "一、三明市:省督察组转交的52件信访件已办结47件。"
            "二、南平市:省督察组转交的30件信访件已全部办结。\n",
            ["三明市", "南平市"],
        ),
        (
            "宿州市:督察反馈的12个问题已完成整改9个。"
            "十堰市:督察反馈的20个问题已完成整改16个。\n",
            ["宿州市", "十堰市"],
        ),
    ],
)
def test_a_section_whose_place_opens_with_a_numeral(raw: str, names: list[str]) -> None:
    assert [r.jurisdiction for r in code(raw).records] == names


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            "与铜仁市、黔东南州相比,我市督察整改进度靠前。截至2023年6月,中央督察反馈遵义市的"
            "29个问题已完成整改25个。\n",
            "遵义市",
        ),
        (
            "同安顺市一样,我市高度重视督察整改。省委督察组反馈六盘水市的问题共21个,"
            "目前已完成17个。\n",
            "六盘水市",
        ),
    ],
)
def test_the_addressee_of_the_feedback_is_the_speaker(raw: str, name: str) -> None:
    assert only(raw).jurisdiction == name


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            "当前位置:首页 > 哈尔滨 > 齐齐哈尔 > 牡丹江\n来源:东北网\n截至2022年5月,"
            "黑龙江省第二轮中央生态环境保护督察反馈的58项整改任务已完成39项。\n",
            "黑龙江省",
        ),
        (
            "您的位置:网站首页 » 杭州 » 宁波 » 温州\n截至2023年3月,浙江省中央生态环境保护督察"
            "反馈的问题已完成整改41个。\n",
            "浙江省",
        ),
    ],
)
def test_a_breadcrumb_of_places_is_a_menu(raw: str, name: str) -> None:
    assert only(raw).jurisdiction == name


# --- same-named districts: the one whose prefecture the page names ------------------------------


@pytest.mark.parametrize(
    ("raw", "parent"),
    [
        (
            "截至2024年5月底,省督察组交办我区的信访件421件,已办结408件。\n福州市鼓楼区人民政府\n",
            "福建省",
        ),
        ("福州市鼓楼区督察整改情况\n截至5月底,交办我区的信访件421件,已办结408件。\n", "福建省"),
        (
            "鼓楼区督察整改情况\n截至5月底,交办我区的信访件421件,已办结408件。\n"
            "开封市鼓楼区人民政府\n",
            "河南省",
        ),
        (
            "朝阳区督察整改情况\n督察组交办我区的信访件88件,已办结80件。\n长春市朝阳区人民政府\n",
            "吉林省",
        ),
        (
            "和平区督察整改情况\n沈阳市和平区认真落实中央督察反馈问题整改,已完成整改12项。\n",
            "辽宁省",
        ),
    ],
)
def test_a_same_named_district_takes_the_prefecture_named(raw: str, parent: str) -> None:
    (record,) = code(raw).records
    assert record.values["parent"] == parent


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            "2023年5月,广西壮族自治区党委第二生态环境保护督察组对梧州市藤县开展例行督察。"
            "藤县认领整改问题21个,截至2023年12月底已完成整改17个。\n",
            "藤县",
        ),
        (
            "新疆维吾尔自治区党委第一生态环境保护督察组向哈密市反馈督察意见。哈密市梳理出"
            "整改问题33个,已完成整改25个。\n",
            "哈密市",
        ),
    ],
)
def test_the_teams_home_before_dangwei_is_the_inspector(raw: str, name: str) -> None:
    assert only(raw).jurisdiction == name
