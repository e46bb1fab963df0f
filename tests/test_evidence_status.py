"""The evidence table: a value read without a quote is a status, never an empty quote with
offsets; the JSONL values stay as they are (false where the text establishes it)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.codebook import default_codebook
from analysis.coding import corpus
from analysis.coding.coder import CodedRecord, code_text
from analysis.coding.evidence import Evidence
from analysis.coding.overrides import Override, apply_overrides
from analysis.panel import schema
from analysis.panel.schema import SchemaViolation

# Own wording: a titled progress report naming no 回头看, and an untitled page with no plan cue.
TITLED = (
    "绵阳市关于第二轮中央生态环境保护督察整改落实情况的报告\n"
    "截至2023年4月底,督察反馈的25个问题中已完成整改18个。\n"
)
UNTITLED = (
    "绵阳市按照中央生态环境保护督察要求,扎实推进整改。截至2022年末,32项整改任务已完成27项。\n"
)


def _evidence(text: str) -> pd.DataFrame:
    coded = code_text(text, "own")
    assert coded.records, coded.problem
    return corpus.evidence_frame(coded.records, default_codebook()).set_index("variable")


@pytest.mark.parametrize("text", [TITLED, UNTITLED])
def test_lookback_not_named_is_established_false_without_quote_or_offsets(text):
    row = _evidence(text).loc["lookback"]
    assert (row["value"], row["status"], row["rule"]) == ("false", "established_false",
                                                          "lookback.not_named")
    assert pd.isna(row["quote"]) and pd.isna(row["start"]) and pd.isna(row["end"])
    record = code_text(text, "own").records[0]
    assert record.as_json(default_codebook())["lookback"] is False  # the JSONL value stays


def test_a_default_value_has_no_quote_and_a_found_one_has_it():
    default = Evidence("doc_type", "progress", "", 0, 0, "doc_type.default")
    record = CodedRecord("own", "绵阳市", {"doc_type": "progress"}, {"doc_type": default}, [])
    row = corpus.evidence_frame([record], default_codebook()).iloc[0]
    assert (row["status"], row["value"]) == ("default", "progress")
    assert pd.isna(row["quote"]) and pd.isna(row["start"]) and pd.isna(row["end"])
    found = _evidence(TITLED).loc["doc_type"]
    assert found["status"] == "found"
    assert TITLED[int(found["start"]) : int(found["end"])] == found["quote"]


@pytest.mark.parametrize("text", [TITLED, UNTITLED])
def test_every_found_row_is_verbatim_at_its_offsets(text):
    frame = _evidence(text)
    found = frame[frame["status"] == "found"]
    assert len(found) >= 2
    for row in found.itertuples():
        assert row.quote and text[int(row.start) : int(row.end)] == row.quote


def test_an_override_is_its_own_status_with_the_reason_and_no_offsets():
    coded = code_text(TITLED, "own")
    place = coded.records[0].jurisdiction
    row = Override("own", place, "tasks_total", "26", "count corrected by hand", "overrides:2")
    apply_overrides(coded.records, [row], default_codebook())
    frame = corpus.evidence_frame(coded.records, default_codebook()).set_index("variable")
    assert frame.loc["tasks_total", "status"] == "override"
    assert frame.loc["tasks_total", "quote"] == "count corrected by hand"
    assert pd.isna(frame.loc["tasks_total", "start"])
    schema.validate(frame.reset_index()[corpus.EVIDENCE_COLUMNS], "evidence")


def test_the_schema_rejects_an_empty_quote_with_offsets():
    frame = _evidence(TITLED).reset_index()[corpus.EVIDENCE_COLUMNS]
    schema.validate(frame, "evidence")
    found = frame.index[frame["status"] == "found"][0]
    blank = frame.copy()
    blank.loc[found, "quote"] = ""
    with pytest.raises(SchemaViolation, match="quote, start, end present"):
        schema.validate(blank, "evidence")
    offsets = frame.copy()
    false_row = offsets.index[offsets["status"] == "established_false"][0]
    offsets.loc[false_row, ["start", "end"]] = [0, 0]
    with pytest.raises(SchemaViolation, match="start, end absent"):
        schema.validate(offsets, "evidence")
