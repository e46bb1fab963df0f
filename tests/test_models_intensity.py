"""Intensity across jurisdictions x inspections: frames checked by hand, a known slope."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from analysis.models import data as model_data
from analysis.models import estimate, intensity, specs

FAST = specs.Bootstrap(reps=399, weights="webb", seed=11)


def _spec(spec_id: str, **options: object) -> specs.Specification:
    spec = next(s for s in specs.load() if s.id == spec_id)
    return dataclasses.replace(spec, bootstrap=FAST, options={**spec.options, **options})


def _record(doc_id, jurisdiction, inspection, feedback, asof, **values) -> dict:
    row = {"doc_id": doc_id, "jurisdiction": jurisdiction, "province": jurisdiction,
           "inspection": inspection, "inspection_feedback_date": feedback, "asof": asof,
           "published_date": pd.NA, "completion_rate": pd.NA, "resolution_rate": pd.NA,
           "accountability_per_case": pd.NA, "months_to_asof": pd.NA}
    return {**row, **values}


def _panel(values: dict[str, dict[int, float]], self_reported=None) -> pd.DataFrame:
    rows = []
    for jurisdiction, series in values.items():
        for year, value in series.items():
            rows.append({"jurisdiction": jurisdiction, "level": "province", "parent": pd.NA,
                         "year": year, "good_air_ratio": value,
                         "good_air_ratio_self": (self_reported or {}).get((jurisdiction, year))})
    return model_data.tidy_panel(pd.DataFrame(rows))


def _tables(*records: dict) -> dict[str, pd.DataFrame]:
    events = pd.DataFrame({"jurisdiction": ["甲省", "乙省"], "inspection": ["central:2"] * 2,
                           "inspection_batch": ["3", "3"]})
    return {"intensity": pd.DataFrame(records).astype("string"), "events": events}


def test_window_frame_by_hand():
    panel = _panel({"甲省": {2018: 70.0, 2019: 72.0, 2021: 75.0, 2022: 80.0, 2023: 81.0},
                    "乙省": {2019: 60.0, 2023: 61.0}},
                   self_reported={("甲省", 2019): 99.0})
    tables = _tables(
        # two inspections of 甲省 give two observations
        _record("a", "甲省", "central:2", "2021-07-20", "2022-12", completion_rate="0.5"),
        _record("b", "甲省", "central:1", "2017-07-01", "2018-05", completion_rate="0.9"),
        # measured in 2024, after the last year with a value in its window (2023)
        _record("c", "乙省", "central:2", "2021-07", "2024-06", completion_rate="0.8"),
    )
    frame = intensity.window_frame(panel, tables, _spec("intensity_dose.good_air_ratio")).data
    got = frame.set_index(["jurisdiction", "inspection"])
    # 甲省 round 2 (F = 2021): pre = latest of 2017..2020 = 2019 (72, not the self-reported
    # 99), post = latest of 2022..2025 = 2023 (81): (81 - 72) / 4 = 2.25 a year
    a = got.loc[("甲省", "central:2")]
    assert (a["pre_year"], a["post_year"], a["change"]) == (2019, 2023, 2.25)
    # 甲省 round 1 (F = 2017): pre = 2013..2016 has no value: no observation
    assert ("甲省", "central:1") not in got.index
    # 乙省: (61 - 60) / 4; measured 2024 after the post year 2023: no measure, dropped
    assert ("乙省", "central:2") not in got.index
    assert a["timing"] == "central:2:3"


def test_dose_response_and_did_recover_a_known_slope():
    rng = np.random.default_rng(5)
    values, records = {}, []
    for k in range(14):
        name = f"省{k:02d}"
        dose = rng.uniform(0.2, 1.0)
        base = 70 + rng.normal(0, 3)
        # after feedback (2021) the share rises by 4 points a year per unit of completion
        values[name] = {y: base + (4.0 * dose * (y - 2020) if y > 2021 else 0.0)
                        + rng.normal(0, 0.05) for y in range(2017, 2026) if y != 2021}
        records.append(_record(f"d{k}", name, "central:2", "2021-07-15", "2022-06",
                               completion_rate=str(dose)))
    panel, tables = _panel(values), _tables(*records)
    result = estimate(_spec("intensity_dose_completion.good_air_ratio"), panel, tables)
    assert result.ok, result.status
    assert result.n_obs == 14 and result.n_clusters == 14
    row = result.coefs.set_index("term").loc["completion_rate"]
    # annualised change 2020 -> 2025: 4 * dose * 5 / 5 = 4 * dose
    assert row["ci_low"] < 4.0 < row["ci_high"] and abs(row["estimate"] - 4.0) < 0.2
    did = estimate(_spec("intensity_did.good_air_ratio"), panel, tables)
    assert did.ok, did.status
    assert did.coefs.set_index("term").loc["dose_post", "estimate"] > 0
    assert did.n_clusters == 14


def test_self_reported_values_never_enter_the_main_outcome():
    panel = _panel({"甲省": {2019: 72.0}}, self_reported={("甲省", 2023): 99.0})
    tables = _tables(_record("a", "甲省", "central:2", "2021-07-20", "2022-12",
                             completion_rate="0.5"))
    frame = intensity.window_frame(panel, tables, _spec("intensity_dose.good_air_ratio"))
    assert frame.data.empty  # no independent value after feedback
    assert "0 of 1" in frame.notes[0]


def test_without_intensity_table_not_estimable():
    panel = _panel({"甲省": {2019: 72.0, 2023: 75.0}})
    result = estimate(_spec("intensity_dose.good_air_ratio"), panel, {})
    assert result.status.startswith("not estimable: sample: ValueError: no intensity table")


@pytest.mark.parametrize("months, expected", [("18", 1), ("", 0)])
def test_completion_timing_uses_asof_records_only(months, expected):
    tables = _tables(_record("a", "甲省", "central:2", "2021-07", "2023-01",
                             months_to_asof=months or pd.NA, completion_rate="0.5"))
    frame = intensity.records_frame(pd.DataFrame(), tables,
                                    _spec("completion_timing.completion_rate"))
    assert len(frame.data) == expected
