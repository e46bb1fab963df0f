"""Run pandoc (the binary shipped by the ``pypandoc-binary`` wheel) to write standalone HTML."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

STYLE = Path(__file__).with_name("style.css")
MISSING_CITATION = re.compile(r"Citeproc: citation (\S+) not found")


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


def to_html(
    markdown: str,
    meta: dict[str, Any],
    output: Path,
    *,
    resource_dir: Path,
    bibliography: Path | None = None,
    toc: bool = False,
    number_sections: bool = False,
) -> PandocResult:
    """Write ``markdown`` as one self-contained HTML file (citations via citeproc)."""
    meta = {"pagetitle": meta.get("title", output.stem), **meta}
    args = [
        pandoc_path(), "--from=markdown", "--to=html5", "--standalone", "--embed-resources",
        f"--css={STYLE}", f"--resource-path={resource_dir}", f"--output={output}",
        "--metadata=link-citations:true", "--section-divs",
    ]
    if bibliography is not None:
        args += ["--citeproc", f"--bibliography={bibliography}",
                 "--metadata=reference-section-title:References"]
    if toc:
        args.append("--toc")
    if number_sections:
        args.append("--number-sections")
    output.parent.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        args, input=_front_matter(meta) + markdown, capture_output=True, text=True,
        cwd=resource_dir,
    )
    if run.returncode != 0:
        raise PandocError(f"pandoc failed ({run.returncode}):\n{run.stderr}")
    missing = MISSING_CITATION.findall(run.stderr)
    if missing:
        raise PandocError(f"{output.name}: citation(s) not found in the bibliography: "
                          f"{', '.join(sorted(set(missing)))}")
    warnings = [line for line in run.stderr.splitlines() if line.strip()]
    return PandocResult(output, warnings)
