"""Manual overrides replace coded values, are marked manual, and reject unknown targets."""

from __future__ import annotations

import pytest

from analysis.codebook import default_codebook
from analysis.coding.coder import CodedRecord
from analysis.coding.overrides import apply_overrides, read_overrides
from analysis.errors import InputError


def _record() -> CodedRecord:
    return CodedRecord("d1", "河源市", {"tasks_total": 17}, {}, [])


def _write(tmp_path, rows: str):
    path = tmp_path / "overrides.csv"
    path.write_text("doc_id,jurisdiction,variable,value,reason\n" + rows, encoding="utf-8")
    return path


def test_override_replaces_value_and_marks_manual(tmp_path):
    path = _write(tmp_path, "d1,河源市,tasks_total,18,table in annex counts 18\n")
    [record] = apply_overrides([_record()], read_overrides(path), default_codebook())
    assert record.values["tasks_total"] == 18
    assert record.evidence["tasks_total"].source == "manual"
    assert record.evidence["tasks_total"].quote == "table in annex counts 18"


def test_empty_value_clears(tmp_path):
    path = _write(tmp_path, "d1,河源市,tasks_total,,not a rectification count\n")
    [record] = apply_overrides([_record()], read_overrides(path), default_codebook())
    assert record.values["tasks_total"] is None


@pytest.mark.parametrize(
    "row, problem",
    [
        ("d1,河源市,no_such_variable,1,x\n", "unknown or fixed variable"),
        ("d9,河源市,tasks_total,1,x\n", "no coded record"),
        ("d1,河源市,tasks_total,many,x\n", "not a valid integer"),
        ("d1,河源市,doc_type,report,x\n", "not one of"),
        ("d1,河源市,tasks_total,3,\n", "needs a reason"),
    ],
)
def test_bad_rows_name_file_and_row(tmp_path, row, problem):
    path = _write(tmp_path, row)
    with pytest.raises(InputError, match=problem) as info:
        apply_overrides([_record()], read_overrides(path), default_codebook())
    assert "overrides.csv:2" in str(info.value)


def test_missing_file_means_no_overrides(tmp_path):
    assert read_overrides(tmp_path / "absent.csv") == []
