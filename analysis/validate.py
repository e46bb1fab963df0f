"""Validating the coder against a hand-coded gold standard.

The documents of a folder are coded as ``python -m analysis code FILE --format jsonl`` codes
them (no overrides), and compared with a gold folder (``records.csv``, ``mentions.csv``).
Record variables are compared cell by cell for every (doc_id, jurisdiction) in either set; a
gold value matched exactly is a true positive, a coded value that differs or is not in the
gold a false positive, a gold value not matched a false negative. Mentions are compared as
(doc_id, jurisdiction, variable, year, value) tuples. Only documents with gold records or
mentions are scored. Values are compared in a canonical form (3 == 3.0, ``false`` is a value).
This is the metric of the project's gold scorer, to the digit (a test checks it).

Each coded value is also attributed to the rule id in its evidence, for per-rule precision.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.codebook import Codebook, default_codebook
from analysis.errors import InputError
from analysis.outputs import atomic_write_text, write_table

KEY = ("doc_id", "jurisdiction")
MENTION_KEY = ("doc_id", "jurisdiction", "variable", "year", "value")
#: File kinds coded from a folder without a manifest.
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
#: Per-rule rows for values not coded, and for level/parent read with the jurisdiction.
NOT_CODED = "(not coded)"
WITH_JURISDICTION = "(jurisdiction)"


def canonical(value) -> str:
    """'' for missing; numbers without a trailing .0; lower-case booleans."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip()
    if text.lower() in ("", "nan", "none", "null", "<na>"):
        return ""
    if text.lower() in ("true", "false"):
        return text.lower()
    try:
        number = float(text)
    except ValueError:
        return text
    if math.isnan(number):
        return ""
    return str(int(number)) if number.is_integer() else repr(round(number, 6))


def _counts() -> dict[str, int]:
    return defaultdict(int)


@dataclass
class Scores:
    """True/false positives and negatives by variable and by rule, and the disagreements."""

    tp: dict[str, int] = field(default_factory=_counts)
    fp: dict[str, int] = field(default_factory=_counts)
    fn: dict[str, int] = field(default_factory=_counts)
    rule_tp: dict[str, int] = field(default_factory=_counts)
    rule_fp: dict[str, int] = field(default_factory=_counts)
    rule_fn: dict[str, int] = field(default_factory=_counts)
    disagreements: list[dict[str, str]] = field(default_factory=list)
    records_gold: int = 0
    records_found: int = 0

    def table(self) -> pd.DataFrame:
        """Per-variable tp, fp, fn, precision, recall and F1, with a last ``micro`` row."""
        return _table(self.tp, self.fp, self.fn, "variable", total="micro")

    def rule_table(self) -> pd.DataFrame:
        """The same by the rule id of the coded value (``(not coded)``: values missed)."""
        return _table(self.rule_tp, self.rule_fp, self.rule_fn, "rule")

    @property
    def micro_f1(self) -> float:
        return float(self.table().iloc[-1]["f1"])


def _table(tp, fp, fn, column: str, total: str | None = None) -> pd.DataFrame:
    rows = [
        {column: k, "tp": tp[k], "fp": fp[k], "fn": fn[k], **_prf(tp[k], fp[k], fn[k])}
        for k in sorted(set(tp) | set(fp) | set(fn))
    ]
    if total is not None:
        t, p, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
        rows.append({column: total, "tp": t, "fp": p, "fn": n, **_prf(t, p, n)})
    return pd.DataFrame(rows, columns=[column, "tp", "fp", "fn", "precision", "recall", "f1"])


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise InputError(path, "not found")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read: {error}") from error


