"""offsets_of: the vectorised look-up of marked characters finds what a character-class search
finds, and normalisation's table of characters is applied exactly where its characters stand."""

from __future__ import annotations

import importlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ingest.normalize import char_mask, offsets_of

normalize_module = importlib.import_module("analysis.ingest.normalize")
encoding_module = importlib.import_module("analysis.ingest.encoding")

_CHARS = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from("\x00\x0b\x1f\x7f\x9f\t\n\x0c\r \u3000\uff01\uff5e\u00b5\u00ad\ufeff陜靑"),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(text=_CHARS, marked=st.sets(st.integers(min_value=0, max_value=0x10FFFF), max_size=20))
def test_offsets_of_marked_characters(text, marked):
    text += "".join(map(chr, sorted(marked)[:5]))
    expected = [i for i, c in enumerate(text) if ord(c) in marked]
    assert offsets_of(text, char_mask(marked)) == expected


@settings(max_examples=300, deadline=None)
@given(text=_CHARS)
def test_table_and_variants_replace_what_the_patterns_found(text):
    table = normalize_module._TABLE
    runs = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]+")
    expected = runs.sub(lambda m: m[0].translate(table), text)
    mask = normalize_module._TABLE_MASK
    assert normalize_module._replace_chars(text, mask, normalize_module._translate_char) == expected
    variants = normalize_module._variant_table()
    pattern = re.compile("[" + "".join(chr(c) for c in sorted(variants)) + "]")
    expected = pattern.sub(lambda m: variants[ord(m[0])], text)
    assert normalize_module._standard_forms(text) == expected


def test_control_mask_is_the_control_class():
    control = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
    mask = encoding_module._CONTROL_MASK
    assert all(bool(control.match(chr(c))) == bool(mask[c]) for c in range(0x800))
    assert not mask[0x800:].any()
