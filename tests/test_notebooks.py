"""Every notebook in notebooks/ runs top to bottom (nbclient, python3 kernel, cwd notebooks/).

Notebooks are stored as jupytext percent scripts (``*.py``) so diffs stay readable (``make lab``
opens them as notebooks); no ``.ipynb`` is committed.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.py"))


def test_there_are_notebooks() -> None:
    assert len(PATHS) >= 3


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_runs(path: Path) -> None:
    notebook = jupytext.read(path)
    assert any(c.cell_type == "code" for c in notebook.cells)
    client = NotebookClient(notebook, kernel_name="python3", timeout=600, allow_errors=False,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    errors = [o for c in notebook.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert errors == []


def test_notebooks_are_stored_as_scripts() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == []
    for path in PATHS:
        assert path.read_text(encoding="utf-8").startswith("# ---\n# jupyter:"), path
