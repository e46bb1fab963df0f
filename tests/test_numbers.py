"""Numbers, money, percentages and concentrations (analysis.coding.numbers)."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.coding.numbers import (
    CONCENTRATION,
    MONEY,
    NUMBER,
    PERCENT,
    PERCENT_POINTS,
    parse_concentration,
    parse_money,
    parse_number,
    parse_percent,
)

EXAMPLES = 500  # hypothesis examples per property

# --- an independent renderer of Chinese numerals ------------------------------------------

_DIGITS = "零一二三四五六七八九"


def _render_section(n: int, *, leading: bool, bare_ten: bool, liang: bool) -> str:
    """0 < n < 10000 with standard zero rules; '十七' vs '一十七' and '两百' by flags."""
    out, gap = [], False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out.append("零")
            gap = False
        if digit == 1 and unit == "十" and leading and not out and bare_ten:
            out.append("十")
        elif digit == 2 and unit in ("百", "千") and liang:
            out.append("两" + unit)
        else:
            out.append(_DIGITS[digit] + unit)
    return "".join(out)


def render_chinese(n: int, *, bare_ten: bool = True, liang: bool = False) -> str:
    """Chinese numeral for 0 <= n < 10**12: 十七, 一千零五, 十万零一十, 一亿零五百万."""
    if n == 0:
        return "零"
    sections = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out: list[str] = []
    need_zero = False
    for value, unit in sections:
        if value == 0:
            need_zero = need_zero or bool(out)
            continue
        if out and (need_zero or value < 1000):
            out.append("零")
        out.append(_render_section(value, leading=not out, bare_ten=bare_ten, liang=liang) + unit)
        need_zero = False
    return "".join(out)


def test_renderer_itself() -> None:
    # the renderer is the oracle, so check it against numerals read by hand
    assert render_chinese(17) == "十七"
    assert render_chinese(17, bare_ten=False) == "一十七"
    assert render_chinese(1005) == "一千零五"
    assert render_chinese(105) == "一百零五"
    assert render_chinese(3123) == "三千一百二十三"
    assert render_chinese(200, liang=True) == "两百"
    assert render_chinese(12000) == "一万二千"
    assert render_chinese(100010) == "十万零一十"
    assert render_chinese(105000000) == "一亿零五百万"
    assert render_chinese(10**9) == "十亿"
    assert render_chinese(100000100) == "一亿零一百"


# --- NUMBER / parse_number: examples --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("17", 17),
        ("3,123", 3123),
        ("3，123", 3123),
        ("12.15", 12.15),
        ("1.2万", 12000),
        ("3.41亿", 341000000),
        ("3千", 3000),
        ("3千万", 30000000),
        ("1.5万亿", 1500000000000),
        ("３１２３", 3123),
        ("３，１２３", 3123),
        ("十七", 17),
        ("十", 10),
        ("二十", 20),
        ("三千一百二十三", 3123),
        ("两百", 200),
        ("一万二千", 12000),
        ("一千零五", 1005),
        ("一百零五", 105),
        ("五十二", 52),
        ("〇", 0),
        ("零", 0),
        ("两", 2),
        ("一千二", 1200),  # colloquial abbreviation of 一千二百
        ("一万二", 12000),
        ("二〇二一", 2021),
    ],
)
def test_parse_number_examples(text: str, value: int | float) -> None:
    result = parse_number(text)
    assert result == value
    assert isinstance(result, int) == isinstance(value, int)
    assert re.fullmatch(NUMBER, text)


@pytest.mark.parametrize(
    "text", ["", " ", "abc", "万", "千米", "3.", "1,23", "一一", "十十", "3-5", "12件", "1.2.3"]
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("督察组交办的3968件群众举报件", ["3968"]),
        ("整改任务17项,已完成4项", ["17", "4"]),
        ("信访件3,123件", ["3,123"]),
        ("受理信访件三千一百二十三件", ["三千一百二十三"]),
        ("问责一百零五人", ["一百零五"]),
        ("累计清理1.2万件", ["1.2万"]),
        ("投入资金12.15亿元", ["12.15"]),  # 亿元 is the money unit
        ("3千万元", ["3"]),
        ("三千万元", ["三千万"]),  # a Chinese numeral keeps its 万
        ("建设绿道3千米", ["3"]),  # 千米 is a unit, not 千
        ("全长三千米", ["三"]),
        ("新增装机五十万千瓦", ["五十万"]),
        ("PM2.5浓度38微克/立方米", ["38"]),  # PM2.5 is a name, not a number
        ("SO2排放12345吨", ["12345"]),  # whole digit run only
        ("2021.4.7", []),  # a dotted date is not a decimal
        ("第1,2,3项", ["1", "2", "3"]),
    ],
)
def test_number_in_sentences(sentence: str, found: list[str]) -> None:
    assert [m.group() for m in re.finditer(NUMBER, sentence)] == found


def test_patterns_have_no_capturing_groups() -> None:
    for pattern in (NUMBER, MONEY, PERCENT, PERCENT_POINTS, CONCENTRATION):
        assert re.compile(pattern).groups == 0
    embedded = re.compile(f"信访件(?P<n>{NUMBER})件")
    assert embedded.search("信访件3,123件")["n"] == "3,123"


# --- NUMBER / parse_number: properties ------------------------------------------------------


@settings(max_examples=EXAMPLES)
@given(st.integers(0, 10**9), st.booleans(), st.booleans())
def test_chinese_round_trip(n: int, bare_ten: bool, liang: bool) -> None:
    text = render_chinese(n, bare_ten=bare_ten, liang=liang)
    assert re.fullmatch(NUMBER, text), text
    assert parse_number(text) == n, text


@settings(max_examples=EXAMPLES)
@given(st.integers(0, 10**9), st.sampled_from([",", "，"]))
def test_separators_and_full_width(n: int, sep: str) -> None:
    grouped = f"{n:,}".replace(",", sep)
    full_width = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_number(grouped) == n
    assert parse_number(full_width) == n
    assert [m.group() for m in re.finditer(NUMBER, f"共{grouped}件")] == [grouped]


@settings(max_examples=EXAMPLES)
@given(st.integers(0, 10**8), st.integers(0, 6), st.sampled_from([("万", 4), ("亿", 8)]))
def test_decimal_with_magnitude(digits: int, places: int, magnitude: tuple[str, int]) -> None:
    unit, power = magnitude
    decimal = Decimal(digits).scaleb(-places)
    text = f"{decimal:f}{unit}"
    assert Decimal(str(parse_number(text))) == decimal.scaleb(power)


@settings(max_examples=EXAMPLES)
@given(st.floats(0, 1e6, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 4)))
def test_money_units(x: float) -> None:
    assert math.isclose(parse_money(f"{x}亿元"), x * 1e8, rel_tol=1e-12)
    assert math.isclose(parse_money(f"{x}万元"), x * 1e4, rel_tol=1e-12)
    assert math.isclose(parse_money(f"{x}元"), x, rel_tol=1e-12)


@settings(max_examples=EXAMPLES)
@given(st.text())
def test_parse_number_only_raises_value_error(text: str) -> None:
    try:
        parse_number(text)
    except ValueError:
        pass


_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿0123456789,.．，３"


@settings(max_examples=EXAMPLES)
@given(st.text(alphabet=_NUMERAL_CHARS, min_size=1, max_size=12))
def test_fullmatch_agrees_with_parse(text: str) -> None:
    matches = re.fullmatch(NUMBER, text) is not None
    try:
        parse_number(text)
        parsed = True
    except ValueError:
        parsed = False
    assert matches == parsed


# --- money ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("190亿元", 1.9e10),
        ("190余亿元", 1.9e10),
        ("12.15亿元", 1.215e9),
        ("3千万元", 3e7),
        ("800万元", 8e6),
        ("3000多万元", 3e7),
        ("近3亿元", 3e8),
        ("约26.7亿元", 2.67e9),
        ("三千万元", 3e7),
        ("一千二百万元", 1.2e7),
        ("1.5万亿元", 1.5e12),
        ("5百万元", 5e6),
        ("1,200元", 1200.0),
    ],
)
def test_parse_money(text: str, yuan: float) -> None:
    assert re.fullmatch(MONEY, text)
    assert math.isclose(parse_money(text), yuan, rel_tol=1e-12)


def test_money_in_sentence() -> None:
    sentence = "江西省累计投入资金190亿元,其中拟罚款3千万元,另筹集800万元"
    assert [parse_money(m.group()) for m in re.finditer(MONEY, sentence)] == [1.9e10, 3e7, 8e6]
    assert re.search(MONEY, "投资3亿美元") is None


@pytest.mark.parametrize("text", ["3亿", "元", "3亿美元", "亿元", "190亿元整"])
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_money(text)


# --- percentages and concentrations -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pattern", "value"),
    [
        ("74.5%", PERCENT, 74.5),
        ("96.2％", PERCENT, 96.2),
        ("百分之七十", PERCENT, 70.0),
        ("百分之百", PERCENT, 100.0),
        ("2.4个百分点", PERCENT_POINTS, 2.4),
        ("6.2百分点", PERCENT_POINTS, 6.2),
    ],
)
def test_percent(text: str, pattern: str, value: float) -> None:
    assert re.fullmatch(pattern, text)
    assert parse_percent(text) == value


def test_percent_in_sentence() -> None:
    sentence = "优良天数比例74.5%,同比提高2.4个百分点;PM2.5同比下降2.6%"
    assert [m.group() for m in re.finditer(PERCENT, sentence)] == ["74.5%", "2.6%"]
    assert [m.group() for m in re.finditer(PERCENT_POINTS, sentence)] == ["2.4个百分点"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("38微克/立方米", 38.0),
        ("30微克每立方米", 30.0),
        ("34μg/m3", 34.0),  # U+03BC
        ("34µg/m³", 34.0),  # U+00B5
        ("26.2 ug/m3", 26.2),
        ("26.2ug/m³", 26.2),
        ("３８μg/m3", 38.0),
    ],
)
def test_concentration(text: str, value: float) -> None:
    assert re.fullmatch(CONCENTRATION, text)
    assert parse_concentration(text) == value


def test_concentration_excludes_other_units() -> None:
    assert re.search(CONCENTRATION, "COD浓度为15mg/L,颗粒物0.5mg/m3") is None
    found = re.search(CONCENTRATION, "全省PM2.5平均浓度为38微克/立方米,同比下降")
    assert found is not None and parse_concentration(found.group()) == 38.0
    with pytest.raises(ValueError):
        parse_concentration("0.5mg/m3")


#: The lookaheads that only state what NUMBER or a part of it needs (numbers._ARABIC,
#: _CHINESE): without them NUMBER matches the same, alone and before what a rule puts after it.
_GUARDS = (
    "(?=[0-9０-９零〇一二两三四五六七八九十])",
    "(?=[0-9０-９])",
    "(?=[0-9０-９]{1,3}[,，])",
    "(?=[零〇一二两三四五六七八九十])",
    "(?=[零〇一二两三四五六七八九十百千万]*亿)",
    "(?=[零〇一二两三四五六七八九十百千]*万)",
)
_ANY_TEXT = "0123456789０,，.．零〇一二两三四五六七八九十百千万亿元米瓦项个年Aa "
_NUMERAL_TEXT = st.one_of(
    st.text(alphabet=_ANY_TEXT, max_size=16),
    st.text(alphabet="01,.零〇一两三十百千万亿元米项", max_size=12),  # numerals close together
)
_NUMERALS = [
    "三千万", "十二亿三千万元", "两百零五项", "二〇二一年", "1,234.5万元", "3千米", "五十万千瓦",
    "12,345,678个", "一万二", "九千九百九十九亿", "A1.2万", "PM2.5", "〇", "百万元",
]
_AFTER = ["", "项", "(?:个|项)任务", r"\s?(?:件|宗)", "(?:亿|万)?元", "[,，.．]", "千?米"]


def _unguarded(pattern: str) -> str:
    for guard in _GUARDS:
        assert guard in pattern
        pattern = pattern.replace(guard, "")
    return pattern


@settings(max_examples=EXAMPLES, deadline=None)
@given(_NUMERAL_TEXT, st.sampled_from(_AFTER))
def test_number_guards_change_no_match(text: str, after: str) -> None:
    guarded = re.compile(NUMBER + after)
    plain = re.compile(_unguarded(NUMBER) + after)
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for start in range(len(text)):
        found, expected = guarded.match(text, start), plain.match(text, start)
        assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("text", _NUMERALS)
@pytest.mark.parametrize("after", _AFTER)
def test_number_guards_change_no_match_in_numerals(text: str, after: str) -> None:
    test_number_guards_change_no_match.hypothesis.inner_test(text, after)
