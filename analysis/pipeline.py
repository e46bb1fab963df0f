"""The pipeline as data: each stage with the files it reads and writes.

``python -m analysis all`` runs the stages in order and skips a stage whose inputs and outputs
are exactly as they were after its last run — a stamp of their SHA-256 digests is kept in
``data/interim/stamps/``. A stage's inputs are its project files (declared in ``STAGES``) plus
its code, derived rather than listed: every module of the package the stage's entry module
imports, directly or not (found by reading the sources, not by importing them), and every
package file those modules name (``codebook.yaml``, ``data/gazetteer.csv``, …). So an edit to
any module or data file a stage uses re-runs it, and a second ``make report`` with nothing
changed rebuilds nothing.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

from analysis import paths
from analysis.errors import InputError
from analysis.outputs import atomic_write_text

STAMPS = paths.INTERIM / "stamps"

#: Each stage: the module whose ``run`` it calls (with the command-line ``options`` named),
#: the project files it reads (globs; ``requires`` must exist before it can run) and writes.
STAGES: dict[str, dict[str, tuple[str, ...] | str]] = {
    "code": {
        "module": "analysis.coding.corpus",
        "requires": ("data/raw/manifest.csv",),
        "inputs": ("data/raw/*",),
        "outputs": (
            "data/clean/records.*",
            "data/clean/mentions.*",
            "data/clean/evidence.*",
            "data/clean/coding_audit.*",
            "data/clean/documents.*",
            "data/interim/*.txt",
        ),
    },
    "validate": {
        "module": "analysis.validate",
        "requires": (),
        "inputs": ("data/raw/*", "data/gold/*.csv"),
        "outputs": ("reports/tables/validation*",),
    },
    "panel": {
        "module": "analysis.panel",
        "requires": ("data/clean/records.csv", "data/clean/mentions.csv"),
        "inputs": (
            "data/clean/records.csv",
            "data/clean/mentions.csv",
            "data/raw/reference/*",
            "data/raw/outcomes/*",
        ),
        "outputs": (
            "data/clean/panel.*",
            "data/clean/outcomes.*",
            "data/clean/datapackage.json",
            "data/clean/README.md",
        ),
    },
    "models": {
        "module": "analysis.models",
        "requires": ("data/clean/panel.csv",),
        "inputs": ("data/clean/panel.csv", "data/clean/records.csv"),
        "outputs": ("reports/tables/models_*",),
    },
    "figures": {
        "module": "analysis.figures",
        "requires": ("data/clean/panel.csv",),
        "inputs": ("data/clean/*.csv", "reports/tables/*.csv"),
        "outputs": ("figures/*",),
    },
    "report": {
        "module": "analysis.report",
        # the documents' code cells import analysis.report.cells
        "also": ("analysis.report.cells",),
        "options": ("renderer", "to"),
        "requires": ("reports/_quarto.yml", "data/clean/records.csv"),
        "inputs": (
            "data/clean/*.csv",
            "data/clean/datapackage.json",
            "reports/tables/*",
            "figures/*",
            "reports/*.qmd",
            "reports/*.bib",
            "reports/*.csl",
            "reports/*.css",
            "reports/_quarto.yml",
            "notebooks/*",
        ),
        "outputs": ("reports/_output/*.html", "reports/_output/*.pdf"),
    },
}
#: A string in a module that names a package file it reads (``"codebook.yaml"``, ``"data/*"``).
DATA_NAME = re.compile(r"^[\w./*-]*(\.(ya?ml|csv|css|mplstyle|json|csl|txt)|/\*)$")


@dataclass(frozen=True)
class Stage:
    """A step of the pipeline: ``run`` reads ``inputs`` and writes ``outputs`` (globs)."""

    name: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    run: Callable[[], object]
    description: str = ""
    requires: tuple[str, ...] = ()


def stage(name: str, run: Callable[[], object]) -> Stage:
    """The stage ``name`` of ``STAGES``, its inputs with its code, running ``run``."""
    spec = STAGES[name]
    modules = (spec["module"], *spec.get("also", ()))
    code = sorted(set().union(*(code_files(m) for m in modules)))
    return Stage(name, tuple(spec["inputs"]) + tuple(code), tuple(spec["outputs"]), run,
                 requires=tuple(spec["requires"]))


def _module_path(module: str) -> Path | None:
    parts = module.split(".")
    if parts[0] != "analysis":
        return None
    base = paths.PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Modules of the package named by any import in ``tree`` (also inside functions)."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] == "analysis"}


def _data_files(tree: ast.AST, source: Path) -> set[Path]:
    """Package files named by string constants of a module (next to it, or in the package)."""
    found: set[Path] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if not DATA_NAME.match(node.value):
                continue
            for folder in {source.parent, paths.PACKAGE, paths.PACKAGE_DATA}:
                found.update(p for p in folder.glob(node.value) if p.is_file()
                             and p.suffix != ".py" and "__pycache__" not in p.parts)
    return found


@cache
def code_files(module: str) -> frozenset[Path]:
    """The sources of ``module`` and of every package module it imports, transitively (and
    their parent packages' ``__init__``), plus the package data files they name."""
    seen: set[str] = set()
    files: set[Path] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        source = _module_path(name)
        if source is None:
            continue
        tree = ast.parse(source.read_bytes(), filename=str(source))
        files.add(source)
        files.update(_data_files(tree, source))
        parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)]
        todo.extend(parents)
        todo.extend(_imports(tree, name, source.name == "__init__.py"))
    return frozenset(files)


