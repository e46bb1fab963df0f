"""Hand-coded records as reference data: written from a gold folder, read in the clean schema."""

from __future__ import annotations

import pytest

from analysis import paths
from analysis.errors import InputError
from analysis.panel import hand_coded, metadata

RECORD_HEADER = ",".join(metadata.columns("records"))


def _gold(tmp_path, sources: str):
    gold = tmp_path / "gold"
    gold.mkdir()
    empty = "," * (len(metadata.columns("records")) - 6)
    (gold / "records.csv").write_text(
        RECORD_HEADER + "\n"
        "x1,甲省,province,,progress,2022-01-05" + empty + "\n"
        "n1,甲省" + "," * (len(metadata.columns("records")) - 2) + "\n",
        encoding="utf-8",
    )
    (gold / "mentions.csv").write_text(
        "doc_id,jurisdiction,variable,year,months,value,yoy_change,yoy_unit,quote\n"
        "n1,甲省,pm25,2021,,33,-2.5,pct,一句话\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text(sources, encoding="utf-8")
    return gold


def test_write_and_read_keep_values_and_sources_not_text(tmp_path):
    gold = _gold(tmp_path, "doc_id,url,publisher\nx1,http://a,甲省政府\nn1,http://b,\n")
    out = tmp_path / "ref"
    out.mkdir()
    hand_coded.write(gold, tmp_path / "sources.csv", out)
    records = hand_coded.read_records(out)
    assert records["doc_id"].tolist() == ["hand:x1"]  # the status item is not a record
    assert records.loc[0, "source_url"] == "http://a"
    assert records.loc[0, "publisher"] == "甲省政府"
    mentions = hand_coded.read_mentions(out)
    assert mentions.loc[0, "value"] == 33 and mentions.loc[0, "yoy_change"] == -2.5
    assert mentions["quote"].isna().all()
    assert "一句话" not in (out / hand_coded.MENTIONS).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("listed", "publisher"),
    [
        ("乙市人民政府(来源:丙省某某工作领导小组办公室)", "乙市人民政府"),
        ("丁县人民政府网（转载某某日报）", "丁县人民政府网"),
        ("甲省生态环境厅", "甲省生态环境厅"),
        ("戊(chéng)网", "戊(chéng)网"),  # a bracket inside the name is kept
    ],
)
def test_publisher_without_note_on_original_source(listed, publisher):
    assert hand_coded.publisher_of(listed) == publisher


def test_record_without_url_is_refused(tmp_path):
    gold = _gold(tmp_path, "doc_id,url,publisher\nx1,http://a,\n")
    (tmp_path / "ref").mkdir()
    with pytest.raises(InputError, match=r"sources.csv: no URL for \['n1'\]"):
        hand_coded.write(gold, tmp_path / "sources.csv", tmp_path / "ref")


def test_committed_hand_coded_records():
    records = hand_coded.read_records(paths.REFERENCE)
    assert len(records) == 71 and records["source_url"].notna().all()
    provinces = records["parent"].fillna(records["jurisdiction"])
    assert provinces.nunique() == 31
