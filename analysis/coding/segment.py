"""Splitting a document into records: one per jurisdiction it gives an account of.

A document about one jurisdiction is one record, for the place the text speaks for
(`jurisdiction.speaker`: place mentions scored by role). A joint page gives one record per
section: heading lines that open with a place under a group title (等8省, 有关市州,
``01山西省公开…``; a bare place line only where two or more open a section holding a
sentence), sections opening inline (X情况——…, 全省情况:…, 【X情况】…), or the sentences of
a joint release that open with each of the places it enumerates. A sentence outside the
sections that names exactly one of those jurisdictions (the summary paragraph) belongs to
its record, and a sentence naming several belongs to none. A page addressed to a named
group (对A区、B区两区) gives one record per member (`group`). Lead sentences above the title
are coded too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial

from analysis import gazetteer
from analysis.codebook import Codebook, default_codebook
from analysis.coding.evidence import Evidence, cite
from analysis.coding.group import split_group
from analysis.coding.jurisdiction import overlapping, place_index, speaker, starting_within
from analysis.coding.text import Span, paragraphs, sentences

HEADING_MAX_CHARS = 80
#: A line holding a place name alone, with its numbering (the longest names have 11 characters).
BARE_HEADING_MAX_CHARS = 24
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass
class RecordText:
    """The passages of a document that belong to one jurisdiction's record."""

    place: gazetteer.Place
    passages: list[Span]
    anchor: list[Span] = field(default_factory=list)  # title, heading, opening paragraph
    context: list[Span] = field(default_factory=list)  # shared text: title, joint preamble
    evidence: Evidence | None = None  # the mention that decided the jurisdiction


@dataclass(frozen=True)
class Segmentation:
    records: list[RecordText]


def _province_weights(text: str, end: int) -> Counter[str]:
    """How often each province, and each prefecture named unambiguously, is named before
    ``end``: context for choosing among same-named places."""
    weights: Counter[str] = Counter()
    index = place_index(text)
    for match in index.within(0, end, levels=("province",)):
        for place in match.candidates:
            weights[place.name] += 1
    for match in index.within(0, end, levels=("prefecture",)):
        if len(match.candidates) == 1:
            weights[match.candidates[0].name] += 1
    return weights


class ProvinceWeights(Mapping[str, int]):
    """`_province_weights`, counted at the first look-up: most names stand for one place and
    need none (a scan of the text for province names saved)."""

    def __init__(self, text: str, end: int) -> None:
        self._text, self._end = text, end
        self._counts: Counter[str] | None = None

    @property
    def counts(self) -> Counter[str]:
        if self._counts is None:
            self._counts = _province_weights(self._text, self._end)
        return self._counts

    def get(self, name: str, default: int | None = None) -> int | None:
        return self.counts.get(name, default)

    def __getitem__(self, name: str) -> int:
        return self.counts[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.counts)

    def __len__(self) -> int:
        return len(self.counts)


def choose(
    candidates: tuple[gazetteer.Place, ...], weights: Mapping[str, int]
) -> gazetteer.Place:
    """The most plausible of several places with one name: a county whose prefecture is
    named most often in the document (福州市鼓楼区, not Nanjing's), then the place whose
    province is, then the higher level."""
    if len(candidates) == 1:  # the weights are not looked at (nor counted)
        return candidates[0]
    return min(
        candidates,
        key=lambda p: (
            -weights.get(p.prefecture, 0) if p.level == "county" and p.prefecture else 0,
            -weights.get(p.name if p.level == "province" else p.parent, 0),
            LEVEL_RANK.get(p.level, 3),
            p.code,
        ),
    )


@dataclass(frozen=True)
class Section:
    """Where one jurisdiction's section of a joint page begins."""

    place: gazetteer.Place
    name: Span  # the place name that opens it
    heading: Span | None  # its heading line; None for a section starting inline
    body: int  # where its passages begin


