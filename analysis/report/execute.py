"""Execute a parsed .qmd in a Jupyter kernel (nbclient) and collect each chunk's outputs.

Chunks run in document order in one kernel whose working directory is the .qmd's folder, as
under Quarto. Each inline expression runs as its own cell where it stands in the text, so it
sees the state after the chunks before it (the reports define inline values before use and
never reassign them, so this agrees with Quarto's evaluation).
"""

from __future__ import annotations

import ast
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from analysis.report.qmd import Chunk, Markdown, QmdDocument

KERNEL = "python3"
TIMEOUT = 600
#: Run first, hidden: plots as PNG, as Quarto's Jupyter engine does for HTML.
SETUP = (
    "%matplotlib inline\n"
    "from IPython import get_ipython as _gi\n"
    "_gi().run_line_magic('config', \"InlineBackend.figure_formats = ['png']\")\n"
    "del _gi"
)


class ExecutionError(RuntimeError):
    """A chunk or inline expression raised; the message names it and has the traceback."""


@dataclass
class Executed:
    """Outputs per chunk (by position in ``doc.chunks``) and values of inline expressions."""

    outputs: list[list[dict[str, Any]]] = field(default_factory=list)
    inline: dict[tuple[int, int], str] = field(default_factory=dict)


def _inline_value(outputs: list[dict[str, Any]], expr: str) -> str:
    """The text an inline expression renders to: Markdown if offered, else its plain repr."""
    for output in outputs:
        if output.get("output_type") in ("execute_result", "display_data"):
            data = output.get("data", {})
            if "text/markdown" in data:
                return str(data["text/markdown"]).strip()
            if "text/plain" in data:
                text = str(data["text/plain"])
                try:
                    value = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    return text
                return value if isinstance(value, str) else text
    raise ExecutionError(f"inline expression `{expr}` produced no value")


def _describe(cell_kind: str, where: str, error: CellExecutionError) -> str:
    return f"{cell_kind} {where} raised {error.ename}: {error.evalue}\n{error}"


def execute(doc: QmdDocument, cwd: Path, timeout: int = TIMEOUT) -> Executed:
    """Run every chunk (unless ``eval: false``) and every inline expression of ``doc``."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell(SETUP))
    where: list[tuple[str, Any]] = [("setup", None)]
    chunk_index = 0
    for block_index, block in enumerate(doc.blocks):
        if isinstance(block, Chunk):
            if block.options.get("eval", True):
                notebook.cells.append(nbformat.v4.new_code_cell(block.code))
                where.append(("chunk", chunk_index))
            chunk_index += 1
        elif isinstance(block, Markdown):
            for expr_index, expr in enumerate(block.inline):
                notebook.cells.append(nbformat.v4.new_code_cell(expr))
                where.append(("inline", (block_index, expr_index, expr)))
    client = NotebookClient(
        notebook,
        kernel_name=KERNEL,
        timeout=timeout,
        allow_errors=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    with tempfile.TemporaryFile(mode="w+") as kernel_log:
        _run(client, notebook, doc, where, kernel_log)
    result = Executed(outputs=[[] for _ in doc.chunks])
    for cell, (kind, info) in zip(notebook.cells, where, strict=True):
        if kind == "chunk":
            result.outputs[info] = list(cell.outputs)
        elif kind == "inline":
            block_index, expr_index, expr = info
            result.inline[(block_index, expr_index)] = _inline_value(cell.outputs, expr)
    return result


def _run(client: NotebookClient, notebook: Any, doc: QmdDocument, where: list[tuple[str, Any]],
         kernel_log: Any) -> None:
    """Execute; the kernel's own stderr (e.g. ipykernel's transport notice) goes to a log that
    is shown only when the kernel fails."""
    try:
        client.execute(stderr=kernel_log)
    except CellExecutionError as error:
        failed = next(
            (i for i, c in enumerate(notebook.cells) if _has_error(c)), len(notebook.cells) - 1
        )
        kind, info = where[failed]
        if kind == "chunk":
            chunk = doc.chunks[info]
            name = f"chunk {chunk.label or f'#{info + 1}'}"
            raise ExecutionError(_describe("", name, error).strip()) from error
        if kind == "inline":
            raise ExecutionError(_describe("inline expression", f"`{info[2]}`", error)) from error
        raise ExecutionError(_describe("setup cell", "", error)) from error
    except Exception as error:  # the kernel died or timed out: show what it said
        kernel_log.seek(0)
        raise ExecutionError(f"kernel failed: {error}\n{kernel_log.read()[-4000:]}") from error


def _has_error(cell: Any) -> bool:
    return any(o.get("output_type") == "error" for o in cell.get("outputs", []))
