"""Bad and large input, tried for real: every broken input gives one line naming the file and
the problem, the other documents are still coded, ``data/raw/`` never changes and a failed run
never replaces the last good outputs."""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import shutil
import zipfile
from pathlib import Path

import opencc
import pandas as pd
import pytest
from helpers import digests as _digests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.coding.corpus import MAX_CHARACTERS, code_corpus, code_document
from analysis.errors import InputError
from analysis.manifest import ChecksumMismatch, read_manifest

GOOD_RECORDS = 12  # records coded from the five real documents
DOC = "003_44fd058499c5af9b"  # a real one-jurisdiction document (焦作市)


@pytest.fixture
def ws(workspace: dict[str, Path]) -> dict[str, Path]:
    return workspace


def _add(raw: Path, name: str, data: bytes, doc_id: str | None = None) -> None:
    """Write a raw file and list it in the manifest with its checksum."""
    (raw / name).write_bytes(data)
    _row(raw, f"{doc_id or Path(name).stem},{name},,,,,,{hashlib.sha256(data).hexdigest()}")


def _row(raw: Path, line: str) -> None:
    with open(raw / "manifest.csv", "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def _run(ws: dict[str, Path], jobs: int = 1) -> list[str]:
    messages: list[str] = []
    code_corpus(
        manifest=ws["raw"] / "manifest.csv",
        clean_dir=ws["clean"],
        interim_dir=ws["interim"],
        overrides=ws["raw"] / "overrides.csv",
        jobs=jobs,
        log=lambda m, **k: messages.append(m),
    )
    return messages


def _real_text(root: Path) -> str:
    return (root / "data" / "raw" / f"{DOC}.txt").read_text(encoding="utf-8")


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _html(text: str) -> bytes:
    rows = "".join(f"<tr><td>{line}</td></tr>" for line in text.splitlines() if line.strip())
    return (
        "<!DOCTYPE html><html><head><title>t</title>"
        "<script>var x = '9999项整改任务 河北省';</script><style>td {color: red}</style></head>"
        "<body><div class='nav'>首页 > 新闻</div><table><tr><td><table>"
        f"{rows}</table></td><td><table><tr><td>附表</td></tr></table></td></tr></table>"
        "<script>document.write('已完成8888项')</script></body></html>"
    ).encode()


def _broken(root: Path) -> dict[str, tuple[bytes, str]]:
    """Broken files and the problem each must be reported with."""
    text = _real_text(root)
    return {
        "empty.txt": (b"", "empty file"),
        "junk.bin": (random.Random(1).randbytes(8192), "binary data"),
        "junk16.txt": (bytes(range(256)) * 16, "UTF-16 without a byte-order mark"),
        "nul.txt": (b"\x00" * 100, "binary data"),
        "corrupt.pdf": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages", "corrupt PDF"),
        "notpdf.pdf": ("整改报告".encode(), "corrupt PDF: no %PDF- header"),
        "renamed.docx": (_zip({"readme.txt": "hello"}), "not a Word document"),
        "broken.docx": (_zip({"word/document.xml": "<w:document"}), "corrupt Word document"),
        "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG image"),
        "huge.txt": (text.encode() * (50_000_000 // len(text.encode()) + 1), "text too long"),
        "noplace.txt": ("今天天气很好。".encode(), "no jurisdiction found"),
    }


def test_broken_corpus_reports_each_file_and_codes_the_rest(ws, root):
    raw = ws["raw"]
    broken = _broken(root)
    for name, (data, _) in broken.items():
        _add(raw, name, data)
    before = _digests(raw)
    messages = _run(ws, jobs=2)
    for message in messages:
        assert "\n" not in message
    for name, (_, problem) in broken.items():
        line = [m for m in messages if f"{name}:" in m]
        assert len(line) == 1, (name, messages)
        assert problem in line[0], (name, line)
    records = pd.read_csv(ws["clean"] / "records.csv")
    assert len(records) == GOOD_RECORDS
    documents = pd.read_csv(ws["clean"] / "documents.csv", keep_default_na=False)
    assert len(documents) == 5 + len(broken)
    assert documents.set_index("doc_id").loc["huge", "problem"].count("text too long") == 1
    assert not (ws["interim"] / "huge.txt").exists()  # nothing kept of a rejected document
    assert _digests(raw) == before


@pytest.mark.parametrize("how", ["utf8-truncated", "gbk", "big5", "utf8-bom", "html"])
def test_encodings_and_html_code_like_the_original(root, how):
    text = _real_text(root)
    data = {
        "utf8-truncated": text.encode()[:-1],  # cut inside the final character
        "gbk": text.replace("\xa0", " ").encode("gbk"),
        "big5": opencc.OpenCC("s2t").convert(text).encode("big5", errors="replace"),
        "utf8-bom": b"\xef\xbb\xbf" + text.encode(),
        "html": _html(text),
    }[how]
    name = "doc.html" if how == "html" else "doc.txt"
    expected = code_document(text.encode(), "doc.txt", DOC).coded.records[0].values
    result = code_document(data, name, DOC)
    assert result.problem is None
    assert "\ufffd" not in result.text
    (record,) = result.coded.records
    assert record.jurisdiction == "焦作市"
    for variable in ("tasks_total", "tasks_completed", "inspection_level", "feedback_date"):
        assert record.values.get(variable) == expected.get(variable), variable
    if how == "html":
        assert "9999" not in result.text and "8888" not in result.text  # scripts dropped
        assert "首页" not in result.text  # navigation dropped
        assert "附表" in result.text  # nested table kept


def test_truncated_utf8_inside_text_is_not_silently_decoded(root):
    """A UTF-8 file with bytes missing in the middle is not mis-decoded as GBK or Big5."""
    data = _real_text(root).encode()
    middle = data.index("整改".encode()) + 1  # inside a character
    result = code_document(data[:middle] + data[middle + 1 :], "doc.txt", DOC)
    if result.problem is None:  # decoded: then it must be (mostly) the real text
        assert "焦作市" in result.text and "整改" in result.text
    else:
        assert result.problem.startswith("doc.txt: ")


def test_manifest_problems_are_one_line_each_and_skipped(ws):
    raw = ws["raw"]
    good = (raw / f"{DOC}.txt").read_bytes()
    digest = hashlib.sha256(good).hexdigest()
    outside = raw.parent / "outside.txt"
    outside.write_bytes(good)
    (raw / "link.txt").symlink_to(outside)
    rows = {
        f"{DOC},{DOC}.txt,,,,,,{digest}": "duplicate doc_id",
        f"missing,missing.txt,,,,,,{digest}": "does not exist",
        f"up,../outside.txt,,,,,,{digest}": "points outside",
        f"abs,{outside},,,,,,{digest}": "points outside",
        f"link,link.txt,,,,,,{digest}": "points outside",
        f"../../evil,{DOC}.txt,,,,,,{digest}": "doc_id",
        f"badsum,{DOC}.txt,,,,,,abc": "is not 64 hex digits",
        "nosum,x.txt,,,,,,": "missing sha256",
        f"extra,{DOC}.txt,,,,,,{digest},surplus": "more fields than the header",
    }
    for line in rows:
        _row(raw, line)
    entries, problems = read_manifest(raw / "manifest.csv")
    assert len(entries) == 5
    assert len(problems) == len(rows)
    for problem, expected in zip(problems, rows.values(), strict=True):
        assert isinstance(problem, InputError)
        assert str(problem).startswith(f"{raw / 'manifest.csv'}:")
        assert expected in str(problem)
        assert "\n" not in str(problem)
    messages = _run(ws)
    assert sum(m.startswith("skipped:") for m in messages) == len(rows)
    assert len(pd.read_csv(ws["clean"] / "records.csv")) == GOOD_RECORDS
    assert not any(ws["interim"].glob("**/evil*")) and not (raw.parent / "evil.txt").exists()


def test_manifest_without_required_column_stops(ws):
    (ws["raw"] / "manifest.csv").write_text("doc_id,file\na,a.txt\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"manifest.csv: manifest lacks column\(s\) sha256"):
        _run(ws)


def test_checksum_mismatch_stops_the_run_and_keeps_outputs(ws):
    _run(ws)
    kept, kept_interim = _digests(ws["clean"]), _digests(ws["interim"])
    target = ws["raw"] / f"{DOC}.txt"
    target.chmod(0o644)
    target.write_bytes(target.read_bytes().replace("焦作".encode(), "开封".encode()))
    with pytest.raises(ChecksumMismatch, match=f"{DOC}.txt: checksum .* does not match"):
        _run(ws)
    assert _digests(ws["clean"]) == kept
    assert _digests(ws["interim"]) == kept_interim


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (f"{DOC},焦作市,no_such_variable,3,typo", "unknown or fixed variable 'no_such_variable'"),
        (f"{DOC},开封市,tasks_total,3,wrong record", f"no coded record ({DOC}, 开封市)"),
        ("no_such_doc,焦作市,tasks_total,3,wrong doc", "no coded record (no_such_doc, 焦作市)"),
        (f"{DOC},焦作市,tasks_total,many,not a number", "value 'many' is not a valid integer"),
        (f"{DOC},焦作市,tasks_total,3,", "an override needs a reason"),
    ],
)
def test_bad_override_stops_the_run_and_keeps_outputs(ws, row, problem):
    _run(ws)
    kept = _digests(ws["clean"])
    with open(ws["raw"] / "overrides.csv", "a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    with pytest.raises(InputError) as raised:
        _run(ws)
    assert str(raised.value).startswith(f"{ws['raw'] / 'overrides.csv'}:2: ")
    assert problem in str(raised.value)
    assert _digests(ws["clean"]) == kept
    assert not list(ws["clean"].glob(".*.tmp"))  # temporary files cleaned up


def test_overrides_with_wrong_columns_stop_the_run(ws):
    (ws["raw"] / "overrides.csv").write_text("doc_id,variable,value\n", encoding="utf-8")
    with pytest.raises(InputError, match="overrides.csv: columns must be"):
        _run(ws)


def test_failure_while_writing_keeps_last_good_outputs(ws, monkeypatch):
    _run(ws)
    kept = _digests(ws["clean"])
    (ws["raw"] / f"{DOC}.txt").chmod(0o644)  # a changed document would change the outputs
    from analysis.coding import corpus

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(corpus, "audit_frame", fail)
    with pytest.raises(OSError, match="disk full"):
        _run(ws)
    assert _digests(ws["clean"]) == kept
    assert not list(ws["clean"].glob(".*.tmp"))


def test_coder_bug_in_one_document_does_not_stop_the_others(ws, monkeypatch):
    from analysis.coding import corpus

    real = corpus.code_document

    def flaky(data, name, doc_id, codebook=None):
        if doc_id == DOC:
            raise IndexError("boom")
        return real(data, name, doc_id, codebook)

    monkeypatch.setattr(corpus, "code_document", flaky)
    messages = _run(ws)
    assert any(f"{DOC}.txt: internal error while coding (IndexError: boom)" in m for m in messages)
    records = pd.read_csv(ws["clean"] / "records.csv")
    assert DOC not in set(records["doc_id"]) and len(records) == GOOD_RECORDS - 1
    monkeypatch.setattr(corpus, "code_document", real)
    _run(ws)  # the failure was not cached: the fixed coder codes the document
    assert len(pd.read_csv(ws["clean"] / "records.csv")) == GOOD_RECORDS


def test_unreadable_file_is_reported_and_skipped(ws):
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    target = ws["raw"] / f"{DOC}.txt"
    target.chmod(0o000)
    try:
        messages = _run(ws)
    finally:
        target.chmod(0o444)
    assert any(f"{DOC}.txt: cannot read file" in m for m in messages)
    assert len(pd.read_csv(ws["clean"] / "records.csv")) == GOOD_RECORDS - 1


# -- reference and outcome CSVs (analysis/panel) ------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("jurisdiction,year,variable,value,unit,source,colour\n", "unknown column"),
        ("jurisdiction,year,variable,value,unit\n山西省,2021,pm25,39,ug/m3\n", "missing column"),
        (
            "jurisdiction,year,variable,value,unit,source\n山西省,2021,pm25,-3,ug/m3,x\n",
            "row 2: value -3.0 out of range",
        ),
        (
            "jurisdiction,year,variable,value,unit,source\n山西省,2021,good_air_ratio,130,pct,x\n",
            "row 2: value 130.0 out of range",
        ),
        (
            "jurisdiction,year,variable,value,unit,source\n山西省,2021,pm10,39,ug/m3,x\n",
            "row 2: unknown variable 'pm10'",
        ),
        (
            "jurisdiction,year,variable,value,unit,source\n山西省,21,pm25,39,ug/m3,x\n",
            "row 2: year '21' is not an integer year",
        ),
        (
            "jurisdiction,year,variable,value,unit,source\n山西省,2021,pm25,lots,ug/m3,x\n",
            "row 2: value 'lots' is not a number",
        ),
    ],
)
def test_bad_external_outcomes_file(tmp_path, content, problem):
    from analysis.panel import external

    path = _write(tmp_path / "outcomes" / "mine.csv", content)
    with pytest.raises(InputError) as raised:
        external.read_file(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert problem in str(raised.value)


def _reference_dir(tmp_path: Path, root: Path) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(root / "data" / "raw" / "reference", folder)
    for path in folder.iterdir():
        path.chmod(0o644)
    return folder


def test_reference_with_wrong_column(tmp_path, root):
    from analysis.panel import reference

    folder = _reference_dir(tmp_path, root)
    path = folder / reference.OUTCOMES
    text = path.read_text(encoding="utf-8").replace("province,", "provice,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{path}: columns must be")):
        reference.read_outcomes(folder)
    with pytest.raises(InputError, match="checksum mismatch"):  # and the build refuses it
        reference.verify_manifest(folder)


