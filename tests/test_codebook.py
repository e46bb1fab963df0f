"""The machine-readable codebook: it loads, its placeholders expand, its triggers are sound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.codebook import default_codebook, load_codebook
from analysis.coding.text import sentences
from analysis.errors import InputError
from analysis.ingest import normalize

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
    ],
)
def test_broken_codebook_is_a_clear_error(tmp_path, edit, problem):
    source = (ROOT / "analysis" / "codebook.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "codebook.yaml"
    broken.write_text(edit(source), encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        load_codebook(broken)
