"""The report's section on inspections, outcome sources and intensity across provinces.

``facts()`` gives the numbers of its text, ``events_table()`` and ``intensity_table()`` its
tables, all read from ``data/clean/events.csv``, ``intensity.csv``, ``outcomes.csv`` and
``reports/tables/models_coefficients.csv`` at render time.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from analysis.report import fmt, sources
from analysis.report.tables import guarded, pipe_table

NA = "n/a"

#: Intensity specifications shown, in order, with their label in the table.
INTENSITY_SPECS = {
    "intensity_dose": "Dose-response, intensity index",
    "intensity_dose_completion": "Dose-response, completion rate",
    "intensity_dose_resolution": "Dose-response, complaints resolved",
    "intensity_dose_accountability": "Dose-response, accountable per case",
    "intensity_within_batch": "Within batches, intensity index",
    "intensity_did": "Continuous DiD, index × post",
    "intensity_dose_narrow": "Narrow window, intensity index",
    "intensity_dose_measured": "Window from the measurement year",
    "intensity_dose_official": "Gov and official-media facts only",
}
OUTCOME_LABELS = {"good_air_ratio": "good-air days (pp)", "pm25": "PM2.5 (µg/m³)",
                  "water_good_ratio": "water class I–III (pp)"}
KINDS = {"central:pilot": "pilot", "central:1": "first round",
         "central:1:lookback": "first round, look-back", "central:2": "second round",
         "central:3": "third round"}


def _kind(inspection: str) -> str:
    return KINDS.get(inspection, "provincial" if inspection.startswith("provincial") else
                     inspection)


def _coefs() -> pd.DataFrame:
    coefs = sources.table("models_coefficients")
    family = coefs["spec_id"].str.rsplit(".", n=1).str[0]
    return coefs[family.isin(INTENSITY_SPECS) & (coefs["term"] != "Intercept")].assign(
        family=family, outcome=coefs["spec_id"].str.rsplit(".", n=1).str[1])


def _flag(column: pd.Series) -> pd.Series:
    return column.astype(str).str.lower().eq("true")


class Facts(SimpleNamespace):
    """The section's numbers; one whose input is unavailable reads "n/a"."""

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return NA


def facts() -> Facts:
    """Numbers for the section's text (formatted strings)."""
    f = Facts()
    for part in (_event_facts, _record_facts, _outcome_facts, _intensity_facts):
        try:
            part(f)
        except sources.Unavailable:
            continue  # the tables say why
    return f


def _event_facts(f: Facts) -> None:
    events = sources.table("events")
    central = events[events["inspection_level"] == "central"]
    f.events = fmt.num(len(events))
    f.central_events = fmt.num(len(central))
    f.event_provinces = fmt.num(central["province"].nunique())
    f.provincial_events = fmt.num((events["inspection_level"] == "provincial").sum())
    f.feedback_sourced = fmt.num((events["feedback_date"].notna()
                                  & ~_flag(events["feedback_imputed"])).sum())
    f.feedback_documents = fmt.num(events["feedback_source"].isin(
        ["document", "hand_coded", "subunit_document"]).sum())
    f.feedback_imputed = fmt.num(_flag(events["feedback_imputed"]).sum())
    f.feedback_gaps = fmt.num(_flag(events["feedback_gap"]).sum())


def _record_facts(f: Facts) -> None:
    records = sources.table("intensity")
    f.progress_records = fmt.num(len(records))
    f.hand_coded = fmt.num((records["source"] == "hand_coded").sum())
    assigned = records["assignment"]
    f.assigned_stated = fmt.num(assigned.isin(["stated", "stated_batch"]).sum())
    f.assigned_dates = fmt.num((assigned == "document_dates").sum())
    f.assigned_latest = fmt.num((assigned == "latest_entered_before_record_date").sum())
    f.unassigned = fmt.num((assigned == "unassigned").sum())
    f.with_asof = fmt.num(records["months_to_asof"].notna().sum())


