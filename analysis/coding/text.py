"""Splitting normalised text into paragraphs, sentences, segments and clauses, with offsets.

Every span is a ``(start, end)`` pair of offsets into the document's normalised text, so any
quote the coder reports can be cut back out of that text verbatim.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from analysis.ingest.normalize import code_points

_LINE = re.compile(r"[^\n]*\S[^\n]*")
_SENTENCE = re.compile(r"[^。!?\n]*[^\s。!?][^。!?\n]*[。!?]*")
#: Characters that end a sentence, a segment (up to ';') and a clause (up to ','); a line
#: break ends all three.
_SENTENCE_END = "。!?"
_SEGMENT_END = "。!?;"
_CLAUSE_END = "。!?;,:"


#: A cheap test that a passage can hold a count or value at all: an Arabic digit, or a Chinese
#: numeral followed by a counting unit. Passages without one are skipped by the rules.
#: (Written as one class of first characters, so that the regex engine skips the others.)
_MAY_HOLD_NUMBER = re.compile(
    r"[0-9０-９零〇一二两三四五六七八九十百千万]"
    r"(?:(?<=[0-9０-９])|(?=[项个件人名条宗类批处家]))"
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


class PerText:
    """Values computed from a document's text, kept for the texts used most recently (short
    pieces of a document must not push the document's own values out). Texts are told apart
    by identity (no hashing of long strings), and memory stays bounded by ``size``."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self.texts: OrderedDict[int, tuple[str, dict[Any, Any]]] = OrderedDict()
        #: the text used last and its values (most look-ups are of the same text in a row)
        self._last: tuple[str, dict[Any, Any]] = ("", {})

    def values(self, text: str) -> dict[Any, Any]:
        """The values kept for ``text`` (a new, empty dict for a text not among them)."""
        last = self._last
        if last[0] is text:
            return last[1]
        entry = self.texts.get(id(text))
        if entry is None or entry[0] is not text:
            entry = self.texts[id(text)] = (text, {})
            if len(self.texts) > self.size:
                self.texts.popitem(last=False)
        else:
            self.texts.move_to_end(id(text))
        self._last = entry
        return entry[1]

    def get(self, text: str, key: Any, compute: Callable[[], Any]) -> Any:
        values = self.values(text)
        if key not in values:
            values[key] = compute()
        return values[key]


_PER_TEXT = PerText()
#: Builds a Span from a pair without the Python-level ``Span.__new__`` (span look-ups run
#: tens of thousands of times per document).
_span = partial(tuple.__new__, Span)


def _spans(text: str, start: int, end: int, content: re.Pattern[str]) -> list[Span]:
    values = _PER_TEXT.values(text)
    key = (start, end, content)
    found = values.get(key)
    if found is None:
        found = values[key] = tuple(
            map(_span, map(re.Match.span, content.finditer(text, start, end)))
        )
    return list(found)


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
    return _span((start, len(text) if end < 0 else end))


def _enclosing(text: str, offset: int, marks: str) -> Span:
    """From just after the last mark (or line break) before ``offset`` to the first one at or
    after it: a binary search in the document's mark positions, found once per text."""
    values = _PER_TEXT.values(text)
    positions = values.get(marks)
    if positions is None:
        positions = values[marks] = _marks(text, marks)
    i = bisect_left(positions, offset)
    start = positions[i - 1] + 1 if i else 0
    return _span((start, positions[i] if i < len(positions) else len(text)))


def _marks(text: str, marks: str) -> tuple[int, ...]:
    """Offsets of every character of ``marks`` and every line break in ``text``: the text's
    code points (found once per text) compared with each mark, all at once."""
    values = _PER_TEXT.values(text)
    codes = values.get("code points")
    if codes is None:
        codes = values["code points"] = code_points(text)
    found = codes == 10  # the line break
    for mark in marks:
        found |= codes == ord(mark)
    return tuple(found.nonzero()[0].tolist())
