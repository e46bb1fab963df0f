"""Evidence: where in the normalised text a coded value came from, and by which rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """A value with its verbatim quote, offsets into the normalised text and the rule id."""

    variable: str
    value: Any
    quote: str
    start: int
    end: int
    rule: str
    source: str = "auto"  # auto | manual

    def as_dict(self) -> dict[str, Any]:
        return {"quote": self.quote, "start": self.start, "end": self.end, "rule": self.rule}


def cite(text: str, variable: str, value: Any, start: int, end: int, rule: str) -> Evidence:
    """Evidence quoting ``text[start:end]``."""
    return Evidence(variable, value, text[start:end], start, end, rule)
