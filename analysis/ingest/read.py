"""Read one raw document file, whatever its format, into normalised text.

The format is decided by content first, with the suffix as a hint:

1. ``%PDF-`` in the first 1024 bytes -> PDF (pypdf);
2. a zip archive (``PK\\x03\\x04``) -> Word .docx if it holds ``word/document.xml``,
   otherwise an error; a ``.pdf`` or ``.docx`` suffix on anything else is an error too;
3. other known binary signatures (``BINARY_MAGIC``) -> an error naming the format;
4. otherwise text decoded by ``decode``; it is HTML if the suffix is .htm/.html or the text
   looks like HTML (``<!doctype html``/``<html`` start or many HTML tags), plain text if not.

The input file is only read, never written.
"""

from __future__ import annotations

from pathlib import Path

from analysis.errors import InputError
from analysis.ingest.docx import docx_to_text, is_docx
from analysis.ingest.encoding import decode
from analysis.ingest.html import html_to_text, looks_like_html
from analysis.ingest.normalize import normalize
from analysis.ingest.pdf import pdf_to_text

HTML_SUFFIXES = frozenset({".htm", ".html", ".shtml", ".xhtml"})
BINARY_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy MS Office file (.doc/.xls), not supported"),
    (b"\x89PNG\r\n\x1a\n", "PNG image, not a text document"),
    (b"\xff\xd8\xff", "JPEG image, not a text document"),
    (b"GIF8", "GIF image, not a text document"),
    (b"\x1f\x8b", "gzip archive, not a text document"),
    (b"Rar!", "RAR archive, not a text document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive, not a text document"),
    (b"{\\rtf", "RTF document, not supported"),
)


def _extract(data: bytes, path: Path) -> str:
    suffix = path.suffix.lower()
    if b"%PDF-" in data[:1024]:
        return pdf_to_text(data, path)
    if data.startswith(b"PK\x03\x04") or suffix == ".docx":
        if data.startswith(b"PK\x03\x04") and not is_docx(data):
            raise InputError(path, "zip archive but not a Word document (no word/document.xml)")
        return docx_to_text(data, path)
    if suffix == ".pdf":
        raise InputError(path, "corrupt PDF: no %PDF- header")
    for magic, problem in BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(path, problem)
    text = decode(data, path)
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return html_to_text(text)
    return text


def text_from_bytes(data: bytes, name: str | Path) -> str:
    """Normalised text of a document given as bytes; ``name`` (its file name) is a format
    hint and names the document in errors. Pure: reads and writes nothing."""
    path = Path(name)
    if not data:
        raise InputError(path, "empty file (0 bytes)")
    text = normalize(_extract(data, path))
    if not text.strip():
        raise InputError(path, "no text could be extracted")
    return text


def read_document(path: str | Path) -> str:
    """Read ``path`` (PDF, DOCX, HTML or plain text) and return its normalised text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read file: {err.strerror or err}") from None
    return text_from_bytes(data, path)
