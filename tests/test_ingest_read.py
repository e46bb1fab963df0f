"""Tests for analysis.ingest.read_document and decode: encodings, formats, bad inputs."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from analysis.errors import InputError
from analysis.ingest import decode, read_document

LONG = (
    "河源市关于第二轮中央生态环境保护督察整改落实情况的报告\n"
    "截至2023年5月底，17项整改任务中，已完成4项，达时序进度13项；"
    "督察组移交的225件信访件均已办结。"
)
SHORT_SIMPLIFIED = ["整改完成。", "督察组移交的信访件均已办结。", "环境保护督察整改"]
SHORT_TRADITIONAL = [
    ("環境保護督察整改", "环境保护督察整改"),
    ("督察組移交的信訪件均已辦結。", "督察组移交的信访件均已办结。"),
    ("截至2023年5月底，已完成4項。", "截至2023年5月底,已完成4项。"),
]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
@pytest.mark.parametrize("text", [LONG, *SHORT_SIMPLIFIED])
def test_gb_without_declaration(tmp_path: Path, encoding: str, text: str) -> None:
    path = _write(tmp_path, "doc.txt", text.encode(encoding))
    expected = text.replace("，", ",").replace("；", ";")
    assert read_document(path) == expected


@pytest.mark.parametrize(("traditional", "simplified"), SHORT_TRADITIONAL)
def test_big5_short_comes_back_simplified(
    tmp_path: Path, traditional: str, simplified: str
) -> None:
    path = _write(tmp_path, "doc.txt", traditional.encode("big5"))
    assert read_document(path) == simplified


def test_big5_long(tmp_path: Path) -> None:
    traditional = "截至2023年5月底，17項整改任務中，已完成4項；督察組移交的225件信訪件均已辦結。\n"
    path = _write(tmp_path, "doc.txt", (traditional * 30).encode("big5"))
    expected = "截至2023年5月底,17项整改任务中,已完成4项;督察组移交的225件信访件均已办结。\n"
    assert read_document(path) == expected * 30


def test_decode_reports_big5_not_gb(tmp_path: Path) -> None:
    """decode itself does not convert: the traditional characters are decoded as such."""
    assert decode("環境保護督察整改".encode("big5"), "x.txt") == "環境保護督察整改"


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, "doc.txt", b"\xef\xbb\xbf" + LONG.encode("utf-8"))
    assert read_document(path).startswith("河源市关于")


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, "doc.txt", "整改完成".encode("utf-16"))
    assert read_document(path) == "整改完成"


def test_truncated_utf8_drops_incomplete_tail(tmp_path: Path) -> None:
    data = "信访件均已办结".encode()  # 7 characters of 3 bytes
    for cut in (1, 2):
        path = _write(tmp_path, "doc.txt", data[:-cut])
        assert read_document(path) == "信访件均已办"


def test_invalid_utf8_in_the_middle_is_not_treated_as_truncation() -> None:
    data = "信访件".encode() + b"\xe4\xbf" + "均已办结".encode() * 10
    with pytest.raises(InputError):
        decode(data, "x.txt")


# --- bad inputs ----------------------------------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return message


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in _error(_write(tmp_path, "empty.txt", b""))


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert "empty" in _error(_write(tmp_path, "blank.txt", b" \n\t\r\n"))


def test_binary_junk(tmp_path: Path) -> None:
    data = random.Random(0).randbytes(4096)
    assert "binary" in _error(_write(tmp_path, "junk.txt", data))


def test_control_characters_without_nul(tmp_path: Path) -> None:
    assert "binary" in _error(_write(tmp_path, "ctl.txt", bytes(range(1, 32)) * 20))


def test_png_signature(tmp_path: Path) -> None:
    assert "PNG" in _error(_write(tmp_path, "img.txt", b"\x89PNG\r\n\x1a\n" + b"x" * 50))


@pytest.mark.parametrize(
    "data",
    [
        "これは日本語のテキストです。環境保護の報告書。".encode("shift_jis"),
        "Café résumé naïve façade déjà vu".encode("latin-1"),
        "环境保护督察整改落实情况".encode("utf-16-le"),  # no BOM, no NUL bytes
        bytes(random.Random(1).randrange(0x80, 0x100) for _ in range(300)),
    ],
    ids=["shift-jis", "latin-1", "utf-16-le-no-bom", "random-high-bytes"],
)
def test_unknown_encoding(tmp_path: Path, data: bytes) -> None:
    assert "unknown text encoding" in _error(_write(tmp_path, "odd.txt", data))


def test_utf16_without_bom_with_ascii(tmp_path: Path) -> None:
    data = "截至2023年5月底,已完成4项\n".encode("utf-16-le")
    assert "UTF-16" in _error(_write(tmp_path, "u16.txt", data))


def test_missing_file(tmp_path: Path) -> None:
    assert "cannot read" in _error(tmp_path / "nope.txt")


def test_input_file_is_not_modified(tmp_path: Path) -> None:
    data = "環境保護督察整改，已完成。\r\n".encode("big5")
    path = _write(tmp_path, "doc.txt", data)
    read_document(path)
    assert path.read_bytes() == data


# --- DOCX ----------------------------------------------------------------------------------


def test_docx_paragraphs_and_table_in_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("焦作市贯彻落实省委生态环境保护督察整改情况的报告")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "整改任务"
    table.cell(0, 1).text = "46项"
    table.cell(1, 0).text = "已完成"
    table.cell(1, 1).text = "34项"
    document.add_paragraph("督察期间交办的228件群众信访举报件全部办结。")
    path = tmp_path / "report.docx"
    document.save(path)
    assert read_document(path) == (
        "焦作市贯彻落实省委生态环境保护督察整改情况的报告\n"
        "整改任务\t46项\n"
        "已完成\t34项\n"
        "督察期间交办的228件群众信访举报件全部办结。"
    )


def test_docx_merged_cell_counted_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "合并"
    table.cell(0, 2).text = "右"
    path = tmp_path / "merged.docx"
    document.save(path)
    assert read_document(path) == "合并\t右"


def test_renamed_zip_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a word document")
    assert "not a Word document" in _error(path)


def test_docx_suffix_on_plain_text(tmp_path: Path) -> None:
    assert "Word" in _error(_write(tmp_path, "text.docx", LONG.encode()))


def test_word_zip_with_broken_document(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not xml")
    assert "Word" in _error(path)


# --- PDF -----------------------------------------------------------------------------------


def test_small_valid_pdf(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(5, 2))
    fig.text(0.05, 0.5, "Rectification report 2023: 17 tasks, 4 completed")
    path = tmp_path / "report.pdf"
    fig.savefig(path)
    plt.close(fig)
    assert read_document(path) == "Rectification report 2023: 17 tasks, 4 completed"


def test_pdf_detected_by_content_not_suffix(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(3, 1))
    fig.text(0.05, 0.5, "PM2.5 38")
    path = tmp_path / "download.txt"
    fig.savefig(path, format="pdf")
    plt.close(fig)
    assert read_document(path) == "PM2.5 38"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n" + bytes(range(256)) * 4, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"],
    ids=["junk-body", "truncated"],
)
def test_corrupt_pdf(tmp_path: Path, data: bytes) -> None:
    message = _error(_write(tmp_path, "bad.pdf", data))
    assert "PDF" in message or "no text" in message


def test_pdf_suffix_without_pdf_content(tmp_path: Path) -> None:
    assert "PDF" in _error(_write(tmp_path, "page.pdf", b"<html><body>404</body></html>"))


def test_pdf_without_text(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(2, 2))
    fig.add_subplot().plot([0, 1], [0, 1])
    fig.axes[0].set_axis_off()
    path = tmp_path / "scan.pdf"
    fig.savefig(path)
    plt.close(fig)
    assert "no text" in _error(path)
