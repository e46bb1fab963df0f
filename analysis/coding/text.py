"""Splitting normalised text into paragraphs, sentences, segments and clauses, with offsets.

Every span is a ``(start, end)`` pair of offsets into the document's normalised text, so any
quote the coder reports can be cut back out of that text verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[。!?]+|\n+")
_SEGMENT_END = re.compile(r"[。!?;]+|\n+")
_CLAUSE_END = re.compile(r"[。!?;,:]+|\n+")


@dataclass(frozen=True)
class Span:
    """A stretch of the normalised text."""

    start: int
    end: int

    def text(self, doc: str) -> str:
        return doc[self.start : self.end]

    def __contains__(self, offset: int) -> bool:
        return self.start <= offset < self.end


def _split(text: str, start: int, end: int, boundary: re.Pattern[str]) -> list[Span]:
    spans, cursor = [], start
    for match in boundary.finditer(text, start, end):
        if match.start() > cursor:
            spans.append(Span(cursor, match.end() if match.group().strip() else match.start()))
        cursor = match.end()
    if cursor < end:
        spans.append(Span(cursor, end))
    return [s for s in spans if text[s.start : s.end].strip()]


def paragraphs(text: str) -> list[Span]:
    """Lines of the document (a paragraph is one line in normalised text)."""
    return _split(text, 0, len(text), re.compile(r"\n+"))


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences ending in 。!? or a line break."""
    return _split(text, start, len(text) if end is None else end, _SENTENCE_END)


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


def _enclosing(text: str, offset: int, boundary: re.Pattern[str]) -> Span:
    line = paragraph_around(text, offset)
    start = line.start
    for match in boundary.finditer(text, line.start, line.end):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            return Span(start, match.start())
    return Span(start, line.end)
