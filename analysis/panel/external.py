"""Researcher-supplied outcome files in ``data/raw/outcomes/*.csv`` (schema in its README).

Columns: jurisdiction, year, variable, value, unit, source, and optionally months. Every
problem (unknown column, unknown variable, wrong unit, value out of range, non-integer
year, bad months) raises an InputError naming the file and the CSV row (header = row 1).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.panel import metadata
from analysis.panel.schema import value_in_range

REQUIRED = ["jurisdiction", "year", "variable", "value", "unit", "source"]
OPTIONAL = ["months"]
MONTHS = re.compile(r"^\d{1,2}-\d{1,2}$")
COLUMNS = ["jurisdiction", "year", "variable", "months", "value", "unit", "file", "source"]


def outcome_variables() -> dict[str, dict]:
    """Outcome variables (all measured variables except funding)."""
    return {k: v for k, v in metadata.variables().items() if k != "funding_cny"}


def read_file(path: str | Path) -> pd.DataFrame:
    """One validated external outcome file, with a ``file`` column (its name)."""
    path = Path(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    unknown = [c for c in frame.columns if c not in REQUIRED + OPTIONAL]
    if unknown:
        raise InputError(path, f"unknown column(s) {unknown}; allowed {REQUIRED + OPTIONAL}")
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(path, f"missing column(s) {missing}")
    if "months" not in frame.columns:
        frame["months"] = ""
    frame = frame.apply(lambda col: col.str.strip())
    variables = outcome_variables()
    for i, row in frame.iterrows():
        where = f"row {i + 2}"
        for column in REQUIRED:
            if row[column] == "":
                raise InputError(path, f"{where}: {column} is empty")
        if row["variable"] not in variables:
            raise InputError(path, f"{where}: unknown variable {row['variable']!r}; "
                             f"allowed {sorted(variables)}")
        if not re.fullmatch(r"\d{4}", row["year"]):
            raise InputError(path, f"{where}: year {row['year']!r} is not an integer year")
        if row["unit"] != variables[row["variable"]]["unit"]:
            raise InputError(path, f"{where}: unit {row['unit']!r} for {row['variable']}; "
                             f"expected {variables[row['variable']]['unit']!r}")
        if row["months"] and not MONTHS.fullmatch(row["months"]):
            raise InputError(path, f"{where}: months {row['months']!r} is not like 1-11")
    values = pd.to_numeric(frame["value"], errors="coerce")
    if values.isna().any():
        row = int(values.isna().to_numpy().argmax())
        raise InputError(path, f"row {row + 2}: value {frame['value'][row]!r} is not a number")
    frame["value"] = values.astype("float64")
    ok = value_in_range(frame, "variable")
    if not ok.all():
        row = int((~ok).to_numpy().argmax())
        raise InputError(path, f"row {row + 2}: value {frame['value'][row]} out of range "
                         f"for {frame['variable'][row]}")
    frame["year"] = frame["year"].astype("int64")
    frame["months"] = frame["months"].replace("", pd.NA)
    frame["file"] = path.name
    return frame[COLUMNS]


def read_all(outcomes_dir: str | Path) -> pd.DataFrame:
    """All external outcome files (sorted by name); an empty frame when there are none."""
    outcomes_dir = Path(outcomes_dir)
    paths = sorted(outcomes_dir.glob("*.csv")) if outcomes_dir.exists() else []
    frames = [read_file(p) for p in paths]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    return pd.concat(frames, ignore_index=True)
