"""The command line, in particular the public JSONL interface of `code FILE…`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from analysis.codebook import default_codebook

MENTION_KEYS = {
    "variable",
    "year",
    "months",
    "value",
    "yoy_change",
    "yoy_unit",
    "quote",
    "start",
    "end",
}


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_jsonl_shape_and_bad_files(root, tmp_path):
    good = root / "data" / "raw" / "003_44fd058499c5af9b.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "junk.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    done = _run(root, "code", str(empty), str(good), str(binary), "--format", "jsonl")
    assert done.returncode == 0
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 1
    record = lines[0]
    variables = default_codebook().record_variable_names
    assert set(variables) <= set(record)
    assert record["doc_id"] == "003_44fd058499c5af9b"
    assert record["jurisdiction"] == "焦作市"
    assert record["tasks_total"] == 46 and record["petitions_resolved"] == 228
    assert record["inspection_round"] is None  # not stated: null, not absent
    for mention in record["mentions"]:
        assert set(mention) == MENTION_KEYS
    for variable, evidence in record["evidence"].items():
        assert variable in variables
        assert set(evidence) == {"quote", "start", "end", "rule"}
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(str(empty)) and "empty" in errors[0]
    assert errors[1].startswith(str(binary))


def test_strict_exit_status(root, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _run(root, "code", str(empty), "--strict").returncode == 1


def test_jsonl_of_a_joint_document_gives_one_line_per_province(root):
    done = _run(root, "code", str(root / "data" / "raw" / "004_d25812755243d715.txt"))
    names = [json.loads(line)["jurisdiction"] for line in done.stdout.splitlines()]
    assert names == [
        "山西省",
        "辽宁省",
        "安徽省",
        "江西省",
        "河南省",
        "湖南省",
        "广西壮族自治区",
        "云南省",
    ]


def test_an_internal_error_on_one_file_does_not_stop_the_others(
    root, tmp_path, monkeypatch, capsys
):
    from analysis import cli
    from analysis.coding import corpus

    real = corpus.code_document

    def flaky(data, name, doc_id, codebook=None):
        if doc_id == "boom":
            raise RuntimeError("simulated coder bug")
        return real(data, name, doc_id, codebook)

    monkeypatch.setattr(corpus, "code_document", flaky)
    boom = tmp_path / "boom.txt"
    boom.write_text("河源市整改情况\n已完成4项。", encoding="utf-8")
    good = root / "data" / "raw" / "003_44fd058499c5af9b.txt"
    assert cli.main(["code", str(boom), str(good)]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["003_44fd058499c5af9b"]
    assert err.startswith(f"{boom}: internal error while coding (RuntimeError: simulated")
