"""Ingest stage: raw document file -> normalised text (the text all offsets refer to)."""

from analysis.ingest.encoding import decode
from analysis.ingest.html import html_to_text
from analysis.ingest.normalize import normalize
from analysis.ingest.read import read_document, text_from_bytes

__all__ = ["decode", "html_to_text", "normalize", "read_document", "text_from_bytes"]
