"""Scoring against the gold: tp/fp/fn per variable on hand-made frames."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis import paths
from analysis.errors import InputError
from analysis.validate import canonical, read_gold, render, score

RECORD_COLUMNS = ["doc_id", "jurisdiction", "tasks_total", "tasks_completed", "lookback"]
MENTION_COLUMNS = ["doc_id", "jurisdiction", "variable", "year", "value"]


def _frame(rows, columns):
    return pd.DataFrame(rows, columns=columns).astype(str)


def test_canonical_forms():
    assert canonical("3.0") == canonical(3) == "3"
    assert canonical(None) == canonical("nan") == canonical("") == ""
    assert canonical("TRUE") == "true"
    assert canonical("96.20") == "96.2"


def test_counts_true_false_positives_and_negatives():
    gold = _frame([["d", "甲市", "17", "4", "false"]], RECORD_COLUMNS)
    coded = _frame([["d", "甲市", "17", "5", ""], ["d", "乙市", "3", "", ""]], RECORD_COLUMNS)
    gold_m = _frame([["d", "甲市", "pm25", "2022", "38"]], MENTION_COLUMNS)
    coded_m = _frame(
        [["d", "甲市", "pm25", "2022", "38.0"], ["d", "甲市", "pm25", "2021", "40"]],
        MENTION_COLUMNS,
    )
    scores = score(gold, gold_m, coded, coded_m)
    table = scores.table().set_index("variable")
    assert table.loc["tasks_total", ["tp", "fp", "fn"]].tolist() == [1, 1, 0]  # 乙市 is extra
    assert table.loc["tasks_completed", ["tp", "fp", "fn"]].tolist() == [0, 1, 1]
    assert table.loc["lookback", ["tp", "fp", "fn"]].tolist() == [0, 0, 1]
    assert table.loc["mention:pm25", ["tp", "fp", "fn"]].tolist() == [1, 1, 0]
    # micro: tp 2, fp 3, fn 2 -> precision 0.4, recall 0.5
    assert abs(scores.micro_f1 - 2 * 0.4 * 0.5 / 0.9) < 1e-3
    assert scores.records_found == 1 and scores.records_gold == 1


def test_per_rule_counts_follow_the_rule_of_each_coded_value():
    gold = _frame([["d", "甲市", "17", "4", "false"]], RECORD_COLUMNS)
    coded = _frame([["d", "甲市", "17", "5", "false"]], RECORD_COLUMNS)
    gold_m = _frame([["d", "甲市", "pm25", "2022", "38"]], MENTION_COLUMNS)
    coded_m = _frame([["d", "甲市", "pm25", "2021", "38"]], MENTION_COLUMNS)
    rules = {
        ("d", "甲市", "tasks_total"): "r.total",
        ("d", "甲市", "tasks_completed"): "r.done",
        ("d", "甲市", "lookback"): "r.flag",
        ("d", "甲市", "pm25", "2021", "38"): "r.pm",
    }
    table = score(gold, gold_m, coded, coded_m, rules).rule_table().set_index("rule")
    assert table.loc["r.total", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]
    assert table.loc["r.done", ["tp", "fp", "fn"]].tolist() == [0, 1, 1]  # a wrong value
    assert table.loc["r.flag", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]  # false is a value
    assert table.loc["r.pm", ["tp", "fp", "fn"]].tolist() == [0, 1, 0]  # wrong year
    assert table.loc["(not coded)", ["tp", "fp", "fn"]].tolist() == [0, 0, 1]  # 2022 missed


def test_disagreements_are_grouped_by_variable():
    gold = _frame([["d", "甲市", "17", "4", ""], ["e", "乙市", "9", "", ""]], RECORD_COLUMNS)
    coded = _frame([["d", "甲市", "16", "4", ""], ["e", "乙市", "8", "", ""]], RECORD_COLUMNS)
    empty = _frame([], MENTION_COLUMNS)
    text = render(score(gold, empty, coded, empty))
    section = text.split("### tasks_total (2)", 1)[1]
    assert "- d 甲市: gold=17 coded=16" in section and "- e 乙市: gold=9 coded=8" in section
    assert "### tasks_completed" not in text  # agreed everywhere


def test_a_missing_gold_column_is_one_line_naming_the_file(tmp_path):
    (tmp_path / "records.csv").write_text("doc_id,level\nd,province\n", encoding="utf-8")
    (tmp_path / "mentions.csv").write_text(",".join(MENTION_COLUMNS) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="records.csv.*jurisdiction"):
        read_gold(tmp_path)


def test_cli_scores_any_folder_of_documents(tmp_path):
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    (docs / "k1.txt").write_text(
        "某某市关于中央生态环境保护督察整改落实情况的报告\n"
        "截至2022年6月底,我市共有整改任务20项,已完成整改12项。\n",
        encoding="utf-8",
    )
    (gold / "records.csv").write_text(
        "doc_id,jurisdiction,tasks_total\nk1,某某市,20\n", encoding="utf-8"
    )
    (gold / "mentions.csv").write_text(",".join(MENTION_COLUMNS) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", "--gold", str(gold), "--docs", str(docs)],
        capture_output=True, text=True, check=False, cwd=paths.ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "## By variable" in done.stdout and "## By rule" in done.stdout
    assert "records found" in done.stdout.splitlines()[-1]
    assert not list(tmp_path.rglob("validation*"))  # the terminal only


def test_cli_names_a_missing_gold_folder(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", "--gold", str(tmp_path / "none")],
        capture_output=True, text=True, check=False, cwd=paths.ROOT,
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "none" in done.stderr
