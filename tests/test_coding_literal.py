"""Strings every match of a pattern must contain (the coder's prefilter)."""

from __future__ import annotations

import re

import pytest

from analysis.coding.literal import holds, requirements


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
