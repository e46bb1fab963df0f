"""Find place names in running text: leftmost, longest, non-overlapping.

Scanning finds each pair of adjacent characters that is a name's first two (a long text's
pairs are looked up all at once in a table of pairs, a short one's with a character-class
search) and tries the names starting there, longest first, so a 60 KB document takes about a
millisecond. `PlaceIndex` keeps one scan of a document to answer for any stretch of it.
Aliases that are also ordinary words (大同 in 大同小异, 长治 in 长治久安) are suppressed by
gazetteer_alias_stoplist.csv: an occurrence of `surface` inside an occurrence of `phrase` is
not a match; phrase == surface blocks the surface everywhere. Known imperfection: only listed
phrases are caught (e.g. 黄河北岸 is, 黄河北部 is not).
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import NamedTuple

import numpy as np

from analysis.gazetteer.files import STOPLIST
from analysis.gazetteer.lookup import LEVELS, Place, surface_index


class PlaceMatch(NamedTuple):
    """One occurrence of a place name in a text (a named tuple: a scan makes many)."""

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


class _Matcher(NamedTuple):
    """The surfaces allowed by one set of `find_places` options."""

    table: dict[str, tuple[tuple[Place, ...], bool]]
    lengths: dict[str, tuple[int, ...]]  # first two characters → surface lengths, longest first
    starts: re.Pattern[str]  # where such a pair may stand (the second not consumed)
    pairs: np.ndarray  # [row of a first character, column of a second] → begins a surface


@lru_cache(maxsize=1)
def _alphabet() -> tuple[np.ndarray, np.ndarray]:
    """Code point → its row as the first character of some surface and its column as the
    second (0 for none): the indices of `_Matcher.pairs`."""
    rows = np.zeros(0x110000, dtype=np.uint16)
    cols = np.zeros(0x110000, dtype=np.uint16)
    for index, table in ((0, rows), (1, cols)):
        chars = sorted({s[index] for s in surface_index() if len(s) > index})
        table[[ord(c) for c in chars]] = np.arange(1, len(chars) + 1)
    return rows, cols


@lru_cache(maxsize=16)
def _matcher(levels: tuple[str, ...], aliases: bool, county_aliases: bool) -> _Matcher:
    table: dict[str, tuple[tuple[Place, ...], bool]] = {}
    for surface, entries in surface_index().items():
        kept = [
            e
            for e in entries
            if e.place.level in levels
            and (
                not e.is_alias
                or (
                    aliases
                    and (county_aliases or e.place.level != "county" or _with_suffix(surface))
                )
            )
        ]
        if kept:
            table[surface] = (tuple(e.place for e in kept), all(e.is_alias for e in kept))
    lengths: dict[str, set[int]] = {}
    for surface in table:  # every name has at least two characters
        lengths.setdefault(surface[:2], set()).add(len(surface))
    def members(index: int) -> str:
        return "".join(sorted(re.escape(c) for c in {pair[index] for pair in lengths}))

    starts = re.compile(f"[{members(0)}](?=[{members(1)}])")
    rows, cols = _alphabet()
    pairs = np.zeros((int(rows.max()) + 1, int(cols.max()) + 1), dtype=bool)
    for pair in lengths:
        pairs[rows[ord(pair[0])], cols[ord(pair[1])]] = True
    longest_first = {pair: tuple(sorted(ls, reverse=True)) for pair, ls in lengths.items()}
    return _Matcher(table, longest_first, starts, pairs)


def _with_suffix(surface: str) -> bool:
    """A county's short name that keeps its 县 or 旗 (环江县 for 环江毛南族自治县): as plain
    as a full name, unlike a bare short name (东源, 天河) or a two-character one (沙县小吃)."""
    return len(surface) >= 3 and surface[-1] in "县旗"


#: From this length on, a text's pairs of characters are looked up all at once (numpy); a
#: shorter text is searched with the pattern (less set-up), as is any text for options
#: allowing fewer pairs (the pattern's character classes then rarely match).
VECTOR_MIN_CHARS = 400
VECTOR_MIN_PAIRS = 200


def _candidates(text: str, matcher: _Matcher) -> list[int]:
    """Offsets, in order, where a surface's first two characters stand."""
    if len(text) < VECTOR_MIN_CHARS or len(matcher.lengths) < VECTOR_MIN_PAIRS:
        return [
            m.start()
            for m in matcher.starts.finditer(text)
            if text[m.start() : m.start() + 2] in matcher.lengths
        ]
    rows, cols = _alphabet()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    first = rows.take(codes[:-1])
    at = first.nonzero()[0]  # where a first character stands (row 0 begins no name)
    return at[matcher.pairs[first[at], cols.take(codes[at + 1])]].tolist()


