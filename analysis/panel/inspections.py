"""Every inspection as an event, and the inspection each record rectifies.

:func:`events_table` gives one row per jurisdiction and inspection:

* every central inspection of the schedule, for its province: the pilot, the first round,
  its 回头看 (look-back) and the second and third rounds. Entry: the province's own
  stationing days from a document of the province (coded, then hand-coded), else the
  schedule's, else the batch's entry window start (``schedule_window``). Feedback: the
  province's own document, else a document of a jurisdiction inside it
  (``subunit_document``), else the schedule, else the date fed back to the other
  provinces of the batch (``schedule_batch``), else the batch's entry month plus the
  round's median entry-to-feedback lag (``schedule_imputed``); the last two are
  ``feedback_imputed``. Where none exists the date stays empty and ``feedback_gap`` is
  true.
* every provincial inspection of a city or county that a document or a hand-coded record
  reports, with the dates the records state (never imputed).

:func:`build` also gives each record the inspection it rectifies (``assignment`` says
how): a central record by its stated round and look-back; without a round, by its batch
where only one of the province's inspections has that number (``stated_batch``); else by
its own feedback or entry date (within ``MATCH_DAYS`` of the event's); else the province's
latest inspection that entered on or before the record's as-of (else publication) date (a
complaint bulletin during the stationing, a progress report after feedback), not a
look-back when the record says it is not one. A provincial record belongs to its own
jurisdiction's provincial inspection of the stated round. Each record keeps its own
inspection's dates: those it states, else its event's.
"""

from __future__ import annotations

import pandas as pd

from analysis.panel.events import days_outside, imputed_feedback, median_lag, province_of, span

MATCH_DAYS = 62
UNKNOWN = "unknown"
EVENT_FIELDS = ["jurisdiction", "level", "parent", "province", "inspection", "inspection_level",
                "inspection_round", "lookback", "inspection_batch", "entry_start", "entry_end",
                "entry_source", "feedback_date", "feedback_source", "feedback_basis",
                "feedback_imputed", "feedback_gap", "n_records", "sources"]
ASSIGN_FIELDS = ["inspection", "event_jurisdiction", "assignment", "inspection_entry_start",
                 "inspection_feedback_date", "inspection_feedback_source"]
IMPUTED = ("schedule_batch", "schedule_imputed")
#: Panel columns holding another inspection of the jurisdiction's province than the event:
#: prefix -> the inspections (events.inspection) whose earliest feedback it gives. The Hebei
#: pilot (2015-16) opened the first round, so it is the first round for Hebei.
OTHER_EVENTS = {"first_round_feedback": ("central:pilot", "central:1")}


def inspection_id(level: str, round_: object, lookback: object) -> str:
    """'central:2', 'central:1:lookback', 'central:pilot', 'provincial:unknown', ..."""
    round_text = UNKNOWN if pd.isna(round_) else str(round_)
    return f"{level}:{round_text}" + (":lookback" if _true(lookback) else "")


def _true(value: object) -> bool:
    return bool(pd.notna(value) and bool(value))


def record_source(doc_id: str) -> str:
    """hand_coded for a hand-coded record, document for a coded one."""
    return "hand_coded" if str(doc_id).startswith("hand:") else "document"


def _latest_first(records: pd.DataFrame) -> pd.DataFrame:
    return records.assign(_hand=records["doc_id"].str.startswith("hand:")).sort_values(
        ["_hand", "published_date", "doc_id"], ascending=[True, False, True],
        na_position="last").drop(columns="_hand")


def _first(rows: pd.DataFrame, column: str) -> tuple[object, object]:
    values = rows[rows[column].notna()]
    if values.empty:
        return pd.NA, pd.NA
    return values[column].iloc[0], record_source(values["doc_id"].iloc[0])


def _central_candidates(schedule: pd.DataFrame, province: str) -> pd.DataFrame:
    rows = schedule[schedule["province"] == province].copy()
    rows["inspection"] = [inspection_id("central", r, lb)
                          for r, lb in zip(rows["round"], rows["lookback"], strict=True)]
    return rows


