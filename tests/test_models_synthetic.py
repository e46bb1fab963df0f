"""Synthetic panels for the model and figure tests, and checks of the panel maker itself."""

from __future__ import annotations

import numpy as np
import pandas as pd

PINYIN = [f"Province{k:02d}" for k in range(31)]


def synthetic_panel(
    n_units: int = 31,
    years: tuple[int, int] = (2013, 2024),
    cohorts: tuple[int, ...] = (2017, 2019, 2021),
    effect: float = -3.0,
    dynamic: float = 0.0,
    noise: float = 1.0,
    completion_slope: float = 0.0,
    seed: int = 0,
) -> pd.DataFrame:
    """A province × year panel in the clean-panel layout with a known feedback effect.

    pm25 = unit effect + year effect + (effect + dynamic · event_time) · post + noise;
    good_air_ratio and water_good_ratio move the other way with no effect. Each unit has
    one progress record; its post-feedback PM2.5 also moves by completion_slope · (rate − 0.65).
    """
    rng = np.random.default_rng(seed)
    rows = []
    year_effect = {y: -1.5 * (y - years[0]) for y in range(years[0], years[1] + 1)}
    for unit in range(n_units):
        cohort = cohorts[unit % len(cohorts)]
        base = 40 + 15 * rng.random()
        rate = float(rng.uniform(0.3, 1.0))
        people = int(rng.integers(0, 300))
        funding = float(rng.uniform(1e8, 5e10))
        for year in range(years[0], years[1] + 1):
            event_time = year - cohort
            post = event_time >= 0
            shift = (effect + dynamic * event_time + completion_slope * (rate - 0.65)) * post
            rows.append({
                "jurisdiction": f"省{unit:02d}", "jurisdiction_pinyin": PINYIN[unit],
                "level": "province", "parent": None, "year": year,
                "pm25": base + year_effect[year] + shift + noise * rng.normal(),
                "pm25_derived": False,
                "good_air_ratio": 75 + 0.5 * (year - years[0]) + noise * rng.normal(),
                "good_air_ratio_derived": year == years[0],
                "water_good_ratio": 70 + 0.8 * (year - years[0]) + noise * rng.normal(),
                "water_good_ratio_derived": False,
                "inspection_level": "central", "feedback_year": cohort,
                "feedback_date": f"{cohort}-05", "event_time": event_time,
                "record_doc_id": f"doc{unit:02d}", "months_to_asof": int(6 + 2 * unit),
                "tasks_total": 100, "tasks_completed": int(round(100 * rate)),
                "completion_rate": round(rate, 2), "accountability_people": people,
                "funding_cny": funding,
            })
    return pd.DataFrame(rows)


def test_synthetic_panel_has_one_row_per_unit_year() -> None:
    panel = synthetic_panel(n_units=5, years=(2015, 2018))
    assert len(panel) == 20
    assert not panel.duplicated(["jurisdiction", "year"]).any()


def test_synthetic_event_time_matches_feedback_year() -> None:
    panel = synthetic_panel(n_units=4)
    assert (panel["event_time"] == panel["year"] - panel["feedback_year"]).all()
