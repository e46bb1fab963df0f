"""Coding a corpus: every document in the manifest -> the clean tables of the code stage.

Writes ``data/interim/<doc_id>.txt`` (the normalised text every offset points into) and, in
``data/clean/``, ``records``, ``mentions``, ``evidence``, ``coding_audit`` and ``documents``
(CSV and Parquet). A document that cannot be read is reported in one line and skipped; the
others are still coded. Outputs are written atomically, so a failed run leaves the last
good ones in place.
"""

from __future__ import annotations

import gc
import hashlib
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis import paths
from analysis.codebook import (
    CODEBOOK_PATH,
    Codebook,
    RegisteredRule,
    default_codebook,
    rule_registry,
    status_of,
)
from analysis.coding.cache import Cache, Cached, entry_key
from analysis.coding.coder import Audit, CodedDocument, CodedRecord, code_text
from analysis.coding.evidence import Evidence
from analysis.coding.mentions import Mention
from analysis.coding.overrides import FIXED, Override, apply_overrides, read_overrides
from analysis.errors import InputError
from analysis.ingest import text_from_bytes
from analysis.manifest import ChecksumMismatch, Entry, read_manifest, verify
from analysis.outputs import TableWriter, atomic_write_bytes

TABLE_FORMATS = ("csv", "parquet")
TABLE_NAMES = ("records", "mentions", "evidence", "coding_audit", "documents")
DOCUMENT_COLUMNS = ["doc_id", "records", "characters", "problem"]
KEY_COLUMNS = ["doc_id", "jurisdiction"]
MENTION_COLUMNS = KEY_COLUMNS + [f.name for f in fields(Mention)]
EVIDENCE_COLUMNS = KEY_COLUMNS + ["variable", "value", "status"] + [
    f.name for f in fields(Evidence) if f.name not in ("variable", "value")
]
AUDIT_COLUMNS = [f.name for f in fields(Audit)]


@dataclass
class Result:
    """The coding of one document: its normalised text and coded records, or a problem."""

    doc_id: str
    text: str | None
    coded: CodedDocument | None
    problem: str | None = None


#: Longest normalised text that is coded (about 2,500 pages); longer ones are reported.
MAX_CHARACTERS = 5_000_000
#: Largest raw file that is read at all.
MAX_BYTES = 512 * 2**20
#: Documents per batch of table rows held in memory before they are written out.
BATCH_DOCUMENTS = 500


def code_document(data: bytes, name: str, doc_id: str, codebook: Codebook | None = None) -> Result:
    """Pure per-document coding: bytes and codebook in, normalised text and records out.

    Bad input never raises: a file that cannot be read, or whose text is longer than
    ``MAX_CHARACTERS``, comes back with ``problem`` (one line naming ``name``) and no records.
    """
    if len(data) > MAX_BYTES:
        return Result(doc_id, None, None, f"{name}: file too large ({len(data):,} bytes)")
    try:
        text = text_from_bytes(data, name)
    except InputError as error:
        return Result(doc_id, None, None, str(error))
    if len(text) > MAX_CHARACTERS:
        problem = (
            f"{name}: text too long to code ({len(text):,} characters; the limit is "
            f"{MAX_CHARACTERS:,}) — split the document"
        )
        return Result(doc_id, None, None, problem)
    coded = code_text(text, doc_id, codebook or default_codebook())
    problem = f"{name}: {coded.problem}" if coded.problem else None
    return Result(doc_id, text, coded, problem)


def _code_entry(entry: Entry, cache: Cache) -> Cached:
    """Code one manifest entry from its file and store the result in the cache."""
    key = entry_key(entry.sha256, str(entry.path), entry.doc_id)
    try:
        if entry.path.stat().st_size > MAX_BYTES:
            problem = f"{entry.path}: file too large ({entry.path.stat().st_size:,} bytes)"
            return Cached(entry.doc_id, key, 0, problem, None, False)
        data = entry.path.read_bytes()
    except OSError as error:
        problem = f"{entry.path}: cannot read file: {error.strerror or error}"
        return Cached(entry.doc_id, key, 0, problem, None, False)
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        verify(entry)  # the file changed while the run was going: stop with its message
    try:
        result = code_document(data, str(entry.path), entry.doc_id)
    except Exception as error:  # a coder bug must not cost the other documents; not cached
        problem = (
            f"{entry.path}: internal error while coding ({type(error).__name__}: {error}); "
            "please report it"
        )
        return Cached(entry.doc_id, key, 0, " ".join(problem.split()), None, False)
    return cache.store(key, entry.doc_id, result.text, result.coded, result.problem)


def _code_chunk(entries: list[Entry], cache: Cache) -> list[Cached]:
    return [_code_entry(entry, cache) for entry in entries]


