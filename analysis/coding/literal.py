"""Strings every match of a regular expression must contain: a cheap test before a search.

A pattern whose matches all contain ``分别`` cannot match a passage without it, and one whose
matches all contain 项, 个 or 条 cannot match a passage with none of them, so substring tests
can stand in front of a slower regex search. The requirements are read from the parsed
pattern: only literal characters outside optional parts, lookarounds and case-insensitive
parts count (an alternation counts when each of its alternatives has one), so the test never
rejects a passage the pattern matches.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

#: One requirement: at least one of these strings is in every match.
Requirement = tuple[str, ...]

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None))
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)


def requirements(pattern: re.Pattern[str], keep: int = 3) -> tuple[Requirement, ...]:
    """Up to ``keep`` requirements of ``pattern``, the most selective first (longest shortest
    string, then fewest strings); () when none is known."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return ()
    found = set(_requirements(_parser.parse(pattern.pattern, pattern.flags)))
    return tuple(sorted(found, key=_selectivity)[:keep])


def holds(needs: tuple[Requirement, ...], text: str) -> bool:
    """True when ``text`` meets every requirement (holds one of its strings)."""
    for need in needs:  # plain loops: this runs for every rule and passage
        for word in need:
            if word in text:
                break
        else:
            return False
    return True


def _selectivity(need: Requirement) -> tuple[int, int, Requirement]:
    return (-min(map(len, need)), len(need), need)


def _minimal(words: set[str]) -> Requirement:
    """The words none of the others is part of (holding 共计 implies holding 共)."""
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def _requirements(sequence) -> list[Requirement]:
    """Requirements that each match of the parsed ``sequence`` meets."""
    out: list[Requirement] = []
    run: list[str] = []

    def close() -> None:
        if run:
            out.append(("".join(run),))
            run.clear()

    for op, arg in sequence:
        if op is _c.LITERAL:
            run.append(chr(arg))
            continue
        close()
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, inner = arg
            if not add_flags & _c.SRE_FLAG_IGNORECASE:
                out.extend(_requirements(inner))
        elif op in _REPEATS and arg[0] >= 1:
            out.extend(_requirements(arg[2]))
        elif op is _ATOMIC:
            out.extend(_requirements(arg))
        elif op is _c.IN and all(item_op is _c.LITERAL for item_op, _ in arg):
            out.append(_minimal({chr(c) for _, c in arg}))
        elif op is _c.BRANCH:
            best = [min(_requirements(alt), key=_selectivity, default=None) for alt in arg[1]]
            if all(best):
                out.append(_minimal({word for need in best for word in need}))
    close()
    return out
