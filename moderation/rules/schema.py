"""What a rules file may say, and reading one into checked, compiled rules.

A mistake in the file raises RulesFileError naming the rule (or the modifier) and the
problem, so a bad edit is refused where it is loaded instead of misbehaving later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from moderation.levels import LEVEL_RANK

ACTIONS = frozenset({"signpost", "flag", "hold", "nudge"})
# The languages a rules file may be written for (normalise.WORDS_FORMS).
LANGUAGES = frozenset({"en", "es"})

CATEGORIES = (
    "suicidal_thoughts",
    "self_harm",
    "harm_to_baby",
    "intrusive_thoughts",
    "psychosis",
    "abuse",
    "medical_emergency",
    "worried_about_someone",
    "identifying_details",
    "links_spam",
    "harsh_language",
)
# Categories about someone's safety: these signpost, and flag from high up.
RISK_CATEGORIES = frozenset(
    {
        "suicidal_thoughts",
        "self_harm",
        "harm_to_baby",
        "intrusive_thoughts",
        "psychosis",
        "abuse",
        "medical_emergency",
        "worried_about_someone",
    }
)
# Thoughts of dying or self-harm become urgent beside means, plans or timing.
ESCALATABLE = frozenset({"suicidal_thoughts", "self_harm", "worried_about_someone"})
FORMS = ("words", "text")
MODIFIER_KEYS = (
    "negation",
    "pseudo_negation",
    "contrast",
    "reported",
    "affirmed",
    "past",
    "recovery",
    "back",
    "idioms",
    "fear_frame",
    "escalators",
    "escalator_negation",
    "raisers",
)
RULE_KEYS = {
    "id",
    "category",
    "level",
    "action",
    "patterns",
    "examples",
    "description",
    "match_on",
    "negation",
    "quoting",
    "past",
    "fixed",
    "new_accounts_only",
    "context",
    "not_context",
    "when_framed",
}


class RulesFileError(Exception):
    """The rules file cannot be used; the message names the rule and the problem."""


@dataclass(frozen=True)
class Assessment:
    level: str = "none"
    categories: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    actions: frozenset[str] = field(default_factory=frozenset)

    @property
    def signpost(self) -> bool:
        return "signpost" in self.actions

    @property
    def hold(self) -> bool:
        return "hold" in self.actions

    @property
    def flag(self) -> bool:
        return "flag" in self.actions

    @property
    def nudge(self) -> bool:
        return "nudge" in self.actions


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    level: str
    actions: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    examples_positive: tuple[str, ...]
    examples_negative: tuple[str, ...]
    description: str = ""
    match_on: str = "words"
    negation: bool = True
    quoting: bool = True
    past: bool = True
    fixed: bool = False
    new_accounts_only: bool = False
    context: re.Pattern | None = None
    not_context: re.Pattern | None = None
    when_framed: str | None = None  # the rule a fear-framed match counts for

    @property
    def is_risk(self) -> bool:
        return self.category in RISK_CATEGORIES


# --- Reading and checking the rules file -------------------------------------------


def fail(where: str, problem: str) -> RulesFileError:
    return RulesFileError(f"rules file: {where}: {problem}")


def compile_pattern(where: str, pattern) -> re.Pattern:
    """One pattern of a rule or modifier, checked and compiled; where names its owner
    in the error."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise fail(where, "a pattern must be a non-empty string")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise fail(where, f"bad pattern {pattern!r}: {exc}") from None
    if compiled.match("") is not None:
        raise fail(where, f"pattern {pattern!r} matches empty text")
    if pattern != pattern.lower() and not re.search(r"\\[A-Z]", pattern):
        raise fail(where, f"pattern {pattern!r} has capitals; texts are lower-cased")
    return compiled


def compile_any(where: str, patterns) -> re.Pattern:
    """A non-empty list of patterns, checked one by one, as one alternation."""
    if not isinstance(patterns, list) or not patterns:
        raise fail(where, "needs a non-empty list of patterns")
    for pattern in patterns:
        compile_pattern(where, pattern)
    return re.compile("|".join(f"(?:{p})" for p in patterns))


COMBINATION_KEYS = (RULE_KEYS - {"patterns", "match_on"}) | {
    "all",
    "none",
    "anywhere",
    "nowhere",
    "within",
}


