"""Rectification intensity of a jurisdiction's latest progress record.

* Latest progress record: ``doc_type == progress``, latest by ``asof`` (a month stands for
  its last day), else by ``published_date``; ties go to the later published, then doc_id.
* Rates are completed/total and resolved/total, empty when either count is missing or the
  total is 0.
* Funding is the sum of the record's ``funding_cny`` mentions after removing overlaps:
  identical amounts (same value, year and months, e.g. from two passages) count once; a
  year-to-date amount is dropped when the same year's full-year amount, or a longer
  year-to-date amount of that year, is stated (it is nested in it); dated amounts are
  dropped when the record states an undated (cumulative, 累计) amount at least as large as
  their sum. Empty when the record has no funding mention.
* ``months_to_asof``: calendar months from the event's feedback month to the asof month
  (days ignored), or to the published month when asof is empty (``months_to_asof_basis``).
"""

from __future__ import annotations

import pandas as pd

from analysis.panel.events import span

INTENSITY_COLUMNS = ["record_doc_id", "asof", "tasks_total", "tasks_completed",
                     "completion_rate", "petitions_total", "petitions_resolved",
                     "resolution_rate", "accountability_people", "accountability_units",
                     "funding_cny"]


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
    """Sum of one record's funding mentions without overlapping amounts (module rules)."""
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
    kept = pd.DataFrame(keep)
    undated = kept[kept["year"].isna()]["value"]
    dated = kept[kept["year"].notna()]["value"]
    if len(undated) and len(dated) and undated.max() >= dated.sum():
        kept = kept[kept["year"].isna()]
    return float(kept["value"].sum())


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
    """Per jurisdiction: latest progress record, its counts, rates and funding."""
    latest = latest_progress(records)
    funding = []
    for _, rec in latest.iterrows():
        own = mentions[(mentions["doc_id"] == rec["doc_id"])
                       & (mentions["jurisdiction"] == rec["jurisdiction"])]
        funding.append(funding_total(own))
    out = latest.rename(columns={"doc_id": "record_doc_id"}).assign(
        completion_rate=rate(latest["tasks_completed"], latest["tasks_total"]),
        resolution_rate=rate(latest["petitions_resolved"], latest["petitions_total"]),
        funding_cny=pd.Series(funding, index=latest.index, dtype="float64"),
    )
    return out[["jurisdiction", "published_date", *INTENSITY_COLUMNS]]


def months_to_asof(feedback: pd.Series, asof: pd.Series,
                   published: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Months from feedback to asof (else published_date) and the basis used."""
    basis = pd.Series(pd.NA, index=asof.index, dtype="string")
    basis[asof.notna()] = "asof"
    basis[asof.isna() & published.notna()] = "published_date"
    end = asof.where(asof.notna(), published)
    months = pd.Series([months_between(f, e) for f, e in zip(feedback, end, strict=True)],
                       index=asof.index, dtype="Int64")
    basis[months.isna()] = pd.NA
    return months, basis
