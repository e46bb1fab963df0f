"""Manual overrides (``data/raw/overrides.csv``): a researcher's corrections, applied after
automatic coding and marked ``manual`` in the evidence.

Columns: doc_id, jurisdiction, variable, value, reason. An empty value clears the variable.
A row naming a record or a variable that does not exist is an error naming the file and row.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from analysis.codebook import Codebook
from analysis.coding.coder import CodedRecord
from analysis.coding.evidence import Evidence
from analysis.errors import InputError

COLUMNS = ("doc_id", "jurisdiction", "variable", "value", "reason")
#: Variables that identify a record and so cannot be overridden.
FIXED = ("doc_id", "jurisdiction")


@dataclass(frozen=True)
class Override:
    doc_id: str
    jurisdiction: str
    variable: str
    value: str
    reason: str
    where: str


def read_overrides(path: str | Path) -> list[Override]:
    """Rows of the overrides file ([] when it does not exist)."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise InputError(path, f"columns must be {', '.join(COLUMNS)}")
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(path, f"cannot read overrides: {error}") from error
    return [
        Override(*(str(row[c] or "").strip() for c in COLUMNS), where=f"{path}:{i}")
        for i, row in enumerate(rows, start=2)
    ]


def _typed(value: str, spec: dict, where: str):
    if value == "":
        return None
    kind = spec.get("type")
    try:
        if kind == "integer":
            return int(value)
        if kind == "boolean":
            if value.lower() not in ("true", "false"):
                raise ValueError(value)
            return value.lower() == "true"
    except ValueError as error:
        raise InputError(where, f"value {value!r} is not a valid {kind}") from error
    if "enum" in spec and value not in spec["enum"]:
        raise InputError(where, f"value {value!r} not one of {', '.join(spec['enum'])}")
    return value


def apply_overrides(
    records: list[CodedRecord], overrides: list[Override], codebook: Codebook
) -> list[CodedRecord]:
    """Apply overrides in place and return the records; unknown targets raise InputError."""
    specs = {v["name"]: v for v in codebook.record_variables}
    index = {(r.doc_id, r.jurisdiction): r for r in records}
    for row in overrides:
        if row.variable not in specs or row.variable in FIXED:
            raise InputError(row.where, f"unknown or fixed variable {row.variable!r}")
        record = index.get((row.doc_id, row.jurisdiction))
        if record is None:
            raise InputError(row.where, f"no coded record ({row.doc_id}, {row.jurisdiction})")
        if not row.reason:
            raise InputError(row.where, "an override needs a reason")
        value = _typed(row.value, specs[row.variable], row.where)
        record.values[row.variable] = value
        record.evidence[row.variable] = Evidence(
            row.variable, value, row.reason, -1, -1, "override", source="manual"
        )
    return records
