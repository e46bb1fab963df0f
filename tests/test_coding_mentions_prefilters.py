"""The cheap tests the mention coder runs before its rules never skip a passage a rule, a
trigger or the list lead would match (analysis.coding.mentions)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.codebook import default_codebook
from analysis.coding.mentions import _any_of, _build_plan
from analysis.coding.text import sentences

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "tests" / "fixtures" / "documents").glob("*.txt")) + sorted(
    (ROOT / "data" / "raw").glob("*.txt")
)
CODEBOOK = default_codebook()
PLAN = _build_plan(CODEBOOK)

#: pieces the generated passages are made of: words of the rules, the triggers and the list
#: lead, numbers, units and punctuation
PIECES = st.sampled_from(
    sorted({w for r in PLAN.rules for need in r.needs for w in need})
    + ["分别", "分别为", "PM2.5", "pm2.5", "细颗粒物", "优良", "Ⅲ类", "III", "、", ",", "。"]
    + ["2023年", "1-6月", "46", "74", "85.7%", "微克/立方米", "亿元", "浓度", "比例", "同比下降"]
    + ["全市", "市区", "空气质量", "水质", "断面", "资金", "投入", "安排", "天数", "达标"]
)
passages = st.lists(PIECES, min_size=1, max_size=14).map("".join)


def _corpus_sentences() -> list[str]:
    out = []
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        out.extend(s.text(text) for s in sentences(text))
    return out


def _matched(sentence: str) -> bool:
    lists = PLAN.lists
    return any(r.pattern.search(sentence) for r in PLAN.rules) or bool(
        lists is not None and lists.lead.search(sentence)
    )


def _listed(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in PLAN.lists.lead.finditer(sentence)]


def _listed_from_first_start(sentence: str) -> list[tuple[int, int]]:
    lists = PLAN.lists
    return [m.span() for m in lists.lead.finditer(sentence, lists.first_start(sentence))]


def test_the_plan_has_its_prefilters() -> None:
    assert PLAN.any_word is not None
    assert PLAN.any_trigger is not None
    assert PLAN.lists is not None and PLAN.lists.lead_width is not None


def test_no_matched_corpus_sentence_is_skipped() -> None:
    triggers = [CODEBOOK.triggers[v] for v in CODEBOOK.mention_rules]
    matched = 0
    for sentence in _corpus_sentences():
        if _matched(sentence):
            matched += 1
            assert PLAN.any_word.search(sentence), sentence
        assert bool(PLAN.any_trigger.search(sentence)) == any(t.search(sentence) for t in triggers)
        assert _listed_from_first_start(sentence) == _listed(sentence), sentence
    assert matched >= 10  # the fixtures do state mentions


@settings(max_examples=300, deadline=None)
@given(passages)
def test_no_matched_passage_is_skipped(sentence: str) -> None:
    if _matched(sentence):
        assert PLAN.any_word.search(sentence)


@settings(max_examples=300, deadline=None)
@given(passages)
def test_any_trigger_is_the_union_of_the_triggers(sentence: str) -> None:
    triggers = [CODEBOOK.triggers[v] for v in CODEBOOK.mention_rules]
    assert bool(PLAN.any_trigger.search(sentence)) == any(t.search(sentence) for t in triggers)


@settings(max_examples=300, deadline=None)
@given(passages)
def test_the_list_lead_is_found_from_where_a_match_can_start(sentence: str) -> None:
    assert _listed_from_first_start(sentence) == _listed(sentence)


def test_triggers_that_cannot_be_joined_give_no_union() -> None:
    import re

    assert _any_of([re.compile("a"), None]) is None
    assert _any_of([re.compile("(a)b")]) is None
    assert _any_of([re.compile("a", re.IGNORECASE)]) is None
    assert _any_of([re.compile("a|b"), re.compile("(?i:c)")]).pattern == "(?:a|b)|(?:(?i:c))"


def test_readable_passages_are_those_any_word_finds_something_in() -> None:
    from analysis import gazetteer
    from analysis.coding.mentions import MentionCoder
    from analysis.coding.text import Span, paragraphs

    place = gazetteer.find_places("河源市")[0].candidates[0]
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        found = sentences(text)
        # sentences, whole lines, spans across lines and out of order, as records give them
        passages = found + paragraphs(text)[:3] + [Span(0, len(text))] + found[:5]
        coder = MentionCoder(text, CODEBOOK, place, passages)
        expected = [p for p in passages if PLAN.any_word.search(p.text(text))]
        assert list(coder._readable()) == expected


WORDS = st.lists(
    st.text(alphabet="ab分别优良达到或于", min_size=1, max_size=4), min_size=1, max_size=6
)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet="ab分别优良达到或于,。", max_size=40), st.data())
def test_the_word_index_answers_as_a_search_of_the_stretch(words, text, data) -> None:
    from analysis.coding.literal import any_of
    from analysis.coding.mentions import WordIndex

    index = WordIndex(text, words)
    search = any_of(words)
    for _ in range(10):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert index.holds(start, end) == (search.search(text, start, end) is not None)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet="ab分别优良达到或于,。", max_size=40), st.data())
def test_the_spans_holding_a_word_are_those_a_search_finds_one_in(words, text, data) -> None:
    from analysis.coding.literal import any_of
    from analysis.coding.mentions import WordIndex
    from analysis.coding.text import Span

    index = WordIndex(text, words)
    search = any_of(words)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=12)))
    apart = [Span(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]  # in order
    anyhow = [  # overlapping, out of order
        Span(a, b) for a, b in (sorted(data.draw(st.tuples(*[st.integers(0, len(text))] * 2)))
                                for _ in range(data.draw(st.integers(0, 6))))
    ]
    for spans in (apart, anyhow, apart + anyhow):
        expected = [s for s in spans if search.search(text, s.start, s.end) is not None]
        assert index.holding(spans) == expected


def test_the_word_index_finds_words_starting_inside_others() -> None:
    from analysis.coding.mentions import WordIndex
    from analysis.coding.text import Span

    text = "优于或达到或优于"
    index = WordIndex(text, ["优于或达到", "达到或优于"])
    assert index.holds(3, 8) and not index.holds(4, 8)
    # a span starting inside the occurrence the scan found (优于或达到) holds the other word
    assert index.holding([Span(0, 2), Span(3, 8)]) == [Span(3, 8)]
    assert index.holding([Span(4, 8)]) == []


@settings(max_examples=300, deadline=None)
@given(passages)
def test_the_list_lead_is_found_by_its_stretches_as_by_finditer(sentence: str) -> None:
    assert [m.span() for m in PLAN.lists.matches(sentence)] == _listed(sentence)


def test_the_list_lead_is_found_by_its_stretches_in_the_corpus() -> None:
    assert PLAN.lists.runs is not None
    for sentence in _corpus_sentences():
        assert [m.span() for m in PLAN.lists.matches(sentence)] == _listed(sentence), sentence


NEVER_PATTERNS = [
    r"[^,。]{1,5}?(?:分别|依次)为?", r"[^,a]+a", r"[^,\d]+\d?x", r".[^\n,]x", r"b[^,]*"
]


def test_characters_no_match_holds() -> None:
    import re

    from analysis.coding.mentions import never_in_match

    assert never_in_match(re.compile(r"[^,。]{1,5}?分别")) == ",。"
    assert never_in_match(re.compile(r"[^,a]+a")) == ","
    assert never_in_match(re.compile(r".[^\n,]x")) == "\n"
    assert never_in_match(re.compile(r"(?=x)[^,]+")) == ""  # a lookahead
    assert never_in_match(re.compile(r"[^,]*")) == ""  # may match the empty string
    assert never_in_match(re.compile(r"(?:[^,]|,b)+")) == ""  # ',' matched by one part


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NEVER_PATTERNS), st.text(alphabet="ab分别依次为,。\n1x", max_size=30))
def test_no_match_holds_a_character_never_in_match(pattern: str, text: str) -> None:
    import re

    from analysis.coding.mentions import never_in_match

    compiled = re.compile(pattern)
    never = never_in_match(compiled)
    for start in range(len(text) + 1):
        m = compiled.match(text, start)
        assert m is None or not any(c in never for c in m.group())


def test_a_word_index_of_no_words_finds_none() -> None:
    from analysis.coding.mentions import WordIndex

    assert not WordIndex("分别为", []).holds(0, 3)
    assert WordIndex("分别为", ["别"]).holds(0, 3) and not WordIndex("分别为", ["别"]).holds(2, 3)
