"""Command line: ``python -m analysis STAGE``.

Stages run in pipeline order — code, panel, models, figures, report — and ``all`` runs them
one after the other. Errors about inputs are one line naming the file and the problem.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from analysis import __version__, paths
from analysis.errors import InputError

RENDERERS = ("auto", "quarto", "fallback")  # as analysis.report.render (not imported: slow)


def _code(args: argparse.Namespace) -> int:
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
    return 1 if failures else 0


def _validate(args: argparse.Namespace) -> int:
    from analysis.validate import render, summary, validate

    gold = Path(args.gold) if args.gold else paths.GOLD
    docs = Path(args.docs) if getattr(args, "docs", None) else paths.RAW
    out = Path(args.out) if getattr(args, "out", None) else None
    if out is None and gold.resolve() == paths.GOLD and docs.resolve() == paths.RAW:
        out = paths.TABLES  # the package's own gold: the report's validation table
    scores = validate(gold_dir=gold, docs=docs, tables_dir=out)
    print(render(scores), end="")
    where = f"; tables in {out}/" if out is not None else ""
    print(f"{summary(scores)} ({gold} against {docs}){where}")
    return 0


def _module(name: str, args: argparse.Namespace) -> int:
    """Run ``run()`` of the stage's module (``analysis.pipeline.STAGES``) with its options."""
    import importlib

    from analysis.pipeline import STAGES

    spec = STAGES[name]
    options = {key: getattr(args, key, None) for key in spec.get("options", ())}
    written = importlib.import_module(spec["module"]).run(**options)
    print(f"{name}: {len(written or [])} outputs")
    return 0


def _runs(args: argparse.Namespace) -> dict[str, Callable[[], int]]:
    """What each stage runs, given the command line."""
    from analysis.pipeline import STAGES

    custom = {"code": _code, "validate": _validate}

    def runner(name: str) -> Callable[[], int]:
        if name in custom:
            return lambda: custom[name](args)
        return lambda: _module(name, args)

    return {name: runner(name) for name in STAGES}


def stages(args: argparse.Namespace) -> list:
    """The pipeline's stages, in order (``analysis.pipeline.STAGES``), running with ``args``."""
    from analysis.pipeline import stage

    return [stage(name, run) for name, run in _runs(args).items()]


def _one(args: argparse.Namespace) -> int:
    """Run the stage named on the command line once its required inputs exist."""
    from analysis.pipeline import check_inputs, stage

    if args.stage == "code" and args.files:
        return _code_files(args)
    chosen = stage(args.stage, _runs(args)[args.stage])
    check_inputs(chosen)
    return chosen.run()


def _all(args: argparse.Namespace) -> int:
    from analysis.pipeline import run_stages

    args.files = []
    run_stages(stages(args), force=args.force)
    output = paths.REPORTS / "_output" / "report.html"
    if output.exists():
        print(f"report: {output}")
    return 0


HELP = {
    "code": "code the manifest's documents into data/clean/, or print FILEs as JSON lines",
    "validate": "score the coded output against the gold standard in data/gold/",
    "panel": "build the jurisdiction x year panel",
    "models": "estimate the specifications",
    "figures": "draw the figures",
    "report": "render the reports in reports/ (HTML, and PDF with --to pdf)",
}
RENDERER_HELP = (
    "auto: Quarto 1.4+ when on PATH, else the built-in renderer (default); quarto: Quarto or "
    "an error; fallback: the built-in renderer (a Jupyter kernel and pandoc)"
)


def parser() -> argparse.ArgumentParser:
    """The command line: a subcommand per stage, and ``all``."""
    top = argparse.ArgumentParser(
        prog="rectify",
        description="Code China's environmental-inspection rectification documents and build "
        "the panel, models, figures and reports from data/raw/ (also: python -m analysis).",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    top.add_argument(
        "--project",
        metavar="DIR",
        help="the project directory (the one holding data/raw/manifest.csv; default: the "
        "working directory or its nearest parent holding it)",
    )
    sub = top.add_subparsers(dest="stage", required=True, metavar="COMMAND")

    code = sub.add_parser("code", help=HELP["code"], description=HELP["code"])
    code.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="documents outside the manifest; the exit status is 1 when any could not be read "
        "or coded (the others are still printed)",
    )
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
    code.set_defaults(run=_one)

    validate = sub.add_parser("validate", help=HELP["validate"], description=HELP["validate"])
    validate.add_argument("--gold", help="gold-standard directory (default: data/gold/)")
    validate.add_argument(
        "--docs", help="documents to code: a manifest's folder, or every file (default: data/raw/)"
    )
    validate.add_argument(
        "--out",
        default="",
        help="also write the tables here (default: reports/tables/ for data/gold against "
        "data/raw, else nowhere)",
    )
    validate.set_defaults(run=_one)

    for name in ("panel", "models", "figures", "report"):
        command = sub.add_parser(name, help=HELP[name], description=HELP[name])
        command.set_defaults(run=_one)
    report = sub.choices["report"]
    report.add_argument("--renderer", choices=RENDERERS, default="auto", help=RENDERER_HELP)
    report.add_argument(
        "--to", choices=("html", "pdf", "all"), default="html",
        help="output format: html (default), pdf, or both",
    )

    text = "run every stage from data/raw/ to the report, skipping those up to date"
    everything = sub.add_parser("all", help=text, description=text)
    everything.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1,
        help="worker processes for coding (default: all cores)",
    )
    everything.add_argument("--gold", help="gold-standard directory (default: data/gold/)")
    everything.add_argument("--docs", help=argparse.SUPPRESS)
    everything.add_argument("--out", default="", help=argparse.SUPPRESS)
    everything.add_argument("--force", action="store_true", help="rebuild even if up to date")
    everything.add_argument("--renderer", choices=RENDERERS, default="auto", help=RENDERER_HELP)
    everything.set_defaults(run=_all, to="html")
    return top


def _logging() -> None:
    """Our progress at INFO, libraries' chatter (fontTools, traitlets …) only from WARNING."""
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    logging.getLogger("analysis").setLevel(logging.INFO)


def _use_project(directory: str | None) -> None:
    """Make ``directory`` the project (before any stage module is imported)."""
    if directory is None:
        return
    root = Path(directory).resolve()
    os.environ[paths.ROOT_ENV] = str(root)  # for the Jupyter kernel and Quarto
    importlib.reload(paths)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; errors about inputs are one line on stderr (exit status 2)."""
    _logging()
    args = parser().parse_args(argv)
    try:
        _use_project(args.project)
        return args.run(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"error: {error.filename}: not found", file=sys.stderr)
        return 2


def entry() -> None:
    """The ``rectify`` console script: ``main`` with Python's hash seed fixed (see
    ``analysis.hashseed``), as for ``python -m analysis``."""
    from analysis.hashseed import fix_hash_seed

    fix_hash_seed([sys.argv[0]])
    raise SystemExit(main())
