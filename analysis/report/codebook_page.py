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
    if "exclusive_minimum" in variable:
        bounds.append(f"> {variable['exclusive_minimum']}")
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


#: How each kind of rule reads its value, for the rule register.
RULE_KINDS = {"record": "pattern (record_rules)", "mention": "pattern (mention_rules)",
              "procedural": "procedural (procedural_rules)"}


@guarded
def rules() -> str:
    """The rule register: every rule id the evidence may cite, with its variables, kind,
    evidence status and description."""
    rows = [{
        "Rule": f"`{r.id}`", "Variable": ", ".join(f"`{v}`" for v in r.variables),
        "Kind": RULE_KINDS[r.kind], "Evidence": f"`{r.status}`",
        "Description": fmt.md(r.description) or fmt.DASH,
    } for r in default_codebook().registry.values()]
    return pipe_table(pd.DataFrame(rows), "lllll")


def _pattern(source: object) -> str:
    """A pattern as written in the codebook, escaped for a table cell."""
    return fmt.md(source) if source is not None else fmt.DASH


@guarded
def count_scopes() -> str:
    """The ``count_scope`` markers: axis, scope, reach, meaning and pattern."""
    rows = [{
        "Axis": f"`{e.get('axis', 'extent')}`",
        "Scope": f"`{e['scope']}`" if e.get("scope") else "none (hides what it covers)",
        "Reach": e.get("reach", "segment"), "Meaning": fmt.md(e.get("description", "")),
        "Marker": _pattern(e.get("pattern")),
    } for e in default_codebook().raw.get("count_scope") or []]
    return pipe_table(pd.DataFrame(rows), "lllll")


#: What each key of a ``count_selection`` entry does (analysis/coding/counts.py).
SELECTION_KEYS = {"drop": "Never taken", "drop_in_plan": "Never taken in a plan",
                  "avoid": "Taken only when nothing else is found",
                  "prefer": "Preferred, in order"}
#: Of the best-ranked candidates, which is taken (``pick``).
PICKS = {"first": "The earliest", "largest": "The largest"}


@guarded
def count_selection() -> str:
    """Per count variable, the scopes ``count_selection`` drops, avoids and prefers, and
    which of the best candidates it takes."""
    rows = [{"Variable": f"`{variable}`", **{
        header: ", ".join(f"`{s}`" for s in spec.get(key, ())) or fmt.DASH
        for key, header in SELECTION_KEYS.items()
    }, "Of the best, taken": PICKS[spec.get("pick", "first")]}
        for variable, spec in (default_codebook().raw.get("count_selection") or {}).items()]
    return pipe_table(pd.DataFrame(rows), "llllll")


def _guarded_by(name: str, guards: dict[str, Any]) -> str:
    """Whom a guard blocks: each family whose default lists it (but for the variables whose
    own list, which replaces the default, leaves it out), and the variables that list it."""
    codebook = default_codebook()
    members = {"mentions": codebook.mention_variable_names,
               "counts": codebook.record_variable_names}
    own = guards.get("variables") or {}
    out = []
    for family, names in members.items():
        if name in (guards.get(family) or ()):
            out.append(f"{family} (default)" + "".join(
                f", not `{v}`" for v, listed in own.items() if v in names and name not in listed))
    for v, listed in own.items():
        family = "mentions" if v in members["mentions"] else "counts"
        if name in listed and name not in (guards.get(family) or ()):
            out.append(f"`{v}`")
    return "; ".join(out) or fmt.DASH


@guarded
def guards() -> str:
    """The guards: what each means and the candidates it blocks."""
    declared = default_codebook().raw.get("guards") or {}
    rows = [{"Guard": f"`{name}`", "Meaning": fmt.md(text),
             "Blocks candidates of": _guarded_by(name, declared)}
            for name, text in (declared.get("descriptions") or {}).items()]
    return pipe_table(pd.DataFrame(rows), "lll")


@guarded
def features() -> str:
    """The ``features`` cues: what each marks and its pattern (or value)."""
    rows = [{"Feature": f"`{name}`", "Meaning": fmt.md(e.get("description", "")),
             "Pattern": _pattern(e.get("pattern", e.get("value")))}
            for name, e in (default_codebook().raw.get("features") or {}).items()]
    return pipe_table(pd.DataFrame(rows), "lll")


def _offset(value: object) -> int:
    """An evidence offset; -1 for a value read without a quote (no offsets)."""
    return -1 if fmt.missing(value) else int(value)


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
            trace.sentence(sources.document_text(d), _offset(s), _offset(e), q)[0]
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


#: Where a rule's ``requires`` and ``excludes`` are looked for, per ``requires_in`` and
#: ``excludes_in``.
_REQUIRES_IN = {
    "sentence": "in the sentence",
    "paragraph": "in the sentence or earlier in its paragraph",
    "page": "in the sentence, earlier in its paragraph or in the page's title",
}
_EXCLUDES_IN = {
    "sentence": "in the sentence",
    "clause": "in the comma-delimited clause holding the value",
}


def _rules_markdown(name: str) -> list[str]:
    codebook = default_codebook()
    rules = codebook.record_rules.get(name) or codebook.mention_rules.get(name) or ()
    raw = {**(codebook.raw.get("record_rules") or {}), **(codebook.raw.get("mention_rules") or {})}
    entries = {e["id"]: e for e in raw.get(name, [])}
    lines = []
    for rule in rules:
        entry = entries.get(rule.id, {})
        described = codebook.registry[rule.id].description if rule.id in codebook.registry else ""
        lines.append(f"Rule `{rule.id}`{': ' + fmt.md(described) if described else ''}\n\n"
                     f"{_fence(entry.get('pattern', rule.source))}")
        for key, where in (("requires", _REQUIRES_IN), ("excludes", _EXCLUDES_IN)):
            if entry.get(key):
                scope = where[entry.get(f"{key}_in", "sentence")]
                lines.append(f"{key.capitalize()} ({scope}): `{entry[key]}`")
    for cue in DOCUMENT_CUES.get(name, []):
        pattern = (codebook.raw.get("document") or {}).get(cue)
        if pattern:
            lines.append(f"Document cue `document.{cue}`:\n\n{_fence(pattern)}")
    procedural = [r for r in codebook.registry.values()
                  if r.kind == "procedural" and name in r.variables]
    lines += [f"Rule `{r.id}` (procedural): {fmt.md(r.description)}" for r in procedural]
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
