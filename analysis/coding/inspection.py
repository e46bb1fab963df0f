"""The inspection a record rectifies: level, round, batch, look-back, entry and feedback dates,
and the as-of date of the record's figures."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from analysis.codebook import Codebook
from analysis.coding.dates import DateSpan, anchor_year, parse_asof
from analysis.coding.evidence import Evidence, cite
from analysis.coding.literal import requirements
from analysis.coding.mentions import WordIndex
from analysis.coding.numbers import parse_number
from analysis.coding.text import PerText, Span, paragraph_around, sentence_around

_RANGE_JOIN = re.compile(r"\s*(?:至|到|—{1,2}|–|-|~)\s*")
#: An as-of phrase: 截至/截止 + date, or a clause opened by 至/到 + date (至8月2日,… /
#: 到当日为止,…), which is not the end of a range.
_ASOF_HEAD = (
    r"(?:(?:截至|截止)(?:到|至)?"
    r"|(?:(?<=^)|(?<=[。;,!?\n]))\s*(?:至|到)(?=[^,。;]{1,16}?[,\s]))"
)
_ASOF = re.compile(
    rf"{_ASOF_HEAD}\s*(?:目前(?:为止)?|当日|当天|当晚|同日"
    r"|[^,。;]{0,16}?(?:月底|月末|年底|年末|日|号|月(?!\s*\d)))",
    re.MULTILINE,
)
# Read one found phrase (matched whole):
_PHRASE_HEAD = r"\s*(?:截至|截止|至|到)(?:到|至)?"
_ASOF_SAME_DAY = re.compile(rf"{_PHRASE_HEAD}\s*(?:当日|当天|当晚|同日)")
_ASOF_DAY_ONLY = re.compile(rf"{_PHRASE_HEAD}\s*(?P<day>\d{{1,2}})\s*[日号]")
_ASOF_AS_JIEZHI = re.compile(r"^\s*(?:至|到)")
#: After a 截至 phrase, a count of tasks, problems or complaints in the same sentence.
_ASOF_FIGURE = re.compile(
    r"(?:任务|问题|信访|举报|投诉|案件|办结|完成|整改)[^。]{0,40}?\d+\s*(?:项|个|件|宗|条|批)"
    r"|\d+\s*(?:项|个|件|宗|条|批)[^。]{0,20}?(?:任务|问题|信访|举报|投诉|案件|办结|完成|整改)"
)
_ASOF_LEAD = re.compile(r"(?:截至|截止)(?:到|至)?\s*(?:今年|本年|去年|上年)?\s*$")
#: How far before 反馈 the feedback date may stand (characters, same sentence).
FEEDBACK_REACH = 40
#: date ranges and entry days, found once per document for all its records
_DOCUMENT = PerText(size=2)


@lru_cache(maxsize=64)
def _needs(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Strings every match of ``pattern`` contains (see literal.requirements)."""
    return requirements(pattern)


def _holding(text: str, pattern: re.Pattern[str], spans: list[Span]) -> list[Span]:
    """The spans, in order, that hold one of the strings every match of ``pattern`` contains
    (its most selective requirement): no other span can hold a match. Where the strings
    stand is found once per text (``WordIndex``)."""
    needs = _needs(pattern)
    if not needs:
        return spans
    index = _DOCUMENT.get(text, ("words", needs[0]), lambda: WordIndex(text, needs[0]))
    if not index.starts:
        return []
    return index.holding(spans)


