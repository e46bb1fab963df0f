"""Dates, year-to-date periods and 截至 (as-of) phrases in Chinese documents.

Offsets always refer to the text as given. Full-width digits and ``－．／～`` are read
like their ASCII forms (mapped one character to one, so offsets do not move).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from analysis.coding.literal import holds, requirements
from analysis.coding.numbers import parse_number
from analysis.coding.text import PerText

__all__ = [
    "DateSpan",
    "Period",
    "find_dates",
    "find_periods",
    "parse_asof",
    "relative_year",
    "with_years",
]

_DOCUMENT = PerText(size=2)
_ONE_TO_ONE = str.maketrans("０１２３４５６７８９－．／～", "0123456789-./~")
_FULL_WIDTH = re.compile("[０-９－．／～]")


def _ascii(text: str) -> str:
    """Full-width digits and separators as ASCII, one for one (offsets unchanged). Normalised
    text has none, so the (slow, per-character) translation is skipped when there are none."""
    return text.translate(_ONE_TO_ONE) if _FULL_WIDTH.search(text) else text


# --- tables -----------------------------------------------------------------------------

#: Month written after a year that stands for a month: 2022年底 = December.
YEAR_END_WORDS: dict[str, int] = {"底": 12, "末": 12, "年底": 12, "年末": 12}
#: Relative year words and their offset from the anchor year.
RELATIVE_YEARS: dict[str, int] = {
    "今年": 0, "本年": 0, "当年": 0, "同年": 0, "去年": -1, "上年": -1, "上一年": -1,
    "前年": -2, "明年": 1, "次年": 1, "下一年": 1, "翌年": 1, "后年": 2,
}  # fmt: skip
#: Month numerals (Arabic or Chinese) as written in periods.
MONTHS: dict[str, int] = {
    **{str(m): m for m in range(1, 13)},
    **{f"0{m}": m for m in range(1, 10)},
    **dict(zip("一二三四五六七八九", range(1, 10), strict=True)),
    "十": 10, "十一": 11, "十二": 12,
}  # fmt: skip
#: Quarter words and the months they cover.
QUARTERS: dict[str, str] = {
    "一季度": "1-3", "二季度": "4-6", "三季度": "7-9", "四季度": "10-12",
    "前两季度": "1-6", "前二季度": "1-6", "前三季度": "1-9",
    "一至二季度": "1-6", "一至三季度": "1-9", "上半年": "1-6", "下半年": "7-12",
    "1季度": "1-3", "2季度": "4-6", "3季度": "7-9", "4季度": "10-12", "前3季度": "1-9",
}  # fmt: skip

# --- dates ------------------------------------------------------------------------------

_S = "[ \\t]*"  # PDF extraction sometimes spaces out 2021 年 4 月
_YEAR = r"(?<![0-9])(?:19|20)[0-9]{2}"
_MD = r"[0-9]{1,2}"
_DATE_RE = re.compile(
    # every form starts with a digit: fail fast elsewhere
    r"(?=[0-9])(?:"
    # 2021-04-07, 2021-4-7, 2021.4.7, 2021/4/7 (and the date part of 2023-06-25 15:38:38)
    rf"(?P<ny>{_YEAR})(?P<sep>[-./])(?P<nm>{_MD})(?P=sep)(?P<nd>{_MD})(?![0-9]|\.[0-9])"
    # 26.07.2017: a page stamp written day first
    r"|(?<![0-9.])(?P<ed>[0-9]{2})\.(?P<em>[0-9]{2})\.(?P<ey>(?:19|20)[0-9]{2})(?![0-9]|\.[0-9])"
    # 2021年4月7日, 2021年4月, 2021年11月底, 2021年, 2021年底, 2021年年末
    rf"|(?P<cy>{_YEAR}){_S}年(?:{_S}(?:(?P<cm>{_MD}){_S}月(?:{_S}(?P<cd>{_MD}){_S}[日号]|[底末])?"
    rf"|(?P<cend>年?[底末])))?"
    # 7月20日, 5月底 (no year written)
    rf"|(?<![0-9年])(?<![0-9][\-—–~至到])(?P<m>{_MD}){_S}月(?:{_S}(?P<d>{_MD}){_S}[日号]|[底末])"
    r")"
)
#: 今年4月2日, 去年11月3日: a month and day counted from the nearest full date (codebook).
_RELATIVE_DATE_RE = re.compile(
    rf"(?P<rel>{'|'.join(sorted(RELATIVE_YEARS, key=len, reverse=True))})度?{_S}"
    rf"(?P<m>{_MD}){_S}月(?:{_S}(?P<d>{_MD}){_S}[日号]|[底末])"
)
#: A date written in Chinese numerals, the year digit by digit: 二〇二一年九月六日, 二〇二二年底
#: (with, as in _DATE_RE, the year alone or with its month).
_CN_DIGIT = "[〇零一二三四五六七八九]"
_CN_MONTH = "(?:十[一二]?|[一二三四五六七八九])"
_CN_DAY = "(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_CN_DATE_RE = re.compile(
    rf"(?<![〇零一二两三四五六七八九十百千万])(?P<cy>{_CN_DIGIT}{{4}}){_S}年"
    rf"(?:{_S}(?:(?P<cm>{_CN_MONTH}){_S}月(?:{_S}(?P<cd>{_CN_DAY}){_S}[日号]|[底末])?"
    rf"|(?P<cend>年?[底末])))?"
)
_CN_YEAR = re.compile(f"{_CN_DIGIT}{{4}}")
#: The end of a range opened by a date in Chinese numerals: 至十月六日, 至十五日, 至十月.
_CN_RANGE_END_RE = re.compile(
    rf"{_S}(?:至|到|—{{1,2}}|–|-|~){_S}"
    rf"(?:(?P<m>{_CN_MONTH}){_S}月(?:{_S}(?P<d>{_CN_DAY}){_S}[日号])?|(?P<od>{_CN_DAY}){_S}[日号])"
)
#: Where a match of _DATE_RE can start: the first digit of a run of digits, with the shape
#: of one of its forms after it (loosely: the years are not checked). A search for these
#: skips straight to digits, so _DATE_RE is tried only there rather than at every character.
_DATE_START = re.compile(
    rf"[0-9](?<![0-9]{{2}})(?:[0-9]{{3}}(?:{_S}年|[-./])|[0-9]\.[0-9]{{2}}\.|[0-9]?{_S}月)"
)
_RANGE_SEP = f"{_S}(?:至|到|—{{1,2}}|–|-|~){_S}"
# The end of a range whose start is a date: 至15日 (same month), 至5月 (same year).
_RANGE_END_RE = re.compile(
    rf"{_RANGE_SEP}(?:(?P<d>{_MD}){_S}[日号]|(?P<m>{_MD}){_S}月(?![0-9]|{_S}[0-9]))"
)
#: The end of a range opened by a numeric date, written the same way without its year:
#: 2021.8.26—9.26, 2021-08-26至09-26 (``sep`` is the opening date's separator).
_NUMERIC_RANGE_END = {
    sep: re.compile(
        rf"{_RANGE_SEP}(?P<m>{_MD}){re.escape(sep)}(?P<d>{_MD})(?![0-9]|\.[0-9]|{re.escape(sep)}[0-9])"
    )
    for sep in "-./"
}


@dataclass(frozen=True)
class DateSpan:
    """A date expression at ``text[start:end]``; parts not written are None."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    year_inferred: bool = False  # year filled by with_years, not written
    relative: int | None = None  # 今年 0, 去年 -1 …: offset from the anchor year

    def iso(self) -> str | None:
        """'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' as far as known; None when the year is not."""
        if self.year is None:
            return None
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is None:
        return True
    try:  # 2000 is a leap year, so 2月29日 without a year is accepted
        dt.date(year or 2000, month, day or 1)
    except ValueError:
        return False
    return True


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _span(text: str, m: re.Match[str]) -> DateSpan | None:
    if m["ny"]:
        year, month, day = int(m["ny"]), int(m["nm"]), int(m["nd"])
    elif m["ey"]:
        year, month, day = int(m["ey"]), int(m["em"]), int(m["ed"])
    elif m["cy"]:
        year, month, day = int(m["cy"]), _int(m["cm"]), _int(m["cd"])
        if m["cend"]:
            month = YEAR_END_WORDS[m["cend"]]
    else:
        year, month, day = None, int(m["m"]), _int(m["d"])
    if not _valid(year, month, day):
        return None
    return DateSpan(m.start(), m.end(), text[m.start() : m.end()], year, month, day)


