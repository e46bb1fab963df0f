"""The built-in renderer's pieces: .qmd parsing, cell options, numbering, cross-references,
inline values, and a small document rendered end to end through a kernel and pandoc."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from analysis.report import fallback
from analysis.report.assemble import assemble, fill_inline
from analysis.report.execute import Executed, ExecutionError, _inline_value
from analysis.report.pandoc import PandocError
from analysis.report.project import Project
from analysis.report.qmd import Chunk, QmdError, parse, split_options

SMALL = '''---
title: "Small"
bibliography: refs.bib
---

```{python}
#| include: false
x = 41 + 1
name = "forty-two"
```

The answer is `{python} x`, written `{python} name`; see @fig-line and @tbl-t [@knuth1984].

```{python}
#| label: fig-line
#| fig-cap: "A line (@tbl-t has its numbers)."
import matplotlib.pyplot as plt
plt.plot([1, 2, 3])
plt.show()
```

```{python}
#| label: tbl-t
#| tbl-cap: "Numbers."
from IPython.display import Markdown
Markdown("| a | b |\\n|--|--|\\n| 1 | 2 |")
```

```{python}
#| output: asis
print("**asis** text with a reference to @fig-line.")
```

```{python}
#| echo: true
print("shown with its code")
```
'''

BIB = """@article{knuth1984,
  author = {Knuth, Donald E.}, title = {Literate Programming},
  journal = {The Computer Journal}, year = {1984}, volume = {27}, number = {2},
  pages = {97--111}, doi = {10.1093/comjnl/27.2.97}
}
"""

QUARTO_YML = "project:\n  output-dir: _output\n  render: [small.qmd]\nexecute:\n  echo: false\n"


def test_parse_front_matter_chunks_and_inline() -> None:
    doc = parse(SMALL)
    assert doc.meta["title"] == "Small"
    assert [c.label for c in doc.chunks] == [None, "fig-line", "tbl-t", None, None]
    assert doc.chunks[1].kind == "fig" and doc.chunks[2].kind == "tbl"
    assert doc.chunks[1].options["fig-cap"].startswith("A line")
    assert "#|" not in doc.chunks[1].code
    inline = [b for b in doc.blocks if not isinstance(b, Chunk) and b.inline]
    assert inline[0].inline == ["x", "name"]


def test_unsupported_cell_option_is_refused() -> None:
    with pytest.raises(QmdError, match="fig-width"):
        split_options("#| fig-width: 5\nprint(1)")


def test_duplicate_labels_are_refused() -> None:
    text = "```{python}\n#| label: fig-a\n1\n```\n\n```{python}\n#| label: fig-a\n2\n```\n"
    with pytest.raises(QmdError, match="duplicate"):
        parse(text)


def test_inline_values_and_fill() -> None:
    assert _inline_value([{"output_type": "execute_result",
                           "data": {"text/plain": "'1,234'"}}], "x") == "1,234"
    assert _inline_value([{"output_type": "execute_result",
                           "data": {"text/plain": "42"}}], "x") == "42"
    assert _inline_value([{"output_type": "execute_result",
                           "data": {"text/plain": "x", "text/markdown": "**x**"}}], "x") == "**x**"
    assert fill_inline("a `{python} 1` b `{python} f(2)`", ["1", "2"]) == "a 1 b 2"


def test_numbering_and_cross_references() -> None:
    doc = parse(SMALL + "\nAnd @fig-missing.\n")
    png = {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo="}}
    table = {"output_type": "execute_result", "data": {"text/markdown": "| a |\n|--|\n| 1 |"}}
    outputs = [[], [png], [table], [{"output_type": "stream", "name": "stdout",
                                      "text": "see @tbl-t\n"}], []]
    inline = {(1, 0): "42", (1, 1): "forty-two"}
    assembled = assemble(doc, Executed(outputs, inline), {"execute": {"echo": False}})
    markdown = assembled.markdown
    assert assembled.numbers == {"fig-line": 1, "tbl-t": 1}
    assert "[Figure&nbsp;1](#fig-line)" in markdown and "[Table&nbsp;1](#tbl-t)" in markdown
    assert "::: {#fig-line .fig-float}" in markdown
    assert "![Figure&nbsp;1: A line ([Table&nbsp;1](#tbl-t) has its numbers).]" in markdown
    assert "Table&nbsp;1: Numbers." in markdown
    assert "The answer is 42, written forty-two" in markdown
    assert assembled.unresolved == ["fig-missing"] and "?@fig-missing" in markdown
    assert "{python}" not in markdown


def _small_project(tmp_path: Path, text: str = SMALL, bib: str = BIB) -> Project:
    (tmp_path / "small.qmd").write_text(text, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "_quarto.yml").write_text(QUARTO_YML, encoding="utf-8")
    return Project.load(tmp_path)


def test_small_document_renders_end_to_end(tmp_path: Path) -> None:
    project = _small_project(tmp_path)
    [result] = fallback.render_project(project)
    assert result.path == tmp_path / "_output" / "small.html"
    page = result.path.read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    figure = tree.get_element_by_id("fig-line")
    [image] = figure.iter("img")
    assert image.get("src").startswith("data:image/png;base64,")
    assert "Figure 1: A line" in figure.text_content().replace("\xa0", " ")
    assert list(tree.get_element_by_id("tbl-t").iter("table"))
    assert "Knuth" in tree.get_element_by_id("refs").text_content()
    assert "The answer is 42, written forty-two" in tree.text_content()
    assert "print(&quot;shown with its code&quot;)" in page or "shown with its code" in page
    assert "{python}" not in page and "?@" not in page


def test_cell_error_names_the_chunk(tmp_path: Path) -> None:
    text = '---\ntitle: "E"\n---\n\n```{python}\n#| label: tbl-bad\n1 / 0\n```\n'
    project = _small_project(tmp_path, text)
    with pytest.raises(ExecutionError, match=r"tbl-bad.*ZeroDivisionError"):
        fallback.render_project(project)


def test_unknown_citation_fails(tmp_path: Path) -> None:
    text = '---\ntitle: "C"\nbibliography: refs.bib\n---\n\nAs shown [@nobody2000].\n'
    project = _small_project(tmp_path, text)
    with pytest.raises(PandocError, match="nobody2000"):
        fallback.render_project(project)
