"""The outcome variables, declared once: the codebook's mention variables of kind ``level``.

Every module that loops over outcomes (panel, models, figures, report) imports ``OUTCOMES``.
"""

from __future__ import annotations

from analysis.codebook import default_codebook

OUTCOMES: tuple[str, ...] = tuple(
    v["name"] for v in default_codebook().mention_variables if v["kind"] == "level"
)
#: Column suffixes of each outcome in the panel: the independent series (a user's official file,
#: then the reference series), the same restricted to government and official-media facts,
#: and the documents' own values (self-reported, robustness only).
OUTCOME_SOURCES: tuple[str, ...] = ("", "_official", "_self")
OUTCOME_COLUMNS: tuple[str, ...] = tuple(f"{v}{s}" for s in OUTCOME_SOURCES for v in OUTCOMES)
#: Outcomes measured in percent of days or sections: their effects are percentage points.
SHARES: tuple[str, ...] = tuple(
    v["name"] for v in default_codebook().mention_variables
    if v["kind"] == "level" and v.get("unit") == "pct"
)
UNITS: dict[str, str] = {
    v["name"]: v.get("unit", "") for v in default_codebook().mention_variables
}
