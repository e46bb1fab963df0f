"""Validating the coder against a hand-coded gold standard.

Record variables are compared cell by cell for every (doc_id, jurisdiction) in either set; a
gold value matched exactly is a true positive, a coded value that differs or is not in the
gold a false positive, a gold value not matched a false negative. Mentions are compared as
(doc_id, jurisdiction, variable, year, value) tuples. Only documents in the gold are scored.
Numbers are compared in a canonical form (3 == 3.0).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.codebook import default_codebook
from analysis.errors import InputError
from analysis.outputs import atomic_write_text, write_table

KEY = ("doc_id", "jurisdiction")


def canonical(value) -> str:
    """'' for missing; numbers without a trailing .0; lower-case booleans."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = str(value).strip()
    if text.lower() in ("", "nan", "none", "null", "<na>"):
        return ""
    if text.lower() in ("true", "false"):
        return text.lower()
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else repr(round(number, 6))


@dataclass
class Scores:
    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    disagreements: list[dict[str, str]] = field(default_factory=list)
    records_gold: int = 0
    records_found: int = 0

    def table(self) -> pd.DataFrame:
        rows = []
        for var in sorted(set(self.tp) | set(self.fp) | set(self.fn)):
            tp, fp, fn = self.tp[var], self.fp[var], self.fn[var]
            rows.append({"variable": var, "tp": tp, "fp": fp, "fn": fn, **_prf(tp, fp, fn)})
        total = _prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))
        rows.append(
            {
                "variable": "micro",
                "tp": sum(self.tp.values()),
                "fp": sum(self.fp.values()),
                "fn": sum(self.fn.values()),
                **total,
            }
        )
        return pd.DataFrame(rows)

    @property
    def micro_f1(self) -> float:
        return float(self.table().iloc[-1]["f1"])


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _read(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as error:
        raise InputError(path, f"cannot read: {error}") from error


def score(
    gold_records: pd.DataFrame,
    gold_mentions: pd.DataFrame,
    coded_records: pd.DataFrame,
    coded_mentions: pd.DataFrame,
) -> Scores:
    """Per-variable agreement of coded records and mentions with the gold."""
    variables = [v for v in default_codebook().record_variable_names if v not in KEY]
    docs = set(gold_records["doc_id"]) | set(gold_mentions["doc_id"])
    gold = {tuple(r[k] for k in KEY): r for r in gold_records.to_dict("records")}
    coded = {
        tuple(r[k] for k in KEY): r for r in coded_records.to_dict("records") if r["doc_id"] in docs
    }
    result = Scores(records_gold=len(gold), records_found=len(set(gold) & set(coded)))
    for key in sorted(set(gold) | set(coded)):
        g, c = gold.get(key, {}), coded.get(key, {})
        for var in variables:
            gv, cv = canonical(g.get(var)), canonical(c.get(var))
            if gv and gv == cv:
                result.tp[var] += 1
                continue
            if gv:
                result.fn[var] += 1
            if cv:
                result.fp[var] += 1
            if gv or cv:
                result.disagreements.append(
                    {
                        "doc_id": key[0],
                        "jurisdiction": key[1],
                        "variable": var,
                        "gold": gv,
                        "coded": cv,
                    }
                )

    def tuples(frame: pd.DataFrame) -> set[tuple[str, ...]]:
        return {
            (
                r["doc_id"],
                r["jurisdiction"],
                r["variable"],
                canonical(r["year"]),
                canonical(r["value"]),
            )
            for r in frame.to_dict("records")
            if r["doc_id"] in docs
        }

    gm, cm = tuples(gold_mentions), tuples(coded_mentions)
    for m in sorted(gm | cm):
        var = f"mention:{m[2]}"
        if m in gm and m in cm:
            result.tp[var] += 1
            continue
        (result.fn if m in gm else result.fp)[var] += 1
        result.disagreements.append(
            {
                "doc_id": m[0],
                "jurisdiction": m[1],
                "variable": f"{var} year={m[3]}",
                "gold": m[4] if m in gm else "",
                "coded": m[4] if m in cm else "",
            }
        )
    return result


def validate(
    gold_dir: Path = paths.GOLD, clean_dir: Path = paths.CLEAN, tables_dir: Path = paths.TABLES
) -> Scores:
    """Score ``clean_dir`` against ``gold_dir`` and write the tables to ``tables_dir``."""
    scores = score(
        _read(gold_dir / "records.csv"),
        _read(gold_dir / "mentions.csv"),
        _read(clean_dir / "records.csv"),
        _read(clean_dir / "mentions.csv"),
    )
    table = scores.table()
    write_table(table, tables_dir / "validation", ("csv",))
    disagreements = pd.DataFrame(
        scores.disagreements, columns=["doc_id", "jurisdiction", "variable", "gold", "coded"]
    )
    write_table(disagreements, tables_dir / "validation_disagreements", ("csv",))
    atomic_write_text(tables_dir / "validation.md", render(scores))
    return scores


def render(scores: Scores) -> str:
    """The validation table and every disagreement, as Markdown."""
    lines = [
        "| variable | tp | fp | fn | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in scores.table().to_dict("records"):
        lines.append(
            f"| {row['variable']} | {row['tp']} | {row['fp']} | {row['fn']} | "
            f"{row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} |"
        )
    lines += ["", f"Records found: {scores.records_found}/{scores.records_gold}.", ""]
    if scores.disagreements:
        lines += ["Disagreements:", ""]
        lines += [
            f"- {d['doc_id']} {d['jurisdiction']} {d['variable']}: gold={d['gold'] or '∅'}"
            f" coded={d['coded'] or '∅'}"
            for d in scores.disagreements
        ]
    else:
        lines.append("No disagreements.")
    return "\n".join(lines) + "\n"
