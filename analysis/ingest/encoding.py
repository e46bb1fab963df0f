"""Decode document bytes: UTF-8 (BOM optional), GB18030/GBK or Big5, detected not assumed.

Rules, in order:

* empty input, or bytes with NUL bytes, are rejected (NULs mostly in one byte parity are
  reported as UTF-16 without a byte-order mark, otherwise as binary data);
* a UTF-8 or UTF-16 byte-order mark decides the encoding;
* strict UTF-8; a sequence cut off inside its final multi-byte character still counts as
  UTF-8 and the incomplete tail is dropped;
* otherwise GB18030 and Big5 are both tried and scored by plausibility: the share of
  non-ASCII characters that are common Chinese text (after t2s conversion, one of the 3755
  GB2312 level-1 characters scores 1, a level-2 character 0.5, common CJK punctuation 1,
  other Han 0, letters of other scripts (kana, hangul, Greek, Cyrillic, accented latin),
  private-use, unassigned, control characters, box drawing and U+FFFD -1,
  other spaces, numbers and symbols 0). The best candidate must score at least
  ``MIN_PLAUSIBILITY``. Limitation: EUC-KR shares GB2312's code layout, so Korean text
  can pass as GB18030; texts of only a few Chinese characters may be misjudged;
* the decoded text must not be mostly control characters (binary data).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from analysis.errors import InputError
from analysis.ingest.normalize import char_mask, offsets_of, to_simplified

MIN_PLAUSIBILITY = 0.75
JUNK_CATEGORIES = frozenset({"Co", "Cn", "Cs", "Cc"})
JUNK_CHARS = re.compile("[\u2500-\u259f\ufffd]")  # box drawing, blocks, replacement
MAX_CONTROL_RATIO = 0.01
CANDIDATES = ("gb18030", "big5")
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CJK_PUNCTUATION = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·％～　－"

#: Control characters other than tab, line feed, form feed and carriage return.
_CONTROL_MASK = char_mask([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0xA0)])
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    """Character -> plausibility weight, built from the GB2312 code table."""
    weights = dict.fromkeys(CJK_PUNCTUATION, 1.0)
    for lead in range(0xB0, 0xF8):
        level = 1.0 if lead < 0xD8 else 0.5
        for trail in range(0xA1, 0xFF):
            try:
                weights[bytes((lead, trail)).decode("gb2312")] = level
            except UnicodeDecodeError:
                continue
    return weights


def _weight(char: str) -> float:
    """Weight of a character outside the GB2312 table: Han 0, junk -1, other symbols 0."""
    if "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f":
        return 0.0
    category = unicodedata.category(char)
    junk = category in JUNK_CATEGORIES or category[0] == "L" or JUNK_CHARS.match(char)
    return -1.0 if junk else 0.0


def plausibility(text: str) -> float:
    """Score in [-1, 1]: how much the non-ASCII part of ``text`` looks like Chinese text."""
    chars = _NON_ASCII.findall(to_simplified(text))
    if not chars:
        return 0.0
    weights = _weights()
    total = sum(weights[c] if c in weights else _weight(c) for c in chars)
    return total / len(chars)


def _nul_problem(data: bytes) -> str | None:
    nuls = data.count(0)
    if not nuls:
        return None
    even = data[0::2].count(0)
    if nuls >= 4 and max(even, nuls - even) >= 0.9 * nuls and nuls <= 0.6 * len(data):
        return "unknown text encoding (looks like UTF-16 without a byte-order mark)"
    return "binary data, not a text document (contains NUL bytes)"


def _utf8(data: bytes) -> str | None:
    """Strict UTF-8, tolerating only a multi-byte character cut off at the very end."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.start >= len(data) - 3:
            try:
                return data[: err.start].decode("utf-8")
            except UnicodeDecodeError:
                return None
        return None


def _best_cjk(data: bytes) -> tuple[str, str, float]:
    scored = []
    for name in CANDIDATES:
        text = data.decode(name, errors="replace")
        scored.append((plausibility(text), name, text))
    score, name, text = max(scored)
    return text, name, score


def decode(data: bytes, path: str | Path) -> str:
    """Decode ``data`` (read from ``path``) to text; raise InputError if it is not text."""
    if not data:
        raise InputError(path, "empty file (0 bytes)")
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError as err:
                raise InputError(path, f"invalid {name} after byte-order mark: {err}") from None
            return _check_controls(text, path)
    problem = _nul_problem(data)
    if problem:
        raise InputError(path, problem)
    text = _utf8(data)
    if text is None:
        text, name, score = _best_cjk(data)
        if score < MIN_PLAUSIBILITY:
            raise InputError(
                path,
                "unknown text encoding (not UTF-8, and neither GB18030 nor Big5 gives "
                f"plausible Chinese text; best {name} scores {score:.2f})",
            )
    return _check_controls(text, path)


def _check_controls(text: str, path: str | Path) -> str:
    if not text.strip():
        raise InputError(path, "empty file (only whitespace)")
    if len(offsets_of(text, _CONTROL_MASK)) > MAX_CONTROL_RATIO * len(text):
        raise InputError(path, "binary data, not a text document (too many control characters)")
    return text
