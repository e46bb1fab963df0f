"""Which jurisdiction a text speaks for: its place mentions scored by their role.

Every place named in the title and body gets one role (the codebook's ``procedural_rules``
deciding ``jurisdiction`` hold the roles and their weights): the title, the issuer of a
signature or publisher line, the addressee of 向X交办 / 对X开展督察, a government body
(X市委, X省生态环境厅), or a plain mention. Some roles never make the speaker (weight 0):
the inspecting team's home (X省第N督察组), a parent written before its child (X市Y区), a
place in a breakdown list (A区N件、B县M件), a news site, newspaper or dateline city, a
navigation menu. A self-reference (我市, 本省, 全区) restricts the choice to places whose
name ends in that character; when no such place is named, it resolves to the common
province or prefecture of the places that are named (我省 + 哈尔滨, 大庆 → 黑龙江省).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from analysis import gazetteer
from analysis.codebook import Codebook
from analysis.coding import literal
from analysis.coding.evidence import Evidence, cite
from analysis.coding.text import (
    PerText,
    Span,
    clause_around,
    paragraphs,
    segment_around,
    sentence_around,
)

#: A line naming at least this many places and (almost) nothing else is a menu.
MENU_MIN_PLACES = 3
MENU_MAX_RESIDUE = 3
#: A signature or publisher line is short.
ISSUER_MAX_CHARS = 40
#: How far before a place its addressee or breakdown cue may start.
CUE_REACH = 4
#: Places in one sentence's breakdown that make it a list (never the speaker).
LIST_MIN_PLACES = 2
#: Roles of page chrome and datelines, used only when no place is named in a speaking role.
CHROME_ROLES = ("jurisdiction.media", "jurisdiction.menu", "jurisdiction.dateline")
#: The roles a place mention can take, tried in order: (role, codebook cue matched right
#: after the place, cue searched right before it). The title role is the mention's position.
ROLE_CUES = (
    ("jurisdiction.media", "jur_media_after", None),
    ("jurisdiction.dateline", "jur_dateline_after", "jur_dateline_before"),
    ("jurisdiction.inspector", "inspector_after_place", None),
    ("jurisdiction.title", None, None),
    ("jurisdiction.addressee", None, "jur_addressee_before"),
    ("jurisdiction.breakdown", "jur_breakdown_after", "jur_breakdown_before"),
    ("jurisdiction.organ", "jur_organ_after", None),
)
#: Picks one place among the candidates of an ambiguous name (`segment.choose`).
Chooser = Callable[[tuple[gazetteer.Place, ...]], gazetteer.Place]
_SEPARATOR_CHARS = r"\s、,|·•/()《》【】\[\]>»›→\-"
_SEPARATORS = re.compile(f"[{_SEPARATOR_CHARS}]+")


class RoleMention(NamedTuple):
    """One place named in the text, with the role that decides its weight."""

    place: gazetteer.Place
    start: int
    end: int
    role: str


#: The codebook whose role weights were read last, with them (read once per codebook, not
#: per document; the codebook is held so that no other object can take its place).
_LAST_WEIGHTS: tuple[Codebook | None, dict[str, float]] = (None, {})


def _weights(codebook: Codebook) -> dict[str, float]:
    """Role id → weight, from the procedural rules that decide the jurisdiction."""
    global _LAST_WEIGHTS
    held, weights = _LAST_WEIGHTS
    if held is not codebook:
        weights = _read_weights(codebook)
        _LAST_WEIGHTS = (codebook, weights)
    return weights


def _read_weights(codebook: Codebook) -> dict[str, float]:
    return {
        entry["id"]: float(entry.get("weight", 0))
        for entry in codebook.raw.get("procedural_rules") or []
        if "jurisdiction" in _variables(entry)
    }


def _variables(entry: dict) -> list[str]:
    variable = entry.get("variable")
    return list(variable) if isinstance(variable, list) else [variable]


def _cue(codebook: Codebook, name: str) -> re.Pattern[str]:
    return codebook.document[name]


#: The place names of the last documents' texts, apart from other per-text values so that
#: values of passages and stretches never push a document's out.
_PLACE_INDEXES = PerText(size=2)


def place_index(text: str) -> gazetteer.PlaceIndex:
    """The place names of a document's text (`gazetteer.PlaceIndex`), kept per text."""
    return _PLACE_INDEXES.get(text, "place_index", lambda: gazetteer.PlaceIndex(text))


def overlapping(lines: list[Span], start: int, end: int) -> list[Span]:
    """The lines (in order, disjoint) that overlap ``[start, end)``, found by bisection."""
    first = bisect_right(lines, start, key=lambda line: line.end)
    return lines[first : bisect_left(lines, end, first, key=lambda line: line.start)]


