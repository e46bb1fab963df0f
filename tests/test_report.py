"""The reports rendered through the built-in path on the real data, checked as a reader would:
every figure and table filled, every cross-reference, citation and trace link resolved, no
inline expression left raw, no cell error; and the page opened in headless Chromium.

The render runs in a scratch project directory (``RECTIFY_ROOT``) that reads the repository's
``data/`` and writes the models' tables, the figures, the HTML and the PDF there, so the test
needs nothing beyond a fresh clone and leaves the working tree untouched. The PDF is read with
poppler's ``pdftotext`` and ``pdffonts`` (``make fonts`` installs them with the CJK fonts).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html as lxml_html

from analysis.errors import InputError
from analysis.report import browser, quarto, render

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
PROJECT_FILES = ("_quarto.yml", "report.qmd", "codebook.qmd", "references.bib", "style.css",
                 "chicago-author-date.csl")


@dataclass
class Rendered:
    root: Path
    pages: dict[str, Path]
    stderr: str
    pdfs: dict[str, Path]


def _scratch_root(base: Path) -> Path:
    (base / "data").mkdir()
    for part in ("raw", "clean", "gold", "interim"):
        if (ROOT / "data" / part).exists():
            (base / "data" / part).symlink_to(ROOT / "data" / part)
    (base / "reports" / "tables").mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(REPORTS / name, base / "reports" / name)
    for table in (REPORTS / "tables").glob("validation*"):
        shutil.copy2(table, base / "reports" / "tables" / table.name)
    (base / "figures").mkdir()
    return base


def _pipeline_outputs(base: Path) -> None:
    """The models' tables and the figures the report shows, written into the scratch root."""
    from analysis import figures, models

    models.run(clean_dir=ROOT / "data" / "clean", tables_dir=base / "reports" / "tables")
    figures.run(clean_dir=ROOT / "data" / "clean", figures_dir=base / "figures",
                tables_dir=base / "reports" / "tables")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    base = _scratch_root(tmp_path_factory.mktemp("project"))
    _pipeline_outputs(base)
    stderr = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stderr(stderr):
        patch.setenv("RECTIFY_ROOT", str(base))
        written = render.run(renderer="fallback", to="all", reports_dir=base / "reports")
    pages = {p.stem: p for p in written if p.suffix == ".html"}
    pdfs = {p.stem: p for p in written if p.suffix == ".pdf"}
    return Rendered(base, pages, stderr.getvalue(), pdfs)


