"""The coder against the gold sets: floors, and agreement with the project's gold scorer.

The development corpus and the scorer live next to the project (``../shared``); tests that
need them skip, with the reason, where they are absent. No text of theirs enters this file.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from analysis import paths
from analysis.validate import Scores, validate

HERE = Path(__file__).resolve().parent
FLOORS = yaml.safe_load((HERE / "gold_floors.yaml").read_text(encoding="utf-8"))
SHARED = paths.ROOT.parent / "shared"
SCORER = SHARED / "hooks" / "score_gold.py"
DEVCORPUS = SHARED / "devcorpus"
#: gold set -> (gold folder, documents folder)
SETS = {
    "seeds": (paths.GOLD, paths.RAW),
    "devcorpus": (DEVCORPUS / "gold", DEVCORPUS / "docs"),
}


def _available(name: str) -> tuple[Path, Path]:
    gold, docs = SETS[name]
    if not (gold / "records.csv").is_file() or not docs.is_dir():
        pytest.skip(f"{name}: no gold set at {gold.parent} (needs gold/ and docs/)")
    return gold, docs


@cache
def _scores(name: str) -> Scores:
    gold, docs = SETS[name]
    return validate(gold, docs, tables_dir=None)


def _documents(docs: Path) -> list[str]:
    if (docs / "manifest.csv").is_file():
        import csv

        with open(docs / "manifest.csv", encoding="utf-8") as handle:
            return [str(docs / row["file"]) for row in csv.DictReader(handle)]
    return sorted(str(p) for p in docs.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(SETS))
def test_agreement_at_or_above_the_floors(name):
    _available(name)
    scores = _scores(name)
    floor = FLOORS[name]
    assert scores.micro_f1 >= floor["micro_f1"], f"{name}: micro F1 {scores.micro_f1:.3f}"
    assert scores.records_found >= floor["records_found"], (
        f"{name}: records found {scores.records_found}/{scores.records_gold}"
    )


@pytest.mark.parametrize("name", sorted(SETS))
def test_validate_agrees_with_the_gold_scorer(name, tmp_path):
    """The public JSONL of `analysis code`, scored by the project's scorer, gives the micro
    F1 and the records found that `validate` reports."""
    gold, docs = _available(name)
    if not SCORER.is_file():
        pytest.skip(f"the gold scorer {SCORER} is absent")
    coded = subprocess.run(
        [sys.executable, "-m", "analysis", "code", *_documents(docs), "--format", "jsonl"],
        capture_output=True, text=True, cwd=paths.ROOT, check=True,
    ).stdout
    assert all(json.loads(line) for line in coded.splitlines())
    jsonl = tmp_path / "coded.jsonl"
    jsonl.write_text(coded, encoding="utf-8")
    printed = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(jsonl), "--show", "0"],
        capture_output=True, text=True, check=False,
    ).stdout
    summary = re.search(r"micro F1 ([\d.]+) .*records found (\d+)/(\d+)", printed)
    assert summary, printed[-500:]
    scores = _scores(name)
    assert f"{scores.micro_f1:.3f}" == summary.group(1)
    assert (scores.records_found, scores.records_gold) == (
        int(summary.group(2)), int(summary.group(3))
    )


def test_validate_dev_says_so_without_a_corpus(tmp_path):
    done = subprocess.run(
        ["make", "--no-print-directory", "validate-dev", f"PYTHON={sys.executable}",
         f"DEVCORPUS={tmp_path / 'absent'}"],
        capture_output=True, text=True, cwd=paths.ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "no development corpus" in done.stdout
