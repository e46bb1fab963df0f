"""Find and run the Quarto CLI (``quarto render reports/``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from analysis.report.project import Project

MINIMUM = (1, 4)


def find() -> str | None:
    """Path of a ``quarto`` on PATH that is version 1.4 or newer, else None."""
    path = shutil.which("quarto")
    if path is None:
        return None
    found = version(path)
    return path if found and found >= MINIMUM else None


def version(path: str) -> tuple[int, ...] | None:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    try:
        return tuple(int(part) for part in out.stdout.strip().split(".")[:2])
    except ValueError:
        return None


def render(project: Project, quarto: str, formats: tuple[str, ...] = ("html",)) -> list[Path]:
    """``quarto render`` the project to each format, with this interpreter as its Python."""
    print(f"report: rendering with Quarto {'.'.join(map(str, version(quarto) or ()))} "
          f"({quarto})", file=sys.stderr)
    env = {**os.environ, "QUARTO_PYTHON": sys.executable}
    written = []
    for fmt in formats:
        subprocess.run([quarto, "render", str(project.directory), "--to", fmt], check=True,
                       env=env)
        written += [project.output_dir / f"{qmd.stem}.{fmt}" for qmd in project.documents]
    return written
