"""Mentions: funding and environmental outcomes of a record, each with its period.

Rules (codebook ``mention_rules``) find a value; then, in this order:

* a value in a clause naming another place, a sub-area (basin, lake, district) or a wider
  area (全省 in a city's record) is not the jurisdiction's value (outcomes only);
* a value introduced by a target cue (目标, 到2020年, 确保 …) in its segment is a target;
* its period is the nearest period written before it in its sentence (2023年1—5月), else the
  nearest year before it in the same paragraph among the record's passages. A period list
  ("2022年和2023年1—4月") gives one outcome mention per period, while an amount over several
  years, since a year (以来) or cumulative (累计) has no single year. An outcome with no year
  is not coded;
* a year-on-year change (同比下降2.6%) after the value, before the next value, is attached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis import gazetteer
from analysis.codebook import Codebook
from analysis.coding.dates import DateSpan, anchor_year, find_periods, relative_year
from analysis.coding.numbers import parse_money, parse_number
from analysis.coding.text import (
    Span,
    clause_around,
    may_hold_number,
    paragraph_around,
    segment_around,
    sentence_around,
)

_YEAR = re.compile(r"(?<![0-9])(?P<year>(?:19|20)\d{2})\s*年(?:度)?(?P<since>以来|来)?")
#: A relative year standing for a period (今年1-8月, 去年,…); not the base of a comparison
#: (比上年, 较去年同期).
_RELATIVE = re.compile(
    r"(?<![比较同与])(?P<rel>今年|本年|去年|上年|前年)度?(?P<since>以来)?(?!同期)"
)
_JOINER = re.compile(r"^\s*(?:和|、|及|与|,|至|—|-)\s*$")
_CUMULATIVE = re.compile(r"累计|合计|总计|共计")


@dataclass(frozen=True)
class Mention:
    """One value of a mention variable with its period and evidence."""

    variable: str
    year: int | None
    months: str | None
    value: float
    yoy_change: float | None
    yoy_unit: str | None
    quote: str
    start: int
    end: int
    rule: str

    def as_dict(self, rule: bool = False) -> dict:
        """The mention's fields (the public JSONL shape; with the rule id for tables)."""
        out = {
            "variable": self.variable,
            "year": self.year,
            "months": self.months,
            "value": self.value,
            "yoy_change": self.yoy_change,
            "yoy_unit": self.yoy_unit,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
        }
        if rule:
            out["rule"] = self.rule
        return out

    def key(self) -> tuple:
        return (self.variable, self.year, self.months, round(self.value, 6))


@dataclass(frozen=True)
class _Period:
    start: int
    end: int
    year: int | None
    months: str | None
    open_ended: bool = False  # 2021年以来


def _periods(text: str, scope: Span, dates: list[DateSpan] | None = None) -> list[_Period]:
    """Years and year-to-date periods written in ``scope``, in order. A relative year
    (今年, 去年) counts from the nearest full date before it (else after) in ``dates``."""
    chunk = text[scope.start : scope.end]
    relative = []
    for m in _RELATIVE.finditer(chunk):
        anchor = anchor_year(dates or [], scope.start + m.start())
        if anchor is not None:
            relative.append((m, relative_year(m["rel"], anchor)))
    found = []
    for p in find_periods(chunk):
        year = p.year
        if year is None:  # 今年1-8月: the relative year just before the months
            year = next((y for m, y in relative if m.end() == p.start), None)
        found.append(_Period(scope.start + p.start, scope.start + p.end, year, p.months))
    taken = [(p.start, p.end) for p in found]
    for m in _YEAR.finditer(chunk):
        start, end = scope.start + m.start(), scope.start + m.end()
        if any(a <= start < b for a, b in taken):
            continue
        found.append(_Period(start, end, int(m["year"]), None, bool(m["since"])))
    for m, year in relative:
        start, end = scope.start + m.start(), scope.start + m.end()
        if any(a <= start < b or start <= a < end for a, b in taken):
            continue
        found.append(_Period(start, end, year, None, bool(m["since"])))
    return sorted(found, key=lambda p: p.start)


