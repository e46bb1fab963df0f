"""Parse a Quarto ``.qmd`` file: front matter, ```{python} chunks with ``#|`` options, inline code.

The chunks are read with jupytext's R Markdown reader, which parses the same ```{python}
fences as Quarto (jupytext's own ``.qmd`` format shells out to the Quarto CLI). Only the Quarto
features the project's reports use are understood; anything else is an error, so the fallback
never silently renders something Quarto would render differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import jupytext
import yaml

#: Inline code: `{python} expr` (Quarto 1.4+).
INLINE = re.compile(r"`\{python\}\s+([^`]+?)\s*`")
#: Cell options the built-in renderer supports (Quarto names).
CELL_OPTIONS = frozenset({"label", "echo", "output", "fig-cap", "tbl-cap", "eval", "include"})


class QmdError(ValueError):
    """A .qmd construct the built-in renderer does not support, or a malformed one."""


@dataclass
class Markdown:
    """A stretch of Markdown text (may hold inline expressions)."""

    text: str

    @property
    def inline(self) -> list[str]:
        return [m.group(1) for m in INLINE.finditer(self.text)]


@dataclass
class Chunk:
    """One ```{python} chunk: its code (options removed) and its ``#|`` options."""

    code: str
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str | None:
        return self.options.get("label")

    @property
    def kind(self) -> str | None:
        """``fig`` or ``tbl`` for a cross-referenceable chunk, else None."""
        label = self.label or ""
        prefix = label.split("-", 1)[0]
        return prefix if prefix in ("fig", "tbl") and "-" in label else None


@dataclass
class QmdDocument:
    """Front matter plus the document's blocks in order."""

    meta: dict[str, Any]
    blocks: list[Markdown | Chunk]

    @property
    def chunks(self) -> list[Chunk]:
        return [b for b in self.blocks if isinstance(b, Chunk)]


def split_options(source: str) -> tuple[dict[str, Any], str]:
    """Leading ``#| key: value`` lines (YAML) and the remaining code."""
    lines = source.splitlines()
    n = 0
    while n < len(lines) and lines[n].startswith("#|"):
        n += 1
    yaml_text = "\n".join(line[2:].removeprefix(" ") for line in lines[:n])
    try:
        options = (yaml.safe_load(yaml_text) or {}) if n else {}
    except yaml.YAMLError as error:
        raise QmdError(f"cannot read cell options:\n{yaml_text}\n{error}") from error
    if not isinstance(options, dict):
        raise QmdError(f"cell options are not key: value lines:\n{yaml_text}")
    unknown = sorted(set(options) - CELL_OPTIONS)
    if unknown:
        raise QmdError(
            f"cell option(s) {', '.join(unknown)} not supported by the built-in renderer "
            f"(supported: {', '.join(sorted(CELL_OPTIONS))}); render with Quarto"
        )
    return options, "\n".join(lines[n:])


def _front_matter(text: str) -> dict[str, Any]:
    body = text.strip()
    if not (body.startswith("---") and body.endswith("---")):
        return {}
    data = yaml.safe_load(body.strip("-\n")) or {}
    if not isinstance(data, dict):
        raise QmdError("front matter is not a YAML mapping")
    return data


def parse(text: str) -> QmdDocument:
    """Parse .qmd text into front matter and blocks."""
    notebook = jupytext.reads(text, fmt="Rmd")
    meta: dict[str, Any] = {}
    blocks: list[Markdown | Chunk] = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "raw" and index == 0:
            meta = _front_matter(cell.source)
        elif cell.cell_type == "code":
            language = cell.metadata.get("language", "python")
            if language != "python":
                raise QmdError(f"only python chunks are supported, found {language!r}")
            options, code = split_options(cell.source)
            blocks.append(Chunk(code, options))
        else:
            blocks.append(Markdown(cell.source))
    labels = [c.label for c in blocks if isinstance(c, Chunk) and c.label]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise QmdError(f"duplicate chunk label(s): {', '.join(duplicates)}")
    return QmdDocument(meta, blocks)
