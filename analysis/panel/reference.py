"""Reference data: checksummed manifest, central inspection schedule, provincial outcomes.

``data/raw/reference/manifest.csv`` lists every reference CSV with its SHA-256; every build
verifies it, and a changed, missing or unlisted file stops the build with an InputError.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.outputs import atomic_write_text, frame_to_csv_bytes, sha256_file
from analysis.panel.schema import value_in_range

MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ["file", "description", "sha256", "compiled_from"]
SCHEDULE = "central_inspection_schedule.csv"
OUTCOMES = "provincial_outcomes.csv"
SCHEDULE_COLUMNS = [
    "round",
    "lookback",
    "batch",
    "province",
    "entry_window_start",
    "entry_window_end",
    "feedback_date",
    "sources",
]
OUTCOME_COLUMNS = ["province", "year", "variable", "value", "unit", "sources"]

DESCRIPTIONS = {
    SCHEDULE: (
        "Central environmental inspection schedule: one row per province per batch "
        "(round, lookback, batch, entry window, feedback date).",
        "copied unchanged from /work/shared/reference; compiled from public "
        "announcements listed in its sources column",
    ),
    OUTCOMES: (
        "Province-wide full-year PM2.5, good-air and water-quality shares as published.",
        "copied unchanged from /work/shared/reference; compiled from statistical "
        "communiques, environmental bulletins, work reports and news reposts listed in its "
        "sources column",
    ),
}


def write_manifest(reference_dir: str | Path) -> Path:
    """(Re)write manifest.csv from the reference CSVs now present. Run only on purpose."""
    reference_dir = Path(reference_dir)
    rows = []
    for path in sorted(reference_dir.glob("*.csv")):
        if path.name == MANIFEST:
            continue
        description, compiled_from = DESCRIPTIONS.get(path.name, ("", ""))
        rows.append([path.name, description, sha256_file(path), compiled_from])
    frame = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    return atomic_write_text(reference_dir / MANIFEST, frame_to_csv_bytes(frame).decode())


def verify_manifest(reference_dir: str | Path) -> None:
    """Raise InputError unless every reference CSV is listed with its current checksum."""
    reference_dir = Path(reference_dir)
    manifest_path = reference_dir / MANIFEST
    if not manifest_path.exists():
        raise InputError(manifest_path, "reference manifest not found")
    manifest = pd.read_csv(manifest_path, dtype=str, keep_default_na=False)
    if list(manifest.columns) != MANIFEST_COLUMNS:
        raise InputError(manifest_path, f"columns must be {MANIFEST_COLUMNS}")
    listed = set(manifest["file"])
    for path in sorted(reference_dir.glob("*.csv")):
        if path.name != MANIFEST and path.name not in listed:
            raise InputError(path, "reference file not listed in manifest.csv")
    for name, expected in zip(manifest["file"], manifest["sha256"], strict=True):
        path = reference_dir / name
        if not path.exists():
            raise InputError(path, "reference file listed in manifest.csv is missing")
        actual = sha256_file(path)
        if actual != expected:
            raise InputError(
                path,
                f"checksum mismatch: manifest {expected[:12]}…, file {actual[:12]}…; "
                "reference files must stay unchanged (update manifest.csv only on purpose)",
            )


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    if not path.exists():
        raise InputError(path, "file not found")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != columns:
        raise InputError(path, f"columns must be {columns}, found {list(frame.columns)}")
    return frame.replace("", pd.NA).astype("string")


def read_schedule(reference_dir: str | Path) -> pd.DataFrame:
    """The central inspection schedule; dates kept as given (YYYY-MM or YYYY-MM-DD)."""
    path = Path(reference_dir) / SCHEDULE
    frame = _read(path, SCHEDULE_COLUMNS)
    frame["lookback"] = frame["lookback"].fillna("false").str.lower().eq("true").astype(bool)
    frame["batch"] = pd.to_numeric(frame["batch"]).astype("Int64")
    return frame


def read_outcomes(reference_dir: str | Path) -> pd.DataFrame:
    """Provincial outcomes, numeric year and value."""
    path = Path(reference_dir) / OUTCOMES
    frame = _read(path, OUTCOME_COLUMNS)
    for column in ("year", "value"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        if numbers.isna().any():
            row = int(numbers.isna().to_numpy().argmax()) + 2
            raise InputError(path, f"row {row}: {column} is not a number")
        frame[column] = numbers.astype("float64")
    ok = value_in_range(frame, "variable")
    if not ok.all():
        row = int((~ok).to_numpy().argmax())
        raise InputError(
            path,
            f"row {row + 2}: value {frame['value'][row]} out of range for {frame['variable'][row]}",
        )
    frame["year"] = frame["year"].astype("Int64")
    return frame
