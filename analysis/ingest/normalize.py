"""Normalise extracted document text; all offsets in the project refer to its output.

``normalize(text)`` applies these rules, in this order, and nothing else:

1. Line breaks: CRLF and lone CR become LF; U+0085 (NEL), U+2028 and U+2029 become LF.
2. Full-width ASCII forms U+FF01-U+FF5E become the ASCII character U+0021-U+007E
   (，->,  （->(  ）->)  ：->:  ；->;  ％->%  ０-９->0-9  Ａ->A  ～->~  －->-).
3. Spaces: U+3000 (ideographic space), U+00A0 (no-break space), U+2000-U+200A, U+202F and
   U+205F become an ASCII space (one for one; runs are not collapsed).
4. U+00B5 MICRO SIGN (µ) becomes U+03BC GREEK SMALL LETTER MU (μ), as in μg/m3.
5. Removed: zero-width and invisible format characters U+200B-U+200F, U+2060, U+FEFF
   (BOM / zero-width no-break space) and U+00AD (soft hyphen).
6. Unicode NFC (canonical composition only). NFKC is NOT applied: ①, Ⅲ, ㎡, ℃, ¥ etc. are
   kept as written.
7. Traditional -> simplified Chinese with OpenCC config ``t2s`` (characters and phrases, e.g.
   環境保護 -> 环境保护). Applied repeatedly until stable, so the result is a fixpoint.
   Then variant characters that t2s leaves alone (陜 U+965C, 靑, 甯, 囘, 淸 …) become their
   standard simplified form, one for one, from ``analysis/data/variant_characters.csv``.
8. Pinyin debris: a bracket ``(...)`` directly after a run of Han characters (one optional
   space between them) is removed together with that space when its content is only latin
   letters (plain or tone-marked, ü/v, optional tone digits 1-5, separated by spaces,
   apostrophes or hyphens, or run together) AND it spells a reading (pypinyin, heteronyms
   allowed, tones ignored) of the last N Han characters before it, for some N of 1-8:
   ``整(zhěng)改(gǎi)`` -> ``整改``, ``督察(dū chá)`` -> ``督察``. Real bracketed content such
   as ``(AQI)``, ``(PM2.5)``, ``(区)``, ``(以下简称…)`` or a unit like ``公顷(ha)`` is kept.
   Repeated until stable.

Left unchanged: CJK punctuation (。、“”‘’《》【】—…·), the em dash in ``1—5月``, ASCII
hyphens and tildes, Roman numerals (Ⅰ~Ⅲ), circled numbers, whitespace runs and blank lines.
The function is deterministic and idempotent: ``normalize(normalize(t)) == normalize(t)``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import numpy as np
import opencc

from analysis.ingest.t2s_changes import changing_characters
from analysis.paths import PACKAGE_DATA

_T2S = opencc.OpenCC("t2s")

VARIANTS = PACKAGE_DATA / "variant_characters.csv"

_NEWLINES = re.compile("\r\n?|[\u0085\u2028\u2029]")
_NEWLINE_CHARS = "\r\u0085\u2028\u2029"  # one test per character is faster than the pattern

_SPACES = "\u3000\u00a0\u202f\u205f" + "".join(chr(c) for c in range(0x2000, 0x200B))
_REMOVED = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"

_TABLE: dict[int, int | None] = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_TABLE.update({ord(c): 0x20 for c in _SPACES})
_TABLE.update({ord(c): None for c in _REMOVED})
_TABLE[0x00B5] = 0x03BC

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê"
# Without the Han character before it (checked after the match: a lookbehind at the start
# would make the scan test every position) and without the optional space before the bracket
# (added after the match: a pattern opening with the bracket is searched for much faster).
_PINYIN_CANDIDATE = re.compile(
    rf"\((?P<latin>[A-Za-z{_TONED}][A-Za-z{_TONED}1-5' -]{{0,59}})\)"
)
_HAN_CHAR = re.compile(rf"[{_HAN}]")
_HAN_TAIL = re.compile(rf"[{_HAN}]{{1,8}}$")
_STRIP_TONES = str.maketrans(
    {
        **dict.fromkeys("āáǎà", "a"),
        **dict.fromkeys("ēéěèê", "e"),
        **dict.fromkeys("īíǐì", "i"),
        **dict.fromkeys("ōóǒò", "o"),
        **dict.fromkeys("ūúǔù", "u"),
        **dict.fromkeys("ǖǘǚǜü", "v"),
    }
)
_NOT_LETTERS = re.compile(r"[^a-z]+")


@lru_cache(maxsize=8192)
def _readings(char: str) -> str:
    """Regex alternation of the toneless pinyin readings of one Han character."""
    import pypinyin  # imported lazily: only needed when a candidate is found

    found = pypinyin.pinyin(char, style=pypinyin.Style.NORMAL, heteronym=True, errors="ignore")
    names = sorted({r.replace("ü", "v") for group in found for r in group if r.isalpha()})
    return "(?:" + "|".join(names) + ")" if names else "(?!)"


def _spells(han: str, latin: str) -> bool:
    """True if ``latin`` is the pinyin of the last N characters of ``han``."""
    plain = _NOT_LETTERS.sub("", latin.lower().translate(_STRIP_TONES))
    for n in range(1, len(han) + 1):
        pattern = "".join(_readings(c) for c in han[-n:])
        if re.fullmatch(pattern, plain):
            return True
    return False


def _remove_pinyin_once(text: str) -> str:
    parts: list[str] = []
    last = 0
    for match in _PINYIN_CANDIDATE.finditer(text):
        start = match.start()
        # The space the bracket may follow (never part of the previous candidate: that ends
        # in a bracket).
        if start and text[start - 1] == " ":
            start -= 1
        if not (start and _HAN_CHAR.match(text, start - 1)):
            continue
        han = _HAN_TAIL.search(text, max(0, start - 8), start)
        if han and _spells(han[0], match["latin"]):
            parts.append(text[last:start])
            last = match.end()
    parts.append(text[last:])
    return "".join(parts)


def _remove_pinyin(text: str) -> str:
    while True:
        new = _remove_pinyin_once(text)
        if new == text:
            return text
        text = new


def _convert_whole(text: str) -> str:
    """OpenCC t2s applied to ``text`` until it no longer changes."""
    while True:
        new = _T2S.convert(text)
        if new == text:
            return text
        text = new


@lru_cache(maxsize=1)
def _changing_mask() -> np.ndarray | None:
    chars = changing_characters()
    return None if chars is None else char_mask(ord(c) for c in chars)


def _to_simplified(text: str) -> str:
    """``_convert_whole(text)``, converting only the lines that hold a character t2s may
    change (``t2s_changes``: t2s converts each line on its own, and leaves lines without one
    as they are)."""
    mask = _changing_mask()
    if mask is None:
        return _convert_whole(text)
    parts: list[str] = []
    last = 0  # where the text not yet copied starts: the start of a line
    for i in offsets_of(text, mask):
        if i < last:
            continue  # on a line already converted
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        parts += (text[last:start], _convert_whole(text[start:end]))
        last = end
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


@lru_cache(maxsize=1)
def _variant_table() -> dict[int, str]:
    """Variant character -> standard simplified character (one for one)."""
    with VARIANTS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    table = {}
    for row in rows:
        variant, standard = row["variant"], row["standard"]
        if len(variant) != 1 or len(standard) != 1:
            raise ValueError(f"{VARIANTS}: not one character each: {variant!r} -> {standard!r}")
        table[ord(variant)] = standard
    return table


@lru_cache(maxsize=1)
def _variant_mask() -> np.ndarray:
    return char_mask(_variant_table())


def _standard_forms(text: str) -> str:
    table = _variant_table()
    return _replace_chars(text, _variant_mask(), lambda char: table[ord(char)])


def char_mask(code_points: Iterable[int]) -> np.ndarray:
    """A table over all code points, True at ``code_points`` (for `offsets_of`)."""
    mask = np.zeros(0x110000, dtype=bool)
    mask[list(code_points)] = True
    return mask


def offsets_of(text: str, mask: np.ndarray) -> list[int]:
    """Offsets of the characters of ``text`` marked in ``mask``: one vectorised look-up of
    all its code points, much faster than a character-class search on CJK text."""
    return np.flatnonzero(np.take(mask, code_points(text))).tolist()


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as an array (look them up in a table with ``np.take``,
    several times faster than indexing the table with the array)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _replace_chars(text: str, mask: np.ndarray, replace: Callable[[str], str]) -> str:
    """``text`` with each character marked in ``mask`` replaced by ``replace(char)``."""
    parts: list[str] = []
    last = 0
    for i in offsets_of(text, mask):
        parts += (text[last:i], replace(text[i]))
        last = i + 1
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def to_simplified(text: str) -> str:
    """OpenCC t2s to a fixpoint, then variant characters to their standard forms (rule 7)."""
    return _standard_forms(_to_simplified(text))


_TABLE_MASK = char_mask(_TABLE)


def _translate_char(char: str) -> str:
    return char.translate(_TABLE)


def normalize(text: str) -> str:
    """Apply the normalisation rules listed in this module's docstring."""
    if any(c in text for c in _NEWLINE_CHARS):
        text = _NEWLINES.sub("\n", text)
    text = _replace_chars(text, _TABLE_MASK, _translate_char)
    text = to_simplified(unicodedata.normalize("NFC", text))
    if "(" in text:
        text = _remove_pinyin(text)
    return text
