"""Reference data: checksummed manifest, central inspection schedule, provincial outcomes.

``data/raw/reference/manifest.csv`` lists every reference CSV with its SHA-256; every build
verifies it, and a changed, missing or unlisted file stops the build with an InputError.
The schedule and the outcomes need their required columns; the columns of the extended
files (stationing days, feedback basis; statement, issuer, release, outlet) are read where
present and empty otherwise. The hand-coded records are read by ``hand_coded``.
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
SCHEDULE_OPTIONAL = ["entry_start", "entry_end", "feedback_basis"]
OUTCOME_COLUMNS = ["province", "year", "variable", "value", "unit", "sources"]
OUTCOME_OPTIONAL = ["statement", "issued_by", "released", "best_outlet"]
OUTLETS = ["gov", "official_media", "commercial_news", "mirror_or_spam"]

COMPILED = ("the project's compiled reference dataset (documented in "
            "data/raw/reference/README.md), copied unchanged")
DESCRIPTIONS = {
    SCHEDULE: (
        "Central environmental inspection schedule: one row per province per batch "
        "(round, lookback, batch, entry window, the province's stationing days, feedback "
        "date and its basis).",
        f"{COMPILED}; compiled from public "
        "announcements listed in its sources column",
    ),
    OUTCOMES: (
        "Province-wide full-year PM2.5, good-air and water-quality shares as published, "
        "with the official statement each reproduces, its issuer and the kind of outlet read.",
        f"{COMPILED}; compiled from statistical "
        "communiques, environmental bulletins, work reports and news reposts listed in its "
        "sources column",
    ),
    "hand_coded_records.csv": (
        "Hand-coded rectification records of public pages (codebook variables, one row per "
        "record) with the page URL and publisher; no text.",
        "gold values of the development corpus, coded by two careful coders under the "
        "codebook; URLs and publishers from its sources list",
    ),
    "hand_coded_mentions.csv": (
        "Hand-coded outcome mentions of the same pages (variable, year, value, stated "
        "change) with the page URL and publisher; no text.",
        "gold values of the development corpus; URLs and publishers from its sources list",
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


def read_table(path: Path, columns: list[str], optional: list[str] = ()) -> pd.DataFrame:
    """A reference CSV as strings: the required ``columns``, then ``optional`` (empty where
    the file lacks them); any other column, or a missing required one, is an InputError."""
    if not path.exists():
        raise InputError(path, "file not found")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in columns if c not in frame.columns]
    unknown = [c for c in frame.columns if c not in [*columns, *optional]]
    if missing or unknown:
        raise InputError(
            path, f"columns must be {columns} (optional {list(optional)}); "
            f"missing {missing}, unknown {unknown}"
        )
    for column in optional:
        if column not in frame.columns:
            frame[column] = ""
    return frame[[*columns, *optional]].replace("", pd.NA).astype("string")


def read_schedule(reference_dir: str | Path) -> pd.DataFrame:
    """The central inspection schedule; dates kept as given (YYYY-MM or YYYY-MM-DD)."""
    path = Path(reference_dir) / SCHEDULE
    frame = read_table(path, SCHEDULE_COLUMNS, SCHEDULE_OPTIONAL)
    frame["lookback"] = frame["lookback"].fillna("false").str.lower().eq("true").astype(bool)
    frame["batch"] = pd.to_numeric(frame["batch"]).astype("Int64")
    return frame


def read_outcomes(reference_dir: str | Path) -> pd.DataFrame:
    """Provincial outcomes, numeric year and value, with statement, issuer and outlet."""
    path = Path(reference_dir) / OUTCOMES
    frame = read_table(path, OUTCOME_COLUMNS, OUTCOME_OPTIONAL)
    outlet = frame["best_outlet"]
    if (bad := outlet.notna() & ~outlet.isin(OUTLETS)).any():
        row = int(bad.to_numpy().argmax())
        raise InputError(path, f"row {row + 2}: best_outlet {outlet[row]!r} not in {OUTLETS}")
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
