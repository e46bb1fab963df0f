"""Rectification intensity across jurisdictions and inspections: estimation frames.

Observations are jurisdiction x inspection (a province rectifying the first and the second
round gives two), from ``data/clean/intensity.csv`` (coded documents and hand-coded
records, each assigned to the inspection it rectifies) and the events table; outcomes are
the panel's independent series (never the documents' own values), so intensity and outcome
come from separate sources. Standard errors are clustered by province.

* ``intensity_window`` (one row per jurisdiction x inspection): the annualised outcome
  change over a fixed window around an anchor year A, from the latest year in ``A + pre``
  (default [-2, -1]) to the latest year in ``A + post`` (default [1, 3]):
  (post - pre) / (post year - pre year). ``anchor: feedback`` (A = the inspection's
  feedback year): each intensity measure is the latest record's of that jurisdiction and
  inspection measured (as-of, else publication year) no later than the post year.
  ``anchor: measured`` (A = the year of the latest record with a measure): only that
  year's records, so intensity is measured before the window's change.
  ``intensity_index`` is the mean of the available measures' z-scores across the frame's
  observations. ``timing`` (inspection and batch) groups the
  units sharing their timing, for within-batch estimates.
* ``intensity_records`` (one row per progress record): months from the feedback of the
  inspection it rectifies to its as-of date, for the descriptive completion timing.
* ``intensity_did`` (jurisdiction x inspection x year): the outcome in the years of the
  same window (the feedback year itself left out as a transition year), with
  ``dose_post`` = intensity_index x (year > F), for a continuous-treatment
  difference-in-differences with unit and year fixed effects.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.models.data import Frame, _sample
from analysis.models.specs import Specification

MEASURES = ("completion_rate", "resolution_rate", "accountability_per_case")
TABLES = {"intensity": "intensity.csv", "events": "events.csv"}


def read_tables(clean_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The clean intensity and events tables (absent ones left out)."""
    out = {}
    for name, file in TABLES.items():
        path = Path(clean_dir) / file
        if path.exists():
            out[name] = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    return out


def _year(text: pd.Series) -> pd.Series:
    return pd.to_numeric(text.astype("string").str[:4], errors="coerce")


