"""The characters that OpenCC's ``t2s`` conversion may change, read from the dictionaries of the
installed OpenCC, so that normalisation converts only the lines that hold one.

Every change t2s makes replaces an entry of one of its dictionaries (a character or a phrase
such as 深沈 -> 深沉) by a different value, and that entry holds a character that differs
from the value's at its place (all of the entry's characters when the lengths differ). A
line holding none of these characters is left as it is. No entry holds a line break, so
t2s converts each line on its own: converting only the lines that hold one gives the same
text as converting the whole.

The dictionaries are read with the ``opencc_dict`` tool installed beside OpenCC's Python
binding (``opencc/clib/bin``). When it or a dictionary cannot be read, ``changing_characters``
returns None and every text is converted whole.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import opencc

#: The OpenCC configuration of rule 7 of ``normalize``.
CONFIG = "t2s"
_CLIB = Path(opencc.__file__).resolve().parent / "clib"
_SHARE = _CLIB / "share" / "opencc"
_TOOL = _CLIB / "bin" / "opencc_dict"


def _dictionary_files(node: object) -> Iterator[str]:
    """Every dictionary file a configuration (or part of one) names."""
    if isinstance(node, dict):
        if isinstance(node.get("file"), str):
            yield node["file"]
        for value in node.values():
            yield from _dictionary_files(value)
    elif isinstance(node, list):
        for value in node:
            yield from _dictionary_files(value)


def _entries(file: str, folder: Path) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(entry, its values) of one OpenCC dictionary, converted to text in ``folder``."""
    source = _SHARE / file
    target = folder / f"{Path(file).stem}.txt"
    kind = source.suffix.lstrip(".")
    if kind == "txt":
        target = source
    else:
        subprocess.run(
            [str(_TOOL), "-i", str(source), "-o", str(target), "-f", kind, "-t", "text"],
            check=True,
            capture_output=True,
            timeout=60,
        )
    with open(target, encoding="utf-8") as handle:
        for line in handle:
            key, _, values = line.rstrip("\n").partition("\t")
            if key:
                yield key, tuple(values.split(" "))


def changed_characters(key: str, values: tuple[str, ...]) -> set[str]:
    """The characters of a dictionary entry that some value of it replaces (every character
    of the entry when a value's length differs)."""
    out: set[str] = set()
    for value in values:
        if value == key:
            continue
        if len(value) != len(key):
            return set(key)
        out |= {a for a, b in zip(key, value, strict=True) if a != b}
    return out


@lru_cache(maxsize=1)
def changing_characters() -> frozenset[str] | None:
    """Every character some entry of the ``t2s`` dictionaries changes where it stands; None
    when the installed dictionaries cannot be read."""
    try:
        config = json.loads((_SHARE / f"{CONFIG}.json").read_text(encoding="utf-8"))
        out: set[str] = set()
        with tempfile.TemporaryDirectory() as folder:
            for file in dict.fromkeys(_dictionary_files(config)):
                for key, values in _entries(file, Path(folder)):
                    out |= changed_characters(key, values)
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    return frozenset(out) or None
