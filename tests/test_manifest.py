"""The manifest: usable rows, one-line problems for the others, checksum stops the run."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analysis.errors import InputError
from analysis.manifest import ChecksumMismatch, read_manifest, verify

HEADER = "doc_id,file,title,source_url,publisher,published_date,jurisdiction,sha256\n"


def _raw(tmp_path: Path, files: dict[str, bytes], rows: list[str]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in files.items():
        (raw / name).write_bytes(data)
    manifest = raw / "manifest.csv"
    manifest.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return manifest


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_good_rows_are_read(tmp_path):
    data = "河源市整改".encode()
    manifest = _raw(tmp_path, {"a.txt": data}, [f"a,a.txt,T,,P,2023-01-01,河源市,{_sha(data)}"])
    entries, problems = read_manifest(manifest)
    assert problems == []
    assert [e.doc_id for e in entries] == ["a"]
    verify(entries[0])  # does not raise


def test_bad_rows_are_reported_and_skipped(tmp_path):
    data = b"x"
    rows = [
        f"a,a.txt,,,,,,{_sha(data)}",
        f"a,a.txt,,,,,,{_sha(data)}",  # duplicate doc_id
        f"b,missing.txt,,,,,,{_sha(data)}",  # no such file
        f"c,../outside.txt,,,,,,{_sha(data)}",  # outside data/raw
        "d,a.txt,,,,,,",  # no checksum
    ]
    (tmp_path / "outside.txt").write_bytes(data)
    entries, problems = read_manifest(_raw(tmp_path, {"a.txt": data}, rows))
    assert [e.doc_id for e in entries] == ["a"]
    messages = [str(p) for p in problems]
    assert len(messages) == 4
    assert all("manifest.csv:" in m and "\n" not in m for m in messages)
    assert "duplicate doc_id" in messages[0]
    assert "does not exist" in messages[1]
    assert "outside" in messages[2]
    assert "missing sha256" in messages[3]


def test_checksum_mismatch_names_the_file(tmp_path):
    manifest = _raw(tmp_path, {"a.txt": b"changed"}, [f"a,a.txt,,,,,,{_sha(b'original')}"])
    entries, _ = read_manifest(manifest)
    with pytest.raises(ChecksumMismatch, match=r"a\.txt: checksum .* does not match"):
        verify(entries[0])


def test_manifest_without_required_columns(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("id,path\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks column"):
        read_manifest(manifest)


def test_project_manifest_matches_raw_files(root):
    entries, problems = read_manifest(root / "data" / "raw" / "manifest.csv")
    assert problems == []
    assert len(entries) == 5
    for entry in entries:
        verify(entry)
