"""Render result frames as Markdown, HTML and LaTeX (one frame, three formats) and CSV."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.outputs import atomic_write_bytes, atomic_write_text, frame_to_csv_bytes

DIGITS = 3


def _number(value: float, digits: int = DIGITS) -> str:
    return "" if pd.isna(value) else f"{value:.{digits}f}"


def _interval(low: float, high: float) -> str:
    return "" if pd.isna(low) or pd.isna(high) else f"[{_number(low)}, {_number(high)}]"


def display_frame(coefs: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """The human-readable coefficient table (estimates, both intervals, p-values, N, G)."""
    level = int(round(100 * (1 - alpha)))
    rows = []
    for row in coefs.itertuples():
        ok = row.status == "ok"
        term_status = getattr(row, "term_status", "ok")
        rows.append({
            "Specification": row.spec_id, "Term": row.term,
            "Estimate": _number(row.estimate), "SE": _number(row.std_error),
            f"{level}% CI (t)": _interval(row.ci_low, row.ci_high) if ok else "",
            "p": _number(row.p_value),
            f"{level}% CI (wild)": _interval(row.ci_low_wild, row.ci_high_wild) if ok else "",
            "p (wild)": _number(row.p_value_wild),
            "N": str(row.n_obs), "G": str(row.n_clusters), "Seed": str(row.seed),
            "Status": row.status if not ok or pd.isna(term_status) else term_status,
        })
    return pd.DataFrame(rows)


def rounded(frame: pd.DataFrame, digits: int = 10) -> pd.DataFrame:
    """Floats rounded so CSV bytes do not depend on last-bit floating-point noise."""
    frame = frame.copy()
    for column in frame.select_dtypes("float").columns:
        frame[column] = np.round(frame[column], digits)
    return frame


def render(frame: pd.DataFrame, caption: str) -> dict[str, str]:
    """The same frame as Markdown, HTML and LaTeX text."""
    text = frame.astype(str)
    markdown = f"{caption}\n\n" + text.to_markdown(index=False) + "\n"
    html = text.to_html(index=False, escape=True, border=0)
    html = f"<p>{caption}</p>\n{html}\n"
    latex = text.to_latex(index=False, escape=True, caption=caption, longtable=False)
    return {"md": markdown, "html": html, "tex": latex}


def write_rendered(frame: pd.DataFrame, stem: Path, caption: str) -> list[Path]:
    """Write ``stem.md/.html/.tex`` atomically."""
    return [atomic_write_text(stem.with_suffix(f".{ext}"), text)
            for ext, text in render(frame, caption).items()]


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a tidy CSV atomically with rounded floats."""
    return atomic_write_bytes(path, frame_to_csv_bytes(rounded(frame)))
