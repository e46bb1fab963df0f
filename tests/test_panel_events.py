"""Inspection events: document dates over the schedule, schedule disagreements, round choice."""

from __future__ import annotations

import pandas as pd
from helpers import panel_records as records

from analysis.panel import events, metadata, reference

SCHEDULE = (
    ",".join(reference.SCHEDULE_COLUMNS)
    + """
1,false,3,甲省,2017-04,,2017-08-02,http://s1
2,false,3,甲省,2021-04,,2021-07,http://s2
2,false,3,乙省,2021-04-06,2021-04-09,2021-07,http://s3
"""
)


def schedule(tmp_path) -> pd.DataFrame:
    (tmp_path / reference.SCHEDULE).write_text(SCHEDULE, encoding="utf-8")
    return reference.read_schedule(tmp_path)


PLACES = pd.DataFrame(
    {
        "jurisdiction": ["甲省", "乙省", "丙市"],
        "level": ["province", "province", "prefecture"],
        "parent": [pd.NA, pd.NA, "乙省"],
    }
)


def test_document_feedback_date_over_schedule(tmp_path):
    recs = records(
        {"jurisdiction": "甲省", "entry_start": "2021-04-07", "feedback_date": "2021-07-20"}
    )
    ev = events.events(PLACES, recs, schedule(tmp_path)).set_index("jurisdiction")
    assert ev.loc["甲省", "feedback_date"] == "2021-07-20"
    assert ev.loc["甲省", "feedback_source"] == "document"
    assert ev.loc["乙省", "feedback_date"] == "2021-07"
    assert ev.loc["乙省", "feedback_source"] == "schedule"
    assert ev.loc["乙省", "entry_start"] == "2021-04-06"
    # a prefecture without its own record takes its province's schedule row
    assert ev.loc["丙市", "feedback_date"] == "2021-07"
    assert ev.loc["丙市", "inspection_batch"] == 3
    assert (ev["feedback_year"] == 2021).all()


def test_event_round_is_a_parameter(tmp_path):
    recs = records({"jurisdiction": "甲省", "feedback_date": "2021-07-20"})
    ev = events.events(PLACES, recs, schedule(tmp_path), event_round=1).set_index("jurisdiction")
    # the round-2 document date is not used for the round-1 event
    assert ev.loc["甲省", "feedback_date"] == "2017-08-02"
    assert ev.loc["甲省", "feedback_source"] == "schedule"
    assert ev.loc["甲省", "inspection_round"] == "1"
    assert pd.isna(ev.loc["乙省", "feedback_date"])  # no round-1 row for 乙省


def test_schedule_disagreements(tmp_path):
    recs = records(
        # entry 2021-06-10 is 41 days after the April window; feedback 2021-09-15 is 46 days
        # after July; batch 4 is not the schedule's 3
        {
            "doc_id": "a",
            "jurisdiction": "甲省",
            "entry_start": "2021-06-10",
            "feedback_date": "2021-09-15",
            "inspection_batch": 4,
        },
        # inside the window; feedback 20 days after July: within 31 days
        {
            "doc_id": "b",
            "jurisdiction": "乙省",
            "entry_start": "2021-04-08",
            "feedback_date": "2021-08-20",
        },
        # provincial inspections are not compared with the central schedule
        {
            "doc_id": "c",
            "jurisdiction": "乙省",
            "inspection_level": "provincial",
            "entry_start": "2020-01-01",
        },
    )
    dis = events.schedule_disagreements(recs, schedule(tmp_path))
    got = {
        (r.doc_id, r.field, None if pd.isna(r.days_outside) else int(r.days_outside))
        for r in dis.itertuples()
    }
    assert got == {
        ("a", "entry_start", 41),
        ("a", "feedback_date", 46),
        ("a", "inspection_batch", None),
    }
    assert set(dis["schedule_sources"]) == {"http://s2"}


def test_feedback_imputed_from_batch_then_from_median_lag(tmp_path):
    (tmp_path / reference.SCHEDULE).write_text(
        ",".join(reference.SCHEDULE_COLUMNS) + "\n"
        "2,false,1,甲省,2019-07-10,2019-07-15,2020-05,u\n"
        "2,false,1,乙省,2019-07-10,2019-07-15,,u\n"
        "2,false,2,丙省,2021-04,,2021-07,u\n"
        "2,false,3,丁省,2021-08-25,,,u\n",
        encoding="utf-8",
    )
    sched = reference.read_schedule(tmp_path)
    places = pd.DataFrame(
        {"jurisdiction": ["乙省", "丁省"], "level": ["province"] * 2, "parent": [pd.NA, pd.NA]}
    )
    found = events.events(places, metadata.empty("records"), sched).set_index("jurisdiction")
    # 乙省: its batch's other province was fed back in 2020-05
    assert found.loc["乙省", "feedback_date"] == "2020-05"
    assert found.loc["乙省", "feedback_source"] == "schedule_batch"
    # 丁省: the round's lags are 10 (2019-07 -> 2020-05) and 3 (2021-04 -> 2021-07) months;
    # median 6.5 -> 6 months after 2021-08 is 2022-02
    assert found.loc["丁省", "feedback_date"] == "2022-02"
    assert found.loc["丁省", "feedback_source"] == "schedule_imputed"
