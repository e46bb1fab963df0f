"""``python -m analysis report``: render ``reports/`` with Quarto, or the built-in fallback."""

from __future__ import annotations

import os
from pathlib import Path

from analysis import paths
from analysis.report import fallback, quarto
from analysis.report.project import Project

#: ``auto`` (Quarto if on PATH, else the fallback), ``quarto`` or ``fallback``.
RENDERER_ENV = "RECTIFY_RENDERER"


def run(renderer: str | None = None, reports_dir: Path = paths.REPORTS) -> list[Path]:
    """Render every report; print and return the paths written."""
    choice = renderer or os.environ.get(RENDERER_ENV, "auto")
    if choice not in ("auto", "quarto", "fallback"):
        raise ValueError(f"{RENDERER_ENV} must be auto, quarto or fallback, not {choice!r}")
    project = Project.load(reports_dir)
    found = quarto.find() if choice != "fallback" else None
    if choice == "quarto" and found is None:
        raise RuntimeError("quarto (1.4 or newer) is not on PATH")
    if found:
        written = quarto.render(project, found)
    else:
        written = [r.path for r in fallback.render_project(project)]
    for path in written:
        print(f"report: wrote {_shown(path)}")
    return written


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)
