"""``rectify report``: render ``reports/`` with Quarto, or the built-in fallback."""

from __future__ import annotations

from pathlib import Path

from analysis import paths
from analysis.errors import InputError
from analysis.report import fallback, quarto
from analysis.report.project import Project, formats

#: ``auto``: Quarto if a 1.4+ is on PATH, else the fallback; ``quarto``; ``fallback``.
RENDERERS = ("auto", "quarto", "fallback")


def run(renderer: str | None = None, to: str | None = None,
        reports_dir: Path | None = None) -> list[Path]:
    """Render every report to ``to`` (``html``, ``pdf`` or ``all`` the project's formats);
    print and return the paths written."""
    choice = renderer or "auto"
    if choice not in RENDERERS:
        raise ValueError(f"renderer must be one of {', '.join(RENDERERS)}, not {choice!r}")
    project = Project.load(reports_dir or paths.REPORTS)
    wanted = tuple(formats(project.config)) if to == "all" else (to or "html",)
    unknown = [f for f in wanted if f not in formats(project.config)]
    if unknown:
        raise InputError(project.directory / "_quarto.yml", f"declares no format {unknown[0]}")
    found = quarto.find() if choice != "fallback" else None
    if choice == "quarto" and found is None:
        raise InputError("quarto", f"not found on PATH (--renderer quarto needs Quarto "
                                   f"{'.'.join(map(str, quarto.MINIMUM))} or newer)")
    if found:
        written = quarto.render(project, found, wanted)
    else:
        written = [r.path for r in fallback.render_project(project, formats=wanted)]
    for path in written:
        print(f"report: wrote {_shown(path)}")
    return written


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)
