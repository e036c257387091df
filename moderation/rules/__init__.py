"""The risk and content rules engine (see engine.py and rules.json)."""

from moderation.rules.engine import Assessment, assess

__all__ = ["Assessment", "assess"]
