"""Where the pipeline reads and writes, relative to the project root."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("RECTIFY_ROOT", PACKAGE.parent)).resolve()

RAW = ROOT / "data" / "raw"
MANIFEST = RAW / "manifest.csv"
OVERRIDES = RAW / "overrides.csv"
REFERENCE = RAW / "reference"
OUTCOMES = RAW / "outcomes"
INTERIM = ROOT / "data" / "interim"
CLEAN = ROOT / "data" / "clean"
GOLD = ROOT / "data" / "gold"
FIGURES = ROOT / "figures"
REPORTS = ROOT / "reports"
TABLES = REPORTS / "tables"
PACKAGE_DATA = PACKAGE / "data"
