"""Declarative features of a value candidate and of a year, and the guards built on them.

A rule match gives a candidate: a number at ``text[start:end]``. Whether it is a value of
its variable depends on what surrounds it, the same way for every variable:

* ``comparison_base`` — the number is a change on a base (比2020年增加15天, 同比下降3个);
* ``target`` — a target or expectation (目标, 不低于, 到2025年…, 力争, 确保), by the cue lists
  ``target_cue`` (the value's clause) and ``target_lead`` (leading its segment or sentence);
* ``modality`` — an obligation or plan governs the number's verb (需完成N项, 计划完成N项; written
  after a count, before its verb: 已有6项计划年底前完成);
* ``deadline`` — a deadline governs it (2025年底前完成N项, 应于2024年完成N项; 其中5项于2025年底前
  完成);
* ``negation`` — the verb before the number is negated (未完成N项);
* ``negation_after`` — the completion verb after the number, in its clause, is negated
  (已有6项进入验收但尚未完成销号);
* ``talk_after`` — the verb after the number, in its clause, only talks to or criticises
  those counted (对7家单位负责人进行约谈): they are not held accountable;
* ``bound`` — the number is a bound, not a value (首次超过80%);
* ``enumerated`` — the number follows 分别 (values aligned by position are read separately);
* scope — ``subarea`` (a basin, lake, sub-region or another place is the subject of the
  clause, of the segment, or of the preceding sentences of the paragraph), ``wider_area``
  (全省 in a city's record, 全国 in a province's).

A single month between a value's period and the value (2023年12月,…) makes it a month's
figure (``monthly``).

A modality or deadline that qualifies a noun (应于2017年完成的41项…已全部完成) or is followed
by 已 (2022年底前应完成26个,已完成25个) does not govern the number.

Years get a role: ``period`` (the year values are for) or ``comparison_base`` (比/较/与YYYY年),
``deadline`` (YYYY年底前, 到YYYY年, 应于YYYY年) and ``qualifier`` (YYYY年存在的…), none of
which is ever a value's period. A base standing as a clause of its own (与2021年相比,…) is
the base of a change written before a value later in its sentence (``comparison_opening``).

The cue patterns are in ``analysis/codebook.yaml`` under ``features``; which features block
a candidate is declared there under ``guards`` (a default per family, ``mentions`` and
``counts``, and optional lists per variable).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from analysis.codebook import Codebook
from analysis.coding.numbers import NUMBER
from analysis.coding.text import Span, clause_around, segment_around, sentence_around

FEATURES = (
    "comparison_base",
    "target",
    "modality",
    "deadline",
    "negation",
    "negation_after",
    "talk_after",
    "bound",
    "enumerated",
    "subarea",
    "wider_area",
)
#: The features read from the value's scope rather than its words.
_SCOPE_FEATURES = ("subarea", "wider_area")


@dataclass(frozen=True)
class Cues:
    """The compiled cue patterns of the codebook's ``features`` block."""

    comparison_year: re.Pattern[str]
    comparison_opening: re.Pattern[str]
    deadline_before_year: re.Pattern[str]
    deadline_after_year: re.Pattern[str]
    qualifier_after_year: re.Pattern[str]
    change_before_value: re.Pattern[str]
    modality: re.Pattern[str]
    deadline: re.Pattern[str]
    governs_not: re.Pattern[str]
    done_before_deadline: re.Pattern[str]
    negation_before_value: re.Pattern[str]
    negation_after_value: re.Pattern[str]
    predicate_after_value: re.Pattern[str]
    talk_after_value: re.Pattern[str]
    bound_before_value: re.Pattern[str]
    bound_after_value: re.Pattern[str]
    lead_own_value: re.Pattern[str]
    enumeration: re.Pattern[str]
    single_month: re.Pattern[str]
    own_area: re.Pattern[str]
    time_only: re.Pattern[str]
    time_lead: re.Pattern[str]
    action_lead: re.Pattern[str]
    subject_lead: re.Pattern[str]
    subject_reach: int
    qualified_own: re.Pattern[str]
    target_cue: re.Pattern[str]
    target_lead: re.Pattern[str]
    subarea: re.Pattern[str]


_NUMBER = re.compile(NUMBER)

_COMPILED: dict[tuple[int, Hashable], tuple[Codebook, object]] = {}


def compiled(codebook: Codebook, key: Hashable, build):
    """``build(codebook)``, computed once per codebook and ``key`` (patterns compiled from it)."""
    held = _COMPILED.get((id(codebook), key))
    if held is None or held[0] is not codebook:
        held = _COMPILED[(id(codebook), key)] = (codebook, build(codebook))
    return held[1]