def code_entries(
    entries: list[Entry], cache: Cache, jobs: int = 1, progress: bool = False
) -> Iterator[Cached]:
    """Coded entries in the order given: from the cache where possible, else coded anew.

    New documents are coded in ``jobs`` processes when there is more than one to code, with
    a bounded number of chunks in flight, so memory does not grow with the corpus.
    """
    keys = [entry_key(e.sha256, str(e.path), e.doc_id) for e in entries]
    hits = [cache.has(k) for k in keys]
    misses = [e for e, hit in zip(entries, hits, strict=True) if not hit]
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(entries), unit="doc", file=sys.stderr, smoothing=0.05)
    if misses:
        warm_up()  # compile once here: forked workers share it
    coded = _coded_misses(misses, cache, jobs)
    try:
        for entry, key, hit in zip(entries, keys, hits, strict=True):
            done = cache.load(key) if hit else None
            if done is None:
                done = next(coded) if not hit else _code_entry(entry, cache)
            if bar is not None:
                bar.update()
            yield done
    finally:
        coded.close()
        if bar is not None:
            bar.close()


def warm_up() -> None:
    """Compile the codebook and load the gazetteer (lazily loaded by the coder), then move
    them, and everything else alive, out of the garbage collector's scans (``gc.freeze``):
    they live as long as the process, and a full collection would otherwise walk them all
    again every few hundred documents (in forked workers it would also copy their pages)."""
    code_text("河北省石家庄市整改任务12项,已完成10项。", "warm-up", default_codebook())
    gc.freeze()


