"""Figures: every file pair and sidecar is written, reruns are byte-identical, skips are clean."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import pytest
from test_models_synthetic import synthetic_panel

from analysis.figures import run
from analysis.models import run as run_models
from analysis.outputs import sha256_file

RECORDS = """doc_id,jurisdiction,level,parent,doc_type,published_date,tasks_total,tasks_completed
d01,省00,province,,progress,2022-01-05,100,60
d02,省01,province,,plan,2021-03-01,,
"""
MENTIONS = """doc_id,jurisdiction,variable,year,months,value
d01,省00,pm25,2021,,30
"""
VALIDATION = """variable,tp,fp,fn,precision,recall,f1
tasks_total,8,1,0,0.89,1.0,0.94
pm25,3,0,2,1.0,0.6,0.75
micro,11,1,2,0.92,0.85,0.88
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, Path, list[Path]]:
    root = tmp_path_factory.mktemp("fig")
    clean, tables, figures = root / "clean", root / "tables", root / "figures"
    clean.mkdir()
    panel = synthetic_panel(n_units=12, seed=3, completion_slope=-10.0)
    panel.to_csv(clean / "panel.csv", index=False)
    (clean / "records.csv").write_text(RECORDS, encoding="utf-8")
    (clean / "mentions.csv").write_text(MENTIONS, encoding="utf-8")
    run_models(clean, tables)
    (tables / "validation.csv").write_text(VALIDATION, encoding="utf-8")
    return clean, tables, figures, run(clean, figures, tables)


EXPECTED = ["coverage", "panel_coverage", "completion_rate", "trajectories", "validation_f1",
            "event_study_pm25", "event_study_good_air_ratio", "event_study_water_good_ratio",
            "intensity_pm25", "intensity_good_air_ratio", "intensity_water_good_ratio"]


def test_each_figure_has_pdf_png_and_sidecar(built) -> None:
    _, _, figures, written = built
    names = {p.name for p in written}
    for stem in EXPECTED:
        assert {f"{stem}.pdf", f"{stem}.png", f"{stem}.json"} <= names, stem
    assert (figures / "coverage.pdf").read_bytes().startswith(b"%PDF")
    assert (figures / "coverage.png").read_bytes().startswith(b"\x89PNG")


def test_png_is_300_dpi(built) -> None:
    from PIL import Image

    with Image.open(built[2] / "event_study_pm25.png") as image:
        assert round(image.info["dpi"][0]) == 300


def test_sidecar_traces_inputs_function_and_specs(built) -> None:
    clean, tables, figures, _ = built
    meta = json.loads((figures / "event_study_pm25.json").read_text(encoding="utf-8"))
    assert meta["function"] == "analysis.figures.plots.event_study"
    assert meta["spec_ids"] == ["es_twfe.pm25", "es_did2s.pm25", "es_sunab.pm25"]
    coefs = tables / "models_coefficients.csv"
    assert meta["inputs"][0]["sha256"] == sha256_file(coefs)
    assert meta["package_version"]
    n_obs = pd.read_csv(coefs).query("spec_id == 'es_twfe.pm25'")["n_obs"].iloc[0]
    assert meta["n"] == n_obs
    outputs = {o["path"]: o["sha256"] for o in meta["outputs"]}
    assert outputs["event_study_pm25.png"] == sha256_file(figures / "event_study_pm25.png")
    panel_meta = json.loads((figures / "completion_rate.json").read_text(encoding="utf-8"))
    assert panel_meta["inputs"][0]["sha256"] == sha256_file(clean / "panel.csv")
    assert panel_meta["n"] == 12


def test_rerun_is_byte_identical(built, tmp_path) -> None:
    clean, tables, figures, written = built
    first = {p.name: p.read_bytes() for p in written}
    again = run(clean, tmp_path, tables)
    assert {p.name: p.read_bytes() for p in again} == first


def test_validation_figure_is_skipped_with_a_message(built, tmp_path, caplog) -> None:
    clean, tables, _, _ = built
    empty_tables = tmp_path / "tables"
    empty_tables.mkdir()
    with caplog.at_level(logging.WARNING):
        written = run(clean, tmp_path / "figures", empty_tables)
    names = {p.name for p in written}
    assert "validation_f1.png" not in names and "event_study_pm25.png" not in names
    assert "coverage.png" in names
    assert "validation.csv not found" in caplog.text
    assert "run models first" in caplog.text


def test_validation_total_excludes_pooled_rows(built) -> None:
    meta = json.loads((built[2] / "validation_f1.json").read_text(encoding="utf-8"))
    assert meta["n"] == 8 + 3 + 2  # tp + fn of the two variables, not the micro row


def test_panel_coverage_counts_observed_jurisdiction_years(built) -> None:
    clean, _, figures, _ = built
    meta = json.loads((figures / "panel_coverage.json").read_text(encoding="utf-8"))
    assert meta["function"] == "analysis.figures.plots.panel_coverage"
    assert meta["inputs"][0]["sha256"] == sha256_file(clean / "panel.csv")
    # the synthetic panel observes an outcome in every one of its 12 x 12 jurisdiction-years
    assert meta["n"] == 12 * 12
    assert "feedback" in meta["caption"]


def test_panel_coverage_uses_english_exonyms(tmp_path) -> None:
    from analysis.figures import plots

    panel = pd.DataFrame({"jurisdiction": ["内蒙古自治区", "内蒙古自治区", "西藏自治区"],
                          "jurisdiction_pinyin": ["Neimenggu", "Neimenggu", "Xizang"],
                          "year": [2019, 2020, 2020], "pm25": [30.0, None, None],
                          "good_air_ratio": [None, None, 99.0], "water_good_ratio": None,
                          "feedback_year": [2020, 2020, None]})
    fig, record = plots.panel_coverage(panel, tmp_path / "panel.csv")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Inner Mongolia", "Tibet"]  # dated first
    assert record.n == 2  # 内蒙古 2020 and 西藏 2019 observe nothing
    assert "N = 2" in fig.axes[0].get_title() and "G = 2" in fig.axes[0].get_title()


def test_effects_on_shares_are_in_percentage_points() -> None:
    from analysis.figures import plots

    assert plots.effect_unit("good_air_ratio") == "percentage points"
    assert plots.effect_unit("water_good_ratio") == "percentage points"
    assert plots.effect_unit("pm25") == "µg/m³"
    assert plots.LABELS["good_air_ratio"].endswith("(%)")


def test_event_study_axis_names_the_unit_and_binned_ticks(built) -> None:
    from analysis.figures import plots

    _, tables, _, _ = built
    coefs_path = tables / "models_coefficients.csv"
    fig, _ = plots.event_study(pd.read_csv(coefs_path), coefs_path, "good_air_ratio")
    ax = fig.axes[0]
    assert "percentage points" in ax.get_ylabel()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "≤ −3" and ticks[-1] == "≥ 4"
