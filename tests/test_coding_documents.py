"""Whole documents: each fixture in tests/fixtures/documents is coded and compared field by field
with the expected coding written beside it (``<name>.yaml``).

The expected codings were written by hand from the codebook (shared/codebook.md), not from the
coder's output. Run this module as a script for the per-field agreement over all fixtures:
``python tests/test_coding_documents.py``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from analysis.codebook import default_codebook
from analysis.coding.coder import CodedRecord
from analysis.coding.corpus import code_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"
DOCUMENTS = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))
MENTION_FIELDS = ("variable", "year", "months", "value", "yoy_change", "yoy_unit")


def _variables() -> list[str]:
    names = default_codebook().record_variable_names
    return [n for n in names if n not in ("doc_id", "jurisdiction")]


def _mention_key(values: list[Any] | tuple[Any, ...]) -> tuple:
    out = []
    for field, value in zip(MENTION_FIELDS, values, strict=True):
        if field in ("value", "yoy_change") and value is not None:
            value = round(float(value), 4)
        out.append(value)
    return tuple(out)


def _coded_mentions(record: CodedRecord) -> Counter[tuple]:
    return Counter(
        _mention_key((m.variable, m.year, m.months, m.value, m.yoy_change, m.yoy_unit))
        for m in record.mentions
    )


def compare(path: Path) -> tuple[list[str], Counter[str], Counter[str]]:
    """Mismatches (one line each), and per-field counts of fields compared and agreeing."""
    expected = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))["records"]
    result = code_document(path.read_bytes(), str(path), path.stem)
    coded = {r.jurisdiction: r for r in (result.coded.records if result.coded else [])}
    variables = _variables()
    problems: list[str] = []
    total: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    for want in expected:
        name = want["jurisdiction"]
        total["record"] += 1
        got = coded.pop(name, None)
        if got is None:
            problems.append(f"{name}: record missing")
            continue
        agree["record"] += 1
        fields = ["account"] + (variables if want.get("account", True) else [])
        for field in fields:
            total[field] += 1
            value = got.account if field == "account" else got.values.get(field)
            if value == want.get(field):
                agree[field] += 1
            else:
                quote = got.evidence[field].quote if field in got.evidence else ""
                problems.append(
                    f"{name}.{field}: expected {want.get(field)!r}, coded {value!r} {quote!r}"
                )
        wanted = Counter(_mention_key(m) for m in want.get("mentions") or [])
        found = _coded_mentions(got)
        total["mentions"] += sum(wanted.values())
        agree["mentions"] += sum((wanted & found).values())
        for key in sorted((wanted - found).elements(), key=str):
            problems.append(f"{name}.mentions: missing {key}")
        for key in sorted((found - wanted).elements(), key=str):
            total["mentions"] += 1  # an extra mention counts against agreement
            problems.append(f"{name}.mentions: unexpected {key}")
    for name in coded:
        total["record"] += 1
        problems.append(f"{name}: unexpected record")
    return problems, total, agree


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_document(path: Path) -> None:
    problems, _, _ = compare(path)
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


def test_every_fixture_has_an_expected_coding() -> None:
    assert len(DOCUMENTS) >= 15
    for path in DOCUMENTS:
        assert path.with_suffix(".yaml").exists(), path.name


def agreement() -> tuple[Counter[str], Counter[str], list[str]]:
    """Per-field totals and agreements over all fixtures, with every mismatch."""
    total: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    problems: list[str] = []
    for path in DOCUMENTS:
        found, t, a = compare(path)
        total.update(t)
        agree.update(a)
        problems += [f"{path.stem}: {p}" for p in found]
    return total, agree, problems


if __name__ == "__main__":
    totals, agreements, mismatches = agreement()
    for line in mismatches:
        print(line)
    print(f"\n{'field':24} agree/total")
    for field in totals:
        print(f"{field:24} {agreements[field]:>3}/{totals[field]:<3}")
    print(f"{'ALL':24} {sum(agreements.values())}/{sum(totals.values())}")
