"""Schedule dates and their comparison with the documents' own dates.

* :func:`span`, :func:`days_outside`: what 'YYYY-MM' or 'YYYY-MM-DD' means as days.
* :func:`imputed_feedback`: for a schedule row without a feedback date, the date fed back to
  the other provinces of its batch (``schedule_batch``), else the batch's entry month plus
  the round's median entry-to-feedback lag in months (:func:`median_lag`,
  ``schedule_imputed``). The events themselves are built in ``inspections``.
* :func:`schedule_disagreements` compares every central record with its schedule row
  (a look-back without a round is round 1): an entry date outside the batch entry window,
  a feedback date more than ``FEEDBACK_DAYS`` from the schedule's, or another batch number.
  Month-only schedule dates stand for the whole month.
"""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd

from analysis.panel import metadata

FEEDBACK_DAYS = 31


def span(text: object) -> tuple[date, date] | None:
    """First and last day meant by 'YYYY-MM-DD' or 'YYYY-MM'; None when empty."""
    if pd.isna(text) or not str(text).strip():
        return None
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(*parts)
    return day, day


def days_outside(text: object, low: date, high: date) -> int:
    """Days from the date ``text`` to the interval [low, high] (0 inside)."""
    first, last = span(text)
    if last < low:
        return (low - last).days
    if first > high:
        return (first - high).days
    return 0


def province_of(level: object, jurisdiction: str, parent: object) -> str:
    """The province whose schedule applies to a jurisdiction."""
    return jurisdiction if level == "province" or pd.isna(parent) else str(parent)


def _schedule_round(record: pd.Series) -> str | None:
    if pd.notna(record["inspection_round"]):
        return str(record["inspection_round"])
    return "1" if record["lookback"] is True else None


def _schedule_row(
    schedule: pd.DataFrame, province: str, round_: str, lookback: bool
) -> pd.Series | None:
    rows = schedule[
        (schedule["province"] == province)
        & (schedule["round"] == round_)
        & (schedule["lookback"] == lookback)
    ]
    return None if rows.empty else rows.iloc[0]


def _window(row: pd.Series) -> tuple[date, date] | None:
    start, end = span(row["entry_window_start"]), span(row["entry_window_end"])
    if start is None and end is None:
        return None
    return (start or end)[0], (end or start)[1]


def schedule_disagreements(records: pd.DataFrame, schedule: pd.DataFrame) -> pd.DataFrame:
    """Records whose entry date, feedback date or batch disagrees with the schedule."""
    out = []
    for _, rec in records[records["inspection_level"] == "central"].iterrows():
        round_ = _schedule_round(rec)
        if round_ is None:
            continue
        lookback = bool(rec["lookback"]) if pd.notna(rec["lookback"]) else False
        province = province_of(rec["level"], rec["jurisdiction"], rec["parent"])
        row = _schedule_row(schedule, province, round_, lookback)
        if row is None:
            continue
        base = {
            "doc_id": rec["doc_id"],
            "jurisdiction": rec["jurisdiction"],
            "province": province,
            "round": round_,
            "lookback": lookback,
            "batch": row["batch"],
            "schedule_sources": row["sources"],
        }
        window = _window(row)
        if pd.notna(rec["entry_start"]) and window is not None:
            gap = days_outside(rec["entry_start"], *window)
            if gap > 0:
                shown = f"{_text(row['entry_window_start'])}..{_text(row['entry_window_end'])}"
                out.append(
                    {
                        **base,
                        "field": "entry_start",
                        "document_value": rec["entry_start"],
                        "schedule_value": shown,
                        "days_outside": gap,
                    }
                )
        feedback = span(row["feedback_date"])
        if pd.notna(rec["feedback_date"]) and feedback is not None:
            gap = days_outside(rec["feedback_date"], *feedback)
            if gap > FEEDBACK_DAYS:
                out.append(
                    {
                        **base,
                        "field": "feedback_date",
                        "document_value": rec["feedback_date"],
                        "schedule_value": row["feedback_date"],
                        "days_outside": gap,
                    }
                )
        batch = rec["inspection_batch"]
        if pd.notna(batch) and pd.notna(row["batch"]) and int(batch) != int(row["batch"]):
            out.append(
                {
                    **base,
                    "field": "inspection_batch",
                    "document_value": str(batch),
                    "schedule_value": str(row["batch"]),
                    "days_outside": pd.NA,
                }
            )
    columns = metadata.columns("schedule_disagreements")
    if not out:
        return metadata.empty("schedule_disagreements")
    frame = pd.DataFrame(out)[columns].sort_values(["doc_id", "jurisdiction", "field"])
    return metadata.cast(frame.reset_index(drop=True), "schedule_disagreements")


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value)


def _month(text: object) -> tuple[int, int] | None:
    first = span(text)
    return None if first is None else (first[0].year, first[0].month)


def median_lag(schedule: pd.DataFrame, round_: str) -> int | None:
    """Median months from a batch's entry to its feedback, over the round's rows."""
    lags = []
    for _, row in schedule[schedule["round"] == round_].iterrows():
        entry = _month(row["entry_window_start"]) or _month(row["entry_window_end"])
        feedback = _month(row["feedback_date"])
        if entry and feedback:
            lags.append((feedback[0] - entry[0]) * 12 + feedback[1] - entry[1])
    return int(pd.Series(lags).median()) if lags else None


def imputed_feedback(
    schedule: pd.DataFrame, row: pd.Series, round_: str, lag: int | None
) -> tuple:
    """Feedback month of the batch's other provinces, else entry month + median lag."""
    same = schedule[
        (schedule["round"] == round_)
        & (schedule["batch"] == row["batch"])
        & ~schedule["lookback"].astype(bool)
    ]
    known = same["feedback_date"].dropna()
    if len(known):
        months = known.map(lambda t: str(t)[:7]).value_counts()
        return months.sort_index().idxmax(), "schedule_batch"
    entry = _month(row["entry_window_start"]) or _month(row["entry_window_end"])
    if entry is None or lag is None:
        return pd.NA, pd.NA
    total = entry[0] * 12 + entry[1] - 1 + lag
    return f"{total // 12:04d}-{total % 12 + 1:02d}", "schedule_imputed"
