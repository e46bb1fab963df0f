"""Rectification intensity of a jurisdiction's latest progress record.

* Latest progress record: ``doc_type == progress``, latest by ``asof`` (a month stands for
  its last day), else by ``published_date``; ties go to the later published, then doc_id.
* Rates are completed/total and resolved/total, empty when either count is missing or the
  total is 0.
* Funding mentions are classified by kind from their own wording (``funding_kinds.yaml``:
  ecological-compensation transfers, cumulative totals, investment in a period) and never
  summed across kinds. Within a kind, ``sum_without_overlap`` counts identical amounts
  (same value, year and months) once and drops a year-to-date amount when the same year's
  full-year amount, or a longer year-to-date amount of that year, is stated; ``max``
  keeps the largest total. Empty when the record has no mention of the kind.
* ``months_to_asof``: calendar months from the feedback month of the inspection the record
  rectifies to its asof month (days ignored); empty without an asof date (a publication
  date is not when the figures were measured); ``months_to_asof_basis`` is ``asof``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from analysis.panel.events import span

KINDS_FILE = Path(__file__).with_name("funding_kinds.yaml")
INTENSITY_COLUMNS = ["record_doc_id", "asof", "tasks_total", "tasks_completed",
                     "completion_rate", "petitions_total", "petitions_resolved",
                     "resolution_rate", "accountability_people", "accountability_units",
                     "accountability_per_case"]


@cache
def funding_kinds() -> dict:
    """The parsed funding_kinds.yaml."""
    return yaml.safe_load(KINDS_FILE.read_text(encoding="utf-8"))


def funding_columns() -> list[str]:
    """One panel column per funding kind: funding_<kind>_cny."""
    return [f"funding_{k['kind']}_cny" for k in funding_kinds()["kinds"]]


def funding_kind(quote: object, year: object) -> str:
    """The kind of one funding mention, from its wording, else from whether it is dated."""
    spec = funding_kinds()
    text = "" if pd.isna(quote) else str(quote)
    for kind in spec["kinds"]:
        if kind["pattern"] and re.search(kind["pattern"], text):
            return kind["kind"]
    return spec["undated_kind"] if pd.isna(year) else spec["dated_kind"]


def rate(part: pd.Series, total: pd.Series) -> pd.Series:
    """part / total as float; NaN where either is missing or total is 0."""
    part = part.astype("Float64")
    total = total.astype("Float64")
    valid = part.notna() & total.notna() & (total > 0)
    return (part / total.where(valid)).where(valid).astype("float64")


def latest_progress(records: pd.DataFrame) -> pd.DataFrame:
    """One row per jurisdiction: its latest progress record."""
    progress = records[records["doc_type"] == "progress"]
    published = [_last_day(s) for s in progress["published_date"]]
    key = [_last_day(a) or p for a, p in zip(progress["asof"], published, strict=True)]
    ordered = progress.assign(
        _key=pd.to_datetime(pd.Series(key, index=progress.index, dtype=object)),
        _published=pd.to_datetime(pd.Series(published, index=progress.index, dtype=object)),
    ).sort_values(["jurisdiction", "_key", "_published", "doc_id"],
                  ascending=[True, False, False, True], na_position="last", kind="stable")
    latest = ordered.drop_duplicates("jurisdiction")
    return latest.drop(columns=["_key", "_published"]).reset_index(drop=True)


def _last_day(text: object) -> object:
    days = span(text)
    return None if days is None else days[1]


def funding_total(mentions: pd.DataFrame) -> float | None:
    """Sum of funding amounts of one kind without overlapping amounts (module rules)."""
    amounts = mentions[mentions["variable"] == "funding_cny"]
    amounts = amounts[["year", "months", "value"]].drop_duplicates()
    if amounts.empty:
        return None
    full_years = set(amounts.loc[amounts["year"].notna() & amounts["months"].isna(), "year"])
    keep = []
    for _, row in amounts.iterrows():
        if pd.notna(row["year"]) and pd.notna(row["months"]):
            if row["year"] in full_years:
                continue
            same_year = amounts[(amounts["year"] == row["year"]) & amounts["months"].notna()]
            if _month_count(row["months"]) < same_year["months"].map(_month_count).max():
                continue
        keep.append(row)
    return float(pd.DataFrame(keep)["value"].sum())


def funding_by_kind(mentions: pd.DataFrame) -> dict[str, float | None]:
    """Per kind column (funding_<kind>_cny): the kind's aggregate, None without a mention."""
    funding = mentions[mentions["variable"] == "funding_cny"]
    kinds = [funding_kind(q, y) for q, y in zip(funding["quote"], funding["year"], strict=True)]
    funding = funding.assign(_kind=kinds)
    out = {}
    for kind in funding_kinds()["kinds"]:
        rows = funding[funding["_kind"] == kind["kind"]]
        column = f"funding_{kind['kind']}_cny"
        if rows.empty:
            out[column] = None
        elif kind["aggregate"] == "max":
            out[column] = float(rows["value"].max())
        else:
            out[column] = funding_total(rows)
    return out


def _month_count(months: str) -> int:
    first, last = (int(m) for m in str(months).split("-"))
    return last - first + 1


def months_between(start: object, end: object) -> object:
    """Calendar months from the month of ``start`` to the month of ``end``; NA if either empty."""
    a, b = span(start), span(end)
    if a is None or b is None:
        return pd.NA
    return (b[0].year - a[0].year) * 12 + (b[0].month - a[0].month)


def intensity(records: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Per progress record: counts, rates, accountability per case and funding by kind."""
    progress = records[records["doc_type"] == "progress"].reset_index(drop=True)
    funding = []
    for _, rec in progress.iterrows():
        own = mentions[(mentions["doc_id"] == rec["doc_id"])
                       & (mentions["jurisdiction"] == rec["jurisdiction"])]
        funding.append(funding_by_kind(own))
    kinds = pd.DataFrame(funding, index=progress.index, columns=funding_columns(),
                         dtype="float64")
    out = progress.assign(
        completion_rate=rate(progress["tasks_completed"], progress["tasks_total"]),
        resolution_rate=rate(progress["petitions_resolved"], progress["petitions_total"]),
        accountability_per_case=rate(progress["accountability_people"],
                                     progress["petitions_total"]),
    )
    return pd.concat([out, kinds], axis=1)


def latest_intensity(per_record: pd.DataFrame) -> pd.DataFrame:
    """Per jurisdiction: the intensity of its latest progress record (panel columns)."""
    latest = latest_progress(per_record)
    out = latest.rename(columns={"doc_id": "record_doc_id"})
    return out[["jurisdiction", "published_date", *INTENSITY_COLUMNS, *funding_columns(),
                "record_inspection", "record_feedback_date", "months_to_asof",
                "months_to_asof_basis"]]


def months_to_asof(feedback: pd.Series, asof: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Months from the feedback of the record's inspection to its asof date, and the basis
    (``asof``); empty where either is missing."""
    months = pd.Series([months_between(f, a) for f, a in zip(feedback, asof, strict=True)],
                       index=asof.index, dtype="Int64")
    basis = pd.Series(pd.NA, index=asof.index, dtype="string")
    basis[months.notna()] = "asof"
    return months, basis
