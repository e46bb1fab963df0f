"""The machine-readable codebook: it loads, its placeholders expand, its triggers are sound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.codebook import default_codebook, load_codebook
from analysis.coding.features import FEATURES
from analysis.coding.text import sentences
from analysis.errors import InputError
from analysis.ingest import normalize
from analysis.report import codebook_page as page
from analysis.report import fmt

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    """Corpus sentences and every Chinese string literal of the coder's snippet tests."""
    found = []
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8"))
        found += [s.text(text) for s in sentences(text)]
    for path in sorted((ROOT / "tests" / "fixtures" / "documents").glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8"))
        found += [s.text(text) for s in sentences(text)]
    for path in sorted((ROOT / "tests").glob("test_coding*.py")):
        for literal in re.findall(r'"([^"\n]*[\u4e00-\u9fff][^"\n]*)"', path.read_text("utf-8")):
            found.append(normalize(literal))
    return found


def test_every_rule_match_implies_its_trigger():
    codebook = default_codebook()
    texts = _texts()
    assert len(texts) > 500
    groups = {**codebook.record_rules, **codebook.mention_rules}
    for variable, trigger in codebook.triggers.items():
        for text in texts:
            if any(r.applies_to(text) and r.pattern.search(text) for r in groups[variable]):
                assert trigger.search(text), f"{variable}: trigger misses {text!r}"


def test_every_coded_variable_has_a_description():
    codebook = default_codebook()
    for spec in codebook.record_variables + codebook.mention_variables:
        assert spec.get("description"), spec["name"]


def test_version_hash_changes_with_the_rules(tmp_path):
    source = (ROOT / "analysis" / "codebook.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "codebook.yaml"
    changed.write_text(source.replace("整改任务,", "整改任务, 整改事项,", 1), encoding="utf-8")
    assert load_codebook(changed).version_hash != default_codebook().version_hash


@pytest.mark.parametrize(
    "edit, problem",
    [
        (lambda s: s.replace("{task_noun})(?!", "{no_such_list})(?!", 1), "unknown placeholder"),
        (lambda s: s.replace("(?P<value>{NUM})", "(?P<value>{NUM}", 1), "invalid pattern"),
        (lambda s: "just: [a, list", "cannot read codebook"),
        (lambda s: s.replace("  excludes_in: clause", "  excludes_in: segment", 1), "excludes_in"),
        (lambda s: s.replace("  requires_in: page", "  requires_in: document", 1), "requires_in"),
    ],
)
def test_broken_codebook_is_a_clear_error(tmp_path, edit, problem):
    source = (ROOT / "analysis" / "codebook.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "codebook.yaml"
    broken.write_text(edit(source), encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        load_codebook(broken)


def test_every_declarative_entry_has_a_description():
    """count_scope markers, features and guards each say what they mean (codebook page)."""
    raw = default_codebook().raw
    for entry in raw["count_scope"]:
        assert len(entry.get("description") or "") >= 10, f"count_scope {entry['pattern']}"
    for name, entry in raw["features"].items():
        assert len(entry.get("description") or "") >= 10, f"features.{name}"
        assert ("pattern" in entry) != ("value" in entry), f"features.{name}: pattern or value"
    described = raw["guards"]["descriptions"]
    assert set(described) == set(FEATURES), "guards.descriptions must describe every feature"
    assert all(len(text) >= 10 for text in described.values())


def test_codebook_page_explains_scopes_selection_guards_and_features():
    raw = default_codebook().raw
    scopes = page.count_scopes().data
    assert all(fmt.md(e["description"]) in scopes for e in raw["count_scope"])
    selection = page.count_selection().data
    assert all(f"`{v}`" in selection for v in raw["count_selection"])
    cues = page.features().data
    assert all(f"`{name}`" in cues for name in raw["features"])
    rows = {line.split("|")[1].strip(): line for line in page.guards().data.splitlines()[2:]}
    assert set(rows) == {f"`{g}`" for g in raw["guards"]["descriptions"]}
    # funding_cny has a list of its own without `bound`, which the mentions' default holds
    assert "mentions (default), not `funding_cny`" in rows["`bound`"]
    # the counts' default is empty: negation blocks only the variables that list it
    assert "default" not in rows["`negation`"] and "`tasks_completed`" in rows["`negation`"]
    qmd = (ROOT / "reports" / "codebook.qmd").read_text(encoding="utf-8")
    for cell in ("R.count_scopes()", "R.count_selection()", "R.guards()", "R.features()"):
        assert cell in qmd, cell


def test_every_rule_match_meets_the_rules_requirements():
    codebook = default_codebook()
    texts = _texts()
    rules = [
        r
        for group in (codebook.record_rules, codebook.mention_rules)
        for v in group.values()
        for r in v
    ]
    assert all(r.needs for r in rules)  # every rule has a prefilter
    for rule in rules:
        for text in texts:
            if rule.pattern.search(text):
                assert rule.may_match(text), f"{rule.id}: {rule.needs} miss {text!r}"


def test_rule_index_gives_the_rules_that_may_match():
    """The index's rules per passage are those ``may_hold`` and ``may_match`` let through."""
    codebook = default_codebook()
    index = codebook.record_index
    for text in _texts():
        expected = [
            (variable, tuple(r for r in rules if r.may_match(text)))
            for variable, rules in codebook.record_rules.items()
            if codebook.may_hold(variable, text)
        ]
        assert index.may_match(text) == expected, text
