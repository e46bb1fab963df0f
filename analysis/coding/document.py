"""Document-level facts read from the page itself: title, publication date, document type."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from analysis.codebook import Codebook
from analysis.coding.dates import DateSpan, anchor_year, find_dates, with_years
from analysis.coding.evidence import Evidence, cite
from analysis.coding.numbers import parse_number
from analysis.coding.text import Span, paragraphs

_TITLE_WORDS = re.compile(r"整改|督察|方案|报告|情况|信访")
_BREADCRUMB = re.compile(r">|》\s*\S+\s*》|首页|当前位置|您的位置")
_FULL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})(?!\d)日?"
    # the dateline of an official document in Chinese numerals: 二〇二三年六月二十五日
    r"|(?P<cy>[〇零一二三四五六七八九]{4})\s*年\s*(?P<cm>[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<cd>[一二三四五六七八九十]{1,3})\s*日"
    # a page stamp day first: 26.07.2017
    r"|(?<![\d.])(?P<ed>\d{2})\.(?P<em>\d{2})\.(?P<ey>(?:19|20)\d{2})(?![\d.])"
)
#: How far into the page the header (title, dateline) may reach.
HEADER_LINES = 15
TITLE_MAX_CHARS = 90
#: The body has begun at the line that is the second to hold a sentence.
BODY_STARTED_AFTER = 2
DATELINE_MAX_CHARS = 80
#: A header line without a page-date cue (环境保护 2024-04-04) is a dateline only when short.
UNCUED_DATELINE_MAX_CHARS = 40


@dataclass(frozen=True)
class Header:
    """What the page says about itself."""

    title: Span | None
    published: Evidence | None
    doc_type: Evidence
    account: bool
    body_end: int  # where the page's tail (related links, footer) begins


def _not_a_title(body: str, codebook: Codebook | None) -> bool:
    """A numbered heading (一、…), a byline or a signature line is not a title."""
    if codebook is None:
        return False
    return any(
        (cue := codebook.document.get(name)) is not None and cue.search(body)
        for name in ("title_not_heading", "title_not_byline", "title_not_signature")
    )


def find_title(text: str, codebook: Codebook | None = None) -> Span | None:
    """The first short line that reads like a rectification title (breadcrumbs skipped).

    A title comes before the body: the search stops at the second line holding a sentence
    (。; one such line may be a page summary above the title), and a line that is itself a
    sentence, a numbered heading, a byline or a signature is not a candidate. A page without
    such a line has no title and is coded whole.
    """
    sentence_lines = 0
    for line in paragraphs(text)[: HEADER_LINES * 2]:
        body = line.text(text).strip()
        if "。" in body:
            sentence_lines += 1
            if sentence_lines == BODY_STARTED_AFTER:
                return None
            continue
        if len(body) > TITLE_MAX_CHARS or _BREADCRUMB.search(body) or _not_a_title(body, codebook):
            continue
        if _TITLE_WORDS.search(body):
            lead = len(line.text(text)) - len(line.text(text).lstrip())
            return Span(line.start + lead, line.start + lead + len(body))
    return None


def _iso(match: re.Match[str]) -> str | None:
    if match["cy"]:
        year, month, day = (int(parse_number(match[k])) for k in ("cy", "cm", "cd"))
    elif match["ey"]:
        year, month, day = int(match["ey"]), int(match["em"]), int(match["ed"])
    else:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_body_end(text: str, title: Span | None, codebook: Codebook) -> int:
    """Offset of the first tail line (相关新闻, 上一篇, 版权所有 …) after the body has begun
    (after the first line holding a full sentence); the text's end when there is none."""
    cue = codebook.document.get("body_end")
    if cue is None:
        return len(text)
    started = False
    for line in paragraphs(text):
        if title is not None and line.end <= title.end:
            continue
        body = line.text(text)
        if started and cue.match(body):
            return line.start
        started = started or "。" in body
    return len(text)


