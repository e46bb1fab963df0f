"""Count variables of a record (tasks, measures, petitions, accountability) by codebook rules.

Every rule is searched in every passage of the record. Each value found is a candidate with
scopes (``count_scope`` in the codebook): per axis, the nearest scope marker before its number
says whether it counts one batch, one day's transfer or the whole inspection so far, a subset,
the part due by a deadline, a count already done, complaints rather than tasks, people only
talked to, complaints handed over rather than received. ``count_selection`` names, per
variable, the scopes that are never its value, those taken only when nothing else is found
and those preferred; of the best, the value found in the earliest passage is taken
(documents state their headline figures first). Any other value found for the same variable
is kept in the audit table with the reason it was not taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from analysis import gazetteer
from analysis.codebook import Codebook, Rule, expand
from analysis.coding import features
from analysis.coding.evidence import Evidence, cite
from analysis.coding.jurisdiction import count_parties, stated_for
from analysis.coding.literal import any_of, requirements, with_first_chars
from analysis.coding.numbers import parse_number
from analysis.coding.text import (
    Span,
    clause_around,
    may_hold_number,
    paragraph_around,
    segment_around,
    sentence_around,
)
from analysis.errors import InputError

#: The scope of a count with no scope marker before it in its segment.
STATED = "stated"
#: The scope of a count inside parentheses (a breakdown or an aside: …(7个信访件,涉及13个问题)).
ASIDE = "aside"
#: The scope of a count stated for another place than the record's (累计向宜春市交办… in a
#: county's page; 永州市共认领…问题86个 before 其中涉及我县的问题27个).
ELSEWHERE = "elsewhere"
#: A closed parenthesis: markers inside it (其中来电63件) do not scope what follows it.
_ASIDE = re.compile(r"\([^()]*\)")
#: The end of a clause (a sentence's end ends it too): a ``reach: clause`` marker stops there.
_CLAUSE_MARK = re.compile("[,,::;。!?]")


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


def _parts(match) -> int:
    """How many numbers the match adds up (its ``value*`` groups that matched; 1 for a total)."""
    groups = match.groupdict()
    return sum(1 for k, v in groups.items() if v and k.startswith("value")) or 1


def _number_start(match) -> int:
    """Offset (in the searched sentence) of the match's first value or total group."""
    starts = [
        match.start(k)
        for k, v in match.groupdict().items()
        if v and (k == "total" or k.startswith("value"))
    ]
    return min(starts) if starts else match.start()


#: How the value is taken from the best-ranked candidates (``count_selection`` ``pick``).
PICKS = ("first", "largest")


@dataclass(frozen=True)
class Selection:
    """Which candidates of one variable may be taken, and which are preferred."""

    drop: frozenset[str] = frozenset()
    drop_in_plan: frozenset[str] = frozenset()
    avoid: frozenset[str] = frozenset()
    prefer: tuple[str, ...] = ()
    #: of the best-ranked candidates: the earliest (``first``) or the largest (``largest``:
    #: a running total, which no batch or earlier total exceeds)
    pick: str = "first"

    def dropped(self, scope: frozenset[str], doc_type: str | None) -> bool:
        """True when any of the candidate's scopes is never the variable's value."""
        return bool(scope & self.drop) or (doc_type == "plan" and bool(scope & self.drop_in_plan))

    @cached_property
    def wanted(self) -> frozenset[str]:
        """Every scope the selection names."""
        return self.drop | self.drop_in_plan | self.avoid | frozenset(self.prefer)

    def rank(self, scope: frozenset[str]) -> tuple[bool, ...]:
        """Lower is preferred: whether it has an avoided scope, then the preferred scopes it
        lacks, in order."""
        return (bool(scope & self.avoid), *(s not in scope for s in self.prefer))


