"""A frame as a GitHub-flavoured Markdown table (no extra dependency)."""

from __future__ import annotations

import pandas as pd


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).replace("|", "\\|").replace("\n", " ")


def to_markdown(frame: pd.DataFrame, title: str = "") -> str:
    """Markdown text of ``frame``: optional ``# title``, header, one line per row."""
    lines = [f"# {title}", ""] if title else []
    lines.append("| " + " | ".join(frame.columns) + " |")
    lines.append("|" + "---|" * len(frame.columns))
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    if frame.empty:
        lines.append("")
        lines.append("(none)")
    return "\n".join(lines) + "\n"
