"""The risk and content rules engine (see engine.py and rules.json)."""

from moderation.rules.engine import (
    assess,
    current_rules,
    describe,
    forget_rules,
    load_rules,
    rules_version,
)
from moderation.rules.schema import Assessment, RulesFileError
from moderation.rules.weigh import Ruleset

__all__ = [
    "RULES_VERSION",
    "Assessment",
    "Ruleset",
    "RulesFileError",
    "assess",
    "current_rules",
    "describe",
    "forget_rules",
    "load_rules",
    "rules_version",
]


def __getattr__(name: str):
    # RULES_VERSION, the loaded file's version, is worked out when it is read: the
    # rules are loaded on first use, not when this package is imported.
    if name == "RULES_VERSION":
        return rules_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