def _range_end(text: str, scan: str, first: DateSpan) -> DateSpan | None:
    """'至15日' after a full day, '至5月' after a year-month: the end of a range."""
    m = _RANGE_END_RE.match(scan, first.end)
    if m is None:
        return None
    if m["d"] and first.day is not None:
        month, day = first.month, int(m["d"])
    elif m["m"] and first.month is not None and first.day is None:
        month, day = int(m["m"]), None
    else:
        return None
    start = m.start("d") if m["d"] else m.start("m")
    if not _valid(first.year, month, day):
        return None
    return DateSpan(start, m.end(), text[start : m.end()], None, month, day)


def _numeric_range_end(text: str, scan: str, first: DateSpan, sep: str) -> DateSpan | None:
    """'—9.26' after 2021.8.26: the end of a range written like its opening date."""
    m = _NUMERIC_RANGE_END[sep].match(scan, first.end)
    if m is None:
        return None
    month, day = int(m["m"]), int(m["d"])
    if not _valid(first.year, month, day):
        return None
    return DateSpan(m.start("m"), m.end(), text[m.start("m") : m.end()], None, month, day)


def find_dates(text: str) -> list[DateSpan]:
    """Every date expression in ``text``, in order; years not written are None.

    A bare number is never a date, and a month range such as 1—5月 is a period
    (see ``find_periods``), not a date. 2022年底/年末 is December; 2023-06-25 15:38:38
    gives its date part; dates in Chinese numerals (二〇二一年九月六日至十月六日) are read like
    their Arabic forms. Found once per text (the header and the records both ask).
    """
    return list(_DOCUMENT.get(text, "dates", lambda: tuple(_find_dates(text))))


