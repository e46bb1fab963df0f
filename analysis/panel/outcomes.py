"""The long outcome table: every value from every source, with precedence and disagreements.

Sources and their ``source`` strings:

* ``document``  – a coded mention; ``doc_id:start-end`` (just ``doc_id`` without offsets).
* ``reference`` – ``data/raw/reference/provincial_outcomes.csv``; its page URLs.
* ``external``  – a researcher file in ``data/raw/outcomes/``; ``file.csv: <its source>``.
* ``derived``   – the prior-year value implied by a document's stated change on the previous
  year, for full-year values only: ``pct`` → value / (1 + change/100), ``pp`` → value −
  change, rounded to 3 decimals; ``derived from <document source> (yoy ±x unit)``.

Year-to-date values (``months`` not empty) are kept apart: they are chosen among
themselves per jurisdiction-year-variable-months and never compared or averaged with
full-year values.

Precedence. Per jurisdiction, year, variable and months every row is kept. Independent
series come first: one ``chosen`` value among the independent sources (external >
reference), used for the panel's outcome columns; the documents' own, self-reported values
(document > derived) get their own ``chosen`` value, used only for the panel's ``*_self``
columns (a labelled robustness specification). Within one source type, the value stated with
more decimals (27 and 26.7 -> 26.7, the less rounded), then, for the reference series, the
more authoritative outlet (gov > official_media > commercial_news > mirror_or_spam), then
the first source in sort order. Values that differ by more than ``TOLERANCE`` (absolute, in
the variable's unit) from the group's leading value (the chosen independent one, else the
chosen self-reported one) are listed by :func:`disagreements`.
"""

from __future__ import annotations

import pandas as pd

from analysis.panel import metadata
from analysis.panel.external import outcome_variables

# The order of the source_type enum in tables.yaml is the precedence (declared once there);
# the independent sources are listed in its `independent` key.
_SOURCE_TYPE = next(f for f in metadata.table("outcomes")["fields"] if f["name"] == "source_type")
PRECEDENCE = _SOURCE_TYPE["constraints"]["enum"]
INDEPENDENT = _SOURCE_TYPE["independent"]
OUTLETS = next(f for f in metadata.table("outcomes")["fields"]
               if f["name"] == "outlet")["constraints"]["enum"]
TOLERANCE = 0.05
DERIVED_DECIMALS = 3
GROUP = ["jurisdiction", "year", "variable", "months"]


def _doc_source(frame: pd.DataFrame) -> pd.Series:
    spans = frame["doc_id"] + ":" + frame["start"].astype("string") + "-" + frame["end"].astype(
        "string"
    )
    return spans.fillna(frame["doc_id"]).astype("string")


def from_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Outcome values stated in documents (mentions with a year)."""
    variables = outcome_variables()
    rows = mentions[mentions["variable"].isin(list(variables)) & mentions["year"].notna()]
    return pd.DataFrame({
        "jurisdiction": rows["jurisdiction"],
        "year": rows["year"],
        "variable": rows["variable"],
        "months": rows["months"],
        "value": rows["value"],
        "unit": rows["variable"].map(lambda v: variables[v]["unit"]),
        "source_type": "document",
        "source": _doc_source(rows),
        "outlet": pd.NA,
        "derived": False,
        "yoy_change": rows["yoy_change"],
        "yoy_unit": rows["yoy_unit"],
    })


def derive_prior_year(stated: pd.DataFrame) -> pd.DataFrame:
    """Prior-year values implied by full-year document values with a stated yoy change."""
    rows = stated[stated["months"].isna() & stated["yoy_change"].notna()
                  & stated["yoy_unit"].isin(["pct", "pp"])]
    if rows.empty:
        return rows.assign(source_type=pd.Series(dtype="string"),
                           derived=pd.Series(dtype="boolean"))
    pct = rows["yoy_unit"] == "pct"
    value = (rows["value"] / (1 + rows["yoy_change"] / 100)).where(
        pct, rows["value"] - rows["yoy_change"]
    )
    change = rows["yoy_change"].map(lambda c: f"{c:+g}")
    return rows.assign(
        year=rows["year"] - 1,
        value=value.round(DERIVED_DECIMALS),
        source_type="derived",
        source="derived from " + rows["source"] + " (yoy " + change + " " + rows["yoy_unit"] + ")",
        derived=True,
    )


def from_reference(reference: pd.DataFrame) -> pd.DataFrame:
    """Provincial reference values; source = their page URLs."""
    return pd.DataFrame({
        "jurisdiction": reference["province"],
        "year": reference["year"],
        "variable": reference["variable"],
        "months": pd.NA,
        "value": reference["value"],
        "unit": reference["unit"],
        "source_type": "reference",
        "source": reference["sources"],
        "outlet": reference["best_outlet"],
        "derived": False,
    })


def from_external(external: pd.DataFrame) -> pd.DataFrame:
    """External file values; source = file name and the file's source column."""
    return pd.DataFrame({
        "jurisdiction": external["jurisdiction"],
        "year": external["year"],
        "variable": external["variable"],
        "months": external["months"],
        "value": external["value"],
        "unit": external["unit"],
        "source_type": "external",
        "source": external["file"] + ": " + external["source"],
        "outlet": pd.NA,
        "derived": False,
    })


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if "." not in text or "e" in text else len(text.split(".")[1].rstrip("0"))


