"""The manifest of raw documents (``data/raw/manifest.csv``): what each file is, and its checksum.

Raw files are never modified. A row that cannot be used (missing column, duplicate or unsafe
doc_id, a malformed checksum, a path outside ``data/raw/``, a missing file) is reported as a
one-line problem and skipped; a file whose SHA-256 no longer matches the manifest stops the run.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import InputError
from analysis.outputs import sha256_file

COLUMNS = (
    "doc_id",
    "file",
    "title",
    "source_url",
    "publisher",
    "published_date",
    "jurisdiction",
    "sha256",
)
REQUIRED = ("doc_id", "file", "sha256")
#: A doc_id names files (``data/interim/<doc_id>.txt``): letters, digits, ``_ . -`` only.
DOC_ID = re.compile(r"\w[\w.-]{0,199}")
SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Entry:
    """One raw document listed in the manifest."""

    doc_id: str
    path: Path
    sha256: str
    title: str = ""
    source_url: str = ""
    publisher: str = ""
    published_date: str = ""
    jurisdiction: str = ""


class ChecksumMismatch(InputError):
    """A raw file changed since it was listed: the run must stop."""


def _entry(row: dict[str, str], raw_dir: Path, where: str) -> Entry:
    missing = [c for c in REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise InputError(where, f"missing {', '.join(missing)}")
    doc_id = row["doc_id"].strip()
    if not DOC_ID.fullmatch(doc_id):
        raise InputError(where, f"doc_id {doc_id!r} must be letters, digits, '_', '.', '-'")
    if not SHA256.fullmatch(row["sha256"].strip().lower()):
        raise InputError(where, f"sha256 {row['sha256'].strip()!r} is not 64 hex digits")
    relative = Path(row["file"].strip())
    target = (raw_dir / relative).resolve()
    if relative.is_absolute() or raw_dir.resolve() not in target.parents:
        raise InputError(where, f"file {row['file']!r} points outside {raw_dir}")
    if not target.is_file():
        raise InputError(where, f"file {row['file']!r} does not exist")
    return Entry(
        doc_id=doc_id,
        path=target,
        sha256=row["sha256"].strip().lower(),
        **{
            k: (row.get(k) or "").strip()
            for k in ("title", "source_url", "publisher", "published_date", "jurisdiction")
        },
    )


def read_manifest(path: str | Path) -> tuple[list[Entry], list[InputError]]:
    """Usable entries and the problems of the rows that are not (never raises for a row)."""
    path = Path(path)
    raw_dir = path.parent
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(path, f"cannot read manifest: {error}") from error
    absent = [c for c in REQUIRED if c not in header]
    if absent:
        raise InputError(path, f"manifest lacks column(s) {', '.join(absent)}")
    entries, problems, seen = [], [], set()
    for number, row in enumerate(rows, start=2):
        where = f"{path}:{number}"
        try:
            if None in row:
                raise InputError(where, "row has more fields than the header")
            entry = _entry(row, raw_dir, where)
            if entry.doc_id in seen:
                raise InputError(where, f"duplicate doc_id {entry.doc_id!r}")
        except InputError as problem:
            problems.append(problem)
            continue
        seen.add(entry.doc_id)
        entries.append(entry)
    return entries, problems


def verify(entry: Entry) -> None:
    """Raise ChecksumMismatch when the file's bytes are not the ones listed (InputError when
    it cannot be read)."""
    try:
        actual = sha256_file(entry.path)
    except OSError as error:
        raise InputError(entry.path, f"cannot read file: {error.strerror or error}") from None
    if actual != entry.sha256:
        raise ChecksumMismatch(
            entry.path,
            f"checksum {actual[:12]}… does not match the manifest ({entry.sha256[:12]}…); "
            "raw files must not change — restore the file or update the manifest on purpose",
        )
