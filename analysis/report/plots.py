"""Figures of the report: those ``analysis.figures`` wrote to ``figures/``, and the panel's
coverage, drawn here. Labels use pinyin (no CJK font needed)."""

from __future__ import annotations

import io
from collections.abc import Callable

from IPython.display import Image, Markdown
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from analysis.panel.pinyin import pinyin_of
from analysis.report import fmt, sources, trace

DPI = 150
OUTCOMES = ("pm25", "good_air_ratio", "water_good_ratio")


def _png(figure: Figure) -> Image:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight",
                   metadata={"Software": None})
    return Image(data=buffer.getvalue(), format="png")


def _drawn(draw: Callable[[], Figure]) -> Image | Markdown:
    try:
        return _png(draw())
    except sources.Unavailable as reason:
        return Markdown(f"*Not available: {fmt.md(str(reason))}.*")


def _pinyin(name: str, parent: object = None) -> str:
    return pinyin_of(name, None if fmt.missing(parent) else str(parent)) or name


def _coverage() -> Figure:
    panel = sources.table("panel")
    observed = sum(panel[v].notna().astype(int) for v in OUTCOMES if v in panel)
    grid = panel.assign(observed=observed).pivot_table(
        index="jurisdiction", columns="year", values="observed", aggfunc="max", fill_value=0)
    first = panel.dropna(subset=["feedback_year"]).groupby("jurisdiction")["feedback_year"].min()
    order = sorted(grid.index, key=lambda j: (first.get(j, 9999), _pinyin(j)))
    grid = grid.loc[order]
    figure = Figure(figsize=(7.5, 0.22 * len(grid) + 1.4))
    axes = figure.subplots()
    cmap = ListedColormap(["#f2f2f2", "#c6dbef", "#6baed6", "#08519c"])
    axes.imshow(grid.to_numpy(), aspect="auto", cmap=cmap, vmin=-0.5, vmax=3.5)
    years = list(grid.columns)
    for row, jurisdiction in enumerate(grid.index):
        if jurisdiction in first:
            column = years.index(int(first[jurisdiction])) if first[jurisdiction] in years else None
            if column is not None:
                axes.plot(column, row, marker="o", color="#d62728", markersize=4)
    axes.set_yticks(range(len(grid)), [_pinyin(j) for j in grid.index], fontsize=7)
    axes.set_xticks(range(len(years)), [str(y) for y in years], fontsize=8)
    axes.set_xlabel("Year")
    handles = [axes.scatter([], [], marker="s", color=cmap(i), label=f"{i} of 3 outcomes")
               for i in range(4)]
    handles.append(axes.scatter([], [], marker="o", color="#d62728", label="feedback year"))
    axes.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    return figure


def panel_coverage() -> Image | Markdown:
    """Panel coverage: outcomes observed per jurisdiction and year, feedback year marked."""
    return _drawn(_coverage)


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