def _reference_day(record: pd.Series) -> object:
    when = span(record["asof"]) or span(record["published_date"])
    return None if when is None else when[1]


def _match_central(record: pd.Series, candidates: pd.DataFrame,
                   feedback: dict[str, object]) -> tuple[str | None, str]:
    """(inspection id, assignment basis) of a central record among its province's events."""
    round_, lookback = record["inspection_round"], _true(record["lookback"])
    if pd.notna(round_) or lookback:
        wanted = inspection_id("central", "1" if pd.isna(round_) else int(round_), lookback)
        return (wanted, "stated") if wanted in set(candidates["inspection"]) else (None, "stated")
    stated_not = pd.notna(record["lookback"]) and not record["lookback"]
    pool = candidates[~candidates["lookback"]] if stated_not else candidates
    if pd.notna(record["inspection_batch"]):
        same = pool[pool["batch"] == int(record["inspection_batch"])]
        if len(same) == 1:
            return same["inspection"].iloc[0], "stated_batch"
    for column, event_column in (("feedback_date", "feedback"), ("entry_start", "entry")):
        if pd.isna(record[column]):
            continue
        gaps = []
        for _, row in pool.iterrows():
            target = feedback[row["inspection"]] if event_column == "feedback" else (
                row["entry_start"] if pd.notna(row["entry_start"]) else row["entry_window_start"])
            day = span(target)
            if day is not None:
                gaps.append((days_outside(record[column], *day), row["inspection"]))
        close = sorted(g for g in gaps if g[0] <= MATCH_DAYS)
        if close:
            return close[0][1], "document_dates"
    when = _reference_day(record)
    if when is None:
        return None, "unassigned"
    before = []
    for _, row in pool.iterrows():
        day = (span(row["entry_start"]) or span(row["entry_window_start"])
               or span(row["entry_window_end"]) or span(feedback[row["inspection"]]))
        if day is not None and day[0] <= when:
            before.append((day[0], row["inspection"]))
    if not before:
        return None, "unassigned"
    return max(before)[1], "latest_entered_before_record_date"


def _province_events(schedule: pd.DataFrame) -> pd.DataFrame:
    """Schedule rows with the sourced or imputed feedback of each (before documents)."""
    out = []
    lags = {r: median_lag(schedule, r) for r in schedule["round"].dropna().unique()}
    for _, row in schedule.iterrows():
        event = {"province": row["province"], "round": row["round"], "lookback": row["lookback"],
                 "inspection": inspection_id("central", row["round"], row["lookback"]),
                 "inspection_batch": row["batch"], "sources": row["sources"],
                 "feedback_basis": row["feedback_basis"]}
        if pd.notna(row["entry_start"]):
            event["entry_start"], event["entry_source"] = row["entry_start"], "schedule"
        else:
            event["entry_start"] = row["entry_window_start"]
            event["entry_source"] = "schedule_window" if pd.notna(row["entry_window_start"]) \
                else pd.NA
        event["entry_end"] = row["entry_end"]
        if pd.notna(row["feedback_date"]):
            event["feedback_date"], event["feedback_source"] = row["feedback_date"], "schedule"
        elif row["lookback"]:
            event["feedback_date"], event["feedback_source"] = pd.NA, pd.NA
        else:
            event["feedback_date"], event["feedback_source"] = imputed_feedback(
                schedule, row, row["round"], lags.get(row["round"]))
        out.append(event)
    return pd.DataFrame(out)


