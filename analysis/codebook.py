"""The machine-readable codebook (``analysis/codebook.yaml``): variables and coding rules.

Rules are data. This module only loads the YAML (safely), expands the placeholders in the
patterns and compiles them; nothing from the codebook is ever executed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from analysis.coding import numbers
from analysis.coding.literal import (
    Vocabulary,
    holds,
    requirements,
    where_found,
    with_fast_start,
    words,
)
from analysis.errors import InputError

CODEBOOK_PATH = Path(__file__).with_name("codebook.yaml")

#: A stretch inside one clause: no digits, no clause punctuation, at most 12 characters.
GAP = r"[^\d。;,:、!?\n]{0,12}?"

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Rule:
    """One coding rule: a compiled pattern plus sentence-level conditions."""

    id: str
    variable: str
    pattern: re.Pattern[str]
    requires: re.Pattern[str] | None = None
    excludes: re.Pattern[str] | None = None
    source: str = ""
    #: or "paragraph": requires may be met earlier in it; "page": or in the page's title
    requires_in: str = "sentence"
    #: or "clause": excludes rules out only a value in its own comma-delimited clause
    excludes_in: str = "sentence"
    #: strings every match of ``pattern`` contains (see literal.requirements): a cheap test
    needs: tuple[tuple[str, ...], ...] = ()

    def may_match(self, sentence: str) -> bool:
        """False when ``pattern`` cannot match ``sentence`` (it lacks what every match holds)."""
        return holds(self.needs, sentence)

    def applies_to(self, sentence: str) -> bool:
        """True when the sentence meets the rule's ``requires``/``excludes`` conditions."""
        if self.requires is not None and not self.requires.search(sentence):
            return False
        return not (
            self.excludes is not None
            and self.excludes_in == "sentence"
            and self.excludes.search(sentence)
        )


class RuleIndex:
    """The rules of a section (by variable) tested against one passage at once: the words
    their requirements and fixed-string triggers name are found in one scan of the passage
    (literal.Vocabulary), and each variable's rules that may match are read from a table by
    the words found. The same rules as testing ``Codebook.may_hold`` and each
    ``Rule.may_match``."""

    def __init__(
        self,
        rules: dict[str, tuple[Rule, ...]],
        triggers: dict[str, re.Pattern[str]],
        size: int = 4096,
    ) -> None:
        fixed = {v: words(t) for v, t in triggers.items() if v in rules}
        self.vocabulary = Vocabulary(
            [w for rs in rules.values() for r in rs for need in r.needs for w in need]
            + [w for found in fixed.values() if found for w in found]
        )
        mask = self.vocabulary.mask_of
        #: per variable: the mask of its trigger's strings (None: the trigger is a regex,
        #: or there is none), its trigger, the mask of every word its rules need, its rules
        #: with the masks of their needs
        self._variables = [
            (
                variable,
                mask(fixed[variable]) if fixed.get(variable) else None,
                triggers.get(variable),
                mask(w for r in rs for need in r.needs for w in need),
                tuple((r, tuple(mask(need) for need in r.needs)) for r in rs),
            )
            for variable, rs in rules.items()
        ]
        self._size = size
        self._tables: dict[tuple[int, int], tuple[Rule, ...]] = {}
        #: every fixed trigger's strings; per the strings of them a passage holds, the
        #: variables to look at (a fixed trigger among them, or a regex trigger or none)
        self._fixed = 0
        for _, fixed_mask, *_ in self._variables:
            self._fixed |= fixed_mask or 0
        self._visits: dict[int, tuple[int, ...]] = {}
        #: found in a passage when any variable's trigger is (None: a variable has none)
        self._any_trigger = (
            where_found(
                re.compile("|".join(dict.fromkeys(f"(?:{triggers[v].pattern})" for v in rules)))
            )
            if rules and all(v in triggers and not triggers[v].flags & ~re.UNICODE for v in rules)
            else None
        )

    def may_match(self, passage: str) -> list[tuple[str, tuple[Rule, ...]]]:
        """Each variable whose trigger ``passage`` holds, in section order, with those of its
        rules (in order) that may match it."""
        if self._any_trigger is not None and self._any_trigger.search(passage) is None:
            return []
        present = self.vocabulary.mask(passage)
        triggered = present & self._fixed
        visits = self._visits.get(triggered)
        if visits is None:
            if len(self._visits) >= self._size:
                self._visits.clear()
            visits = self._visits[triggered] = tuple(
                i
                for i, (_, fixed, *_) in enumerate(self._variables)
                if fixed is None or triggered & fixed
            )
        out = []
        for i in visits:
            variable, fixed, trigger, needed, rules = self._variables[i]
            if fixed is None and trigger is not None and trigger.search(passage) is None:
                continue
            key = (i, present & needed)
            held = self._tables.get(key)
            if held is None:
                if len(self._tables) >= self._size:
                    self._tables.clear()
                held = self._tables[key] = tuple(
                    rule for rule, needs in rules if all(key[1] & m for m in needs)
                )
            out.append((variable, held))
        return out