def starting_within(lines: list[Span], start: int, end: int) -> list[Span]:
    """The lines (in order) that start in ``[start, end)``, found by bisection."""
    first = bisect_left(lines, start, key=lambda line: line.start)
    return lines[first : bisect_left(lines, end, first, key=lambda line: line.start)]


def _menu_lines(text: str, start: int, end: int, codebook: Codebook) -> list[Span]:
    """Lines that are only place names (a navigation menu, a breadcrumb, a table cell of
    names); the words of a menu (`document.jur_menu_words`: 首页, 当前位置) do not count."""
    words = codebook.document.get("jur_menu_words")
    kept = _kept_chars(words)
    found = []
    index = place_index(text)
    lines = overlapping(paragraphs(text), start, end)
    for line, places in zip(lines, index.within_each(lines), strict=True):
        if not places:
            continue
        # The text between the names (and before the first, after the last).
        gaps = list(
            zip(
                [line.start] + [m.end for m in places],
                [m.start for m in places] + [line.end],
                strict=True,
            )
        )
        if kept is not None and _holds_more(text, gaps, kept, MENU_MAX_RESIDUE):
            continue  # a line of text naming places, the common case: no residue built
        residue = "".join(text[a:b] for a, b in gaps)
        residue = _SEPARATORS.sub("", words.sub("", residue) if words else residue)
        if len(residue) <= MENU_MAX_RESIDUE and (len(places) >= MENU_MIN_PLACES or not residue):
            found.append(line)
    return found


@lru_cache(maxsize=8)
def _kept_chars(words: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """A character that stays in a line's residue (neither a separator nor in a menu word);
    None when the menu words are not a list of fixed strings."""
    fixed = literal.words(words) if words is not None else ()
    if fixed is None:
        return None
    chars = "".join(sorted({re.escape(c) for word in fixed for c in word}))
    return re.compile(rf"[^{_SEPARATOR_CHARS}{chars}]")


def _holds_more(text: str, gaps: list[tuple[int, int]], kept: re.Pattern[str], limit: int) -> bool:
    """True when the stretches ``gaps`` of ``text`` hold more than ``limit`` characters
    matched by ``kept``."""
    n = 0
    for a, b in gaps:
        found = kept.search(text, a, b)
        while found is not None:
            n += 1
            if n > limit:
                return True
            found = kept.search(text, found.end(), b)
    return False


def _issuer_lines(text: str, start: int, end: int, codebook: Codebook) -> list[Span]:
    """Short lines naming the issuing body: a signature or a publisher line."""
    cue = _cue(codebook, "jur_issuer_line")
    return [
        line
        for line in starting_within(paragraphs(text), start, end)
        if len(line.text(text).strip()) <= ISSUER_MAX_CHARS
        and "。" not in line.text(text)
        and cue.search(line.text(text))
    ]


def _inside(child: gazetteer.Place, parent: gazetteer.Place) -> bool:
    return parent.name in (child.parent, child.prefecture) and child.name != parent.name


def _role_cues(
    codebook: Codebook,
) -> list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]]:
    """`ROLE_CUES` with the codebook's patterns in place of their names."""
    return [
        (role, after and _cue(codebook, after), before and _cue(codebook, before))
        for role, after, before in ROLE_CUES
    ]


def _role(
    text: str,
    match: gazetteer.PlaceMatch,
    title: Span | None,
    cues: list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]],
) -> str:
    after = text[match.end : match.end + 40]
    before = text[max(0, match.start - CUE_REACH) : match.start]
    for role, after_cue, before_cue in cues:
        if role == "jurisdiction.title":
            if title is not None and match.start in title:
                return role
        elif (after_cue and after_cue.match(after)) or (before_cue and before_cue.search(before)):
            return role
    return "jurisdiction.mention"


def role_mentions(
    text: str,
    title: Span | None,
    start: int,
    end: int,
    codebook: Codebook,
    choose: Chooser,
) -> list[RoleMention]:
    """Every place named in the title and in ``text[start:end]``, with its role."""
    spans = ([title] if title is not None and title.start < start else []) + [Span(start, end)]
    menus = _menu_lines(text, start, end, codebook)
    issuers = _issuer_lines(text, start, end, codebook)
    out: list[RoleMention] = []
    index = place_index(text)
    cues = []  # the codebook's role cues, looked up at the first mention that needs them
    for span in spans:
        matches = index.within(span.start, span.end)
        chosen = [choose(m.candidates) for m in matches]
        for i, (match, place) in enumerate(zip(matches, chosen, strict=True)):
            if any(match.start in line for line in menus):
                role = "jurisdiction.menu"
            elif (
                i + 1 < len(matches)
                and matches[i + 1].start - match.end <= 1
                and any(_inside(c, place) for c in matches[i + 1].candidates)
            ):
                role = "jurisdiction.chain"
            else:
                cues = cues or _role_cues(codebook)
                role = _role(text, match, title, cues)
                line = next((s for s in issuers if match.start in s), None)
                if line is not None and role in ("jurisdiction.organ", "jurisdiction.mention"):
                    later = [n for n in matches[i + 1 :] if n.start < line.end]
                    inner = any(_inside(c, place) for n in later for c in n.candidates)
                    role = "jurisdiction.chain" if inner else "jurisdiction.issuer"
            out.append(RoleMention(place, match.start, match.end, role))
        out += _abbreviations(text, span, codebook)
    return _lists_to_breakdown(text, sorted(out, key=lambda m: m.start))


