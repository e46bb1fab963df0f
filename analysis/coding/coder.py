"""Coding one document: normalised text in, records with evidence out (a pure function).

``code_text`` is the whole coder: it reads nothing but its arguments and writes nothing, so
it can be mapped over a corpus by a process pool, Dask or Spark unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from analysis.codebook import Codebook, default_codebook
from analysis.coding import counts, inspection
from analysis.coding.dates import find_dates, with_years
from analysis.coding.document import read_header
from analysis.coding.evidence import Evidence
from analysis.coding.mentions import Mention, MentionDocument, code_mentions
from analysis.coding.segment import RecordText, split_records
from analysis.coding.text import Span


@dataclass
class CodedRecord:
    """One jurisdiction's coded account in one document."""

    doc_id: str
    jurisdiction: str
    values: dict[str, Any]
    evidence: dict[str, Evidence]
    mentions: list[Mention]
    account: bool = True

    def as_json(self, codebook: Codebook) -> dict[str, Any]:
        """The public JSONL shape: record variables, mentions and evidence."""
        out: dict[str, Any] = {
            name: self.values.get(name) for name in codebook.record_variable_names
        }
        out["doc_id"], out["jurisdiction"] = self.doc_id, self.jurisdiction
        out["mentions"] = [m.as_dict() for m in self.mentions]
        out["evidence"] = {k: e.as_dict() for k, e in sorted(self.evidence.items())}
        return out


@dataclass
class Audit:
    """A variable of a record with more than one value in the text, and the choice made."""

    doc_id: str
    jurisdiction: str
    variable: str
    chosen_value: Any
    chosen_quote: str
    chosen_start: int
    other_value: Any
    other_quote: str
    other_start: int
    reason: str


@dataclass
class CodedDocument:
    doc_id: str
    records: list[CodedRecord] = field(default_factory=list)
    audit: list[Audit] = field(default_factory=list)
    problem: str | None = None  # why no record could be coded


#: The figures whose 截至 date is the record's asof, in the order they are looked at.
_HEADLINE_FIGURES = ("tasks_completed", "tasks_total", "petitions_resolved", "petitions_total")
_OTHER_FIGURES = (
    "measures_completed",
    "measures_total",
    "accountability_people",
    "accountability_units",
)


def _code_record(
    text: str,
    doc_id: str,
    rec: RecordText,
    header,
    dates,
    codebook: Codebook,
    lead: list[Span] = (),
    document: MentionDocument | None = None,
) -> tuple[CodedRecord, list[Audit]]:
    """One record's values. ``lead`` is text before the title that belongs to the whole page
    (a lead paragraph with the inspection's dates), searched for the inspection fields;
    ``document`` is the mention coder's set-up of the page, shared by its records."""
    lead = list(lead)
    evidence: dict[str, Evidence] = {}
    for item in (rec.evidence, header.published, header.doc_type):
        if item is not None:
            evidence[item.variable] = item
    anchor = rec.anchor or rec.passages[:3]
    shared = anchor + rec.context + lead
    found = [
        inspection.inspection_level(text, anchor + lead + rec.passages, codebook),
        inspection.inspection_round(text, anchor + lead + rec.passages, codebook),
        inspection.inspection_batch(text, anchor + rec.context + rec.passages + lead, codebook),
        inspection.lookback(text, anchor, codebook),
        inspection.feedback_date(text, rec.passages + shared, dates, codebook),
    ]
    entry_start, entry_end = inspection.entry_dates(text, rec.passages + shared, dates, codebook)
    found += [entry_start, entry_end]
    for item in found:
        if item is not None:
            evidence[item.variable] = item

    chosen, conflicts = counts.code_counts(
        text, rec.passages, codebook, header.doc_type.value, header.title, rec.place
    )
    evidence.update(chosen)
    # the 截至 date is looked for at the tasks and complaints first, then at the measures and
    # the people and units held accountable
    figures = sorted(
        (chosen[v] for v in _HEADLINE_FIGURES if v in chosen), key=lambda e: e.start
    ) + sorted((chosen[v] for v in _OTHER_FIGURES if v in chosen), key=lambda e: e.start)
    heading = [header.title] if header.title else []
    if (asof := inspection.asof(text, figures, dates, heading, rec.passages)) is not None:
        evidence["asof"] = asof

    mentions, level_conflicts = _resolve_levels(
        code_mentions(text, codebook, rec.place, rec.passages, dates, document), codebook
    )

    values: dict[str, Any] = {k: e.value for k, e in evidence.items()}
    values.update(level=rec.place.level, parent=rec.place.parent or None)
    audits = [
        Audit(
            doc_id,
            rec.place.name,
            c.variable,
            c.chosen.value,
            c.chosen.quote,
            c.chosen.start,
            c.other.value,
            c.other.quote,
            c.other.start,
            c.reason,
        )
        for c in conflicts
    ] + [
        Audit(
            doc_id,
            rec.place.name,
            f"{a.variable}:{a.year}:{a.months or ''}",
            a.value,
            a.quote,
            a.start,
            b.value,
            b.quote,
            b.start,
            "earlier passage taken",
        )
        for a, b in level_conflicts
    ]
    record = CodedRecord(doc_id, rec.place.name, values, evidence, mentions)
    return record, audits


def _resolve_levels(mentions: list[Mention], codebook: Codebook):
    """One value per outcome, year and period: the first; the others go to the audit."""
    kept: dict[tuple, Mention] = {}
    out, conflicts = [], []
    for m in mentions:
        if codebook.mention_kind(m.variable) == "flow":
            out.append(m)
            continue
        key = (m.variable, m.year, m.months)
        if key in kept:
            if kept[key].value != m.value:
                conflicts.append((kept[key], m))
            continue
        kept[key] = m
        out.append(m)
    return out, conflicts


def code_text(text: str, doc_id: str, codebook: Codebook | None = None) -> CodedDocument:
    """Code a document's normalised text into records, mentions and an audit of choices."""
    codebook = codebook or default_codebook()
    header = read_header(text, codebook)
    segmentation = split_records(text, header.title, header.body_end, codebook)
    result = CodedDocument(doc_id)
    if not segmentation.records:
        result.problem = "no jurisdiction found in the title, publisher line or text"
        return result
    dates = with_years(find_dates(text))
    lead = []
    if header.title is not None and len(segmentation.records) == 1:
        lead = [Span(0, header.title.start)]
    document = MentionDocument(text, codebook, dates)
    for rec in segmentation.records:
        record, audits = _code_record(text, doc_id, rec, header, dates, codebook, lead, document)
        if not header.account and not _has_figures(record):
            record = _outcomes_only(record)
        result.records.append(record)
        result.audit.extend(audits)
    return result


def _has_figures(record: CodedRecord) -> bool:
    return any(
        record.values.get(v) is not None
        for v in ("tasks_completed", "petitions_resolved", "accountability_people")
    )


def _outcomes_only(record: CodedRecord) -> CodedRecord:
    """A page that is not a rectification account: its outcome mentions and the evidence of
    its jurisdiction, no record values."""
    kept = {k: e for k, e in record.evidence.items() if k == "jurisdiction"}
    return CodedRecord(record.doc_id, record.jurisdiction, {}, kept, record.mentions, account=False)
