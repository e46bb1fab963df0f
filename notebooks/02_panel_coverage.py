# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The panel and its coverage
#
# The jurisdiction × year panel (`data/clean/panel.csv`): which outcomes are observed where
# and when, where each value comes from, and how many jurisdictions have an inspection event
# and a rectification record.

# %%
# ruff: noqa: B018 -- a cell shows its last expression
import sys
from pathlib import Path

sys.path.insert(0, str(Path.cwd().parent))  # the project root, when `analysis` is not installed

from analysis.report import plots, sources, tables
from analysis.variables import OUTCOMES

panel = sources.table("panel")
print(f"{len(panel)} rows, {panel.jurisdiction.nunique()} jurisdictions, "
      f"years {panel.year.min()}–{panel.year.max()}")

# %% [markdown]
# ## Outcomes observed, by source

# %%
tables.outcome_sources()

# %% [markdown]
# ## Coverage by jurisdiction and year
#
# Cells count the outcomes observed (PM2.5, good-air share, water-quality share); the red dot
# is the year of the inspection feedback.

# %%
plots.panel_coverage()

# %% [markdown]
# ## Observations per outcome and year

# %%
outcomes = list(OUTCOMES)
panel.groupby("year")[outcomes].count()

# %% [markdown]
# ## Inspection events and rectification records
#
# Event time is the year relative to the feedback; rectification intensity comes from the
# jurisdiction's latest progress record.

# %%
events = panel.dropna(subset=["feedback_year"]).drop_duplicates("jurisdiction")
print(f"{len(events)} jurisdictions with a dated feedback;",
      f"{panel.dropna(subset=['record_doc_id']).jurisdiction.nunique()} with a coded record")
events[["jurisdiction", "inspection_level", "inspection_round", "feedback_date",
        "record_doc_id", "completion_rate", "resolution_rate"]]