def _blocked(text: str, start: int, surface: str) -> bool:
    return any(
        start >= offset and text.startswith(phrase, start - offset)
        for phrase, offset in stoplist().get(surface, ())
    )


def _blocking(text: str, start: int, surface: str) -> tuple[int, int]:
    """The stretch covered by the stop-list phrases that block ``surface`` at ``start``."""
    windows = [
        (start - offset, start - offset + len(phrase))
        for phrase, offset in stoplist().get(surface, ())
        if start >= offset and text.startswith(phrase, start - offset)
    ]
    return min(w[0] for w in windows), max(w[1] for w in windows)


def _scan(
    text: str,
    options: tuple[tuple[str, ...], bool, bool],
    blocks: list[tuple[int, int, int]] | None = None,
    candidates: list[int] | None = None,
) -> list[PlaceMatch]:
    """`find_places`; each blocked name's position and phrase stretch is added to ``blocks``.
    ``candidates``: where the first two characters of any surface under any options stand."""
    matcher = _matcher(*options)
    table, lengths = matcher.table, matcher.lengths
    if candidates is None:
        candidates = _candidates(text, matcher)
    stopped = stoplist()
    matches: list[PlaceMatch] = []
    after = 0  # the end of the last match: names do not overlap
    for i in candidates:
        if i < after or (tried := lengths.get(text[i : i + 2])) is None:
            continue
        for length in tried:
            surface = text[i : i + length]
            hit = table.get(surface)
            if hit is None:
                continue
            if surface not in stopped or not _blocked(text, i, surface):
                matches.append(PlaceMatch(i, i + length, surface, *hit))
                after = i + length
                break
            if blocks is not None:
                blocks.append((i, *_blocking(text, i, surface)))
    return matches


def find_places(
    text: str,
    *,
    levels: tuple[str, ...] = LEVELS,
    aliases: bool = True,
    county_aliases: bool = False,
) -> list[PlaceMatch]:
    """Every place name in `text`, scanning left to right and taking the longest name at each
    position (河南省 over 河南, 广西壮族自治区 over 广西). County aliases (东源, 天河) only
    with county_aliases=True, except short names that keep their 县 or 旗 (环江县)."""
    return _scan(text, (tuple(levels), aliases, county_aliases))


class _Scan:
    """The matches of one text under one set of options, with the names it found blocked."""

    def __init__(
        self, text: str, options: tuple[tuple[str, ...], bool, bool], candidates: list[int]
    ) -> None:
        self.lengths = _matcher(*options).lengths
        self.blocks: list[tuple[int, int, int]] = []
        self.matches = _scan(text, options, self.blocks, candidates)
        self.starts = [m.start for m in self.matches]
        self.block_starts = [b[0] for b in self.blocks]

    @cached_property
    def openable(self) -> set[int]:
        """Where a stretch's own scan may find a name at its start: where a match begins or
        runs on, or a name was blocked."""
        return {i for m in self.matches for i in range(m.start, m.end)} | set(self.block_starts)

    def sliceable(self, start: int, end: int, lo: int, hi: int) -> bool:
        """True when ``matches[lo:hi]`` are what a scan of ``text[start:end]`` finds."""
        matches = self.matches
        if lo and matches[lo - 1].end > start:
            return False
        if hi > lo:
            last = matches[hi - 1]
            if last.end > end or (
                last.end == end and self.lengths[last.surface[:2]][0] > end - last.start
            ):
                return False
        first = bisect_left(self.block_starts, start)
        return all(
            start <= lo_ and hi_ <= end
            for _, lo_, hi_ in self.blocks[first : bisect_left(self.block_starts, end)]
        )