def _tree(rendered: Rendered, page: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(rendered.pages[page].read_text(encoding="utf-8"))


def _labels(page: str, kind: str) -> list[str]:
    text = (REPORTS / f"{page}.qmd").read_text(encoding="utf-8")
    return re.findall(rf"#\| label: ({kind}-[\w-]+)", text)


def test_writes_both_pages_and_says_which_renderer(rendered: Rendered) -> None:
    assert set(rendered.pages) == {"report", "codebook"}
    for path in rendered.pages.values():
        assert path.parent == rendered.root / "reports" / "_output" and path.stat().st_size
    assert "built-in fallback" in rendered.stderr and "Quarto not used" in rendered.stderr


@pytest.mark.parametrize("page", ["report", "codebook"])
def test_no_raw_inline_code_reference_or_missing_value(rendered: Rendered, page: str) -> None:
    text = _tree(rendered, page).text_content()
    assert "{python}" not in text
    assert "?@" not in text
    assert not re.search(r"(?<![\w.])@(fig|tbl|sec)-", text), "cross-reference left as text"
    assert "n/a" not in text, "a fact of the text could not be computed"
    assert "Not available" not in text, "a table or figure was not filled"
    assert not re.search(r"Traceback \(most recent|\b[A-Z]\w*(Error|Warning): ", text)


@pytest.mark.parametrize("page", ["report", "codebook"])
def test_every_figure_has_an_embedded_image(rendered: Rendered, page: str) -> None:
    tree = _tree(rendered, page)
    for label in _labels(page, "fig"):
        images = list(tree.get_element_by_id(label).iter("img"))
        assert images, f"{label} has no image"
        assert all(i.get("src", "").startswith("data:image/png;base64,") for i in images)
    for image in tree.iter("img"):
        assert image.get("src", "").startswith("data:image/"), "image not embedded"


@pytest.mark.parametrize("page", ["report", "codebook"])
def test_every_table_is_a_captioned_table(rendered: Rendered, page: str) -> None:
    tree = _tree(rendered, page)
    numbers = []
    for label in _labels(page, "tbl"):
        float_ = tree.get_element_by_id(label)
        assert list(float_.iter("table")), f"{label} has no table"
        caption = float_.text_content().replace("\xa0", " ")
        numbers.append(int(re.search(r"Table (\d+):", caption).group(1)))
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("page", ["report", "codebook"])
def test_every_internal_link_resolves(rendered: Rendered, page: str) -> None:
    tree = _tree(rendered, page)
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    targets = [a.get("href")[1:] for a in tree.iter("a") if (a.get("href") or "").startswith("#")]
    assert targets
    assert sorted(set(targets) - ids) == []


def test_citations_resolved_and_listed(rendered: Rendered) -> None:
    tree = _tree(rendered, "report")
    text = (REPORTS / "report.qmd").read_text(encoding="utf-8")
    cited = set(re.findall(r"@([a-z][\w-]*\d{4}\w*)", text))
    entries = {e.get("id") for e in tree.iter("div") if (e.get("id") or "").startswith("ref-")}
    assert {f"ref-{key}" for key in cited} <= entries
    assert "???" not in tree.text_content()


def test_values_trace_to_verbatim_quotes(rendered: Rendered) -> None:
    tree = _tree(rendered, "report")
    trace_rows = [e for e in tree.iter() if (e.get("id") or "").startswith("trace-Q")]
    assert trace_rows
    record_links = [a for a in tree.get_element_by_id("tbl-records").iter("a")
                    if a.get("href", "").startswith("#trace-")]
    assert record_links, "the records table links no value to its quote"
    appendix = tree.get_element_by_id("tbl-trace")
    assert list(appendix.iter("strong")), "quotes are not highlighted in their sentences"
    text = " ".join(tree.text_content().split())
    match = re.search(r"([\d,]+) of the ([\d,]+) quotes were checked", text)
    assert match and match.group(1) == match.group(2)


def test_opens_in_headless_chromium(rendered: Rendered, tmp_path: Path) -> None:
    reason = browser.missing_reason()
    if reason:
        pytest.skip(reason)
    for page, path in rendered.pages.items():
        check = browser.check(path, screenshot=tmp_path / f"{page}.png")
        assert check.console_errors == [], check.console_errors
        assert check.broken_images == [], check.broken_images
        assert check.images == len(list(_tree(rendered, page).iter("img")))
        assert (tmp_path / f"{page}.png").stat().st_size > 10_000


def test_degrades_without_models_and_figures(tmp_path: Path, monkeypatch) -> None:
    """With the panel's consumers not run yet, the report still renders and says why."""
    base = _scratch_root(tmp_path)
    monkeypatch.setenv("RECTIFY_ROOT", str(base))
    with contextlib.redirect_stderr(io.StringIO()):
        written = render.run(renderer="fallback", reports_dir=base / "reports")
    tree = lxml_html.fromstring(written[0].read_text(encoding="utf-8"))
    text = " ".join(tree.text_content().split())
    assert "Not available: reports/tables/models_coefficients.csv not found" in text
    assert "Not available: figures/event_study_pm25.png not found" in text
    for label in _labels("report", "fig") + _labels("report", "tbl"):
        assert tree.get_element_by_id(label) is not None
    # the panel-coverage figure is a file of the figures stage like the others
    assert "Not available: figures/panel_coverage.png not found" in text


@pytest.mark.skipif(quarto.find() is None, reason="Quarto (1.4+) is not on PATH")
def test_quarto_renders_the_same_project(tmp_path: Path, monkeypatch) -> None:
    base = _scratch_root(tmp_path)
    _pipeline_outputs(base)
    monkeypatch.setenv("RECTIFY_ROOT", str(base))
    written = render.run(renderer="quarto", to="all", reports_dir=base / "reports")
    assert all(path.exists() for path in written)


def test_asking_for_quarto_where_there_is_none_is_one_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no quarto here
    with pytest.raises(InputError, match=r"^quarto: not found on PATH") as error:
        render.run(renderer="quarto", reports_dir=REPORTS)
    assert "\n" not in str(error.value)


def _poppler(tool: str, pdf: Path) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not found: install poppler-utils (`make fonts`, as root)")
    return subprocess.run([tool, str(pdf)] + (["-"] if tool == "pdftotext" else []),
                          capture_output=True, text=True, check=True).stdout


def test_pdf_has_the_chinese_text_contents_and_every_table(rendered: Rendered) -> None:
    text = _poppler("pdftotext", rendered.pdfs["report"])
    assert "整改" in text and "河源市" in text and "生态环境保护督察" in text
    assert "Contents" in text and "1 Question" in text  # TOC and section numbers
    tables = _labels("report", "tbl")
    assert len(tables) >= 5
    for number in range(1, len(tables) + 1):
        assert f"Table {number}:" in text, f"caption of table {number} missing from the PDF"
    assert "?@" not in text and "{python}" not in text
    # citations formatted by the project's CSL (Chicago author-date: et al. from 3 authors)
    assert "Borusyak et al. 2024" in " ".join(text.split())
    fonts = _poppler("pdffonts", rendered.pdfs["report"])
    assert "CJK" in fonts, "no CJK font embedded: the Chinese characters would be missing"


def test_citations_follow_the_project_csl(rendered: Rendered) -> None:
    text = " ".join(_tree(rendered, "report").text_content().split())
    assert "Borusyak et al. 2024" in text and "Borusyak, Jaravel" not in text.split("References")[0]


def test_codebook_pdf_has_its_rules(rendered: Rendered) -> None:
    text = _poppler("pdftotext", rendered.pdfs["codebook"])
    assert "整改" in text and "Contents" in text


def test_every_format_option_is_declared_in_the_project() -> None:
    import yaml

    config = yaml.safe_load((REPORTS / "_quarto.yml").read_text(encoding="utf-8"))
    assert (REPORTS / config["csl"]).is_file()
    for fmt in ("html", "pdf"):
        options = config["format"][fmt]
        assert options["toc"] is True and options["number-sections"] is True, fmt
    assert (REPORTS / config["format"]["html"]["css"]).is_file()
    assert config["format"]["pdf"]["pdf-engine"] == "xelatex"
    assert "CJK" in config["format"]["pdf"]["CJKmainfont"]


def test_the_page_uses_the_project_stylesheet(rendered: Rendered) -> None:
    page = rendered.pages["report"].read_text(encoding="utf-8")
    assert "td code, th code" in page  # a rule of reports/style.css, embedded