def _period_list(text: str, periods: list[_Period]) -> list[_Period]:
    """The last period before the value, with the periods joined to it (A和B, A、B)."""
    if not periods:
        return []
    chain = [periods[-1]]
    for earlier in reversed(periods[:-1]):
        if _JOINER.match(text[earlier.end : chain[0].start]):
            chain.insert(0, earlier)
        else:
            break
    return chain


def _value(variable: str, raw: str) -> float:
    return float(parse_money(raw) if variable == "funding_cny" else parse_number(raw))


def _wider_area(codebook: Codebook, place: gazetteer.Place) -> re.Pattern[str] | None:
    """Words for an area wider than ``place``; not those naming its own kind (全市 is a
    county-level city's own area)."""
    words = codebook.synonyms.get("wider_area_cue", {}).get(place.level, [])
    own = place.name[-1]
    kept = [w for w in words if not w.endswith(own)]
    return re.compile("|".join(sorted(kept, key=len, reverse=True))) if kept else None


class MentionCoder:
    """Codes the mentions of one record."""

    def __init__(
        self,
        text: str,
        codebook: Codebook,
        place: gazetteer.Place,
        passages: list[Span],
        dates: list[DateSpan] | None = None,
    ) -> None:
        self.text, self.codebook, self.place = text, codebook, place
        self.passages = passages
        self.dates = dates or []
        self.targets = codebook.cue("target_cue")
        self.target_leads = codebook.cue("target_lead")

        self.subareas = codebook.cue("subarea_cue")
        self.not_funding = codebook.cue("not_funding_cue")
        self.wider = _wider_area(codebook, place)
        self._all_rules = [r for rules in codebook.mention_rules.values() for r in rules]

    # -- filters ----------------------------------------------------------------------
    def _other_place(self, scope: Span) -> bool:
        chunk = self.text[scope.start : scope.end]
        for match in gazetteer.find_places(chunk):
            if all(c.name != self.place.name for c in match.candidates):
                return True
        return False

    def _is_target(self, value_start: int) -> bool:
        clause = clause_around(self.text, value_start)
        if self.targets.search(self.text, clause.start, value_start):
            return True
        segment = segment_around(self.text, value_start)
        if self.target_leads.search(self.text, segment.start, value_start):
            return True
        sentence = sentence_around(self.text, value_start)
        opening = len(self.text[sentence.start : sentence.end]) - len(
            self.text[sentence.start : sentence.end].lstrip()
        )
        return bool(self.target_leads.match(self.text, sentence.start + opening, value_start))

    def _is_elsewhere(self, value_start: int) -> bool:
        clause = clause_around(self.text, value_start)
        prefix = Span(clause.start, value_start)
        if self.subareas.search(self.text, prefix.start, prefix.end):
            return True
        if self.wider is not None and self.wider.search(self.text, prefix.start, prefix.end):
            return True
        return self._other_place(prefix)

    # -- periods ----------------------------------------------------------------------
    def _periods_for(
        self, passage: Span, start: int, flow: bool, match_text: str
    ) -> list[_Period] | None:
        """Periods of a value; [] means 'no single year' (flows); None means 'not coded'."""
        sentence_periods = _periods(self.text, Span(passage.start, start), self.dates)
        chain = _period_list(self.text, sentence_periods)
        if not chain:
            chain = self._paragraph_year(passage)
        if not chain:
            return [] if flow else None
        if flow:
            cumulative = _CUMULATIVE.search(match_text) or _CUMULATIVE.search(
                self.text, chain[-1].end, start
            )
            if len(chain) > 1 or chain[-1].open_ended or cumulative:
                return []
            return chain
        if any(p.open_ended or p.year is None for p in chain):
            return None  # an outcome needs a year
        return chain

    def _paragraph_year(self, passage: Span) -> list[_Period]:
        paragraph = paragraph_around(self.text, passage.start)
        earlier = [p for p in self.passages if paragraph.start <= p.start < passage.start]
        for previous in reversed(earlier):
            found = _periods(self.text, previous, self.dates)
            if found:
                return [found[-1]]
        return []

    # -- year-on-year -----------------------------------------------------------------
    def _yoy(self, variable: str, value_end: int) -> tuple[float | None, str | None]:
        segment = segment_around(self.text, value_end)
        cursor = value_end
        while cursor < segment.end:
            clause = clause_around(self.text, cursor)
            chunk = self.text[cursor : clause.end]
            yoy = self.codebook.yoy.search(chunk)
            if yoy:
                if any(r.pattern.search(chunk, 0, yoy.start()) for r in self._all_rules):
                    return None, None
                change = float(parse_number(yoy["value"]))
                direction = yoy["dir"]
                lower_better = variable in self.codebook.raw["yoy"].get("lower_is_better", [])
                negative = direction in self.codebook.yoy_negative or (
                    lower_better and direction in self.codebook.raw["yoy"].get("improvement", [])
                )
                unit = "pp" if "百分点" in yoy["unit"] else "pct"
                return (-change if negative else change), unit
            if cursor != value_end and any(r.pattern.search(chunk) for r in self._all_rules):
                return None, None
            cursor = clause.end + 1
        return None, None

    # -- main -------------------------------------------------------------------------
    def code(self) -> list[Mention]:
        found: list[Mention] = []
        numeric = [p for p in self.passages if may_hold_number(p.text(self.text))]
        for variable, rules in self.codebook.mention_rules.items():
            flow = self.codebook.mention_kind(variable) == "flow"
            exclude = self.codebook.mention_excludes.get(variable)
            for passage in numeric:
                sentence = passage.text(self.text)
                if not self.codebook.may_hold(variable, sentence):
                    continue
                for rule in rules:
                    for match in rule.pattern.finditer(sentence):
                        found.extend(
                            self._mentions(variable, flow, exclude, rule.id, rule, passage, match)
                        )
        return _dedupe(found)

    def _mentions(self, variable, flow, exclude, rule_id, rule, passage, match) -> list[Mention]:
        start, end = passage.start + match.start(), passage.start + match.end()
        value_start = passage.start + match.start("value")
        value_end = passage.start + match.end("value")
        segment = segment_around(self.text, value_start)
        if not rule.applies_to(self.text[segment.start : segment.end]):
            return []
        if flow and self.not_funding.search(self.text, segment.start, segment.end):
            return []
        clause = clause_around(self.text, value_start)
        if exclude is not None and exclude.search(self.text, clause.start, clause.end):
            return []
        if self._is_target(value_start):
            return []
        if not flow and self._is_elsewhere(value_start):
            return []
        try:
            value = _value(variable, match["value"])
        except ValueError:
            return []
        periods = self._periods_for(passage, start, flow, match.group())
        if periods is None:
            return []
        yoy_change, yoy_unit = (None, None) if flow else self._yoy(variable, value_end)
        quote = self.text[start:end]
        if not periods:
            return [Mention(variable, None, None, value, None, None, quote, start, end, rule_id)]
        return [
            Mention(
                variable, p.year, p.months, value, yoy_change, yoy_unit, quote, start, end, rule_id
            )
            for p in periods
        ]


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen, kept = set(), []
    for mention in sorted(mentions, key=lambda m: (m.start, m.variable)):
        overlapping = any(
            k.variable == mention.variable
            and k.start < mention.end
            and mention.start < k.end
            and k.value == mention.value
            and (k.year, k.months) == (mention.year, mention.months)
            for k in kept
        )
        if mention.key() in seen or overlapping:
            continue
        seen.add(mention.key())
        kept.append(mention)
    return kept


def code_mentions(
    text: str,
    codebook: Codebook,
    place: gazetteer.Place,
    passages: list[Span],
    dates: list[DateSpan] | None = None,
) -> list[Mention]:
    """All mentions of one record, in text order (``dates`` anchor 今年/去年)."""
    return MentionCoder(text, codebook, place, passages, dates).code()