def _headings(
    text: str, start: int, end: int, weights: Mapping[str, int], codebook: Codebook
) -> list[Section]:
    """Heading lines between ``start`` and ``end`` opening with a place: with a rectification
    word (`document.heading_words`) or the place alone (`document.heading_place_only`). Bare
    place lines count only where two or more of them each open a section holding a sentence."""
    words = codebook.document["heading_words"]
    alone = codebook.document["heading_place_only"]
    heading_lead = codebook.document["heading_lead"]
    inspector = codebook.document.get("inspector_after_place")
    signature = codebook.document.get("title_not_signature")
    found, bare = [], []
    index = place_index(text)
    openable = index.openable()  # a line opening elsewhere opens with no place
    lines = starting_within(paragraphs(text), start, end)
    for i, line in enumerate(lines):
        body = line.text(text)
        size = len(body.strip())
        if size > HEADING_MAX_CHARS:
            continue
        lead = heading_lead.match(body).end()
        if line.start + lead not in openable:
            continue
        matches = index.opening(line.start + lead, line.end)
        if not matches or matches[0].start != 0:
            continue
        worded = words.search(body) is not None
        if not (worded or size <= BARE_HEADING_MAX_CHARS):
            continue
        # The inspecting team's home (X省第三督察组向…) or a signature line (…迎检办) opens
        # no section.
        if (inspector is not None and inspector.match(body, lead + matches[0].end)) or (
            signature is not None and signature.search(body.strip())
        ):
            continue
        name = Span(line.start + lead, line.start + lead + matches[0].end)
        # A heading line holding a sentence (X市:截至…。) is the section's first passage.
        opens = line.start if _is_sentence(body) else line.end
        section = Section(choose(matches[0].candidates, weights), name, line, opens)
        if worded:
            found.append(section)
        elif alone.match(body, lead + matches[0].end):
            bare.append((i, section))
    opened = [s for _, s in _with_sentence(text, lines, bare)]
    return sorted(found + (opened if len(opened) >= 2 else []), key=lambda s: s.body)


def _with_sentence(
    text: str, lines: list[Span], bare: list[tuple[int, Section]]
) -> list[tuple[int, Section]]:
    """The bare place headings whose lines up to the next one hold a sentence."""
    out = []
    for k, (i, section) in enumerate(bare):
        stop = bare[k + 1][0] if k + 1 < len(bare) else len(lines)
        if any(_is_sentence(lines[j].text(text)) for j in range(i + 1, stop)):
            out.append((i, section))
    return out


def _is_sentence(body: str) -> bool:
    """A line holding a sentence, not a heading or a table cell."""
    return len(body) > HEADING_MAX_CHARS or "。" in body


def _sentence_openers(
    text: str, start: int, end: int, weights: Mapping[str, int], codebook: Codebook
) -> tuple[list[Section], list[Section], list[tuple[Span, str]]]:
    """Sentences opening with a place: with a section marker (X情况——…, X:…), and as the
    sentence's subject (X省积极推进…); and sections opened by a self-reference (全省情况——…)
    with its suffix."""
    marker = codebook.document["section_marker"]
    joined = codebook.document["section_not_subject"]
    self_marker = codebook.document["section_self_marker"]
    heading_lead = codebook.document["heading_lead"]
    marked, subjects, selves = [], [], []
    index = place_index(text)
    openable = index.openable()  # a sentence opening elsewhere opens with no place
    for sentence in sentences(text, start, end):
        body = sentence.text(text)
        lead = heading_lead.match(body).end()
        if own := self_marker.match(body, lead):
            selves.append(
                (Span(sentence.start + lead, sentence.start + own.end("ref")), own["suffix"])
            )
            # the next section may open after a semicolon (全区层面,…;乌海市层面,…)
            marked.extend(_after_semicolons(text, sentence, index, weights, marker))
            continue
        if sentence.start + lead not in openable:
            continue
        matches = index.opening(sentence.start + lead, sentence.end)
        if not matches or matches[0].start != 0:
            continue
        first = matches[0]
        name = Span(sentence.start + lead, sentence.start + lead + first.end)
        section = Section(choose(first.candidates, weights), name, None, sentence.start)
        rest = body[lead + first.end :]
        if marker.match(rest):
            marked.append(section)
            # a sentence opening a section may open the next after a semicolon
            marked.extend(_after_semicolons(text, sentence, index, weights, marker))
        elif not joined.match(rest) and not (len(matches) > 1 and matches[1].start == first.end):
            subjects.append(section)
    return marked, subjects, selves


