"""Spans of the normalised text: paragraphs, sentences, and the segment, clause and sentence
around an offset, against a plain character-by-character reading of their definitions."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.coding.text import (
    PerText,
    Span,
    clause_around,
    may_hold_number,
    paragraph_around,
    paragraphs,
    segment_around,
    sentence_around,
    sentences,
)

#: Characters that matter to the spans, and a few that do not.
ALPHABET = "。!?;,:\n 甲乙12a"
ENDS = {clause_around: "。!?;,:", segment_around: "。!?;", sentence_around: "。!?"}


def _reference(text: str, offset: int, marks: str) -> Span:
    """Walk left to the last mark or line break before ``offset``, right to the first at or
    after it."""
    start = offset
    while start > 0 and text[start - 1] not in marks + "\n":
        start -= 1
    end = offset
    while end < len(text) and text[end] not in marks + "\n":
        end += 1
    return Span(start, end)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.data())
def test_spans_around_an_offset_follow_their_definition(text, data):
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    for around, marks in ENDS.items():
        assert around(text, offset) == _reference(text, offset, marks), (around, text, offset)
    assert paragraph_around(text, offset) == _reference(text, offset, "")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=2, max_size=4))
def test_answers_stay_right_when_texts_alternate(texts):
    """Several documents in turn (equal ones too): each answer is the one for its own text."""
    for _ in range(2):
        for text in texts:
            copy = "".join(list(text))  # an equal text that is another object
            for t in (text, copy):
                assert sentence_around(t, len(t) // 2) == _reference(t, len(t) // 2, "。!?")
                assert [s.text(t) for s in sentences(t)] == [s.text(text) for s in sentences(text)]


def test_sentences_and_paragraphs_of_own_text():
    text = "甲市召开会议。会议要求:抓好整改!\n\n乙县完成12项任务;另有3项推进中\n"
    assert [s.text(text) for s in sentences(text)] == [
        "甲市召开会议。", "会议要求:抓好整改!", "乙县完成12项任务;另有3项推进中"
    ]
    assert [p.text(text) for p in paragraphs(text)] == [
        "甲市召开会议。会议要求:抓好整改!", "乙县完成12项任务;另有3项推进中"
    ]
    assert sentences(text) is not sentences(text)  # callers get their own list
    first = sentences(text, 0, 7)
    assert [s.text(text) for s in first] == ["甲市召开会议。"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0９一十万项件人a。", max_size=20))
def test_may_hold_number_is_a_digit_or_a_numeral_with_a_unit(text):
    plain = re.compile(r"[0-9０-９]|[零〇一二两三四五六七八九十百千万][项个件人名条宗类批处家]")
    assert may_hold_number(text) == (plain.search(text) is not None)


def test_per_text_keeps_each_texts_values_apart_and_bounded():
    """Values are told apart by text identity, survive switching between texts, and the
    least recently used text is dropped beyond ``size``."""
    cache = PerText(size=2)
    a, b, c = "甲" * 30, "乙" * 30, "丙" * 30
    calls: list[str] = []

    def compute(name: str):
        return lambda: calls.append(name) or name

    for text, name in ((a, "a"), (b, "b"), (a, "a"), (a, "a"), (b, "b")):
        assert cache.get(text, "k", compute(name)) == name
    assert calls == ["a", "b"]  # each computed once
    cache.get(c, "k", compute("c"))  # a is the least recently used: dropped
    cache.get(b, "k", compute("b"))
    cache.get(a, "k", compute("a"))
    assert calls == ["a", "b", "c", "a"]
    same = "".join(["甲"] * 30)  # equal to a, but another object: its own values
    assert same == a and same is not a
    cache.get(same, "k", compute("same"))
    assert calls[-1] == "same"


def test_span_look_ups_give_spans() -> None:
    text = "甲,乙;丙。\n丁"
    for around in (clause_around, segment_around, paragraph_around):
        found = around(text, 2)
        assert type(found) is Span and found.start <= 2 < found.end
    assert clause_around(text, 2) == Span(2, 3) and paragraph_around(text, 7) == Span(7, 8)
