"""The data dictionary and coding rules, generated from ``analysis/codebook.yaml``.

Tables of variables and synonym lists, and one section per variable with its rules and
example quotes (sentence, quote in bold, document id) taken from the coded evidence.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from IPython.display import Markdown

from analysis.codebook import default_codebook
from analysis.report import fmt, sources, trace
from analysis.report.tables import guarded, pipe_table

EXAMPLES = 3
#: Record variables read by document-level cues (``document:`` in the codebook) or by code.
DOCUMENT_CUES = {
    "doc_type": ["plan_title", "progress_title"], "inspection_level": ["central", "provincial"],
    "inspection_round": ["round"], "lookback": ["lookback"], "inspection_batch": ["batch"],
    "published_date": ["page_date_cue"], "entry_start": ["entry_cue"],
    "entry_end": ["entry_cue"], "feedback_date": ["feedback_cue"],
}


def _allowed(variable: dict[str, Any]) -> str:
    if "enum" in variable:
        return ", ".join(f"`{v}`" for v in variable["enum"])
    bounds = []
    if "minimum" in variable:
        bounds.append(f"≥ {variable['minimum']}")
    if "maximum" in variable:
        bounds.append(f"≤ {variable['maximum']}")
    return "; ".join(bounds) or fmt.DASH


def _coded(name: str, column: str = "variable") -> int | None:
    records = sources.maybe("records")
    if records is not None and name in records:
        return int(records[name].notna().sum())
    mentions = sources.maybe("mentions")
    if mentions is not None:
        return int((mentions[column] == name).sum())
    return None


@guarded
def record_variables() -> str:
    """One row per record variable: type, allowed values, description, records coded."""
    rows = [{
        "Variable": f"`{v['name']}`", "Type": v.get("type", ""), "Allowed": _allowed(v),
        "Description": fmt.md(v.get("description", "")),
        "Records with a value": fmt.num(_coded(v["name"])),
    } for v in default_codebook().record_variables]
    return pipe_table(pd.DataFrame(rows), "llllr")


@guarded
def mention_variables() -> str:
    """One row per mention variable: unit, kind, range, description, mentions coded."""
    rows = [{
        "Variable": f"`{v['name']}`", "Unit": fmt.md(v.get("unit", "")),
        "Kind": v.get("kind", ""), "Allowed": _allowed(v),
        "Description": fmt.md(v.get("description", "")),
        "Mentions coded": fmt.num(_coded(v["name"])),
    } for v in default_codebook().mention_variables]
    return pipe_table(pd.DataFrame(rows), "llllll")


def _flatten(synonyms: dict[str, Any]) -> list[tuple[str, list[str]]]:
    flat = []
    for name, words in synonyms.items():
        if isinstance(words, dict):
            flat += [(f"{name}.{key}", list(value)) for key, value in words.items()]
        else:
            flat.append((name, list(words)))
    return flat


@guarded
def synonyms() -> str:
    """The synonym lists (``{name}`` in patterns)."""
    rows = [{"List": f"`{name}`", "Words": "、".join(fmt.md(w) for w in words)}
            for name, words in _flatten(default_codebook().synonyms)]
    return pipe_table(pd.DataFrame(rows), "ll")


def _examples(name: str) -> list[str]:
    frame = trace.trace_frame() if name in trace.SHOWN else None
    if frame is None or name not in set(frame["variable"]):
        evidence = sources.maybe("evidence")
        mentions = sources.maybe("mentions")
        pool = pd.concat([f for f in (evidence, mentions) if f is not None], ignore_index=True)
        if pool.empty or "variable" not in pool:
            return []
        frame = pool[pool["variable"] == name].copy()
        frame["value"] = [fmt.value(name, v) for v in frame["value"]]
        frame["sentence"] = [
            trace.sentence(sources.document_text(d), int(s), int(e), q)[0]
            for d, s, e, q in zip(frame.doc_id, frame.start, frame.end, frame.quote, strict=True)
        ]
    else:
        frame = frame[frame["variable"] == name]
    quoted = frame["quote"].notna() & (frame["quote"].astype(str) != "")
    frame = pd.concat([frame[quoted], frame[~quoted]])
    picked = frame.drop_duplicates("doc_id").head(EXAMPLES)
    if len(picked) < EXAMPLES:
        picked = pd.concat([picked, frame.drop(picked.index)]).head(EXAMPLES)
    return [f"- `{row.doc_id}`, {fmt.md(row.jurisdiction)} → **{fmt.md(row.value)}**: "
            f"{row.sentence}" for row in picked.itertuples()]


def _fence(text: str) -> str:
    return f"```\n{text}\n```"


def _rules_markdown(name: str) -> list[str]:
    codebook = default_codebook()
    rules = codebook.record_rules.get(name) or codebook.mention_rules.get(name) or ()
    raw = {**(codebook.raw.get("record_rules") or {}), **(codebook.raw.get("mention_rules") or {})}
    entries = {e["id"]: e for e in raw.get(name, [])}
    lines = []
    for rule in rules:
        entry = entries.get(rule.id, {})
        lines.append(f"Rule `{rule.id}`:\n\n{_fence(entry.get('pattern', rule.source))}")
        for key in ("requires", "excludes"):
            if entry.get(key):
                lines.append(f"{key.capitalize()} (in the sentence): `{entry[key]}`")
    for cue in DOCUMENT_CUES.get(name, []):
        pattern = (codebook.raw.get("document") or {}).get(cue)
        if pattern:
            lines.append(f"Document cue `document.{cue}`:\n\n{_fence(pattern)}")
    if not lines:
        lines.append("Read by the coder's document logic (no pattern of its own in the "
                     "codebook).")
    return lines


def codebook_sections() -> Markdown:
    """One section per variable: description, rules and example quotes."""
    codebook = default_codebook()
    out: list[str] = []
    variables = [*codebook.record_variables, *codebook.mention_variables]
    for variable in variables:
        name = variable["name"]
        out.append(f"## `{name}` {{#var-{name.replace('_', '-')}}}")
        out.append(fmt.md(variable.get("description", "")))
        out += _rules_markdown(name)
        try:
            examples = _examples(name)
        except sources.Unavailable as reason:
            examples = [f"*Examples not available: {fmt.md(str(reason))}.*"]
        if examples:
            out.append("Examples from the corpus (quote in bold, in its sentence):\n\n"
                       + "\n".join(examples))
        elif name not in ("doc_id", "jurisdiction"):
            out.append("*No example in the corpus.*")
    return Markdown("\n\n".join(out))
