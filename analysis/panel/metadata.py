"""Field metadata of the clean tables, read once from ``analysis/tables.yaml``.

Also gives the pandas dtypes of the declared types and reads a CSV into them, so the
types of every table come from the one YAML file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis.errors import InputError
from analysis.paths import PACKAGE

TABLES_YAML = PACKAGE / "tables.yaml"

DTYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
TRUE = {"true", "True", "TRUE", "1"}
FALSE = {"false", "False", "FALSE", "0"}


@cache
def load() -> dict[str, Any]:
    """The parsed tables.yaml."""
    return yaml.safe_load(TABLES_YAML.read_text(encoding="utf-8"))


RANGE = ("minimum", "exclusive_minimum", "maximum")


@cache
def variables() -> dict[str, dict[str, Any]]:
    """Measured variables: unit, description, range — from ``mention_variables`` of
    ``analysis/codebook.yaml``, where they are declared."""
    from analysis.codebook import CODEBOOK_PATH

    declared = yaml.safe_load(CODEBOOK_PATH.read_text(encoding="utf-8"))["mention_variables"]
    return {
        v["name"]: {"unit": v["unit"], "description": v["description"],
                    "range": {key: v[key] for key in RANGE if key in v}}
        for v in declared
    }


def table(name: str) -> dict[str, Any]:
    """A table's metadata with its fields resolved to full definitions."""
    meta = load()
    spec = meta["tables"][name]
    fields = []
    for entry in spec["fields"]:
        override = {"name": entry} if isinstance(entry, str) else dict(entry)
        base = dict(meta["fields"].get(override["name"], {}))
        field = {**base, **override}
        if "variable" in field:  # unit and range come from the variable
            var = variables()[field["variable"]]
            field.setdefault("unit", var["unit"])
            field["constraints"] = {**var["range"], **field.get("constraints", {})}
        field.setdefault("constraints", {})
        if "type" not in field:
            raise KeyError(f"tables.yaml: field {field['name']} of {name} has no type")
        fields.append(field)
    return {**spec, "name": name, "fields": fields, "checks": spec.get("checks", [])}


def table_names() -> list[str]:
    """Names of all declared tables, in declaration order."""
    return list(load()["tables"])


def columns(name: str) -> list[str]:
    """Column names of a table, in order."""
    return [f["name"] for f in table(name)["fields"]]


def empty(name: str) -> pd.DataFrame:
    """An empty frame with a table's columns and dtypes."""
    return cast(pd.DataFrame({c: pd.Series(dtype="string") for c in columns(name)}), name)


def _cast_column(values: pd.Series, kind: str, column: str, path: str) -> pd.Series:
    text = values.astype("string").str.strip()
    text = text.mask(text == "")
    if kind == "string":
        return text
    if kind == "boolean":
        bad = text.notna() & ~text.isin(TRUE | FALSE)
        _fail(bad, text, column, "not true/false", path)
        return text.map(lambda v: pd.NA if pd.isna(v) else v in TRUE).astype("boolean")
    numbers = pd.to_numeric(text, errors="coerce")
    _fail(text.notna() & numbers.isna(), text, column, "not a number", path)
    if kind == "integer":
        _fail(numbers.notna() & (numbers % 1 != 0), text, column, "not an integer", path)
        return numbers.astype("Int64")
    return numbers.astype("float64")


def _fail(bad: pd.Series, text: pd.Series, column: str, problem: str, path: str) -> None:
    if bad.any():
        row = bad.idxmax()
        raise InputError(path, f"row {row + 2}: column {column}: {problem}: {text[row]!r}")


def cast(frame: pd.DataFrame, name: str, path: str | Path = "<frame>") -> pd.DataFrame:
    """``frame`` with exactly the table's columns, in order, cast to the declared types.

    Raises InputError naming ``path`` and the CSV row (header = row 1) of the first bad cell.
    """
    wanted = columns(name)
    missing = [c for c in wanted if c not in frame.columns]
    extra = [c for c in frame.columns if c not in wanted]
    if missing or extra:
        raise InputError(path, f"columns of {name} differ: missing {missing}, unexpected {extra}")
    frame = frame.reset_index(drop=True)
    out = {}
    for field in table(name)["fields"]:
        column = field["name"]
        series = frame[column]
        if str(series.dtype) != DTYPES[field["type"]]:
            series = _cast_column(series, field["type"], column, str(path))
        out[column] = series
    return pd.DataFrame(out, columns=wanted)


def read_csv(path: str | Path, name: str) -> pd.DataFrame:
    """Read a clean table's CSV with the declared column types."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "file not found")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return cast(frame, name, path)