#: What an evidence row of a rule holds (``status`` in ``procedural_rules``; default found).
STATUSES = ("found", "established_false", "default", "override")


@dataclass(frozen=True)
class RegisteredRule:
    """A rule id the evidence may cite: the variables it codes, what it does, and the status
    of its evidence rows (``found``: a verbatim quote at its offsets)."""

    id: str
    variables: tuple[str, ...]
    description: str
    kind: str  # record | mention | procedural
    status: str = "found"


@dataclass(frozen=True)
class Codebook:
    """Variables, synonyms and compiled rules, with a hash that versions the coding."""

    version: str
    version_hash: str
    record_variables: tuple[dict[str, Any], ...]
    mention_variables: tuple[dict[str, Any], ...]
    mention_fields: tuple[dict[str, Any], ...]
    synonyms: dict[str, Any]
    record_rules: dict[str, tuple[Rule, ...]]
    mention_rules: dict[str, tuple[Rule, ...]]
    mention_excludes: dict[str, re.Pattern[str]]
    yoy: re.Pattern[str]
    yoy_negative: frozenset[str]
    document: dict[str, re.Pattern[str]]
    triggers: dict[str, re.Pattern[str]] = field(default_factory=dict)
    registry: dict[str, RegisteredRule] = field(default_factory=dict)
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def record_variable_names(self) -> list[str]:
        return [v["name"] for v in self.record_variables]

    @property
    def mention_variable_names(self) -> list[str]:
        return [v["name"] for v in self.mention_variables]

    def may_hold(self, variable: str, passage: str) -> bool:
        """False when ``passage`` lacks the variable's trigger words (no rule can match)."""
        trigger = self.triggers.get(variable)
        return trigger is None or trigger.search(passage) is not None

    @cached_property
    def record_index(self) -> RuleIndex:
        """``record_rules`` indexed by their triggers and required words."""
        return RuleIndex(self.record_rules, self.triggers)

    def mention_kind(self, variable: str) -> str:
        """``flow`` (amounts that add up over time) or ``level`` (a state per period)."""
        return next(v["kind"] for v in self.mention_variables if v["name"] == variable)

    def rule_status(self, rule_id: str) -> str:
        """What an evidence row of ``rule_id`` holds."""
        return status_of(self.registry, rule_id)

    def cue(self, name: str) -> re.Pattern[str]:
        """A compiled alternation of the synonym list ``name``."""
        return _compile_cue(self.synonyms[name])


@lru_cache(maxsize=256)
def _compile_cue_tuple(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_alternation(list(words)))


def _compile_cue(words: list[str]) -> re.Pattern[str]:
    return _compile_cue_tuple(tuple(words))


def _alternation(words: list[str]) -> str:
    """Regex alternation, longest alternative first (so 信访举报件 wins over 信访件)."""
    return "|".join(sorted((str(w) for w in words), key=lambda w: (-len(w), w)))


def expand(pattern: str, synonyms: dict[str, Any], where: str = "codebook") -> str:
    """Replace ``{NUM}``, ``{MONEY}``, ``{CONC}``, ``{GAP}`` and ``{synonym}`` placeholders."""
    fixed = {
        "NUM": numbers.NUMBER,
        "MONEY": numbers.MONEY,
        "CONC": getattr(numbers, "CONCENTRATION_UNIT", None) or numbers._CONC_UNIT,
        "GAP": GAP,
    }

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in fixed:
            return fixed[name]
        words = synonyms.get(name)
        if not isinstance(words, list):
            raise InputError(where, f"pattern uses unknown placeholder {{{name}}}")
        return _alternation(words)

    return _PLACEHOLDER.sub(substitute, pattern)


def _compile(pattern: str, synonyms: dict[str, Any], where: str) -> re.Pattern[str]:
    try:
        return re.compile(expand(pattern, synonyms, where))
    except re.error as error:
        raise InputError(where, f"invalid pattern: {error}") from error


