"""Format numbers for the text of the reports (every number there comes from the data)."""

from __future__ import annotations

import math
import re

from analysis.variables import UNITS

DASH = "–"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+|!@$~^])")


def missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(value))  # type: ignore[arg-type]
    except TypeError:
        return False


def num(value: object, digits: int = 0) -> str:
    """``1,234`` / ``12.5``; a dash for missing."""
    if missing(value):
        return DASH
    return f"{float(value):,.{digits}f}"  # type: ignore[arg-type]


def pct(share: object, digits: int = 0) -> str:
    """A share (0–1) as a percentage: ``0.615`` → ``62%``."""
    return DASH if missing(share) else f"{100 * float(share):.{digits}f}%"  # type: ignore[arg-type]


def value(variable: str, x: object) -> str:
    """A coded value in its variable's unit, compactly."""
    if missing(x):
        return DASH
    if variable == "funding_cny":
        return f"{float(x) / 1e8:,.2f} 亿元"  # type: ignore[arg-type]
    if variable in UNITS:
        unit = UNITS[variable]
        return f"{float(x):g}{unit if unit == '%' else ' ' + unit}"  # type: ignore[arg-type]
    if isinstance(x, float) and x.is_integer():
        return f"{int(x):,}"
    return str(x)


def md(text: object) -> str:
    """Escape text for Markdown (also inside pipe-table cells)."""
    return _MD_SPECIAL.sub(r"\\\1", "" if missing(text) else str(text)).replace("\n", " ")


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 document`` / ``5 documents``."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"