def _compile(codebook: Codebook) -> Cues:
    raw = {name: entry.get("pattern", entry.get("value"))
           for name, entry in (codebook.raw.get("features") or {}).items()}

    def pattern(name: str) -> re.Pattern[str]:
        return re.compile(raw[name])

    return Cues(
        comparison_year=pattern("comparison_before_year"),
        comparison_opening=pattern("comparison_opening"),
        deadline_before_year=pattern("deadline_before_year"),
        deadline_after_year=pattern("deadline_after_year"),
        qualifier_after_year=pattern("qualifier_after_year"),
        change_before_value=pattern("change_before_value"),
        modality=pattern("modality"),
        deadline=pattern("deadline"),
        governs_not=pattern("governs_not"),
        done_before_deadline=pattern("done_before_deadline"),
        negation_before_value=pattern("negation_before_value"),
        negation_after_value=pattern("negation_after_value"),
        predicate_after_value=pattern("predicate_after_value"),
        talk_after_value=pattern("talk_after_value"),
        bound_before_value=pattern("bound_before_value"),
        bound_after_value=pattern("bound_after_value"),
        lead_own_value=pattern("lead_own_value"),
        enumeration=pattern("enumeration"),
        single_month=pattern("single_month"),
        own_area=pattern("own_area"),
        time_only=pattern("time_only"),
        time_lead=re.compile("(?:" + raw["time_only"] + r")\s*,?"),
        action_lead=pattern("action_lead"),
        subject_lead=re.compile(
            "^(?:(?:"
            + "|".join(raw[k] for k in ("time_only", "source_lead", "count_lead"))
            + r")\s*,?\s*)+"
        ),
        subject_reach=int(raw["subject_reach"]),
        qualified_own=pattern("qualified_own"),
        target_cue=codebook.cue("target_cue"),
        target_lead=codebook.cue("target_lead"),
        subarea=codebook.cue("subarea_cue"),
    )


def cues(codebook: Codebook) -> Cues:
    """The feature cues of ``codebook`` (compiled once per codebook)."""
    return compiled(codebook, "cues", _compile)


def guards_for(codebook: Codebook, family: str, variable: str) -> tuple[str, ...]:
    """The features that block a candidate of ``variable`` (``family``: mentions or counts):
    the variable's own list under ``guards`` if declared, else the family's default."""
    guards = codebook.raw.get("guards") or {}
    own = (guards.get("variables") or {}).get(variable)
    return tuple(own if own is not None else guards.get(family, ()))


# -- years --------------------------------------------------------------------------------


def year_role(text: str, start: int, end: int, codebook: Codebook) -> str:
    """Role of the year written at ``text[start:end]`` (e.g. '2020年'): ``period``,
    ``comparison_base``, ``deadline`` or ``qualifier``."""
    c = cues(codebook)
    before = text[max(0, start - 4) : start]
    after = text[end : end + 12]
    if c.comparison_year.search(before):
        return "comparison_base"
    if c.deadline_before_year.search(before) or c.deadline_after_year.match(after):
        return "deadline"
    if c.qualifier_after_year.match(after):
        return "qualifier"
    return "period"


def comparison_opening(text: str, start: int, end: int, codebook: Codebook) -> re.Match[str] | None:
    """The last comparison base in ``text[start:end]`` standing as a clause of its own
    (与2021年相比, 同上年相比): the base of a change written later in the sentence. Its group
    ``base`` holds the year; None for 上年/去年, the previous year."""
    found = list(cues(codebook).comparison_opening.finditer(text, start, end))
    return found[-1] if found else None


# -- value candidates ---------------------------------------------------------------------


def _governs(
    prefix: str, cue: re.Pattern[str], c: Cues, done_before: re.Pattern[str] | None = None
) -> bool:
    """A cue in ``prefix`` (the clause before the number) that still governs the number:
    no 已 and no noun-qualifying 的 after the last occurrence of the cue, nor ``done_before``
    right before it (a deadline met: 已于2022年底前完成N项)."""
    found = list(cue.finditer(prefix))
    last = found[-1] if found else None
    return (
        last is not None
        and not c.governs_not.search(prefix, last.end())
        and not (done_before is not None and done_before.search(prefix, 0, last.start()))
    )


def _predicate(text: str, value_start: int, c: Cues) -> str | None:
    """The words between the number at ``value_start`` and its completion verb in its clause
    (已有6项|计划年底前|完成: 项计划年底前); None when no completion verb follows in the clause."""
    number = _NUMBER.match(text, value_start)
    found = c.predicate_after_value.match(text, number.end() if number else value_start)
    return found.group() if found else None


def _governs_after(text: str, value_start: int, cue: re.Pattern[str], c: Cues) -> bool:
    """A cue between the number and its completion verb (已有6项计划年底前完成), with no
    governs_not there (其中12项已于年底前完成 is what was done)."""
    predicate = _predicate(text, value_start, c)
    return (
        predicate is not None
        and cue.search(predicate) is not None
        and not c.governs_not.search(predicate)
    )


