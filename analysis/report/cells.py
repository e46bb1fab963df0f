"""What the reports' code cells call: ``import analysis.report.cells as R``.

Keeps the cells one line each: ``R.facts()`` for numbers in the text, table builders that
return Markdown, and figures (``figures/<name>.png`` or drawn from the data).
"""

from __future__ import annotations

from analysis.report.codebook_page import (
    codebook_sections,
    count_scopes,
    count_selection,
    features,
    guards,
    mention_variables,
    record_variables,
    rules,
    synonyms,
)
from analysis.report.facts import facts
from analysis.report.plots import completion_sources, figure, figure_source, panel_coverage
from analysis.report.tables import (
    data_files,
    estimates,
    not_estimable,
    outcome_sources,
    pretrends,
    records,
    trace_appendix,
    validation,
)

__all__ = [
    "codebook_sections", "completion_sources", "count_scopes", "count_selection", "data_files",
    "estimates", "facts", "features", "figure", "figure_source", "guards", "mention_variables",
    "not_estimable", "outcome_sources", "panel_coverage", "pretrends", "record_variables",
    "records", "rules", "synonyms", "trace_appendix", "validation",
]