def _after_semicolons(
    text: str,
    sentence: Span,
    index: gazetteer.PlaceIndex,
    weights: Mapping[str, int],
    marker: re.Pattern[str],
) -> list[Section]:
    """Marked sections opening after a semicolon inside a sentence (…;天水市——…)."""
    body = sentence.text(text)
    out = []
    for k in (i + 1 for i, ch in enumerate(body) if ch == ";"):
        while k < len(body) and body[k].isspace():
            k += 1
        at = sentence.start + k
        matches = index.opening(at, sentence.end)
        if not matches or matches[0].start != 0:
            continue
        first = matches[0]
        if marker.match(body, k + first.end):
            name = Span(at, at + first.end)
            out.append(Section(choose(first.candidates, weights), name, None, at))
    return out


def _enumerated(text: str, places: set[str]) -> bool:
    """True when one sentence lists all of ``places`` (A省、B省和C自治区…)."""
    index = place_index(text)
    for sentence in sentences(text):
        if "、" not in sentence.text(text):
            continue
        found = {p.name for m in index.within(*sentence) for p in m.candidates}
        if places <= found:
            return True
    return False


def _self_sections(
    selves: list[tuple[Span, str]], marked: list[Section], weights: Mapping[str, int]
) -> list[Section]:
    """Sections opened by 全省/我市…: the province or prefecture holding the places that open
    the other sections (全省情况——… 南充市情况——… → 四川省)."""
    out = []
    for ref, suffix in selves:
        holders = Counter(
            name
            for s in marked
            for name in (s.place.parent, s.place.prefecture)
            if name and name.endswith(suffix)
        )
        for name, _ in holders.most_common(1):
            if found := gazetteer.lookup(name):
                out.append(Section(choose(tuple(found), weights), ref, None, ref.start))
    return out


def _inline_sections(
    text: str, start: int, end: int, weights: Mapping[str, int], codebook: Codebook
) -> list[Section]:
    """Sections of a joint page that start inside the text rather than on heading lines.

    Marked sections (X情况——…, 全省情况——…) count whenever two or more jurisdictions open
    them. Sentences that merely open with a place count only on a page that enumerates
    those places, speaks for none of them (no 我省/本市) and names them at one level (a joint
    release).
    """
    marked, subjects, selves = _sentence_openers(text, start, end, weights, codebook)
    marked = sorted(marked + _self_sections(selves, marked, weights), key=lambda s: s.body)
    if len({s.place.name for s in marked}) >= 2:
        return marked
    places = {s.place.name for s in subjects}
    if (
        len(places) >= 2
        and len({s.place.level for s in subjects}) == 1
        and not codebook.document["jur_self_reference"].search(text, start, end)
        and _enumerated(text, places)
    ):
        first = {}
        for s in subjects:
            first.setdefault(s.place.name, s)
        return sorted(first.values(), key=lambda s: s.body)
    return []


def _inside(child: gazetteer.Place, parent: gazetteer.Place) -> bool:
    return parent.name in (child.parent, child.prefecture) and child.name != parent.name


def _names_in(text: str, sentence: Span, names: dict[str, int]) -> set[int]:
    hits = set()
    for match in place_index(text).within(*sentence):
        for place in match.candidates:
            if place.name in names:
                hits.add(names[place.name])
    return hits


