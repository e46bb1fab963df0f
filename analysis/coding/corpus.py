"""Coding a corpus: every document in the manifest -> the clean tables of the code stage.

Writes ``data/interim/<doc_id>.txt`` (the normalised text every offset points into) and, in
``data/clean/``, ``records``, ``mentions``, ``evidence``, ``coding_audit`` and ``documents``
(CSV and Parquet). A document that cannot be read is reported in one line and skipped; the
others are still coded. Outputs are written atomically, so a failed run leaves the last
good ones in place.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import paths
from analysis.codebook import Codebook, default_codebook
from analysis.coding.coder import CodedDocument, CodedRecord, code_text
from analysis.coding.overrides import apply_overrides, read_overrides
from analysis.errors import InputError
from analysis.ingest import text_from_bytes
from analysis.manifest import Entry, read_manifest, verify
from analysis.outputs import atomic_write_text, write_table

TABLE_FORMATS = ("csv", "parquet")
MENTION_COLUMNS = [
    "doc_id",
    "jurisdiction",
    "variable",
    "year",
    "months",
    "value",
    "yoy_change",
    "yoy_unit",
    "quote",
    "start",
    "end",
    "rule",
]
EVIDENCE_COLUMNS = [
    "doc_id",
    "jurisdiction",
    "variable",
    "value",
    "quote",
    "start",
    "end",
    "rule",
    "source",
]
AUDIT_COLUMNS = [
    "doc_id",
    "jurisdiction",
    "variable",
    "chosen_value",
    "chosen_quote",
    "chosen_start",
    "other_value",
    "other_quote",
    "other_start",
    "reason",
]


@dataclass
class Result:
    """The coding of one document: its normalised text and coded records, or a problem."""

    doc_id: str
    text: str | None
    coded: CodedDocument | None
    problem: str | None = None


def code_document(data: bytes, name: str, doc_id: str, codebook: Codebook | None = None) -> Result:
    """Pure per-document coding: bytes and codebook in, normalised text and records out."""
    try:
        text = text_from_bytes(data, name)
    except InputError as error:
        return Result(doc_id, None, None, str(error))
    coded = code_text(text, doc_id, codebook or default_codebook())
    problem = f"{name}: {coded.problem}" if coded.problem else None
    return Result(doc_id, text, coded, problem)


def _code_entry(entry: Entry) -> Result:
    return code_document(entry.path.read_bytes(), str(entry.path), entry.doc_id)


def code_entries(entries: list[Entry], jobs: int = 1, progress: bool = False) -> Iterable[Result]:
    """Code entries in order, in ``jobs`` processes when more than one."""
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(entries), unit="doc", file=sys.stderr)
    if jobs > 1 and len(entries) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(
                _code_entry, entries, chunksize=max(1, len(entries) // (jobs * 8))
            ):
                if progress:
                    bar.update()
                yield result
    else:
        for entry in entries:
            result = _code_entry(entry)
            if progress:
                bar.update()
            yield result
    if progress:
        bar.close()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def records_frame(records: list[CodedRecord], codebook: Codebook) -> pd.DataFrame:
    names = codebook.record_variable_names
    rows = [
        {
            **{n: _cell(r.values.get(n)) for n in names},
            "doc_id": r.doc_id,
            "jurisdiction": r.jurisdiction,
        }
        for r in records
        if r.account
    ]
    frame = pd.DataFrame(rows, columns=names)
    for spec in codebook.record_variables:
        if spec["type"] == "integer":
            frame[spec["name"]] = frame[spec["name"]].astype("Int64")
        elif spec["type"] != "integer":
            frame[spec["name"]] = frame[spec["name"]].astype("string")
    return frame.sort_values(["doc_id", "jurisdiction"], kind="stable").reset_index(drop=True)


def mentions_frame(records: list[CodedRecord]) -> pd.DataFrame:
    rows = [
        {
            "doc_id": r.doc_id,
            "jurisdiction": r.jurisdiction,
            "variable": m.variable,
            "year": m.year,
            "months": m.months,
            "value": m.value,
            "yoy_change": m.yoy_change,
            "yoy_unit": m.yoy_unit,
            "quote": m.quote,
            "start": m.start,
            "end": m.end,
            "rule": m.rule,
        }
        for r in records
        for m in r.mentions
    ]
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for column in ("year", "start", "end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("value", "yoy_change"):
        frame[column] = frame[column].astype("Float64")
    return frame.sort_values(
        ["doc_id", "jurisdiction", "start", "variable", "year"], kind="stable"
    ).reset_index(drop=True)


def evidence_frame(records: list[CodedRecord]) -> pd.DataFrame:
    rows = [
        {
            "doc_id": r.doc_id,
            "jurisdiction": r.jurisdiction,
            "variable": e.variable,
            "value": str(_cell(e.value)),
            "quote": e.quote,
            "start": e.start if e.start >= 0 else None,
            "end": e.end if e.end >= 0 else None,
            "rule": e.rule,
            "source": e.source,
        }
        for r in records
        if r.account
        for e in r.evidence.values()
    ]
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    for column in ("start", "end"):
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values(["doc_id", "jurisdiction", "variable"], kind="stable").reset_index(
        drop=True
    )


def audit_frame(documents: list[CodedDocument]) -> pd.DataFrame:
    rows = [{c: _cell(getattr(a, c)) for c in AUDIT_COLUMNS} for d in documents for a in d.audit]
    frame = pd.DataFrame(rows, columns=AUDIT_COLUMNS).astype("string")
    return frame.sort_values(
        ["doc_id", "jurisdiction", "variable", "other_start"], kind="stable"
    ).reset_index(drop=True)


def code_corpus(
    manifest: Path = paths.MANIFEST,
    clean_dir: Path = paths.CLEAN,
    interim_dir: Path = paths.INTERIM,
    overrides: Path = paths.OVERRIDES,
    jobs: int = 1,
    progress: bool = False,
    log=print,
) -> list[Path]:
    """Code every document of the manifest and write the code stage's tables."""
    codebook = default_codebook()
    entries, problems = read_manifest(manifest)
    for problem in problems:
        log(f"skipped: {problem}", file=sys.stderr)
    for entry in entries:
        verify(entry)  # a changed raw file stops the run before anything is written
    documents, records, doc_rows = [], [], []
    for result in code_entries(entries, jobs=jobs, progress=progress):
        if result.problem:
            log(f"not coded: {result.problem}", file=sys.stderr)
        if result.text is not None:
            atomic_write_text(interim_dir / f"{result.doc_id}.txt", result.text)
        if result.coded is not None:
            documents.append(result.coded)
            records.extend(result.coded.records)
        doc_rows.append(
            {
                "doc_id": result.doc_id,
                "records": len(result.coded.records) if result.coded else 0,
                "characters": len(result.text) if result.text else 0,
                "problem": result.problem or "",
            }
        )
    apply_overrides(records, read_overrides(overrides), codebook)
    tables = {
        "records": records_frame(records, codebook),
        "mentions": mentions_frame(records),
        "evidence": evidence_frame(records),
        "coding_audit": audit_frame(documents),
        "documents": pd.DataFrame(doc_rows, columns=["doc_id", "records", "characters", "problem"]),
    }
    written = []
    for name, frame in tables.items():
        written += write_table(frame, clean_dir / name, TABLE_FORMATS)
    return written
