"""The pipeline as data: each stage with the files it reads and writes.

``python -m analysis all`` runs the stages in order and skips a stage whose inputs (data and
the code of the stage) and outputs are exactly as they were after its last run — a stamp of
their SHA-256 digests is kept in ``data/interim/stamps/``. So a second ``make report`` with
nothing changed rebuilds nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis import paths
from analysis.outputs import atomic_write_text

STAMPS = paths.INTERIM / "stamps"
PACKAGE = (
    "analysis/__init__.py",
    "analysis/paths.py",
    "analysis/outputs.py",
    "analysis/errors.py",
    "analysis/pipeline.py",
)


@dataclass(frozen=True)
class Stage:
    """A step of the pipeline: ``run`` reads ``inputs`` and writes ``outputs`` (globs)."""

    name: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    run: Callable[[], object]
    description: str = ""


def _files(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        found.update(p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def fingerprint(root: Path, patterns: tuple[str, ...]) -> dict[str, str]:
    """SHA-256 of every file matching the patterns, by path relative to ``root``."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in _files(root, patterns)
    }


def _stamp_path(stage: Stage) -> Path:
    return STAMPS / f"{stage.name}.json"


def _state(stage: Stage, root: Path) -> dict[str, dict[str, str]]:
    return {
        "inputs": fingerprint(root, stage.inputs + PACKAGE),
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
        stage.run()
        record(stage)