def test_reference_with_non_numeric_value(tmp_path, root):
    from analysis.panel import reference

    folder = _reference_dir(tmp_path, root)
    path = folder / reference.OUTCOMES
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = re.sub(r",pm25,[^,]+,", ",pm25,n/a,", lines[1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{path}: row 2: value is not a number")):
        reference.read_outcomes(folder)


def test_reference_with_value_out_of_range(tmp_path, root):
    from analysis.panel import reference

    folder = _reference_dir(tmp_path, root)
    path = folder / reference.OUTCOMES
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = re.sub(r",good_air_ratio,[^,]+,", ",good_air_ratio,170.7,", lines[2])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="checksum mismatch"):
        reference.verify_manifest(folder)  # a changed reference file stops the build
    reference.write_manifest(folder)  # even when re-listed on purpose, the value is refused
    with pytest.raises(InputError, match=re.escape(f"{path}: row 3")):
        reference.read_outcomes(folder)


# -- safety: nothing from a document is executed or used as a path -----------------------


def test_no_unsafe_loaders_in_the_package(root):
    unsafe = re.compile(
        r"yaml\.(load|unsafe_load|full_load)\(|\beval\(|\bexec\(|pickle\.|marshal\.|shelve\."
    )
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted((root / "analysis").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if unsafe.search(line)
    ]
    assert found == []


def test_yaml_tags_in_a_codebook_are_refused(tmp_path):
    from analysis.codebook import load_codebook

    path = _write(
        tmp_path / "codebook.yaml",
        "record_variables: !!python/object/apply:os.system ['touch x']\n",
    )
    with pytest.raises(InputError, match="cannot read codebook"):
        load_codebook(path)
    assert not (Path.cwd() / "x").exists()


def test_document_text_is_never_used_as_a_path(ws):
    payload = (
        "焦作市关于整改情况的报告\n../../../../tmp/pwned.txt\n{{ __import__('os') }}\n"
        "!!python/object/apply:os.system ['touch pwned']\n共有46项整改任务,已完成34项。\n"
    ).encode()
    _add(ws["raw"], "payload.txt", payload)
    _run(ws)
    made = {p.name for p in ws["interim"].iterdir() if p.is_file()}
    assert made == {f"{p.stem}.txt" for p in ws["raw"].glob("*.txt")}
    assert not Path("/tmp/pwned.txt").exists() and not Path("pwned").exists()


# -- property: coding arbitrary bytes never raises -----------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=400).map(lambda t: t.encode("utf-8")),
        st.text(
            alphabet="河北省市县整改任务项已完成件人元万亿年月日0123456789.,。%\n<>/", max_size=400
        ).map(lambda t: t.encode("utf-8")),
    ),
    name=st.sampled_from(["a.txt", "a.html", "a.pdf", "a.docx", "a"]),
)
def test_code_document_never_raises(data, name):
    result = code_document(data, name, "doc")
    assert (result.problem is None) == (result.coded is not None and not result.coded.problem)
    if result.problem is not None:
        assert result.problem.startswith(f"{name}: ") and "\n" not in result.problem
    if result.text is not None:
        assert len(result.text) <= MAX_CHARACTERS
        for record in result.coded.records:
            for evidence in record.evidence.values():
                if evidence.start >= 0:
                    assert result.text[evidence.start : evidence.end] == evidence.quote
