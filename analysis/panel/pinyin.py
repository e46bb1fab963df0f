"""Pinyin of jurisdiction names from the gazetteer, empty when it is unavailable."""

from __future__ import annotations

from functools import cache


@cache
def pinyin_of(name: str, parent: str | None = None) -> str:
    """The gazetteer's pinyin of ``name`` (the place under ``parent`` if several); '' if unknown.

    Falls back to '' when ``analysis.gazetteer`` is not importable yet or fails.
    """
    try:
        from analysis.gazetteer import lookup

        places = list(lookup(name))
    except Exception:  # gazetteer absent or not ready: pinyin is optional
        return ""
    if parent:
        under = [p for p in places if getattr(p, "parent", None) == parent]
        places = under or places
    for place in places:
        pinyin = getattr(place, "pinyin", "") or ""
        if pinyin:
            return str(pinyin)
    return ""
