"""Estimation frames built from the clean panel: event time, outcome change, records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.models.specs import Specification
from analysis.variables import OUTCOME_COLUMNS

INTENSITY = ("completion_rate", "accountability_people", "funding_period_cny")
NUMERIC = (
    *OUTCOME_COLUMNS, "year", "feedback_year", "entry_year", "first_round_feedback_year",
    "event_time", "months_to_asof",
    "tasks_total",
    "tasks_completed", "completion_rate", "petitions_total", "petitions_resolved",
    "resolution_rate", "accountability_people", "accountability_units", "funding_cny",
)
TRUE = {"true", "1", "yes"}


class SampleError(ValueError):
    """The panel cannot give this specification's sample (e.g. its event column is absent)."""


@dataclass
class Frame:
    """An estimation frame with the notes on what was dropped while building it."""

    data: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def read_panel(path: str | Path) -> pd.DataFrame:
    """Read ``panel.csv`` with numeric and boolean columns typed (tolerant of missing ones)."""
    panel = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    return tidy_panel(panel)


def tidy_panel(panel: pd.DataFrame) -> pd.DataFrame:
    """Type the columns the models use and add ``province`` and ``has_progress_record``."""
    panel = panel.copy()
    if "entry_start" in panel and "entry_year" not in panel:
        panel["entry_year"] = pd.to_numeric(
            panel["entry_start"].astype("string").str[:4], errors="coerce")
    for column in NUMERIC:
        if column in panel:
            panel[column] = pd.to_numeric(panel[column], errors="coerce").astype("float64")
    for outcome in OUTCOME_COLUMNS:
        flag = f"{outcome}_derived"
        if flag in panel:
            text = panel[flag].astype("string").str.strip().str.lower()
            panel[flag] = text.isin(TRUE).fillna(False).astype(bool)
        else:
            panel[flag] = False
    level = panel.get("level", pd.Series("province", index=panel.index))
    parent = panel.get("parent", pd.Series(pd.NA, index=panel.index))
    panel["province"] = np.where(
        (level == "province") | parent.isna(), panel["jurisdiction"], parent
    )
    intensity = [c for c in INTENSITY if c in panel]
    has_record = panel["record_doc_id"].notna() if "record_doc_id" in panel else True
    panel["has_progress_record"] = has_record & panel[intensity].notna().any(axis=1)
    return panel


def _sample(panel: pd.DataFrame, spec: Specification) -> pd.DataFrame:
    data = panel.copy()
    if spec.outcome in OUTCOME_COLUMNS and not spec.include_derived:
        data.loc[data[f"{spec.outcome}_derived"], spec.outcome] = np.nan
    if spec.query:
        data = data.query(spec.query, engine="python")
    return data


def event_frame(panel: pd.DataFrame, spec: Specification) -> Frame:
    """Rows with the outcome and a horizon that has a comparison, binned event time.

    Each unit's cohort is the first year of its event (``options.event``, default
    ``feedback_year``) as the panel states it, read before rows without the outcome are
    dropped: a unit whose post-event years are unobserved stays in its cohort.
    """
    data = _sample(panel, spec)
    unit, notes = spec.options.get("unit", "jurisdiction"), []
    event = spec.event
    if event not in data:
        raise SampleError(f"the panel has no column {event!r} (the event of this specification)")
    cohorts = data.groupby(unit)[event].agg(["min", "nunique"])
    several = cohorts.index[cohorts["nunique"] > 1]
    if len(several):
        notes.append(f"{len(several)} unit(s) with several {event} values: first one used")
    data = data[data[spec.outcome].notna()]
    no_event = cohorts.index[cohorts["min"].isna()]
    dropped = data[unit].isin(no_event)
    if dropped.any():
        notes.append(f"{data.loc[dropped, unit].nunique()} unit(s) without {event} dropped")
    data = data[~dropped].copy()
    data["cohort"] = data[unit].map(cohorts["min"]).astype(int)
    data["event_time"] = (data["year"] - data["cohort"]).astype(int)
    low, high = spec.window()
    outside = (data["event_time"] < low) | (data["event_time"] > high)
    if spec.options.get("endpoints", "bin") == "drop":
        if outside.any():
            notes.append(f"{int(outside.sum())} row(s) outside the window [{low}, {high}] dropped")
        data = data[~outside].copy()
        data["event_time_bin"] = data["event_time"]
    else:
        data["event_time_bin"] = data["event_time"].clip(low, high)
    data["treated"] = (data["event_time"] >= 0).astype(int)
    data["year"] = data["year"].astype(int)
    data = data.reset_index(drop=True)
    data["identified"] = identified(data, spec.reference, spec.options.get("time", "year"))
    dropped_rows = int((~data["identified"]).sum())
    if dropped_rows:
        notes.append(
            f"{dropped_rows} row(s) dropped: no not-yet-treated unit of another cohort observed "
            "in their year (horizon not identified)"
        )
    return Frame(data, notes)


