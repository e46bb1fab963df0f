"""Text of a Word .docx document (python-docx): paragraphs and table cells in document order.

Each paragraph is a line; each table row is a line with its cells separated by a tab (a cell
merged across columns counts once; a cell holding several paragraphs or a nested table has
them on separate lines). Headers, footers, comments and text boxes are not read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from analysis.errors import InputError

_P, _TBL = qn("w:p"), qn("w:tbl")


def is_docx(data: bytes) -> bool:
    """True if ``data`` is a zip archive holding ``word/document.xml``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _blocks(parent, container) -> Iterator[str]:
    for child in parent.iterchildren():
        if child.tag == _P:
            yield Paragraph(child, container).text
        elif child.tag == _TBL:
            yield from _table(Table(child, container))


def _table(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[_Cell] = []
        for cell in row.cells:
            if not cells or cell._tc is not cells[-1]._tc:
                cells.append(cell)
        texts = ["\n".join(t for t in _blocks(c._tc, c) if t.strip()) for c in cells]
        yield "\t".join(texts)


def docx_to_text(data: bytes, path: str | Path) -> str:
    """Extract paragraphs and table rows; raise InputError if it is not a Word document."""
    if not is_docx(data):
        raise InputError(path, "not a Word .docx document (no zip archive with word/document.xml)")
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_blocks(document.element.body, document))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile) as err:
        raise InputError(path, f"corrupt Word document: {type(err).__name__}: {err}") from None