def choose(long: pd.DataFrame) -> pd.DataFrame:
    """Mark one ``chosen`` row per jurisdiction-year-variable-months among the independent
    sources and one among the self-reported ones, by the precedence."""
    ranked = long.assign(
        independent=long["source_type"].isin(INDEPENDENT),
        _rank=long["source_type"].map(PRECEDENCE.index),
        _decimals=-long["value"].map(_decimals),
        _outlet=long["outlet"].map(lambda o: OUTLETS.index(o) if pd.notna(o) else len(OUTLETS)),
        _months=long["months"].fillna(""),
    ).sort_values(["jurisdiction", "variable", "year", "_months", "_rank", "_decimals",
                   "_outlet", "source", "value"], kind="stable")
    first = ~ranked.duplicated(["jurisdiction", "year", "variable", "_months", "independent"])
    ranked["chosen"] = first
    return ranked.drop(columns=["_rank", "_decimals", "_outlet", "_months"]).reset_index(
        drop=True)


def collect(mentions: pd.DataFrame, reference: pd.DataFrame,
            external: pd.DataFrame) -> pd.DataFrame:
    """The outcomes table (columns of tables.yaml ``outcomes``), sorted, one row per value."""
    stated = from_mentions(mentions)
    parts = [from_external(external), stated, from_reference(reference),
             derive_prior_year(stated)]
    long = pd.concat([p for p in parts if len(p)], ignore_index=True)
    columns = [c for c in metadata.columns("outcomes") if c not in ("independent", "chosen")]
    long = metadata.cast(long[columns].assign(independent=False, chosen=False), "outcomes")
    key = [c for c in metadata.table("outcomes")["primary_key"]]
    long = long.drop_duplicates(key)
    return metadata.cast(choose(long), "outcomes")


def leading(outcomes: pd.DataFrame) -> pd.Series:
    """True for each group's leading value: the chosen independent one, else the chosen
    self-reported one."""
    has_independent = outcomes.assign(_m=outcomes["months"].fillna("")).groupby(
        ["jurisdiction", "year", "variable", "_m"])["independent"].transform("any")
    return outcomes["chosen"] & (outcomes["independent"] | ~has_independent)


def disagreements(outcomes: pd.DataFrame, tolerance: float = TOLERANCE) -> pd.DataFrame:
    """Full-year values differing from their group's leading value by more than ``tolerance``."""
    lead = leading(outcomes)
    full = outcomes.assign(_lead=lead)[outcomes["months"].isna()]
    key = ["jurisdiction", "year", "variable"]
    chosen = full[full["_lead"]][key + ["value", "source_type", "source"]].rename(
        columns={"value": "chosen_value", "source_type": "chosen_source_type",
                 "source": "chosen_source"})
    others = full[~full["_lead"]][key + ["value", "source_type", "source"]].rename(
        columns={"value": "other_value", "source_type": "other_source_type",
                 "source": "other_source"})
    pairs = chosen.merge(others, on=key, how="inner")
    pairs["difference"] = (pairs["other_value"] - pairs["chosen_value"]).round(6)
    pairs = pairs[pairs["difference"].abs() > tolerance + 1e-9]
    columns = metadata.columns("outcome_disagreements")
    pairs = pairs[columns].sort_values(key + ["other_source_type", "other_source"])
    return metadata.cast(pairs.reset_index(drop=True), "outcome_disagreements")
