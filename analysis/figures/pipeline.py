"""Build every figure from the clean data and the model tables."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.figures import plots
from analysis.figures.save import save, style
from analysis.models.pipeline import COEFFICIENTS, TESTS
from analysis.variables import OUTCOMES

log = logging.getLogger(__name__)


def run(
    clean_dir: Path = paths.CLEAN, figures_dir: Path = paths.FIGURES,
    tables_dir: Path = paths.TABLES,
) -> list[Path]:
    """Draw all figures that their inputs allow; skipped ones are logged with the reason."""
    clean_dir, tables_dir = Path(clean_dir), Path(tables_dir)
    panel_path = clean_dir / "panel.csv"
    panel = pd.read_csv(panel_path, dtype={"record_doc_id": str})
    coefs_path = tables_dir / f"{COEFFICIENTS}.csv"
    style()
    made = [
        plots.coverage(clean_dir / "records.csv", clean_dir / "mentions.csv", panel),
        plots.panel_coverage(panel, panel_path),
        plots.completion(panel, panel_path),
        plots.trajectories(panel, panel_path),
        plots.validation(tables_dir / "validation.csv"),
    ]
    if coefs_path.exists():
        coefs = pd.read_csv(coefs_path)
        tests_path = tables_dir / f"{TESTS}.csv"
        tests = pd.read_csv(tests_path) if tests_path.exists() else None
        made += [plots.event_study(coefs, coefs_path, o, tests) for o in OUTCOMES]
    else:
        log.warning("event-study figures skipped: %s not found (run models first)", coefs_path)
    made += [plots.intensity(panel, panel_path, o) for o in OUTCOMES]
    written = []
    for item in made:
        if item is not None:
            written += save(*item, figures_dir)
    return written
