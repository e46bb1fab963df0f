"""Coding the corpus end to end: outputs, reproducibility, bad documents, raw files untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from helpers import digests as _digests

from analysis.coding.corpus import code_corpus
from analysis.manifest import ChecksumMismatch
from analysis.validate import validate


def _run(ws: dict[str, Path], jobs: int = 1) -> list[Path]:
    return code_corpus(
        manifest=ws["raw"] / "manifest.csv",
        clean_dir=ws["clean"],
        interim_dir=ws["interim"],
        overrides=ws["raw"] / "overrides.csv",
        jobs=jobs,
        log=lambda *a, **k: None,
    )


def test_gold_agreement_at_least_098(workspace):
    _run(workspace)
    scores = validate(workspace["gold"], workspace["raw"], workspace["tables"])
    assert scores.records_found == scores.records_gold == 12
    assert scores.micro_f1 >= 0.98
    assert (workspace["tables"] / "validation.csv").exists()


def test_reruns_are_byte_identical_and_raw_untouched(workspace):
    before = _digests(workspace["raw"])
    _run(workspace, jobs=1)
    first = _digests(workspace["clean"])
    _run(workspace, jobs=2)
    assert _digests(workspace["clean"]) == first
    assert _digests(workspace["raw"]) == before


def test_evidence_quotes_are_verbatim_in_interim_text(workspace):
    _run(workspace)
    evidence = pd.read_csv(workspace["clean"] / "evidence.csv", dtype=str, keep_default_na=False)
    mentions = pd.read_csv(workspace["clean"] / "mentions.csv", dtype=str, keep_default_na=False)
    for frame in (evidence, mentions):
        for row in frame[frame["start"] != ""].to_dict("records"):
            text = (workspace["interim"] / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
            assert text[int(row["start"]) : int(row["end"])] == row["quote"]


def test_bad_documents_are_reported_and_others_coded(workspace):
    raw = workspace["raw"]
    bad = {
        "empty.txt": b"",
        "junk.txt": bytes(range(256)) * 8,
        "nowhere.txt": "今天天气很好。".encode(),
    }
    lines = []
    for name, data in bad.items():
        (raw / name).write_bytes(data)
        lines.append(f"{Path(name).stem},{name},,,,,,{hashlib.sha256(data).hexdigest()}\n")
    lines.append("broken,,,,,,,\n")
    with open(raw / "manifest.csv", "a", encoding="utf-8") as handle:
        handle.writelines(lines)
    messages = []
    code_corpus(
        manifest=raw / "manifest.csv",
        clean_dir=workspace["clean"],
        interim_dir=workspace["interim"],
        overrides=raw / "overrides.csv",
        log=lambda m, **k: messages.append(m),
    )
    joined = "\n".join(messages)
    assert "empty.txt: empty file" in joined
    assert "junk.txt" in joined
    assert "nowhere.txt: no jurisdiction" in joined
    assert "manifest.csv:" in joined  # the malformed row
    records = pd.read_csv(workspace["clean"] / "records.csv")
    assert len(records) == 12


def test_changed_raw_file_stops_the_run_and_keeps_outputs(workspace):
    _run(workspace)
    kept = _digests(workspace["clean"])
    target = workspace["raw"] / "000_604e4167a56ba4f6.txt"
    target.chmod(0o644)
    target.write_bytes(target.read_bytes() + b"\n")
    with pytest.raises(ChecksumMismatch, match="000_604e4167a56ba4f6.txt"):
        _run(workspace)
    assert _digests(workspace["clean"]) == kept


def test_warm_up_freezes_the_long_lived_objects_out_of_collection():
    import gc

    from analysis.coding.corpus import warm_up

    gc.unfreeze()
    warm_up()
    try:
        assert gc.get_freeze_count() > 10_000  # the codebook, gazetteer and modules
    finally:
        gc.unfreeze()
