"""Tests for analysis.ingest.normalize: each rule, idempotence, gold quotes survive."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.ingest import normalize, read_document

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOLD = ROOT / "data" / "gold" / "mentions.csv"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("截至２０２３年５月底，已完成４项；", "截至2023年5月底,已完成4项;"),
        ("优良率（ＡＱＩ）为９６．２％：", "优良率(AQI)为96.2%:"),
        ("Ⅰ～Ⅲ类水质断面", "Ⅰ~Ⅲ类水质断面"),
        ("　　一、指导思想", "  一、指导思想"),
        ("a\u00a0b\u2002c\u202fd", "a b c d"),
        ("PM2.5浓度34µg/m3", "PM2.5浓度34μg/m3"),
        ("整\u200b改\u00ad工\ufeff作\u200d", "整改工作"),
        ("第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"),
        ("環境保護督察整改", "环境保护督察整改"),
        ("e\u0301", "\u00e9"),  # NFC composition
    ],
)
def test_rules(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "“绿水青山就是金山银山”。《方案》、【字体】……",
        "2023年1—5月",
        "Ⅰ~Ⅲ类",
        "COD-氨氮",
        "①㎡℃Ⅲ",  # NFKC would rewrite these
        "8省(区)[以下简称8省(区)]",
        "优良率(AQI)为96.2%",
        "细颗粒物(PM2.5)平均浓度",
        "造林5万公顷(ha)",  # "ha" is a pinyin syllable but not the reading of 顷
        "生态环境局(以下简称市局)",
        "\n\n  两个空行\t制表",
    ],
)
def test_left_unchanged(kept: str) -> None:
    assert normalize(kept) == kept


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("整(zhěng)改(gǎi)工作", "整改工作"),
        ("中央督察(dū chá)组", "中央督察组"),
        ("督察（dū chá）整改", "督察整改"),  # full-width brackets
        ("督察 (du cha)组", "督察组"),  # plain syllables, one space before
        ("绿(lǜ)色发展", "绿色发展"),
        ("绿(lv4)色发展", "绿色发展"),
        ("生态(shēngtài)", "生态"),  # syllables run together
        ("重(chóng)新", "重新"),  # heteronym
        ("進(jìn)駐(zhù)", "进驻"),  # traditional + pinyin
    ],
)
def test_pinyin_debris_removed(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_pinyin_that_does_not_match_the_characters_is_kept() -> None:
    assert normalize("整(gǎi)改") == "整(gǎi)改"


SAMPLES = [
    "整(zhěng)改(gǎi)(gǎi)",
    "環境（huán jìng）保護　１—５月，Ⅰ～Ⅲ類\r\nµg\u200b",
    "乾隆後來於是瞭解著作",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


def test_idempotent_on_raw_documents() -> None:
    for path in sorted(RAW.glob("*.txt")):
        once = read_document(path)
        assert normalize(once) == once, path.name


def test_idempotent_on_every_cjk_character() -> None:
    text = "".join(chr(c) for c in range(0x4E00, 0xA000))
    once = normalize(text)
    assert normalize(once) == once


def _gold_quotes() -> list[tuple[str, str]]:
    with GOLD.open(encoding="utf-8", newline="") as handle:
        return [(row["doc_id"], row["quote"]) for row in csv.DictReader(handle)]


def test_gold_file_has_quotes() -> None:
    assert len(_gold_quotes()) >= 20


@pytest.mark.parametrize(("doc_id", "quote"), _gold_quotes())
def test_gold_quote_survives_normalisation(doc_id: str, quote: str) -> None:
    assert quote in read_document(RAW / f"{doc_id}.txt")


def test_raw_documents_lose_no_characters_but_spaces() -> None:
    """The raw examples are simplified UTF-8: only spaces and line ends may change."""
    for path in sorted(RAW.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        text = read_document(path)
        assert len(text) == len(raw.replace("\r\n", "\n")), path.name
        assert text.split() == raw.split(), path.name


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("\u9751海省通報中央環保督察整改進展", "青海省通报中央环保督察整改进展"),
        ("\u965c西省貫徹落實督察整改方案", "陕西省贯彻落实督察整改方案"),
        ("\u752f夏回族自治區", "宁夏回族自治区"),
        ("中央督察組對我區進行“\u56d8頭看”", "中央督察组对我区进行“回头看”"),
        ("\u6df8水河治理", "清水河治理"),
    ],
)
def test_variant_characters_left_by_t2s_become_standard(raw: str, want: str) -> None:
    assert normalize(raw) == want
    assert normalize(want) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("\u9ed2龍江省通報督察整改情況", "黑龙江省通报督察整改情况"),
        ("\u5e83東省\u6e08南市", "广东省济南市"),
        ("\u6589\u6589哈爾市\u55b6口市\u5869城市", "齐齐哈尔市营口市盐城市"),
        ("某\u770c\u90f7鎮\u7d4c濟\u95a2於", "某县乡镇经济关于"),
        ("\u654d永縣累計收到轉辦件58件", "叙永县累计收到转办件58件"),
    ],
)
def test_variant_forms_of_place_and_common_characters_become_standard(raw: str, want: str) -> None:
    assert normalize(raw) == want
    assert normalize(want) == want
