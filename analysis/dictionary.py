"""Data dictionary of the clean tables, generated from ``analysis/tables.yaml``.

Writes ``data/clean/datapackage.json`` (Frictionless Data Package: one resource per clean
CSV present, with its table schema and primary key), ``data/clean/README.md`` (the same,
for people) and ``data/clean/panel.dta`` (Stata 118 with variable labels, byte-stable).
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import paths
from analysis.outputs import atomic_write_bytes, atomic_write_text, sha256_file
from analysis.panel import metadata

PACKAGE_NAME = "rectification-panel"
TITLE = "Rectification of China's environmental inspections: records, outcomes and panel"
STATA_TIME_STAMP = datetime(2024, 1, 1)
STATA_LABEL_LENGTH = 80
FRICTIONLESS_CONSTRAINTS = {"required": "required", "minimum": "minimum",
                            "maximum": "maximum", "enum": "enum", "pattern": "pattern"}


def _constraint_text(field: dict[str, Any]) -> str:
    parts = []
    c = field["constraints"]
    if c.get("required"):
        parts.append("required")
    if "exclusive_minimum" in c:
        parts.append(f"> {c['exclusive_minimum']}")
    if "minimum" in c:
        parts.append(f">= {c['minimum']}")
    if "maximum" in c:
        parts.append(f"<= {c['maximum']}")
    if "enum" in c:
        parts.append("one of " + ", ".join(str(v) for v in c["enum"]))
    if "pattern" in c:
        parts.append(f"matches `{c['pattern']}`")
    return "; ".join(parts)


def _check_text(check: dict[str, Any]) -> str:
    if "le" in check:
        return f"{check['le'][0]} <= {check['le'][1]} where both are present"
    for kind, word in (("present_if", "present"), ("absent_if", "empty")):
        if kind in check:
            spec = check[kind]
            ((column, values),) = ((k, v) for k, v in spec.items() if k != "fields")
            return f"{', '.join(spec['fields'])} {word} where {column} is {' or '.join(values)}"
    by = check["value_range_by"]
    return f"value within the range of its {by} (see Variables)"


def field_descriptor(field: dict[str, Any]) -> dict[str, Any]:
    """A Frictionless field descriptor."""
    description = " ".join(field.get("description", "").split())
    if "exclusive_minimum" in field["constraints"]:
        description += f" (> {field['constraints']['exclusive_minimum']})"
    out: dict[str, Any] = {"name": field["name"], "type": field["type"],
                           "description": description}
    if field.get("unit"):
        out["unit"] = field["unit"]
    constraints = {FRICTIONLESS_CONSTRAINTS[k]: v for k, v in field["constraints"].items()
                   if k in FRICTIONLESS_CONSTRAINTS}
    if constraints:
        out["constraints"] = constraints
    return out


def resource_descriptor(name: str, clean_dir: Path) -> dict[str, Any]:
    """A tabular data resource for one clean table."""
    spec = metadata.table(name)
    description = " ".join(spec["description"].split())
    if spec["checks"]:
        description += " Row checks: " + "; ".join(_check_text(c) for c in spec["checks"]) + "."
    path = clean_dir / spec["path"]
    return {
        "name": name.replace("_", "-"),
        "path": spec["path"],
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": description,
        "hash": f"sha256:{sha256_file(path)}",
        "bytes": path.stat().st_size,
        "schema": {
            "fields": [field_descriptor(f) for f in spec["fields"]],
            "primaryKey": spec["primary_key"],
            "missingValues": [""],
        },
    }


def datapackage(clean_dir: Path) -> dict[str, Any]:
    """The Data Package descriptor for the clean CSVs present in ``clean_dir``."""
    present = [n for n in metadata.table_names()
               if (clean_dir / metadata.table(n)["path"]).exists()]
    return {
        "name": PACKAGE_NAME,
        "title": TITLE,
        "profile": "tabular-data-package",
        "description": "Generated from analysis/tables.yaml by analysis/dictionary.py.",
        "licenses": metadata.load()["package"]["licenses"],
        "sources": metadata.load()["package"]["sources"],
        "resources": [resource_descriptor(n, clean_dir) for n in present],
    }


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def readme() -> str:
    """The human-readable data dictionary (Markdown)."""
    lines = [f"# {TITLE}", "",
             "Generated from `analysis/tables.yaml` by `analysis/dictionary.py`; do not edit.",
             "Empty cells are missing values (never zero).", "", "## Variables", "",
             "| variable | unit | valid range | description |", "|---|---|---|---|"]
    for name, var in metadata.variables().items():
        rng = _constraint_text({"constraints": var["range"]})
        lines.append(f"| {name} | {var['unit']} | {rng} | {_cell(var['description'])} |")
    for name in metadata.table_names():
        spec = metadata.table(name)
        lines += ["", f"## {name} (`{spec['path']}`)", "", _cell(spec["description"]), "",
                  f"Primary key: {', '.join(spec['primary_key'])}."]
        if spec["checks"]:
            lines.append("Row checks: " + "; ".join(_check_text(c) for c in spec["checks"]) + ".")
        lines += ["", "| field | type | unit | constraints | description |",
                  "|---|---|---|---|---|"]
        for f in spec["fields"]:
            lines.append(f"| {f['name']} | {f['type']} | {f.get('unit', '')} | "
                         f"{_cell(_constraint_text(f))} | {_cell(f.get('description', ''))} |")
    return "\n".join(lines) + "\n"


def stata_frame(panel: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The panel in Stata-friendly types (booleans 0/1, strings without NA) and labels."""
    out = pd.DataFrame(index=panel.index)
    for field in metadata.table("panel")["fields"]:
        col = panel[field["name"]]
        if field["type"] == "string":
            out[field["name"]] = col.astype(object).where(col.notna(), "").astype(str)
        else:  # integer, number, boolean -> double with Stata missing
            out[field["name"]] = col.astype("Float64").astype("float64")
    labels = {f["name"]: " ".join(f.get("description", "").split())[:STATA_LABEL_LENGTH]
              for f in metadata.table("panel")["fields"]}
    return out.reset_index(drop=True), labels


def panel_dta_bytes(panel: pd.DataFrame) -> bytes:
    """Stata 118 bytes of the panel with variable labels and a fixed time stamp."""
    frame, labels = stata_frame(panel)
    buffer = io.BytesIO()
    frame.to_stata(buffer, write_index=False, version=118, variable_labels=labels,
                   time_stamp=STATA_TIME_STAMP, data_label="Rectification panel")
    return buffer.getvalue()


def write_all(clean_dir: Path = paths.CLEAN, panel: pd.DataFrame | None = None) -> list[Path]:
    """Write datapackage.json, README.md and (given the panel) panel.dta into ``clean_dir``."""
    clean_dir = Path(clean_dir)
    written = []
    if panel is not None:
        written.append(atomic_write_bytes(clean_dir / "panel.dta", panel_dta_bytes(panel)))
    package = json.dumps(datapackage(clean_dir), ensure_ascii=False, indent=2) + "\n"
    written.append(atomic_write_text(clean_dir / "datapackage.json", package))
    written.append(atomic_write_text(clean_dir / "README.md", readme()))
    return written
