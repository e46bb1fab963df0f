"""Find place names in running text: leftmost, longest, non-overlapping.

Scanning finds, with one character-class search, each pair of adjacent characters that could
be a name's first two, looks the pair up among those of the names and tries the names starting
there, longest first, so a 60 KB document takes a few milliseconds.
Aliases that are also ordinary words (大同 in 大同小异, 长治 in 长治久安) are suppressed by
gazetteer_alias_stoplist.csv: an occurrence of `surface` inside an occurrence of `phrase` is
not a match; phrase == surface blocks the surface everywhere. Known imperfection: only listed
phrases are caught (e.g. 黄河北岸 is, 黄河北部 is not).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.gazetteer.files import STOPLIST
from analysis.gazetteer.lookup import LEVELS, Place, surface_index


@dataclass(frozen=True)
class PlaceMatch:
    """One occurrence of a place name in a text."""

    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]
    is_alias: bool


@lru_cache(maxsize=1)
def stoplist() -> dict[str, tuple[tuple[str, int], ...]]:
    """surface → (phrase, offset of the surface inside the phrase) pairs."""
    out: dict[str, list[tuple[str, int]]] = {}
    with STOPLIST.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            surface, phrase = r["surface"], r["phrase"]
            offset = phrase.find(surface)
            if offset < 0:
                raise ValueError(f"stop-list phrase {phrase!r} does not contain {surface!r}")
            out.setdefault(surface, []).append((phrase, offset))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=16)
def _matcher(
    levels: tuple[str, ...], aliases: bool, county_aliases: bool
) -> tuple[
    dict[str, tuple[tuple[Place, ...], bool]], dict[str, tuple[int, ...]], re.Pattern[str]
]:
    """Surfaces allowed by the options, first two characters → surface lengths (longest
    first), and a pattern matching (without consuming the second) where such a pair may
    stand."""
    table: dict[str, tuple[tuple[Place, ...], bool]] = {}
    for surface, entries in surface_index().items():
        kept = [
            e
            for e in entries
            if e.place.level in levels
            and (not e.is_alias or (aliases and (county_aliases or e.place.level != "county")))
        ]
        if kept:
            table[surface] = (tuple(e.place for e in kept), all(e.is_alias for e in kept))
    lengths: dict[str, set[int]] = {}
    for surface in table:  # every name has at least two characters
        lengths.setdefault(surface[:2], set()).add(len(surface))
    def members(index: int) -> str:
        return "".join(sorted(re.escape(c) for c in {pair[index] for pair in lengths}))

    starts = re.compile(f"[{members(0)}](?=[{members(1)}])")
    return table, {pair: tuple(sorted(ls, reverse=True)) for pair, ls in lengths.items()}, starts


def _blocked(text: str, start: int, surface: str) -> bool:
    return any(
        start >= offset and text.startswith(phrase, start - offset)
        for phrase, offset in stoplist().get(surface, ())
    )


def find_places(
    text: str,
    *,
    levels: tuple[str, ...] = LEVELS,
    aliases: bool = True,
    county_aliases: bool = False,
) -> list[PlaceMatch]:
    """Every place name in `text`, scanning left to right and taking the longest name at each
    position (河南省 over 河南, 广西壮族自治区 over 广西). County aliases (东源, 天河) only
    with county_aliases=True."""
    table, lengths, starts = _matcher(tuple(levels), aliases, county_aliases)
    matches: list[PlaceMatch] = []
    after = 0  # the end of the last match: names do not overlap
    # Only positions where a name's first two characters stand can start a match.
    for start in starts.finditer(text):
        i = start.start()
        if i < after or text[i : i + 2] not in lengths:
            continue
        for length in lengths[text[i : i + 2]]:
            surface = text[i : i + length]
            hit = table.get(surface)
            if hit and not _blocked(text, i, surface):
                matches.append(PlaceMatch(i, i + length, surface, *hit))
                after = i + length
                break
    return matches
