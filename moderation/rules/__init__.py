"""The risk and content rules engine (see engine.py and rules.json)."""

from moderation.rules.engine import (
    RULES_VERSION,
    Assessment,
    RulesFileError,
    assess,
    describe,
    load_rules,
)

__all__ = [
    "RULES_VERSION",
    "Assessment",
    "RulesFileError",
    "assess",
    "describe",
    "load_rules",
]