class _Markers:
    """The scope markers of one axis in one line, in order, read from the line's scan only
    as far as asked for: markers with no scope are matched, so that they hide what they
    cover, and left out."""

    def __init__(
        self, matches: Iterator[re.Match[str]], names: dict[str, tuple[str | None, bool]]
    ) -> None:
        self._matches, self._names = matches, names
        self._last = -1  # where the last marker read starts
        self._done = False
        #: start, end, scope and whether it reaches only its clause
        self.found: list[tuple[int, int, str, bool]] = []

    def before(self, offset: int) -> list[tuple[int, int, str, bool]]:
        """Every marker starting before ``offset`` (and perhaps some after it)."""
        while not self._done and self._last < offset:
            match = next(self._matches, None)
            if match is None:
                self._done = True
                break
            self._last = match.start()
            scope, clause_only = self._names[match.lastgroup]
            if scope is not None:
                self.found.append((match.start(), match.end(), scope, clause_only))
        return self.found


@dataclass(frozen=True)
class Scoping:
    """The codebook's scope markers, one alternation per axis, and per-variable selections."""

    #: per axis: the markers' alternation, and per group its scope and whether it reaches
    #: only to the end of its clause (``reach: clause``)
    axes: tuple[tuple[re.Pattern[str], dict[str, tuple[str | None, bool]]], ...]
    selections: dict[str, Selection]
    continuation: re.Pattern[str] | None = None
    #: per axis, strings one of which every marker holds (None: not known): an axis whose
    #: strings are not before the number has no marker there and is not scanned
    needs: tuple[re.Pattern[str] | None, ...] = ()
    #: per set of wanted scopes, the axes that have a marker of one of them
    _axes_wanted: dict = field(default_factory=dict, compare=False, repr=False)

    def _axes_for(self, wanted: frozenset[str] | None) -> tuple[int, ...]:
        """The axes with a marker of one of the ``wanted`` scopes (all when None)."""
        axes = self._axes_wanted.get(wanted)
        if axes is None:
            axes = self._axes_wanted[wanted] = tuple(
                axis
                for axis, (_, names) in enumerate(self.axes)
                if wanted is None or any(n[0] in wanted for n in names.values())
            )
        return axes

    def _markers(self, text: str, line: Span, axis: int) -> _Markers:
        """The axis's markers in the line (read as far as asked for)."""
        markers, names = self.axes[axis]
        return _Markers(markers.finditer(text, *line), names)

    def scope(
        self,
        text: str,
        number: int,
        start: int | None = None,
        found_in: dict | None = None,
        wanted: frozenset[str] | None = None,
    ) -> frozenset[str]:
        """Per axis, the scope set by the nearest marker before offset ``number`` (from
        ``start``, else from the start of its segment); ``stated`` when there is none. A
        marker whose scope is None hides the text it covers and sets nothing. ``found_in``
        caches the markers of each line and the scopes found (of one text: several rules
        read the same number); axes with none of the ``wanted`` scopes are skipped."""
        key = ("scope", number, start, wanted)
        if found_in is not None and key in found_in:
            return found_in[key]
        start = segment_around(text, number).start if start is None else start
        line = paragraph_around(text, number)
        cache = {} if found_in is None else found_in
        asides = (
            [m.span() for m in _ASIDE.finditer(text, start, number)]
            if "(" in text[start:number]
            else []
        )
        found = (
            {ASIDE} if text.rfind("(", start, number) > text.rfind(")", start, number) else set()
        )
        for axis in self._axes_for(wanted):
            need = self.needs[axis] if self.needs else None
            if need is not None and need.search(text, start, number) is None:
                continue
            if (line.start, axis) not in cache:
                cache[line.start, axis] = self._markers(text, line, axis)
            for m_start, m_end, scope, clause_only in reversed(
                cache[line.start, axis].before(number)
            ):  # the nearest marker that applies
                if (
                    start <= m_start < m_end <= number
                    and not any(a <= m_start < b for a, b in asides)
                    and not (clause_only and _CLAUSE_MARK.search(text, m_end, number))
                ):
                    found.add(scope)
                    break
        cache[key] = frozenset(found or {STATED})
        return cache[key]

    def selection(self, variable: str) -> Selection:
        selection = self.selections.get(variable)
        return _NO_SELECTION if selection is None else selection


