"""The Quarto project in ``reports/``: its ``_quarto.yml``, documents and output folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from analysis import paths


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` merged into ``base`` (nested mappings merged, other values replaced)."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@dataclass(frozen=True)
class Project:
    """``reports/_quarto.yml`` read: where documents are and where output goes."""

    directory: Path
    config: dict[str, Any]

    @classmethod
    def load(cls, directory: Path = paths.REPORTS) -> Project:
        directory = Path(directory)
        config_path = directory / "_quarto.yml"
        config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
        return cls(directory, config)

    @property
    def documents(self) -> list[Path]:
        """The .qmd files the project renders (``project: render:``), in that order."""
        names = (self.config.get("project") or {}).get("render") or sorted(
            p.name for p in self.directory.glob("*.qmd")
        )
        return [self.directory / name for name in names]

    @property
    def output_dir(self) -> Path:
        return self.directory / (self.config.get("project") or {}).get("output-dir", "_output")

    def document_options(self, front_matter: dict[str, Any]) -> dict[str, Any]:
        """Project-wide options with the document's front matter merged over them."""
        shared = {k: v for k, v in self.config.items() if k != "project"}
        return merge(shared, front_matter)


def format_options(meta: dict[str, Any], fmt: str) -> dict[str, Any]:
    """The options of ``format: <fmt>:`` with the same keys at the top level under them."""
    section = (meta.get("format") or {}).get(fmt) or {}
    top = {k: v for k, v in meta.items() if k != "format"}
    return {**top, **section} if isinstance(section, dict) else top


def formats(config: dict[str, Any]) -> list[str]:
    """The output formats the project declares (``format:`` keys), in order."""
    return list((config.get("format") or {"html": {}}).keys())
