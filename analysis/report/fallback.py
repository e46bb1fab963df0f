"""The built-in renderer, for machines without the Quarto CLI.

A fallback, not a second Quarto: it supports exactly what the project's reports use — front
matter (merged over ``_quarto.yml``), ```{python} chunks with the ``#|`` options ``label``,
``echo``, ``output`` (true/false/asis), ``eval``, ``include``, ``fig-cap``, ``tbl-cap``,
numbered figures and tables with ``@fig-``/``@tbl-`` cross-references, citations
(pandoc citeproc), and inline `` `{python} expr` `` — and refuses other cell options.

Steps: parse (``qmd``: jupytext's R Markdown reader) → execute (``execute``: nbclient on the
``python3`` kernel, working directory the .qmd's folder) → assemble Markdown (``assemble``) →
pandoc to self-contained HTML, or to PDF through Typst (``pandoc``), with the options of
``_quarto.yml`` for that format.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from analysis.report import pandoc
from analysis.report.assemble import assemble
from analysis.report.execute import execute
from analysis.report.project import Project, format_options
from analysis.report.qmd import parse


class RenderError(RuntimeError):
    """The document cannot be rendered completely (e.g. an unresolved cross-reference)."""


@dataclass
class Rendered:
    """One rendered document: the output path, the Markdown given to pandoc, diagnostics."""

    path: Path
    markdown: str
    seconds: float
    numbers: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def render_file(qmd: Path, project: Project, output_dir: Path | None = None,
                formats: tuple[str, ...] = ("html",)) -> list[Rendered]:
    """Render one .qmd of ``project`` to ``output_dir/<stem>.<format>`` for each format."""
    started = time.monotonic()
    qmd = Path(qmd)
    doc = parse(qmd.read_text(encoding="utf-8"))
    meta = project.document_options(doc.meta)
    executed = execute(doc, cwd=qmd.parent)
    assembled = assemble(doc, executed, meta)
    if assembled.unresolved:
        raise RenderError(f"{qmd.name}: unresolved cross-reference(s): "
                          f"{', '.join(sorted(set(assembled.unresolved)))}")
    rendered = []
    for fmt in formats:
        options = format_options(meta, fmt)
        bibliography = options.get("bibliography")
        csl = options.get("csl")
        output = Path(output_dir or project.output_dir) / f"{qmd.stem}.{fmt}"
        result = pandoc.WRITERS[fmt](
            assembled.markdown,
            assembled.meta,
            output,
            resource_dir=qmd.parent,
            options=options,
            bibliography=(qmd.parent / bibliography) if bibliography else None,
            csl=(qmd.parent / csl) if csl else None,
        )
        rendered.append(Rendered(output, assembled.markdown, time.monotonic() - started,
                                 assembled.numbers, result.warnings))
    return rendered


def render_project(project: Project, output_dir: Path | None = None,
                   formats: tuple[str, ...] = ("html",)) -> list[Rendered]:
    """Render every document of the project with the built-in renderer."""
    print(f"report: Quarto not used; rendering with the built-in fallback (nbclient + pandoc "
          f"{pandoc.version()}), which supports only the features these reports use",
          file=sys.stderr)
    rendered = []
    for qmd in project.documents:
        for result in render_file(qmd, project, output_dir, formats):
            for warning in result.warnings:
                print(f"report: pandoc: {warning}", file=sys.stderr)
            rendered.append(result)
    return rendered
