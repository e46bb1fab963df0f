"""Provenance of the values the report shows: each with its quote, sentence and document.

Every value gets a stable id (``Q1``, ``Q2`` … in record, then codebook order); tables and
figure notes link to ``#trace-Q…``, the row of the appendix table that quotes its sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from analysis.codebook import default_codebook
from analysis.report import fmt, sources

#: Record variables shown in the report (and so traced in its appendix).
SHOWN = (
    "inspection_level", "inspection_round", "feedback_date", "asof", "tasks_total",
    "tasks_completed", "measures_total", "measures_completed", "petitions_total",
    "petitions_resolved", "accountability_people", "accountability_units",
)
BOUNDARY = re.compile(r"[。！？!?;；\n]")
CONTEXT = 70
COLUMNS = ["id", "doc_id", "jurisdiction", "variable", "period", "value", "quote", "start",
           "end", "rule", "source", "sentence", "verified"]


def sentence(text: str | None, start: int, end: int, quote: object) -> tuple[str, bool]:
    """Markdown of the sentence around ``text[start:end]`` with the quote in bold.

    Returns the sentence and whether the quote is verbatim at its offsets. Without the text
    (``data/interim`` not built) the quote alone is returned, unverified.
    """
    if fmt.missing(quote) or not str(quote):
        return "*(no quote: the value stands for what the document does not state)*", False
    if text is None or not 0 <= start <= end <= len(text):
        return f"**{fmt.md(quote)}**", False
    verified = text[start:end] == quote
    left = max((m.end() for m in BOUNDARY.finditer(text, 0, start)), default=0)
    right_match = BOUNDARY.search(text, end)
    right = right_match.end() if right_match else len(text)
    before = text[max(left, start - CONTEXT):start].lstrip()
    after = text[end:min(right, end + CONTEXT)].rstrip()
    prefix = "…" if start - CONTEXT > left else ""
    suffix = "…" if end + CONTEXT < right else ""
    return (f"{prefix}{fmt.md(before)}**{fmt.md(text[start:end])}**{fmt.md(after)}{suffix}",
            verified)


def _period(year: object, months: object) -> str:
    if fmt.missing(year):
        return ""
    return f"{int(float(year))}" + ("" if fmt.missing(months) else f" (months {months})")


def _rows() -> list[dict[str, object]]:
    order = {name: i for i, name in enumerate(default_codebook().record_variable_names)}
    mention_order = {n: i for i, n in enumerate(default_codebook().mention_variable_names)}
    evidence = sources.table("evidence")
    evidence = evidence[evidence["variable"].isin(SHOWN)].copy()
    evidence["rank"] = evidence["variable"].map(order)
    mentions = sources.maybe("mentions")
    rows: list[dict[str, object]] = []
    records = sources.table("records")[["doc_id", "jurisdiction"]].drop_duplicates()
    for doc_id, jurisdiction in records.itertuples(index=False):
        own = evidence[(evidence.doc_id == doc_id) & (evidence.jurisdiction == jurisdiction)]
        for row in own.sort_values(["rank", "start"]).itertuples():
            rows.append({"doc_id": doc_id, "jurisdiction": jurisdiction,
                         "variable": row.variable, "period": "", "value": row.value,
                         "quote": row.quote, "start": row.start, "end": row.end,
                         "rule": row.rule, "source": row.source})
        if mentions is None:
            continue
        theirs = mentions[(mentions.doc_id == doc_id) & (mentions.jurisdiction == jurisdiction)]
        theirs = theirs.assign(rank=theirs["variable"].map(mention_order))
        for row in theirs.sort_values(["rank", "year", "months", "start"]).itertuples():
            rows.append({"doc_id": doc_id, "jurisdiction": jurisdiction,
                         "variable": row.variable, "period": _period(row.year, row.months),
                         "value": fmt.value(row.variable, row.value), "quote": row.quote,
                         "start": row.start, "end": row.end, "rule": row.rule,
                         "source": "auto"})
    return rows


@lru_cache(maxsize=1)
def trace_frame() -> pd.DataFrame:
    """One row per traced value: id, where it came from, and its sentence (Markdown)."""
    rows = _rows()
    for number, row in enumerate(rows, start=1):
        row["id"] = f"Q{number}"
        text = sources.document_text(str(row["doc_id"]))
        row["sentence"], row["verified"] = sentence(
            text, int(row["start"]), int(row["end"]), row["quote"]
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def trace_id(doc_id: str, jurisdiction: str, variable: str, period: str = "") -> str | None:
    """The id of a traced value, or None."""
    try:
        frame = trace_frame()
    except sources.Unavailable:
        return None
    hit = frame[(frame.doc_id == doc_id) & (frame.jurisdiction == jurisdiction)
                & (frame.variable == variable) & (frame.period == period)]
    return str(hit["id"].iloc[0]) if len(hit) else None


def link(text: str, ident: str | None) -> str:
    """``text`` linked to its appendix row (plain text when untraced)."""
    return f"[{text}](#trace-{ident})" if ident else text
