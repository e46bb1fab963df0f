"""Pandera schemas built from tables.yaml, checked on every build.

No rule is written here: field types, constraints, primary keys and cross-field checks
all come from ``analysis/tables.yaml`` via :mod:`analysis.panel.metadata`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from analysis.panel import metadata

MAX_ROWS_SHOWN = 20


class SchemaViolation(Exception):
    """A clean table breaks its declared schema; the message shows the failing rows."""

    def __init__(self, table: str, problems: str, rows: pd.DataFrame) -> None:
        self.table = table
        self.rows = rows
        with pd.option_context("display.width", 200, "display.max_columns", 30):
            shown = rows.head(MAX_ROWS_SHOWN).to_string()
        super().__init__(
            f"table {table}: {len(rows)} row(s) violate the schema\n{problems}\n{shown}"
        )


def _range_checks(constraints: dict[str, Any]) -> list[pa.Check]:
    makers = {
        "minimum": pa.Check.ge,
        "maximum": pa.Check.le,
        "exclusive_minimum": pa.Check.gt,
        "enum": pa.Check.isin,
        "pattern": pa.Check.str_matches,
    }
    return [makers[key](value) for key, value in constraints.items() if key in makers]


def _in_range(values: pd.Series, spec: dict[str, Any]) -> pd.Series:
    ok = pd.Series(True, index=values.index)
    if "minimum" in spec:
        ok &= values >= spec["minimum"]
    if "exclusive_minimum" in spec:
        ok &= values > spec["exclusive_minimum"]
    if "maximum" in spec:
        ok &= values <= spec["maximum"]
    return ok | values.isna()


def value_in_range(frame: pd.DataFrame, by: str) -> pd.Series:
    """True where ``frame.value`` lies in the range of the row's variable (``by`` column)."""
    ok = pd.Series(True, index=frame.index)
    for name, var in metadata.variables().items():
        rows = frame[by] == name
        ok[rows] = _in_range(frame.loc[rows, "value"], var["range"])
    return ok


def _frame_check(spec: dict[str, Any]) -> pa.Check:
    if "le" in spec:
        low, high = spec["le"]
        return pa.Check(
            lambda df: df[low].isna() | df[high].isna() | (df[low] <= df[high]),
            name=f"{low} <= {high}",
        )
    if "value_range_by" in spec:
        by = spec["value_range_by"]
        return pa.Check(lambda df: value_in_range(df, by), name=f"value within range of {by}")
    for kind, wanted in (("present_if", True), ("absent_if", False)):
        if kind in spec:
            return _presence_check(spec[kind], wanted)
    raise KeyError(f"tables.yaml: unknown check {spec}")


def _presence_check(spec: dict[str, Any], wanted: bool) -> pa.Check:
    """Fields non-empty (``wanted``) or empty where column ``c`` takes one of the values."""
    targets = spec["fields"]
    ((column, values),) = ((k, v) for k, v in spec.items() if k != "fields")

    def check(df: pd.DataFrame) -> pd.Series:
        present = pd.concat(
            [df[f].notna() & (df[f].astype("string").fillna("") != "") for f in targets], axis=1
        )
        holds = present.all(axis=1) if wanted else ~present.any(axis=1)
        return ~df[column].isin(values) | holds

    word = "present" if wanted else "absent"
    return pa.Check(check, name=f"{', '.join(targets)} {word} where {column} is {'/'.join(values)}")


def schema(name: str) -> pa.DataFrameSchema:
    """The pandera schema of a clean table."""
    spec = metadata.table(name)
    columns = {
        field["name"]: pa.Column(
            metadata.DTYPES[field["type"]],
            checks=_range_checks(field["constraints"]),
            nullable=not field["constraints"].get("required", False),
            required=True,
        )
        for field in spec["fields"]
    }
    return pa.DataFrameSchema(
        columns,
        checks=[_frame_check(c) for c in spec["checks"]],
        unique=spec.get("primary_key"),
        strict=True,
        ordered=True,
        name=name,
    )


def validate(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check ``frame`` against table ``name``; raise SchemaViolation showing failing rows.

    Rows are numbered from 0 in the order of ``frame`` (its index is reset).
    """
    frame = frame.reset_index(drop=True)
    try:
        return schema(name).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        cases = err.failure_cases
        index = pd.to_numeric(cases["index"], errors="coerce").dropna().astype(int).unique()
        rows = frame.loc[[i for i in sorted(index) if i in frame.index]]
        problems = "\n".join(_describe(cases))
        raise SchemaViolation(name, problems, rows) from None


def _describe(cases: pd.DataFrame) -> list[str]:
    """One line per failed check: the column (for column checks) and the failing rows."""
    lines = []
    frame_level = cases["schema_context"] == "DataFrameSchema"
    cases = cases.assign(column=cases["column"].where(~frame_level, "(row)"))
    for (column, check), group in cases.groupby(["column", "check"], sort=True, dropna=False):
        rows = sorted({str(i) for i in group["index"].dropna()}, key=lambda s: (len(s), s))
        values = sorted({str(v) for v in group["failure_case"].dropna()})[:5]
        detail = f"rows {', '.join(rows[:MAX_ROWS_SHOWN])}" if rows else f"values {values}"
        lines.append(f"  {column}: {check}: {detail}")
    return lines