def _per_dates(text: str, dates: list[DateSpan], key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()`` from the text and its dates, found once per document: kept with a copy of
    the dates, and given again while ``dates`` equals that copy (the same dates, compared one
    by one; a plain key would hash every date for every record)."""
    values = _DOCUMENT.values(text)
    held = values.get(key)
    if held is None or held[0] != dates:
        held = values[key] = (list(dates), compute())
    return held[1]


def _starts(text: str, dates: list[DateSpan]) -> list[int]:
    """The dates' start offsets."""
    return _per_dates(text, dates, ("starts",), lambda: [d.start for d in dates])


def _first(
    text: str,
    spans: list[Span],
    pattern: re.Pattern[str],
    variable: str,
    rule: str,
    convert=lambda m: m,
) -> Evidence | None:
    for span in spans:  # (round and batch open with 第: a plain search is already fast)
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
    """N of 第N轮 in the title, heading or opening paragraph, else first in the record's
    text (a closing link line, a table caption)."""
    return _first(
        text,
        anchor,
        codebook.document["round"],
        "inspection_round",
        "inspection_round.stated",
        lambda m: int(parse_number(m["value"])),
    )


def inspection_batch(text: str, spans: list[Span], codebook: Codebook) -> Evidence | None:
    """N of 第N批 (…督察), also when stated once for a whole joint document; the title and
    opening first, then the record's text."""
    return _first(
        text,
        spans,
        codebook.document["batch"],
        "inspection_batch",
        "inspection_batch.stated",
        lambda m: int(parse_number(m["value"])),
    )


def lookback(text: str, anchor: list[Span], codebook: Codebook) -> Evidence:
    """True when 回头看 is named as the inspection being rectified (title or opening): the
    inspection's own name (督察"回头看", "回头看"反馈意见) or a team conducting it (督察组对…
    开展"回头看"). A check-up the jurisdiction runs itself (我省完成…督察"回头看", 经常组织
    "回头看") or a review of complaint handling (办理质量"回头看") is not."""
    doc = codebook.document
    named, own = doc["lookback"], doc.get("lookback_own")
    for span in anchor[:2]:
        for match in named.finditer(text, span.start, span.end):
            sentence = sentence_around(text, match.start())
            if own is not None and own.search(text, sentence.start, match.end()):
                continue
            return cite(text, "lookback", True, match.start(), match.end(), "lookback.named")
    return Evidence("lookback", False, "", 0, 0, "lookback.not_named")


def _first_inside(
    spans: list[Span], starts: list[int], found: list[int], width: int = 1
) -> int | None:
    """The first of ``found`` (sorted indices into dates starting at ``starts``, sorted) whose
    ``width`` dates from it all start inside a span, the spans taken in order."""
    if not found:
        return None
    for span in spans:
        low, high = bisect_left(starts, span.start), bisect_left(starts, span.end)
        k = bisect_left(found, low)
        if k < len(found) and found[k] + width <= high:
            return found[k]
    return None


def entry_dates(
    text: str, spans: list[Span], dates: list[DateSpan], codebook: Codebook
) -> tuple[Evidence | None, Evidence | None]:
    """The first date range (D1至D2) in a sentence about the team's stay (进驻, 开展督察).
    ``dates`` are sorted by start (as ``with_years`` gives them)."""
    starts = _starts(text, dates)
    if (i := _first_inside(spans, starts, _stays(text, dates, codebook), width=2)) is not None:
        first, second = dates[i], dates[i + 1]
        rule = "entry.range"
        return (
            cite(text, "entry_start", first.iso(), first.start, first.end, rule),
            cite(text, "entry_end", second.iso(), second.start, second.end, rule),
        )
    return _entry_day(text, spans, dates, starts, codebook, "entry_start"), _entry_day(
        text, spans, dates, starts, codebook, "entry_end"
    )


def _stays(text: str, dates: list[DateSpan], codebook: Codebook) -> list[int]:
    """`_entry_ranges` of the document, found once for all its records."""
    cue = codebook.document["entry_cue"]
    key = ("entry_ranges", codebook.version_hash)
    return _per_dates(text, dates, key, lambda: _entry_ranges(text, dates, cue))


def _entry_ranges(text: str, dates: list[DateSpan], cue: re.Pattern[str]) -> list[int]:
    """Indices i of the dates whose pair i, i+1 is a range of days (D1至D2; 2019年7月至8月
    gives none) in a sentence about the stay."""
    found = []
    for i in range(len(dates) - 1):
        first, second = dates[i], dates[i + 1]
        if not _RANGE_JOIN.fullmatch(text, first.end, second.start):
            continue
        if first.day is None or second.day is None or first.iso() is None or second.iso() is None:
            continue
        sentence = sentence_around(text, first.start)
        if cue.search(text, sentence.start, sentence.end):
            found.append(i)
    return found


def _entry_day(
    text: str,
    spans: list[Span],
    dates: list[DateSpan],
    starts: list[int],
    codebook: Codebook,
    variable: str,
) -> Evidence | None:
    """A single day followed by its cue: 于2021年4月7日进驻 / 5月7日结束进驻."""
    cue = codebook.document.get(f"{variable}_cue")
    if cue is None:
        return None
    days = _per_dates(
        text,
        dates,
        ("entry_days", variable, codebook.version_hash),
        lambda: [
            i
            for i, date in enumerate(dates)
            if date.day is not None and cue.match(text, date.end) and date.iso() is not None
        ],
    )
    if (i := _first_inside(spans, starts, days)) is None:
        return None
    date = dates[i]
    match = cue.match(text, date.end)
    return cite(text, variable, date.iso(), date.start, match.end(), f"{variable}.day")


def feedback_date(
    text: str, spans: list[Span], dates: list[DateSpan], codebook: Codebook
) -> Evidence | None:
    """The last full day before 反馈 in its sentence, at most FEEDBACK_REACH characters
    before; not when a locality reports back to the team (向督察组反馈) or the date is a news
    source's (记者…获悉…督察反馈意见), and never a day of the team's stay (…4月22日至5月22日…
    开展督察,随后向湖南省反馈: the stay's range, not the feedback day)."""
    cue = codebook.document["feedback_cue"]
    excludes = codebook.document.get("feedback_excludes")
    starts = _starts(text, dates)
    stay = {dates[i + k].start for i in _stays(text, dates, codebook) for k in (0, 1)}
    for span in _holding(text, cue, spans):
        for match in cue.finditer(text, span.start, span.end):
            sentence = sentence_around(text, match.start())
            # dates (sorted by start) that start in the sentence before the cue
            window = dates[bisect_left(starts, sentence.start) : bisect_left(starts, match.start())]
            before = [
                d
                for d in window
                if sentence.start <= d.start
                and d.end <= match.start()
                and match.start() - d.end <= FEEDBACK_REACH
                and d.month is not None
                and d.start not in stay
                and not _ASOF_LEAD.search(text, max(0, d.start - 6), d.start)
            ]
            if before and before[-1].day is not None and before[-1].iso():
                date = before[-1]
                if "反馈" in text[date.end : match.start()]:
                    continue
                if excludes is not None and excludes.search(text, date.end, match.start()):
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
    for span in _holding(text, lead, spans):
        for match in lead.finditer(text, span.start, span.end):
            date = starts.get(match.end())
            if date is not None and date.day is not None and date.iso():
                return cite(
                    text,
                    "feedback_date",
                    date.iso(),
                    match.start(),
                    date.end,
                    "feedback_date.meeting",
                )
    return None


def _asof_value(text: str, match: re.Match[str], dates: list[DateSpan]) -> str | None:
    """ISO value of one 截至 phrase. A day alone (截至6日) takes month and year from the
    nearest dated day before it; 截至当日/当天 is that day itself."""
    phrase = match.group()
    same_day = _ASOF_SAME_DAY.fullmatch(phrase)
    day_only = _ASOF_DAY_ONLY.fullmatch(phrase)
    if same_day or day_only:
        line = paragraph_around(text, match.start())
        earlier = [
            d
            for d in dates
            if d.end <= match.start() and d.month is not None and d.iso() is not None
        ]
        if same_day:
            earlier = [d for d in earlier if d.day is not None and d.start >= line.start]
        if not earlier:
            return None
        date = earlier[-1]
        if same_day:
            return date.iso()
        day = int(day_only["day"])
        month = date.month if day >= (date.day or 1) else None
        if month is None or date.year is None:
            return None
        return f"{date.year:04d}-{month:02d}-{day:02d}"
    return parse_asof(_ASOF_AS_JIEZHI.sub("截至", phrase), anchor_year(dates, match.start()))


def _asof_in(text: str, span: Span, dates: list[DateSpan], rule: str) -> Evidence | None:
    matches = list(_ASOF.finditer(text, span.start, span.end))
    if not matches:
        return None
    match = matches[-1]
    value = _asof_value(text, match, dates)
    if value is None:
        return None
    return cite(text, "asof", value, match.start(), match.end(), rule)


def asof(
    text: str,
    figures: list[Evidence],
    dates: list[DateSpan],
    heading: list[Span] | None = None,
    passages: list[Span] | None = None,
) -> Evidence | None:
    """The 截至 date stated for the record's figures: before the first figure that has one
    in its sentence (else earlier in its paragraph); empty for 截至目前/目前. A yearless or
    relative date (截至今年8月底) takes the year of the nearest full date before it (else after).

    Failing that, a 截至 date in the heading (…情况通报(截至8月2日)) holds for the whole
    record; and when the record has no coded figure at all, the first 截至 date in a sentence
    of ``passages`` that states a count of tasks or complaints.
    """
    for evidence in figures:
        sentence = sentence_around(text, evidence.start)
        paragraph = paragraph_around(text, evidence.start)
        # up to the figure's end: a date may stand inside its quote (43项任务,截至6月底完成39项)
        for scope in (Span(sentence.start, evidence.end), Span(paragraph.start, evidence.end)):
            if not _ASOF.search(text, scope.start, scope.end):
                continue
            return _asof_in(text, scope, dates, "asof.jiezhi")
    for span in heading or []:
        if (found := _asof_in(text, span, dates, "asof.heading")) is not None:
            return found
    if figures:
        return None
    for span in _holding(text, _ASOF, passages or []):
        for match in _ASOF.finditer(text, span.start, span.end):
            sentence = sentence_around(text, match.start())
            if not _ASOF_FIGURE.search(text, match.end(), sentence.end):
                continue
            value = _asof_value(text, match, dates)
            if value is None:
                return None
            return cite(text, "asof", value, match.start(), match.end(), "asof.figure_sentence")
    return None
