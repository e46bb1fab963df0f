"""Strings every match of a regular expression must contain: a cheap test before a search.

A pattern whose matches all contain ``分别`` cannot match a passage without it, and one whose
matches all contain 项, 个 or 条 cannot match a passage with none of them, so substring tests
can stand in front of a slower regex search. The requirements are read from the parsed
pattern: only literal characters outside optional parts, lookarounds and case-insensitive
parts count (an alternation counts when each of its alternatives has one), so the test never
rejects a passage the pattern matches.

Likewise, the characters a match can start with (``first_chars``): a lookahead on them in
front of a long alternation lets the regex engine skip, at one test per position, every
position where none of the alternatives can start (``with_first_chars``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache, reduce
from operator import or_

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
_ZERO_WIDTH = (_c.ASSERT, _c.ASSERT_NOT, _c.AT)
#: Class escapes a first character may be given by (others: no first characters known).
_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W",
}


def requirements(pattern: re.Pattern[str], keep: int = 3) -> tuple[Requirement, ...]:
    """Up to ``keep`` requirements of ``pattern``, the most selective first (longest shortest
    string, then fewest strings); () when none is known."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return ()
    found = set(_requirements(_parser.parse(pattern.pattern, pattern.flags)))
    return tuple(sorted(found, key=_selectivity)[:keep])


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    """A search for any of ``words`` (plain strings, longest first), compiled once per set."""
    return _any_of(tuple(sorted(set(words), key=lambda w: (-len(w), w))))


@lru_cache(maxsize=128)
def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))


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


def first_chars(pattern: re.Pattern[str]) -> str | None:
    """A character class holding the first character of every match of ``pattern``; None
    when none is known (the pattern may match the empty string, starts with a negated
    class or any character, or uses flags)."""
    if pattern.flags & ~re.UNICODE:
        return None
    items: list = []
    if _first(_parser.parse(pattern.pattern, pattern.flags), items) is not False:
        return None
    parts = []
    for op, arg in dict.fromkeys(items):
        if op is _c.LITERAL:
            parts.append(f"\\U{arg:08x}")
        elif op is _c.RANGE:
            parts.append(f"\\U{arg[0]:08x}-\\U{arg[1]:08x}")
        else:
            parts.append(_CATEGORIES[arg])
    return "[" + "".join(parts) + "]"


