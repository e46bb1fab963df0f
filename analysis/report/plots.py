"""Figures of the report: those ``analysis.figures`` wrote to ``figures/``, with their
provenance; and the sources of the completion figure. Labels use pinyin (no CJK font needed)."""

from __future__ import annotations

from IPython.display import Image, Markdown

from analysis.panel.pinyin import pinyin_of
from analysis.report import fmt, sources, trace


def _pinyin(name: str, parent: object = None) -> str:
    return pinyin_of(name, None if fmt.missing(parent) else str(parent)) or name


def panel_coverage() -> Image | Markdown:
    """Panel coverage: ``figures/panel_coverage.png`` (drawn by ``analysis.figures``)."""
    return figure("panel_coverage")


def completion_sources() -> str:
    """Markdown: tasks completed and total of each progress record, linked to their quotes."""
    try:
        records = sources.table("records")
    except sources.Unavailable as reason:
        return f"*Sources not available: {fmt.md(str(reason))}.*"
    records = records[(records["doc_type"] == "progress")
                      & records["tasks_total"].notna() & records["tasks_completed"].notna()]
    parts = []
    for row in records.itertuples():
        done, total = (trace.link(fmt.num(getattr(row, v)),
                                  trace.trace_id(row.doc_id, row.jurisdiction, v))
                       for v in ("tasks_completed", "tasks_total"))
        parts.append(f"{_pinyin(row.jurisdiction, row.parent)} ({row.jurisdiction}) "
                     f"{done}/{total}")
    return "; ".join(parts)


def figure(name: str) -> Image | Markdown:
    """``figures/<name>.png`` as drawn by ``analysis.figures``, or why it is not available."""
    path = sources.figure_file(name)
    if path is None:
        return Markdown(f"*Not available: figures/{name}.png not found "
                        "(run `python -m analysis figures`).*")
    return Image(filename=str(path))


def figure_source(name: str) -> str:
    """Markdown: which function drew ``figures/<name>.png`` from which inputs."""
    meta = sources.figure_meta(name)
    if not meta:
        return ""
    inputs = ", ".join(f"`{i['path']}`" for i in meta.get("inputs", []))
    return (f"Drawn by `{meta.get('function', 'analysis.figures')}` from {inputs} "
            f"(`figures/{name}.png`, `.pdf`; provenance in `figures/{name}.json`).")