def _abbreviations(text: str, span: Span, codebook: Codebook) -> list[RoleMention]:
    """A province named by its one-character abbreviation in a set phrase (来陕考察)."""
    before, after = (
        _cue(codebook, "jur_abbreviation_before"),
        _cue(codebook, "jur_abbreviation_after"),
    )
    table = gazetteer.province_abbreviations()
    found = []
    for char in _abbreviation_chars().finditer(text, span.start + 1, span.end):
        i = char.start()
        place = table[char[0]]
        if before.search(text, max(0, i - CUE_REACH), i) and after.match(text, i + 1):
            found.append(RoleMention(place, i, i + 1, "jurisdiction.abbreviation"))
    return found


@lru_cache(maxsize=1)
def _abbreviation_chars() -> re.Pattern[str]:
    """Any one of the provinces' one-character abbreviations."""
    chars = [a for a in gazetteer.province_abbreviations() if len(a) == 1]
    return re.compile("[" + "".join(map(re.escape, chars)) + "]")


def _lists_to_breakdown(text: str, mentions: list[RoleMention]) -> list[RoleMention]:
    """A breakdown naming one place stays a mention; two or more in a sentence are a list."""
    by_sentence: Counter[Span] = Counter()
    for m in mentions:
        if m.role == "jurisdiction.breakdown":
            by_sentence[sentence_around(text, m.start)] += 1
    out = []
    for m in mentions:
        if m.role == "jurisdiction.breakdown" and (
            by_sentence[sentence_around(text, m.start)] < LIST_MIN_PLACES
        ):
            m = RoleMention(m.place, m.start, m.end, "jurisdiction.mention")
        out.append(m)
    return out


def _references(
    text: str, spans: list[Span], codebook: Codebook, name: str
) -> tuple[Counter[str], dict[str, re.Match[str]]]:
    """Occurrences of a self-reference pattern by suffix, and the first of each."""
    count: Counter[str] = Counter()
    first: dict[str, re.Match[str]] = {}
    for span in spans:
        for match in _cue(codebook, name).finditer(text, span.start, span.end):
            count[match["suffix"]] += 1
            first.setdefault(match["suffix"], match)
    return count, first


def speaker(
    text: str,
    title: Span | None,
    start: int,
    end: int,
    codebook: Codebook,
    choose: Chooser,
) -> tuple[gazetteer.Place, Evidence] | None:
    """The jurisdiction the text speaks for, with the mention that decided it."""
    weights = _weights(codebook)
    mentions = role_mentions(text, title, start, end, codebook, choose)
    spans = ([title] if title is not None and title.start < start else []) + [Span(start, end)]
    score: Counter[str] = Counter()
    places: dict[str, gazetteer.Place] = {}
    best: dict[str, RoleMention] = {}
    for m in mentions:
        weight = weights.get(m.role, 0)
        if weight <= 0:
            continue
        score[m.place.code] += weight
        places[m.place.code] = m.place
        held = best.get(m.place.code)
        if held is None or weights.get(held.role, 0) < weight:
            best[m.place.code] = m

    wide, _ = _references(text, spans, codebook, "jur_wide_reference")
    for code in score:
        for suffix, n in wide.items():
            if places[code].name.endswith(suffix):
                score[code] += n * weights.get("jurisdiction.wide_reference", 0)
    refs, first_ref = _references(text, spans, codebook, "jur_self_reference")
    suffixes = {s for s, n in refs.items() if n == max(refs.values(), default=0)}
    pool = list(score)
    if suffixes:
        fitting = [code for code in pool if places[code].name.endswith(tuple(suffixes))]
        if fitting:
            pool = fitting
        elif (implied := _implied(mentions, suffixes, choose)) is not None:
            suffix = next(s for s in suffixes if implied.name.endswith(s))
            ref = first_ref[suffix]
            evidence = cite(
                text,
                "jurisdiction",
                implied.name,
                ref.start(),
                ref.end(),
                "jurisdiction.implied",
            )
            return implied, evidence
    if not pool:
        return _from_chrome(text, mentions, suffixes)
    order = {m.place.code: i for i, m in reversed(list(enumerate(mentions)))}
    code = max(pool, key=lambda c: (score[c], -order[c]))
    decisive = best[code]
    evidence = cite(
        text, "jurisdiction", places[code].name, decisive.start, decisive.end, decisive.role
    )
    return places[code], evidence


