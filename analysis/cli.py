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
    """Code files outside the manifest; print JSON lines (or CSV rows) to stdout."""
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
        result = code_document(data, str(path), path.stem, codebook)
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


def _stage(module: str):
    def run(args: argparse.Namespace) -> int:
        import importlib

        written = importlib.import_module(f"analysis.{module}").run()
        print(f"{module}: {len(written)} outputs")
        return 0

    return run


def _all(args: argparse.Namespace) -> int:
    args.files, args.strict = [], False
    steps = [_code, _validate]
    for step in steps:
        step(args)
    for module in ("panel", "models", "figures", "report"):
        try:
            __import__(f"analysis.{module}")
        except ModuleNotFoundError:
            continue
        _stage(module)(args)
    return 0


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
    everything.set_defaults(run=_all)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
