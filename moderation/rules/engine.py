"""Assess a text against the rules file. (Being built: returns no match yet.)"""

from dataclasses import dataclass, field

LEVELS = ("none", "low", "high", "urgent")


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


def assess(text: str, *, new_account: bool = False) -> Assessment:
    return Assessment()