def _implied(
    mentions: list[RoleMention], suffixes: set[str], choose: Chooser
) -> gazetteer.Place | None:
    """The province or prefecture holding most of the places named, when its name ends in
    one of ``suffixes`` (我省 with only cities named)."""
    support: Counter[str] = Counter()
    for m in mentions:
        if m.role in ("jurisdiction.inspector", "jurisdiction.media"):
            continue
        for name in {m.place.parent, m.place.prefecture} - {""}:
            if name.endswith(tuple(suffixes)):
                support[name] += 1
    for name, _ in support.most_common():
        found = gazetteer.lookup(name)
        if found:
            return choose(tuple(found))
    return None


def _from_chrome(
    text: str, mentions: list[RoleMention], suffixes: set[str]
) -> tuple[gazetteer.Place, Evidence] | None:
    """Last resort when the text names no place in a speaking role: the place most often
    named by the page's chrome (the site's newspaper, its menu), preferring one that fits
    the self-reference."""
    chrome = [m for m in mentions if m.role in CHROME_ROLES]
    fitting = [m for m in chrome if m.place.name.endswith(tuple(suffixes))] if suffixes else []
    chrome = fitting or chrome
    if not chrome:
        return None
    counts = Counter(m.place.code for m in chrome)
    top = max(chrome, key=lambda m: (counts[m.place.code], -m.start))
    first = next(m for m in chrome if m.place.code == top.place.code)
    return first.place, cite(
        text, "jurisdiction", first.place.name, first.start, first.end, first.role
    )


def stated_for(
    text: str,
    offset: int,
    place: gazetteer.Place,
    codebook: Codebook,
    parties: list[tuple[int, int, int, bool]] | None = None,
) -> bool | None:
    """Whether the count at ``offset`` is stated for ``place``: the nearest party named before
    it in its segment decides (`count_parties`; ``parties``: those of its segment, found
    before). None when no party is named there."""
    if parties is None:
        parties = count_parties(text, segment_around(text, offset), place, codebook)
    before = [own for _, end, reach, own in parties if end <= offset < reach]
    return before[-1] if before else None


def count_parties(
    text: str, segment: Span, place: gazetteer.Place, codebook: Codebook
) -> list[tuple[int, int, int, bool]]:
    """The parties a count in ``segment`` may be stated for, in order — start, end, how far
    they reach, whether each is ``place``: a self-reference (我县; 我省 in a county's or a
    city's page is its province), the addressee of a hand-over or feedback (累计向宜春市交办…),
    a place opening its clause (永州市共认领…问题86个); the last of a chain (向宜春市铜鼓县交办)
    stands for it. Each reaches to the segment's end, an item of a breakdown (其中榆次区103件、
    太谷区77件,已办结613件) only to its clause's. The inspecting team's home (X省第N督察组) is
    none."""
    parties: list[tuple[int, int, int, bool]] = []
    for ref in codebook.document["jur_self_reference"].finditer(text, *segment):
        # only 我省 names another place for certain (a county's or a city's province)
        own = ref["suffix"] != "省" or place.level == "province"
        parties.append((ref.start(), ref.end(), segment.end, own))
    breakdown_before = codebook.document["jur_breakdown_before"]
    breakdown_after = codebook.document["jur_breakdown_after"]
    addressee = codebook.document["count_party_before"]
    inspector = codebook.document.get("inspector_after_place")
    matches = place_index(text).within(*segment)
    if all(place in m.candidates for m in matches) and all(own for *_, own in parties):
        return []  # only the place itself is named: no count here is another's
    for i, match in enumerate(matches):
        if i + 1 < len(matches) and matches[i + 1].start - match.end <= 1:
            continue  # a parent written before its child: the child stands for the chain
        first = match
        for earlier in reversed(matches[:i]):
            if first.start - earlier.end > 1:
                break
            first = earlier
        if inspector is not None and inspector.match(text, match.end):
            continue
        clause = clause_around(text, first.start)
        opens = _OPENING.fullmatch(text, clause.start, first.start)
        if not (opens or addressee.search(text, max(0, first.start - CUE_REACH), first.start)):
            continue
        own = any(c.code == place.code or c.name == place.name for c in match.candidates)
        item = breakdown_after.match(text, match.end) or breakdown_before.search(
            text, max(0, first.start - CUE_REACH), first.start
        )
        parties.append((match.start, match.end, clause.end if item else segment.end, own))
    return sorted(parties)


#: Words that may stand before a place opening its clause (截至6月底,永州市…; 目前永州市…).
_OPENING = re.compile(r"\s*(?:(?:截至|截止|至|到)[^,,]{0,12}?|目前|同时|此外|其中)?\s*")
