"""Hand-coded records and outcome mentions of public pages, kept as reference data.

``data/raw/reference/hand_coded_records.csv`` holds one row per hand-coded rectification
record (the codebook's record variables) with the page's ``source_url`` and ``publisher``;
``hand_coded_mentions.csv`` the outcome values coded from the same pages (no quotes: the
pages' text is never copied). Both are listed with their checksums in the reference
manifest. :func:`write` (re)creates them from a gold folder on purpose; :func:`read_records`
and :func:`read_mentions` return them in the clean ``records`` / ``mentions`` schema.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.outputs import atomic_write_text, frame_to_csv_bytes
from analysis.panel import metadata
from analysis.panel.reference import read_table

RECORDS = "hand_coded_records.csv"
MENTIONS = "hand_coded_mentions.csv"
SOURCE_COLUMNS = ["source_url", "publisher"]
MENTION_COLUMNS = ["doc_id", "jurisdiction", "variable", "year", "months", "value",
                   "yoy_change", "yoy_unit"]
#: Prefix of a hand-coded record's doc_id in the panel, keeping it apart from coded files.
PREFIX = "hand:"
#: A closing note on where a page was taken from (…(转载人民日报), …(来源:…)): not the
#: publisher, and often a long organ name quoted from the page.
_REPRINT_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def publisher_of(listed: str) -> str:
    """The site that published the page, without a closing note on its original source."""
    return _REPRINT_NOTE.sub("", listed)


def write(gold_dir: str | Path, sources_csv: str | Path, reference_dir: str | Path) -> list[Path]:
    """Write both tables from ``gold_dir/{records,mentions}.csv`` and the sources list
    (doc_id, url, publisher; a closing note on the page's original source is dropped from
    the publisher). Only rectification records (with a doc_type) are kept."""
    gold_dir, reference_dir = Path(gold_dir), Path(reference_dir)
    sources = pd.read_csv(sources_csv, dtype=str, keep_default_na=False).rename(
        columns={"url": "source_url"})[["doc_id", *SOURCE_COLUMNS]]
    sources["publisher"] = sources["publisher"].map(publisher_of)
    records = pd.read_csv(gold_dir / "records.csv", dtype=str, keep_default_na=False)
    records = records[records["doc_type"] != ""][metadata.columns("records")]
    mentions = pd.read_csv(gold_dir / "mentions.csv", dtype=str, keep_default_na=False)
    mentions = mentions[MENTION_COLUMNS]
    written = []
    for frame, name in ((records, RECORDS), (mentions, MENTIONS)):
        frame = frame.merge(sources, on="doc_id", how="left", validate="many_to_one")
        if (missing := frame["source_url"].isna() | (frame["source_url"] == "")).any():
            raise InputError(sources_csv, f"no URL for {sorted(set(frame['doc_id'][missing]))}")
        frame = frame.sort_values(["doc_id", "jurisdiction"], kind="stable")
        written.append(atomic_write_text(reference_dir / name,
                                         frame_to_csv_bytes(frame).decode()))
    return written


def read_records(reference_dir: str | Path) -> pd.DataFrame:
    """Hand-coded records in the clean ``records`` schema plus source_url and publisher;
    doc_id carries :data:`PREFIX`."""
    path = Path(reference_dir) / RECORDS
    if not path.exists():
        return metadata.empty("records").assign(source_url=pd.Series(dtype="string"),
                                                publisher=pd.Series(dtype="string"))
    frame = read_table(path, [*metadata.columns("records"), *SOURCE_COLUMNS])
    sources = frame[SOURCE_COLUMNS]
    records = metadata.cast(frame[metadata.columns("records")], "records", path)
    records["doc_id"] = PREFIX + records["doc_id"]
    return pd.concat([records, sources], axis=1)


def read_mentions(reference_dir: str | Path) -> pd.DataFrame:
    """Hand-coded outcome mentions in the clean ``mentions`` schema (no quote or offsets)."""
    path = Path(reference_dir) / MENTIONS
    if not path.exists():
        return metadata.empty("mentions")
    frame = read_table(path, [*MENTION_COLUMNS, *SOURCE_COLUMNS])
    frame["doc_id"] = PREFIX + frame["doc_id"]
    for column in ("quote", "start", "end"):
        frame[column] = pd.NA
    frame["rule"] = "hand_coded"
    return metadata.cast(frame[metadata.columns("mentions")], "mentions", path)
