"""Gazetteer: build reproducibility, lookup, resolve, find_places, aliases and pinyin."""

from __future__ import annotations

import pytest

from analysis.gazetteer import find_places, load_gazetteer, lookup, resolve
from analysis.gazetteer.build import build_rows, render
from analysis.gazetteer.files import GAZETTEER
from analysis.gazetteer.names import romanize, short_names
from analysis.paths import RAW

# Provincial-level units (full name, short name, Hanyu pinyin label) — from general knowledge.
PROVINCES = [
    ("北京市", "北京", "Beijing"), ("天津市", "天津", "Tianjin"), ("河北省", "河北", "Hebei"),
    ("山西省", "山西", "Shanxi"), ("内蒙古自治区", "内蒙古", "Neimenggu"),
    ("辽宁省", "辽宁", "Liaoning"), ("吉林省", "吉林", "Jilin"),
    ("黑龙江省", "黑龙江", "Heilongjiang"), ("上海市", "上海", "Shanghai"),
    ("江苏省", "江苏", "Jiangsu"), ("浙江省", "浙江", "Zhejiang"), ("安徽省", "安徽", "Anhui"),
    ("福建省", "福建", "Fujian"), ("江西省", "江西", "Jiangxi"), ("山东省", "山东", "Shandong"),
    ("河南省", "河南", "Henan"), ("湖北省", "湖北", "Hubei"), ("湖南省", "湖南", "Hunan"),
    ("广东省", "广东", "Guangdong"), ("广西壮族自治区", "广西", "Guangxi"),
    ("海南省", "海南", "Hainan"), ("重庆市", "重庆", "Chongqing"), ("四川省", "四川", "Sichuan"),
    ("贵州省", "贵州", "Guizhou"), ("云南省", "云南", "Yunnan"), ("西藏自治区", "西藏", "Xizang"),
    ("陕西省", "陕西", "Shaanxi"), ("甘肃省", "甘肃", "Gansu"), ("青海省", "青海", "Qinghai"),
    ("宁夏回族自治区", "宁夏", "Ningxia"), ("新疆维吾尔自治区", "新疆", "Xinjiang"),
    ("台湾省", "台湾", "Taiwan"), ("香港特别行政区", "香港", "Xianggang"),
    ("澳门特别行政区", "澳门", "Aomen"),
]


def test_committed_csv_is_reproduced_byte_for_byte():
    assert render(build_rows()).encode("utf-8") == GAZETTEER.read_bytes()


def test_table_shape_and_levels():
    g = load_gazetteer()
    assert list(g.columns) == ["code", "name", "level", "parent_code", "parent", "prefecture",
                               "short_names", "pinyin", "valid_from", "valid_to"]
    assert (g.level == "province").sum() == 34
    assert 300 < (g.level == "prefecture").sum() < 400
    assert 2800 < (g.level == "county").sum() < 3300
    assert g.code.str.fullmatch(r"\d{6}").all()
    assert not g.duplicated(["code", "name"]).any()
    placeholders = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    assert not g.name.isin(placeholders).any()
    assert not g.name.str.contains("开发区").any()


@pytest.mark.parametrize(("full", "short", "pinyin"), PROVINCES)
def test_every_province_resolves_by_full_and_short_name(full, short, pinyin):
    for name in (full, short):
        place = resolve(name)
        assert place is not None and place.name == full
        assert place.level == "province" and place.parent == ""
    assert place.pinyin == pinyin


def test_province_pinyin_labels_are_distinct():
    labels = [resolve(full).pinyin for full, _, _ in PROVINCES]
    assert len(set(labels)) == len(labels)
    assert resolve("陕西省").pinyin != resolve("山西省").pinyin


@pytest.mark.parametrize(("name", "parent", "prefecture", "level"), [
    ("河源市", "广东省", "", "prefecture"),
    ("东源县", "广东省", "河源市", "county"),
    ("汉中市", "陕西省", "", "prefecture"),
    ("焦作市", "河南省", "", "prefecture"),
    ("浦东新区", "上海市", "", "county"),
    ("延边朝鲜族自治州", "吉林省", "", "prefecture"),
    ("阿拉善盟", "内蒙古自治区", "", "prefecture"),
    ("和田地区", "新疆维吾尔自治区", "", "prefecture"),
    ("天河区", "广东省", "广州市", "county"),
    ("济源市", "河南省", "", "county"),  # province-administered county-level city
    ("仙桃市", "湖北省", "", "county"),
    ("万州区", "重庆市", "", "county"),
])
def test_parent_and_prefecture(name, parent, prefecture, level):
    place = resolve(name)
    assert place is not None
    assert (place.parent, place.prefecture, place.level) == (parent, prefecture, level)


@pytest.mark.parametrize(("alias", "full"), [
    ("广西", "广西壮族自治区"), ("内蒙古", "内蒙古自治区"), ("延边", "延边朝鲜族自治州"),
    ("延边州", "延边朝鲜族自治州"), ("恩施", "恩施土家族苗族自治州"),
    ("恩施州", "恩施土家族苗族自治州"),
    ("阿拉善", "阿拉善盟"), ("和田", "和田地区"), ("河源", "河源市"), ("吉林", "吉林省"),
])
def test_aliases_resolve(alias, full):
    assert resolve(alias).name == full