def _coded_misses(misses: list[Entry], cache: Cache, jobs: int) -> Generator[Cached]:
    if jobs <= 1 or len(misses) <= 1:
        for entry in misses:
            yield _code_entry(entry, cache)
        return
    size = max(1, min(16, len(misses) // (jobs * 8)))
    chunks = [misses[i : i + size] for i in range(0, len(misses), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        in_flight: deque[Future[list[Cached]]] = deque()
        try:
            for chunk in chunks:
                in_flight.append(pool.submit(_code_chunk, chunk, cache))
                if len(in_flight) >= jobs * 3:
                    yield from in_flight.popleft().result()
            while in_flight:
                yield from in_flight.popleft().result()
        finally:
            for future in in_flight:
                future.cancel()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def records_frame(records: list[CodedRecord], codebook: Codebook) -> pd.DataFrame:
    names = codebook.record_variable_names
    rows = [
        {
            **{n: _cell(r.values.get(n)) for n in names},
            "doc_id": r.doc_id,
            "jurisdiction": r.jurisdiction,
        }
        for r in records
        if r.account
    ]
    frame = pd.DataFrame(rows, columns=names)
    for spec in codebook.record_variables:
        if spec["type"] == "integer":
            frame[spec["name"]] = frame[spec["name"]].astype("Int64")
        elif spec["type"] != "integer":
            frame[spec["name"]] = frame[spec["name"]].astype("string")
    return frame.sort_values(["doc_id", "jurisdiction"], kind="stable").reset_index(drop=True)


def mentions_frame(records: list[CodedRecord]) -> pd.DataFrame:
    rows = [
        {"doc_id": r.doc_id, "jurisdiction": r.jurisdiction, **m.as_dict(rule=True)}
        for r in records
        for m in r.mentions
    ]
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for column in ("year", "start", "end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("value", "yoy_change"):
        frame[column] = frame[column].astype("Float64")
    return frame.sort_values(
        ["doc_id", "jurisdiction", "start", "variable", "year"], kind="stable"
    ).reset_index(drop=True)


def evidence_frame(
    records: list[CodedRecord], codebook: Codebook | RecordVariables
) -> pd.DataFrame:
    """One row per record variable with evidence. ``status`` (from the rule's registration)
    says what the row holds: a quote found at its offsets, or a value established without
    one (``established_false``, ``default``: no quote, no offsets) or set by hand."""
    rows = []
    for r in records:
        if not r.account:
            continue
        for e in r.evidence.values():
            status = "override" if e.source == "manual" else codebook.rule_status(e.rule)
            located = status == "found"
            rows.append(
                {
                    "doc_id": r.doc_id,
                    "jurisdiction": r.jurisdiction,
                    "variable": e.variable,
                    "value": str(_cell(e.value)),
                    "status": status,
                    "quote": e.quote if located or status == "override" else None,
                    "start": e.start if located and e.start >= 0 else None,
                    "end": e.end if located and e.end >= 0 else None,
                    "rule": e.rule,
                    "source": e.source,
                }
            )
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    for column in ("start", "end"):
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values(["doc_id", "jurisdiction", "variable"], kind="stable").reset_index(
        drop=True
    )


def audit_frame(documents: list[CodedDocument]) -> pd.DataFrame:
    rows = [{c: _cell(getattr(a, c)) for c in AUDIT_COLUMNS} for d in documents for a in d.audit]
    frame = pd.DataFrame(rows, columns=AUDIT_COLUMNS).astype("string")
    return frame.sort_values(
        ["doc_id", "jurisdiction", "variable", "other_start"], kind="stable"
    ).reset_index(drop=True)


@dataclass(frozen=True)
class RecordVariables:
    """The codebook's record variables, read without compiling its rules (a cached rebuild
    then never pays for compiling them). Has the attributes of ``Codebook`` that the tables
    and the overrides use."""

    record_variables: tuple[dict[str, Any], ...]
    registry: dict[str, RegisteredRule] = field(default_factory=dict)

    @property
    def record_variable_names(self) -> list[str]:
        return [v["name"] for v in self.record_variables]

    def rule_status(self, rule_id: str) -> str:
        """What an evidence row of ``rule_id`` holds."""
        return status_of(self.registry, rule_id)


def record_variables(path: Path = CODEBOOK_PATH) -> RecordVariables:
    """Record variables of the codebook at ``path`` (safe YAML loader)."""
    try:
        data = yaml.safe_load(path.read_bytes().decode("utf-8"))
        return RecordVariables(tuple(data["record_variables"]), rule_registry(data, path))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError, KeyError) as error:
        raise InputError(path, f"cannot read codebook: {error}") from error


def _verified(entries: list[Entry], log: Callable[..., Any]) -> list[Entry]:
    """Entries whose file matches its checksum; a changed file stops the run before anything
    is written, an unreadable one is reported and skipped."""
    usable = []
    for entry in entries:
        try:
            verify(entry)
        except ChecksumMismatch:
            raise
        except InputError as problem:
            log(f"skipped: {problem}", file=sys.stderr)
            continue
        usable.append(entry)
    return usable


def _check_overrides(rows: list[Override], codebook: Codebook) -> dict[str, list[Override]]:
    """Fail before coding on rows that can never apply; group the rows by doc_id."""
    specs = {v["name"]: v for v in codebook.record_variables}
    grouped: dict[str, list[Override]] = {}
    for row in rows:
        if row.variable not in specs or row.variable in FIXED:
            raise InputError(row.where, f"unknown or fixed variable {row.variable!r}")
        if not row.reason:
            raise InputError(row.where, "an override needs a reason")
        grouped.setdefault(row.doc_id, []).append(row)
    return grouped


def _write_batch(
    writers: dict[str, TableWriter], documents: list[CodedDocument], codebook: Codebook
) -> None:
    records = [r for d in documents for r in d.records]
    writers["records"].write(records_frame(records, codebook))
    writers["mentions"].write(mentions_frame(records))
    writers["evidence"].write(evidence_frame(records, codebook))
    writers["coding_audit"].write(audit_frame(documents))


def code_corpus(
    manifest: Path = paths.MANIFEST,
    clean_dir: Path = paths.CLEAN,
    interim_dir: Path = paths.INTERIM,
    overrides: Path = paths.OVERRIDES,
    jobs: int = 1,
    progress: bool = False,
    log: Callable[..., Any] = print,
    cache_dir: Path | None = None,
    batch: int = BATCH_DOCUMENTS,
) -> list[Path]:
    """Code every document of the manifest and write the code stage's tables.

    Documents are coded in doc_id order and their rows written in batches of ``batch``
    documents, so memory stays flat in corpus size. Coded documents are cached by content
    hash and coder version in ``cache_dir`` (default ``interim_dir/.cache``): a rebuild
    codes only new or changed documents. Tables go to temporary files first and replace the
    previous ones only when the whole run succeeded; interim texts are written just before.
    """
    codebook = record_variables()
    entries, problems = read_manifest(manifest)
    for problem in problems:
        log(f"skipped: {problem}", file=sys.stderr)
    entries = _verified(entries, log)
    pending = _check_overrides(read_overrides(overrides), codebook)
    cache = Cache(cache_dir if cache_dir is not None else interim_dir / ".cache")
    writers = {name: TableWriter(clean_dir / name, TABLE_FORMATS) for name in TABLE_NAMES}
    try:
        doc_rows: dict[str, dict[str, Any]] = {}
        texts: list[tuple[str, str]] = []
        batch_docs: list[CodedDocument] = []
        ordered = sorted(entries, key=lambda e: e.doc_id)
        for done in code_entries(ordered, cache, jobs=jobs, progress=progress):
            if done.problem:
                log(f"not coded: {done.problem}", file=sys.stderr)
            if done.has_text:
                texts.append((done.doc_id, done.key))
            if done.coded is not None:
                apply_overrides(done.coded.records, pending.pop(done.doc_id, []), codebook)
                batch_docs.append(done.coded)
            doc_rows[done.doc_id] = {
                "doc_id": done.doc_id,
                "records": len(done.coded.records) if done.coded else 0,
                "characters": done.characters,
                "problem": done.problem or "",
            }
            if len(batch_docs) >= batch:
                _write_batch(writers, batch_docs, codebook)
                batch_docs = []
        if batch_docs or writers["records"].batches == 0:
            _write_batch(writers, batch_docs, codebook)
        for rows in pending.values():
            row = rows[0]
            raise InputError(row.where, f"no coded record ({row.doc_id}, {row.jurisdiction})")
        writers["documents"].write(
            pd.DataFrame([doc_rows[e.doc_id] for e in entries], columns=DOCUMENT_COLUMNS)
        )
        for doc_id, key in texts:
            atomic_write_bytes(interim_dir / f"{doc_id}.txt", cache.text_path(key).read_bytes())
        written = [path for name in TABLE_NAMES for path in writers[name].commit()]
    except BaseException:
        for writer in writers.values():
            writer.discard()
        raise
    cache.prune()
    return written
