"""Place scans: one scan of a text sliced per stretch (PlaceIndex) and the pair table give
what find_places gives with its pattern on each stretch."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.gazetteer import PlaceIndex, find_places, match
from analysis.gazetteer.lookup import LEVELS, surface_index
from analysis.gazetteer.match import stoplist

_SURFACES = sorted(surface_index())
_PHRASES = sorted({phrase for pairs in stoplist().values() for phrase, _ in pairs})
_EDGES = [
    "河南", "河南省", "黄河南岸", "大同", "三明市", "明市", "东源", "东源县", "广西",
    "广西壮族自治区", "美丽江西", "江西安福县",
    "省", "市", "县", "三", "。", "\n", "、", "和", "的", " ",
]
_PIECES = st.one_of(
    st.sampled_from(_EDGES),
    st.sampled_from(_SURFACES),
    st.sampled_from(_PHRASES),
    st.text(alphabet="一二河南北山西江大同长治安康整改督察情况", min_size=1, max_size=3),
)
_OPTIONS = [
    {},
    {"county_aliases": True},
    {"levels": ("province",)},
    {"levels": LEVELS, "aliases": False},
]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(_PIECES, min_size=1, max_size=12),
    cuts=st.lists(st.integers(min_value=0, max_value=60), min_size=2, max_size=8),
    option=st.sampled_from(_OPTIONS),
    vector=st.booleans(),
)
def test_index_stretches_match_find_places(pieces, cuts, option, vector):
    text = "".join(pieces)
    saved = match.VECTOR_MIN_CHARS, match.VECTOR_MIN_PAIRS
    try:  # the index's own scan by pair table or by pattern
        if vector:
            match.VECTOR_MIN_CHARS, match.VECTOR_MIN_PAIRS = 0, 0
        index = PlaceIndex(text)
        index.within(0, 0, **option)
    finally:
        match.VECTOR_MIN_CHARS, match.VECTOR_MIN_PAIRS = saved
    assert index.within(0, len(text), **option) == find_places(text, **option)
    bounds = sorted(min(c, len(text)) for c in cuts)
    for start in bounds:
        for end in bounds:
            if end < start:
                continue
            expected = find_places(text[start:end], **option)
            assert index.find(start, end, **option) == expected
            opening = index.opening(start, end, **option)
            assert opening == expected or (
                opening == [] and not (expected and expected[0].start == 0)
            )
            within = index.within(start, end, **option)
            shifted = [(m.start - start, m.end - start, m.surface) for m in within]
            assert shifted == [(m.start, m.end, m.surface) for m in expected]


def test_index_rescans_where_an_edge_differs():
    text = "黄河南岸和河南省的三明市,江西安福县"  # 西安 inside 江西安福
    index = PlaceIndex(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            expected = find_places(text[start:end])
            assert index.find(start, end) == expected
            opening = index.opening(start, end)
            assert opening == expected or (
                opening == [] and not (expected and expected[0].start == 0)
            )


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.one_of(_PIECES, st.text(min_size=1, max_size=4)), max_size=30),
    option=st.sampled_from(_OPTIONS),
)
def test_pair_table_finds_what_the_pattern_finds(pieces, option):
    text = "".join(pieces)
    saved = match.VECTOR_MIN_CHARS, match.VECTOR_MIN_PAIRS
    try:
        match.VECTOR_MIN_CHARS, match.VECTOR_MIN_PAIRS = 0, 0
        table = find_places(text, **option)
        match.VECTOR_MIN_CHARS = 10**9
        pattern = find_places(text, **option)
    finally:
        match.VECTOR_MIN_CHARS, match.VECTOR_MIN_PAIRS = saved
    assert table == pattern
