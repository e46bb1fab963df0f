"""The quick tests of the jurisdiction and segmentation code give what the full ones give: a
menu line rejected by its kept characters has too long a residue, the place names of many
lines are those of each line, and the lines of a stretch found by bisection are those a pass
over every line keeps (analysis.coding.jurisdiction)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.codebook import default_codebook
from analysis.coding.jurisdiction import (
    _SEPARATORS,
    MENU_MAX_RESIDUE,
    _holds_more,
    _kept_chars,
    overlapping,
    place_index,
    starting_within,
)
from analysis.coding.text import paragraphs

CODEBOOK = default_codebook()
WORDS = CODEBOOK.document["jur_menu_words"]

#: pieces of generated lines: place names, menu words, separators and other text
PIECES = st.sampled_from(
    ["广州市", "深圳", "河南省", "郑州市", "长宁区", "青浦", "首页", "当前位置", "您的位置", "返回"]
    + ["网站首页", "主页", ">", "»", " ", "、", ",", "|", "/", "(", ")", "【", "】", "-", "\n"]
    + ["当前", "位置", "首", "页", "的", "在", "整改", "情况", "督察", "。", "2023", "a"]
)
lines = st.lists(PIECES, min_size=0, max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(lines)
def test_kept_characters_never_reject_a_short_residue(line: str) -> None:
    kept = _kept_chars(WORDS)
    assert kept is not None
    places = place_index(line).within(0, len(line))
    gaps = list(
        zip([0] + [m.end for m in places], [m.start for m in places] + [len(line)], strict=True)
    )
    residue = _SEPARATORS.sub("", WORDS.sub("", "".join(line[a:b] for a, b in gaps)))
    if _holds_more(line, gaps, kept, MENU_MAX_RESIDUE):
        assert len(residue) > MENU_MAX_RESIDUE


@settings(max_examples=200, deadline=None)
@given(lines, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6))
def test_place_names_of_many_stretches_are_each_ones(text: str, spans) -> None:
    index = place_index(text)
    for county in (False, True):
        each = index.within_each(spans, county_aliases=county)
        assert each == [index.within(a, b, county_aliases=county) for a, b in spans]


@settings(max_examples=300, deadline=None)
@given(lines, st.integers(-2, 70), st.integers(-2, 70))
def test_lines_by_bisection_are_those_a_pass_keeps(text: str, start: int, end: int) -> None:
    found = paragraphs(text)
    assert overlapping(found, start, end) == [
        line for line in found if not (line.end <= start or line.start >= end)
    ]
    assert starting_within(found, start, end) == [
        line for line in found if start <= line.start < end
    ]