#: The selection of a variable the codebook names none for.
_NO_SELECTION = Selection()


_SCOPINGS: dict[str, Scoping] = {}


def scoping(codebook: Codebook) -> Scoping:
    """The codebook's ``count_scope`` markers and ``count_selection`` (compiled once)."""
    if codebook.version_hash in _SCOPINGS:
        return _SCOPINGS[codebook.version_hash]
    by_axis: dict[str, list[tuple[tuple[str | None, bool], str]]] = {}
    for entry in codebook.raw.get("count_scope") or []:
        pattern = expand(entry["pattern"], codebook.synonyms, "count_scope")
        scope = (entry["scope"], entry.get("reach") == "clause")
        by_axis.setdefault(entry.get("axis", "extent"), []).append((scope, pattern))
    axes = []
    for markers in by_axis.values():
        names = {f"s{i}": scope for i, (scope, _) in enumerate(markers)}
        alternation = "|".join(f"(?P<s{i}>{p})" for i, (_, p) in enumerate(markers))
        axes.append((with_first_chars(re.compile(alternation)), names))
    for variable, spec in (codebook.raw.get("count_selection") or {}).items():
        if spec.get("pick", "first") not in PICKS:
            raise InputError(
                f"codebook [count_selection.{variable}]",
                f"pick must be one of {', '.join(PICKS)}, not {spec['pick']!r}",
            )
    selections = {
        variable: Selection(
            drop=frozenset(spec.get("drop", ())),
            drop_in_plan=frozenset(spec.get("drop_in_plan", ())),
            avoid=frozenset(spec.get("avoid", ())),
            prefer=tuple(spec.get("prefer", ())),
            pick=spec.get("pick", "first"),
        )
        for variable, spec in (codebook.raw.get("count_selection") or {}).items()
    }
    cue = codebook.raw.get("count_continuation")
    needs = tuple(_needed(markers) for markers, _ in axes)
    result = Scoping(tuple(axes), selections, re.compile(cue) if cue else None, needs)
    _SCOPINGS[codebook.version_hash] = result
    return result


def _needed(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A search for the strings one of which every match of ``pattern`` holds (its most
    selective requirement); None when none is known."""
    found = requirements(pattern)
    return any_of(found[0]) if found else None


def _inherits(
    rule: Rule, text: str, passage: Span, sentence: str, title: Span | None = None
) -> bool:
    """A rule whose conditions do not hold in the passage's own ``sentence`` holds for it
    all the same: ``requires_in: paragraph`` and its ``requires`` met earlier in the
    paragraph (反馈的42个问题,细化为136项整改任务。截至…已完成整改98项), none of its
    ``excludes`` in the sentence; ``requires_in: page`` also when they are met in the page's
    ``title`` (a bulletin titled …信访件办理情况: its counts are of complaints). Its counts are
    then scoped from the paragraph's start, as are those of a sentence continuing the previous
    one (…第十批信访件共计263件。截至9月14日,已办结183件: the 183 are of that batch; the
    nearest marker still wins)."""
    if rule.requires_in not in _INHERITING or rule.requires is None:
        return False
    if rule.excludes is not None and rule.excludes_in == "sentence" and rule.excludes.search(
        sentence
    ):
        return False
    start = paragraph_around(text, passage.start).start
    if rule.requires.search(text, start, passage.end) is not None:
        return True
    return (
        rule.requires_in == "page"
        and title is not None
        and rule.requires.search(text, title.start, title.end) is not None
    )


def _excluded_in_clause(rule: Rule, text: str, number: int) -> bool:
    """``excludes_in: clause``: the rule's ``excludes`` found in the comma-delimited clause
    holding the value's number (…19人被立案问责;另有7名企业人员…, 约谈…企业负责人34人,问责4人:
    the company staff rule out only their own clause)."""
    clause = clause_around(text, number)
    return rule.excludes.search(text, clause.start, clause.end) is not None


#: The ``requires_in`` of rules whose ``requires`` may be met outside the passage's sentence.
_INHERITING = ("paragraph", "page")


def scoped_candidates(
    text: str,
    passages: list[Span],
    rules: tuple[Rule, ...],
    scopes: Scoping | None = None,
    markers: dict | None = None,
    codebook: Codebook | None = None,
    parts: dict[Evidence, int] | None = None,
    title: Span | None = None,
    numbers: dict[Evidence, int] | None = None,
) -> list[tuple[Evidence, frozenset[str]]]:
    """Every value the rules find in the passages with its scope, in passage order then rule
    order (``markers`` caches, for one text, the scope markers of each line and the scopes
    and guards found); with a ``codebook``, not those its guards block (features.guard_count:
    到2025年底前完成N项). ``parts`` gets, per value, how many numbers it adds up, ``numbers``
    where its number stands; ``title`` is the page's (``requires_in: page``)."""
    found = []
    for passage in passages:
        sentence = passage.text(text)
        if may_hold_number(sentence):
            may_match = tuple(rule for rule in rules if rule.may_match(sentence))
            found += _in_sentence(
                text,
                passage,
                sentence,
                [("", may_match)],
                scopes,
                markers,
                codebook,
                parts,
                title,
                numbers,
            )[0]
    return found


