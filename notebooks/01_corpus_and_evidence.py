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
# # The corpus and the coded evidence of one document
#
# Which documents the corpus holds, what was coded from them, and — for one document — every
# coded value with its quote highlighted in the sentence it was read from.
#
# Stored as a jupytext percent script (readable diffs); open it in Jupyter with jupytext, or
# run it as a notebook with `jupytext --to ipynb`.

# %%
# ruff: noqa: B018 -- a cell shows its last expression
import sys
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path.cwd().parent))  # the project root, when `analysis` is not installed

import pandas as pd
from IPython.display import HTML, display

from analysis import paths
from analysis.report import sources, trace

# %% [markdown]
# ## The corpus
#
# The manifest lists every raw document; `documents` says how many records each gave.

# %%
manifest = pd.read_csv(paths.MANIFEST, dtype=str)
documents = sources.table("documents")
corpus = manifest[["doc_id", "title", "publisher", "published_date"]].merge(
    documents, on="doc_id", how="left"
)
corpus

# %% [markdown]
# ## The records coded from it

# %%
records = sources.table("records")
records[["doc_id", "jurisdiction", "level", "doc_type", "inspection_level", "feedback_date",
         "tasks_total", "tasks_completed", "petitions_total", "petitions_resolved"]]

# %% [markdown]
# ## One document: every coded value in its sentence
#
# Pick a document (the first one with the most evidence by default). Each quote is found at
# its offsets in the normalised text and highlighted in its sentence.

# %%
evidence = sources.table("evidence")
mentions = sources.table("mentions")
DOC_ID = evidence["doc_id"].value_counts().index[0] if len(evidence) else manifest.doc_id[0]
text = sources.document_text(DOC_ID)
print(DOC_ID, "—", len(text or ""), "characters of normalised text")


# %%
def highlighted(start: int, end: int, context: int = 60) -> str:
    """HTML of the text around [start, end) with the quote marked."""
    left = max(text.rfind("。", 0, start) + 1, start - context)
    right_stop = text.find("。", end)
    right = min(right_stop + 1 if right_stop >= 0 else len(text), end + context)
    return (escape(text[left:start]) + "<mark>" + escape(text[start:end]) + "</mark>"
            + escape(text[end:right]))


own = pd.concat([
    evidence[evidence.doc_id == DOC_ID].assign(kind="record"),
    mentions[mentions.doc_id == DOC_ID].assign(kind="mention"),
], ignore_index=True).dropna(subset=["quote", "start"])  # values read without a quote: none
own = own[own["quote"].astype(str) != ""].astype({"start": int, "end": int})
verbatim = [text[s:e] == q for s, e, q in zip(own.start, own.end, own.quote, strict=True)]
print(f"{sum(verbatim)} of {len(own)} quotes are verbatim at their offsets")

rows = "".join(
    f"<tr><td>{escape(r.jurisdiction)}</td><td><code>{r.variable}</code></td>"
    f"<td>{escape(str(r.value))}</td><td>{highlighted(int(r.start), int(r.end))}</td>"
    f"<td><code>{r.rule}</code></td></tr>"
    for r in own.head(40).itertuples()
)
display(HTML("<table><tr><th>jurisdiction</th><th>variable</th><th>value</th>"
             f"<th>sentence</th><th>rule</th></tr>{rows}</table>"))

# %% [markdown]
# The report's appendix builds the same view for every value it shows
# (`analysis.report.trace`):

# %%
trace.trace_frame().query("doc_id == @DOC_ID")[["id", "variable", "value", "quote"]].head(10)