def split_records(
    text: str,
    title: Span | None,
    end: int | None = None,
    codebook: Codebook | None = None,
) -> Segmentation:
    """Records of a document with the passages that belong to each.

    Only the body (up to ``end``, where the page's tail begins) is read. A joint page gives
    one record per section; any other page one record, for the place the text speaks for
    (`jurisdiction.speaker`).
    """
    codebook = codebook or default_codebook()
    end = len(text) if end is None else end
    weights = ProvinceWeights(text, end)
    body_start = title.end if title else 0
    title_spans = [title] if title else []
    title_text = title.text(text) if title else ""
    inspector = codebook.document.get("inspector_after_place")
    title_matches = place_index(text).find(*title) if title else []
    if inspector is not None:
        subjects = [m for m in title_matches if not inspector.match(title_text, m.end)]
        title_matches = subjects or title_matches

    headings = _headings(text, body_start, end, weights, codebook)
    distinct = {h.place.name for h in headings}
    group_cue = codebook.document["group_title"]
    group_title = bool(group_cue.search(title_text)) or len(title_matches) != 1
    if len(distinct) >= 2 and group_title:
        long = _long_section_lines(text, body_start, end, weights, codebook)
        return _joint(text, title, _with_long_lines(headings, long), weights, end, codebook)
    pick = partial(choose, weights=weights)
    if group := split_group(text, title, body_start, end, codebook, pick):
        anchor = title_spans + _opening(text, body_start, end)
        context = title_spans + group.shared
        return Segmentation(
            [RecordText(m.place, m.passages, anchor, context, m.evidence) for m in group.members]
        )
    if inline := _inline_sections(text, body_start, end, weights, codebook):
        return _joint(text, title, inline, weights, end, codebook)

    found = speaker(text, title, body_start, end, codebook, pick)
    if found is None:
        return Segmentation([])
    place, evidence = found
    lead = _before_title(text, title)
    anchor = title_spans + _opening(text, lead[0].start if lead else body_start, end)
    return Segmentation(
        [
            RecordText(
                place,
                passages=lead + sentences(text, body_start, end),
                anchor=anchor,
                context=title_spans,
                evidence=evidence,
            )
        ],
    )


def _long_section_lines(
    text: str, start: int, end: int, weights: Mapping[str, int], codebook: Codebook
) -> list[Section]:
    """Lines too long for a heading that open a section all the same: a place, then a section
    marker (内蒙古自治区:自治区将督察报告反馈问题细化为…, among 江苏省:截至… heading lines)."""
    marker = codebook.document["section_marker"]
    heading_lead = codebook.document["heading_lead"]
    index = place_index(text)
    openable = index.openable()
    out = []
    for line in starting_within(paragraphs(text), start, end):
        body = line.text(text)
        if len(body.strip()) <= HEADING_MAX_CHARS:
            continue
        lead = heading_lead.match(body).end()
        if line.start + lead not in openable:
            continue
        matches = index.opening(line.start + lead, line.end)
        if not matches or matches[0].start != 0 or not marker.match(body, lead + matches[0].end):
            continue
        name = Span(line.start + lead, line.start + lead + matches[0].end)
        out.append(Section(choose(matches[0].candidates, weights), name, None, line.start))
    return out


def _with_long_lines(headings: list[Section], long: list[Section]) -> list[Section]:
    """The heading sections of a joint page and, at the headings' level, the sections opened
    by lines too long for a heading (`_long_section_lines`)."""
    levels = {s.place.level for s in headings}
    named = {s.place.name for s in headings}
    more = [s for s in long if s.place.name not in named and s.place.level in levels]
    if len(levels) != 1 or not more:
        return headings
    return sorted(headings + more, key=lambda s: s.body)


