"""Document-level facts read from the page itself: title, publication date, document type."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.codebook import Codebook
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
)
#: How far into the page the header (title, dateline) may reach.
HEADER_LINES = 15
TITLE_MAX_CHARS = 90
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


def find_title(text: str) -> Span | None:
    """The first short line that reads like a rectification title (breadcrumbs skipped)."""
    for line in paragraphs(text)[: HEADER_LINES * 2]:
        body = line.text(text).strip()
        if len(body) > TITLE_MAX_CHARS or _BREADCRUMB.search(body):
            continue
        if _TITLE_WORDS.search(body):
            lead = len(line.text(text)) - len(line.text(text).lstrip())
            return Span(line.start + lead, line.start + lead + len(body))
    return None


def _iso(match: re.Match[str]) -> str | None:
    if match["cy"]:
        year, month, day = (int(parse_number(match[k])) for k in ("cy", "cm", "cd"))
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
    text: str, title: Span | None, codebook: Codebook, end: int | None = None
) -> Evidence | None:
    """The page's own publication date: a dated header line, else a closing dateline.

    Header lines are short lines near the top (a line with a page-date cue such as 发布日期
    or 添加时间 is preferred). A date without a year (日期:09-28) is not a publication date.
    """
    cue = codebook.document["page_date_cue"]
    today = codebook.document.get("page_today_cue")
    lines = [line for line in paragraphs(text) if end is None or line.start < end]
    header = [
        line
        for line in lines[:HEADER_LINES]
        if len(line.text(text).strip()) <= DATELINE_MAX_CHARS
        and (title is None or not (line.start <= title.start < line.end))
        and not (today is not None and today.search(line.text(text)))
    ]
    header = [
        line
        for line in header
        if cue.search(line.text(text))
        or (
            len(line.text(text).strip()) <= UNCUED_DATELINE_MAX_CHARS
            and "。" not in line.text(text)
        )
    ]
    ranked = sorted(header, key=lambda line: (not cue.search(line.text(text)), line.start))
    for line in ranked:
        for match in _FULL_DATE.finditer(text, line.start, line.end):
            if iso := _iso(match):
                return cite(
                    text, "published_date", iso, match.start(), match.end(), "published_date.header"
                )
    for line in reversed(lines[-6:]):
        body = line.text(text).strip()
        match = _FULL_DATE.fullmatch(body)
        if match and (iso := _iso(match)):
            start = text.index(body, line.start)
            return cite(
                text, "published_date", iso, start, start + len(body), "published_date.dateline"
            )
    return None


def _last(pattern: re.Pattern[str], words: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(words):  # noqa: B007 - the last match is wanted
        pass
    return found


def find_doc_type(text: str, title: Span | None, codebook: Codebook) -> Evidence:
    """plan for 整改方案; progress for an account of what was done (the default)."""
    doc = codebook.document
    if title is not None:
        words = title.text(text)
        # The title's last cue is its head noun: …督察报告整改方案 is a plan, …整改方案
        # 阶段性进展情况 a progress report.
        plan = _last(doc["plan_title"], words)
        progress = _last(doc["progress_title"], words)
        if plan and not (progress and progress.start() > plan.start()):
            return cite(text, "doc_type", "plan", title.start, title.end, "doc_type.plan_title")
        return cite(text, "doc_type", "progress", title.start, title.end, "doc_type.title")
    match = re.search(r"制定(?:如下|本)(?:整改)?方案|特制定(?:本)?方案", text)
    if match:
        return cite(text, "doc_type", "plan", match.start(), match.end(), "doc_type.plan_body")
    return Evidence("doc_type", "progress", "", 0, 0, "doc_type.default")


def is_account(text: str, title: Span | None, codebook: Codebook) -> bool:
    """False for a report of the inspection team's own findings (督察组反馈督察情况)."""
    if title is None:
        return True
    words = title.text(text)
    return not (codebook.document["feedback_report_title"].search(words) and "整改" not in words)


def read_header(text: str, codebook: Codebook) -> Header:
    """Title, publication date, document type and whether the page is a rectification account."""
    title = find_title(text)
    end = find_body_end(text, title, codebook)
    return Header(
        title=title,
        published=find_published(text, title, codebook, end),
        doc_type=find_doc_type(text, title, codebook),
        account=is_account(text, title, codebook),
        body_end=end,
    )
