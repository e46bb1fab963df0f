"""The inspection a record rectifies: level, round, batch, look-back, entry and feedback dates,
and the as-of date of the record's figures."""

from __future__ import annotations

import re
from bisect import bisect_left

from analysis.codebook import Codebook
from analysis.coding.dates import DateSpan, anchor_year, parse_asof
from analysis.coding.evidence import Evidence, cite
from analysis.coding.numbers import parse_number
from analysis.coding.text import Span, paragraph_around, sentence_around

_RANGE_JOIN = re.compile(r"\s*(?:至|到|—{1,2}|–|-|~)\s*")
_ASOF = re.compile(
    r"(?:截至|截止)(?:到|至)?\s*(?:目前(?:为止)?|[^,。;]{0,16}?(?:月底|月末|年底|年末|日|号|月(?!\s*\d)))"
)
_ASOF_LEAD = re.compile(r"(?:截至|截止)(?:到|至)?\s*(?:今年|本年|去年|上年)?\s*$")
#: How far before 反馈 the feedback date may stand (characters, same sentence).
FEEDBACK_REACH = 40


def _first(
    text: str,
    spans: list[Span],
    pattern: re.Pattern[str],
    variable: str,
    rule: str,
    convert=lambda m: m,
) -> Evidence | None:
    for span in spans:
        match = pattern.search(text, span.start, span.end)
        if match:
            try:
                value = convert(match)
            except ValueError:
                continue
            return cite(text, variable, value, match.start(), match.end(), rule)
    return None


def inspection_level(text: str, anchor: list[Span], codebook: Codebook) -> Evidence | None:
    """central for 中央…督察, provincial for 省/省委/自治区…督察; title before body, and
    central before provincial within a passage."""
    for span in anchor:
        for level in ("central", "provincial"):
            match = codebook.document[level].search(text, span.start, span.end)
            if match:
                return cite(
                    text,
                    "inspection_level",
                    level,
                    match.start(),
                    match.end(),
                    f"inspection_level.{level}",
                )
    return None


def inspection_round(text: str, anchor: list[Span], codebook: Codebook) -> Evidence | None:
    """N of 第N轮 in the title, heading or opening paragraph."""
    return _first(
        text,
        anchor,
        codebook.document["round"],
        "inspection_round",
        "inspection_round.stated",
        lambda m: int(parse_number(m["value"])),
    )


def inspection_batch(text: str, spans: list[Span], codebook: Codebook) -> Evidence | None:
    """N of 第N批 (…督察), also when stated once for a whole joint document."""
    return _first(
        text,
        spans,
        codebook.document["batch"],
        "inspection_batch",
        "inspection_batch.stated",
        lambda m: int(parse_number(m["value"])),
    )


def lookback(text: str, anchor: list[Span], codebook: Codebook) -> Evidence:
    """True when 回头看 is named as the inspection being rectified (title or opening)."""
    found = _first(
        text,
        anchor[:2],
        codebook.document["lookback"],
        "lookback",
        "lookback.named",
        lambda m: True,
    )
    return found or Evidence("lookback", False, "", 0, 0, "lookback.not_named")


def _inside(span: Span, dates: list[DateSpan]) -> list[DateSpan]:
    """The dates (sorted by start) that start inside ``span``."""
    starts = [d.start for d in dates]
    return dates[bisect_left(starts, span.start) : bisect_left(starts, span.end)]


def entry_dates(
    text: str, spans: list[Span], dates: list[DateSpan], codebook: Codebook
) -> tuple[Evidence | None, Evidence | None]:
    """The first date range (D1至D2) in a sentence about the team's stay (进驻, 开展督察)."""
    cue = codebook.document["entry_cue"]
    for span in spans:
        inside = _inside(span, dates)
        for first, second in zip(inside, inside[1:], strict=False):
            if not _RANGE_JOIN.fullmatch(text[first.end : second.start]):
                continue
            sentence = sentence_around(text, first.start)
            if not cue.search(text, sentence.start, sentence.end):
                continue
            if first.iso() is None or second.iso() is None or first.month is None:
                continue
            rule = "entry.range"
            return (
                cite(text, "entry_start", first.iso(), first.start, first.end, rule),
                cite(text, "entry_end", second.iso(), second.start, second.end, rule),
            )
    return _entry_day(text, spans, dates, codebook, "entry_start"), _entry_day(
        text, spans, dates, codebook, "entry_end"
    )


def _entry_day(
    text: str, spans: list[Span], dates: list[DateSpan], codebook: Codebook, variable: str
) -> Evidence | None:
    """A single day followed by its cue: 于2021年4月7日进驻 / 5月7日结束进驻."""
    cue = codebook.document.get(f"{variable}_cue")
    if cue is None:
        return None
    for span in spans:
        for date in _inside(span, dates):
            if date.day is None or date.iso() is None:
                continue
            match = cue.match(text, date.end)
            if match:
                rule = f"{variable}.day"
                return cite(text, variable, date.iso(), date.start, match.end(), rule)
    return None


def feedback_date(
    text: str, spans: list[Span], dates: list[DateSpan], codebook: Codebook
) -> Evidence | None:
    """The last date before 反馈 in its sentence, at most FEEDBACK_REACH characters before."""
    cue = codebook.document["feedback_cue"]
    for span in spans:
        for match in cue.finditer(text, span.start, span.end):
            sentence = sentence_around(text, match.start())
            before = [
                d
                for d in dates
                if sentence.start <= d.start
                and d.end <= match.start()
                and match.start() - d.end <= FEEDBACK_REACH
                and d.month is not None
                and not _ASOF_LEAD.search(text, max(0, d.start - 6), d.start)
            ]
            if before and before[-1].iso():
                date = before[-1]
                if "反馈" in text[date.end : match.start()]:
                    continue
                return cite(
                    text,
                    "feedback_date",
                    date.iso(),
                    date.start,
                    match.end(),
                    "feedback_date.before_feedback",
                )
    return _feedback_meeting(text, spans, dates, codebook)


def _feedback_meeting(
    text: str, spans: list[Span], dates: list[DateSpan], codebook: Codebook
) -> Evidence | None:
    """A feedback meeting dated after its name: 督察意见反馈会于2017年12月24日召开."""
    lead = codebook.document.get("feedback_lead")
    if lead is None:
        return None
    starts = {d.start: d for d in dates}
    for span in spans:
        for match in lead.finditer(text, span.start, span.end):
            date = starts.get(match.end())
            if date is not None and date.month is not None and date.iso():
                return cite(
                    text,
                    "feedback_date",
                    date.iso(),
                    match.start(),
                    date.end,
                    "feedback_date.meeting",
                )
    return None


def asof(text: str, figures: list[Evidence], dates: list[DateSpan]) -> Evidence | None:
    """The 截至 date stated for the record's figures: before the first figure that has one
    in its sentence (else earlier in its paragraph); empty for 截至目前/目前. A yearless or
    relative date (截至今年8月底) takes the year of the nearest full date before it (else after).
    """
    for evidence in figures:
        sentence = sentence_around(text, evidence.start)
        paragraph = paragraph_around(text, evidence.start)
        for scope in (Span(sentence.start, evidence.start), Span(paragraph.start, evidence.start)):
            matches = list(_ASOF.finditer(text, scope.start, scope.end))
            if not matches:
                continue
            match = matches[-1]
            value = parse_asof(match.group(), anchor_year(dates, match.start()))
            if value is None:
                return None
            return cite(text, "asof", value, match.start(), match.end(), "asof.jiezhi")
    return None