def build(records: pd.DataFrame, schedule: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events table, records with their inspection): see the module docstring."""
    base = _province_events(schedule)
    feedback = {(r.province, r.inspection): r.feedback_date for r in base.itertuples()}
    records = records.reset_index(drop=True)
    provinces = [province_of(lv, j, p) for lv, j, p in
                 zip(records["level"], records["jurisdiction"], records["parent"], strict=True)]
    assigned, basis, owners = [], [], []
    for i, rec in records.iterrows():
        if rec["inspection_level"] == "provincial":
            assigned.append(inspection_id("provincial", rec["inspection_round"], rec["lookback"]))
            basis.append("stated")
            owners.append(rec["jurisdiction"])
            continue
        if rec["inspection_level"] != "central":
            assigned.append(pd.NA), basis.append("unassigned"), owners.append(pd.NA)
            continue
        province = provinces[i]
        candidates = _central_candidates(schedule, province)
        own = {k[1]: v for k, v in feedback.items() if k[0] == province}
        found, why = _match_central(rec, candidates, own)
        assigned.append(found if found else pd.NA)
        basis.append(why if found else "unassigned")
        owners.append(province if found else pd.NA)
    records = records.assign(inspection=assigned, event_jurisdiction=owners, assignment=basis)
    events = _events(records, base)
    return events, _with_event_dates(records, events)


def _events(records: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    rows = []
    central = records[records["inspection"].astype("string").str.startswith("central")]
    for event in base.itertuples():
        mine = _latest_first(central[(central["jurisdiction"] == event.province)
                                     & (central["inspection"] == event.inspection)])
        inside = _latest_first(central[(central["parent"] == event.province)
                                       & (central["inspection"] == event.inspection)])
        row = {"jurisdiction": event.province, "level": "province", "parent": pd.NA,
               "province": event.province, "inspection": event.inspection,
               "inspection_level": "central", "inspection_round": event.round,
               "lookback": event.lookback, "inspection_batch": event.inspection_batch,
               "feedback_basis": event.feedback_basis, "n_records": len(mine) + len(inside)}
        for column in ("entry_start", "entry_end"):
            value, source = _first(mine, column)
            if pd.isna(value):
                value = getattr(event, column)
                source = event.entry_source if column == "entry_start" else "schedule"
            row[column] = value
            if column == "entry_start":
                row["entry_source"] = source if pd.notna(value) else pd.NA
        value, source = _first(mine, "feedback_date")
        if pd.isna(value):
            value, source = _first(inside, "feedback_date")
            source = "subunit_document" if pd.notna(value) else pd.NA
        if pd.isna(value):
            value, source = event.feedback_date, event.feedback_source
        row["feedback_date"], row["feedback_source"] = value, source
        if pd.notna(value) and source not in ("schedule",):
            row["feedback_basis"] = pd.NA if source in IMPUTED else "document"
        row["sources"] = " ".join([event.sources or "", *mine["doc_id"], *inside["doc_id"]]).strip()
        rows.append(row)
    provincial = records[records["inspection"].astype("string").str.startswith("provincial")]
    for (jurisdiction, inspection), group in provincial.groupby(["jurisdiction", "inspection"],
                                                                sort=True):
        group = _latest_first(group)
        first = group.iloc[0]
        row = {"jurisdiction": jurisdiction, "level": first["level"], "parent": first["parent"],
               "province": province_of(first["level"], jurisdiction, first["parent"]),
               "inspection": inspection, "inspection_level": "provincial",
               "inspection_round": first["inspection_round"], "lookback": first["lookback"],
               "inspection_batch": _first(group, "inspection_batch")[0],
               "n_records": len(group), "sources": " ".join(group["doc_id"])}
        for column in ("entry_start", "entry_end", "feedback_date"):
            row[column], source = _first(group, column)
            if column == "entry_start":
                row["entry_source"] = source
            if column == "feedback_date":
                row["feedback_source"] = source
                row["feedback_basis"] = "document" if pd.notna(source) else pd.NA
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[c for c in EVENT_FIELDS
                                        if c not in ("feedback_imputed", "feedback_gap")])
    frame["feedback_imputed"] = frame["feedback_source"].isin(IMPUTED)
    frame["feedback_gap"] = frame["feedback_date"].isna()
    frame["inspection_round"] = frame["inspection_round"].astype("string").str.replace(
        r"\.0$", "", regex=True)
    return frame[EVENT_FIELDS].sort_values(["province", "jurisdiction", "inspection"],
                                           kind="stable").reset_index(drop=True)


def _with_event_dates(records: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Records with their inspection's dates: the record's own, else its event's."""
    keyed = events.set_index(["jurisdiction", "inspection"])
    entry, feedback, source = [], [], []
    for rec in records.itertuples():
        key = (rec.event_jurisdiction, rec.inspection)
        event = keyed.loc[key] if pd.notna(rec.inspection) and key in keyed.index else None
        if pd.notna(rec.feedback_date):
            feedback.append(rec.feedback_date), source.append(record_source(rec.doc_id))
        elif event is not None:
            feedback.append(event["feedback_date"]), source.append(event["feedback_source"])
        else:
            feedback.append(pd.NA), source.append(pd.NA)
        own_entry = rec.entry_start
        entry.append(own_entry if pd.notna(own_entry) else
                     (event["entry_start"] if event is not None else pd.NA))
    return records.assign(inspection_entry_start=entry, inspection_feedback_date=feedback,
                          inspection_feedback_source=source)


