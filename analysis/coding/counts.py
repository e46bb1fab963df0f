"""Count variables of a record (tasks, measures, petitions, accountability) by codebook rules.

Every rule is searched in every passage of the record. The value taken is the one found in
the earliest passage (documents state their headline figures first); any other value found
for the same variable is kept in the audit table with the reason it was not taken.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.codebook import Codebook, Rule
from analysis.coding.evidence import Evidence, cite
from analysis.coding.numbers import parse_number
from analysis.coding.text import Span, may_hold_number, paragraph_around, sentence_around


@dataclass(frozen=True)
class Conflict:
    """A value for a variable that was found but not taken, and why."""

    variable: str
    chosen: Evidence
    other: Evidence
    reason: str


def _value(match) -> int | float | None:
    groups = match.groupdict()
    if groups.get("total"):
        return parse_number(groups["total"])
    parts = [parse_number(v) for k, v in groups.items() if k.startswith("value") and v]
    return sum(parts) if parts else None


def _applies(rule: Rule, text: str, passage: Span) -> bool:
    """The rule's conditions hold for the passage (``requires_in: paragraph``: its
    ``requires`` may be met earlier in the paragraph — 反馈的42个问题,细化为136项整改任务。
    截至…已完成整改98项)."""
    sentence = passage.text(text)
    if rule.applies_to(sentence):
        return True
    if rule.requires_in != "paragraph" or rule.requires is None:
        return False
    if rule.excludes is not None and rule.excludes.search(sentence):
        return False
    start = paragraph_around(text, passage.start).start
    return rule.requires.search(text, start, passage.end) is not None


def candidates(
    text: str,
    passages: list[Span],
    rules: tuple[Rule, ...],
) -> list[Evidence]:
    """Every value the rules find in the passages, in passage order then rule order."""
    found = []
    for passage in passages:
        sentence = passage.text(text)
        if not may_hold_number(sentence):
            continue
        conditions: dict[tuple, bool] = {}  # rules share conditions: test each once
        for rule in rules:
            key = (id(rule.requires), id(rule.excludes), rule.requires_in)
            if key not in conditions:
                conditions[key] = _applies(rule, text, passage)
            if not conditions[key]:
                continue
            for match in rule.pattern.finditer(sentence):
                try:
                    value = _value(match)
                except ValueError:
                    continue
                if value is None:
                    continue
                start, end = passage.start + match.start(), passage.start + match.end()
                found.append(cite(text, rule.variable, int(value), start, end, rule.id))
    return found


def code_counts(
    text: str, passages: list[Span], codebook: Codebook
) -> tuple[dict[str, Evidence], list[Conflict]]:
    """The count variables of one record with their evidence, and the values not taken."""
    chosen: dict[str, Evidence] = {}
    conflicts: list[Conflict] = []
    numeric = [p for p in passages if may_hold_number(p.text(text))]
    for variable in codebook.record_rules:  # the count variables, in codebook order
        holding = [p for p in numeric if codebook.may_hold(variable, p.text(text))]
        found = candidates(text, holding, codebook.record_rules.get(variable, ()))
        if not found:
            continue
        best = _fullest(found, min(found, key=lambda e: e.start))
        chosen[variable] = best
        seen = {best.value}
        for other in found:
            if other.value not in seen:
                seen.add(other.value)
                conflicts.append(
                    Conflict(variable, best, other, "earlier passage taken (headline figure)")
                )
    _total_in_unit_of_completion(text, passages, codebook, chosen, conflicts)
    _check_parts(chosen, conflicts)
    return chosen, conflicts


def _fullest(found: list[Evidence], first: Evidence) -> Evidence:
    """Of the values read from the same words as ``first``, the one reading furthest into
    them (completion stated in parts — 已完成52项,基本完成8项 — over its first part)."""
    overlapping = [e for e in found if e.start < first.end and first.start < e.end]
    return max(overlapping, key=lambda e: (e.end, e.end - e.start, -e.start))


def _total_in_unit_of_completion(
    text: str,
    passages: list[Span],
    codebook: Codebook,
    chosen: dict[str, Evidence],
    conflicts: list[Conflict],
) -> None:
    """tasks_total in the unit of completion is reported in: the total stated last before the
    completed count in its sentence, else earlier in its paragraph ("A个问题B项具体任务…
    已完成整改C项" → B)."""
    done, total = chosen.get("tasks_completed"), chosen.get("tasks_total")
    if done is None or total is None:
        return
    rules = codebook.record_rules.get("tasks_total", ())
    before: list[Evidence] = []
    for scope in (sentence_around(text, done.start), paragraph_around(text, done.start)):
        inside = [p for p in passages if scope.start <= p.start < scope.end]
        found = candidates(text, inside, rules)
        before = [e for e in found if e.end <= done.end and e.start != done.start]
        if before:
            break
    if not before:
        return
    nearest = max(before, key=lambda e: e.end)
    if nearest.value != total.value:
        chosen["tasks_total"] = nearest
        conflicts.append(
            Conflict("tasks_total", nearest, total, "total in the unit of completion taken")
        )


def _check_parts(chosen: dict[str, Evidence], conflicts: list[Conflict]) -> None:
    """A completed or resolved count above its total cannot be right: drop it, audit it."""
    for part, total in (
        ("tasks_completed", "tasks_total"),
        ("measures_completed", "measures_total"),
        ("petitions_resolved", "petitions_total"),
    ):
        if part in chosen and total in chosen and chosen[part].value > chosen[total].value:
            conflicts.append(
                Conflict(part, chosen[total], chosen.pop(part), f"exceeds {total}; not coded")
            )
