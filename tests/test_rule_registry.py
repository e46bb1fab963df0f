"""The rule register: every rule id the coder cites is registered in analysis/codebook.yaml,
with a description, and is listed on the codebook page."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis import paths
from analysis.codebook import default_codebook, load_codebook
from analysis.errors import InputError
from analysis.report.codebook_page import rules as rules_page
from analysis.validate import DOCUMENT_SUFFIXES, code_folder

ROOT = Path(__file__).resolve().parents[1]
DEVCORPUS = ROOT.parent / "shared" / "devcorpus" / "docs"
#: Folders of documents whose coded evidence is checked (self-written fixtures, the seeds).
#: Record variables read with the jurisdiction (from its gazetteer entry), not by a rule.
WITH_JURISDICTION = {"level", "parent"}
FOLDERS = {"seeds": paths.RAW, "fixtures": ROOT / "tests" / "fixtures" / "documents"}


def _cited(folder: Path) -> set[tuple[str, str]]:
    """(rule id, variable) of every record value and mention coded from ``folder``."""
    coded = code_folder(folder)
    pairs = set()
    for key, rule in coded.rules.items():
        variable = key[2]
        if rule.startswith("("):  # level/parent read with the jurisdiction: no rule of its own
            continue
        if variable in WITH_JURISDICTION:  # credited to the rule that found the jurisdiction
            variable = "jurisdiction"
        pairs.add((rule, variable))
    return pairs


def _assert_registered(pairs: set[tuple[str, str]], where: str) -> None:
    registry = default_codebook().registry
    unregistered = sorted({r for r, _ in pairs if r not in registry})
    assert not unregistered, f"{where}: rule ids not in analysis/codebook.yaml: {unregistered}"
    wrong = sorted(
        (r, v) for r, v in pairs
        if "any" not in registry[r].variables and v not in registry[r].variables
    )
    assert not wrong, f"{where}: rules cited for a variable they are not registered for: {wrong}"


def _page() -> str:
    return rules_page().data


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_rules_cited_in_coded_documents_are_registered(name):
    folder = FOLDERS[name]
    if not any(p.suffix in DOCUMENT_SUFFIXES for p in folder.iterdir()):
        pytest.skip(f"no documents in {folder}")
    _assert_registered(_cited(folder), name)


def test_rules_cited_on_the_devcorpus_are_registered():
    if not DEVCORPUS.is_dir():
        pytest.skip(f"no development corpus at {DEVCORPUS}")
    _assert_registered(_cited(DEVCORPUS), "devcorpus")


def test_rules_cited_in_the_clean_tables_are_registered_and_on_the_codebook_page():
    path = paths.CLEAN / "evidence.csv"
    if not path.is_file():
        pytest.skip(f"{path} not built (python -m analysis code)")
    evidence = pd.read_csv(path, dtype=str, keep_default_na=False)
    cited = set(zip(evidence["rule"], evidence["variable"], strict=True))
    if (paths.CLEAN / "mentions.csv").is_file():
        mentions = pd.read_csv(paths.CLEAN / "mentions.csv", dtype=str, keep_default_na=False)
        cited |= set(zip(mentions["rule"], mentions["variable"], strict=True))
    _assert_registered(cited, str(paths.CLEAN))
    page = _page()
    missing = sorted({r for r, _ in cited if f"`{r}`" not in page})
    assert not missing, f"rules of {path} not on the codebook page: {missing}"


def test_rule_ids_written_in_the_coder_are_registered():
    """String literals of the form <record variable>.<name> in analysis/coding are rule ids."""
    codebook = default_codebook()
    prefixes = {*codebook.record_variable_names, "entry"}
    shape = re.compile(r"([a-z_]+)\.([a-z_]+)")
    found = set()
    for path in sorted((ROOT / "analysis" / "coding").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                match = shape.fullmatch(node.value)
                if match and match.group(1) in prefixes:
                    found.add((node.value, path.name))
    assert {"lookback.not_named", "asof.jiezhi"} <= {r for r, _ in found}  # the scan works
    missing = sorted((r, f) for r, f in found if r not in codebook.registry)
    assert not missing, f"rule ids in the coder but not in analysis/codebook.yaml: {missing}"


def test_every_registered_rule_has_a_description_and_is_on_the_codebook_page():
    page = _page()
    for rule in default_codebook().registry.values():
        assert len(rule.description) >= 10, f"{rule.id}: no description in analysis/codebook.yaml"
        assert f"`{rule.id}`" in page, f"{rule.id}: not on the codebook page"
    assert "R.rules()" in (ROOT / "reports" / "codebook.qmd").read_text(encoding="utf-8")


def test_registry_holds_pattern_and_procedural_rules():
    codebook = default_codebook()
    pattern_ids = [r.id for rules in codebook.record_rules.values() for r in rules]
    pattern_ids += [r.id for rules in codebook.mention_rules.values() for r in rules]
    assert set(pattern_ids) <= set(codebook.registry)
    assert codebook.registry["lookback.not_named"].status == "established_false"
    assert codebook.registry["tasks_total.n_tasks"].kind == "record"
    assert codebook.registry["entry.range"].variables == ("entry_start", "entry_end")


def _with(tmp_path: Path, extra: list[dict]) -> Path:
    data = yaml.safe_load(paths.PACKAGE.joinpath("codebook.yaml").read_text(encoding="utf-8"))
    data["procedural_rules"] = data["procedural_rules"] + extra
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_rule_id_registered_twice_is_an_error_naming_it(tmp_path):
    twice = {"id": "asof.jiezhi", "variable": "asof", "description": "again"}
    with pytest.raises(InputError, match=r"asof\.jiezhi.*registered twice"):
        load_codebook(_with(tmp_path, [twice]))


def test_a_procedural_rule_needs_a_variable_and_a_known_status(tmp_path):
    with pytest.raises(InputError, match="needs an id and a variable"):
        load_codebook(_with(tmp_path, [{"id": "x.y", "description": "no variable"}]))
    odd = {"id": "x.y", "variable": "asof", "status": "guessed", "description": "odd status"}
    with pytest.raises(InputError, match="status must be one of"):
        load_codebook(_with(tmp_path, [odd]))
