"""A page addressed to a named group of jurisdictions (长宁、青浦两区; A市、B市和C市三市).

The group is a list of places of one level joined by 、/和/与/及 and followed by its count
(两区, 三县). Each member gets its own record with the sentences that name only it; a
sentence naming several members is cut at each member's name, and each piece goes to the
member that opens it (其中,A区的N件…;B区的M件…). The list naming the group is shared
context; sentences naming no member (the group's own totals: 两区共…) belong to no record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis import gazetteer
from analysis.codebook import Codebook
from analysis.coding.evidence import Evidence, cite
from analysis.coding.jurisdiction import Chooser, place_index
from analysis.coding.numbers import parse_number
from analysis.coding.text import Span, sentences

#: How far before the group its addressee cue (向, 对) may start.
GROUP_CUE_REACH = 14
RULE = "jurisdiction.group"
_JOINERS = re.compile(r"\s*[、和与及]\s*")


@dataclass(frozen=True)
class Member:
    """One jurisdiction of the group, with its passages and the name that made it one."""

    place: gazetteer.Place
    passages: list[Span]
    evidence: Evidence


def _group(text: str, start: int, end: int, codebook: Codebook, choose: Chooser) -> list[tuple]:
    """The first listed group with its count: [(place, match offset)] of its members."""
    count_cue = codebook.document["group_count_after"]
    addressed = codebook.document["group_addressee_before"]
    matches = place_index(text).within(start, end, county_aliases=True)
    i = 0
    while i < len(matches):
        run = [matches[i]]
        while i + 1 < len(matches) and _JOINERS.fullmatch(
            text[matches[i].end : matches[i + 1].start]
        ):
            i += 1
            run.append(matches[i])
        i += 1
        if len(run) < 2:
            continue
        count = count_cue.match(text, run[-1].end)
        if count is None or parse_number(count["n"]) != len(run):
            continue
        first = run[0].start
        if not addressed.search(text, max(start, first - GROUP_CUE_REACH), first):
            continue
        places = [choose(m.candidates) for m in run]
        if len({p.level for p in places}) == 1 and len({p.code for p in places}) == len(run):
            return [(p, m.start, m.end) for p, m in zip(places, run, strict=True)]
    return []


@dataclass(frozen=True)
class Group:
    members: list[Member]
    shared: list[Span]  # sentences or their parts naming the group as a whole


def split_group(
    text: str, title: Span | None, start: int, end: int, codebook: Codebook, choose: Chooser
) -> Group | None:
    """The members of a group the page is addressed to; None when it names no such group."""
    members: list[tuple] = []
    for span in ([title] if title else []) + [Span(start, end)]:
        members = _group(text, span.start, span.end, codebook, choose)
        if members:
            break
    if not members:
        return None
    codes = {p.code: k for k, (p, _, _) in enumerate(members)}
    passages: list[list[Span]] = [[] for _ in members]
    shared: list[Span] = []
    for sentence in sentences(text, start, end):
        named = _named(text, sentence, codes, choose)
        if named is None:
            continue
        owners = {k for _, k in named}
        if not owners:  # the group's list itself
            shared.append(sentence)
            continue
        if len(owners) == 1:
            passages[owners.pop()].append(sentence)
            continue
        cuts = [(s, k) for n, (s, k) in enumerate(named) if n == 0 or named[n - 1][1] != k]
        if cuts[0][0] > sentence.start:
            shared.append(Span(sentence.start, cuts[0][0]))
        for n, (cut, k) in enumerate(cuts):
            stop = cuts[n + 1][0] if n + 1 < len(cuts) else sentence.end
            passages[k].append(Span(cut, stop))
    return Group(
        [
            Member(place, passages[k], cite(text, "jurisdiction", place.name, s, e, RULE))
            for k, (place, s, e) in enumerate(members)
        ],
        shared,
    )


def _named(
    text: str, sentence: Span, codes: dict[str, int], choose: Chooser
) -> list[tuple[int, int]] | None:
    """(offset, member) of each member named in the sentence as a clause's subject: names
    inside a list (A区、B区) are left out. None when the sentence names no member."""
    found = [
        (m.start, m.end, codes[place.code])
        for m in place_index(text).within(*sentence, county_aliases=True)
        if (place := choose(m.candidates)).code in codes
    ]
    listed = set()
    for (a_start, a_end, _), (b_start, _, _) in zip(found, found[1:], strict=False):
        if _JOINERS.fullmatch(text[a_end:b_start]):
            listed.update({a_start, b_start})
    if not found:
        return None
    return [(s, k) for s, _, k in found if s not in listed]
