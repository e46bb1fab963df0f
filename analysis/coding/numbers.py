"""Numbers, money, percentages and PM2.5 concentrations as written in Chinese documents.

The regex sources here use non-capturing groups only, so callers can embed them in
their own named groups. Text is expected to be normalised upstream, but the patterns
also accept full-width digits, ``，``/``．`` and ``µ`` (U+00B5) so correctness does not
depend on it.

How a magnitude (万, 亿, 千万 ...) is split between ``NUMBER`` and a unit:

* Arabic digits: a magnitude directly followed by 元 belongs to the money unit, anywhere
  else it belongs to the number. ``'12.15亿元'`` -> NUMBER ``'12.15'`` + unit ``'亿元'``;
  ``'3千万元'`` -> ``'3'`` + ``'千万元'``; ``'1.2万件'`` -> NUMBER ``'1.2万'`` + ``'件'``.
* Chinese numerals are one word and keep their 万/亿: ``'三千万元'`` -> ``'三千万'`` + ``'元'``.
* 千 followed by 米/瓦/克/伏/帕/焦/卡 is a unit prefix, never a magnitude:
  ``'3千米'`` -> ``'3'``, ``'五十万千瓦'`` -> ``'五十万'``.

``parse_money`` does not depend on the split: it multiplies the number by whatever
magnitude stands before 元.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = [
    "CONCENTRATION",
    "MONEY",
    "NUMBER",
    "PERCENT",
    "PERCENT_POINTS",
    "parse_concentration",
    "parse_money",
    "parse_number",
    "parse_percent",
]

# --- tables -----------------------------------------------------------------------------

#: Value of each Chinese digit character.
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
#: Place-value characters inside a section below 万.
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
#: Section-closing characters.
CN_BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8}
#: Magnitudes that may follow Arabic digits (longest first for the regex).
MAGNITUDES: dict[str, int] = {
    "万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "千万": 10**7,
    "百万": 10**6, "亿": 10**8, "万": 10**4, "千": 10**3, "百": 10**2,
}  # fmt: skip
#: Characters that make a preceding 千 a unit prefix (千米, 千瓦, 千克 ...), not a magnitude.
_KILO_UNITS = "米瓦克伏帕焦卡"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

# --- NUMBER -----------------------------------------------------------------------------

_AD = "[0-9０-９]"  # Arabic digit, ASCII or full-width
_MAG = "|".join(MAGNITUDES)  # dict order is longest-first where it matters
# The lookaheads opening a part or an alternative (a digit first; digits then a comma; a run
# of numerals up to 亿 or 万) only state what it needs to match: they change no match, and a
# regex tries the part, or backtracks into it, without trying it in full where it fails.
_ARABIC = (
    rf"(?={_AD})(?<![0-9０-９A-Za-z])(?<![0-9０-９][.．])"  # not inside a digit run, PM2.5 ...
    rf"(?:(?={_AD}{{1,3}}[,，]){_AD}{{1,3}}(?:[,，]{_AD}{{3}})+|{_AD}+)(?:[.．]{_AD}+)?"
    rf"(?!{_AD}|[.．]{_AD})"
    rf"(?:(?:{_MAG})(?![万亿千百]*元)(?!(?<=千)[{_KILO_UNITS}]))?"
)

_D = "[一二两三四五六七八九]"
_Z = "[零〇]"
_TEN = f"{_D}?十{_D}?"
_BELOW_HUNDRED = f"(?:{_Z}?{_TEN}|{_Z}?{_D})"
_HUNDRED = f"{_D}百{_BELOW_HUNDRED}?"
_THOUSAND = f"{_D}千(?:{_HUNDRED}|{_BELOW_HUNDRED})?"
_SECTION = f"(?:{_THOUSAND}|{_HUNDRED}|{_TEN}|{_D})"  # 1 .. 9999
_CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
#: The characters a Chinese numeral starts with (百千万亿 only follow a digit).
_CN_FIRST = "零〇一二两三四五六七八九十"
_CHINESE = (
    f"(?=[{_CN_FIRST}])(?<![{_CN_NUMERALS}])"
    "(?:[〇零一二三四五六七八九]{4}"  # a year written digit by digit: 二〇二一, 一九九八
    f"|(?=[零〇一二两三四五六七八九十百千万]*亿){_SECTION}万?亿(?:{_Z}?{_SECTION}万)?(?:{_Z}?{_SECTION})?"
    f"|(?=[零〇一二两三四五六七八九十百千]*万){_SECTION}万(?:{_Z}?{_SECTION})?"
    f"|{_SECTION}"
    f"|{_Z})"
    # not followed by more numeral characters, except 千 starting 千米/千瓦/...
    f"(?![零〇一二两三四五六七八九十百万亿]|千(?![{_KILO_UNITS}]))"
    f"(?!(?<=千)[{_KILO_UNITS}])"
)

#: One number: Arabic (3,123 / 12.15 / 1.2万 / ３１２３) or Chinese (三千一百二十三, 两百, 〇).
#: The lookahead lets a regex fail at once where no number can start (a large speed-up: the
#: coder's rules start with NUMBER and are tried at every position of a document).
NUMBER: str = f"(?=[0-9０-９{_CN_FIRST}])(?:{_ARABIC}|{_CHINESE})"

_NUMBER_RE = re.compile(NUMBER)
_ARABIC_PARTS = re.compile(rf"(?P<digits>[0-9.,]+)(?P<mag>{_MAG})?")
_POSITIONAL = re.compile("[〇零一二三四五六七八九]{4}")


def _trailing(pending: int | None, last_unit: int) -> int:
    """A digit closing a section: 一千二 = 1200, 一万二 = 12000, but 一百零五 = 105."""
    if pending is None:
        return 0
    return pending * (last_unit // 10 if last_unit > 10 else 1)


def _chinese_value(text: str) -> int:
    """Value of a Chinese numeral already validated by the ``NUMBER`` grammar."""
    if _POSITIONAL.fullmatch(text):
        return int("".join(str(CN_DIGITS[c]) for c in text))
    total = section = 0
    pending: int | None = None
    last_unit = 0  # place value of the unit just before a trailing digit (0 = none)
    for char in text:
        if char in CN_DIGITS:
            pending = CN_DIGITS[char]
            if char in "零〇":
                last_unit = 0
        elif char in CN_SMALL_UNITS:
            section += (1 if pending is None else pending) * CN_SMALL_UNITS[char]
            pending, last_unit = None, CN_SMALL_UNITS[char]
        else:  # 万 / 亿 close a section
            unit = CN_BIG_UNITS[char]
            section += _trailing(pending, last_unit if last_unit < 10**4 else 0)
            if unit == 10**8:
                total = (total + section) * unit
            else:
                total += section * unit
            section, pending, last_unit = 0, None, unit
    return total + section + _trailing(pending, last_unit)


def _number_decimal(text: str) -> Decimal:
    """Exact value of one ``NUMBER`` match; ValueError otherwise."""
    if not isinstance(text, str):
        raise ValueError(f"not a number: {text!r}")
    return _decimal(text)


@lru_cache(maxsize=4096)  # the same numbers recur across a document's rules and passages
def _decimal(text: str) -> Decimal:
    stripped = text.strip()
    if not _NUMBER_RE.fullmatch(stripped):
        raise ValueError(f"not a number: {text!r}")
    ascii_text = stripped.translate(_FULLWIDTH)
    arabic = _ARABIC_PARTS.fullmatch(ascii_text)
    if arabic is None:
        return Decimal(_chinese_value(stripped))
    try:
        value = Decimal(arabic["digits"].replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex forbids it
        raise ValueError(f"not a number: {text!r}") from exc
    return value * MAGNITUDES.get(arabic["mag"] or "", 1)


def _to_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(text: str) -> int | float:
    """Value of one ``NUMBER`` match (magnitude applied); int when integral.

    Raises ValueError for anything that is not exactly one number.
    """
    return _to_number(_number_decimal(text))


# --- money ------------------------------------------------------------------------------

#: Money units before 元 and their factor (longest first).
MONEY_UNITS: dict[str, int] = {
    "万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4, "": 1,
}  # fmt: skip
_MONEY_PREFIX = "近约超逾"  # 近3亿元, 约26.7亿元
_MONEY_SUFFIX = "多余"  # 190余亿元, 3000多万元
_MONEY_UNIT = "|".join(u for u in MONEY_UNITS if u)

#: Amount of money in yuan: NUMBER + optional 多/余 + 元/万元/亿元/千万元/百万元/万亿元.
MONEY: str = f"(?:[{_MONEY_PREFIX}])?{NUMBER}(?:[{_MONEY_SUFFIX}])?(?:{_MONEY_UNIT})?元"
_MONEY_RE = re.compile(
    f"[{_MONEY_PREFIX}]?(?P<num>{NUMBER})[{_MONEY_SUFFIX}]?(?P<unit>{_MONEY_UNIT})?元"
)


def parse_money(text: str) -> float:
    """Yuan of one ``MONEY`` match ('190余亿元' -> 1.9e10); ValueError otherwise."""
    match = _MONEY_RE.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not an amount of money: {text!r}")
    return float(_number_decimal(match["num"]) * MONEY_UNITS[match["unit"] or ""])


# --- percentages ------------------------------------------------------------------------

#: A percentage: 74.5%, 74.5％, 百分之七十, 百分之百.
PERCENT: str = f"(?:{NUMBER}\\s?[%％]|百分之(?:{NUMBER}|百))"
#: Percentage points: 2.4个百分点, 2.4百分点.
PERCENT_POINTS: str = f"(?:{NUMBER}\\s?个?百分点)"
_PERCENT_RE = re.compile(
    f"(?P<a>{NUMBER})\\s?[%％]|百分之(?P<b>{NUMBER}|百)|(?P<c>{NUMBER})\\s?个?百分点"
)


def parse_percent(text: str) -> float:
    """Value in percent (or percentage points) of a ``PERCENT``/``PERCENT_POINTS`` match."""
    match = _PERCENT_RE.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a percentage: {text!r}")
    number = match["a"] or match["b"] or match["c"]
    return 100.0 if number == "百" else float(_number_decimal(number))


# --- PM2.5 concentration ----------------------------------------------------------------

_CONC_UNIT = "(?:微克(?:[/／]|每)立方米|[μµu]g\\s?[/／]\\s?m[3³])"
#: A PM concentration in µg/m³ (微克/立方米, 微克每立方米, μg/m3, µg/m³, ug/m3); not mg/m3.
CONCENTRATION: str = f"(?:{NUMBER}\\s?{_CONC_UNIT})"
_CONC_RE = re.compile(f"(?P<num>{NUMBER})\\s?{_CONC_UNIT}")


def parse_concentration(text: str) -> float:
    """µg/m³ of one ``CONCENTRATION`` match ('34μg/m3' -> 34.0); ValueError otherwise."""
    match = _CONC_RE.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a PM concentration: {text!r}")
    return float(_number_decimal(match["num"]))
