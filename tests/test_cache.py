"""The coded-document cache and streamed tables: only changed documents are re-coded, a
changed coder re-codes everything, and cached, streamed or parallel runs write the same bytes."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers import digests as _digests

from analysis import paths
from analysis.coding import cache as cache_module
from analysis.coding import corpus
from analysis.coding.cache import Cache, coder_version, document_from_json, document_to_json
from analysis.coding.corpus import code_corpus, code_document


@pytest.fixture
def ws(workspace: dict[str, Path]) -> dict[str, Path]:
    return workspace


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    """doc_ids coded anew (in this process: jobs=1)."""
    seen: list[str] = []
    real = corpus.code_document

    def counting(data, name, doc_id, codebook=None):
        seen.append(doc_id)
        return real(data, name, doc_id, codebook)

    monkeypatch.setattr(corpus, "code_document", counting)
    return seen


def _run(ws: dict[str, Path], clean: str = "clean", **kwargs) -> None:
    code_corpus(
        manifest=ws["raw"] / "manifest.csv",
        clean_dir=ws["raw"].parent / clean,
        interim_dir=ws["interim"],
        overrides=ws["raw"] / "overrides.csv",
        cache_dir=kwargs.pop("cache_dir", ws["cache"]),
        log=lambda *a, **k: None,
        **kwargs,
    )


def test_round_trip_of_every_real_document(root):
    for path in sorted((root / "data" / "raw").glob("0*.txt")):
        coded = code_document(path.read_bytes(), path.name, path.stem).coded
        data = json.loads(json.dumps(document_to_json(coded), ensure_ascii=False))
        assert document_from_json(data) == coded


def test_only_new_or_changed_documents_are_coded(ws, calls):
    _run(ws)
    assert len(calls) == 5
    first = _digests(ws["clean"])
    calls.clear()
    _run(ws)
    assert calls == []
    assert _digests(ws["clean"]) == first
    # one new document: only it is coded
    source = ws["raw"] / "003_44fd058499c5af9b.txt"
    data = source.read_bytes().replace("焦作".encode(), "开封".encode())
    (ws["raw"] / "new.txt").write_bytes(data)
    with open(ws["raw"] / "manifest.csv", "a", encoding="utf-8") as handle:
        handle.write(f"new,new.txt,,,,,,{hashlib.sha256(data).hexdigest()}\n")
    _run(ws)
    assert calls == ["new"]
    records = pd.read_csv(ws["clean"] / "records.csv")
    assert "开封市" in set(records["jurisdiction"])
    # and the cached result equals a run without any cache
    _run(ws, clean="fresh", cache_dir=ws["raw"].parent / "fresh-cache")
    assert _digests(ws["clean"]) == _digests(ws["raw"].parent / "fresh")


def test_changed_coder_recodes_everything(ws, calls, monkeypatch):
    _run(ws)
    calls.clear()
    monkeypatch.setattr(corpus, "Cache", lambda root: Cache(root, version="0" * 16))
    _run(ws)
    assert len(calls) == 5
    # the stale version's folder is pruned after a successful run
    assert sorted(p.name for p in ws["cache"].iterdir()) == ["0" * 16]


def test_coder_version_covers_rules_and_code(tmp_path, monkeypatch):
    package = tmp_path / "analysis"
    shutil.copytree(paths.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    compute = cache_module.coder_version.__wrapped__
    monkeypatch.setattr(paths, "PACKAGE", package)
    base = compute()
    assert base == coder_version()
    for changed in (
        "codebook.yaml",
        "coding/counts.py",
        "ingest/normalize.py",
        "data/gazetteer.csv",
    ):
        path = package / changed
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert compute() != base, changed
        path.write_bytes(original)
    assert compute() == base
    (package / "panel" / "build.py").write_bytes(b"# not part of coding\n")
    assert compute() == base


def test_damaged_cache_entry_is_recoded(ws, calls):
    _run(ws)
    first = _digests(ws["clean"])
    entries = sorted(ws["cache"].rglob("*.json"))
    entries[0].write_text("{not json", encoding="utf-8")
    next(ws["cache"].rglob("*.txt")).unlink()
    calls.clear()
    _run(ws)
    assert 1 <= len(calls) <= 2
    assert _digests(ws["clean"]) == first


def test_streamed_batches_and_processes_give_the_same_bytes(ws):
    _run(ws, clean="one", batch=1, jobs=1, cache_dir=ws["raw"].parent / "c1")
    _run(ws, clean="all", batch=1000, jobs=2, cache_dir=ws["raw"].parent / "c2")
    one, whole = ws["raw"].parent / "one", ws["raw"].parent / "all"
    for name in corpus.TABLE_NAMES:
        assert (one / f"{name}.csv").read_bytes() == (whole / f"{name}.csv").read_bytes(), name
        pd.testing.assert_frame_equal(
            pd.read_parquet(one / f"{name}.parquet"), pd.read_parquet(whole / f"{name}.parquet")
        )


def test_streamed_tables_equal_tables_built_at_once(ws, root):
    _run(ws, batch=2)
    codebook = corpus.default_codebook()
    documents = [
        code_document(p.read_bytes(), str(p), p.stem).coded
        for p in sorted(ws["raw"].glob("0*.txt"))
    ]
    records = [r for d in documents for r in d.records]
    expected = {
        "records": corpus.records_frame(records, codebook),
        "mentions": corpus.mentions_frame(records),
        "evidence": corpus.evidence_frame(records, codebook),
        "coding_audit": corpus.audit_frame(documents),
    }
    for name, frame in expected.items():
        assert (ws["clean"] / f"{name}.csv").read_bytes() == frame.to_csv(
            index=False, lineterminator="\n"
        ).encode(), name


def test_empty_corpus_writes_empty_tables(ws):
    (ws["raw"] / "manifest.csv").write_text(
        "doc_id,file,title,source_url,publisher,published_date,jurisdiction,sha256\n",
        encoding="utf-8",
    )
    _run(ws)
    for name in corpus.TABLE_NAMES:
        assert pd.read_csv(ws["clean"] / f"{name}.csv").empty
        assert pd.read_parquet(ws["clean"] / f"{name}.parquet").empty


def test_noop_rebuild_leaves_timestamps(ws):
    _run(ws)
    stamps = {p: p.stat().st_mtime_ns for p in ws["clean"].iterdir()}
    _run(ws)
    assert {p: p.stat().st_mtime_ns for p in ws["clean"].iterdir()} == stamps
    assert not list(ws["clean"].glob(".*.tmp"))


def test_json_form_is_asdict(root):
    import dataclasses

    from analysis.coding.cache import document_to_json
    from analysis.coding.coder import code_text
    from analysis.ingest import normalize

    text = normalize((root / "data" / "raw" / "004_d25812755243d715.txt").read_text("utf-8"))
    doc = code_text(text, "004")
    assert doc.records and doc.audit is not None
    assert document_to_json(doc) == dataclasses.asdict(doc)