def _guard(
    text: str, value_start: int, codebook: Codebook, variable: str, cache: dict | None
) -> str | None:
    """``features.guard_count``, kept in ``cache`` (of one text: several rules read the same
    number)."""
    if cache is None:
        return features.guard_count(text, value_start, codebook, variable)
    key = ("guard", value_start, variable)
    if key not in cache:
        cache[key] = features.guard_count(text, value_start, codebook, variable)
    return cache[key]


def _in_sentence(
    text: str,
    passage: Span,
    sentence: str,
    held: list[tuple[str, tuple[Rule, ...]]],
    scopes: Scoping | None,
    markers: dict | None,
    codebook: Codebook | None,
    parts: dict[Evidence, int] | None = None,
    title: Span | None = None,
    numbers: dict[Evidence, int] | None = None,
) -> list[list[tuple[Evidence, frozenset[str]]]]:
    """Per group of ``held`` rules, ``scoped_candidates`` of them in the passage
    (``sentence``: its text; ``title``: the page's, for ``requires_in: page``); conditions and
    the continuation cue are tested once for all of them."""
    # rules share conditions, across variables too: each is tested once
    conditions: dict[tuple, tuple[bool, bool]] = {}
    continues: bool | None = None
    out = []
    for _, rules in held:
        found: list[tuple[Evidence, frozenset[str]]] = []
        for rule in rules:
            key = (id(rule.requires), id(rule.excludes), rule.requires_in, rule.excludes_in)
            condition = conditions.get(key)
            if condition is None:
                in_sentence = rule.applies_to(sentence)
                condition = conditions[key] = (
                    in_sentence or _inherits(rule, text, passage, sentence, title),
                    in_sentence,
                )
            if not condition[0]:
                continue
            for match in rule.pattern.finditer(sentence):
                try:
                    value = _value(match)
                except ValueError:
                    continue
                if value is None:
                    continue
                if rule.excludes_in == "clause" and _excluded_in_clause(
                    rule, text, passage.start + _number_start(match)
                ):
                    continue
                if codebook is not None and _guard(
                    text,
                    passage.start + features.value_offset(match),
                    codebook,
                    rule.variable,
                    markers,
                ):
                    continue
                start, end = passage.start + match.start(), passage.start + match.end()
                if scopes:
                    if continues is None:
                        cue = scopes.continuation
                        continues = cue is not None and cue.match(sentence) is not None
                    # inherited: ``requires`` met only earlier in the paragraph
                    inherited = rule.requires_in in _INHERITING and not condition[1]
                    scope = scopes.scope(
                        text,
                        passage.start + _number_start(match),
                        paragraph_around(text, passage.start).start
                        if inherited or continues
                        else None,
                        markers,
                        scopes.selection(rule.variable).wanted,
                    )
                else:
                    scope = frozenset({STATED})
                evidence = cite(text, rule.variable, int(value), start, end, rule.id)
                if parts is not None:
                    parts[evidence] = _parts(match)
                if numbers is not None:
                    numbers[evidence] = passage.start + _number_start(match)
                found.append((evidence, scope))
        out.append(found)
    return out


