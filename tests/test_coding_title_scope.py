"""Text scope: which line is the page title, and a page without one is coded whole."""

from __future__ import annotations

import pytest

from analysis.codebook import default_codebook
from analysis.coding.document import find_title
from analysis.coding.segment import split_records
from analysis.ingest import normalize


def title_of(raw: str) -> str | None:
    text = normalize(raw)
    span = find_title(text, default_codebook())
    return None if span is None else span.text(text)


@pytest.mark.parametrize(
    "raw",
    [
        # a numbered heading after a lead paragraph
        "截至2022年11月底,方案所列46项任务中29项完成了整改。\n一、强化政治担当,层层压实整改责任\n",
        "二、整改原则\n(一)坚持党政同责。各地对照督察反馈意见整改。\n",
        "(三)全面推进督察整改\n各项任务按期推进。\n",
        "3.加快督察整改进度\n全市上下把整改情况纳入考核。\n",
        # a byline, then the figure sentence
        "本网记者 李晓 通讯员 周洁\n至11月5日,督察组向我市累计转交信访件512件,已办结377件。\n",
        # a short body sentence is not a title
        "全市上下把整改情况纳入年度考核。\n各地整改有序。\n",
        # a signature line holding 督察
        "督察组转来的举报件已全部交办。\n四川省生态环境保护督察绵阳市协调联络组\n",
        # a candidate after the body has begun
        "中央督察组反馈意见后,市委高度重视。\n各区建立了整改机制。\n深入推进督察整改工作\n",
    ],
)
def test_no_title(raw: str) -> None:
    assert title_of(raw) is None


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "首页 > 要闻 > 正文\n江门市公开督察整改落实情况\n发布时间:2022-03-01\n",
            "江门市公开督察整改落实情况",
        ),
        (
            "报告显示,全市已完成整改任务30项。\n首页> 环境> 正文\n江门市督察整改落实情况的报告\n"
            "江门市督察整改落实情况的报告全文如下。\n",
            "江门市督察整改落实情况的报告",
        ),
        (
            "2023年第一批信访件办理情况公示\n督察组交办信访件15件。\n",
            "2023年第一批信访件办理情况公示",
        ),
    ],
)
def test_title_before_the_body(raw: str, title: str) -> None:
    assert title_of(raw) == title


def test_a_page_without_a_title_is_coded_from_its_first_line() -> None:
    text = normalize(
        "2021年8月29日至9月29日,中央第五生态环境保护督察组进驻我省。到2022年11月底,"
        "江门市46项任务中29项完成了整改。\n一、强化政治担当,层层压实整改责任\n各地对照清单推进整改。\n"
    )
    codebook = default_codebook()
    title = find_title(text, codebook)
    records = split_records(text, title, len(text), codebook).records
    assert title is None
    assert records[0].passages[0].start == 0


def test_a_lead_sentence_above_the_title_is_coded() -> None:
    text = normalize(
        "2022年3月1日至4月1日,中央第三生态环境保护督察组对吉林省开展了第二轮督察。\n"
        "吉林省贯彻落实第二轮中央生态环境保护督察报告整改方案\n各地对照清单推进整改。\n"
    )
    codebook = default_codebook()
    title = find_title(text, codebook)
    assert title is not None and title.text(text).startswith("吉林省贯彻落实")
    record = split_records(text, title, len(text), codebook).records[0]
    assert record.passages[0].start == 0
    assert all(not (title.start <= p.start < title.end) for p in record.passages)


@pytest.mark.parametrize(
    "raw",
    [
        # a figure sentence whose 。 is missing: three clauses, with counts
        "截至9月10日,省委第三生态环境保护督察组累计交办我县信访件46件,已办结31件\n"
        "一、强化组织领导\n",
        "目前,督察反馈的22个问题已完成整改17个,其余5个按序时推进\n(一)压实整改责任\n",
    ],
)
def test_a_figure_sentence_without_its_full_stop_is_no_title(raw: str) -> None:
    assert title_of(raw) is None


def test_a_title_with_one_comma_is_still_a_title() -> None:
    raw = "山东:截至6月底,第二轮中央督察整改任务完成率达85%\n截至6月底,全省整改任务完成率达85%。\n"
    assert title_of(raw) == "山东:截至6月底,第二轮中央督察整改任务完成率达85%"