def observations(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Progress records with an inspection: feedback year, measurement year, timing group."""
    records = tables["intensity"].copy()
    records = records[records["inspection"].notna() & records["inspection_feedback_date"].notna()]
    for column in MEASURES:
        records[column] = pd.to_numeric(records[column], errors="coerce")
    records["feedback_year"] = _year(records["inspection_feedback_date"])
    records["measured_year"] = _year(records["asof"].fillna(records["published_date"]))
    records["measured_on"] = records["asof"].fillna(records["published_date"]).fillna("")
    events = tables.get("events", pd.DataFrame(columns=["jurisdiction", "inspection",
                                                        "inspection_batch"]))
    batch = events.set_index(["jurisdiction", "inspection"])["inspection_batch"].to_dict()
    records["timing"] = [
        f"{i}:{batch.get((p, i), batch.get((j, i), ''))}"
        for j, p, i in zip(records["jurisdiction"], records["province"], records["inspection"],
                           strict=True)
    ]
    return records


def _latest_in(values: pd.Series, low: int, high: int) -> tuple[float, float] | None:
    """(year, value) of the latest year in [low, high] with a value."""
    window = values[(values.index >= low) & (values.index <= high)].dropna()
    if window.empty:
        return None
    year = int(window.index.max())
    return year, float(window.loc[year])


def window_frame(panel: pd.DataFrame, tables: dict[str, pd.DataFrame],
                 spec: Specification) -> Frame:
    """One row per jurisdiction x inspection: annualised outcome change and intensity."""
    data = _sample(panel, spec)
    series = {j: g.set_index("year")[spec.outcome] for j, g in data.groupby("jurisdiction")}
    pre, post = spec.options.get("pre", [-2, -1]), spec.options.get("post", [1, 3])
    anchor = spec.options.get("anchor", "feedback")
    rows, notes = [], []
    records = observations(tables)
    for (jurisdiction, inspection), group in records.groupby(["jurisdiction", "inspection"],
                                                             sort=True):
        values = series.get(jurisdiction)
        feedback = int(group["feedback_year"].max())
        measured = group.loc[group[list(MEASURES)].notna().any(axis=1), "measured_year"]
        if values is None or (anchor == "measured" and measured.isna().all()):
            continue
        start = feedback if anchor == "feedback" else int(measured.max())
        before = _latest_in(values, start + pre[0], start + pre[1])
        after = _latest_in(values, start + post[0], start + post[1])
        if before is None or after is None:
            continue
        if anchor == "feedback":  # measured no later than the window's last year
            usable = group[group["measured_year"].isna() | (group["measured_year"] <= after[0])]
        else:  # measured in the year the window opens from
            usable = group[group["measured_year"] == start]
        row = {"jurisdiction": jurisdiction, "inspection": inspection,
               "province": group["province"].iloc[0], "timing": group["timing"].iloc[0],
               "feedback_year": feedback, "pre_year": before[0], "post_year": after[0],
               "pre_value": before[1], "post_value": after[1],
               "change": (after[1] - before[1]) / (after[0] - before[0])}
        for measure in MEASURES:
            stated = usable[usable[measure].notna()].sort_values(["measured_on", "doc_id"])
            row[measure] = stated[measure].iloc[-1] if len(stated) else np.nan
            row[f"{measure}_doc_id"] = stated["doc_id"].iloc[-1] if len(stated) else pd.NA
        if any(pd.notna(row[m]) for m in MEASURES):
            rows.append(row)
    columns = ["jurisdiction", "inspection", "province", "timing", "feedback_year", "pre_year",
               "post_year", "pre_value", "post_value", "change", *MEASURES,
               *(f"{m}_doc_id" for m in MEASURES)]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("change", *MEASURES):
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    z = [(frame[m] - frame[m].mean()) / frame[m].std(ddof=0) for m in MEASURES
         if frame[m].notna().sum() > 1 and frame[m].std(ddof=0) > 0]
    frame["intensity_index"] = pd.concat(z, axis=1).mean(axis=1) if z else np.nan
    with_intensity = records.groupby(["jurisdiction", "inspection"]).ngroups
    notes.append(f"{len(frame)} of {with_intensity} jurisdiction x inspection(s) with a "
                 f"record have intensity and an independent {spec.outcome} before and after")
    return Frame(frame.reset_index(drop=True), notes)


def did_frame(panel: pd.DataFrame, tables: dict[str, pd.DataFrame],
              spec: Specification) -> Frame:
    """Jurisdiction x inspection x year rows of the window with dose_post."""
    units = window_frame(panel, tables, spec)
    data = _sample(panel, spec)
    pre, post = spec.options.get("pre", [-2, -1]), spec.options.get("post", [1, 3])
    rows = []
    for unit in units.data.itertuples():
        years = data[(data["jurisdiction"] == unit.jurisdiction) & data[spec.outcome].notna()]
        first, last = unit.feedback_year + pre[0], unit.feedback_year + post[1]
        years = years[(years["year"] >= first) & (years["year"] <= last)
                      & (years["year"] != unit.feedback_year)]
        for year, value in zip(years["year"], years[spec.outcome], strict=True):
            after = int(year > unit.feedback_year)
            rows.append({"unit": f"{unit.jurisdiction}|{unit.inspection}",
                         "jurisdiction": unit.jurisdiction, "province": unit.province,
                         "year": int(year), spec.outcome: value, "post": after,
                         "dose_post": unit.intensity_index * after})
    frame = pd.DataFrame(rows, columns=["unit", "jurisdiction", "province", "year",
                                        spec.outcome, "post", "dose_post"])
    return Frame(frame, units.notes)


def records_frame(panel: pd.DataFrame, tables: dict[str, pd.DataFrame],
                  spec: Specification) -> Frame:
    """One row per progress record with its months from its own inspection's feedback to
    its as-of date (``months_to_asof``, asof only) and its intensity."""
    records = tables["intensity"].copy()
    for column in (*MEASURES, "months_to_asof"):
        records[column] = pd.to_numeric(records[column], errors="coerce").astype("float64")
    notes = [f"{int(records['months_to_asof'].isna().sum())} record(s) without an as-of date "
             "or a feedback date of their inspection left out"]
    return Frame(records[records["months_to_asof"].notna()].reset_index(drop=True), notes)


FRAMES = {"intensity_window": window_frame, "intensity_did": did_frame,
          "intensity_records": records_frame}


def build(panel: pd.DataFrame, tables: dict[str, pd.DataFrame], spec: Specification) -> Frame:
    """The intensity frame declared by ``spec.options['frame']``."""
    if "intensity" not in tables:
        raise ValueError("no intensity table (data/clean/intensity.csv); run the panel stage")
    return FRAMES[spec.options["frame"]](panel, tables, spec)
