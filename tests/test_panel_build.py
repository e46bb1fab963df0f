"""Intensity (rates, latest record, funding) and the assembled panel on hand-made frames."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import panel_records as records

from analysis.panel import build, external, intensity, metadata, reference

SCHEDULE = (
    ",".join(reference.SCHEDULE_COLUMNS)
    + """
2,false,3,甲省,2021-04,,2021-07,http://s
2,false,4,乙省,2021-08-25,,,http://t
"""
)
OUTCOMES = """province,year,variable,value,unit,sources
甲省,2020,pm25,41,ug/m3,http://r1
甲省,2022,pm25,39,ug/m3,http://r2
"""


def mentions(*rows: dict) -> pd.DataFrame:
    base = {c: pd.NA for c in metadata.columns("mentions")}
    frame = pd.DataFrame(
        [{**base, "start": i * 10, "end": i * 10 + 5, **row} for i, row in enumerate(rows)],
        columns=list(base),
    )
    return metadata.cast(frame, "mentions")


def funding(*amounts: tuple) -> pd.DataFrame:
    return mentions(
        *(
            {
                "doc_id": "d",
                "jurisdiction": "J",
                "variable": "funding_cny",
                "year": y,
                "months": m,
                "value": v,
            }
            for y, m, v in amounts
        )
    )


def test_rates_empty_when_total_missing_or_zero():
    part = pd.Series([4, 3, 5, pd.NA, 225], dtype="Int64")
    total = pd.Series([10, 0, pd.NA, 8, 225], dtype="Int64")
    got = intensity.rate(part, total)
    assert got[0] == pytest.approx(0.4) and got[4] == 1.0
    assert got[[1, 2, 3]].isna().all()


def test_latest_progress_record_by_asof_else_published():
    recs = records(
        {"doc_id": "old", "jurisdiction": "J", "asof": "2022-12", "published_date": "2023-01-10"},
        # no asof: ranked by its publication date, 2023-06-01 > 2022-12-31
        {"doc_id": "new", "jurisdiction": "J", "published_date": "2023-06-01"},
        {"doc_id": "plan", "jurisdiction": "J", "doc_type": "plan", "published_date": "2024-01-01"},
    )
    assert intensity.latest_progress(recs)["doc_id"].tolist() == ["new"]


@pytest.mark.parametrize(
    "amounts, expected",
    [
        # identical amount twice -> once; 2022 YTD dropped (full year stated);
        # 2023 1-5 nested in 2023 1-11 -> 100 + 70
        (
            [
                (2022, None, 100),
                (2022, None, 100),
                (2022, "1-5", 40),
                (2023, "1-5", 30),
                (2023, "1-11", 70),
            ],
            170,
        ),
        ([], None),
    ],
)
def test_funding_overlap_rules(amounts, expected):
    assert intensity.funding_total(funding(*amounts)) == expected


def test_funding_kinds_from_wording_never_summed_across_kinds():
    quoted = mentions(
        *(
            {"doc_id": "d", "jurisdiction": "J", "variable": "funding_cny", "year": y,
             "value": v, "quote": q}
            for y, v, q in [
                (2022, 100, "投入治理资金1亿元"),
                (2023, 200, "安排资金2亿元"),
                (None, 500, "累计投入资金5亿元"),
                (None, 900, "共计筹集资金9亿元"),
                (2022, 30, "下达流域生态补偿资金0.3亿元"),
                (None, 40, "安排资金0.4亿元"),  # undated, no wording: a cumulative total
            ]
        )
    )
    got = intensity.funding_by_kind(quoted)
    assert got == {"funding_compensation_cny": 30.0, "funding_cumulative_cny": 900.0,
                   "funding_period_cny": 300.0}
    assert intensity.funding_kind("生态保护补偿资金", 2021) == "compensation"


def _build(tmp_path, recs, ments, event_round=2):
    (tmp_path / reference.SCHEDULE).write_text(SCHEDULE, encoding="utf-8")
    (tmp_path / reference.OUTCOMES).write_text(OUTCOMES, encoding="utf-8")
    return build.build_panel(
        recs,
        ments,
        reference.read_schedule(tmp_path),
        reference.read_outcomes(tmp_path),
        external.read_all(tmp_path / "x"),
        event_round=event_round,
    )


def test_build_panel(tmp_path):
    recs = records(
        {
            "doc_id": "p",
            "jurisdiction": "甲省",
            "published_date": "2024-04-04",
            "asof": "2022-12",
            "feedback_date": "2021-07-20",
            "tasks_total": 50,
            "tasks_completed": 19,
            "petitions_total": 0,
            "petitions_resolved": 0,
        },
        {
            "doc_id": "c",
            "jurisdiction": "丙市",
            "level": "prefecture",
            "parent": "乙省",
            "published_date": "2023-06-25",
            "feedback_date": "2021-12-13",
        },
    )
    ments = mentions(
        {
            "doc_id": "p",
            "jurisdiction": "甲省",
            "variable": "pm25",
            "year": 2022,
            "value": 38,
            "yoy_change": -5.0,
            "yoy_unit": "pct",
        },
        {
            "doc_id": "p",
            "jurisdiction": "甲省",
            "variable": "pm25",
            "year": 2023,
            "months": "1-5",
            "value": 44,
        },
        {
            "doc_id": "p",
            "jurisdiction": "甲省",
            "variable": "pm25",
            "year": 2023,
            "months": "1-11",
            "value": 35,
        },
        {
            "doc_id": "c",
            "jurisdiction": "丙市",
            "variable": "good_air_ratio",
            "year": 2022,
            "value": 96.2,
        },
        {
            "doc_id": "c",
            "jurisdiction": "丙市",
            "variable": "funding_cny",
            "year": 2022,
            "value": 1e9,
        },
    )
    panel = _build(tmp_path, recs, ments).panel
    assert list(panel.columns) == metadata.columns("panel")
    panel = panel.set_index(["jurisdiction", "year"])
    # provinces over the years of the reference (2020-2022), widened to 2023 by the
    # document's YTD value; the prefecture for the year of its stated value (2022) and the
    # year its figures are stated for (no asof: published 2023)
    assert sorted(panel.index) == [("丙市", 2022), ("丙市", 2023)] + [
        (p, y) for p in ("乙省", "甲省") for y in (2020, 2021, 2022, 2023)
    ]
    a = panel.loc["甲省"]
    # the independent reference 39 beats the document's own 38 in 2022, which stays apart;
    # 2021 derived 38 / 0.95 = 40 is self-reported only
    assert a.loc[2022, "pm25"] == 39 and a.loc[2022, "pm25_source_type"] == "reference"
    assert a.loc[2022, "pm25_self"] == 38 and a.loc[2022, "pm25_self_source"] == "p:0-5"
    assert pd.isna(a.loc[2021, "pm25"])
    assert a.loc[2021, "pm25_self"] == pytest.approx(40.0) and a.loc[2021, "pm25_self_derived"]
    assert a.loc[2020, "pm25_source"] == "http://r1"
    assert pd.isna(a.loc[2020, "pm25_official"])  # the test reference names no outlet
    assert pd.isna(a.loc[2023, "pm25"])
    assert (a.loc[2023, "pm25_ytd"], a.loc[2023, "pm25_ytd_months"]) == (35, "1-11")
    assert a.loc[2020, "event_time"] == -1 and a.loc[2023, "event_time"] == 2
    assert (a["feedback_source"] == "document").all()
    # 2021-07 -> 2022-12 = 17 months; completion 19/50; petitions total 0 -> no rate
    assert (a["months_to_asof"] == 17).all() and (a["months_to_asof_basis"] == "asof").all()
    assert a["completion_rate"].iloc[0] == pytest.approx(0.38)
    assert a["resolution_rate"].isna().all()
    c = panel.loc[("丙市", 2022)]
    assert c["level"] == "prefecture" and c["parent"] == "乙省"
    assert pd.isna(c["good_air_ratio"]) and c["good_air_ratio_self"] == 96.2
    assert c["funding_period_cny"] == 1e9 and pd.isna(c["funding_cumulative_cny"])
    # no asof: no months from feedback (the publication date is not a measurement date)
    assert pd.isna(c["months_to_asof"]) and pd.isna(c["months_to_asof_basis"])
    b = panel.loc["乙省"]
    # no record of its own: the prefecture's report dates the province's inspection
    assert b["record_doc_id"].isna().all()
    assert (b["feedback_date"] == "2021-12-13").all()
    assert (b["feedback_source"] == "subunit_document").all()
    assert (b["entry_start"] == "2021-08-25").all()


def test_run_writes_byte_identical_outputs(tmp_path, root):
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    (raw / "reference").mkdir(parents=True)
    for path in (root / "data/raw/reference").glob("*.csv"):
        (raw / "reference" / path.name).write_bytes(path.read_bytes())
    clean.mkdir()
    records(
        {
            "doc_id": "p",
            "jurisdiction": "山西省",
            "published_date": "2024-04-04",
            "feedback_date": "2021-07-20",
            "tasks_total": 82,
            "tasks_completed": 59,
        }
    ).to_csv(clean / "records.csv", index=False)
    mentions(
        {
            "doc_id": "p",
            "jurisdiction": "山西省",
            "variable": "pm25",
            "year": 2022,
            "value": 38,
            "quote": "38微克",
        }
    ).to_csv(clean / "mentions.csv", index=False)
    first = build.run(raw, clean, tmp_path / "tables")
    snapshot = {p: p.read_bytes() for p in first}
    second = build.run(raw, clean, tmp_path / "tables")
    assert second == first
    assert {p: p.read_bytes() for p in second} == snapshot
    panel = pd.read_csv(clean / "panel.csv")
    provinces = panel.loc[panel["level"] == "province", "jurisdiction"]
    assert provinces.nunique() == 31  # every province of the schedule
    # hand-coded prefecture and county records add their jurisdictions
    assert {"温州市", "东城区"} <= set(panel["jurisdiction"])
    events = pd.read_csv(clean / "events.csv")
    assert events.loc[events["inspection_level"] == "central", "province"].nunique() == 31
    assert panel["year"].min() == 2015 and panel["year"].max() == 2024