def _before_title(text: str, title: Span | None) -> list[Span]:
    """Sentences of the lines above the title that hold a full sentence (a lead paragraph
    or page summary placed before the title): they are coded too, chrome lines are not."""
    if title is None:
        return []
    return [
        sentence
        for line in lines_within(text, 0, title.start)
        if "。" in line.text(text)
        for sentence in sentences(text, line.start, line.end)
    ]


def _opening(text: str, start: int, end: int) -> list[Span]:
    """The first paragraph of a stretch that speaks of the inspection (督察): a long line or
    one holding a sentence (not a heading)."""
    for line in _cut_lines(text, start, end):
        body = line.text(text)
        if "督察" in body and (len(body) > HEADING_MAX_CHARS or "。" in body):
            return [line]
    return []


def lines_within(text: str, start: int, end: int) -> list[Span]:
    """``paragraphs(text[start:end])`` with offsets into ``text``: the document's lines cut to
    the stretch, those keeping more than white space (no cache entry for the stretch)."""
    return list(_cut_lines(text, start, end))


def _cut_lines(text: str, start: int, end: int) -> Iterator[Span]:
    """`lines_within`, one line at a time (a search for the first that fits stops there)."""
    for line in overlapping(paragraphs(text), start, end):
        cut = Span(max(line.start, start), min(line.end, end))
        if cut == line or cut.text(text).strip():
            yield cut


def _joint(
    text: str,
    title: Span | None,
    sections: list[Section],
    weights: Mapping[str, int],
    text_end: int,
    codebook: Codebook | None = None,
) -> Segmentation:
    body_start = title.end if title else 0
    first = sections[0].heading.start if sections[0].heading else sections[0].body
    preamble = Span(body_start, first)
    names = {s.place.name: i for i, s in enumerate(sections)}
    records = []
    for i, section in enumerate(sections):
        following = sections[i + 1] if i + 1 < len(sections) else None
        end = (
            text_end
            if following is None
            else following.heading.start
            if following.heading
            else following.body
        )
        passages = sentences(text, section.body, end)
        heading = [section.heading] if section.heading else []
        own = _opening(text, section.body, end) or _opening(text, preamble.start, preamble.end)
        anchor = heading + own + ([title] if title else [])
        quote = cite(
            text,
            "jurisdiction",
            section.place.name,
            section.name.start,
            section.name.end,
            "jurisdiction.section",
        )
        records.append(
            RecordText(section.place, passages=list(passages), anchor=anchor, evidence=quote)
        )
    shared = []
    for sentence in sentences(text, preamble.start, preamble.end):
        hits = _names_in(text, sentence, names)
        if len(hits) == 1:
            records[hits.pop()].passages.insert(0, sentence)
        else:
            shared.append(sentence)
    for record in records:
        record.passages.sort(key=lambda s: s.start)
        record.context = ([title] if title else []) + shared
    if codebook is not None and (
        own := _preamble_speaker(text, title, preamble, sections, weights, codebook)
    ):
        place, evidence = own
        anchor = ([title] if title else []) + _opening(text, preamble.start, preamble.end)
        records.insert(0, RecordText(place, shared, anchor, [title] if title else [], evidence))
    return Segmentation(records)


def _preamble_speaker(
    text: str,
    title: Span | None,
    preamble: Span,
    sections: list[Section],
    weights: Mapping[str, int],
    codebook: Codebook,
) -> tuple[gazetteer.Place, Evidence] | None:
    """The jurisdiction a joint page's preamble speaks for itself (我市…24个问题中已完成整改19个,
    then 石台县:… 青阳县:…): a self-reference in it, resolved to a place holding every section's
    place. None when the preamble only introduces the sections."""
    if not codebook.document["jur_self_reference"].search(text, preamble.start, preamble.end):
        return None
    found = speaker(
        text, title, preamble.start, preamble.end, codebook, partial(choose, weights=weights)
    )
    if found is None or not all(_inside(s.place, found[0]) for s in sections):
        return None
    return found