def _rules(section: dict[str, Any], synonyms: dict[str, Any], path: Path) -> dict[str, tuple]:
    compiled: dict[str, tuple[Rule, ...]] = {}
    for variable, entries in (section or {}).items():
        rules = []
        for entry in entries:
            where = f"{path} [{entry.get('id', variable)}]"
            if "id" not in entry or "pattern" not in entry:
                raise InputError(where, "every rule needs an id and a pattern")
            scope = entry.get("requires_in", "sentence")
            if scope not in ("sentence", "paragraph", "page"):
                raise InputError(
                    where, f"requires_in must be sentence, paragraph or page, not {scope!r}"
                )
            excludes_in = entry.get("excludes_in", "sentence")
            if excludes_in not in ("sentence", "clause"):
                raise InputError(
                    where, f"excludes_in must be sentence or clause, not {excludes_in!r}"
                )
            pattern = _compile(entry["pattern"], synonyms, where)
            rules.append(
                Rule(
                    id=entry["id"],
                    variable=variable,
                    pattern=with_fast_start(pattern),
                    requires=_compile(entry["requires"], synonyms, where)
                    if entry.get("requires")
                    else None,
                    excludes=_compile(entry["excludes"], synonyms, where)
                    if entry.get("excludes")
                    else None,
                    source=entry["pattern"],
                    requires_in=scope,
                    excludes_in=excludes_in,
                    needs=requirements(pattern),
                )
            )
        compiled[variable] = tuple(rules)
    return compiled


def status_of(registry: dict[str, RegisteredRule], rule_id: str) -> str:
    """The status of ``rule_id``'s evidence rows; ``found`` for an unregistered id (the
    registry test names those)."""
    rule = registry.get(rule_id)
    return rule.status if rule is not None else "found"


def rule_registry(data: dict[str, Any], path: Path) -> dict[str, RegisteredRule]:
    """Every rule id the coder may cite, in codebook order: the pattern rules of
    ``record_rules`` and ``mention_rules``, then ``procedural_rules``."""
    entries = [
        (kind, variable, entry)
        for kind in ("record", "mention")
        for variable, rules in (data.get(f"{kind}_rules") or {}).items()
        for entry in rules or ()
    ]
    procedural = data.get("procedural_rules") or []
    if not isinstance(procedural, list):
        raise InputError(path, "procedural_rules must be a list of {id, variable, description}")
    for entry in procedural:
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("variable"):
            raise InputError(path, f"procedural rule {entry!r} needs an id and a variable")
        entries.append(("procedural", entry["variable"], entry))
    registry: dict[str, RegisteredRule] = {}
    for kind, variable, entry in entries:
        rule_id = str(entry["id"])
        if rule_id in registry:
            raise InputError(f"{path} [{rule_id}]", "rule id registered twice")
        status = entry.get("status", "found")
        if status not in STATUSES:
            raise InputError(f"{path} [{rule_id}]", f"status must be one of {', '.join(STATUSES)}")
        variables = tuple(variable) if isinstance(variable, list) else (str(variable),)
        description = " ".join(str(entry.get("description") or "").split())
        registry[rule_id] = RegisteredRule(rule_id, variables, description, kind, status)
    return registry


def load_codebook(path: str | Path = CODEBOOK_PATH) -> Codebook:
    """Load and compile a codebook YAML file (safe loader; raises InputError when invalid)."""
    path = Path(path)
    try:
        data_bytes = path.read_bytes()
        data = yaml.safe_load(data_bytes.decode("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(path, f"cannot read codebook: {error}") from error
    if not isinstance(data, dict) or "record_variables" not in data:
        raise InputError(path, "not a codebook (no record_variables)")
    synonyms = data.get("synonyms", {})
    yoy = data["yoy"]
    doc = data["document"]
    digest = hashlib.sha256(data_bytes)
    digest.update(Path(numbers.__file__).read_bytes())
    return Codebook(
        version=str(data.get("version", "")),
        version_hash=digest.hexdigest()[:16],
        record_variables=tuple(data["record_variables"]),
        mention_variables=tuple(data["mention_variables"]),
        mention_fields=tuple(data.get("mention_fields", [])),
        synonyms=synonyms,
        record_rules=_rules(data.get("record_rules"), synonyms, path),
        mention_rules=_rules(data.get("mention_rules"), synonyms, path),
        mention_excludes={
            k: _compile(v, synonyms, f"{path} [mention_excludes.{k}]")
            for k, v in (data.get("mention_excludes") or {}).items()
        },
        yoy=_compile(yoy["pattern"], synonyms, f"{path} [yoy]"),
        yoy_negative=frozenset(yoy.get("negative", [])),
        document={k: _compile(v, synonyms, f"{path} [document.{k}]") for k, v in doc.items()},
        triggers={
            k: _compile(v, synonyms, f"{path} [triggers.{k}]")
            for k, v in (data.get("triggers") or {}).items()
        },
        registry=rule_registry(data, path),
        raw=data,
    )


@lru_cache(maxsize=4)
def default_codebook() -> Codebook:
    """The package's codebook, loaded once per process."""
    return load_codebook(CODEBOOK_PATH)