class _Found:
    """The scoped candidates of one record, found once per passage and variable (the
    completed count's total is looked for again in its sentence and paragraph)."""

    def __init__(
        self,
        text: str,
        codebook: Codebook,
        scopes: Scoping,
        title: Span | None = None,
        place: gazetteer.Place | None = None,
    ) -> None:
        self.text, self.codebook, self.scopes, self.title = text, codebook, scopes, title
        self.place = place  # the record's: a count stated for another place is ELSEWHERE
        #: the scope markers of each line, and the scopes and guards of each number, found once
        self.markers: dict = {}
        self.parts: dict[Evidence, int] = {}  # how many numbers each value adds up
        self.numbers: dict[Evidence, int] = {}  # where each value's number stands
        self._elsewhere: dict[int, bool] = {}
        self._parties: dict[int, list[tuple[int, int, int, bool]]] = {}  # per segment
        self.found: dict[tuple[str, Span], list[tuple[Evidence, frozenset[str]]]] = {}

    def passage(
        self, passage: Span, sentence: str, held: list[tuple[str, tuple[Rule, ...]]]
    ) -> list[tuple[str, list[tuple[Evidence, frozenset[str]]]]]:
        """Per variable of ``held``, the candidates of its rules (those that may match the
        passage) in the passage (``sentence``: its text), kept for later look-ups."""
        with_rules = [(variable, rules) for variable, rules in held if rules]
        found = (
            _in_sentence(
                self.text,
                passage,
                sentence,
                with_rules,
                self.scopes,
                self.markers,
                self.codebook,
                self.parts,
                self.title,
                self.numbers,
            )
            if with_rules
            else []
        )
        for variable, _ in held:
            self.found[variable, passage] = []
        out = [
            (variable, self._placed(f) if f else f)
            for (variable, _), f in zip(with_rules, found, strict=True)
        ]
        self.found.update(((variable, passage), f) for variable, f in out)
        return out

    def __call__(
        self, variable: str, passages: list[Span]
    ) -> list[tuple[Evidence, frozenset[str]]]:
        """``scoped_candidates`` of the variable's rules in ``passages``."""
        out = []
        for passage in passages:
            key = (variable, passage)
            if key not in self.found:
                self.found[key] = scoped_candidates(
                    self.text,
                    [passage],
                    self.codebook.record_rules.get(variable, ()),
                    self.scopes,
                    self.markers,
                    self.codebook,
                    self.parts,
                    self.title,
                    self.numbers,
                )
                self.found[key] = self._placed(self.found[key])
            out.extend(self.found[key])
        return out

    def _placed(
        self, found: list[tuple[Evidence, frozenset[str]]]
    ) -> list[tuple[Evidence, frozenset[str]]]:
        """``found`` with ELSEWHERE added to the scope of each value stated for another place
        than the record's (jurisdiction.stated_for)."""
        if self.place is None or not found:
            return found
        out = []
        for evidence, scope in found:
            number = self.numbers[evidence]
            if number not in self._elsewhere:
                segment = segment_around(self.text, number)
                if segment.start not in self._parties:
                    self._parties[segment.start] = count_parties(
                        self.text, segment, self.place, self.codebook
                    )
                owner = stated_for(
                    self.text, number, self.place, self.codebook, self._parties[segment.start]
                )
                self._elsewhere[number] = owner is False
            out.append((evidence, scope | {ELSEWHERE} if self._elsewhere[number] else scope))
        return out


