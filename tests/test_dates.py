"""Dates, periods and as-of phrases (analysis.coding.dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis.coding.dates import (
    DateSpan,
    find_dates,
    find_periods,
    parse_asof,
    relative_year,
    with_years,
)

EXAMPLES = 500  # hypothesis examples per property


def isos(text: str) -> list[str | None]:
    return [span.iso() for span in with_years(find_dates(text))]


def texts(text: str) -> list[str]:
    return [span.text for span in find_dates(text)]


# --- find_dates: forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found", "iso"),
    [
        ("2021年4月7日", "2021年4月7日", "2021-04-07"),
        ("2021年4月", "2021年4月", "2021-04"),
        ("2021年", "2021年", "2021"),
        ("2021-04-07", "2021-04-07", "2021-04-07"),
        ("2021-4-7", "2021-4-7", "2021-04-07"),
        ("2021.4.7", "2021.4.7", "2021-04-07"),
        ("2021/4/7", "2021/4/7", "2021-04-07"),
        ("发布日期:2023-06-25 15:38:38", "2023-06-25", "2023-06-25"),
        ("截至2022年11月底", "2022年11月底", "2022-11"),
        ("截至2022年底", "2022年底", "2022-12"),
        ("2022年末", "2022年末", "2022-12"),
        ("2021年年底前已完成", "2021年年底", "2021-12"),
        ("２０２１年４月７日", "２０２１年４月７日", "2021-04-07"),
        ("2021 年 4 月 7 日", "2021 年 4 月 7 日", "2021-04-07"),
        ("2021年4月7号", "2021年4月7号", "2021-04-07"),
    ],
)
def test_single_forms(text: str, found: str, iso: str) -> None:
    spans = find_dates(text)
    assert [s.text for s in spans] == [found]
    assert spans[0].iso() == iso
    assert text[spans[0].start : spans[0].end] == found


def test_month_day_without_year() -> None:
    spans = find_dates("于7月20日反馈")
    assert [(s.text, s.year, s.month, s.day) for s in spans] == [("7月20日", None, 7, 20)]
    assert spans[0].iso() is None
    assert (spans[0].start, spans[0].end) == (1, 6)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2021年4月7日至5月7日", ["2021年4月7日", "5月7日"]),
        ("4月7日—5月7日", ["4月7日", "5月7日"]),
        ("2021年4月7日至15日", ["2021年4月7日", "15日"]),
        ("督察组于2021年4月至5月对我省", ["2021年4月", "5月"]),
    ],
)
def test_ranges(text: str, found: list[str]) -> None:
    assert texts(text) == found


def test_day_only_range_end_shares_month() -> None:
    assert isos("2021年4月7日至15日") == ["2021-04-07", "2021-04-15"]
    assert isos("督察组于2021年4月至5月对我省") == ["2021-04", "2021-05"]


@pytest.mark.parametrize(
    "text",
    [
        "共3968件",
        "2021",
        "1—5月",
        "1-9月",
        "1至11月,完成",
        "3—5个月",
        "2月30日",
        "2021年13月",
        "PM2.5浓度38",
        "第1-5月份",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_period_year_is_not_a_full_date() -> None:
    # 2023年 is a year mention; 1—5月 is a period, not a month date
    assert [(s.text, s.month) for s in find_dates("2023年1—5月,我市")] == [("2023年", None)]


# --- with_years: corpus sentences -----------------------------------------------------------


def test_corpus_central_inspection() -> None:
    text = "2021年8月27日至9月27日,中央第四生态环境保护督察组进驻我省…并于2021年12月13日反馈"
    assert isos(text) == ["2021-08-27", "2021-09-27", "2021-12-13"]


def test_corpus_across_years() -> None:
    assert isos("2021年12月29日至2022年3月9日") == ["2021-12-29", "2022-03-09"]


def test_corpus_feedback_takes_year_before() -> None:
    text = "2021年5月8日至6月6日,省生态环境保护督察组…7月29日,督察组向市委、市政府反馈"
    assert isos(text) == ["2021-05-08", "2021-06-06", "2021-07-29"]
    filled = with_years(find_dates(text))
    assert [s.year_inferred for s in filled] == [False, True, True]


def test_codebook_example() -> None:
    assert isos("2021年4月7日至5月7日…于7月20日反馈")[-1] == "2021-07-20"


def test_yearless_before_any_full_date_takes_year_after() -> None:
    assert isos("7月20日反馈。2022年4月7日至5月7日进驻") == [
        "2022-07-20",
        "2022-04-07",
        "2022-05-07",
    ]


def test_nearest_full_date_before_wins() -> None:
    text = "2021年4月7日进驻,2022年3月1日公开,6月30日前完成"
    assert isos(text)[-1] == "2022-06-30"


def test_before_beats_after() -> None:
    text = "2021年4月7日至5月7日进驻,7月20日反馈。截至2022年11月底,已完成"
    assert isos(text) == ["2021-04-07", "2021-05-07", "2021-07-20", "2022-11"]


def test_year_only_is_not_an_anchor() -> None:
    # 2016年 names a year, not a date; the anchor is the full date after it
    assert isos("确保2016年问题整改,7月20日反馈,2021年7月1日")[1] == "2021-07-20"


def test_no_full_date_keeps_none() -> None:
    spans = with_years(find_dates("4月7日—5月7日"))
    assert [s.year for s in spans] == [None, None]


# --- find_dates: properties -----------------------------------------------------------------

_DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))
_FORMATS = [
    "{y}年{m}月{d}日",
    "{y}-{m:02d}-{d:02d}",
    "{y}-{m}-{d}",
    "{y}.{m}.{d}",
    "{y}/{m}/{d}",
]
_PREFIXES = ["", "于", "发布日期:", "截至", "督察组于", "。"]
_SUFFIXES = ["", "反馈", ",督察组进驻", "前", " 15:38:38", "。"]


@settings(max_examples=EXAMPLES)
@given(
    _DATES,
    st.sampled_from(_FORMATS),
    st.sampled_from(_PREFIXES),
    st.sampled_from(_SUFFIXES),
)
def test_full_dates_round_trip(date: dt.date, fmt: str, prefix: str, suffix: str) -> None:
    rendered = fmt.format(y=date.year, m=date.month, d=date.day)
    spans = find_dates(prefix + rendered + suffix)
    assert len(spans) == 1
    assert spans[0].iso() == date.isoformat()
    assert (spans[0].start, spans[0].text) == (len(prefix), rendered)


@settings(max_examples=EXAMPLES)
@given(_DATES, st.integers(0, 90), st.sampled_from(["至", "—", "-", "到"]))
def test_range_round_trip(start: dt.date, days: int, sep: str) -> None:
    end = start + dt.timedelta(days=days)
    assume(end.year == start.year)
    text = f"{start.year}年{start.month}月{start.day}日{sep}{end.month}月{end.day}日进驻"
    assert isos(text) == [start.isoformat(), end.isoformat()]


@settings(max_examples=EXAMPLES)
@given(st.text())
def test_find_dates_never_raises(text: str) -> None:
    for span in find_dates(text):
        assert text[span.start : span.end] == span.text
    for period in find_periods(text):
        assert text[period.start : period.end] == period.text
    parse_asof(text, anchor_year=2023)


# --- periods --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found", "year", "months"),
    [
        ("2023年1—5月,我市空气质量优良率为98%", "2023年1—5月", 2023, "1-5"),
        ("2022年1至11月", "2022年1至11月", 2022, "1-11"),
        ("1-9月", "1-9月", None, "1-9"),
        ("1～10月", "1～10月", None, "1-10"),
        ("1~10月", "1~10月", None, "1-10"),
        ("1到9月", "1到9月", None, "1-9"),
        ("1月至5月", "1月至5月", None, "1-5"),
        ("1—5月份", "1—5月份", None, "1-5"),
        ("前三季度", "前三季度", None, "1-9"),
        ("2023年前三季度", "2023年前三季度", 2023, "1-9"),
        ("一季度", "一季度", None, "1-3"),
        ("2022年第一季度", "2022年第一季度", 2022, "1-3"),
        ("上半年", "上半年", None, "1-6"),
        ("2023年上半年", "2023年上半年", 2023, "1-6"),
        ("4—9月", "4—9月", None, "4-9"),
        ("今年一至五月", "一至五月", None, "1-5"),
        ("2022年和2023年1—4月", "2023年1—4月", 2023, "1-4"),
    ],
)
def test_periods(text: str, found: str, year: int | None, months: str) -> None:
    periods = find_periods(text)
    assert [(p.text, p.year, p.months) for p in periods] == [(found, year, months)]


@pytest.mark.parametrize(
    "text", ["2021年4月7日至5月7日", "4月7日—5月7日", "3—5个月", "2019-2021年", "12—2月"]
)
def test_not_periods(text: str) -> None:
    assert find_periods(text) == []


@settings(max_examples=EXAMPLES)
@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.sampled_from(["—", "-", "至", "到", "~", "～", "月至"]),
    st.sampled_from(["", "2022年", "2023年"]),
)
def test_period_round_trip(a: int, b: int, sep: str, year: str) -> None:
    first, last = sorted((a, b))
    text = f"{year}{first}{sep}{last}月,全市"
    periods = find_periods(text)
    if first == last:
        assert periods == []
    else:
        assert [(p.year, p.months) for p in periods] == [
            (int(year[:4]) if year else None, f"{first}-{last}")
        ]


# --- relative years and as-of -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "year"),
    [("今年", 2023), ("本年", 2023), ("当年", 2023), ("去年", 2022), ("上年", 2022),
     ("上年度", 2022), ("前年", 2021), ("明年", 2024)],
)  # fmt: skip
def test_relative_year(word: str, year: int) -> None:
    assert relative_year(word, 2023) == year


def test_relative_year_rejects() -> None:
    with pytest.raises(ValueError):
        relative_year("往年", 2023)


@pytest.mark.parametrize(
    ("text", "anchor", "iso"),
    [
        ("截至2022年11月底", None, "2022-11"),
        ("截至2022年底", None, "2022-12"),
        ("截至2023年1月底", None, "2023-01"),
        ("截至2022年12月31日", None, "2022-12-31"),
        ("截至2023年5月底,我市17项整改任务已完成4项", None, "2023-05"),
        ("截止到2022年12月", None, "2022-12"),
        ("截至目前", 2023, None),
        ("截至目前为止", 2023, None),
        ("截至5月底", None, None),
        ("截至5月底", 2023, "2023-05"),
        ("截至今年5月底", 2023, "2023-05"),
        ("截至去年底", 2023, "2022-12"),
        ("截至今年年底", 2023, "2023-12"),
        ("截至去年底", None, None),
        ("截至2022年11月底", 2030, "2022-11"),  # a written year wins over the anchor
        ("截至今年6月", 2023, "2023-06"),
        ("截至6月,已完成", 2023, "2023-06"),
        ("截至6月", None, None),
        ("截至去年12月", 2023, "2022-12"),
    ],
)
def test_parse_asof(text: str, anchor: int | None, iso: str | None) -> None:
    assert parse_asof(text, anchor_year=anchor) == iso


def test_datespan_iso() -> None:
    assert DateSpan(0, 4, "x", 2021, None, None).iso() == "2021"
    assert DateSpan(0, 4, "x", 2021, 4, None).iso() == "2021-04"
    assert DateSpan(0, 4, "x", 2021, 4, 7).iso() == "2021-04-07"
    assert DateSpan(0, 4, "x", None, 4, 7).iso() is None


# --- relative years before a month and day (今年/去年 + M月D日) -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年6月18日发布。今年4月2日起开展督察。", ["2024-06-18", "2024-04-02"]),
        ("2019年3月8日,去年11月3日召开反馈会。", ["2019-03-08", "2018-11-03"]),
        ("去年12月5日召开会议。2020年1月9日印发。", ["2019-12-05", "2020-01-09"]),
        ("2023年1月2日讯,本年度5月底前完成。", ["2023-01-02", "2023-05"]),
        ("今年3月1日的安排", [None]),  # no full date anywhere: no year
    ],
)
def test_relative_year_dates(text: str, expected: list[str | None]) -> None:
    assert isos(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年2月1日。去年9月1日至10月1日进驻。", ["2022-02-01", "2021-09-01", "2021-10-01"]),
        ("2022年2月1日。去年9月1日—30日进驻。", ["2022-02-01", "2021-09-01", "2021-09-30"]),
        ("2024年6月18日。今年4月2日到5月2日进驻。", ["2024-06-18", "2024-04-02", "2024-05-02"]),
    ],
)
def test_range_opened_by_a_relative_date_keeps_its_year(
    text: str, expected: list[str | None]
) -> None:
    assert isos(text) == expected


def test_relative_date_is_not_an_anchor_for_others() -> None:
    # 5月6日 takes the year of the written full date, not of 去年3月1日
    assert isos("2021年1月1日。去年3月1日开会,5月6日复查。") == [
        "2021-01-01",
        "2020-03-01",
        "2021-05-06",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03.08.2016  18:37", ["2016-08-03"]),
        ("发布:26.07.2017", ["2017-07-26"]),
        ("32.01.2020", []),  # no such day
        ("1.08.2016", []),  # a page stamp writes two digits
    ],
)
def test_page_stamp_day_first(text: str, expected: list[str]) -> None:
    assert isos(text) == expected


# --- dates in Chinese numerals ----------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"


def _cn_positional(number: int) -> str:
    """二〇二一: a year written digit by digit."""
    return "".join(_CN_DIGITS[int(c)] for c in str(number))


def _cn(number: int) -> str:
    """十, 十二, 二十五, 三十一: a month or day in Chinese numerals."""
    tens, units = divmod(number, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")) + (
        _CN_DIGITS[units] if units else ""
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇二一年九月六日至十月六日,省第四督察组进驻", ["2021-09-06", "2021-10-06"]),
        ("二〇一七年八月七日—九月七日", ["2017-08-07", "2017-09-07"]),
        ("二〇二三年六月二十五日", ["2023-06-25"]),
        ("二〇二二年十二月三十一日前完成", ["2022-12-31"]),
        ("截至二〇二二年十月底", ["2022-10"]),
        ("二〇二二年底前完成", ["2022-12"]),
        ("二〇二一年九月六日至十五日", ["2021-09-06", "2021-09-15"]),
        ("一九九八年", ["1998"]),
        ("二〇二一年二月三十日", []),  # no such day
        ("第二〇二一年", ["2021"]),  # a year in Chinese digits is read wherever it stands
        ("三十二〇二一年", []),  # part of a longer numeral: not a year
    ],
)
def test_chinese_numeral_dates(text: str, expected: list[str]) -> None:
    assert isos(text) == expected


@settings(max_examples=EXAMPLES)
@given(_DATES, st.integers(0, 90), st.sampled_from(_PREFIXES), st.sampled_from(["至", "—"]))
def test_chinese_numeral_range_round_trip(start: dt.date, days: int, prefix: str, sep: str) -> None:
    end = start + dt.timedelta(days=days)
    assume(end.year == start.year)
    first = f"{_cn_positional(start.year)}年{_cn(start.month)}月{_cn(start.day)}日"
    text = f"{prefix}{first}{sep}{_cn(end.month)}月{_cn(end.day)}日进驻"
    spans = with_years(find_dates(text))
    assert [s.iso() for s in spans] == [start.isoformat(), end.isoformat()]
    assert (spans[0].start, spans[0].text) == (len(prefix), first)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("于2021.8.26—9.26对我市开展督察", ["2021-08-26", "2021-09-26"]),
        ("2021-08-26至09-26进驻", ["2021-08-26", "2021-09-26"]),
        ("2022/4/6~5/6", ["2022-04-06", "2022-05-06"]),
        ("2021.8.26,9.26", ["2021-08-26"]),  # no range mark: 9.26 is a number
        ("2021.8.26—9.3.5", ["2021-08-26"]),  # not a month and day
        ("2021.8.26—13.26", ["2021-08-26"]),  # no such month
    ],
)
def test_numeric_range_end_written_like_its_start(text: str, expected: list[str]) -> None:
    assert isos(text) == expected


@settings(max_examples=EXAMPLES)
@given(_DATES, st.integers(0, 90), st.sampled_from(["-", ".", "/"]), st.sampled_from(["—", "至"]))
def test_numeric_range_round_trip(start: dt.date, days: int, sep: str, dash: str) -> None:
    end = start + dt.timedelta(days=days)
    assume(end.year == start.year)
    opening = f"{start.year}{sep}{start.month}{sep}{start.day}"
    text = f"督察组于{opening}{dash}{end.month}{sep}{end.day}进驻"
    assert isos(text) == [start.isoformat(), end.isoformat()]
