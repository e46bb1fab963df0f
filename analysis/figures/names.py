"""Names shown in figures: English exonyms where they exist (exonyms.csv), pinyin otherwise."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

EXONYMS = Path(__file__).with_name("exonyms.csv")


@cache
def exonyms() -> dict[str, str]:
    """Pinyin → English exonym, from ``exonyms.csv``."""
    with EXONYMS.open(encoding="utf-8", newline="") as handle:
        return {row["pinyin"]: row["english"] for row in csv.DictReader(handle)}


def english(pinyin: object) -> object:
    """The English exonym of a pinyin name, or the name itself (non-strings unchanged)."""
    return exonyms().get(pinyin, pinyin) if isinstance(pinyin, str) else pinyin
