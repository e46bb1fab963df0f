"""Outcome collection: derived prior-year values, YTD kept apart, precedence, disagreements."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.panel import external, metadata, outcomes


def mentions(*rows: dict) -> pd.DataFrame:
    base = {c: pd.NA for c in metadata.columns("mentions")}
    frame = pd.DataFrame([{**base, "doc_id": "d1", "start": i * 10, "end": i * 10 + 5, **row}
                          for i, row in enumerate(rows)])
    return metadata.cast(frame, "mentions")


def reference(*rows: tuple) -> pd.DataFrame:
    """Reference rows (province, year, variable, value, unit, sources[, best_outlet])."""
    rows = [row if len(row) == 7 else (*row, pd.NA) for row in rows]
    frame = pd.DataFrame(rows, columns=["province", "year", "variable", "value", "unit",
                                        "sources", "best_outlet"])
    return frame.astype({"year": "Int64", "value": "float64"})


NO_EXTERNAL = external.read_all("/nonexistent")


def one(frame: pd.DataFrame, **where) -> pd.Series:
    rows = frame
    for key, value in where.items():
        rows = rows[rows[key] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_derived_prior_year_values_pct_and_pp():
    m = mentions(
        {"jurisdiction": "山西省", "variable": "pm25", "year": 2022, "value": 38,
         "yoy_change": -2.6, "yoy_unit": "pct"},
        {"jurisdiction": "山西省", "variable": "good_air_ratio", "year": 2022, "value": 74.5,
         "yoy_change": 2.4, "yoy_unit": "pp"},
        {"jurisdiction": "山西省", "variable": "pm25", "year": 2023, "months": "1-5",
         "value": 40, "yoy_change": 5.0, "yoy_unit": "pct"},
    )
    long = outcomes.collect(m, reference(), NO_EXTERNAL)
    pm = one(long, variable="pm25", year=2021)
    # 38 / (1 - 0.026) = 39.0144..., rounded to 3 decimals
    assert pm["value"] == pytest.approx(39.014)
    assert pm["derived"] and pm["source_type"] == "derived"
    assert pm["source"] == "derived from d1:0-5 (yoy -2.6 pct)"
    air = one(long, variable="good_air_ratio", year=2021)
    assert air["value"] == pytest.approx(72.1) and air["derived"]
    # the stated values are not derived; a YTD value with a yoy gives no prior-year value
    assert not one(long, variable="pm25", year=2022)["derived"]
    assert not ((long["year"] == 2022) & long["months"].notna()).any()
    assert len(long) == 5


def test_ytd_kept_apart_from_full_year():
    m = mentions({"jurisdiction": "辽宁省", "variable": "pm25", "year": 2022, "months": "1-11",
                  "value": 30})
    ref = reference(("辽宁省", 2022, "pm25", 32.0, "ug/m3", "http://a"))
    long = outcomes.collect(m, ref, NO_EXTERNAL)
    # both chosen: a year-to-date value and a full-year value are different quantities
    assert long["chosen"].all() and len(long) == 2
    assert outcomes.disagreements(long).empty


def test_precedence_and_disagreements():
    m = mentions({"jurisdiction": "河南省", "variable": "pm25", "year": 2021, "value": 38.0})
    ref = reference(("河南省", 2021, "pm25", 40.03, "ug/m3", "http://ref"),
                    ("河南省", 2021, "good_air_ratio", 70.0, "pct", "http://b"),
                    ("河南省", 2021, "good_air_ratio", 70.1, "pct", "http://a"))
    ext = pd.DataFrame({"jurisdiction": ["河南省"], "year": [2021], "variable": ["pm25"],
                        "months": [pd.NA], "value": [40.0], "unit": ["ug/m3"],
                        "file": ["yb.csv"], "source": ["Yearbook"]})
    long = outcomes.collect(m, ref, ext)
    chosen = long[long["chosen"] & long["independent"]]
    pm = one(chosen, variable="pm25")
    assert (pm["source_type"], pm["source"], pm["value"]) == ("external", "yb.csv: Yearbook", 40)
    # within one source type the less rounded value wins: 70.1 over 70
    assert one(chosen, variable="good_air_ratio")["value"] == 70.1
    # one independent value chosen per group, and the document's own value apart
    assert long["chosen"].sum() == 3 and len(long) == 5
    self_reported = one(long[~long["independent"]], variable="pm25")
    assert self_reported["chosen"] and self_reported["value"] == 38
    dis = outcomes.disagreements(long)
    # document 38 differs from 40 by 2 (listed); reference 40.03 only by 0.03 (not listed);
    # the two ratio values differ by 0.1 (listed)
    got = {(r.variable, r.other_source_type, round(r.difference, 6)) for r in dis.itertuples()}
    assert got == {("pm25", "document", -2.0), ("good_air_ratio", "reference", -0.1)}


def test_independent_series_first_then_the_more_authoritative_outlet():
    m = mentions({"jurisdiction": "湖北省", "variable": "pm25", "year": 2020, "value": 35.0},
                 {"jurisdiction": "湖北省", "variable": "pm25", "year": 2019, "value": 40.0})
    ref = reference(("湖北省", 2020, "pm25", 37.0, "ug/m3", "http://spam", "mirror_or_spam"),
                    ("湖北省", 2020, "pm25", 36.0, "ug/m3", "http://gov", "gov"))
    long = outcomes.collect(m, ref, NO_EXTERNAL)
    chosen = long[long["chosen"] & long["independent"]]
    # the reference beats the document, and within it the gov page beats the mirror
    assert one(chosen, year=2020)["source"] == "http://gov"
    assert one(chosen, year=2020)["outlet"] == "gov"
    # a year only the document gives has no independent value: its own leads the group
    assert chosen[chosen["year"] == 2019].empty
    assert outcomes.leading(long)[(long["year"] == 2019)].all()
