"""Main text of an HTML page: page chrome dropped, title, dateline and block structure kept.

Rules:

* dropped with their content: comments, processing instructions, the elements in
  ``DROP_TAGS`` (but a ``header``/``footer`` inside ``article``/``main`` is the article's own
  and is kept), elements hidden by ``style="display:none"``/``hidden``, elements whose class
  or id has a token (split at spaces, ``-``, ``_``) in ``CHROME_TOKENS`` or contains one of
  ``CHROME_SUBSTRINGS`` (navigation, menus, breadcrumbs, share buttons, app-download ads,
  copyright/footer, comments, ...), and short innermost blocks (no block or cell inside,
  under ``SHORT_CHROME`` characters, with no date, 发布, 来源, 日期 or 时间 in them) whose
  text matches one of ``CHROME_TEXT``
  (当前位置, 分享到, 打印本页, 版权所有, 下载客户端, ...). Text after a dropped element is kept;
* the page ``<title>`` is put first unless its main part (before `` - ``, ``_`` or ``|``)
  already occurs in the body text (usually as the h1);
* block elements (``BLOCK_TAGS``) and ``<br>`` start new lines; table cells are separated by
  a tab; whitespace inside a line is collapsed to one space (not inside ``<pre>``); lines
  are stripped and empty lines dropped.

Datelines such as ``发布日期:2023-06-25 来源:…`` are ordinary text and are kept.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

DROP_TAGS = frozenset(
    "script style noscript nav header footer aside form iframe button select input textarea "
    "template svg canvas object embed video audio map".split()
)
BLOCK_TAGS = frozenset(
    "p div br li ul ol dl dt dd tr table thead tbody tfoot caption h1 h2 h3 h4 h5 h6 "
    "section article main blockquote pre hr center address figure figcaption body".split()
)
CELL_TAGS = frozenset({"td", "th"})
_INNER_BLOCKS = (BLOCK_TAGS | CELL_TAGS) - {"br"}
CHROME_TOKENS = frozenset(
    """
    nav navbar navigation subnav menu menus topmenu mainmenu breadcrumb breadcrumbs crumb crumbs
    position curpos location dqwz mbx share sharing bdshare bdsharebuttonbox jiathis
    social fenxiang app appdown appdownload downapp qrcode ewm
    copyright banquan bq footer foot bottom comment comments pinglun reply sidebar toolbar
    topbar login search sousuo advert ads
    """.split()
)
CHROME_SUBSTRINGS = (
    "share",
    "breadcrumb",
    "copyright",
    "navbar",
    "navigation",
    "appdown",
    "footer",
)
SECTION_TAGS = frozenset({"header", "footer"})
CHROME_TEXT = tuple(
    re.compile(p)
    for p in (
        r"^(当前位置|您的位置|您现在的位置|当前的位置)\s*[:：]",
        r"^分享到",
        r"(打印本页|关闭窗口|打印\s*关闭|【\s*打印\s*】|【\s*关闭\s*】)",
        r"(版权所有|Copyright|©|ICP备|网站标识码|网站地图)",
        r"(下载客户端|下载\s*APP|扫码下载|扫一扫)",
        r"^【?\s*字体\s*[:：]?\s*[【\[]?\s*(大|默认)",
    )
)
SHORT_CHROME = 80

_TOKEN_SPLIT = re.compile(r"[\s_-]+")
_DATELINE = re.compile(r"\d{4}\s*[-年/.]\s*\d{1,2}|发布|来源|日期|时间")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"[ \t\n\r\f]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TITLE_SPLIT = re.compile(r"\s+[-–|]\s+|_|\|")
_NEWLINE, _TAB = "\x00N", "\x00T"  # structural markers, resolved at the end


def _is_chrome(el: lxml.html.HtmlElement) -> bool:
    if el.tag in DROP_TAGS or el.get("hidden") is not None:
        return not (el.tag in SECTION_TAGS and _inside_article(el))
    if _HIDDEN.search(el.get("style", "")):
        return True
    names = f"{el.get('class', '')} {el.get('id', '')}".lower()
    tokens = set(_TOKEN_SPLIT.split(names))
    if tokens & CHROME_TOKENS or any(s in names for s in CHROME_SUBSTRINGS):
        return True
    if el.tag in ("html", "body") or any(d.tag in _INNER_BLOCKS for d in el.iterdescendants()):
        return False
    text = el.text_content().strip()
    if len(text) >= SHORT_CHROME or _DATELINE.search(text):
        return False
    return any(p.search(text) for p in CHROME_TEXT)


def _inside_article(el: lxml.html.HtmlElement) -> bool:
    return any(a.tag in ("article", "main") for a in el.iterancestors())


def _drop_chrome(root: lxml.html.HtmlElement) -> None:
    for node in root.xpath("//comment() | //processing-instruction()"):
        _remove_keep_tail(node)
    # Outer elements first; an element detached with a dropped ancestor is skipped.
    for el in list(root.iter()):
        if isinstance(el.tag, str) and _root_of(el) is root and el is not root:
            if _is_chrome(el):
                el.drop_tree()


def _root_of(el: lxml.etree._Element) -> lxml.etree._Element:
    parent = el.getparent()
    while parent is not None:
        el, parent = parent, parent.getparent()
    return el


def _remove_keep_tail(node: lxml.etree._Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def _render(el: lxml.etree._Element, out: list[str], pre: bool = False) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    pre = pre or tag == "pre"
    block = tag in BLOCK_TAGS
    if block:
        out.append(_NEWLINE)
    if el.text:
        out.append(_text(el.text, pre))
    for child in el:
        _render(child, out, pre)
    if tag in CELL_TAGS:
        out.append(_TAB)
    if block:
        out.append(_NEWLINE)
    if el.tail:
        out.append(_text(el.tail, pre))


def _text(text: str, pre: bool) -> str:
    if pre:
        return text.replace("\r\n", "\n").replace("\n", _NEWLINE)
    return _SPACE.sub(" ", text)


def _lines(parts: list[str]) -> list[str]:
    joined = "".join(parts).replace(_NEWLINE, "\n")
    lines = []
    for line in joined.split("\n"):
        cells = [c.strip() for c in line.split(_TAB)]
        line = "\t".join(c for c in cells if c)
        if line:
            lines.append(line)
    return lines


def html_to_text(html: str) -> str:
    """Return the main text of ``html`` as lines (see module docstring for the rules)."""
    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    titles = [t.text_content().strip() for t in root.iter("title")]
    _drop_chrome(root)
    body = root.find("body")
    out: list[str] = []
    _render(body if body is not None else root, out)
    lines = _lines(out)
    title = next((t for t in titles if t), "")
    if title:
        main = _TITLE_SPLIT.split(title)[0].strip()
        if main not in "\n".join(lines):
            lines.insert(0, _SPACE.sub(" ", title))
    return "\n".join(lines)


_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(r"<(html|head|body|meta|div|p|br|table|span|a|title)[\s>/]", re.I)


def looks_like_html(text: str) -> bool:
    """True if ``text`` starts like an HTML document or is dense with HTML tags."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAG.findall(head)) >= 5 or bool(re.search(r"<(html|body)[\s>]", head, re.I))
