"""The inspections section's numbers agree with the tables, recomputed with plain pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import paths

NEEDED = [paths.CLEAN / "events.csv", paths.CLEAN / "intensity.csv",
          paths.CLEAN / "outcomes.csv", paths.TABLES / "models_coefficients.csv"]


@pytest.fixture(scope="module")
def facts():
    missing = [str(p) for p in NEEDED if not p.exists()]
    if missing:
        pytest.skip(f"pipeline outputs not built: {missing}")
    from analysis.report import inspections

    return inspections.facts()


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def test_event_counts(facts):
    events = pd.read_csv(paths.CLEAN / "events.csv")
    central = events[events["inspection_level"] == "central"]
    assert _num(facts.central_events) == len(central)
    assert _num(facts.event_provinces) == central["province"].nunique() == 31
    gaps = events["feedback_date"].isna()
    imputed = events["feedback_source"].isin(["schedule_batch", "schedule_imputed"])
    assert _num(facts.feedback_gaps) == gaps.sum()
    assert _num(facts.feedback_imputed) == imputed.sum()
    assert _num(facts.feedback_sourced) + _num(facts.feedback_imputed) \
        + _num(facts.feedback_gaps) == len(events)


def test_record_and_outcome_counts(facts):
    records = pd.read_csv(paths.CLEAN / "intensity.csv")
    parts = ("assigned_stated", "assigned_dates", "assigned_latest", "unassigned")
    assert sum(_num(getattr(facts, p)) for p in parts) == len(records)
    assert _num(facts.with_asof) == records["asof"].notna().sum() - (
        records["asof"].notna() & records["inspection_feedback_date"].isna()).sum()
    outcomes = pd.read_csv(paths.CLEAN / "outcomes.csv")
    reference = outcomes[outcomes["source_type"] == "reference"]
    assert _num(facts.reference_facts) == len(reference)
    assert _num(facts.official_facts) == reference["outlet"].isin(["gov", "official_media"]).sum()


def test_intensity_numbers_come_from_the_coefficient_table(facts):
    coefs = pd.read_csv(paths.TABLES / "models_coefficients.csv")
    row = coefs[(coefs["spec_id"] == "intensity_dose.good_air_ratio")
                & (coefs["term"] == "intensity_index")]
    if row.empty or row["status"].iloc[0] != "ok":
        pytest.skip("intensity_dose.good_air_ratio not estimated in these outputs")
    row = row.iloc[0]
    assert _num(facts.dose_good_air_ratio_n) == row["n_obs"]
    assert _num(facts.dose_good_air_ratio_g) == row["n_clusters"]
    assert facts.dose_good_air_ratio == f"{row['estimate']:.2f}"
    assert facts.dose_good_air_ratio_ci == f"[{row['ci_low']:.2f}, {row['ci_high']:.2f}]"


def test_missing_inputs_read_na_not_a_crash(monkeypatch):
    from analysis.report import inspections, sources

    def unavailable(name):
        raise sources.Unavailable(f"{name} not found")

    monkeypatch.setattr(sources, "table", unavailable)
    found = inspections.facts()
    assert found.events == "n/a" and found.dose_good_air_ratio == "n/a"
    assert "Not available" in inspections.intensity_table().data
