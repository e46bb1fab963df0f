"""Estimate every declared specification on the clean panel and write the tables."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.models import data as model_data
from analysis.models import intensity, tables
from analysis.models import specs as model_specs
from analysis.models.estimators import IMPLEMENTATIONS
from analysis.models.results import (
    COEF_COLUMNS,
    SPEC_COLUMNS,
    TEST_COLUMNS,
    ModelResult,
    not_estimable,
)
from analysis.models.specs import Specification

log = logging.getLogger(__name__)
COEFFICIENTS = "models_coefficients"
TESTS = "models_tests"
SUMMARY = "models_summary"
SPECIFICATIONS = "models_specifications"
CAPTION = (
    "Estimates with 95% confidence intervals (estimate ± t(G−1) × cluster-robust SE); "
    "wild: wild cluster bootstrap p-value and the interval that inverts it, seed as shown. "
    "N = observations, G = clusters."
)


def estimate(spec: Specification, panel: pd.DataFrame,
             clean_tables: dict[str, pd.DataFrame] | None = None) -> ModelResult:
    """Estimate one specification; any failure is reported as not estimable, never raised."""
    try:
        frame = model_data.build(panel, spec, clean_tables)
    except model_data.SampleError as error:
        return not_estimable(spec, f"sample: {error}")
    except Exception as error:  # a sample that cannot be built is a result, not a crash
        return not_estimable(spec, f"sample: {type(error).__name__}: {error}")
    try:
        result = IMPLEMENTATIONS[spec.estimator](spec, frame.data)
    except Exception as error:
        n_clusters = frame.data[spec.cluster].nunique() if spec.cluster in frame.data else 0
        result = not_estimable(spec, f"{type(error).__name__}: {error}", len(frame.data),
                               n_clusters)
    result.notes = frame.notes + result.notes
    return result


def estimate_all(
    panel: pd.DataFrame, specifications: list[Specification] | None = None,
    clean_tables: dict[str, pd.DataFrame] | None = None,
) -> list[ModelResult]:
    """Results of all specifications (declared order); ``clean_tables``: the clean intensity
    and events tables the intensity specifications use."""
    panel = model_data.tidy_panel(panel)
    specifications = specifications or model_specs.load()
    return [estimate(spec, panel, clean_tables) for spec in specifications]


def coefficient_table(results: list[ModelResult]) -> pd.DataFrame:
    """All coefficients, one tidy frame."""
    frames = [r.tidy() for r in results]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COEF_COLUMNS)


def test_table(results: list[ModelResult]) -> pd.DataFrame:
    """All joint tests, one tidy frame."""
    frames = [r.tidy_tests() for r in results if not r.tidy_tests().empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=TEST_COLUMNS)


def specification_table(results: list[ModelResult]) -> pd.DataFrame:
    """One row per specification: estimated or not (and why), N, G, seed, notes."""
    return pd.DataFrame([r.spec_row() for r in results], columns=SPEC_COLUMNS)


def write(results: list[ModelResult], tables_dir: Path) -> list[Path]:
    """Tidy CSVs, the rendered summary table and a plain-text report of ``results``."""
    coefs, tests = coefficient_table(results), test_table(results)
    written = [tables.write_csv(coefs, tables_dir / f"{COEFFICIENTS}.csv"),
               tables.write_csv(tests, tables_dir / f"{TESTS}.csv"),
               tables.write_csv(specification_table(results),
                                tables_dir / f"{SPECIFICATIONS}.csv")]
    display = tables.display_frame(coefs)
    written += tables.write_rendered(display, tables_dir / SUMMARY, CAPTION)
    report = "\n\n".join(r.summary() for r in results) + "\n"
    written.append(tables.atomic_write_text(tables_dir / "models_report.txt", report))
    return written


def run(clean_dir: Path = paths.CLEAN, tables_dir: Path = paths.TABLES) -> list[Path]:
    """Estimate all specifications on ``clean_dir/panel.csv``; write to ``tables_dir``."""
    panel = model_data.read_panel(Path(clean_dir) / "panel.csv")
    results = estimate_all(panel, clean_tables=intensity.read_tables(clean_dir))
    for result in results:
        log.info("%s: %s (N=%d, G=%d)", result.spec.id, result.status, result.n_obs,
                 result.n_clusters)
    return write(results, Path(tables_dir))