def _leads(text: str, start: int, end: int, c: Cues) -> bool:
    """A target lead in ``text[start:end]`` that governs what follows it: not one stating
    its own value (目标为85.0%,全市优良天数比例实际达到88.3%)."""
    return any(
        not c.lead_own_value.match(text, m.end())
        for m in c.target_lead.finditer(text, start, end)
    )


def _parallel_target(text: str, value_start: int, clause: Span, segment: Span, c: Cues) -> bool:
    """A value bounded after it (达到90%以上, 控制在35微克/立方米以内) in a segment whose earlier
    clause states a target: one of a run of parallel targets (PM2.5浓度控制在32微克/立方米以内,
    优良天数比例达到83%以上)."""
    number = _NUMBER.match(text, value_start)
    if number is None or not c.bound_after_value.match(text, number.end(), clause.end):
        return False
    return clause.start > segment.start and bool(
        c.target_cue.search(text, segment.start, clause.start)
        or c.target_lead.search(text, segment.start, clause.start)
    )


def is_target(text: str, value_start: int, c: Cues) -> bool:
    """A target: a target cue in the value's clause before it, a target lead opening its
    segment or sentence (到2023年,…;国考断面水质优良比例达到85.7%以上), or a bounded value
    after a target in its segment (``_parallel_target``)."""
    clause = clause_around(text, value_start)
    if c.target_cue.search(text, clause.start, value_start):
        return True
    segment = segment_around(text, value_start)
    if _leads(text, segment.start, value_start, c):
        return True
    if _parallel_target(text, value_start, clause, segment, c):
        return True
    sentence = sentence_around(text, value_start)
    opening = (
        sentence.start
        + len(text[sentence.start : sentence.end])
        - len(text[sentence.start : sentence.end].lstrip())
    )
    return bool(c.target_lead.match(text, opening, value_start))


def value_features(
    text: str, value_start: int, codebook: Codebook, match_start: int | None = None
) -> set[str]:
    """The features (``FEATURES``, scope excepted) that hold for the number at
    ``value_start``; ``match_start`` is where its rule match begins (for ``enumerated``)."""
    c = cues(codebook)
    prefix = text[clause_around(text, value_start).start : value_start]
    return {f for f in FEATURES if _holds(f, text, value_start, prefix, c, match_start)}


def _holds(
    feature: str, text: str, value_start: int, prefix: str, c: Cues, match_start: int | None
) -> bool:
    """Whether ``feature`` holds for the number at ``value_start`` (``prefix``: its clause up
    to it); False for the scope features, which are not read from the value's words."""
    if feature == "comparison_base":
        return c.change_before_value.search(prefix) is not None
    if feature == "target":
        return is_target(text, value_start, c)
    if feature == "modality":
        return _governs(prefix, c.modality, c) or _governs_after(text, value_start, c.modality, c)
    if feature == "deadline":
        return _governs(prefix, c.deadline, c, c.done_before_deadline) or _governs_after(
            text, value_start, c.deadline, c
        )
    if feature == "negation":
        return c.negation_before_value.search(prefix) is not None
    if feature == "negation_after":
        predicate = _predicate(text, value_start, c)
        return predicate is not None and c.negation_after_value.search(predicate) is not None
    if feature == "talk_after":
        number = _NUMBER.match(text, value_start)
        return c.talk_after_value.match(text, number.end() if number else value_start) is not None
    if feature == "bound":
        return c.bound_before_value.search(prefix) is not None
    if feature == "enumerated":
        return match_start is not None and (
            c.enumeration.search(text, match_start, value_start) is not None
        )
    return False


def monthly(text: str, start: int, end: int, codebook: Codebook) -> bool:
    """A single month written in ``text[start:end]`` (between a value's period, or the start
    of its segment, and the value): the value is a month's figure."""
    return cues(codebook).single_month.search(text, start, end) is not None


def blocking(features: set[str], guards: tuple[str, ...]) -> str | None:
    """The first guard among ``guards`` that ``features`` trip, else None."""
    return next((g for g in guards if g in features), None)


def value_offset(match: re.Match[str]) -> int:
    """Offset in the match's string of its first number (groups ``value*`` or ``total``)."""
    starts = [
        match.start(name)
        for name, raw in match.groupdict().items()
        if raw is not None and (name.startswith("value") or name == "total")
    ]
    return min(starts) if starts else match.start()


