"""Splitting normalised text into paragraphs, sentences, segments and clauses, with offsets.

Every span is a ``(start, end)`` pair of offsets into the document's normalised text, so any
quote the coder reports can be cut back out of that text verbatim.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_LINE = re.compile(r"[^\n]*\S[^\n]*")
_SENTENCE = re.compile(r"[^。!?\n]*[^\s。!?][^。!?\n]*[。!?]*")
#: Characters that end a sentence, a segment (up to ';') and a clause (up to ','); a line
#: break ends all three.
_SENTENCE_END = "。!?"
_SEGMENT_END = "。!?;"
_CLAUSE_END = "。!?;,:"


#: A cheap test that a passage can hold a count or value at all: an Arabic digit, or a Chinese
#: numeral followed by a counting unit. Passages without one are skipped by the rules.
_MAY_HOLD_NUMBER = re.compile(
    r"[0-9０-９]|[零〇一二两三四五六七八九十百千万][项个件人名条宗类批处家]"
)


def may_hold_number(passage: str) -> bool:
    """False when no rule of the codebook can match ``passage`` (it states no number)."""
    return _MAY_HOLD_NUMBER.search(passage) is not None


class Span(NamedTuple):
    """A stretch of the normalised text."""

    start: int
    end: int

    def text(self, doc: str) -> str:
        return doc[self.start : self.end]

    def __contains__(self, offset: int) -> bool:
        return self.start <= offset < self.end


def _spans(text: str, start: int, end: int, content: re.Pattern[str]) -> list[Span]:
    return [Span(*m.span()) for m in content.finditer(text, start, end)]


def paragraphs(text: str) -> list[Span]:
    """Lines of the document that hold more than white space (a paragraph is one line)."""
    return _spans(text, 0, len(text), _LINE)


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences ending in 。!? (included) or a line break (not included)."""
    return _spans(text, start, len(text) if end is None else end, _SENTENCE)


def segment_around(text: str, offset: int) -> Span:
    """The ';'-delimited part of the sentence holding ``offset``."""
    return _enclosing(text, offset, _SEGMENT_END)


def clause_around(text: str, offset: int) -> Span:
    """The comma-delimited clause holding ``offset``."""
    return _enclosing(text, offset, _CLAUSE_END)


def sentence_around(text: str, offset: int) -> Span:
    """The sentence holding ``offset``."""
    return _enclosing(text, offset, _SENTENCE_END)


def paragraph_around(text: str, offset: int) -> Span:
    """The line holding ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return Span(start, len(text) if end < 0 else end)


def _enclosing(text: str, offset: int, marks: str) -> Span:
    """From just after the last mark before ``offset`` to the first mark at or after it,
    within the line (str.rfind/find per mark: no scan from the line start)."""
    line = paragraph_around(text, offset)
    before = max(text.rfind(mark, line.start, offset) for mark in marks)
    after = [i for i in (text.find(mark, offset, line.end) for mark in marks) if i >= 0]
    return Span(line.start if before < 0 else before + 1, min(after) if after else line.end)
