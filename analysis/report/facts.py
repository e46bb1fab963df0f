"""Numbers quoted in the reports' text, computed from the data at render time.

``facts()`` returns formatted strings; a number whose input is missing reads "n/a" so the
text still renders (the tables and figures say why).
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from analysis.codebook import default_codebook
from analysis.report import fmt, sources, trace
from analysis.variables import OUTCOMES

NA = "n/a"


def _corpus(f: SimpleNamespace) -> None:
    records = sources.table("records")
    documents = sources.maybe("documents")
    f.documents = fmt.num(len(documents) if documents is not None else records.doc_id.nunique())
    f.records = fmt.num(len(records))
    f.jurisdictions = fmt.num(records["jurisdiction"].nunique())
    f.provinces = fmt.num((records["level"] == "province").sum())
    f.prefectures = fmt.num((records["level"] == "prefecture").sum())
    f.progress = fmt.num((records["doc_type"] == "progress").sum())
    f.plans = fmt.num((records["doc_type"] == "plan").sum())
    f.central = fmt.num((records["inspection_level"] == "central").sum())
    f.provincial = fmt.num((records["inspection_level"] == "provincial").sum())
    years = pd.to_datetime(records["published_date"], errors="coerce").dt.year.dropna()
    f.published = f"{int(years.min())}–{int(years.max())}" if len(years) else NA
    rates = (records["tasks_completed"] / records["tasks_total"]).dropna()
    f.with_tasks = fmt.num(len(rates))
    f.completion_min, f.completion_max = fmt.pct(rates.min()), fmt.pct(rates.max())
    f.completion_median = fmt.pct(rates.median())
    both = records.dropna(subset=["petitions_total", "petitions_resolved"])
    f.with_petitions = fmt.num(len(both))
    f.petitions_sum = fmt.num(both["petitions_total"].sum())
    f.petitions_resolved_sum = fmt.num(both["petitions_resolved"].sum())
    total = both["petitions_total"].sum()
    f.resolution_pooled = fmt.pct(both["petitions_resolved"].sum() / total, 1) if total else NA
    f.accountable_sum = fmt.num(records["accountability_people"].sum())
    f.with_accountable = fmt.num(records["accountability_people"].notna().sum())


def _evidence(f: SimpleNamespace) -> None:
    f.evidence = fmt.num(len(sources.table("evidence")))
    mentions = sources.table("mentions")
    f.mentions = fmt.num(len(mentions))
    f.outcome_mentions = fmt.num((mentions["variable"] != "funding_cny").sum())
    f.funding_mentions = fmt.num((mentions["variable"] == "funding_cny").sum())
    f.ytd_mentions = fmt.num(mentions["months"].notna().sum())
    frame = trace.trace_frame()
    f.traced = fmt.num(len(frame))
    f.verified = fmt.num(int(frame["verified"].sum()))
    audit = sources.maybe("coding_audit")
    f.audit = fmt.num(0 if audit is None else len(audit))


def _validation(f: SimpleNamespace) -> None:
    frame = sources.table("validation")
    micro = frame[frame["variable"] == "micro"].iloc[0]
    f.micro_f1 = fmt.num(micro["f1"], 3)
    f.gold_values = fmt.num(micro["tp"] + micro["fn"])
    f.validated_variables = fmt.num((frame["variable"] != "micro").sum())


def _panel(f: SimpleNamespace) -> None:
    panel = sources.table("panel")
    f.panel_rows = fmt.num(len(panel))
    f.panel_jurisdictions = fmt.num(panel["jurisdiction"].nunique())
    f.panel_years = f"{int(panel['year'].min())}–{int(panel['year'].max())}"
    for variable in OUTCOMES:
        setattr(f, f"{variable}_obs", fmt.num(panel[variable].notna().sum()))
    with_event = panel.dropna(subset=["feedback_year"])
    f.event_jurisdictions = fmt.num(with_event["jurisdiction"].nunique())
    f.intensity_jurisdictions = fmt.num(panel.dropna(subset=["record_doc_id"])
                                        ["jurisdiction"].nunique())


def _models(f: SimpleNamespace) -> None:
    """Counts from the specification table, coefficients from the table the report shows."""
    table = sources.table("models_specifications")
    ok = table[table["status"] == "ok"]
    f.specs = fmt.num(len(table))
    f.estimable = fmt.num(len(ok))
    f.not_estimable = fmt.num(len(table) - len(ok))
    f.max_clusters = fmt.num(ok["n_clusters"].max()) if len(ok) else NA
    f.max_obs = fmt.num(ok["n_obs"].max()) if len(ok) else NA
    intensity = table[table["family"].str.startswith("intensity")]
    f.intensity_specs = fmt.num(len(intensity))
    f.intensity_estimable = fmt.num((intensity["status"] == "ok").sum())
    f.seed = fmt.num(table["seed"].iloc[0]).replace(",", "") if len(table) else NA
    f.reps = fmt.num(table["reps"].iloc[0]) if len(table) else NA
    shown = shown_coefficients(sources.table("models_coefficients"))
    f.coefs = fmt.num(len(shown))
    covers_zero = (shown["ci_low_wild"] <= 0) & (shown["ci_high_wild"] >= 0)
    f.coefs_covering_zero = fmt.num(covers_zero.sum())
    f.terms_without_inference = fmt.num(
        (sources.table("models_coefficients")["term_status"].fillna("ok") != "ok").sum())


def shown_coefficients(coefs: pd.DataFrame) -> pd.DataFrame:
    """The coefficients the estimates table shows: estimated specifications, terms with a
    wild-bootstrap interval."""
    return coefs[(coefs["status"] == "ok") & coefs["ci_low_wild"].notna()
                 & coefs["ci_high_wild"].notna()]


def _codebook(f: SimpleNamespace) -> None:
    codebook = default_codebook()
    f.codebook_version = codebook.version
    f.codebook_hash = codebook.version_hash
    f.record_variables = fmt.num(len(codebook.record_variables))
    f.mention_variables = fmt.num(len(codebook.mention_variables))
    f.record_rules = fmt.num(sum(len(r) for r in codebook.record_rules.values()))
    f.mention_rules = fmt.num(sum(len(r) for r in codebook.mention_rules.values()))
    f.synonym_lists = fmt.num(len(codebook.synonyms))


class Text(str):
    """A formatted fact; offers itself as Markdown so an inline expression shows it unquoted
    (Quarto and the built-in renderer both prefer ``text/markdown``)."""

    def _repr_markdown_(self) -> str:
        return str(self)


class Facts(SimpleNamespace):
    """Attribute access to the facts; an unknown or unavailable fact reads "n/a"."""

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return Text(NA)

    def __setattr__(self, name: str, value: object) -> None:
        super().__setattr__(name, Text(value))


def facts() -> Facts:
    """Every number the text quotes, formatted."""
    f = Facts(ci=ci_level())
    for part in (_corpus, _evidence, _validation, _panel, _models, _codebook):
        try:
            part(f)
        except (sources.Unavailable, KeyError, IndexError):
            continue
    return f


def ci_level() -> str:
    """The confidence level of the models' intervals (from specifications.yaml), e.g. ``95%``."""
    import yaml

    from analysis.models.specs import SPEC_FILE

    alpha = (yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8")).get("defaults") or {}).get(
        "alpha", 0.05)
    return f"{round(100 * (1 - float(alpha)))}%"
