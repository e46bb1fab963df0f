"""Stale builds: a stage re-runs after an edit to any module or package file its code uses.

The stages' code inputs are derived from the import closure of their modules, so these tests
edit, in a copy of the package, a file each stage reaches only indirectly, and check that
exactly the stages that use it are no longer up to date.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import paths, pipeline

#: (file of the package, stages that use it, a stage that does not). Read from the imports:
#: the coder and the panel both match places against the gazetteer; the figures import the
#: models' tables; the report's cells import the panel's metadata, which reads tables.yaml;
#: every stage reads the outcome list from the codebook (analysis.variables), which needs the
#: number parser; only coding and validation use the count rules.
EDITS = [
    ("data/gazetteer.csv", {"code", "panel", "report"}, "models"),
    ("coding/numbers.py", {"code", "validate", "panel", "models", "figures", "report"}, None),
    ("coding/counts.py", {"code", "validate"}, "models"),
    ("models/specifications.yaml", {"models", "figures", "report"}, "code"),
    ("models/results.py", {"models", "figures", "report"}, "panel"),
    ("figures/rectify.mplstyle", {"figures"}, "report"),
    ("tables.yaml", {"panel", "report"}, "models"),
    ("report/trace.py", {"report"}, "figures"),
]


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A copy of the package and a project with one file per declared input and output."""
    package = tmp_path / "site" / "analysis"
    shutil.copytree(paths.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    project = tmp_path / "project"
    for spec in pipeline.STAGES.values():
        for pattern in (*spec["inputs"], *spec["outputs"]):
            path = project / pattern.replace("**/", "").replace("*", "x")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x\n", encoding="utf-8")
    monkeypatch.setattr(paths, "PACKAGE", package)
    monkeypatch.setattr(paths, "PACKAGE_DATA", package / "data")
    monkeypatch.setattr(pipeline, "STAMPS", tmp_path / "stamps")
    pipeline.code_files.cache_clear()
    yield package, project
    pipeline.code_files.cache_clear()


def _stages() -> list[pipeline.Stage]:
    return [pipeline.stage(name, lambda: None) for name in pipeline.STAGES]


@pytest.mark.parametrize(("edited", "users", "other"), EDITS)
def test_an_edit_reruns_exactly_the_stages_that_use_the_file(copy, edited, users, other):
    package, project = copy
    for stage in _stages():
        pipeline.record(stage, project)
        assert pipeline.up_to_date(stage, project)
    target = package / edited
    target.write_bytes(target.read_bytes() + b"\n")
    pipeline.code_files.cache_clear()
    stale = {stage.name for stage in _stages() if not pipeline.up_to_date(stage, project)}
    assert users <= stale
    assert other not in stale


def test_an_edit_to_a_project_input_reruns_the_stage(copy):
    _, project = copy
    [panel] = [s for s in _stages() if s.name == "panel"]
    pipeline.record(panel, project)
    (project / "data" / "raw" / "reference" / "x").write_text("y\n", encoding="utf-8")
    assert not pipeline.up_to_date(panel, project)


def test_the_closure_follows_imports_inside_functions():
    files = {p.relative_to(paths.PACKAGE).as_posix() for p in pipeline.code_files("analysis.panel")}
    # analysis/panel/__init__.py imports build only inside run()
    assert {"panel/__init__.py", "panel/build.py", "panel/schema.py", "tables.yaml"} <= files
    assert "models/pipeline.py" not in files


def test_a_missing_required_input_names_the_stage_that_makes_it(tmp_path):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "manifest.csv").write_text("doc_id\n", encoding="utf-8")
    [models] = [s for s in _stages() if s.name == "models"]
    with pytest.raises(pipeline.InputError, match=r"panel.csv: not found; models needs it "
                                                  r"\(run `rectify panel` first\)"):
        pipeline.check_inputs(models, tmp_path)