def code_counts(
    text: str,
    passages: list[Span],
    codebook: Codebook,
    doc_type: str | None = None,
    title: Span | None = None,
    place: gazetteer.Place | None = None,
) -> tuple[dict[str, Evidence], list[Conflict]]:
    """The count variables of one record with their evidence, and the values not taken
    (``doc_type`` plan: scheduled counts are not completions; ``title``: the page's, read by
    rules with ``requires_in: page``; ``place``: the record's, whose counts are those not
    stated for another place)."""
    chosen: dict[str, Evidence] = {}
    conflicts: list[Conflict] = []
    scopes = scoping(codebook)
    find = _Found(text, codebook, scopes, title, place)
    index = codebook.record_index
    #: per variable, its candidates in passage order, then rule order
    holding: dict[str, list[tuple[Evidence, frozenset[str]]]] = {
        variable: [] for variable in codebook.record_rules
    }
    for passage in passages:
        sentence = text[passage.start : passage.end]
        if not may_hold_number(sentence):
            continue
        held = index.may_match(sentence)
        if held:
            for variable, found in find.passage(passage, sentence, held):
                holding[variable] += found
    for variable in codebook.record_rules:  # the count variables, in codebook order
        selection = scopes.selection(variable)
        found, dropped = [], []
        for evidence, scope in holding[variable]:
            target = dropped if selection.dropped(scope, doc_type) else found
            target.append((evidence, scope))
        if not found:
            continue
        ranks = [selection.rank(scope) for _, scope in found]
        best_rank = min(ranks)
        best_found = [e for (e, _), rank in zip(found, ranks, strict=True) if rank == best_rank]
        if selection.pick == "largest":
            first = min(best_found, key=lambda e: (-e.value, e.start))
        else:
            first = min(best_found, key=lambda e: e.start)
        best = _fullest(best_found, first, find.parts)
        chosen[variable] = best
        seen = {best.value}
        for other, scope in found + dropped:
            if other.value not in seen:
                seen.add(other.value)
                named = "/".join(sorted(scope))
                reason = (
                    f"{named} count; not coded"
                    if selection.dropped(scope, doc_type)
                    else "earlier passage taken (headline figure)"
                    if selection.rank(scope) == best_rank
                    else f"{named} count; a preferred scope taken"
                )
                conflicts.append(Conflict(variable, best, other, reason))
    _total_in_unit_of_completion(text, passages, find, chosen, conflicts, doc_type)
    _check_parts(chosen, conflicts)
    return chosen, conflicts


def _fullest(
    found: list[Evidence], first: Evidence, parts: dict[Evidence, int] | None = None
) -> Evidence:
    """Of the values read from the same words as ``first``, the sum of the most parts
    (``parts``: how many numbers each adds up), then the one reading furthest into them
    (completion stated in parts — 已完成52项,基本完成8项 — over any one part)."""
    overlapping = [e for e in found if e.start < first.end and first.start < e.end]
    counted = parts or {}
    return max(overlapping, key=lambda e: (counted.get(e, 1), e.end, e.end - e.start, -e.start))


def _total_in_unit_of_completion(
    text: str,
    passages: list[Span],
    find: _Found,
    chosen: dict[str, Evidence],
    conflicts: list[Conflict],
    doc_type: str | None = None,
) -> None:
    """tasks_total in the unit of completion is reported in: the total stated last before the
    completed count in its sentence, else earlier in its paragraph ("A个问题B项具体任务…
    已完成整改C项" → B)."""
    done, total = chosen.get("tasks_completed"), chosen.get("tasks_total")
    if done is None or total is None:
        return
    selection = find.scopes.selection("tasks_total")
    before: list[Evidence] = []
    for scope in (sentence_around(text, done.start), paragraph_around(text, done.start)):
        inside = [p for p in passages if scope.start <= p.start < scope.end]
        found = [
            e for e, named in find("tasks_total", inside) if not selection.dropped(named, doc_type)
        ]
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