def find_published(
    text: str,
    title: Span | None,
    codebook: Codebook,
    end: int | None = None,
    dates: list[DateSpan] | Callable[[], list[DateSpan]] | None = None,
) -> Evidence | None:
    """The page's own publication date: a dated header line, else a closing dateline, else
    a news dateline (某某网1月3日讯) with the year of the nearest full date.

    Header lines are short lines near the top (a line with a page-date cue such as 发布日期
    or 添加时间 is preferred; a line without one counts only before the body's first
    sentence). A date without a year (日期:09-28) is not a publication date, nor is a line
    giving the team's stay (督察进驻时间:…) or the date under the inspection team's own
    signature (a notice of the team reproduced in the page). ``dates`` (the page's dates
    with years) may be given as a function, called only when a news dateline needs them.
    """
    cue = codebook.document["page_date_cue"]
    today = codebook.document.get("page_today_cue")
    not_page = codebook.document.get("page_date_excludes")
    lines = [line for line in paragraphs(text) if end is None or line.start < end]
    body_line = next((i for i, line in enumerate(lines) if "。" in line.text(text)), len(lines))
    header = [
        (i, line)
        for i, line in enumerate(lines[:HEADER_LINES])
        if len(line.text(text).strip()) <= DATELINE_MAX_CHARS
        and (title is None or not (line.start <= title.start < line.end))
        and not (today is not None and today.search(line.text(text)))
        and not (not_page is not None and not_page.search(line.text(text)))
    ]
    header = [
        line
        for i, line in header
        if cue.search(line.text(text))
        or (
            len(line.text(text).strip()) <= UNCUED_DATELINE_MAX_CHARS
            and "。" not in line.text(text)
            and i < body_line
        )
    ]
    ranked = sorted(header, key=lambda line: (not cue.search(line.text(text)), line.start))
    for line in ranked:
        for match in _FULL_DATE.finditer(text, line.start, line.end):
            if iso := _iso(match):
                return cite(
                    text, "published_date", iso, match.start(), match.end(), "published_date.header"
                )
    signer = codebook.document.get("not_page_signature")
    tail = lines[-6:]
    for k in range(len(tail) - 1, -1, -1):
        body = tail[k].text(text).strip()
        match = _FULL_DATE.fullmatch(body)
        if match and (iso := _iso(match)):
            before = tail[k - 1].text(text).strip() if k > 0 else ""
            if signer is not None and signer.search(before):
                break
            start = text.index(body, tail[k].start)
            return cite(
                text, "published_date", iso, start, start + len(body), "published_date.dateline"
            )
    return _news_dateline(text, lines[:HEADER_LINES], codebook, dates)


def _news_dateline(
    text: str,
    lines: list[Span],
    codebook: Codebook,
    dates: list[DateSpan] | Callable[[], list[DateSpan]] | None,
) -> Evidence | None:
    """某某网1月3日讯 / 本报北京3月5日电 opening a paragraph, the year from the nearest
    full date of the page."""
    pattern = codebook.document.get("news_dateline")
    if pattern is None:
        return None
    for line in lines:
        match = pattern.match(text, line.start, line.end)
        if match is None:
            continue
        if callable(dates):
            dates = dates()
        year = anchor_year(dates or [], match.start())
        month, day = int(match["month"]), int(match["day"])
        if year is None or not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        return cite(
            text,
            "published_date",
            f"{year:04d}-{month:02d}-{day:02d}",
            match.start(),
            match.end(),
            "published_date.news_dateline",
        )
    return None


def _last(pattern: re.Pattern[str], words: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(words):  # noqa: B007 - the last match is wanted
        pass
    return found


def find_doc_type(text: str, title: Span | None, codebook: Codebook) -> Evidence:
    """plan for 整改方案 or a published task list (整改清单, 任务清单 …); progress for an
    account of what was done (the default).

    The title decides when it names either: its last cue is its head noun (…督察报告整改方案
    is a plan, …整改方案阶段性进展情况 a progress report), and a qualifier in brackets
    (公开版, 向社会公开) is not a cue. Otherwise the body decides: a plan states that it is
    one (制定本方案, 《整改方案》明确…, …清单…现予公布).
    """
    doc = codebook.document
    if title is not None:
        words = title.text(text)
        if (qualifier := doc.get("title_qualifier")) is not None:
            words = qualifier.sub(lambda m: " " * len(m.group()), words)
        plan = _last(doc["plan_title"], words)
        progress = _last(doc["progress_title"], words)
        if plan and not (progress and progress.start() > plan.start()):
            return cite(text, "doc_type", "plan", title.start, title.end, "doc_type.plan_title")
        if progress:
            return cite(text, "doc_type", "progress", title.start, title.end, "doc_type.title")
    match = doc["plan_body"].search(text)
    if match:
        return cite(text, "doc_type", "plan", match.start(), match.end(), "doc_type.plan_body")
    if title is not None:
        return cite(text, "doc_type", "progress", title.start, title.end, "doc_type.title")
    return Evidence("doc_type", "progress", "", 0, 0, "doc_type.default")


def is_account(text: str, title: Span | None, codebook: Codebook) -> bool:
    """False for a page that never speaks of an inspection or rectification (environmental-
    status news) and for a report of the inspection team's own findings (督察组反馈督察情况)."""
    cue = codebook.document.get("account_cue")
    if cue is not None and not cue.search(text):
        return False
    if title is None:
        return True
    words = title.text(text)
    return not (codebook.document["feedback_report_title"].search(words) and "整改" not in words)


def read_header(text: str, codebook: Codebook) -> Header:
    """Title, publication date, document type and whether the page is a rectification account."""
    title = find_title(text, codebook)
    end = find_body_end(text, title, codebook)
    return Header(
        title=title,
        published=find_published(text, title, codebook, end, lambda: with_years(find_dates(text))),
        doc_type=find_doc_type(text, title, codebook),
        account=is_account(text, title, codebook),
        body_end=end,
    )
