"""Shared test fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def workspace(tmp_path: Path) -> dict[str, Path]:
    """A copy of data/raw (documents, manifest, overrides) and empty output folders."""
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw, ignore=shutil.ignore_patterns("reference"))
    return {
        "raw": raw,
        "clean": tmp_path / "clean",
        "interim": tmp_path / "interim",
        "tables": tmp_path / "tables",
        "cache": tmp_path / "cache",
        "gold": ROOT / "data" / "gold",
    }