def with_first_chars(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a lookahead on its ``first_chars`` (the same matches, found
    faster); ``pattern`` itself when they are not known."""
    first = first_chars(pattern)
    return pattern if first is None else re.compile(f"(?={first})(?:{pattern.pattern})")


def where_found(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern matching one character at each position where ``pattern`` matches, for tests
    of whether it is found at all: it consumes a first character of ``pattern`` and looks
    back, so that the regex engine skips to the next first character by itself (a lookahead
    in front, as with_first_chars, is tried at every position). ``pattern`` when its first
    characters are not known or it cannot stand in a lookbehind (it refers to its groups)."""
    first = first_chars(pattern)
    if first is None:
        return pattern
    try:
        return re.compile(f"{first}(?<=(?=(?:{pattern.pattern})){first})")
    except re.error:
        return pattern


def with_fast_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``with_first_chars(pattern)`` unless the regex engine already skips to where a match
    can start by itself (the pattern opens with a literal, a class, a branch of literals or
    a lookahead): a pattern opening with a lookbehind or a branch of groups is otherwise
    tried in full at every position."""
    if pattern.flags & ~re.UNICODE:
        return pattern
    sequence = _parser.parse(pattern.pattern, pattern.flags)
    while sequence.data and sequence.data[0][0] is _c.SUBPATTERN:
        sequence = sequence.data[0][1][3]
    if not sequence.data:
        return pattern
    op, arg = sequence.data[0]
    if (
        op is _c.LITERAL
        or op is _c.IN
        or (op is _c.ASSERT and arg[0] == 1)
        or (op is _c.BRANCH and all(alt.data and alt.data[0][0] is _c.LITERAL for alt in arg[1]))
    ):
        return pattern
    return with_first_chars(pattern)


def _first(sequence, items: list) -> bool | None:
    """Adds to ``items`` the class items a match of the parsed ``sequence`` can start with;
    returns whether the sequence can match the empty string, None when it can start with
    a character no list of items stands for."""
    for op, arg in sequence:
        if op in _ZERO_WIDTH:  # consumes nothing: what follows gives the first character
            continue
        if op is _c.LITERAL:
            items.append((op, arg))
            return False
        if op is _c.IN:
            if not all(
                o is _c.LITERAL or o is _c.RANGE or (o is _c.CATEGORY and a in _CATEGORIES)
                for o, a in arg
            ):
                return None
            items.extend(arg)
            return False
        if op is _c.SUBPATTERN:
            if arg[1] & _c.SRE_FLAG_IGNORECASE:
                return None
            empty = _first(arg[3], items)
        elif op is _ATOMIC:
            empty = _first(arg, items)
        elif op is _c.BRANCH:
            each = [_first(alternative, items) for alternative in arg[1]]
            empty = None if None in each else any(each)
        elif op in _REPEATS:
            empty = _first(arg[2], items)
            if empty is not None and arg[0] == 0:
                empty = True
        else:
            return None
        if empty is not True:
            return empty
    return True


def words(pattern: re.Pattern[str], limit: int = 64) -> tuple[str, ...] | None:
    """The strings ``pattern`` matches when it is only an alternation of fixed strings (任务|问题,
    件|宗): then it is found in a text exactly when one of them is in it. None otherwise
    (classes with ranges, repeats, lookarounds, flags) or past ``limit`` strings."""
    if pattern.flags & ~re.UNICODE:
        return None
    found = _words(_parser.parse(pattern.pattern, pattern.flags), limit)
    return None if found is None or "" in found else tuple(sorted(found))


def _words(sequence, limit: int) -> set[str] | None:
    """The strings the parsed ``sequence`` matches, or None when it is not a finite set of
    fixed strings of at most ``limit`` members."""
    out = {""}
    for op, arg in sequence:
        if op is _c.LITERAL:
            options = {chr(arg)}
        elif op is _c.IN and all(item_op is _c.LITERAL for item_op, _ in arg):
            options = {chr(c) for _, c in arg}
        elif op is _c.BRANCH:
            options = set()
            for alternative in arg[1]:
                more = _words(alternative, limit)
                if more is None:
                    return None
                options |= more
        elif op is _c.SUBPATTERN and not arg[1]:
            options = _words(arg[3], limit)
            if options is None:
                return None
        else:
            return None
        out = {a + b for a in out for b in options}
        if len(out) > limit:
            return None
    return out


class Vocabulary:
    """Which of many fixed strings a text holds, found in one regex scan: at every position a
    lookahead on the trie of the strings reads the longest one starting there, and with it
    each of the strings that are prefixes of it. A text's strings are given as a bit mask
    (``bit``)."""

    def __init__(self, strings) -> None:
        self.strings = tuple(sorted({s for s in strings if s}))
        self.bit = {s: 1 << i for i, s in enumerate(self.strings)}
        #: per string, the bits of itself and of every string that is a prefix of it
        self._with_prefixes = {
            s: sum(self.bit[p] for p in self.strings if s.startswith(p)) for s in self.strings
        }
        first = "".join(re.escape(c) for c in sorted({s[0] for s in self.strings}))
        trie: dict = {}
        for s in self.strings:
            node = trie
            for char in s:
                node = node.setdefault(char, {})
            node[""] = {}
        # at each position holding a first character (consumed, so that the regex engine
        # skips to the next one by itself), the longest string read from that position
        self._scan = (
            re.compile(f"[{first}](?<=(?=({_trie_pattern(trie)}))(?s:.))")
            if self.strings
            else None
        )

    def mask(self, text: str) -> int:
        """The bits of the strings ``text`` holds."""
        if self._scan is None:
            return 0
        # the bits of each longest string found, or-ed without a Python-level loop
        return reduce(or_, map(self._with_prefixes.__getitem__, self._scan.findall(text)), 0)

    def mask_of(self, strings) -> int:
        """The bits of ``strings`` (each one of the vocabulary's)."""
        return sum(self.bit[s] for s in set(strings))


def _trie_pattern(node: dict) -> str:
    """A regex for the strings of a trie that, at each node, prefers the longer string (the
    children of a node begin with different characters, so at most one applies)."""
    alternatives = []
    for char in sorted(c for c in node if c):
        child, rest = node[char], ""
        if any(child):
            optional = "?" if "" in child else ""
            rest = f"(?:{_trie_pattern(child)}){optional}"
        alternatives.append(re.escape(char) + rest)
    return "|".join(alternatives)
