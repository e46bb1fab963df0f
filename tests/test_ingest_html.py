"""Tests for analysis.ingest.html_to_text and HTML files through read_document."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import InputError
from analysis.ingest import html_to_text, read_document

PAGE = """<!DOCTYPE html>
<html><head><meta charset="gbk">
<title>河源市关于第二轮中央生态环境保护督察整改落实情况的报告 - 河源市人民政府</title>
<style>.x { color: red }</style>
<script>var nav = "首页菜单脚本";</script>
</head>
<body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li>政务公开</li></ul></div>
<nav><a>专题专栏</a></nav>
<div id="breadcrumb">当前位置：首页 &gt; 新闻报道</div>
<div class="app-download">下载河源发布APP，随时掌握资讯</div>
<table class="layout"><tr><td>
  <table><tr><td>
    <h1>河源市关于第二轮中央生态环境保护督察整改落实情况的报告</h1>
    <div class="info">发布日期：2023-06-25 15:38:38&nbsp;&nbsp;来源：本网</div>
    <div class="bdsharebuttonbox"><a>分享到微信</a><a>微博</a></div>
    <div class="content">
      <p>　　截至2023年5月底，17项整改任务中，已完成4项；<br>督察组移交的225件信访件均已办结。</p>
      <p>2022年，我市空气质量优良率（AQI）为96.2%。<!-- 注释 --></p>
      <table><tr><td>指标</td><td>数值</td></tr><tr><td>PM2.5</td><td>19</td></tr></table>
    </div>
  </td></tr></table>
</td></tr></table>
<div class="comment-list">网友评论：很好</div>
<div class="footer">版权所有：河源市人民政府 粤ICP备05080000号</div>
<footer>联系我们</footer>
</body></html>
"""

EXPECTED = (
    "河源市关于第二轮中央生态环境保护督察整改落实情况的报告\n"
    "发布日期:2023-06-25 15:38:38  来源:本网\n"
    "截至2023年5月底,17项整改任务中,已完成4项;\n"
    "督察组移交的225件信访件均已办结。\n"
    "2022年,我市空气质量优良率(AQI)为96.2%。\n"
    "指标\t数值\n"
    "PM2.5\t19"
)


def test_page_through_read_document_gbk(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("gbk"))
    assert read_document(path) == EXPECTED


def test_html_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(PAGE.encode("utf-8"))
    assert read_document(path) == EXPECTED


def test_chrome_dropped_main_text_and_dateline_kept() -> None:
    text = html_to_text(PAGE)
    for chrome in ("首页", "菜单", "专题专栏", "当前位置", "APP", "分享", "评论", "版权", "联系"):
        assert chrome not in text, chrome
    assert "发布日期：2023-06-25 15:38:38\xa0\xa0来源：本网" in text
    assert "督察组移交的225件信访件均已办结。" in text


def test_title_added_when_no_heading_repeats_it() -> None:
    html = (
        "<html><head><title>焦作市整改情况的报告_焦作市生态环境局</title></head>"
        "<body><p>添加时间: 2023-05-29</p><p>正文。</p></body></html>"
    )
    assert (
        html_to_text(html) == "焦作市整改情况的报告_焦作市生态环境局\n添加时间: 2023-05-29\n正文。"
    )


def test_dateline_with_print_links_is_kept() -> None:
    html = "<body><div>发布日期:2021-09-30 【打印本页】【关闭窗口】</div><p>正文</p></body>"
    assert html_to_text(html) == "发布日期:2021-09-30 【打印本页】【关闭窗口】\n正文"


def test_short_chrome_lines_dropped() -> None:
    html = "<body><div>打印本页 关闭窗口</div><div>扫一扫在手机打开当前页</div><p>正文</p></body>"
    assert html_to_text(html) == "正文"


def test_article_header_is_kept_but_page_header_dropped() -> None:
    html = (
        "<body><header>市政府门户网站</header><article><header><h1>标题</h1>"
        "<time>2023-06-25</time></header><p>正文</p></article></body>"
    )
    assert html_to_text(html) == "标题\n2023-06-25\n正文"


def test_hidden_elements_and_tails() -> None:
    html = '<body><p>前<span style="display: none">隐藏</span>后<script>x()</script>尾</p></body>'
    assert html_to_text(html) == "前后尾"


def test_xml_declaration_and_empty() -> None:
    assert (
        html_to_text('<?xml version="1.0" encoding="utf-8"?><html><body>文</body></html>') == "文"
    )
    assert html_to_text("") == ""


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>首页</nav><script>x</script></body></html>")
    with pytest.raises(InputError, match="no text"):
        read_document(path)
