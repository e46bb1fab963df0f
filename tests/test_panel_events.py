"""Inspection events: document dates over the schedule, schedule disagreements, round choice."""

from __future__ import annotations

import pandas as pd
from helpers import panel_records as records

from analysis.panel import events, inspections, metadata, reference

SCHEDULE = (
    ",".join(reference.SCHEDULE_COLUMNS + ["feedback_basis"])
    + """
1,false,3,甲省,2017-04,,2017-08-02,http://s1,stated
1,true,1,甲省,2018-05-30,,2018-10-19,http://s4,stated
2,false,3,甲省,2021-04,,2021-07,http://s2,month_only
2,false,3,乙省,2021-04-06,2021-04-09,2021-07,http://s3,month_only
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


def panel_event(recs, sched, event_round=2):
    """The panel's event columns for PLACES."""
    table, assigned = inspections.build(recs, sched)
    return inspections.panel_event(PLACES, assigned, table, event_round).set_index(
        "jurisdiction")


def test_document_feedback_date_over_schedule(tmp_path):
    recs = records(
        {"jurisdiction": "甲省", "entry_start": "2021-04-07", "feedback_date": "2021-07-20"}
    )
    ev = panel_event(recs, schedule(tmp_path))
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
    ev = panel_event(recs, schedule(tmp_path), event_round=1)
    # the round-2 document date is not used for the round-1 event
    assert ev.loc["甲省", "feedback_date"] == "2017-08-02"
    assert ev.loc["甲省", "feedback_source"] == "schedule"
    assert ev.loc["甲省", "inspection_round"] == "1"
    assert pd.isna(ev.loc["乙省", "feedback_date"])  # no round-1 row for 乙省


def test_every_record_keeps_its_own_inspections_dates(tmp_path):
    recs = records(
        # a prefecture rectifying a provincial inspection: its own dates, not round 2's
        {"doc_id": "p", "jurisdiction": "丙市", "level": "prefecture", "parent": "乙省",
         "inspection_level": "provincial", "inspection_round": pd.NA,
         "feedback_date": "2022-05-20"},
        # a record of the first round's look-back: the look-back's dates
        {"doc_id": "l", "jurisdiction": "甲省", "inspection_round": pd.NA, "lookback": True},
        # no round stated, but its feedback date is round 1's
        {"doc_id": "d", "jurisdiction": "甲省", "inspection_round": pd.NA,
         "feedback_date": "2017-08-03"},
        # no round, no dates: the latest inspection entered before its as-of date
        {"doc_id": "a", "jurisdiction": "乙省", "inspection_round": pd.NA, "asof": "2021-05"},
    )
    table, assigned = inspections.build(recs, schedule(tmp_path))
    got = assigned.set_index("doc_id")
    assert got.loc["p", "inspection"] == "provincial:unknown"
    assert got.loc["p", "inspection_feedback_date"] == "2022-05-20"
    assert got.loc["l", "inspection"] == "central:1:lookback"
    assert got.loc["l", "inspection_feedback_date"] == "2018-10-19"
    assert got.loc["d", ["inspection", "assignment"]].tolist() == ["central:1", "document_dates"]
    assert got.loc["a", ["inspection", "assignment"]].tolist() == [
        "central:2", "latest_entered_before_record_date"]
    rows = table.set_index(["jurisdiction", "inspection"])
    # the provincial inspection of the prefecture is an event of its own, never imputed
    assert rows.loc[("丙市", "provincial:unknown"), "feedback_source"] == "document"
    # every schedule row is an event, the look-back too
    assert len(table[table["inspection_level"] == "central"]) == 4
    assert rows.loc[("甲省", "central:1:lookback"), "feedback_source"] == "schedule"
    assert rows.loc[("乙省", "central:2"), "feedback_basis"] == "month_only"


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
    table, _ = inspections.build(metadata.empty("records"), sched)
    found = table[table["inspection"] == "central:2"].set_index("jurisdiction")
    # 乙省: its batch's other province was fed back in 2020-05
    assert found.loc["乙省", "feedback_date"] == "2020-05"
    assert found.loc["乙省", "feedback_source"] == "schedule_batch"
    assert found.loc["乙省", "feedback_imputed"] and not found.loc["乙省", "feedback_gap"]
    # 丁省: the round's lags are 10 (2019-07 -> 2020-05) and 3 (2021-04 -> 2021-07) months;
    # median 6.5 -> 6 months after 2021-08 is 2022-02
    assert found.loc["丁省", "feedback_date"] == "2022-02"
    assert found.loc["丁省", "feedback_source"] == "schedule_imputed"


def test_events_cover_every_scheduled_inspection_of_all_provinces():
    from analysis import paths

    sched = reference.read_schedule(paths.REFERENCE)
    table, _ = inspections.build(metadata.empty("records"), sched)
    assert len(table) == len(sched)  # one event per schedule row, none invented
    by_province = table.groupby("province")["inspection"].agg(set)
    assert len(by_province) == 31
    # every province had the first round (Hebei: the pilot) and the second round
    assert all(({"central:1"} <= s or {"central:pilot"} <= s) and "central:2" in s
               for s in by_province)
    # a date is imputed only from the schedule, flagged; a missing one stays a gap
    assert set(table.loc[table["feedback_imputed"], "feedback_source"]) <= {
        "schedule_batch", "schedule_imputed"}
    assert table.loc[table["feedback_gap"], "feedback_date"].isna().all()
    assert table["feedback_gap"].any()


def test_first_round_feedback_year_is_a_panel_column(tmp_path):
    # round-2 event columns, and the province's first-round feedback apart
    recs = records({"jurisdiction": "甲省", "feedback_date": "2021-07-20"})
    ev = panel_event(recs, schedule(tmp_path))
    assert ev.loc["甲省", "feedback_year"] == 2021
    assert ev.loc["甲省", "first_round_feedback_year"] == 2017  # 2017-08-02, not the look-back
    assert ev.loc["甲省", "first_round_feedback_source"] == "schedule"
    assert pd.isna(ev.loc["乙省", "first_round_feedback_year"])  # no round-1 row for 乙省


def test_pilot_is_the_first_round_where_it_came_first(tmp_path):
    sched = schedule(tmp_path)
    pilot = sched.iloc[[0]].assign(round="pilot", province="乙省", feedback_date="2016-05-03")
    ev = panel_event(records({"jurisdiction": "甲省"}), pd.concat([sched, pilot]))
    assert ev.loc["乙省", "first_round_feedback_year"] == 2016
    assert ev.loc["丙市", "first_round_feedback_year"] == 2016  # its province's
