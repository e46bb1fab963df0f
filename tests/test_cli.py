"""The command line, in particular the public JSONL interface of `code FILE…`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.codebook import default_codebook

ROOT = Path(__file__).resolve().parents[1]

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


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` in ``cwd``, with this checkout's package."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("RECTIFY_ROOT", None)
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=cwd,
        env=env,
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
    assert done.returncode == 1  # two files could not be coded; the third is still printed
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


def test_exit_status_is_zero_when_every_file_is_coded(root, tmp_path):
    good = root / "data" / "raw" / "003_44fd058499c5af9b.txt"
    assert _run(root, "code", str(good)).returncode == 0
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _run(root, "code", str(empty)).returncode == 1


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
    assert cli.main(["code", str(boom), str(good)]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["003_44fd058499c5af9b"]
    assert err.startswith(f"{boom}: internal error while coding (RuntimeError: simulated")


def test_a_page_that_is_not_a_rectification_account_is_no_failure(root):
    findings = root / "tests" / "fixtures" / "documents" / "06_feedback_jiangxi_2016.txt"
    done = _run(root, "code", str(findings))
    assert done.returncode == 0, done.stderr
    [line] = [json.loads(line) for line in done.stdout.splitlines()]
    assert line["tasks_total"] is None


def test_help_has_no_raw_markup_and_every_option_explained(root):
    import argparse

    from analysis import cli

    top = cli.parser()
    [commands] = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in [("", top), *commands.choices.items()]:
        for action in command._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help, f"{name} {action.option_strings or action.dest}: no help"
        done = _run(root, *([name] if name else []), "--help")
        assert done.returncode == 0
        assert "``" not in done.stdout and ":func:" not in done.stdout, name


@pytest.mark.parametrize(
    ("stage", "missing"),
    [
        ("panel", "data/clean/records.csv"),
        ("models", "data/clean/panel.csv"),
        ("figures", "data/clean/panel.csv"),
        ("report", "reports/_quarto.yml"),
        ("validate", "data/gold/records.csv"),
    ],
)
def test_a_stage_with_a_missing_input_says_so_in_one_line(tmp_path, stage, missing):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "manifest.csv").write_text("doc_id,file\n", encoding="utf-8")
    done = _run(tmp_path, "--project", str(tmp_path), stage)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"error: {tmp_path / missing}: not found")


def test_outside_a_project_the_code_stage_says_so(tmp_path):
    done = _run(tmp_path, "code")
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert "is not a project directory" in line and "--project DIR" in line
