"""Strings every match of a pattern must contain (the coder's prefilter)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.coding.literal import (
    Vocabulary,
    first_chars,
    holds,
    requirements,
    where_found,
    with_fast_start,
    with_first_chars,
    words,
)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("(?P<names>[^,。\n]{2,60}?)(?:年均值|平均)?(?:浓度|值)?分别(?:为|是)?", (("分别",),)),
        ("ab|cd", (("ab", "cd"),)),
        (r"(?:共)?(\d+)个问题", (("个问题",),)),
        (r"(?:共计|共有|共)(\d+)(?:项|个|条)", (("共",), ("个", "条", "项"))),
        ("x(?:abc)+y", (("abc",), ("x",), ("y",))),
        ("(?:abc)*y", (("y",),)),
        ("(?:x|[ab])c", (("c",), ("a", "b", "x"))),
        ("(?:x|)c", (("c",),)),
        ("(?!分别)x(?=yz)", (("x",),)),
        ("(?i:pm)2", (("2",),)),
        ("(?i)abc", ()),
        ("[^ab]", ()),
        (r"\d+", ()),
    ],
)
def test_requirements(pattern: str, expected: tuple) -> None:
    assert requirements(re.compile(pattern)) == expected


def test_holds() -> None:
    needs = (("共",), ("个", "项"))
    assert holds(needs, "共有12项")
    assert not holds(needs, "共有12件")
    assert not holds(needs, "12项")
    assert holds((), "")


def test_keeps_the_most_selective() -> None:
    assert requirements(re.compile("a(?:x|y)bcd(?:p|qq)"), keep=2) == (("bcd",), ("a",))


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("ab|cd", "[ac]"),
        ("(?<!x)(?=y)[yz]+", "[yz]"),
        (r"(?:共)?\d+", r"[共\d]"),
        ("(?P<a>x?y)|z*w", "[xyzw]"),
        ("(?:x|)c", "[xc]"),
        ("a?", None),
        ("[^ab]c", None),
        (".c", None),
        ("(?i:p)m", None),
        ("(?i)pm", None),
    ],
)
def test_first_chars(pattern: str, expected: str | None) -> None:
    found = first_chars(re.compile(pattern))
    if expected is None:
        assert found is None
    else:
        assert re.fullmatch(r"\[.*\]", found)
        chars = "abcdwxyz共0١"
        assert {c for c in chars if re.fullmatch(found, c)} == {
            c for c in chars if re.fullmatch(expected, c)
        }


_PIECES = st.sampled_from(
    ["a", "b", "第", "批", "x?", "(?:a|b)", "(?<!a)", "(?=b)", "[ab]", r"\d", r"\d{1,2}", "c*",
     "(a|)", "(?:ab)+", "[^a]", "."]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_PIECES, min_size=1, max_size=4), min_size=1, max_size=4),
    st.text(alphabet="ab第批c1x2 ", max_size=40),
)
def test_with_first_chars_finds_the_same_matches(alternatives, text) -> None:
    pattern = re.compile("|".join(f"(?P<s{i}>{''.join(a)})" for i, a in enumerate(alternatives)))
    faster = with_first_chars(pattern)
    assert [(m.span(), m.lastgroup) for m in faster.finditer(text)] == [
        (m.span(), m.lastgroup) for m in pattern.finditer(text)
    ]
    assert [(m.span(), m.lastgroup) for m in faster.finditer(text, 3, 30)] == [
        (m.span(), m.lastgroup) for m in pattern.finditer(text, 3, 30)
    ]


def test_where_found_keeps_a_pattern_referring_to_its_groups() -> None:
    pattern = re.compile("a(?P<x>b)?(?(x)c|d)")
    assert where_found(pattern) is pattern


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_PIECES, min_size=1, max_size=4), min_size=1, max_size=3),
    st.text(alphabet="ab第批c1x2 \n", max_size=40),
)
def test_where_found_finds_where_the_pattern_does(alternatives, text) -> None:
    pattern = re.compile("|".join(f"(?:{''.join(a)})" for a in alternatives))
    found = where_found(pattern)
    assert (found.search(text) is None) == (pattern.search(text) is None)
    assert (found.search(text, 3, 30) is None) == (pattern.search(text, 3, 30) is None)
    if found is not pattern:
        starts = {m.start() for m in found.finditer(text)}
        assert starts == {i for i in range(len(text) + 1) if pattern.match(text, i)}


@pytest.mark.parametrize(
    ("pattern", "wrapped"),
    [
        ("(?<![需须])(?P<value>[0-9]+)项", True),
        ("(?:(?:群众|环境)信访|举报)件", True),
        ("督察(?:组)?", False),  # a literal prefix: the engine skips to it
        ("(?:交办|转办)件", False),  # a branch of literals
        ("(?P<v>(?=[0-9])[0-9]+)项", False),  # a lookahead on the first character already
        ("[0-9]项", False),
        ("[0-9]+项", True),  # a repeat: tried in full at every position
        ("(?i)(?<!a)b", False),  # flags: no first characters known
        ("(?<!a).b", False),
    ],
)
def test_with_fast_start(pattern: str, wrapped: bool) -> None:
    compiled = re.compile(pattern)
    assert (with_fast_start(compiled) is not compiled) == wrapped


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_PIECES, min_size=1, max_size=4), min_size=1, max_size=3),
    st.sampled_from(["", "(?<!a)", "(?<![ab])", "(?<!第)(?<!批)"]),
    st.text(alphabet="ab第批c1x2 ", max_size=40),
)
def test_with_fast_start_finds_the_same_matches(alternatives, lead, text) -> None:
    pattern = re.compile(
        lead + "(?:" + "|".join(f"(?P<s{i}>{''.join(a)})" for i, a in enumerate(alternatives)) + ")"
    )
    faster = with_fast_start(pattern)
    assert [(m.span(), m.lastgroup) for m in faster.finditer(text)] == [
        (m.span(), m.lastgroup) for m in pattern.finditer(text)
    ]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("任务|问题", ("任务", "问题")),
        ("办结|办理完毕", ("办理完毕", "办结")),
        ("(?:a|b)c[xy]", ("acx", "acy", "bcx", "bcy")),
        ("a+", None),
        ("a|", None),
        ("[a-c]", None),
        ("[^a]", None),
        ("(?i:pm)", None),
        ("(?=a)a", None),
        (r"\d件", None),
    ],
)
def test_words(pattern: str, expected: tuple | None) -> None:
    assert words(re.compile(pattern)) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab问题c", min_size=1, max_size=4), max_size=12),
    st.text(alphabet="ab问题cx", max_size=30),
)
def test_vocabulary_mask_is_the_strings_held(strings, text) -> None:
    vocabulary = Vocabulary(strings)
    assert vocabulary.mask(text) == vocabulary.mask_of(s for s in vocabulary.strings if s in text)
