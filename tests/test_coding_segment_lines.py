"""segment.lines_within: the lines of a stretch, as paragraphs() of the stretch gives them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.coding.segment import lines_within
from analysis.coding.text import Span, paragraphs


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=" \t\n\u3000a。督察", max_size=40),
    cuts=st.lists(st.integers(min_value=0, max_value=45), min_size=2, max_size=2),
)
def test_lines_within_match_paragraphs_of_the_stretch(text, cuts):
    start, end = sorted(min(c, len(text)) for c in cuts)
    expected = [Span(start + s.start, start + s.end) for s in paragraphs(text[start:end])]
    assert lines_within(text, start, end) == expected
