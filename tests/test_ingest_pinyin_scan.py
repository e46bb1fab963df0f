"""The pinyin-debris scan finds the same brackets as its definition: a bracket of latin
letters right after a Han character (one optional space between)."""

from __future__ import annotations

import importlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

nz = importlib.import_module("analysis.ingest.normalize")  # the package exports the function

#: The definition, written as one pattern with a lookbehind.
DEFINITION = re.compile(
    rf"(?<=[{nz._HAN}]) ?\((?P<latin>[A-Za-z{nz._TONED}][A-Za-z{nz._TONED}1-5' -]{{0,59}})\)"
)


def _by_definition(text: str) -> str:
    parts, last = [], 0
    for match in DEFINITION.finditer(text):
        start = match.start()
        han = nz._HAN_TAIL.search(text, max(0, start - 8), start)
        if han and nz._spells(han[0], match["latin"]):
            parts.append(text[last:start])
            last = match.end()
    parts.append(text[last:])
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["整", "改", "督察", " ", "(", ")", "zheng", "gai", "du cha",
                                 "a", "1", "(AQI)", "x (", ",", "ǎ"]), max_size=14))
def test_scan_agrees_with_the_definition(pieces):
    text = "".join(pieces)
    assert nz._remove_pinyin_once(text) == _by_definition(text)


def test_own_examples():
    assert nz._remove_pinyin_once("整(zhěng)改(gǎi)") == "整改"
    assert nz._remove_pinyin_once("督察 (du cha)要求") == "督察要求"
    assert nz._remove_pinyin_once("a (du cha)") == "a (du cha)"
    assert nz._remove_pinyin_once("空气质量(AQI)") == "空气质量(AQI)"