PANEL_EVENT = ["inspection_level", "inspection_round", "inspection_batch", "lookback",
               "entry_start", "feedback_date", "feedback_year", "feedback_source"]


def panel_event(places: pd.DataFrame, assigned: pd.DataFrame, events: pd.DataFrame,
                event_round: int | str = 2) -> pd.DataFrame:
    """Per jurisdiction: its province's central inspection of ``event_round`` (events
    table), with the dates the jurisdiction's own records of that inspection state."""
    wanted = inspection_id("central", str(event_round), False)
    central = events[(events["inspection"] == wanted)].set_index("province")
    rows = []
    for place in places.itertuples():
        province = province_of(place.level, place.jurisdiction, place.parent)
        row = {"jurisdiction": place.jurisdiction, "inspection_level": "central",
               "inspection_round": str(event_round), "lookback": False}
        event = central.loc[province] if province in central.index else None
        for column in ("inspection_batch", "entry_start", "feedback_date", "feedback_source"):
            row[column] = event[column] if event is not None else pd.NA
        if place.level != "province":
            own = _latest_first(assigned[(assigned["jurisdiction"] == place.jurisdiction)
                                         & (assigned["inspection"] == wanted)])
            for column in ("entry_start", "feedback_date"):
                value, source = _first(own, column)
                if pd.notna(value):
                    row[column] = value
                    if column == "feedback_date":
                        row["feedback_source"] = source
        feedback = row["feedback_date"]
        row["feedback_year"] = int(str(feedback)[:4]) if pd.notna(feedback) else pd.NA
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["jurisdiction", *PANEL_EVENT])
    frame["inspection_batch"] = frame["inspection_batch"].astype("Int64")
    frame["feedback_year"] = frame["feedback_year"].astype("Int64")
    frame["lookback"] = frame["lookback"].astype("boolean")
    return frame.merge(other_events(places, events), on="jurisdiction", how="left")


def other_events(places: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Per jurisdiction, for each prefix of ``OTHER_EVENTS``: ``<prefix>_year`` and
    ``<prefix>_source``, the earliest feedback of those inspections of its province."""
    frame = pd.DataFrame({"jurisdiction": places["jurisdiction"].to_numpy()})
    province = [province_of(p.level, p.jurisdiction, p.parent) for p in places.itertuples()]
    for prefix, wanted in OTHER_EVENTS.items():
        rows = events[events["inspection"].isin(wanted) & events["feedback_date"].notna()
                      & (events["inspection_level"] == "central")]
        first = rows.sort_values(["province", "feedback_date"]).drop_duplicates("province")
        first = first.set_index("province")
        year = first["feedback_date"].astype(str).str[:4].astype(int)
        frame[f"{prefix}_year"] = pd.array(pd.Series(province).map(year), dtype="Int64")
        frame[f"{prefix}_source"] = pd.Series(province).map(first["feedback_source"]).to_numpy()
    return frame
