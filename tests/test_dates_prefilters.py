"""The shortcuts of the date search find what the plain search finds
(analysis.coding.dates)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.coding import dates
from analysis.coding.literal import holds

PIECES = st.sampled_from(
    ["2021", "2019", "1998", "12", "7", "07", "3", "0", "26.07.2017", "2023-06-25", "2021/4/7"]
    + ["年", "月", "日", "号", "底", "末", "年底", "年末", "季度", "上半年", "前三季度", " ", "\t"]
    + [".", "-", "/", "—", "至", "到", "~", "今年", "去年", "度", ",", "。", "\n", "第", "截至"]
)
texts = st.lists(PIECES, min_size=1, max_size=16).map("".join)


def _plain_matches(scan: str) -> list[tuple[int, int]]:
    """The date matches of the plain search over every character."""
    found, pos = [], 0
    while (m := dates._DATE_RE.search(scan, pos)) is not None:
        found.append(m.span())
        pos = m.end()
    return found


def _shortcut_matches(scan: str) -> list[tuple[int, int]]:
    found, pos = [], 0
    while (start := dates._DATE_START.search(scan, pos)) is not None:
        m = dates._DATE_RE.match(scan, start.start())
        if m is None:
            pos = start.start() + 1
            continue
        found.append(m.span())
        pos = m.end()
    return found


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_a_date_starts_only_where_the_start_pattern_matches(text: str) -> None:
    for p in range(len(text)):
        if dates._DATE_RE.match(text, p):
            assert dates._DATE_START.match(text, p), (text, p)
    assert _shortcut_matches(text) == _plain_matches(text)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_periods_are_looked_for_only_where_they_can_be(text: str) -> None:
    if dates._PERIOD_RE.search(text):
        assert holds(dates._PERIOD_NEEDS, text)


def test_dates_of_a_text_are_its_own_list() -> None:
    text = "2021年4月7日至15日,督察组进驻。"
    first = dates.find_dates(text)
    first.append(first[0])
    assert len(dates.find_dates(text)) == 2


CHINESE_CHARS = list("〇零一二三四五六七八九十两百年月日号底末至到— \t,。")
CHINESE = st.text(st.sampled_from(CHINESE_CHARS), max_size=40)


@settings(max_examples=1000)
@given(CHINESE)
def test_chinese_dates_are_tried_only_before_a_nian_yet_all_found(text: str) -> None:
    # the search from each 年 finds what a scan of every character finds
    found = [m.span() for m in dates._chinese_date_matches(text)]
    assert found == [m.span() for m in dates._CN_DATE_RE.finditer(text)]
