"""t2s_changes: the characters OpenCC's t2s may change are read from its dictionaries, and
converting only the lines holding one gives the text converting the whole gives."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ingest.t2s_changes import changed_characters, changing_characters

normalize_module = importlib.import_module("analysis.ingest.normalize")
SHARED = Path(__file__).resolve().parents[2] / "shared"

needs_dictionaries = pytest.mark.skipif(
    changing_characters() is None, reason="OpenCC's dictionaries cannot be read here"
)


def test_changed_characters_of_an_entry():
    assert changed_characters("深沈", ("深沉",)) == {"沈"}  # a phrase: only the changed one
    assert changed_characters("環境", ("环境",)) == {"環"}
    assert changed_characters("乾", ("乾", "干")) == {"乾"}  # any value that differs
    assert changed_characters("著", ("著",)) == set()
    assert changed_characters("甚麼", ("什么", "甚么")) == {"甚", "麼"}
    assert changed_characters("ABC", ("AB",)) == {"A", "B", "C"}  # lengths differ: all


@needs_dictionaries
def test_characters_of_phrases_and_characters_are_read():
    chars = changing_characters()
    assert {"環", "護", "會", "們"} <= chars  # characters
    assert "沈" in chars  # only in a phrase (深沈 -> 深沉): unchanged on its own
    assert not {"环", "境", "保", "护", "的", "\n"} & chars


# Characters t2s changes alone or in phrases, the others of its phrases, and plain ones.
_ALPHABET = st.sampled_from(
    list("環境保護會們為這個開發報對區處問題時責覆沈乾干著于於後后裏里髮發麼甚深反答")
    + list("的在和了整改完成项问题督察市县")
    + ["\n", " ", "\n\n", "2021年", "。", ","]
)


@needs_dictionaries
@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_converting_lines_holding_a_changing_character_is_converting_the_whole(text):
    assert normalize_module._to_simplified(text) == normalize_module._convert_whole(text)


@needs_dictionaries
def test_real_documents_convert_as_a_whole():
    files = sorted((Path(__file__).parent / "fixtures" / "documents").glob("*.txt"))
    files += sorted((SHARED / "corpus").glob("*.txt"))
    files += sorted((SHARED / "devcorpus" / "docs").glob("*.txt"))
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert normalize_module._to_simplified(text) == normalize_module._convert_whole(text), file


def test_without_the_dictionaries_every_text_is_converted_whole(monkeypatch):
    monkeypatch.setattr(normalize_module, "_changing_mask", lambda: None)
    assert normalize_module._to_simplified("環境保護\n深沈") == "环境保护\n深沉"
    assert normalize_module._to_simplified("整改\n") == "整改\n"
