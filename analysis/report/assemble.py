"""Turn a parsed .qmd and its executed outputs into one pandoc Markdown text.

Figures and tables become fenced divs with Quarto's ids (``#fig-…``, ``#tbl-…``) and captions
numbered in order ("Figure 1: …" under the image, "Table 1: …" above the table);
``@fig-…``/``@tbl-…`` references become links with those numbers, as Quarto writes them. An
unknown reference is written ``?@fig-…`` (Quarto's marker) and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from analysis.report.execute import Executed
from analysis.report.qmd import INLINE, Chunk, Markdown, QmdDocument

NAMES = {"fig": "Figure", "tbl": "Table"}
CROSSREF = re.compile(r"(?<![\w@?])@((?:fig|tbl)-[A-Za-z0-9_-]*[A-Za-z0-9])")
#: Front-matter keys handed to pandoc; other (Quarto-only) keys are not needed by it.
PANDOC_META = ("title", "subtitle", "author", "date", "abstract", "lang", "keywords")


@dataclass
class Assembled:
    """The Markdown body, pandoc metadata, and references that did not resolve."""

    markdown: str
    meta: dict[str, Any]
    numbers: dict[str, int] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)


def number_floats(doc: QmdDocument) -> dict[str, int]:
    """Figure and table numbers by label, in document order (each kind counted separately)."""
    counts = {"fig": 0, "tbl": 0}
    numbers: dict[str, int] = {}
    for chunk in doc.chunks:
        if chunk.kind and chunk.options.get("include", True):
            counts[chunk.kind] += 1
            numbers[chunk.label] = counts[chunk.kind]
    return numbers


def _fence(text: str, info: str = "") -> str:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}{info}\n{text.rstrip()}\n{ticks}"


def _output_markdown(output: dict[str, Any], caption: str | None) -> tuple[str, bool]:
    """Markdown for one output and whether it is an image."""
    kind = output.get("output_type")
    if kind == "stream":
        return _fence(output.get("text", "")), False
    if kind not in ("display_data", "execute_result"):
        return "", False
    data = output.get("data", {})
    if "image/png" in data:
        png = str(data["image/png"]).replace("\n", "")
        alt = caption or ""
        return f"![{alt}](data:image/png;base64,{png})", True
    if "text/markdown" in data:
        return str(data["text/markdown"]), False
    if "text/html" in data:
        return _fence(str(data["text/html"]), "{=html}"), False
    if "text/plain" in data:
        return _fence(str(data["text/plain"])), False
    return "", False


def _asis(outputs: list[dict[str, Any]]) -> str:
    parts = []
    for output in outputs:
        if output.get("output_type") == "stream" and output.get("name") == "stdout":
            parts.append(output.get("text", ""))
        elif output.get("output_type") in ("display_data", "execute_result"):
            data = output.get("data", {})
            parts.append(str(data.get("text/markdown", "")))
    return "".join(parts)


def fill_inline(text: str, values: list[str]) -> str:
    """``text`` with its inline expressions replaced, in order, by ``values``."""
    pending = iter(values)
    return INLINE.sub(lambda _match: next(pending), text)


class _Resolver:
    def __init__(self, numbers: dict[str, int]) -> None:
        self.numbers = numbers
        self.unresolved: list[str] = []

    def __call__(self, text: str) -> str:
        def link(match: re.Match[str]) -> str:
            label = match.group(1)
            if label not in self.numbers:
                self.unresolved.append(label)
                return f"?@{label}"
            return f"[{NAMES[label[:3]]}&nbsp;{self.numbers[label]}](#{label})"

        return CROSSREF.sub(link, text)


def _chunk(chunk: Chunk, outputs: list[dict[str, Any]], echo: bool, resolve: _Resolver,
           numbers: dict[str, int]) -> str:
    if not chunk.options.get("include", True):
        return ""
    parts = []
    if chunk.options.get("echo", echo):
        parts.append(_fence(chunk.code, "python"))
    show = chunk.options.get("output", True)
    caption = None
    if chunk.kind:
        text = chunk.options.get(f"{chunk.kind}-cap", "")
        caption = resolve(f"{NAMES[chunk.kind]}&nbsp;{numbers[chunk.label]}: {text}")
    if show == "asis":
        parts.append(resolve(_asis(outputs)))
    elif show:
        captioned = False
        for output in outputs:
            text, is_image = _output_markdown(
                output, caption if chunk.kind == "fig" and not captioned else None
            )
            captioned = captioned or is_image
            if text:
                parts.append(text if is_image else resolve(text))
        if chunk.kind == "fig" and not captioned:
            parts.append(f"::: figure-caption\n{caption}\n:::")
    if chunk.kind == "tbl":
        parts.insert(0, f"::: table-caption\n{caption}\n:::")
    body = "\n\n".join(p.strip("\n") for p in parts if p.strip())
    if chunk.kind:
        return f"::: {{#{chunk.label} .{chunk.kind}-float}}\n{body}\n:::"
    return body


def assemble(doc: QmdDocument, executed: Executed, meta: dict[str, Any]) -> Assembled:
    """The document as pandoc Markdown (body only) plus the metadata pandoc needs."""
    numbers = number_floats(doc)
    resolve = _Resolver(numbers)
    echo = bool((meta.get("execute") or {}).get("echo", True))
    parts: list[str] = []
    chunk_index = 0
    for block_index, block in enumerate(doc.blocks):
        if isinstance(block, Markdown):
            values = [executed.inline[(block_index, i)] for i in range(len(block.inline))]
            parts.append(resolve(fill_inline(block.text, values)))
        else:
            parts.append(_chunk(block, executed.outputs[chunk_index], echo, resolve, numbers))
            chunk_index += 1
    pandoc_meta = {k: meta[k] for k in PANDOC_META if k in meta}
    markdown = "\n\n".join(p for p in parts if p.strip()) + "\n"
    return Assembled(markdown, pandoc_meta, numbers, resolve.unresolved)
