"""Invented passages, class by class, coded as codebook v1.1 prescribes.

Each passage in ``fixtures/invented_passages.jsonl`` was written for one class of coding
failure (the jurisdiction by role, title-less pages, page chrome, complaint batches, parts of
a completion, comparison bases, one-year bulletins, …) in wordings of its own, and its
expected coding was worked out by reading the codebook. Every variable named in a record is
checked; with ``exact``, the count variables not named must be empty; ``mentions`` lists
every outcome mention as (variable, year, value, yoy_change, yoy_unit). A passage the coder
is known to get wrong carries ``known_failure`` (its reason) and is expected to fail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from analysis.codebook import default_codebook
from analysis.coding.coder import code_text
from analysis.ingest import normalize

PASSAGES = Path(__file__).parent / "fixtures" / "invented_passages.jsonl"
#: The count variables (those the codebook's record rules code).
COUNTS = tuple(default_codebook().record_rules)


def _cases() -> list[Any]:
    rows = [json.loads(line) for line in PASSAGES.read_text(encoding="utf-8").splitlines()]
    return [
        pytest.param(
            row,
            id=f"{row['class']}:{row['id']}",
            marks=[pytest.mark.xfail(reason=row["known_failure"], strict=True)]
            if row.get("known_failure")
            else [],
        )
        for row in rows
    ]


def _differences(row: dict[str, Any]) -> list[str]:
    doc = code_text(normalize(row["text"]), row["id"])
    expected = row["records"]
    found = [r.jurisdiction for r in doc.records]
    if len(doc.records) != len(expected):
        return [f"records {found}, expected {[e.get('jurisdiction') for e in expected]}"]
    out = []
    for record, want in zip(doc.records, expected, strict=True):
        for name, value in want.items():
            if name == "mentions":
                got = {
                    (m.variable, m.year, m.value, m.yoy_change, m.yoy_unit)
                    for m in record.mentions
                }
                if got != {tuple(m) for m in value}:
                    out.append(f"mentions {sorted(got, key=str)}, expected {value}")
                continue
            got = record.jurisdiction if name == "jurisdiction" else record.values.get(name)
            if got != value:
                out.append(f"{record.jurisdiction} {name}: {got!r}, expected {value!r}")
        if row["exact"]:
            out += [
                f"{record.jurisdiction} {name}: {record.values[name]!r}, expected none"
                for name in COUNTS
                if name not in want and record.values.get(name) is not None
            ]
    return out


@pytest.mark.parametrize("row", _cases())
def test_invented_passage(row: dict[str, Any]) -> None:
    assert _differences(row) == []


def test_passages_are_unique_and_cover_the_classes() -> None:
    rows = [json.loads(line) for line in PASSAGES.read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert len({r["class"] for r in rows}) >= 25
