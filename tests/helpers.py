"""Helpers shared by the tests (imported as ``helpers``: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder`` (cache folders left out), by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


def panel_records(*rows: dict):
    """A records table in the clean schema: each row's values over central round-2 progress
    defaults (doc_id 'd', a province); every other column empty."""
    import pandas as pd

    from analysis.panel import metadata

    base = {c: pd.NA for c in metadata.columns("records")}
    defaults = {
        "doc_id": "d",
        "level": "province",
        "doc_type": "progress",
        "inspection_level": "central",
        "inspection_round": 2,
        "lookback": False,
    }
    return metadata.cast(pd.DataFrame([{**base, **defaults, **r} for r in rows]), "records")
