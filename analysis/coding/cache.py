"""Cache of coded documents, keyed by content hash and coder version.

A document is re-coded only when its bytes, its name, its doc_id or the coder changed. The
coder version (:func:`coder_version`) hashes everything coding depends on: the codebook's
``version_hash``, the source of ``analysis/coding``, ``analysis/ingest``,
``analysis/gazetteer`` and ``analysis/codebook.py``, the package data (gazetteer tables) and
the versions of the libraries that extract and normalise text. Changing a rule therefore
re-codes everything; adding one document to a large corpus codes only that document.

Entries are plain JSON (never pickle: nothing read back is executed) plus the normalised
text, written atomically under ``<cache_dir>/<coder_version>/<key[:2]>/``. A damaged or
unreadable entry counts as a miss and is simply re-coded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from analysis import paths
from analysis.coding.coder import Audit, CodedDocument, CodedRecord
from analysis.coding.evidence import Evidence
from analysis.coding.mentions import Mention
from analysis.outputs import atomic_write_bytes

#: Bump when the layout of an entry changes.
FORMAT = 1
#: Sources and data that coding depends on (relative to the package directory).
SOURCE_GLOBS = (
    "codebook.py",
    "codebook.yaml",
    "errors.py",
    "coding/*.py",
    "ingest/*.py",
    "gazetteer/*.py",
    "data/*",
)
#: Libraries whose version can change the extracted or normalised text.
LIBRARIES = ("opencc", "pypdf", "python-docx", "lxml", "pypinyin")


@lru_cache(maxsize=1)
def coder_version() -> str:
    """16 hex digits identifying the codebook, the coder's code and its libraries."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for pattern in SOURCE_GLOBS:
        for path in sorted(paths.PACKAGE.glob(pattern)):
            if path.is_file():
                digest.update(f"\n{path.relative_to(paths.PACKAGE).as_posix()}\n".encode())
                digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"\n{name}=={version}".encode())
    return digest.hexdigest()[:16]


def entry_key(content_sha256: str, name: str, doc_id: str) -> str:
    """Cache key of one document: its bytes' hash, the name it is read under, its doc_id."""
    return hashlib.sha256(f"{content_sha256}\0{name}\0{doc_id}".encode()).hexdigest()


@dataclasses.dataclass
class Cached:
    """What the corpus needs of one coded document (the text stays on disk)."""

    doc_id: str
    key: str
    characters: int
    problem: str | None
    coded: CodedDocument | None
    has_text: bool


def document_to_json(doc: CodedDocument) -> dict[str, Any]:
    """Plain JSON form of a coded document (see :func:`document_from_json`); the same as
    ``dataclasses.asdict`` (a test checks it) without its slow deep copy."""
    return {
        "doc_id": doc.doc_id,
        "records": [
            {
                "doc_id": r.doc_id,
                "jurisdiction": r.jurisdiction,
                "values": dict(r.values),
                "evidence": {k: dict(vars(e)) for k, e in r.evidence.items()},
                "mentions": [dict(vars(m)) for m in r.mentions],
                "account": r.account,
            }
            for r in doc.records
        ],
        "audit": [dict(vars(a)) for a in doc.audit],
        "problem": doc.problem,
    }


def document_from_json(data: dict[str, Any]) -> CodedDocument:
    """Rebuild a coded document from :func:`document_to_json` output."""
    records = [
        CodedRecord(
            doc_id=r["doc_id"],
            jurisdiction=r["jurisdiction"],
            values=r["values"],
            evidence={k: Evidence(**e) for k, e in r["evidence"].items()},
            mentions=[Mention(**m) for m in r["mentions"]],
            account=r["account"],
        )
        for r in data["records"]
    ]
    return CodedDocument(
        doc_id=data["doc_id"],
        records=records,
        audit=[Audit(**a) for a in data["audit"]],
        problem=data["problem"],
    )


class Cache:
    """The coded-document cache of one coder version, in ``root/<coder_version>/``."""

    def __init__(self, root: str | Path, version: str | None = None) -> None:
        self.root = Path(root)
        self.version = version or coder_version()
        self.folder = self.root / self.version

    def _stem(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def text_path(self, key: str) -> Path:
        """Where the normalised text of entry ``key`` is kept."""
        return self._stem(key).with_suffix(".txt")

    def has(self, key: str) -> bool:
        return self._stem(key).with_suffix(".json").is_file()

    def load(self, key: str) -> Cached | None:
        """The cached entry, or None when absent or unreadable (then it is re-coded)."""
        try:
            data = json.loads(self._stem(key).with_suffix(".json").read_bytes())
            if data.get("format") != FORMAT or data.get("key") != key:
                return None
            if data["has_text"] and not self.text_path(key).is_file():
                return None
            coded = document_from_json(data["coded"]) if data["coded"] is not None else None
            return Cached(
                data["doc_id"], key, data["characters"], data["problem"], coded, data["has_text"]
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(
        self,
        key: str,
        doc_id: str,
        text: str | None,
        coded: CodedDocument | None,
        problem: str | None,
    ) -> Cached:
        """Write an entry (text first, so a readable entry always has its text)."""
        if text is not None:
            atomic_write_bytes(self.text_path(key), text.encode("utf-8"))
        data = {
            "format": FORMAT,
            "key": key,
            "doc_id": doc_id,
            "characters": len(text) if text is not None else 0,
            "problem": problem,
            "has_text": text is not None,
            "coded": document_to_json(coded) if coded is not None else None,
        }
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_write_bytes(self._stem(key).with_suffix(".json"), payload)
        return Cached(doc_id, key, data["characters"], problem, coded, text is not None)

    def prune(self) -> list[Path]:
        """Remove the folders of other coder versions (16-hex names only); return them."""
        removed = []
        if self.root.is_dir():
            for child in self.root.iterdir():
                name = child.name
                if (
                    child.is_dir()
                    and not child.is_symlink()
                    and name != self.version
                    and len(name) == 16
                    and all(c in "0123456789abcdef" for c in name)
                ):
                    shutil.rmtree(child)
                    removed.append(child)
        return removed
