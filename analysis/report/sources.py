"""Read the pipeline's outputs for the reports; a missing input is a reason, not a crash."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import paths

#: The stage that writes each input, named in "not available" messages.
STAGE = {
    "records": "code", "mentions": "code", "evidence": "code", "documents": "code",
    "coding_audit": "code", "panel": "panel", "outcomes": "panel", "validation": "validate",
    "models_coefficients": "models", "models_tests": "models",
    "models_specifications": "models",
}


class Unavailable(Exception):
    """An input the report needs is missing or unreadable; ``str()`` is the reason."""


def relative(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def location(name: str) -> Path:
    """Where the table ``name`` is read from."""
    if name == "validation" or name.startswith("models_"):
        return paths.TABLES / f"{name}.csv"
    return paths.CLEAN / f"{name}.csv"


@lru_cache(maxsize=32)
def table(name: str) -> pd.DataFrame:
    """A pipeline table as a DataFrame (cached; treat as read-only)."""
    path = location(name)
    if not path.exists():
        stage = STAGE.get(name, name)
        raise Unavailable(f"{relative(path)} not found (run `python -m analysis {stage}`)")
    try:
        return pd.read_csv(path, dtype={"doc_id": str, "months": str, "asof": str})
    except (OSError, ValueError) as error:
        raise Unavailable(f"{relative(path)} cannot be read: {error}") from error


def maybe(name: str) -> pd.DataFrame | None:
    """``table(name)``, or None when it is unavailable."""
    try:
        return table(name)
    except Unavailable:
        return None


@lru_cache(maxsize=64)
def document_text(doc_id: str) -> str | None:
    """The normalised text of a document, the text all offsets point into.

    Read from ``data/interim/<doc_id>.txt``; where that is not built yet, the raw document
    named in the manifest is normalised again (the same function the code stage uses).
    None when neither is available.
    """
    path = paths.INTERIM / f"{doc_id}.txt"
    if path.exists():
        return path.read_text(encoding="utf-8")
    try:
        from analysis.ingest import read_document

        manifest = pd.read_csv(paths.MANIFEST, dtype=str)
        row = manifest[manifest["doc_id"] == doc_id]
        return read_document(paths.RAW / row["file"].iloc[0]) if len(row) else None
    except Exception:  # no manifest or an unreadable raw file: show the quote alone
        return None


def datapackage() -> dict[str, Any]:
    """``data/clean/datapackage.json`` (empty when absent)."""
    path = paths.CLEAN / "datapackage.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def figure_file(name: str) -> Path | None:
    """``figures/<name>.png`` written by ``analysis.figures``, if present."""
    path = paths.FIGURES / f"{name}.png"
    return path if path.exists() else None


def figure_meta(name: str) -> dict[str, Any]:
    """``figures/<name>.json`` (caption, drawing function, inputs), empty when absent."""
    path = paths.FIGURES / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except ValueError:
        return {}