def _outcome_facts(f: Facts) -> None:
    outcomes = sources.table("outcomes")
    reference = outcomes[outcomes["source_type"] == "reference"]
    f.reference_facts = fmt.num(len(reference))
    f.official_facts = fmt.num(reference["outlet"].isin(["gov", "official_media"]).sum())
    f.self_reported = fmt.num((~_flag(outcomes["independent"])).sum())
    f.external = fmt.num((outcomes["source_type"] == "external").sum())


def _intensity_facts(f: Facts) -> None:
    coefs = _coefs()
    main = coefs[coefs["family"] == "intensity_dose"].set_index("outcome")
    for outcome in OUTCOME_LABELS:
        row = main.loc[outcome] if outcome in main.index else None
        ok = row is not None and row["status"] == "ok"
        setattr(f, f"dose_{outcome}_n", fmt.num(row["n_obs"]) if row is not None else "0")
        setattr(f, f"dose_{outcome}_g", fmt.num(row["n_clusters"]) if row is not None else "0")
        setattr(f, f"dose_{outcome}", fmt.num(row["estimate"], 2) if ok else fmt.DASH)
        setattr(f, f"dose_{outcome}_ci", (f"[{fmt.num(row['ci_low'], 2)}, "
                                          f"{fmt.num(row['ci_high'], 2)}]") if ok else fmt.DASH)
        setattr(f, f"dose_{outcome}_p", fmt.num(row["p_value_wild"], 2) if ok else fmt.DASH)
    f.intensity_specs = fmt.num(coefs["spec_id"].nunique())
    f.intensity_estimable = fmt.num(coefs.loc[coefs["status"] == "ok", "spec_id"].nunique())


@guarded
def events_table() -> str:
    """Inspections by kind: provinces or jurisdictions, feedback sourced, imputed, missing."""
    events = sources.table("events")
    rows = []
    for kind, group in events.groupby(events["inspection"].map(_kind), sort=False):
        rows.append({
            "Inspection": kind, "Jurisdictions": fmt.num(group["jurisdiction"].nunique()),
            "Feedback from a document": fmt.num(group["feedback_source"].isin(
                ["document", "hand_coded", "subunit_document"]).sum()),
            "Feedback from the schedule": fmt.num((group["feedback_source"] == "schedule").sum()),
            "Imputed": fmt.num(_flag(group["feedback_imputed"]).sum()),
            "No date (gap)": fmt.num(_flag(group["feedback_gap"]).sum()),
        })
    order = [*KINDS.values(), "provincial"]
    frame = pd.DataFrame(rows)
    frame = frame.set_index("Inspection").loc[[k for k in order if k in set(frame["Inspection"])]]
    return pipe_table(frame.reset_index(), "lrrrrr")


@guarded
def intensity_table() -> str:
    """Intensity estimates with N, G, interval and wild p, or the reason they are missing."""
    coefs = _coefs()
    rows = []
    for family, label in INTENSITY_SPECS.items():
        for outcome, unit in OUTCOME_LABELS.items():
            suffix = "_official" if family == "intensity_dose_official" else ""
            row = coefs[coefs["spec_id"] == f"{family}.{outcome}{suffix}"]
            if row.empty:
                continue
            row = row.iloc[0]
            ok = row["status"] == "ok"
            rows.append({
                "Specification": label, "Outcome": unit,
                "Estimate": fmt.num(row["estimate"], 2) if ok else fmt.DASH,
                "95% CI": (f"[{fmt.num(row['ci_low'], 2)}, {fmt.num(row['ci_high'], 2)}]"
                           if ok else fmt.md(str(row["status"]).removeprefix("not estimable: "))),
                "p (wild)": fmt.num(row["p_value_wild"], 2) if ok else fmt.DASH,
                "N": fmt.num(row["n_obs"]), "G": fmt.num(row["n_clusters"]),
            })
    return pipe_table(pd.DataFrame(rows), "llrlrrr")
