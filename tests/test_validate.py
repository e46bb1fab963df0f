"""Scoring against the gold: tp/fp/fn per variable on hand-made frames."""

from __future__ import annotations

import pandas as pd

from analysis.validate import canonical, score

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