class PlaceIndex:
    """The place names of one text, found in one scan per set of options, for answering
    `find_places` on any stretch of it by slicing.

    A stretch's own scan gives the whole text's matches inside it unless something at its
    edges differs: a match crossing an edge, a match ending at its end whose first two
    characters also begin a longer name (a cut-off text tries the longer lengths on what is
    left), or a stop-list phrase reaching past an edge. Such stretches are scanned afresh.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._candidates: list[int] | None = None
        self._scans: dict[tuple[tuple[str, ...], bool, bool], _Scan] = {}

    def _scan(self, options: tuple[tuple[str, ...], bool, bool]) -> _Scan:
        found = self._scans.get(options)
        if found is None:
            if self._candidates is None:  # the widest options' pairs hold everyone's
                self._candidates = _candidates(self.text, _matcher(LEVELS, True, True))
            found = self._scans[options] = _Scan(self.text, options, self._candidates)
        return found

    def within(
        self,
        start: int,
        end: int,
        *,
        levels: tuple[str, ...] = LEVELS,
        aliases: bool = True,
        county_aliases: bool = False,
    ) -> list[PlaceMatch]:
        """`find_places` of ``text[start:end]``, with offsets into the whole text."""
        options = (tuple(levels), aliases, county_aliases)
        return self._within(self._scan(options), options, start, end)

    def within_each(
        self,
        spans: Iterable[tuple[int, int]],
        *,
        levels: tuple[str, ...] = LEVELS,
        aliases: bool = True,
        county_aliases: bool = False,
    ) -> list[list[PlaceMatch]]:
        """`within` of each of ``spans`` (many short stretches: the options looked up once)."""
        options = (tuple(levels), aliases, county_aliases)
        scan = self._scan(options)
        return [self._within(scan, options, start, end) for start, end in spans]

    def _within(
        self, scan: _Scan, options: tuple[tuple[str, ...], bool, bool], start: int, end: int
    ) -> list[PlaceMatch]:
        lo = bisect_left(scan.starts, start)
        hi = bisect_left(scan.starts, end, lo)
        if scan.sliceable(start, end, lo, hi):
            return scan.matches[lo:hi]
        return [_shift(m, start) for m in _scan(self.text[start:end], options)]

    def find(
        self,
        start: int,
        end: int,
        *,
        levels: tuple[str, ...] = LEVELS,
        aliases: bool = True,
        county_aliases: bool = False,
    ) -> list[PlaceMatch]:
        """`find_places` of ``text[start:end]``, with offsets into that stretch."""
        found = self.within(
            start, end, levels=levels, aliases=aliases, county_aliases=county_aliases
        )
        return [_shift(m, -start) for m in found]

    def openable(
        self,
        *,
        levels: tuple[str, ...] = LEVELS,
        aliases: bool = True,
        county_aliases: bool = False,
    ) -> set[int]:
        """The offsets where `opening` may find a name: elsewhere it finds none (a set to test
        many stretches against before calling it)."""
        return self._scan((tuple(levels), aliases, county_aliases)).openable

    def opening(
        self,
        start: int,
        end: int,
        *,
        levels: tuple[str, ...] = LEVELS,
        aliases: bool = True,
        county_aliases: bool = False,
    ) -> list[PlaceMatch]:
        """[] when the stretch's own scan finds no name right at its start, else `find`: a
        quick answer for the many stretches that do not open with a name. Only a name
        found at ``start`` or running on over it, or one blocked there, can make the
        stretch's scan find one there (elsewhere the two scans try the same names)."""
        options = {"levels": levels, "aliases": aliases, "county_aliases": county_aliases}
        if start not in self.openable(**options):
            return []
        return self.find(start, end, **options)


def _shift(match: PlaceMatch, by: int) -> PlaceMatch:
    return PlaceMatch(
        match.start + by, match.end + by, match.surface, match.candidates, match.is_alias
    )
