"""Saving figures reproducibly: PDF + 300-dpi PNG with fixed metadata, and a JSON sidecar."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis import __version__, paths  # noqa: E402
from analysis.outputs import atomic_write_bytes, atomic_write_text, sha256_file  # noqa: E402

STYLE = Path(__file__).with_name("rectify.mplstyle")
PDF_METADATA = {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}
PNG_METADATA = {"Software": None}


@dataclass
class FigureRecord:
    """What a figure was made from: function, inputs, spec ids, N, caption."""

    name: str
    function: str
    inputs: list[Path]
    caption: str
    n: int
    spec_ids: list[str] = field(default_factory=list)


def style() -> None:
    """Apply the house style."""
    plt.style.use(STYLE)


def _relative(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(paths.ROOT))
    except ValueError:
        return Path(path).name


def _bytes(fig: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    metadata = PDF_METADATA if fmt == "pdf" else PNG_METADATA
    fig.savefig(buffer, format=fmt, dpi=300, metadata=metadata)
    return buffer.getvalue()


def save(fig: Figure, record: FigureRecord, figures_dir: Path) -> list[Path]:
    """Write ``<name>.pdf``, ``<name>.png`` and ``<name>.json``; close the figure."""
    figures_dir = Path(figures_dir)
    written = [atomic_write_bytes(figures_dir / f"{record.name}.{fmt}", _bytes(fig, fmt))
               for fmt in ("pdf", "png")]
    plt.close(fig)
    sidecar = {
        "figure": record.name,
        "function": record.function,
        "package_version": __version__,
        "matplotlib_version": matplotlib.__version__,
        "inputs": [{"path": _relative(p), "sha256": sha256_file(p)} for p in record.inputs],
        "spec_ids": record.spec_ids,
        "n": record.n,
        "caption": record.caption,
        "outputs": [{"path": p.name, "sha256": sha256_file(p)} for p in written],
    }
    text = json.dumps(sidecar, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    written.append(atomic_write_text(figures_dir / f"{record.name}.json", text))
    return written
