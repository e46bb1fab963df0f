"""Reports: render the Quarto project in ``reports/`` (report and codebook pages).

``run()`` renders with the Quarto CLI when it is on PATH and otherwise with the built-in
fallback (``fallback``); ``cells`` holds the helpers the documents' code cells call.
"""

from __future__ import annotations

from pathlib import Path


def run(renderer: str | None = None, to: str | None = None) -> list[Path]:
    """Render every report (see ``analysis.report.render.run``)."""
    from analysis.report.render import run as render_run

    return render_run(renderer, to)


__all__ = ["run"]
