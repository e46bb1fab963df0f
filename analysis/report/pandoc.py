"""Run pandoc (the binary shipped by the ``pypandoc-binary`` wheel): standalone HTML, or PDF
through Typst (compiled with the ``typst`` package), with citations by citeproc and the
project's CSL style.

The format options come from ``_quarto.yml`` (``format: html:`` / ``format: pdf:``): ``toc``,
``number-sections``, ``css`` (HTML), ``papersize``, ``fontsize``, ``mainfont`` and
``CJKmainfont`` (PDF; Quarto gives them to xelatex, here they become Typst's font list).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MISSING_CITATION = re.compile(r"Citeproc: citation (\S+) not found")
#: Typst's paper names for LaTeX's.
PAPER = {"a4": "a4", "a4paper": "a4", "letter": "us-letter", "letterpaper": "us-letter"}
#: Typst's own serif, for Latin text when ``mainfont`` is not set (xelatex: Latin Modern).
TYPST_LATIN = "Libertinus Serif"
#: The fallback's page layout, before the project's stylesheets (Quarto has its own theme).
PAGE_STYLE = Path(__file__).with_name("fallback.css")
#: Pandoc filter for the PDF's tables (content-sized columns, breakable identifiers).
TYPST_FILTER = Path(__file__).with_name("typst.lua")


class PandocError(RuntimeError):
    """pandoc failed, or a citation did not resolve."""


@dataclass
class PandocResult:
    path: Path
    warnings: list[str] = field(default_factory=list)


def pandoc_path() -> str:
    """The pandoc executable: pypandoc's bundled binary, else one on PATH."""
    import pypandoc

    return pypandoc.get_pandoc_path()


def version() -> str:
    out = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, check=True)
    return out.stdout.split("\n", 1)[0].split()[-1]


def _front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def _common(options: dict[str, Any], resource_dir: Path, bibliography: Path | None,
            csl: Path | None) -> list[str]:
    args = [f"--resource-path={resource_dir}", "--metadata=link-citations:true"]
    if bibliography is not None:
        args += ["--citeproc", f"--bibliography={bibliography}",
                 "--metadata=reference-section-title:References"]
        if csl is not None:
            args.append(f"--csl={csl}")
    if options.get("toc"):
        args.append("--toc")
    if options.get("number-sections"):
        args.append("--number-sections")
    return args


def _run(args: list[str], text: str, cwd: Path, name: str) -> list[str]:
    run = subprocess.run(args, input=text, capture_output=True, text=True, cwd=cwd)
    if run.returncode != 0:
        raise PandocError(f"pandoc failed ({run.returncode}):\n{run.stderr}")
    missing = MISSING_CITATION.findall(run.stderr)
    if missing:
        raise PandocError(f"{name}: citation(s) not found in the bibliography: "
                          f"{', '.join(sorted(set(missing)))}")
    return [line for line in run.stderr.splitlines() if line.strip()]


def to_html(
    markdown: str,
    meta: dict[str, Any],
    output: Path,
    *,
    resource_dir: Path,
    options: dict[str, Any],
    bibliography: Path | None = None,
    csl: Path | None = None,
) -> PandocResult:
    """Write ``markdown`` as one self-contained HTML file."""
    meta = {"pagetitle": meta.get("title", output.stem), **meta}
    styles = options.get("css") or []
    args = [pandoc_path(), "--from=markdown", "--to=html5", "--standalone", "--embed-resources",
            f"--output={output}", "--section-divs",
            f"--css={PAGE_STYLE}",
            *(f"--css={resource_dir / css}" for css in ([styles] if isinstance(styles, str)
                                                       else styles)),
            *_common(options, resource_dir, bibliography, csl)]
    output.parent.mkdir(parents=True, exist_ok=True)
    warnings = _run(args, _front_matter(meta) + markdown, resource_dir, output.name)
    return PandocResult(output, warnings)


def _typst_setup(options: dict[str, Any]) -> str:
    """Typst rules for the body: the fonts (Latin, then CJK), smaller type in tables."""
    fonts = [f for f in (options.get("mainfont") or TYPST_LATIN, options.get("CJKmainfont")) if f]
    rules = [
        "#show table: set text(size: 0.75em)",
        "#show table: set par(justify: false)",
        "#show link: set text(fill: rgb(\"#1a4f8b\"))",
        "#show figure: set block(breakable: true)",
        # the captions carry their own number ("Figure 1: …"), as in the HTML
        "#show figure.caption: it => it.body",
    ]
    if fonts:
        rules.insert(0, "#set text(font: (" + ", ".join(f'"{f}"' for f in fonts) + ",))")
    return "\n".join(rules)


def to_pdf(
    markdown: str,
    meta: dict[str, Any],
    output: Path,
    *,
    resource_dir: Path,
    options: dict[str, Any],
    bibliography: Path | None = None,
    csl: Path | None = None,
) -> PandocResult:
    """Write ``markdown`` as PDF: pandoc to Typst, compiled by the ``typst`` package."""
    import typst

    meta = dict(meta)
    if options.get("papersize"):
        meta["papersize"] = PAPER.get(str(options["papersize"]), str(options["papersize"]))
    if options.get("fontsize"):
        meta["fontsize"] = str(options["fontsize"])
    if options.get("mainfont"):
        meta["mainfont"] = options["mainfont"]
    meta["section-numbering"] = "1.1" if options.get("number-sections") else None
    meta = {k: v for k, v in meta.items() if v is not None}
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rectify-typst-") as scratch:
        work = Path(scratch)
        source = work / f"{output.stem}.typ"
        setup = work / "setup.typ"
        setup.write_text(_typst_setup(options) + "\n", encoding="utf-8")
        args = [pandoc_path(), "--from=markdown", "--to=typst", "--standalone",
                f"--output={source}", f"--extract-media={work / 'media'}",
                f"--include-before-body={setup}", f"--lua-filter={TYPST_FILTER}",
                *_common(options, resource_dir, bibliography, csl)]
        warnings = _run(args, _front_matter(meta) + markdown, resource_dir, output.name)
        try:
            # pandoc writes absolute paths of the extracted images: resolve them from /
            pdf = typst.compile(str(source), root="/", timestamp=0)
        except Exception as error:  # typst raises its own TypstError
            raise PandocError(f"{output.name}: typst failed: {error}") from error
    from analysis.outputs import atomic_write_bytes

    atomic_write_bytes(output, pdf)
    return PandocResult(output, warnings)


WRITERS = {"html": to_html, "pdf": to_pdf}