def _find_dates(text: str) -> list[DateSpan]:
    """``find_dates`` without the per-text cache (for short phrases cut out of a text)."""
    scan = _ascii(text)
    spans: list[DateSpan] = []
    pos = 0
    while (start := _DATE_START.search(scan, pos)) is not None:
        m = _DATE_RE.match(scan, start.start())  # what _DATE_RE.search(scan, pos) finds
        if m is None:
            pos = start.start() + 1
            continue
        pos = m.end()
        span = _span(text, m)
        if span is None:
            continue
        spans.append(span)
        end = _range_end(text, scan, span)
        if end is None and m["sep"]:
            end = _numeric_range_end(text, scan, span, m["sep"])
        if end is not None:
            spans.append(end)
            pos = end.end
    chinese = _chinese_dates(text)
    if chinese:
        spans = sorted(spans + chinese, key=lambda s: s.start)
    relative = _relative_dates(text, scan)
    if relative:
        covered = [(r.start, r.end) for r in relative]
        spans = [s for s in spans if not any(a <= s.start < b for a, b in covered)]
    return _relative_range_ends(scan, sorted(spans + relative, key=lambda s: s.start))


_RANGE_SEP_RE = re.compile(_RANGE_SEP)


def _relative_range_ends(scan: str, spans: list[DateSpan]) -> list[DateSpan]:
    """The yearless end of a range opened by a relative date (今年4月2日至5月2日) counts
    from the same year."""
    out = list(spans)
    for i in range(1, len(out)):
        first, second = out[i - 1], out[i]
        if (
            first.relative is not None
            and second.year is None
            and second.relative is None
            and _RANGE_SEP_RE.fullmatch(scan, first.end, second.start)
        ):
            out[i] = replace(second, relative=first.relative)
    return out


