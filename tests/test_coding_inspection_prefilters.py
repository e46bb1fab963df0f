"""Per-document values and span filters of the inspection fields and dates give what the
plain searches give (analysis.coding.inspection, analysis.coding.dates, and the per-text
cache of analysis.coding.text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.codebook import default_codebook
from analysis.coding import inspection
from analysis.coding.dates import _find_dates, find_dates
from analysis.coding.text import PerText, Span, sentences

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "tests" / "fixtures" / "documents").glob("*.txt"))
CODEBOOK = default_codebook()
PATTERNS = [
    CODEBOOK.document["feedback_cue"],
    CODEBOOK.document["feedback_lead"],
    CODEBOOK.document["round"],
    CODEBOOK.document["batch"],
    inspection._ASOF,
]

PIECES = st.sampled_from(
    ["反馈", "反馈会", "督察", "督察组", "于", "在", "第二", "轮", "批", "环境保护", "截至", "截止"]
    + ["至", "到", "2021年", "4月7日", "底", "目前", "当日", ",", "。", "\n", "进驻", "向", "记者"]
)
texts = st.lists(PIECES, min_size=1, max_size=20).map("".join)


def _spans(text: str) -> list[Span]:
    found = sentences(text)
    # overlapping and out-of-order spans too, as the records pass them (passages + anchor)
    return found + found[:2] + [Span(0, len(text))]


def _check_holding(text: str) -> None:
    spans = _spans(text)
    for pattern in PATTERNS:
        kept = inspection._holding(text, pattern, spans)
        assert kept == [s for s in kept if s in spans]  # in order, a sub-list
        for span in spans:
            if pattern.search(text, span.start, span.end):
                assert span in kept


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_no_span_with_a_match_is_filtered_out(path: Path) -> None:
    _check_holding(path.read_text(encoding="utf-8"))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_no_generated_span_with_a_match_is_filtered_out(text: str) -> None:
    _check_holding(text)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_dates_once_per_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first = find_dates(text)
    first.clear()  # the caller's list is its own
    assert find_dates(text) == _find_dates(text)
    assert find_dates("2021年4月7日") == _find_dates("2021年4月7日")
    assert find_dates(text) == _find_dates(text)


def test_per_text_values_recompute_for_other_inputs() -> None:
    held = PerText(size=2)
    calls = []

    def compute(value):
        calls.append(value)
        return value

    text = "甲" * 10
    assert held.get(text, ("k", 1), lambda: compute("a")) == "a"
    assert held.get(text, ("k", 1), lambda: compute("b")) == "a"
    assert held.get(text, ("k", 2), lambda: compute("c")) == "c"
    assert held.get("乙" * 10, ("k", 2), lambda: compute("d")) == "d"
    assert calls == ["a", "c", "d"]
