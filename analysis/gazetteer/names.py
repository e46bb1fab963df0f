"""Short names (aliases) and pinyin labels derived from official full names.

Rules live in data files: level suffixes (gazetteer_suffixes.csv), ethnic-group names
stripped before autonomous suffixes (gazetteer_ethnic_groups.csv) and verified pinyin
corrections (gazetteer_pinyin_overrides.csv: a multi-character `text` replaces the whole
romanization of that name; a single character fixes its syllable wherever it occurs).

Pinyin convention: Hanyu pinyin of the primary short name, Title case, no tones, syllables
joined, ü kept (Lüliang), apostrophe before a syllable starting with a/o/e (Xi'an, Lu'an);
内蒙古 → Neimenggu, 西藏 → Xizang, 香港 → Xianggang. The one non-pinyin spelling is Shaanxi.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from analysis.gazetteer.files import ETHNIC_GROUPS, PINYIN_OVERRIDES, SUFFIXES

MIN_STEM = 2  # an alias keeps at least two characters (城区 has no alias 城)
VOWELS = ("a", "o", "e")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _suffixes() -> dict[str, list[tuple[str, bool, str]]]:
    out: dict[str, list[tuple[str, bool, str]]] = {}
    for r in _rows(SUFFIXES):
        out.setdefault(r["level"], []).append(
            (r["suffix"], r["strip_ethnic"] == "1", r["extra_alias"])
        )
    return {k: sorted(v, key=lambda s: -len(s[0])) for k, v in out.items()}


@lru_cache(maxsize=1)
def _ethnic() -> tuple[str, ...]:
    return tuple(sorted((r["name"] for r in _rows(ETHNIC_GROUPS)), key=len,
                        reverse=True))


@lru_cache(maxsize=1)
def _pinyin_overrides() -> dict[str, str]:
    return {r["text"]: r["pinyin"] for r in _rows(PINYIN_OVERRIDES)}


def _strip_ethnic(stem: str) -> str:
    """Drop trailing ethnic-group names (恩施土家族苗族 → 恩施); 东乡族 → 东乡."""
    while True:
        group = next((g for g in _ethnic() if stem.endswith(g)), None)
        if group is None:
            return stem
        if len(stem) - len(group) < MIN_STEM:
            return stem.removesuffix("族") if len(stem) > MIN_STEM else stem
        stem = stem[: -len(group)]


def short_names(name: str, level: str) -> list[str]:
    """Aliases of a full name, primary first: 延边朝鲜族自治州 → [延边, 延边州]."""
    for suffix, ethnic, extra in _suffixes()[level]:  # longest suffix first
        if not name.endswith(suffix):
            continue
        stem = name[: -len(suffix)]
        if ethnic:
            stem = _strip_ethnic(stem)
        if len(stem) < MIN_STEM:  # 西林区 is 西林 + 区, not 西 + 林区
            continue
        aliases = [stem] + ([stem + extra] if extra else [])
        return [a for a in aliases if a != name]
    return []


def romanize(text: str) -> str:
    """Hanyu pinyin without tones, syllables joined, Title case, apostrophe before a/o/e."""
    fixes = _pinyin_overrides()
    if text in fixes:
        return fixes[text]
    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)
    if len(syllables) == len(text):  # one syllable per character: apply character fixes
        syllables = [fixes.get(ch, s) for ch, s in zip(text, syllables, strict=True)]
    joined = syllables[0] + "".join(
        ("'" + s if s.startswith(VOWELS) else s) for s in syllables[1:]
    )
    return joined[:1].upper() + joined[1:]


def pinyin_label(name: str, level: str) -> str:
    """Figure label: pinyin of the primary short name, or of the full name when it has none."""
    aliases = short_names(name, level)
    return romanize(aliases[0] if aliases else name)