@pytest.mark.parametrize(("name", "level", "expected"), [
    ("河南省", "province", ["河南"]), ("新疆维吾尔自治区", "province", ["新疆"]),
    ("香港特别行政区", "province", ["香港"]), ("北京市", "province", ["北京"]),
    ("恩施土家族苗族自治州", "prefecture", ["恩施", "恩施州"]),
    ("东源县", "county", ["东源"]), ("天河区", "county", ["天河"]),
    ("积石山保安族东乡族撒拉族自治县", "county", ["积石山", "积石山县"]),
    ("西林区", "county", ["西林"]), ("城区", "county", []),
])
def test_short_name_rules(name, level, expected):
    assert short_names(name, level) == expected


def test_same_name_in_several_places():
    chaoyang = lookup("朝阳区")
    assert len(chaoyang) >= 2
    assert {p.parent for p in chaoyang} >= {"北京市", "吉林省"}
    assert resolve("朝阳区") is None
    beijing = resolve("朝阳区", "北京")
    assert beijing.parent == "北京市" and beijing.code == "110105"
    assert resolve("鼓楼区", "福建").prefecture == "福州市"
    assert resolve("鼓楼区", "南京市").code == "320106"


def test_renumbered_place_is_deduplicated_to_newest_code():
    # 简阳市 moved from 资阳市 (512081) to 成都市 in 2016; 临安市 became 临安区 in 2017.
    assert [p.prefecture for p in lookup("简阳市")] == ["成都市"]
    assert resolve("临安").name == "临安区"


@pytest.mark.parametrize(("name", "pinyin"), [
    ("河源市", "Heyuan"), ("东源县", "Dongyuan"), ("天河区", "Tianhe"), ("蚌埠市", "Bengbu"),
    ("六安市", "Lu'an"), ("丽水市", "Lishui"), ("番禺区", "Panyu"), ("乐清市", "Yueqing"),
    ("长治市", "Changzhi"), ("厦门市", "Xiamen"), ("长沙市", "Changsha"), ("亳州市", "Bozhou"),
    ("西安市", "Xi'an"), ("吕梁市", "Lüliang"), ("都匀市", "Duyun"), ("闵行区", "Minhang"),
])
def test_pinyin_labels(name, pinyin):
    assert any(p.pinyin == pinyin for p in lookup(name))


def test_romanize_heteronyms():
    assert romanize("朝阳") == "Chaoyang"
    assert romanize("长子") == "Zhangzi"


def test_find_places_eight_provinces_in_joint_announcement():
    text = (RAW / "004_d25812755243d715.txt").read_text(encoding="utf-8")
    sentence = next(line for line in text.splitlines() if "山西、辽宁、安徽" in line)
    found = {m.candidates[0].name for m in find_places(sentence) if m.is_alias}
    assert found >= {"山西省", "辽宁省", "安徽省", "江西省", "河南省", "湖南省",
                     "广西壮族自治区", "云南省"}


def test_find_places_longest_match_and_offsets():
    text = "河南省和广西壮族自治区，河源市东源县"
    matches = find_places(text)
    assert [m.surface for m in matches] == ["河南省", "广西壮族自治区", "河源市", "东源县"]
    assert all(text[m.start:m.end] == m.surface for m in matches)
    assert not any(m.is_alias for m in matches)


def test_county_aliases_only_on_request():
    text = "东源推进污水治理"
    assert find_places(text) == []
    [m] = find_places(text, county_aliases=True)
    assert m.surface == "东源" and m.is_alias and m.candidates[0].name == "东源县"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("督察组反馈环江县的问题15个", "环江毛南族自治县"),
        ("长阳县完成整改任务", "长阳土家族自治县"),
        ("莫力达瓦旗召开推进会", "莫力达瓦达斡尔族自治旗"),
    ],
)
def test_county_short_names_keeping_their_suffix_are_found(text, name):
    [m] = find_places(text)
    assert m.is_alias and m.candidates[0].name == name


@pytest.mark.parametrize("text", ["沙县小吃走向全国", "红旗渠精神"])
def test_two_character_county_short_names_are_not(text):
    assert find_places(text) == []


def test_levels_filter():
    text = "广东省河源市东源县"
    assert [m.surface for m in find_places(text, levels=("province",))] == ["广东省"]
    assert find_places("广西", aliases=False) == []


@pytest.mark.parametrize("text", ["大同小异", "长治久安", "幸福安康", "白山黑水",
                                  "城区污水管网", "维护世界和平",
                                  "绿水青山就是金山银山", "市委书记和县(区)长"])
def test_common_words_do_not_match(text):
    assert find_places(text, county_aliases=True) == []


def test_stoplist_does_not_block_the_place():
    surfaces = [m.surface for m in find_places("山西大同市，大同的煤，长治的水")]
    assert surfaces == ["山西", "大同市", "大同", "长治"]
    assert [m.surface for m in find_places("建设美丽江西")] == ["江西"]  # not 丽江


def test_find_places_on_a_long_text():
    """A 60 KB text (the joint document, repeated) gives the places of each copy, shifted."""
    text = (RAW / "004_d25812755243d715.txt").read_text(encoding="utf-8")
    copies = 8
    assert len((text * copies).encode("utf-8")) >= 60_000
    once = [(m.surface, m.start) for m in find_places(text)]
    assert once
    repeated = [(m.surface, m.start) for m in find_places(text * copies)]
    assert repeated == [(s, start + k * len(text)) for k in range(copies) for s, start in once]
