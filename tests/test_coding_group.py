"""A page addressed to a named group of jurisdictions gives one record per member."""

from __future__ import annotations

from analysis.codebook import default_codebook
from analysis.coding.coder import code_text
from analysis.coding.document import find_title
from analysis.coding.segment import split_records
from analysis.ingest import normalize


def segments(raw: str) -> dict[str, list[str]]:
    text = normalize(raw)
    codebook = default_codebook()
    title = find_title(text, codebook)
    records = split_records(text, title, len(text), codebook).records
    return {r.place.name: [p.text(text) for p in r.passages] for r in records}


def test_members_get_their_own_clauses() -> None:
    got = segments(
        "本市通报对嘉定、宝山两区环保督察反馈意见\n"
        "市环保督察组3月5日向嘉定区、宝山区通报督察反馈意见。两区共接到举报300余件。\n"
        "对嘉定区,督察组认为部分工作落实不到位。\n"
        "其中,嘉定区的180件举报已全部办结;宝山区的152件举报已全部办结。\n"
    )
    assert list(got) == ["嘉定区", "宝山区"]
    assert any(p.startswith("嘉定区的180件") for p in got["嘉定区"])
    assert not any("宝山" in p for p in got["嘉定区"])
    assert any(p.startswith("宝山区的152件") for p in got["宝山区"])
    assert not any("两区共" in p for ps in got.values() for p in ps)


def test_a_group_of_cities_addressed_in_the_body() -> None:
    got = segments(
        "省第二督察组对滁州市、宣城市两市开展督察。督察期间,滁州市办结举报95件,宣城市办结举报88件。\n"
    )
    assert list(got) == ["滁州市", "宣城市"]
    assert got["宣城市"] == ["宣城市办结举报88件。"]


def test_a_listed_pair_that_is_not_addressed_is_no_group() -> None:
    raw = "四川省督察整改进展情况\n我省整改有序推进。成都、德阳两市PM2.5浓度同比下降。\n"
    assert list(segments(raw)) == ["四川省"]


def test_a_count_that_does_not_match_the_list_is_no_group() -> None:
    raw = "督察组对嘉定区、宝山区和金山区两区开展督察,已办结举报件60件。\n"
    records = code_text(normalize(raw), "snippet").records
    assert len(records) == 1


def test_the_groups_own_list_is_shared_context() -> None:
    text = normalize("省第二督察组对滁州市、宣城市两市开展督察。督察期间,滁州市办结举报95件。\n")
    codebook = default_codebook()
    records = split_records(text, None, len(text), codebook).records
    assert [c.text(text) for c in records[0].context] == [
        "省第二督察组对滁州市、宣城市两市开展督察。"
    ]
    assert records[0].context == records[1].context