def read_gold(gold_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The gold records and mentions of ``gold_dir`` (InputError naming a missing column)."""
    frames = []
    for name, needed in (("records.csv", KEY), ("mentions.csv", MENTION_KEY)):
        frame = _read(Path(gold_dir) / name)
        absent = [c for c in needed if c not in frame.columns]
        if absent:
            raise InputError(Path(gold_dir) / name, f"lacks column(s) {', '.join(absent)}")
        frames.append(frame)
    return frames[0], frames[1]


def score(
    gold_records: pd.DataFrame,
    gold_mentions: pd.DataFrame,
    coded_records: pd.DataFrame,
    coded_mentions: pd.DataFrame,
    rules: dict[tuple[str, ...], str] | None = None,
) -> Scores:
    """Per-variable (and, given ``rules``, per-rule) agreement of coded output with the gold.

    ``rules`` maps (doc_id, jurisdiction, variable) of a coded record value, and the
    ``MENTION_KEY`` tuple of a coded mention (canonical strings), to the rule that coded it.
    """
    rules = rules or {}
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
            rule = rules.get((*key, var), NOT_CODED) if cv else NOT_CODED
            if gv and gv == cv:
                result.tp[var] += 1
                result.rule_tp[rule] += 1
                continue
            if gv:
                result.fn[var] += 1
                result.rule_fn[rule] += 1
            if cv:
                result.fp[var] += 1
                result.rule_fp[rule] += 1
            if gv or cv:
                result.disagreements.append(
                    {"doc_id": key[0], "jurisdiction": key[1], "variable": var,
                     "gold": gv, "coded": cv, "rule": rule if cv else ""}
                )

    gm, cm = _mention_tuples(gold_mentions, docs), _mention_tuples(coded_mentions, docs)
    for m in sorted(gm | cm):
        var = f"mention:{m[2]}"
        rule = rules.get(m, NOT_CODED) if m in cm else NOT_CODED
        if m in gm and m in cm:
            result.tp[var] += 1
            result.rule_tp[rule] += 1
            continue
        (result.fn if m in gm else result.fp)[var] += 1
        (result.rule_fn if m in gm else result.rule_fp)[rule] += 1
        result.disagreements.append(
            {"doc_id": m[0], "jurisdiction": m[1], "variable": f"{var} year={m[3] or '∅'}",
             "gold": m[4] if m in gm else "", "coded": m[4] if m in cm else "",
             "rule": rule if m in cm else ""}
        )
    return result


def _mention_tuples(frame: pd.DataFrame, docs: set[str]) -> set[tuple[str, ...]]:
    return {
        (r["doc_id"], r["jurisdiction"], r["variable"], canonical(r["year"]),
         canonical(r["value"]))
        for r in frame.to_dict("records")
        if r["doc_id"] in docs
    }


@dataclass
class Coded:
    """Coded records and mentions in the public JSONL shape, the rule of each value, and the
    files that could not be coded (one line each)."""

    records: pd.DataFrame
    mentions: pd.DataFrame
    rules: dict[tuple[str, ...], str]
    problems: list[str]


def document_files(docs: Path) -> list[tuple[str, Path]]:
    """(doc_id, path) of the documents in ``docs``: the manifest's when it has one, otherwise
    every document file (doc_id = file stem), sorted by name."""
    docs = Path(docs)
    if not docs.is_dir():
        raise InputError(docs, "not a folder of documents")
    manifest = docs / "manifest.csv"
    if manifest.is_file():
        from analysis.manifest import read_manifest

        entries, problems = read_manifest(manifest)
        if problems:
            raise problems[0]
        return [(e.doc_id, e.path) for e in entries]
    files = sorted(p for p in docs.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES)
    if not files:
        raise InputError(docs, f"no documents ({', '.join(DOCUMENT_SUFFIXES)}) in the folder")
    return [(p.stem, p) for p in files]


def code_folder(docs: Path, codebook: Codebook | None = None) -> Coded:
    """Code every document of ``docs`` as ``analysis code FILE --format jsonl`` does."""
    from analysis.coding.corpus import code_document

    codebook = codebook or default_codebook()
    names = [n for n in codebook.record_variable_names if n not in KEY]
    records, mentions, rules, problems = [], [], {}, []
    for doc_id, path in document_files(docs):
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(f"{path}: cannot read file: {error.strerror or error}")
            continue
        result = code_document(data, str(path), doc_id, codebook)
        if result.problem:
            problems.append(result.problem)
        for record in result.coded.records if result.coded is not None else ():
            row = record.as_json(codebook)
            key = (row["doc_id"], row["jurisdiction"])
            records.append({k: row[k] for k in (*KEY, *names)})
            place = record.evidence.get("jurisdiction")
            for var in names:
                evidence = record.evidence.get(var)
                if evidence is not None:
                    rules[(*key, var)] = evidence.rule
                elif var in ("level", "parent"):
                    rules[(*key, var)] = place.rule if place is not None else WITH_JURISDICTION
            for mention in record.mentions:
                item = {**dict(zip(KEY, key, strict=True)), **mention.as_dict()}
                mentions.append(item)
                tuple_key = (*key, mention.variable, canonical(mention.year),
                             canonical(mention.value))
                rules.setdefault(tuple_key, mention.rule)
    return Coded(
        pd.DataFrame(records, columns=[*KEY, *names]),
        pd.DataFrame(mentions, columns=list(MENTION_KEY)),
        rules,
        problems,
    )


def validate(
    gold_dir: Path = paths.GOLD, docs: Path = paths.RAW, tables_dir: Path | None = None
) -> Scores:
    """Code ``docs`` and score it against ``gold_dir``; write the tables to ``tables_dir``
    (nothing is written when it is None)."""
    gold_records, gold_mentions = read_gold(Path(gold_dir))
    coded = code_folder(Path(docs))
    scores = score(gold_records, gold_mentions, coded.records, coded.mentions, coded.rules)
    if tables_dir is not None:
        write_table(scores.table(), Path(tables_dir) / "validation", ("csv",))
        write_table(scores.rule_table(), Path(tables_dir) / "validation_rules", ("csv",))
        disagreements = pd.DataFrame(
            scores.disagreements,
            columns=["doc_id", "jurisdiction", "variable", "gold", "coded", "rule"],
        )
        write_table(disagreements, Path(tables_dir) / "validation_disagreements", ("csv",))
        atomic_write_text(Path(tables_dir) / "validation.md", render(scores))
    return scores


def _markdown(frame: pd.DataFrame) -> list[str]:
    first = frame.columns[0]
    lines = [f"| {first} | tp | fp | fn | precision | recall | F1 |", "|---" * 7 + "|"]
    for row in frame.to_dict("records"):
        lines.append(
            f"| {row[first]} | {row['tp']} | {row['fp']} | {row['fn']} | "
            f"{row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} |"
        )
    return lines


def _grouped(disagreements: Iterable[dict[str, str]]) -> list[str]:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for d in disagreements:
        groups[d["variable"].split(" ")[0]].append(d)
    lines = []
    for variable in sorted(groups):
        lines += ["", f"### {variable} ({len(groups[variable])})", ""]
        for d in groups[variable]:
            detail = d["variable"].partition(" ")[2]
            rule = f" [{d['rule']}]" if d.get("rule") else ""
            lines.append(
                f"- {d['doc_id']} {d['jurisdiction']}{' ' + detail if detail else ''}: "
                f"gold={d['gold'] or '∅'} coded={d['coded'] or '∅'}{rule}"
            )
    return lines


def render(scores: Scores) -> str:
    """Per-variable and per-rule tables and the disagreements grouped by variable, as Markdown."""
    lines = ["## By variable", "", *_markdown(scores.table())]
    lines += ["", f"Records found: {scores.records_found}/{scores.records_gold}."]
    if not scores.rule_table().empty:
        lines += ["", "## By rule", "", *_markdown(scores.rule_table())]
    lines += ["", "## Disagreements"]
    lines += _grouped(scores.disagreements) if scores.disagreements else ["", "None."]
    return "\n".join(lines) + "\n"


def summary(scores: Scores) -> str:
    """One line: micro F1, precision, recall and records found."""
    micro = scores.table().iloc[-1]
    return (
        f"micro F1 {micro['f1']:.3f} (precision {micro['precision']:.3f}, recall "
        f"{micro['recall']:.3f}); records found {scores.records_found}/{scores.records_gold}"
    )