def rule_from(
    raw, seen_ids: set[str], position: int, *, combination: bool = False
) -> Rule:
    """One rule, checked and compiled. A combination (concepts.py) is read the same
    way, but matches by its concepts instead of patterns."""
    noun = "combination" if combination else "rule"
    if not isinstance(raw, dict):
        raise fail(f"{noun} #{position}", f"each {noun} must be an object")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z0-9_]+", rule_id or ""):
        raise fail(f"{noun} #{position}", f"bad or missing id {rule_id!r}")
    where = f"{noun} {rule_id!r}"
    if rule_id in seen_ids:
        raise fail(where, "duplicate id")
    seen_ids.add(rule_id)
    unknown = set(raw) - (COMBINATION_KEYS if combination else RULE_KEYS)
    if unknown:
        raise fail(where, f"unknown keys {sorted(unknown)}")
    category = raw.get("category")
    if category not in CATEGORIES:
        raise fail(where, f"unknown category {category!r}")
    level = raw.get("level")
    if level not in LEVEL_RANK:
        raise fail(where, f"unknown level {level!r}")
    actions = raw.get("action")
    actions = [actions] if isinstance(actions, str) else actions
    if not isinstance(actions, list) or not actions:
        raise fail(where, "missing action")
    for action in actions:
        if action not in ACTIONS:
            raise fail(where, f"unknown action {action!r}")
    patterns = [] if combination else raw.get("patterns")
    if not combination and (not isinstance(patterns, list) or not patterns):
        raise fail(where, "missing patterns")
    compiled = tuple(compile_pattern(where, p) for p in patterns)
    examples = raw.get("examples")
    if not isinstance(examples, dict) or set(examples) - {"positive", "negative"}:
        raise fail(where, "examples must be {'positive': [...], 'negative': [...]}")
    for kind in ("positive", "negative"):
        listed = examples.get(kind)
        if (
            not isinstance(listed, list)
            or len(listed) < 3
            or not all(isinstance(e, str) and e.strip() for e in listed)
        ):
            raise fail(where, f"needs at least 3 {kind} examples")
    flags = {}
    match_on = raw.get("match_on", "words")
    if match_on not in FORMS:
        raise fail(where, f"match_on must be one of {FORMS}")
    default_modifiers = match_on == "words"
    for key, default in (
        ("negation", default_modifiers),
        ("quoting", default_modifiers),
        ("past", default_modifiers),
        ("fixed", False),
        ("new_accounts_only", False),
    ):
        value = raw.get(key, default)
        if not isinstance(value, bool):
            raise fail(where, f"{key} must be true or false")
        flags[key] = value
    if flags["fixed"] and level != "urgent":
        raise fail(where, "only urgent rules can be fixed")
    context = raw.get("context")
    not_context = raw.get("not_context")
    when_framed = raw.get("when_framed")
    if when_framed is not None and not isinstance(when_framed, str):
        raise fail(where, "when_framed must name another rule")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise fail(where, "description must be text")
    return Rule(
        id=rule_id,
        category=category,
        level=level,
        actions=frozenset(actions),
        patterns=compiled,
        examples_positive=tuple(examples["positive"]),
        examples_negative=tuple(examples["negative"]),
        description=description,
        match_on=match_on,
        context=compile_any(f"{where} context", context) if context else None,
        not_context=(
            compile_any(f"{where} not_context", not_context) if not_context else None
        ),
        when_framed=when_framed,
        **flags,
    )


@dataclass(frozen=True)
class RulesFile:
    """The checked contents of a rules file."""

    version: int
    rules: tuple[Rule, ...]
    by_id: dict[str, Rule]
    language: str
    # Each modifier as written (lists of patterns) and compiled into one alternation.
    modifiers_source: dict[str, list[str]]
    modifiers: dict[str, re.Pattern]


def read_rules_file(data, source: str = "rules file") -> RulesFile:
    """Check the decoded JSON of a rules file and compile its patterns."""
    if not isinstance(data, dict):
        raise fail(source, "the file must hold an object")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail(source, "version must be a positive whole number")
    language = data.get("language", "en")
    if language not in LANGUAGES:
        raise fail(source, f"language must be one of {sorted(LANGUAGES)}")
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise fail(source, "rules must be a non-empty list")
    modifiers = data.get("modifiers")
    if not isinstance(modifiers, dict):
        raise fail(source, "modifiers must be an object")
    missing = set(MODIFIER_KEYS) - set(modifiers)
    unknown = set(modifiers) - set(MODIFIER_KEYS)
    if missing or unknown:
        raise fail(
            "modifiers", f"missing {sorted(missing)} / unknown {sorted(unknown)}"
        )
    seen: set[str] = set()
    rules = tuple(
        rule_from(raw, seen, position) for position, raw in enumerate(raw_rules, 1)
    )
    by_id = {rule.id: rule for rule in rules}
    for rule in rules:
        if rule.when_framed is not None and (
            rule.when_framed not in by_id or rule.when_framed == rule.id
        ):
            raise fail(
                f"rule {rule.id!r}",
                f"when_framed names no other rule {rule.when_framed!r}",
            )
    compiled = {
        key: compile_any(f"modifier {key!r}", modifiers[key]) for key in MODIFIER_KEYS
    }
    return RulesFile(
        version=version,
        language=language,
        rules=rules,
        by_id=by_id,
        modifiers_source=modifiers,
        modifiers=compiled,
    )
