"""Where the pipeline reads and writes, relative to the project directory.

The project directory is the one holding ``data/raw/manifest.csv``: ``$RECTIFY_ROOT`` when it
is set (``rectify --project DIR`` sets it), else the working directory or the nearest parent
that has that file (so code cells run in ``reports/`` or ``notebooks/`` find it too). It is
never derived from where the package is installed. Files shipped inside the package (codebook,
gazetteer, specifications, styles) are under ``PACKAGE``.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE / "data"
ROOT_ENV = "RECTIFY_ROOT"
#: The file that makes a directory a project.
MARKER = Path("data") / "raw" / "manifest.csv"


def find_root(start: Path | None = None) -> Path:
    """``$RECTIFY_ROOT``, else the nearest of ``start`` (the working directory) and its parents
    holding ``data/raw/manifest.csv``, else ``start`` itself."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    here = Path(start or Path.cwd()).resolve()
    return next((d for d in (here, *here.parents) if (d / MARKER).is_file()), here)


def is_project(root: Path) -> bool:
    """Whether ``root`` is a project directory (it has ``data/raw/manifest.csv``)."""
    return (Path(root) / MARKER).is_file()


ROOT = find_root()
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