def identified_rows(data: pd.DataFrame) -> pd.DataFrame:
    """The rows of an event frame whose horizon has a comparison (all rows if unflagged)."""
    if "identified" not in data:
        return data
    return data[data["identified"].astype(bool)].reset_index(drop=True)


def identified(data: pd.DataFrame, reference: int, time: str = "year") -> np.ndarray:
    """Rows whose year has a comparison: a unit of another cohort not yet treated then.

    Rows at the reference period are kept (they are the comparison). Repeated until stable,
    since a row that is dropped may have been another row's comparison.
    """
    return identified_arrays(pd.factorize(data[time], sort=True)[0],
                             data["cohort"].to_numpy(), data["event_time"].to_numpy(),
                             reference)


def identified_arrays(year_code: np.ndarray, cohort: np.ndarray, event_time: np.ndarray,
                      reference: int) -> np.ndarray:
    """The rule of ``identified`` on arrays (year codes, cohorts, event times)."""
    if len(year_code) == 0:
        return np.ones(0, dtype=bool)
    cohort_code, _ = pd.factorize(cohort, sort=True)
    untreated = event_time < 0
    at_reference = event_time == reference
    keep = np.ones(len(year_code), dtype=bool)
    while True:
        waiting = np.zeros((year_code.max() + 1, cohort_code.max() + 1), dtype=bool)
        rows = keep & untreated
        waiting[year_code[rows], cohort_code[rows]] = True
        others = waiting.sum(axis=1)[year_code] - waiting[year_code, cohort_code]
        now = keep & (at_reference | (others > 0))
        if (now == keep).all():
            return keep
        keep = now


def _last_before(group: pd.DataFrame, outcome: str, year: float) -> pd.Series | None:
    rows = group[(group["year"] < year) & group[outcome].notna()]
    return None if rows.empty else rows.loc[rows["year"].idxmax()]


def change_frame(panel: pd.DataFrame, spec: Specification) -> Frame:
    """One row per jurisdiction: outcome change from the last pre-feedback to the latest year.

    Intensity regressors: completion_rate, log1p(accountability_people), log(funding_cny)
    (funding of 0 or less gives a missing log).
    """
    data = _sample(panel, spec)
    outcome, rows, notes = spec.outcome, [], []
    for name, group in data.groupby("jurisdiction", sort=True):
        feedback = group["feedback_year"].min()
        if pd.isna(feedback):
            continue
        before = _last_before(group, outcome, feedback)
        after = group[(group["year"] >= feedback) & group[outcome].notna()]
        if before is None or after.empty:
            continue
        latest = after.loc[after["year"].idxmax()]
        last = group.sort_values("year").ffill().iloc[-1]
        rows.append({
            "jurisdiction": name, "jurisdiction_pinyin": last.get("jurisdiction_pinyin"),
            "level": last.get("level"), "province": last["province"],
            "feedback_year": int(feedback), "pre_year": int(before["year"]),
            "post_year": int(latest["year"]), "pre_value": before[outcome],
            "post_value": latest[outcome], "change": latest[outcome] - before[outcome],
            **{c: last.get(c, np.nan) for c in INTENSITY},
        })
    columns = ["jurisdiction", "jurisdiction_pinyin", "level", "province", "feedback_year",
               "pre_year", "post_year", "pre_value", "post_value", "change", *INTENSITY]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("change", *INTENSITY):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    frame["log1p_accountability_people"] = np.log1p(frame["accountability_people"])
    funding = frame[INTENSITY[-1]].where(frame[INTENSITY[-1]] > 0)
    frame["log_funding_cny"] = np.log(funding)
    skipped = data["jurisdiction"].nunique() - len(frame)
    if skipped:
        notes.append(f"{skipped} jurisdiction(s) without a pre- and post-feedback {outcome} value")
    return Frame(frame, notes)


def record_frame(panel: pd.DataFrame, spec: Specification) -> Frame:
    """One row per jurisdiction and coded record (the panel repeats them over years)."""
    data = _sample(panel, spec)
    keys = [c for c in ("jurisdiction", "record_doc_id") if c in data]
    data = data.sort_values(["jurisdiction", "year"]).drop_duplicates(keys, keep="last")
    return Frame(data.reset_index(drop=True), [])


BUILDERS = {"event_time": event_frame, "outcome_change": change_frame, "records": record_frame}


def build(panel: pd.DataFrame, spec: Specification,
          tables: dict[str, pd.DataFrame] | None = None) -> Frame:
    """The estimation frame declared by ``spec.options['frame']``; the intensity frames
    also use the clean intensity and events ``tables`` (see ``models.intensity``)."""
    from analysis.models import intensity

    frame = spec.options.get("frame", "event_time")
    if frame in intensity.FRAMES:
        return intensity.build(panel, tables or {}, spec)
    return BUILDERS[frame](panel, spec)
