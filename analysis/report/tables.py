"""Tables of the reports, as Markdown; a missing input gives "Not available: <reason>"."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import pandas as pd
from IPython.display import Markdown

from analysis.codebook import default_codebook
from analysis.report import fmt, sources, trace
from analysis.report.facts import ci_level


def not_available(reason: str) -> Markdown:
    return Markdown(f"*Not available: {fmt.md(reason)}.*")


def guarded(build: Callable[..., str]) -> Callable[..., Markdown]:
    """Wrap a builder of Markdown text: an unavailable input becomes a visible note."""

    @functools.wraps(build)
    def wrapper(*args: object, **kwargs: object) -> Markdown:
        try:
            return Markdown(build(*args, **kwargs))
        except sources.Unavailable as reason:
            return not_available(str(reason))

    return wrapper


_MARKUP = re.compile(r"\]\(#[^)]*\)|\]\{#[^}]*\}|[\[`*\\]")


def _width(column: pd.Series, header: str) -> int:
    """Relative width of a column: its longest visible cell (wide characters count double)."""
    def visible(text: object) -> int:
        plain = _MARKUP.sub("", str(text))
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in plain)

    longest = max([visible(v) for v in column] + [min(visible(header), 12)])
    return max(3, min(longest, 100))


def pipe_table(frame: pd.DataFrame, align: str | None = None) -> str:
    """A pandoc pipe table of already formatted (Markdown) cells; ``align`` like ``lrr``.

    The separator's dashes give pandoc (and Quarto) the relative column widths of a wide table.
    """
    align = align or "l" * len(frame.columns)
    rules = []
    for a, name in zip(align, frame.columns, strict=True):
        dashes = "-" * _width(frame[name], str(name))
        rules.append({"l": f":{dashes}", "r": f"{dashes}:", "c": f":{dashes}:"}[a])
    lines = ["| " + " | ".join(map(str, frame.columns)) + " |", "|" + "|".join(rules) + "|"]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


@guarded
def validation() -> str:
    """Precision, recall and F1 of the coder against the gold standard, per variable."""
    frame = sources.table("validation")
    shown = pd.DataFrame({
        "Variable": [f"`{v}`" for v in frame["variable"]],
        "TP": frame["tp"].map(fmt.num), "FP": frame["fp"].map(fmt.num),
        "FN": frame["fn"].map(fmt.num),
        "Precision": frame["precision"].map(lambda x: fmt.num(x, 3)),
        "Recall": frame["recall"].map(lambda x: fmt.num(x, 3)),
        "F1": frame["f1"].map(lambda x: fmt.num(x, 3)),
    })
    return pipe_table(shown, "lrrrrrr")


def _cell(row: pd.Series, variable: str, text: str | None = None) -> str:
    value = row[variable]
    if fmt.missing(value):
        return fmt.DASH
    shown = text or fmt.value(variable, value)
    return trace.link(shown, trace.trace_id(row["doc_id"], row["jurisdiction"], variable))


def _pair(row: pd.Series, done: str, total: str) -> str:
    return f"{_cell(row, done)} / {_cell(row, total)}"


def _funding(doc_id: str, jurisdiction: str) -> str:
    mentions = sources.maybe("mentions")
    if mentions is None:
        return fmt.DASH
    own = mentions[(mentions.doc_id == doc_id) & (mentions.jurisdiction == jurisdiction)
                   & (mentions.variable == "funding_cny")]
    if own.empty:
        return fmt.DASH
    links = []
    for row in own.itertuples():
        period = trace._period(row.year, row.months)
        ident = trace.trace_id(doc_id, jurisdiction, "funding_cny", period)
        links.append(trace.link(fmt.value("funding_cny", row.value), ident))
    return "; ".join(links)


@guarded
def records() -> str:
    """The coded records: inspection, and rectification figures linked to their quotes."""
    frame = sources.table("records")
    rows = []
    for _, row in frame.iterrows():
        inspection = _cell(row, "inspection_level")
        if not fmt.missing(row["inspection_round"]):
            inspection += f", round {_cell(row, 'inspection_round')}"
        rows.append({
            "Jurisdiction": f"{row['jurisdiction']} ({row['level']})",
            "Document": f"`{row['doc_id'][:3]}` {row['doc_type']}",
            "Inspection": inspection,
            "Feedback": _cell(row, "feedback_date"),
            "As of": _cell(row, "asof"),
            "Tasks done / total": _pair(row, "tasks_completed", "tasks_total"),
            "Complaints resolved / total": _pair(row, "petitions_resolved", "petitions_total"),
            "Officials held accountable": _cell(row, "accountability_people"),
            "Units held accountable": _cell(row, "accountability_units"),
            "Funding": _funding(row["doc_id"], row["jurisdiction"]),
        })
    return pipe_table(pd.DataFrame(rows), "lllllrrrrr")


@guarded
def outcome_sources() -> str:
    """Jurisdiction-years with each outcome observed, by source of the value."""
    panel = sources.table("panel")
    rows = []
    for variable in default_codebook().mention_variable_names:
        if variable not in panel or variable == "funding_cny":
            continue
        present = panel[panel[variable].notna()]
        kinds = present[f"{variable}_source_type"].value_counts()
        years = present["year"]
        rows.append({
            "Outcome": f"`{variable}`",
            "Jurisdiction-years": fmt.num(len(present)),
            "Jurisdictions": fmt.num(present["jurisdiction"].nunique()),
            "Years": f"{years.min()}–{years.max()}" if len(years) else fmt.DASH,
            "From documents": fmt.num(kinds.get("document", 0)),
            "From reference sources": fmt.num(kinds.get("reference", 0)),
            "Derived (yoy)": fmt.num(kinds.get("derived", 0)),
        })
    return pipe_table(pd.DataFrame(rows), "lrrlrrr")


def _spec_label(spec_id: str) -> str:
    family, _, outcome = spec_id.partition(".")
    return f"`{family}` · `{outcome}`"


@guarded
def estimates() -> str:
    """Estimated coefficients with confidence intervals (specifications that could be estimated)."""
    coefs = sources.table("models_coefficients")
    ok = coefs[coefs["status"] == "ok"]
    if ok.empty:
        raise sources.Unavailable("no specification could be estimated (see the next table)")
    shown = pd.DataFrame({
        "Specification": ok["spec_id"].map(_spec_label),
        "Term": ok["term"].map(fmt.md),
        "Estimate": ok["estimate"].map(lambda x: fmt.num(x, 2)),
        f"{ci_level()} CI": [f"[{fmt.num(lo, 2)}, {fmt.num(hi, 2)}]"
                   for lo, hi in zip(ok["ci_low"], ok["ci_high"], strict=True)],
        "p": ok["p_value"].map(lambda x: fmt.num(x, 3)),
        "p (wild bootstrap)": ok["p_value_wild"].map(lambda x: fmt.num(x, 3)),
        "N": ok["n_obs"].map(fmt.num),
        "Clusters": ok["n_clusters"].map(fmt.num),
    })
    return pipe_table(shown, "llrlrrrr")


@guarded
def not_estimable() -> str:
    """Specifications that could not be estimated, with the reason."""
    coefs = sources.table("models_coefficients")
    bad = coefs[coefs["status"] != "ok"].drop_duplicates("spec_id")
    if bad.empty:
        return "*Every specification was estimated.*"
    shown = pd.DataFrame({
        "Specification": bad["spec_id"].map(_spec_label),
        "N": bad["n_obs"].map(fmt.num), "Clusters": bad["n_clusters"].map(fmt.num),
        "Reason": bad["status"].str.removeprefix("not estimable: ").map(fmt.md),
    })
    return pipe_table(shown, "lrrl")


@guarded
def trace_appendix() -> str:
    """Every coded value shown in the report with its sentence (quote in bold) and source."""
    frame = trace.trace_frame()
    shown = pd.DataFrame({
        "Id": [f"[{i}]{{#trace-{i}}}" for i in frame["id"]],
        "Document": frame["doc_id"].map(lambda d: f"`{d}`"),
        "Jurisdiction": frame["jurisdiction"].map(fmt.md),
        "Variable": frame["variable"].map(lambda v: f"`{v}`"),
        "Period": frame["period"].map(fmt.md),
        "Value": frame["value"].map(fmt.md),
        "Sentence (quote in bold)": frame["sentence"],
        "Rule": frame["rule"].map(lambda r: f"`{r}`"),
    })
    return pipe_table(shown, "llllllll")


@guarded
def data_files() -> str:
    """The clean tables: rows, description and checksum (from datapackage.json)."""
    package = sources.datapackage()
    if not package:
        raise sources.Unavailable("data/clean/datapackage.json not found (run the pipeline)")
    rows = []
    for resource in package.get("resources", []):
        path = sources.paths.CLEAN / resource["path"]
        n = len(pd.read_csv(path)) if path.exists() else None
        rows.append({
            "File": f"`data/clean/{resource['path']}`",
            "Rows": fmt.num(n),
            "Description": fmt.md(resource.get("description", "").split(" Row checks")[0]),
            "SHA-256 (first 12)": f"`{resource.get('hash', '').removeprefix('sha256:')[:12]}`",
        })
    return pipe_table(pd.DataFrame(rows), "lrll")
