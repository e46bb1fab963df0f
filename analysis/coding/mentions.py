"""Mentions: funding and environmental outcomes of a record, each with its period.

Rules (codebook ``mention_rules``) find a value, and values listed by position (PM2.5、PM10
浓度分别为46、74微克/立方米) are aligned with their names (``mention_enumeration``), or one
indicator's values with the periods listed before it (2022年和2023年,…分别为35和32); then:

* the guards of the codebook (``guards``, features in ``analysis/coding/features.py``) drop
  targets, changes on a base, listed values read outside their list, and values whose
  governing subject — the clause, its segment or the earlier sentences of the paragraph — is
  a sub-area, another place or a wider area (全国 in a province's record);
* its period is the nearest period written before it in its sentence (2023年1—5月), else the
  nearest year before it in the same paragraph among the record's passages; a comparison base
  (比2020年), a deadline (2025年底前) or a year qualifying a noun (2018年存在的…) is never a
  period. A period list ("2022年和2023年1—4月") gives one outcome mention per period, while
  an amount over several years, since a year (以来) or cumulative (累计 in its own clause) has
  no single year;
* an outcome with no year in its paragraph takes the year of a one-year status bulletin,
  stated in its title or lead (2021年…生态环境状况公报), when the last period written before
  it is that year; otherwise it is not coded;
* a year-on-year change (同比下降2.6%, or 比YYYY年 with the year before the value's) after the
  value, before the next value, is attached; so is one a rule reads before the value
  (浓度同比下降5.6%,为34…), also on a base opening the sentence (与2021年相比,…) that is the
  year before the value's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants, _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _constants  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

from analysis import gazetteer
from analysis.codebook import Codebook, RuleIndex
from analysis.codebook import expand as codebook_expand
from analysis.coding import features
from analysis.coding.dates import DateSpan, anchor_year, find_periods, relative_year
from analysis.coding.literal import any_of, holds, requirements
from analysis.coding.numbers import parse_money, parse_number
from analysis.coding.text import (
    Span,
    clause_around,
    may_hold_number,
    paragraph_around,
    paragraphs,
    segment_around,
)

#: A year, in Arabic digits or in Chinese digits written one by one (二〇二二年).
_YEAR = re.compile(
    r"(?:(?<![0-9])(?P<year>(?:19|20)\d{2})"
    r"|(?<![〇零一二两三四五六七八九十百千万])(?P<cyear>(?:一九|二[〇零])[〇零一二三四五六七八九]{2}))"
    r"\s*年(?:度)?(?P<since>以来|来)?"
)
#: A relative year standing for a period (今年1-8月, 去年,…); not the base of a comparison
#: (比上年, 较去年同期).
_RELATIVE = re.compile(
    r"(?<![比较同与])(?P<rel>今年|本年|去年|上年|前年)度?(?P<since>以来)?(?!同期)"
)
#: The relative years that name the current year (今年以来: this year so far).
_THIS_YEAR = ("今年", "本年")
#: strings every match of _YEAR / _RELATIVE contains (see literal.requirements)
_YEAR_NEEDS = requirements(_YEAR)
_RELATIVE_NEEDS = requirements(_RELATIVE)
_JOINER = re.compile(r"^\s*(?:和|、|及|与|,|至|—|-)\s*$")
#: An amount accumulated over time (累计投入…); a sum (共计, 合计) of one year keeps its year.
_CUMULATIVE = re.compile(r"累计")
_MAXREPEAT = _constants.MAXREPEAT


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
    from_document: bool = False  # the one-year bulletin's year, not written with the value


def _periods(
    text: str, scope: Span, dates: list[DateSpan] | None, codebook: Codebook
) -> list[_Period]:
    """Years and year-to-date periods written in ``scope``, in order (not comparison bases,
    deadlines or years qualifying a noun). A relative year (今年, 去年) counts from the
    nearest full date before it (else after) in ``dates``."""
    chunk = text[scope.start : scope.end]
    relative = []
    # (a chunk without the strings a pattern needs is not searched with it)
    relatives = _RELATIVE.finditer(chunk) if holds(_RELATIVE_NEEDS, chunk) else ()
    for m in relatives:
        anchor = anchor_year(dates or [], scope.start + m.start())
        if anchor is not None:
            relative.append((m, relative_year(m["rel"], anchor)))
    found, taken = [], []
    for p in find_periods(chunk):
        year = p.year
        start = scope.start + p.start
        taken.append((start, scope.start + p.end))
        if year is None:  # 今年1-8月: the relative year just before the months
            year = next((y for m, y in relative if m.end() == p.start), None)
        elif features.year_role(text, start, start + 5, codebook) != "period":
            continue
        found.append(_Period(start, scope.start + p.end, year, p.months))
    years = _YEAR.finditer(chunk) if holds(_YEAR_NEEDS, chunk) else ()
    for m in years:
        start, end = scope.start + m.start(), scope.start + m.end()
        if any(a <= start < b for a, b in taken):
            continue
        written = m["year"] or m["cyear"]
        if features.year_role(text, start, start + len(written) + 1, codebook) != "period":
            continue
        found.append(_Period(start, end, int(parse_number(written)), None, bool(m["since"])))
    for m, year in relative:
        start, end = scope.start + m.start(), scope.start + m.end()
        if any(a <= start < b or start <= a < end for a, b in taken):
            continue
        # 今年以来 is this year so far (one year); 去年以来 runs over more than one
        open_ended = bool(m["since"]) and m["rel"] not in _THIS_YEAR
        found.append(_Period(start, end, year, None, open_ended))
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


def _is_body(line: str) -> bool:
    """A paragraph of running text (not a title, menu or date line)."""
    line = line.strip()
    return line.endswith("。") or (len(line) >= 40 and ("," in line or "。" in line))


def document_year(text: str, codebook: Codebook, dates: list[DateSpan]) -> int | None:
    """The year of a one-year status bulletin: the one year stated in its title lines (the
    short lines before the first paragraph of running text), else in its first, else its
    second paragraph, when that line or the title lines name a bulletin (codebook
    ``bulletin_cue``: 公报, 环境状况, 成绩单 …) and neither the title nor the first
    paragraph is about rectification (``not_bulletin_cue``). Years of full dates
    (2022年5月2日) and since-years are not counted; a relative year (去年) counts from the
    nearest full date; a year-to-date period (2023年1-10月) names the year only in the title
    lines."""
    lines = paragraphs(text)
    body = []  # the first two paragraphs of running text
    for i, line in enumerate(lines):
        if _is_body(line.text(text)):
            body.append(i)
            if len(body) == 2:
                break
    if not body:
        return None
    groups = [lines[: body[0]]] + [[lines[i]] for i in body[:2]]
    day_dates = [(d.start, d.end) for d in dates if d.day is not None]
    bulletin = codebook.cue("bulletin_cue")
    account = codebook.cue("not_bulletin_cue")
    if any(account.search(span.text(text)) for span in groups[0] + groups[1]):
        return None
    anchors = [d for d in dates if d.day is not None]
    for index, group in enumerate(groups):
        years = set()
        for span in group:
            found = _periods(text, span, anchors, codebook)
            month_starts = {p.start for p in found if p.months}
            years.update(
                p.year
                for p in found
                if p.year is not None
                and not (p.months and index > 0)
                and p.end not in month_starts  # 今年 of 今年一季度: the period names it
                and not p.open_ended
                and not any(a <= p.start < b for a, b in day_dates)
            )
        if years:
            # the year's line, or the title lines, name a bulletin (环境质量, 公报 …)
            named = any(bulletin.search(span.text(text)) for span in group + groups[0])
            return years.pop() if len(years) == 1 and named else None
    return None


def _wider_area(codebook: Codebook, place: gazetteer.Place) -> re.Pattern[str] | None:
    """Words for an area wider than ``place``; not those naming its own kind (全市 is a
    county-level city's own area). Compiled once per codebook, level and last character."""
    level, own = place.level, place.name[-1]

    def build(codebook: Codebook) -> re.Pattern[str] | None:
        words = codebook.synonyms.get("wider_area_cue", {}).get(level, [])
        kept = [w for w in words if not w.endswith(own)]
        return re.compile("|".join(sorted(kept, key=len, reverse=True))) if kept else None

    return features.compiled(codebook, ("wider_area", level, own), build)


@dataclass(frozen=True)
class _Plan:
    """What ``MentionCoder.code`` runs for a codebook, found once per codebook."""

    #: every rule of every variable (for the year-on-year search)
    rules: tuple
    #: matches wherever some variable's trigger does; None when a variable has none
    any_trigger: re.Pattern[str] | None
    #: matches every passage that a rule or the list lead can match (it holds one of the
    #: strings each match of that pattern needs); None when one needs none
    any_word: re.Pattern[str] | None
    #: the compiled ``mention_enumeration``, None when the codebook has none
    lists: _Lists | None
    #: the fewest of ``any_word``'s strings that a stretch holds one of exactly when it holds
    #: one of them all (the others contain one of these)
    words: tuple[str, ...] = ()
    #: the rules by variable, with the variables' triggers, tested against a passage at once
    index: RuleIndex | None = None
    #: per variable, whether it is a flow and its exclude pattern
    kinds: dict[str, tuple[bool, re.Pattern[str] | None]] | None = None


def _build_plan(codebook: Codebook) -> _Plan:
    lists = _build_lists(codebook) if codebook.raw.get("mention_enumeration") else None
    rules = tuple(r for rules in codebook.mention_rules.values() for r in rules)
    needs = [r.needs for r in rules] + ([lists.lead_needs] if lists is not None else [])
    any_word = _any_word(needs)
    return _Plan(
        rules,
        _any_of([codebook.triggers.get(v) for v in codebook.mention_rules]),
        any_word,
        lists,
        _fewest(word for need in needs for word in need[0]) if any_word is not None else (),
        RuleIndex(codebook.mention_rules, codebook.triggers),
        {
            variable: (
                codebook.mention_kind(variable) == "flow",
                codebook.mention_excludes.get(variable),
            )
            for variable in codebook.mention_rules
        },
    )


def _fewest(words: Iterable[str]) -> tuple[str, ...]:
    """The words that contain none of the others: a text holds one of ``words`` exactly when
    it holds one of these."""
    return _fewest_of(frozenset(words))


@lru_cache(maxsize=16)
def _fewest_of(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


class WordIndex:
    """Where the plain strings ``words`` stand in one text, found in one scan: whether a stretch
    of it holds one of them is then, as a rule, one binary search.

    Of words containing one another only the shortest count (``_fewest``); then no occurrence
    lies inside another, so a stretch holds a word exactly when the first occurrence starting
    in it ends in it, and at most one word starts at an offset, so the scan (leftmost, not
    overlapping) finds that first occurrence unless one of its matches runs over the
    stretch's start: such a stretch is searched itself."""

    def __init__(self, text: str, words: Iterable[str]) -> None:
        self.text = text
        words = tuple(words)
        self.search = _word_search(words)
        found = [m.span() for m in self.search.finditer(text)] if words else []
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]

    def holds(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` holds one of the words."""
        i = bisect_left(self.starts, start)
        if i and self.ends[i - 1] > start:  # a match runs over the start
            return self.search.search(self.text, start, end) is not None
        return i < len(self.starts) and self.ends[i] <= end

    def holding(self, spans: list[Span]) -> list[Span]:
        """The spans, in order, that hold one of the words. A run of spans in order and apart
        (a record's sentences) is looked up from the occurrences: a span holds a word only
        if an occurrence starts in it or runs over its start (a word there not found by the
        scan lies inside an earlier occurrence); those are then tested with ``holds``."""
        out: list[Span] = []
        i = 0
        while i < len(spans):
            j = i + 1  # spans[i:j]: in order and apart
            while j < len(spans) and spans[j - 1][1] <= spans[j][0]:
                j += 1
            if j - i < _RUN:
                out += [span for span in spans[i:j] if self.holds(*span)]
            else:
                out += self._holding_run(spans[i:j])
            i = j
        return out

    def _holding_run(self, spans: list[Span]) -> list[Span]:
        starts = [span[0] for span in spans]
        first = bisect_left(self.ends, starts[0] + 1)  # occurrences ending after the start
        last = bisect_left(self.starts, spans[-1][1])  # and starting before the end
        candidates: set[int] = set()
        for found_start, found_end in zip(
            self.starts[first:last], self.ends[first:last], strict=True
        ):
            j = bisect_right(starts, found_start) - 1  # the span it starts in, if any
            if j >= 0:
                candidates.add(j)
            j += 1
            while j < len(starts) and starts[j] < found_end:  # spans starting inside it
                candidates.add(j)
                j += 1
        return [spans[j] for j in sorted(candidates) if self.holds(*spans[j])]


#: From this many spans in order on, ``WordIndex.holding`` looks them up from the occurrences.
_RUN = 8


@lru_cache(maxsize=16)
def _word_search(words: tuple[str, ...]) -> re.Pattern[str]:
    return any_of(_fewest(words))


def _any_word(needs: list[tuple[tuple[str, ...], ...]]) -> re.Pattern[str] | None:
    """A search for any string of the first (most selective) requirement of each pattern:
    a passage it finds nothing in cannot be matched by any of them. None when a pattern
    has no known requirement. It looks for plain strings only, so it finds one in a stretch
    of the text exactly when that stretch holds one."""
    if not needs or not all(needs):
        return None
    return any_of(word for need in needs for word in need[0])


def _any_of(patterns: list[re.Pattern[str] | None]) -> re.Pattern[str] | None:
    """One pattern that finds a match exactly where one of ``patterns`` does (an alternation
    of them); None when one is missing or they cannot be joined (groups, flags)."""
    if not patterns or any(
        p is None or p.groups or p.flags != re.UNICODE for p in patterns
    ):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:
        return None


class MentionDocument:
    """What the mention coder finds once per document for all of its records: the codebook's
    plan, the dated days that 今年/去年 count from, the bulletin's year and where the strings
    the rules need stand in the text."""

    def __init__(
        self, text: str, codebook: Codebook, dates: list[DateSpan] | None = None
    ) -> None:
        self.text, self.codebook, self.given_dates = text, codebook, dates
        self.dates = dates or []
        # 今年/去年 count from a full date with its day (2017年12月 names a period, not a day)
        self.anchors = [d for d in self.dates if d.day is not None]
        self.plan = features.compiled(codebook, "mention_plan", _build_plan)
        self.not_funding = codebook.cue("not_funding_cue")
        self.doc_year = document_year(text, codebook, self.dates)
        #: None when some rule needs no known string (every passage is then searched)
        self.words = WordIndex(text, self.plan.words) if self.plan.any_word is not None else None


class MentionCoder:
    """Codes the mentions of one record (``document``: the set-up of its document, made once
    for all its records; made here when not given)."""

    def __init__(
        self,
        text: str,
        codebook: Codebook,
        place: gazetteer.Place,
        passages: list[Span],
        dates: list[DateSpan] | None = None,
        document: MentionDocument | None = None,
    ) -> None:
        if document is None or (document.text, document.codebook, document.given_dates) != (
            text,
            codebook,
            dates,
        ):
            document = MentionDocument(text, codebook, dates)
        self.text, self.codebook, self.place = text, codebook, place
        self.passages = passages
        self.dates = document.dates
        self.anchors = document.anchors
        self.not_funding = document.not_funding
        self.wider = _wider_area(codebook, place)
        self.plan = document.plan
        self._all_rules = self.plan.rules
        self.doc_year = document.doc_year
        self.words = document.words
        #: (variable, start) of the values dated by the bulletin's year
        self._document_dated: set[tuple[str, int]] = set()
        #: per stretch of text, the offset of the first other place named in it
        self._places: dict[str, int | None] = {}
        #: per passage, the last period of the earlier passages of its paragraph
        self._paragraph_years: dict[Span, list[_Period]] = {}

    # -- filters ----------------------------------------------------------------------
    def _other_place(self, chunk: str) -> int | None:
        """Offset in ``chunk`` of the first place named that is not the jurisdiction, nor a
        news dateline's city (央广网成都2月2日消息: no subject of what follows)."""
        if chunk in self._places:  # the openings of a paragraph are read for each of its values
            return self._places[chunk]
        found = self._places[chunk] = self._first_other_place(chunk)
        return found

    def _first_other_place(self, chunk: str) -> int | None:
        after = self.codebook.document.get("jur_dateline_after")
        before = self.codebook.document.get("jur_dateline_before")
        for match in gazetteer.find_places(chunk):
            if any(c.name == self.place.name for c in match.candidates):
                continue
            if (after is not None and after.match(chunk, match.end)) or (
                before is not None and before.search(chunk, 0, match.start)
            ):
                continue
            return match.start
        return None

    def _blocked(self, variable: str, value_start: int, match_start: int | None) -> str | None:
        """The guard (codebook ``guards``) that rules the value out, if any (``match_start``
        None: a value read from a list, where 分别 is expected)."""
        guards = features.guards_for(self.codebook, "mentions", variable)

        def where() -> str | None:
            return features.scope(
                self.text,
                value_start,
                paragraph_around(self.text, value_start),
                self.codebook,
                self.wider,
                self._other_place,
                self.place.name,
            )

        return features.first_guard(
            self.text, value_start, self.codebook, guards, match_start, where
        )

    # -- periods ----------------------------------------------------------------------
    def _periods_for(
        self, passage: Span, start: int, flow: bool, match_text: str, value_start: int
    ) -> list[_Period] | None:
        """Periods of a value; [] means 'no single year' (flows); None means 'not coded'.
        Years are read up to the value, inside the rule's match too (…比2020年提高8.3个百分点,
        2022年达到91.7%: the base is no period, 2022 is)."""
        sentence_periods = _periods(
            self.text, Span(passage.start, value_start), self.anchors, self.codebook
        )
        chain = _period_list(self.text, sentence_periods)
        if chain and any(p.year is None and p.months for p in chain):
            chain = self._with_year(chain, sentence_periods[: -len(chain)], passage)
        since = max(chain[-1].end if chain else 0, segment_around(self.text, start).start)
        if not flow and features.monthly(self.text, since, start, self.codebook):
            return None  # a month's figure (2023年12月,…), neither annual nor year-to-date
        if not chain:
            chain = self._paragraph_year(passage)
        if not chain:  # funding too: a one-year bulletin's funds are of its year
            chain = self._document_year(start)
        if not chain:
            return [] if flow else None
        if flow:
            # cumulative itself (累计投入…), not beside another total (罚没款共计…,安排资金…)
            clause = clause_around(self.text, start)
            cumulative = _CUMULATIVE.search(match_text) or _CUMULATIVE.search(
                self.text, max(chain[-1].end, clause.start), start
            )
            if len(chain) > 1 or chain[-1].open_ended or cumulative:
                return []
            return chain
        if any(p.open_ended or p.year is None for p in chain):
            return None  # an outcome needs a year
        return chain

    def _with_year(
        self, chain: list[_Period], earlier: list[_Period], passage: Span
    ) -> list[_Period]:
        """Month ranges written without a year (1—9月) take the year of the nearest period
        before them in the sentence (2023年9月份,…;1—9月,…), else in the paragraph, else the
        one-year bulletin's."""
        years = [p for p in earlier if p.year is not None and not p.open_ended]
        found = years[-1:] or self._paragraph_year(passage) or self._document_year(passage.start)
        if not found or found[0].year is None or found[0].open_ended:
            return chain
        year = found[0].year
        return [
            _Period(p.start, p.end, year, p.months) if p.year is None and p.months else p
            for p in chain
        ]

    def _paragraph_year(self, passage: Span) -> list[_Period]:
        """The last period of the nearest earlier passage of the paragraph that has one."""
        if passage not in self._paragraph_years:  # (the same for each value of the passage)
            self._paragraph_years[passage] = self._earlier_period(passage)
        return self._paragraph_years[passage]

    def _earlier_period(self, passage: Span) -> list[_Period]:
        paragraph = paragraph_around(self.text, passage.start)
        earlier = [p for p in self.passages if paragraph.start <= p.start < passage.start]
        for previous in reversed(earlier):
            found = _periods(self.text, previous, self.anchors, self.codebook)
            if found:
                return [found[-1]]
        return []

    def _document_year(self, start: int) -> list[_Period]:
        """The one-year bulletin's year for a value with no year in its paragraph, when the
        last period written before its paragraph is that year (no other year intervenes)."""
        if self.doc_year is None:
            return []
        paragraph = paragraph_around(self.text, start)
        before = _periods(self.text, Span(0, paragraph.start), self.anchors, self.codebook)
        last = before[-1] if before else None
        if last is not None and (last.year != self.doc_year or last.open_ended):
            return []  # another year's period in between (a period of its year may be the title's)
        return [_Period(start, start, self.doc_year, None, from_document=True)]

    # -- year-on-year -----------------------------------------------------------------
    def _yoy(
        self, variable: str, value_end: int, year: int | None
    ) -> tuple[float | None, str | None]:
        segment = segment_around(self.text, value_end)
        cursor = value_end
        while cursor < segment.end:
            clause = clause_around(self.text, cursor)
            chunk = self.text[cursor : clause.end]
            for yoy in self.codebook.yoy.finditer(chunk):
                if self._rule_matches(cursor, cursor + yoy.start()) or self._names_another(
                    variable, value_end, cursor + yoy.start()
                ):
                    return None, None
                base = yoy.groupdict().get("base") or yoy.groupdict().get("base2")
                if base and (year is None or int(base) != year - 1):
                    continue  # a change on another year than the previous one (较2020年…)
                return self._change(variable, yoy["dir"], yoy["value"], yoy["unit"])
            if cursor != value_end and self._rule_matches(cursor, clause.end):
                return None, None
            cursor = clause.end + 1
        return None, None

    def _names_another(self, variable: str, start: int, end: int) -> bool:
        """True when ``text[start:end]`` names another indicator and not ``variable``'s own:
        a change stated after it is that indicator's (…分别为90.4%、31.6微克/立方米,其中优良
        天数率比上年提高2.2个百分点: the change is the good-air share's only)."""
        lists = self.plan.lists
        if lists is None or start >= end:
            return False
        own = lists.names.get(variable)
        if own is not None and own.search(self.text, start, end):
            return False
        return any(
            other != variable and words.search(self.text, start, end)
            for other, words in lists.names.items()
        )

    def _change_before(
        self, variable: str, match: re.Match[str], passage: Span, year: int | None
    ) -> tuple[float, str] | None:
        """The change a rule reads before its value (groups ``dir``, ``change``, ``unit``) when
        it is on the previous year: stated so (group ``yoy``: 同比, 较上年), or on a base year
        (group ``base``, else a comparison opening the sentence: 与2021年相比,…) that is the
        year before ``year``. None when the match reads no change or one on another base."""
        groups = match.groupdict()
        if not groups.get("change"):
            return None
        base = groups.get("base")
        if not groups.get("yoy") and base is None:
            opening = features.comparison_opening(
                self.text, passage.start, passage.start + match.start(), self.codebook
            )
            if opening is None:
                return None  # no base stated
            base = opening["base"]  # None: 上年, the previous year
        if base is not None and (year is None or int(base) != year - 1):
            return None  # a change on another year than the previous one
        return self._change(variable, groups["dir"], groups["change"], groups["unit"])

    def _change(self, variable: str, direction: str, raw: str, unit: str) -> tuple[float, str]:
        """A stated change as a signed number and its unit (pct or pp)."""
        change = float(parse_number(raw))
        yoy = self.codebook.raw["yoy"]
        negative = direction in self.codebook.yoy_negative or (
            variable in yoy.get("lower_is_better", []) and direction in yoy.get("improvement", [])
        )
        return (-change if negative else change), ("pp" if "百分点" in unit else "pct")

    # -- main -------------------------------------------------------------------------
    def code(self) -> list[Mention]:
        """The record's mentions: rule matches, then listed values (``_dedupe`` orders them by
        offset and variable, keeping the order found among equals)."""
        found: list[Mention] = []
        listed: list[Mention] = []
        plan = self.plan
        lead_needs = plan.lists.lead_needs if plan.lists is not None else None
        for passage in self._readable():
            sentence = passage.text(self.text)
            if not may_hold_number(sentence):
                continue
            may_list = lead_needs is not None and holds(lead_needs, sentence)
            # the variables whose trigger the passage holds, with their rules that may match
            for variable, rules in plan.index.may_match(sentence):
                flow, exclude = plan.kinds[variable]
                for rule in rules:
                    for match in rule.pattern.finditer(sentence):
                        found.extend(self._mentions(variable, flow, exclude, rule, passage, match))
            if may_list:
                listed.extend(self._enumerated(passage))
        return _dedupe(self._without_document_year(found + listed), _shares(self.codebook))

    def _without_document_year(self, mentions: list[Mention]) -> list[Mention]:
        """The values dated by the bulletin's year are dropped when the page states another
        year's outcome values (codebook v1.1: the year applies only when no other is stated)."""
        if not self._document_dated:
            return mentions
        dated = [m for m in mentions if (m.variable, m.start) not in self._document_dated]
        other = any(
            m.year is not None and m.year != self.doc_year
            for m in dated
            if self.codebook.mention_kind(m.variable) == "level"
        )
        return dated if other else mentions

    def _readable(self) -> Iterator[Span]:
        """The passages, in order, that a rule or the list lead may match: ``any_word`` finds
        one of the strings they need in it. As ``any_word`` only looks for plain strings, the
        text's occurrences of them (``WordIndex``, found once per document) answer for each
        passage."""
        if self.words is None:
            yield from self.passages
            return
        holds = self.words.holds
        for passage in self.passages:
            if holds(passage.start, passage.end):
                yield passage

    def _rule_matches(self, start: int, end: int) -> bool:
        """Whether a rule matches ``text[start:end]`` read as a string of its own (a stretch
        without a string each match needs is not searched)."""
        if self.words is not None and not self.words.holds(start, end):
            return False
        chunk = self.text[start:end]
        return any(r.may_match(chunk) and r.pattern.search(chunk) for r in self._all_rules)

    def _mentions(self, variable, flow, exclude, rule, passage, match) -> list[Mention]:
        start, end = passage.start + match.start(), passage.start + match.end()
        value_start = passage.start + match.start("value")
        value_end = passage.start + match.end("value")
        segment = segment_around(self.text, value_start)
        if not rule.applies_to(self.text[segment.start : segment.end]):
            return []
        clause = clause_around(self.text, value_start)
        if flow and self.not_funding.search(self.text, clause.start, clause.end):
            return []  # a fine, a planned or total investment: not funds spent (its clause only)
        if exclude is not None and exclude.search(self.text, clause.start, start):
            return []  # the indicator is qualified as another one (饮用水水源地…)
        return self._mention(
            variable, flow, rule.id, passage, start, end, value_start, value_end, match["value"],
            before=match,
        )

    def _mention(
        self,
        variable,
        flow,
        rule_id,
        passage,
        start,
        end,
        value_start,
        value_end,
        raw,
        yoy: tuple[float | None, str | None] | None = None,
        before: re.Match[str] | None = None,
        period: _Period | None = None,
    ) -> list[Mention]:
        """The mentions of one value candidate, after its guards and with its periods
        (``before``: the rule match, which may read a change before the value; ``period``:
        the value's own period in a list of periods)."""
        listed = rule_id.endswith(".enumeration")
        if self._blocked(variable, value_start, None if listed else start) is not None:
            return []
        try:
            value = _value(variable, raw)
        except ValueError:
            return []
        if period is not None:
            periods: list[_Period] | None = [period]
        else:
            periods = self._periods_for(passage, start, flow, self.text[start:end], value_start)
        if periods is None:
            return []
        quote = self.text[start:end]
        if any(p.from_document for p in periods):
            self._document_dated.add((variable, start))
        if not periods:
            return [Mention(variable, None, None, value, None, None, quote, start, end, rule_id)]
        if yoy is None and before is not None and not flow:
            yoy = self._change_before(variable, before, passage, periods[-1].year)
        if yoy is None:
            yoy = (None, None) if flow else self._yoy(variable, value_end, periods[-1].year)
        return [
            Mention(variable, p.year, p.months, value, *yoy, quote, start, end, rule_id)
            for p in periods
        ]

    # -- values listed by position ------------------------------------------------------
    def _enumerated(self, passage: Span) -> list[Mention]:
        """Values of a list aligned with a list of names (A、B、C浓度分别为x、y、z), with the
        changes listed the same way (同比分别下降p、q)."""
        out: list[Mention] = []
        lists = self.plan.lists
        if lists is None:
            return out
        sentence = passage.text(self.text)
        if not holds(lists.lead_needs, sentence):  # the lead cannot match
            return out
        for m in lists.matches(sentence):
            names = _split_items(m["names"], lists.separator)
            values = list(lists.value.finditer(sentence, m.end()))
            values = _contiguous(sentence, m.end(), values, lists.joiner)
            if len(names) == 1 < len(values):
                out.extend(self._listed_by_period(passage, m, names[0], values))
                continue
            if len(values) != len(names):
                continue
            changes = _listed_changes(sentence, values[-1].end(), len(values), lists)
            for variable, words in lists.names.items():
                index = next((i for i, n in enumerate(names) if words.search(n)), None)
                if index is None:
                    continue
                v = values[index]
                start = passage.start + m.start("names") + m["names"].find(names[index])
                yoy = None
                if changes is not None:
                    direction, raw, unit = changes[index]
                    yoy = self._change(variable, direction, raw, unit)
                out.extend(self._listed(variable, passage, start, v, yoy))
        return out

    def _listed(
        self,
        variable: str,
        passage: Span,
        start: int,
        value: re.Match[str],
        yoy: tuple[float | None, str | None] | None,
        period: _Period | None = None,
    ) -> list[Mention]:
        """The mentions of a value read from a list (``value`` matched in the passage), quoted
        from ``start`` (its name) to the value."""
        return self._mention(
            variable,
            False,
            f"{variable}.enumeration",
            passage,
            start,
            passage.start + value.end(),
            passage.start + value.start("value"),
            passage.start + value.end("value"),
            value["value"],
            yoy,
            period=period,
        )

    def _listed_by_period(
        self, passage: Span, lead: re.Match[str], name: str, values: list
    ) -> list[Mention]:
        """One indicator's values for the list of periods before it, aligned by position
        (2022年和2023年,全市PM2.5平均浓度分别为35和32微克/立方米)."""
        lists = self.plan.lists
        variable = next((v for v, words in lists.names.items() if words.search(name)), None)
        if variable is None:
            return []
        before = Span(passage.start, passage.start + lead.start("names"))
        chain = _period_list(self.text, _periods(self.text, before, self.anchors, self.codebook))
        if len(chain) != len(values) or any(p.year is None or p.open_ended for p in chain):
            return []
        start = passage.start + lead.start("names") + lead["names"].find(name)
        out: list[Mention] = []
        for period, v in zip(chain, values, strict=True):
            out.extend(self._listed(variable, passage, start, v, (None, None), period))
        return out


@dataclass(frozen=True)
class _Lists:
    """The compiled patterns of the codebook's ``mention_enumeration``."""

    lead: re.Pattern[str]
    separator: re.Pattern[str]
    value: re.Pattern[str]
    joiner: re.Pattern[str]
    change: re.Pattern[str]
    names: dict[str, re.Pattern[str]]
    #: strings every match of ``lead`` contains (see literal.requirements)
    lead_needs: tuple[tuple[str, ...], ...] = ()
    #: a string every match of ``lead`` contains, and the longest match (None: unbounded)
    lead_word: str | None = None
    lead_width: int | None = None
    #: the stretches free of the characters no match of ``lead`` holds (None: none known)
    runs: re.Pattern[str] | None = None

    def first_start(self, sentence: str) -> int:
        """An offset before which no match of ``lead`` starts in ``sentence``: a match holds
        ``lead_word`` within its width, so it starts at most that far before its first
        occurrence."""
        if self.lead_word is None or self.lead_width is None:
            return 0
        first = sentence.find(self.lead_word)
        return 0 if first < 0 else max(0, first + len(self.lead_word) - self.lead_width)

    def matches(self, sentence: str) -> Iterator[re.Match[str]]:
        """The matches of ``lead`` in ``sentence``, as ``lead.finditer`` gives them: looked for
        only in the stretches between characters no match holds (``runs``), as no match
        reaches past one, and only while the rest of one holds what every match needs."""
        if self.runs is None:
            yield from self.lead.finditer(sentence, self.first_start(sentence))
            return
        for run in self.runs.finditer(sentence):
            start, end = run.span()
            # (as finditer, from the end of each match; no further search once what is left
            # of the stretch lacks what a match needs)
            while holds(self.lead_needs, sentence[start:end]):
                match = self.lead.search(sentence, start, end)
                if match is None:
                    break
                yield match
                start = match.end()  # a match is never empty (never_in_match)


def _build_lists(codebook: Codebook) -> _Lists:
    spec = codebook.raw["mention_enumeration"]

    def expand(pattern: str) -> re.Pattern[str]:
        return re.compile(codebook_expand(pattern, codebook.synonyms, "mention_enumeration"))

    lead = expand(spec["lead"])
    needs = requirements(lead)
    width = _parser.parse(lead.pattern, lead.flags).getwidth()[1]
    return _Lists(
        lead=lead,
        separator=expand(spec["separator"]),
        value=expand(spec["value"]),
        joiner=expand(spec["joiner"]),
        change=expand(spec["change"]),
        names={v: expand(p) for v, p in spec["names"].items()},
        lead_needs=needs,
        lead_word=needs[0][0] if needs and len(needs[0]) == 1 else None,
        lead_width=width if width < _MAXREPEAT else None,
        runs=_runs_between(never_in_match(lead)),
    )


def _runs_between(chars: str) -> re.Pattern[str] | None:
    return re.compile(f"[^{''.join(map(re.escape, chars))}]+") if chars else None


#: Parsed items that consume one character (what ``never_in_match`` reads).
_ONE_CHARACTER = (_constants.LITERAL, _constants.NOT_LITERAL, _constants.ANY, _constants.IN)
_REPEATS = tuple(
    op
    for op in (
        _constants.MAX_REPEAT,
        _constants.MIN_REPEAT,
        getattr(_constants, "POSSESSIVE_REPEAT", None),
    )
    if op is not None
)
_CLASS_ESCAPES = {
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_NOT_DIGIT: r"\D",
    _constants.CATEGORY_SPACE: r"\s",
    _constants.CATEGORY_NOT_SPACE: r"\S",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_NOT_WORD: r"\W",
}


def never_in_match(pattern: re.Pattern[str]) -> str:
    """Characters no match of ``pattern`` holds: those of its negated classes (and ``[^x]``)
    that none of its parts can match. '' when unknown: the pattern may match the empty
    string, or has flags, lookarounds, anchors or back-references (with which a search
    stopped at such a character could differ from one of the whole string)."""
    if pattern.flags & ~re.UNICODE:
        return ""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    items: list = []
    if parsed.getwidth()[0] < 1 or not _one_character_items(parsed, items):
        return ""
    candidates = {chr(av) for op, av in items if op is _constants.NOT_LITERAL} | {
        chr(c)
        for op, av in items
        if op is _constants.IN and av and av[0][0] is _constants.NEGATE
        for o, c in av[1:]
        if o is _constants.LITERAL
    }
    return "".join(
        sorted(c for c in candidates if not any(_may_match(op, av, c) for op, av in items))
    )


def _one_character_items(sequence, items: list) -> bool:
    """Adds the one-character items of the parsed ``sequence`` to ``items``; False when it
    holds anything but those, groups, alternatives and repeats."""
    for op, av in sequence:
        if op in _ONE_CHARACTER:
            items.append((op, av))
        elif op is _constants.SUBPATTERN:
            if av[1] or av[2] or not _one_character_items(av[3], items):
                return False
        elif op is _constants.BRANCH:
            if not all(_one_character_items(alternative, items) for alternative in av[1]):
                return False
        elif op in _REPEATS:
            if not _one_character_items(av[2], items):
                return False
        else:
            return False
    return True


def _may_match(op, av, char: str) -> bool:
    """Whether the one-character item (op, av) can match ``char`` (True when unsure)."""
    code = ord(char)
    if op is _constants.LITERAL:
        return av == code
    if op is _constants.NOT_LITERAL:
        return av != code
    if op is _constants.ANY:
        return char != "\n"
    negated = bool(av) and av[0][0] is _constants.NEGATE
    hit = False
    for o, a in av[1:] if negated else av:
        if o is _constants.LITERAL:
            hit = a == code
        elif o is _constants.RANGE:
            hit = a[0] <= code <= a[1]
        elif o is _constants.CATEGORY and a in _CLASS_ESCAPES:
            hit = re.fullmatch(_CLASS_ESCAPES[a], char) is not None
        else:
            return True
        if hit:
            break
    return hit != negated


def _split_items(names: str, separator: re.Pattern[str]) -> list[str]:
    return [n for n in separator.split(names) if n]


def _contiguous(sentence: str, start: int, values: list, joiner: re.Pattern[str]) -> list:
    """The values written one after the other from ``start``, joined by 、/和/, only."""
    kept, cursor = [], start
    for v in values:
        if not joiner.fullmatch(sentence[cursor : v.start()]):
            break
        kept.append(v)
        cursor = v.end()
    return kept


def _listed_changes(sentence: str, start: int, count: int, lists: _Lists):
    """(direction, number, unit) per position of a change list right after the values."""
    m = lists.change.match(sentence, start)
    if m is None:
        return None
    numbers = list(lists.value.finditer(m["changes"]))
    if len(numbers) != count:
        return None
    # a unit written once, after the last number, is every number's (提高3.3、0.3个百分点)
    units = [n.group()[len(n["value"]) :].strip() for n in numbers]
    for i in range(len(units) - 2, -1, -1):
        units[i] = units[i] or units[i + 1]
    return [(m["dir"], n["value"], unit or "%") for n, unit in zip(numbers, units, strict=True)]


def _shares(codebook: Codebook) -> frozenset[str]:
    """The mention variables that are percent shares (their change is read in points)."""
    return frozenset(v["name"] for v in codebook.mention_variables if v.get("unit") == "pct")


def _dedupe(mentions: list[Mention], shares: frozenset[str] = frozenset()) -> list[Mention]:
    """One mention per value, year and period, in text order: the first, or a later one
    stating its change where the first states none (a headline's 优良天数比例达92.6%, then
    …为92.6%,同比上升0.9个百分点). A share's change written in percent (上升0.2%) is ambiguous
    (points or percent?) and does not replace the first (``shares``: those variables)."""
    seen: dict[tuple, int] = {}  # where in ``kept``
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.variable)):
        overlapping = any(
            k.variable == mention.variable
            and k.start < mention.end
            and mention.start < k.end
            and k.value == mention.value
            and (k.year, k.months) == (mention.year, mention.months)
            for k in kept
        )
        if overlapping:
            continue
        if (i := seen.get(mention.key())) is not None:
            if (
                kept[i].yoy_change is None
                and mention.yoy_change is not None
                and (mention.variable not in shares or mention.yoy_unit == "pp")
            ):
                kept[i] = mention
            continue
        seen[mention.key()] = len(kept)
        kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.variable))


def code_mentions(
    text: str,
    codebook: Codebook,
    place: gazetteer.Place,
    passages: list[Span],
    dates: list[DateSpan] | None = None,
    document: MentionDocument | None = None,
) -> list[Mention]:
    """All mentions of one record, in text order (``dates`` anchor 今年/去年; ``document``:
    the set-up of the record's document, shared by its records)."""
    return MentionCoder(text, codebook, place, passages, dates, document).code()