def producer(name: str) -> str | None:
    """The stage that writes the project file ``name``, if any."""
    return next((stage for stage, spec in STAGES.items()
                 if any(fnmatch(name, pattern) for pattern in spec["outputs"])), None)


def check_inputs(stage: Stage, root: Path = paths.ROOT) -> None:
    """Raise ``InputError`` naming the first required file of the stage that does not exist."""
    for name in stage.requires:
        if (root / name).exists():
            continue
        made_by = producer(name)
        if not paths.is_project(root):
            problem = (f"not found: {root} is not a project directory (run in the directory "
                       f"holding {paths.MARKER} or pass --project DIR)")
        elif made_by:
            problem = f"not found; {stage.name} needs it (run `rectify {made_by}` first)"
        else:
            problem = f"not found; {stage.name} needs it"
        raise InputError(root / name, problem)


def _files(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        if Path(pattern).is_absolute():
            found.add(Path(pattern))
            continue
        found.update(p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def _name(path: Path, root: Path) -> str:
    """A file's key in a stamp: relative to the project, or ``analysis/…`` for package files."""
    if path.is_relative_to(paths.PACKAGE):
        return (Path("analysis") / path.relative_to(paths.PACKAGE)).as_posix()
    return path.relative_to(root).as_posix()


def fingerprint(root: Path, patterns: tuple[str, ...]) -> dict[str, str]:
    """SHA-256 of every file matching the patterns (or named by absolute path)."""
    return {
        _name(path, root): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in _files(root, patterns)
    }


def _stamp_path(stage: Stage) -> Path:
    return STAMPS / f"{stage.name}.json"


def _state(stage: Stage, root: Path) -> dict[str, dict[str, str]]:
    # the pipeline's own modules (not the project globs it declares, which look like data names)
    code = tuple(str(p) for p in code_files("analysis.pipeline") if p.suffix == ".py")
    return {
        "inputs": fingerprint(root, tuple(str(i) for i in stage.inputs) + code),
        "outputs": fingerprint(root, stage.outputs),
    }


def up_to_date(stage: Stage, root: Path = paths.ROOT) -> bool:
    """True when the stage's inputs and outputs match the stamp of its last run."""
    stamp = _stamp_path(stage)
    if not stamp.exists():
        return False
    state = _state(stage, root)
    if not state["outputs"]:
        return False
    return json.loads(stamp.read_text(encoding="utf-8")) == state


def record(stage: Stage, root: Path = paths.ROOT) -> None:
    """Stamp the stage as run with its current inputs and outputs."""
    text = json.dumps(_state(stage, root), indent=1, sort_keys=True)
    atomic_write_text(_stamp_path(stage), text + "\n")


def run_stages(stages: list[Stage], force: bool = False, log=print) -> None:
    """Run each stage unless it is up to date (or ``force``)."""
    for stage in stages:
        if not force and up_to_date(stage):
            log(f"{stage.name}: up to date, nothing to do")
            continue
        check_inputs(stage)
        stage.run()
        record(stage)
