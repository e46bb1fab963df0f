"""Load the gazetteer and look places up by full name or alias.

One name can denote several places (朝阳区 in Beijing and Changchun, 鼓楼区 in four
provinces). Rows that are the same place under an older code (a renumbered county; 临安市
→ 临安区 sharing the alias 临安) are merged, keeping the newest code (see `_same_place`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.gazetteer.files import GAZETTEER, PROVINCE_ABBREVIATIONS

LEVELS = ("province", "prefecture", "county")  # highest first


@dataclass(frozen=True)
class Place:
    """One jurisdiction: `parent` is the province (full name), `prefecture` its prefecture."""

    code: str
    name: str
    level: str
    parent: str
    prefecture: str
    pinyin: str


@dataclass(frozen=True)
class Entry:
    """A place under one surface form (its full name or one alias)."""

    place: Place
    is_alias: bool
    valid_from: str
    valid_to: str

    @property
    def province(self) -> str:
        return self.place.parent or self.place.name


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    return pd.read_csv(GAZETTEER, dtype=str, keep_default_na=False)


def load_gazetteer() -> pd.DataFrame:
    """The gazetteer CSV as strings (a copy; the cached table stays untouched)."""
    return _table().copy()


def _same_place(a: Entry, b: Entry) -> bool:
    """Same province and level, and either never valid at the same time, or the same full
    name under the same prefecture (简阳市 510180/510185; 201607 lists 辛集市 as 139002)."""
    if (a.province, a.place.level) != (b.province, b.place.level):
        return False
    if a.valid_to < b.valid_from or b.valid_to < a.valid_from:
        return True
    prefectures = {a.place.prefecture, b.place.prefecture}
    return a.place.name == b.place.name and (len(prefectures) == 1 or "" in prefectures)


def _newest_first(entries: list[Entry]) -> list[Entry]:
    """Drop entries superseded by a newer, non-overlapping entry of the same province/level."""
    ordered = sorted(entries, key=lambda e: (e.valid_to, e.valid_from, e.place.code),
                     reverse=True)
    kept: list[Entry] = []
    for e in ordered:
        if not any(_same_place(k, e) for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: (e.is_alias, LEVELS.index(e.place.level), e.place.code))


@lru_cache(maxsize=1)
def surface_index() -> dict[str, tuple[Entry, ...]]:
    """Every full name and alias → its deduplicated entries (full names first, then level)."""
    raw: dict[str, list[Entry]] = {}
    for r in _table().itertuples(index=False):
        place = Place(r.code, r.name, r.level, r.parent, r.prefecture, r.pinyin)
        surfaces = [(r.name, False)] + [(a, True) for a in r.short_names.split("|") if a]
        for surface, is_alias in surfaces:
            raw.setdefault(surface, []).append(Entry(place, is_alias, r.valid_from, r.valid_to))
    return {s: tuple(_newest_first(es)) for s, es in raw.items()}


def lookup(name: str) -> list[Place]:
    """All places whose full name or alias is `name`; full-name matches first."""
    return [e.place for e in surface_index().get(name.strip(), ())]


def _narrow(entries: tuple[Entry, ...], parent: str) -> tuple[Entry, ...]:
    """Keep entries inside `parent` (a province or prefecture, full name or alias)."""
    scopes = {e.place.name for e in surface_index().get(parent.strip(), ())
              if e.place.level != "county"}
    return tuple(e for e in entries
                 if scopes & {e.place.parent, e.place.prefecture}
                 or (e.place.level == "province" and e.place.name in scopes))


def pick(entries: tuple[Entry, ...], parent: str | None = None) -> Place | None:
    """One place from candidate entries: parent filter, then full names, then highest level."""
    if parent:
        entries = _narrow(entries, parent)
    if any(not e.is_alias for e in entries):
        entries = tuple(e for e in entries if not e.is_alias)
    if entries:
        top = min(LEVELS.index(e.place.level) for e in entries)
        entries = tuple(e for e in entries if LEVELS.index(e.place.level) == top)
    places = {e.place for e in entries}
    return places.pop() if len(places) == 1 else None


def resolve(name: str, parent: str | None = None) -> Place | None:
    """The single place `name` denotes, using `parent` (province or prefecture) to disambiguate.

    Preference: a full-name match over an alias match, then the highest level (吉林 → 吉林省,
    not 吉林市; 河南 → 河南省, not 河南县). None when still ambiguous or unknown.
    """
    return pick(surface_index().get(name.strip(), ()), parent)


@lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, Place]:
    """One-character abbreviations of provinces (陕 → 陕西省, 豫 → 河南省)."""
    out: dict[str, Place] = {}
    with PROVINCE_ABBREVIATIONS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            place = resolve(row["province"])
            if place is None or place.level != "province":
                raise ValueError(f"{PROVINCE_ABBREVIATIONS}: not a province: {row['province']!r}")
            out[row["abbreviation"]] = place
    return out
