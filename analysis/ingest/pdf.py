"""Text of a PDF document (pypdf), pages joined by newlines."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pypdf
from pypdf.errors import PyPdfError

from analysis.errors import InputError


def pdf_to_text(data: bytes, path: str | Path) -> str:
    """Extract the text of every page; raise InputError for a corrupt or locked PDF."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "encrypted PDF (needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as err:
        raise InputError(path, f"corrupt PDF: {type(err).__name__}: {err}") from None
    return "\n".join(pages)