def first_guard(
    text: str,
    value_start: int,
    codebook: Codebook,
    guards: tuple[str, ...],
    match_start: int | None = None,
    where: Callable[[], str | None] | None = None,
) -> str | None:
    """The first of ``guards`` that holds for the number at ``value_start``, tested in order
    and no further (the same as ``blocking(value_features(...) | {where()}, guards)``);
    ``where`` gives the value's scope feature (subarea, wider_area or None) when asked."""
    if not guards:
        return None
    c = cues(codebook)
    prefix = text[clause_around(text, value_start).start : value_start]
    scope_found: list[str | None] = []
    for guard in guards:
        if guard in _SCOPE_FEATURES:
            if where is None:
                continue
            if not scope_found:
                scope_found.append(where())
            if scope_found[0] == guard:
                return guard
        elif _holds(guard, text, value_start, prefix, c, match_start):
            return guard
    return None


def guard_count(text: str, value_start: int, codebook: Codebook, variable: str) -> str | None:
    """The guard that blocks a count candidate (a record variable) at ``value_start``."""
    guards = compiled(
        codebook, ("count guards", variable), lambda cb: guards_for(cb, "counts", variable)
    )
    return first_guard(text, value_start, codebook, guards)


# -- scope --------------------------------------------------------------------------------


def openings(text: str, value_start: int, paragraph: Span, c: Cues) -> list[str]:
    """Subject positions governing the value, nearest first: the value's clause up to it,
    then the opening of its segment, of the earlier segments of its sentence and of the
    earlier sentences of its paragraph. An opening is the first clause of a segment, with
    the next one when the first is only a time (2021年, 今年以来); a segment opening with its
    own time starts a new statement, so nothing before it governs the value."""
    out = [text[clause_around(text, value_start).start : value_start]]
    cursor = value_start
    while cursor > paragraph.start:
        segment = segment_around(text, cursor)
        first = clause_around(text, segment.start)
        opening = text[first.start : min(first.end, value_start)]
        timed = bool(c.time_only.fullmatch(opening.strip()))
        if timed and first.end < segment.end:
            nxt = clause_around(text, first.end + 1)
            opening = text[first.start : min(nxt.end, value_start)]
        out.append(opening)
        if timed or c.time_lead.match(opening.strip()):
            break
        cursor = segment.start - 1
    return out


_OWN = "\u25a1"  # stands for the jurisdiction's own name while scopes are looked for


def _mask(opening: str, own_name: str) -> str:
    return opening.replace(own_name, _OWN * len(own_name)) if own_name else opening


def _first_marker(
    opening: str, c: Cues, other_area: re.Pattern[str] | None, other_place, own_name: str
) -> str | None:
    """The scope named first in ``opening``, when it stands where a subject does (within
    ``subject_reach`` characters of its start): ``subarea``, ``wider_area``, ``own`` or None.
    The jurisdiction qualified by a sub-area right after it (柳州市中心城区, 全省黄河流域) is
    that sub-area."""
    opening = _mask(opening, own_name)
    found = []
    sub = c.subarea.search(opening)
    for kind, pattern in (("subarea", c.subarea), ("wider_area", other_area)):
        m = pattern.search(opening) if pattern is not None else None
        if m:
            found.append((m.start(), kind))
    owns = [(m.start(), m.end()) for m in c.own_area.finditer(opening)]
    if _OWN in opening:
        own = opening.index(_OWN)
        owns.append((own, own + len(own_name)))
    for start, end in owns:
        qualified = (
            sub is not None
            and c.qualified_own.fullmatch(opening, end, sub.start()) is not None
            and c.action_lead.match(opening, end) is None  # 全省实施赣江流域… names an object
        )
        found.append((start, "subarea" if qualified else "own"))
    place = other_place(opening)
    if place is not None:
        found.append((place, "subarea"))
    if not found:
        return None
    offset, kind = min(found)
    return kind if offset <= c.subject_reach else None


def scope(
    text: str,
    value_start: int,
    paragraph: Span,
    codebook: Codebook,
    other_area: re.Pattern[str] | None,
    other_place,
    own_name: str = "",
) -> str | None:
    """``subarea`` or ``wider_area`` when the subject governing the value is a sub-area,
    another place or a wider area; None when it is the jurisdiction itself (全省, 我市, its
    name) or no subject is named. In the value's own clause any such word counts; in an
    earlier opening only the subject, named first and not after an action verb (实施…,
    开展…). ``other_area`` matches wider-area words; ``other_place(str)`` gives the offset of
    another place named in a stretch, or None."""
    c = cues(codebook)
    nearest, *earlier = openings(text, value_start, paragraph, c)
    masked = _mask(nearest, own_name)
    if c.subarea.search(masked) or other_place(masked) is not None:
        return "subarea"
    if other_area is not None and other_area.search(masked):
        return "wider_area"
    if c.own_area.search(masked) or _OWN in masked:
        return None
    for opening in earlier:
        subject = c.subject_lead.sub("", opening.strip(), count=1)
        if c.action_lead.match(subject):
            continue
        kind = _first_marker(subject, c, other_area, other_place, own_name)
        if kind == "own":
            return None
        if kind is not None:
            return kind
    return None
