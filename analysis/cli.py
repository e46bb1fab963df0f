"""Command line: ``python -m analysis STAGE``.

Stages run in pipeline order — code, panel, models, figures, report — and ``all`` runs them
one after the other. Errors about inputs are one line naming the file and the problem.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from analysis import __version__, paths
from analysis.errors import InputError


def _code(args: argparse.Namespace) -> int:
    if args.files:
        return _code_files(args)
    from analysis.coding.corpus import code_corpus

    progress = sys.stderr.isatty() and not os.environ.get("CI")
    written = code_corpus(jobs=args.jobs, progress=progress)
    print(f"coded: wrote {len(written)} files to {paths.CLEAN.relative_to(paths.ROOT)}/")
    return 0


def _code_files(args: argparse.Namespace) -> int:
    """Code files outside the manifest; print one JSON line per record to stdout."""
    from analysis.codebook import default_codebook
    from analysis.coding.corpus import code_document

    codebook = default_codebook()
    failures = 0
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as error:
            print(f"{path}: cannot read file: {error.strerror or error}", file=sys.stderr)
            failures += 1
            continue
        try:
            result = code_document(data, str(path), path.stem, codebook)
        except Exception as error:  # a coder bug must not cost the other files
            print(
                f"{path}: internal error while coding ({type(error).__name__}: "
                f"{' '.join(str(error).split())}); please report it",
                file=sys.stderr,
            )
            failures += 1
            continue
        if result.problem:
            print(result.problem, file=sys.stderr)
            failures += 1
            if result.coded is None or not result.coded.records:
                continue
        for record in result.coded.records:
            print(json.dumps(record.as_json(codebook), ensure_ascii=False, sort_keys=False))
    return 1 if failures and args.strict else 0


def _validate(args: argparse.Namespace) -> int:
    from analysis.validate import render, validate

    scores = validate(gold_dir=Path(args.gold))
    print(render(scores), end="")
    print(f"micro F1 {scores.micro_f1:.3f}; tables in {paths.TABLES.relative_to(paths.ROOT)}/")
    return 0


def _stage(module: str, bound: argparse.Namespace | None = None):
    """A command running ``analysis.<module>.run()``."""

    def run(args: argparse.Namespace | None = None) -> int:
        import importlib

        written = importlib.import_module(f"analysis.{module}").run()
        print(f"{module}: {len(written or [])} outputs")
        return 0

    return (lambda: run(bound)) if bound is not None else run


def stages(args: argparse.Namespace) -> list:
    """The pipeline's stages, in order, with what each reads and writes."""
    from analysis.pipeline import Stage

    def call(step):
        return lambda: step(args)

    src = "analysis/{}/**/*.py"
    return [
        Stage(
            "code",
            (
                "data/raw/*",
                "analysis/codebook.yaml",
                "analysis/manifest.py",
                "analysis/codebook.py",
                "analysis/data/*",
                src.format("ingest"),
                src.format("coding"),
                src.format("gazetteer"),
            ),
            (
                "data/clean/records.*",
                "data/clean/mentions.*",
                "data/clean/evidence.*",
                "data/clean/coding_audit.*",
                "data/clean/documents.*",
                "data/interim/*.txt",
            ),
            call(_code),
        ),
        Stage(
            "validate",
            (
                "data/clean/records.csv",
                "data/clean/mentions.csv",
                f"{Path(args.gold).relative_to(paths.ROOT)}/*.csv"
                if Path(args.gold).resolve().is_relative_to(paths.ROOT)
                else "",
                "analysis/validate.py",
            ),
            ("reports/tables/validation*",),
            call(_validate),
        ),
        Stage(
            "panel",
            (
                "data/clean/records.csv",
                "data/clean/mentions.csv",
                "data/raw/reference/*",
                "data/raw/outcomes/*",
                "analysis/tables.yaml",
                "analysis/dictionary.py",
                src.format("panel"),
            ),
            (
                "data/clean/panel.*",
                "data/clean/outcomes.*",
                "data/clean/datapackage.json",
                "data/clean/README.md",
            ),
            _stage("panel", args),
        ),
        Stage(
            "models",
            (
                "data/clean/panel.csv",
                "data/clean/records.csv",
                "analysis/models/*.yaml",
                src.format("models"),
            ),
            ("reports/tables/models_*",),
            _stage("models", args),
        ),
        Stage(
            "figures",
            (
                "data/clean/*.csv",
                "reports/tables/*.csv",
                "analysis/figures/*",
                src.format("figures"),
            ),
            ("figures/*",),
            _stage("figures", args),
        ),
        Stage(
            "report",
            (
                "data/clean/*.csv",
                "reports/tables/*",
                "figures/*",
                "reports/*.qmd",
                "reports/*.bib",
                "reports/_quarto.yml",
                "analysis/codebook.yaml",
                src.format("report"),
                "notebooks/*",
            ),
            ("reports/_output/*.html",),
            _stage("report", args),
        ),
    ]


def _all(args: argparse.Namespace) -> int:
    from analysis.pipeline import run_stages

    args.files, args.strict = [], False
    available = [s for s in stages(args) if _available(s.name)]
    run_stages(available, force=args.force)
    output = paths.REPORTS / "_output" / "report.html"
    if output.exists():
        print(f"report: {output}")
    return 0


def _available(name: str) -> bool:
    """Whether the stage's module exists (found, not imported: imports are slow)."""
    import importlib.util

    return name in ("code", "validate") or importlib.util.find_spec(f"analysis.{name}") is not None


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(dest="stage", required=True)

    code = sub.add_parser("code", help="code the manifest's documents, or FILEs given here")
    code.add_argument("files", nargs="*", help="documents outside the manifest")
    code.add_argument(
        "--format",
        choices=["jsonl"],
        default="jsonl",
        help="output for FILEs: one JSON object per record (default)",
    )
    code.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes for the manifest (default: all cores)",
    )
    code.add_argument(
        "--strict", action="store_true", help="exit 1 when any FILE could not be coded"
    )
    code.set_defaults(run=_code)

    validate = sub.add_parser("validate", help="score coded output against a gold standard")
    validate.add_argument("--gold", default=str(paths.GOLD), help="gold directory")
    validate.set_defaults(run=_validate)

    for module, text in (
        ("panel", "build the jurisdiction x year panel"),
        ("models", "estimate the specifications"),
        ("figures", "draw the figures"),
        ("report", "render the reports"),
    ):
        sub.add_parser(module, help=text).set_defaults(run=_stage(module))

    everything = sub.add_parser("all", help="run every stage from data/raw/ to the report")
    everything.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    everything.add_argument("--gold", default=str(paths.GOLD))
    everything.add_argument("--force", action="store_true", help="rebuild even if up to date")
    everything.set_defaults(run=_all)
    return top


def _logging() -> None:
    """Our progress at INFO, libraries' chatter (fontTools, traitlets …) only from WARNING."""
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    logging.getLogger("analysis").setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    _logging()
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
