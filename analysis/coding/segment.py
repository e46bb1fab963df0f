"""Splitting a document into records: one per jurisdiction it gives an account of.

A document about one jurisdiction is one record (the jurisdiction named in its title, else
its publisher, else the first one its text names). A joint announcement — a title naming a
group (等8省) or several places, with one heading per jurisdiction (``01山西省公开…``) —
gives one record per heading; a sentence outside the sections that names exactly one of
those jurisdictions (the summary paragraph) belongs to its record, and a sentence naming
several belongs to none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from analysis import gazetteer
from analysis.coding.text import Span, paragraphs, sentences

_HEADING_LEAD = re.compile(r"^[\s\d一二三四五六七八九十()、.．]*")
_HEADING_WORDS = re.compile(r"整改|督察")
_GROUP = re.compile(r"等\s*(?:\d+|[两二三四五六七八九十]+)\s*(?:个)?(?:省|市|县|地|区)")
_PUBLISHER = re.compile(r"(?:来源|发布机构|发布单位|作者)\s*[:]\s*(?P<who>\S{2,30})")
HEADING_MAX_CHARS = 80
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass
class RecordText:
    """The passages of a document that belong to one jurisdiction's record."""

    place: gazetteer.Place
    passages: list[Span]
    anchor: list[Span] = field(default_factory=list)  # title, heading, opening paragraph
    context: list[Span] = field(default_factory=list)  # shared text: title, joint preamble


@dataclass(frozen=True)
class Segmentation:
    records: list[RecordText]


def _province_weights(text: str) -> Counter[str]:
    """How often each province is named: context for choosing among same-named places."""
    weights: Counter[str] = Counter()
    for match in gazetteer.find_places(text, levels=("province",)):
        for place in match.candidates:
            weights[place.name] += 1
    return weights


def choose(candidates: tuple[gazetteer.Place, ...], weights: Counter[str]) -> gazetteer.Place:
    """The most plausible of several places with one name: its province named most often
    in the document, then the higher level."""
    return min(
        candidates,
        key=lambda p: (
            -weights.get(p.name if p.level == "province" else p.parent, 0),
            LEVEL_RANK.get(p.level, 3),
            p.code,
        ),
    )


def _first_place(text: str, span: Span, weights: Counter[str]) -> gazetteer.Place | None:
    for match in gazetteer.find_places(text[span.start : span.end]):
        return choose(match.candidates, weights)
    return None


def _headings(text: str, weights: Counter[str]) -> list[tuple[Span, gazetteer.Place]]:
    found = []
    for line in paragraphs(text):
        body = line.text(text)
        if len(body.strip()) > HEADING_MAX_CHARS or not _HEADING_WORDS.search(body):
            continue
        lead = _HEADING_LEAD.match(body).end()
        matches = gazetteer.find_places(body[lead:])
        if matches and matches[0].start == 0:
            found.append((line, choose(matches[0].candidates, weights)))
    return found


def _inside(child: gazetteer.Place, parent: gazetteer.Place) -> bool:
    return parent.name in (child.parent, child.prefecture) and child.name != parent.name


def _title_place(matches: list[gazetteer.PlaceMatch], weights: Counter[str]) -> gazetteer.Place:
    """The place a title is about: the innermost of a chain of nested names written one
    after another (广东省河源市东源县 → 东源县), else the first name."""
    place = choose(matches[0].candidates, weights)
    for previous, match in zip(matches, matches[1:], strict=False):
        if match.start - previous.end > 1:
            break
        inner = tuple(c for c in match.candidates if _inside(c, place))
        if not inner:
            break
        place = choose(inner, weights)
    return place


def _publisher_place(text: str, weights: Counter[str]) -> gazetteer.Place | None:
    for line in paragraphs(text)[:15]:
        match = _PUBLISHER.search(line.text(text))
        if match:
            places = gazetteer.find_places(match["who"])
            if places and places[0].start == 0:
                return _title_place(places, weights)  # 韶关市浈江区人民政府 → 浈江区
    return None


def _names_in(sentence: str, names: dict[str, int], weights: Counter[str]) -> set[int]:
    hits = set()
    for match in gazetteer.find_places(sentence):
        for place in match.candidates:
            if place.name in names:
                hits.add(names[place.name])
    return hits


def split_records(
    text: str,
    title: Span | None,
    end: int | None = None,
    inspector: re.Pattern[str] | None = None,
) -> Segmentation:
    """Records of a document with the passages that belong to each.

    Only the body (up to ``end``, where the page's tail begins) is read. A title place
    followed by ``inspector`` (河南省第二生态环境保护督察组向南阳市反馈…) names the
    inspecting body, not the jurisdiction, and is passed over when another place is named.
    """
    end = len(text) if end is None else end
    weights = _province_weights(text[:end])
    body_start = title.end if title else 0
    everything = [Span(body_start, end)]
    title_spans = [title] if title else []
    title_text = title.text(text) if title else ""
    title_matches = gazetteer.find_places(title_text) if title else []
    if inspector is not None:
        subjects = [m for m in title_matches if not inspector.match(title_text, m.end)]
        title_matches = subjects or title_matches

    headings = [h for h in _headings(text, weights) if body_start <= h[0].start < end]
    distinct = {place.name for _, place in headings}
    group_title = bool(_GROUP.search(title_text)) or len(title_matches) != 1
    if len(distinct) >= 2 and group_title:
        return _joint(text, title, headings, weights, end)

    place = (
        _title_place(title_matches, weights)
        if title_matches
        else _publisher_place(text, weights) or _first_place(text, everything[0], weights)
    )
    if place is None:
        return Segmentation([])
    anchor = title_spans + _opening(text, body_start, end)
    return Segmentation(
        [
            RecordText(
                place,
                passages=sentences(text, body_start, end),
                anchor=anchor,
                context=title_spans,
            )
        ],
    )


def _opening(text: str, start: int, end: int) -> list[Span]:
    """The first paragraph of a stretch that speaks of the inspection (督察): a long line or
    one holding a sentence (not a heading)."""
    for line in paragraphs(text[start:end]):
        span = Span(start + line.start, start + line.end)
        body = span.text(text)
        if "督察" in body and (len(body) > HEADING_MAX_CHARS or "。" in body):
            return [span]
    return []


def _joint(
    text: str,
    title: Span | None,
    headings: list[tuple[Span, gazetteer.Place]],
    weights: Counter[str],
    text_end: int,
) -> Segmentation:
    body_start = title.end if title else 0
    preamble = Span(body_start, headings[0][0].start)
    names = {place.name: i for i, (_, place) in enumerate(headings)}
    records = []
    for i, (heading, place) in enumerate(headings):
        end = headings[i + 1][0].start if i + 1 < len(headings) else text_end
        section = sentences(text, heading.end, end)
        anchor = [heading] + _opening(text, heading.end, end) + ([title] if title else [])
        records.append(RecordText(place, passages=list(section), anchor=anchor))
    shared = []
    for sentence in sentences(text, preamble.start, preamble.end):
        hits = _names_in(sentence.text(text), names, weights)
        if len(hits) == 1:
            records[hits.pop()].passages.insert(0, sentence)
        else:
            shared.append(sentence)
    for record in records:
        record.passages.sort(key=lambda s: s.start)
        record.context = ([title] if title else []) + shared
    return Segmentation(records)