def _chinese_dates(text: str) -> list[DateSpan]:
    """Dates written in Chinese numerals (二〇二一年九月六日, 二〇二二年底) and the end of a
    range after one (至十月六日: year still None, filled by ``with_years``)."""
    spans = []
    for m in _chinese_date_matches(text):
        year, month, day = parse_number(m["cy"]), _cn_int(m["cm"]), _cn_int(m["cd"])
        if m["cend"]:
            month = YEAR_END_WORDS[m["cend"]]
        if not _valid(year, month, day):
            continue
        first = DateSpan(m.start(), m.end(), m.group(), int(year), month, day)
        spans.append(first)
        end = _CN_RANGE_END_RE.match(text, m.end()) if month is not None else None
        if end is None:
            continue
        if end["m"] and (end["d"] is not None) == (day is not None):
            month_end, day_end, start = _cn_int(end["m"]), _cn_int(end["d"]), end.start("m")
        elif end["od"] and day is not None:
            month_end, day_end, start = month, _cn_int(end["od"]), end.start("od")
        else:
            continue
        if _valid(first.year, month_end, day_end):
            spans.append(
                DateSpan(start, end.end(), text[start : end.end()], None, month_end, day_end)
            )
    return spans


def _chinese_date_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of _CN_DATE_RE.finditer(text), tried only where four Chinese digits stand
    before a 年 (Chinese digits are common, 年 after four of them is rare)."""
    end = 0
    at = text.find("年")
    while at != -1:
        year_end = at
        while year_end > 0 and text[year_end - 1] in " \t":  # _S before 年
            year_end -= 1
        start = year_end - 4
        if start >= end and _CN_YEAR.fullmatch(text, start, year_end):
            m = _CN_DATE_RE.match(text, start)
            if m is not None:
                yield m
                end = m.end()
        at = text.find("年", max(at + 1, end))


def _cn_int(numeral: str | None) -> int | None:
    return None if numeral is None else int(parse_number(numeral))


def _relative_dates(text: str, scan: str) -> list[DateSpan]:
    """今年4月2日 / 去年11月3日 (and the end of a range after one): year still None, with the
    offset of the relative word kept for ``with_years``."""
    spans = []
    for m in _RELATIVE_DATE_RE.finditer(scan):
        month, day = int(m["m"]), _int(m["d"])
        if not _valid(None, month, day):
            continue
        offset = RELATIVE_YEARS[m["rel"]]
        span = DateSpan(
            m.start(), m.end(), text[m.start() : m.end()], None, month, day, relative=offset
        )
        spans.append(span)
        end = _range_end(text, scan, span)
        if end is not None:
            spans.append(replace(end, relative=offset))
    return spans


def _is_full(span: DateSpan) -> bool:
    return span.year is not None and span.month is not None and not span.year_inferred


def with_years(spans: list[DateSpan]) -> list[DateSpan]:
    """Fill missing years from the nearest full date before, else after (codebook rule);
    今年/去年 + M月D日 count from that year.

    A full date is one whose year and month are written (2021年4月7日, 2022年底);
    spans with no full date on either side keep year None.
    """
    ordered = sorted(spans, key=lambda s: s.start)
    full = [s for s in ordered if _is_full(s)]
    starts = [f.start for f in full]
    result = []
    for span in ordered:
        if span.year is None:
            # the last full date starting before the span, else the first starting after it
            i = bisect_left(starts, span.start)
            j = bisect_right(starts, span.start)
            anchor = full[i - 1] if i else (full[j] if j < len(full) else None)
            year = None if anchor is None else anchor.year + (span.relative or 0)
            if year is not None and _valid(year, span.month, span.day):
                span = replace(span, year=year, year_inferred=True)
        result.append(span)
    return result


def anchor_year(spans: list[DateSpan], offset: int) -> int | None:
    """Year of the nearest full date (year and month written) before ``offset``, else after:
    the year a yearless date, 截至 date or 今年/去年 at ``offset`` counts from."""
    full = [d for d in spans if d.year is not None and d.month is not None and not d.year_inferred]
    before = [d for d in full if d.start < offset]
    if before:
        return before[-1].year
    after = [d for d in full if d.start >= offset]
    return after[0].year if after else None


# --- periods ----------------------------------------------------------------------------

_MONTH = "(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_PERIOD_RE = re.compile(
    rf"(?:(?P<y>{_YEAR}){_S}年度?{_S})?"
    rf"(?:(?<![0-9零〇一二两三四五六七八九十])(?P<a>{_MONTH}){_S}(?:月份?)?{_RANGE_SEP}(?P<b>{_MONTH}){_S}月份?"
    rf"(?!{_S}[0-9]{{1,2}}{_S}[日号])"
    rf"|第?(?P<q>{'|'.join(sorted(QUARTERS, key=len, reverse=True))}))"
)


#: strings every match of _PERIOD_RE contains (see literal.requirements)
_PERIOD_NEEDS = requirements(_PERIOD_RE)


@dataclass(frozen=True)
class Period:
    """A year-to-date period at ``text[start:end]``: months '1-5', None for a full year."""

    start: int
    end: int
    text: str
    year: int | None
    months: str | None


def find_periods(text: str) -> list[Period]:
    """Month ranges (1—5月, 1月至5月), quarters (前三季度) and 上半年, with a year written
    just before them (2023年1—5月 -> 2023). 4—9月 is returned as '4-9'."""
    scan = _ascii(text)
    periods = []
    if not holds(_PERIOD_NEEDS, scan):  # no month, quarter or half year: nothing to find
        return periods
    for m in _PERIOD_RE.finditer(scan):
        if m["q"]:
            months = QUARTERS[m["q"]]
        else:
            first, last = MONTHS[m["a"]], MONTHS[m["b"]]
            if first >= last:
                continue
            months = f"{first}-{last}"
        periods.append(Period(m.start(), m.end(), text[m.start() : m.end()], _int(m["y"]), months))
    return periods


# --- relative years and as-of dates -----------------------------------------------------


def relative_year(word: str, anchor_year: int) -> int:
    """Year meant by 今年/本年/当年 (+0), 去年/上年 (-1), 前年 (-2), 明年 (+1) ..."""
    key = word.strip().removesuffix("度")
    if key not in RELATIVE_YEARS:
        raise ValueError(f"not a relative year: {word!r}")
    return anchor_year + RELATIVE_YEARS[key]


_ASOF_RE = re.compile(
    rf"(?:截至|截止)(?:到|至)?{_S}"
    rf"(?:(?P<rel>{'|'.join(sorted(RELATIVE_YEARS, key=len, reverse=True))})度?{_S})?"
)
#: 截至6月 / 截至今年6月: a month with no year and no day.
_MONTH_ONLY_RE = re.compile(rf"(?P<m>1[0-2]|0?[1-9]){_S}月(?![0-9]|{_S}[0-9])")
_YEAR_END_RE = re.compile("|".join(sorted(YEAR_END_WORDS, key=len, reverse=True)))


def parse_asof(text: str, anchor_year: int | None = None) -> str | None:
    """ISO date of a 截至 phrase: 截至2022年11月底 -> '2022-11', 截至2022年底 -> '2022-12'.

    A yearless date (截至5月底) or relative year (截至今年5月底) takes ``anchor_year``.
    Returns None for 截至目前, for a bare year (截至2022年, ambiguous) and when no year
    can be found.
    """
    m = _ASOF_RE.search(text)
    if m is None:
        return None
    rest = text[m.end() :]
    if m["rel"] is not None and (end := _YEAR_END_RE.match(rest)):  # 截至去年底
        if anchor_year is None:
            return None
        year = relative_year(m["rel"], anchor_year)
        return f"{year:04d}-{YEAR_END_WORDS[end.group()]:02d}"
    spans = _find_dates(rest)
    if (month := _MONTH_ONLY_RE.match(rest)) is not None and not (spans and spans[0].start == 0):
        spans = [DateSpan(0, month.end(), month.group(), None, int(month["m"]), None)]
    if not spans or spans[0].start != 0 or spans[0].month is None:
        return None
    span = spans[0]
    year = span.year
    if m["rel"] is not None:
        if year is not None or anchor_year is None:
            return None
        year = relative_year(m["rel"], anchor_year)
    elif year is None:
        year = anchor_year
    if year is None:
        return None
    return DateSpan(span.start, span.end, span.text, year, span.month, span.day).iso()
