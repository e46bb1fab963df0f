"""Tables of the reports, as Markdown; a missing input gives "Not available: <reason>"."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import pandas as pd
from IPython.display import Markdown

from analysis.report import fmt, sources, trace
from analysis.report.facts import ci_level, shown_coefficients
from analysis.variables import OUTCOMES


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
    for variable in OUTCOMES:
        if variable not in panel:
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
    """Estimated coefficients with wild-bootstrap intervals and p-values, N and G."""
    coefs = shown_coefficients(sources.table("models_coefficients"))
    if coefs.empty:
        raise sources.Unavailable("no term could be estimated with inference (see the next "
                                  "table)")
    level = ci_level()
    shown = pd.DataFrame({
        "Specification": coefs["spec_id"].map(_spec_label),
        "Term": coefs["term"].map(fmt.md),
        "Estimate": coefs["estimate"].map(lambda x: fmt.num(x, 2)),
        f"{level} CI (wild bootstrap)": [
            f"[{fmt.num(lo, 2)}, {fmt.num(hi, 2)}]"
            for lo, hi in zip(coefs["ci_low_wild"], coefs["ci_high_wild"], strict=True)],
        "p (wild bootstrap)": coefs["p_value_wild"].map(lambda x: fmt.num(x, 3)),
        f"{level} CI (t, G−1)": [
            f"[{fmt.num(lo, 2)}, {fmt.num(hi, 2)}]"
            for lo, hi in zip(coefs["ci_low"], coefs["ci_high"], strict=True)],
        "p": coefs["p_value"].map(lambda x: fmt.num(x, 3)),
        "N": coefs["n_obs"].map(fmt.num),
        "G": coefs["n_clusters"].map(fmt.num),
    })
    return pipe_table(shown, "llrlrlrrr")


@guarded
def not_estimable() -> str:
    """Specifications that could not be estimated, with the reason (the specification table)."""
    table = sources.table("models_specifications")
    bad = table[table["status"] != "ok"]
    if bad.empty:
        return "*Every specification was estimated.*"
    shown = pd.DataFrame({
        "Specification": bad["spec_id"].map(_spec_label),
        "N": bad["n_obs"].map(fmt.num), "G": bad["n_clusters"].map(fmt.num),
        "Reason": bad["reason"].map(fmt.md),
    })
    return pipe_table(shown, "lrrl")


PRETREND = ("pretrend_joint", "pretrend_untreated")


@guarded
def pretrends(outcome: str) -> str:
    """The joint lead tests of every estimated event study of ``outcome`` and the placebo."""
    table = sources.table("models_specifications")
    drawn = set(table.loc[(table["outcome"] == outcome) & (table["status"] == "ok"),
                          "spec_id"])
    tests = sources.table("models_tests")
    tests = tests[tests["spec_id"].isin(drawn) & tests["test"].str.startswith(PRETREND)]
    placebo = sources.table("models_tests")
    placebo = placebo[placebo["spec_id"].isin(drawn)
                      & placebo["test"].str.startswith("placebo")]
    parts = [
        f"`{row.spec_id.partition('.')[0]}`: F({fmt.num(row.df1)}, {fmt.num(row.df2)}) = "
        f"{fmt.num(row.statistic, 2)}, p = {fmt.num(row.p_value, 3)}, wild-bootstrap "
        f"p = {fmt.num(row.p_value_wild, 3)} (N = {fmt.num(row.n_obs)}, "
        f"G = {fmt.num(row.n_clusters)})"
        for row in tests.itertuples()
    ]
    text = ("Joint test that the leads are zero: " + "; ".join(parts) + "." if parts else
            "No joint lead test: no lead is seen in enough clusters.")
    for row in placebo.itertuples():
        text += (f" Placebo (`{row.spec_id.partition('.')[0]}`, batch membership permuted "
                 f"{fmt.num(row.df1)} times, seed {row.seed}): static DiD coefficient "
                 f"{fmt.num(row.statistic, 2)}, randomisation p = {fmt.num(row.p_value, 3)}.")
    return text


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
