"""Contextual cards as read: the help that answers a post's matched rule categories,
for the reader's country."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils.translation import gettext_lazy

from support.signposting.selectors.resources import (
    INTERNATIONAL,
    Line,
    answers_in,
    line_for,
    local_and_international,
    now_or,
    reader_language,
)

# Rule categories and the kinds of help that answer them, in order of preference.
CARD_KINDS = {
    "intrusive_thoughts": ["perinatal", "professional"],
    "psychosis": ["emergency", "crisis"],
    "abuse": ["abuse", "text"],
    "suicidal_thoughts": ["crisis", "text"],
    "self_harm": ["crisis", "text"],
    "harm_to_baby": ["crisis", "perinatal"],
    "medical_emergency": ["emergency"],
    "worried_about_someone": ["crisis", "emergency"],
}
CARD_WORDS = {
    "intrusive_thoughts": (
        gettext_lazy("Scary, unwanted thoughts are common"),
        gettext_lazy(
            "Many new parents have sudden frightening thoughts about their baby and "
            "are horrified by them. Having them doesn't mean you want them or will "
            "act on them. Talking it through with people who understand can help."
        ),
    ),
    "psychosis": (
        gettext_lazy("If something feels very wrong, get help today"),
        gettext_lazy(
            "Seeing or hearing things others don't, feeling unreal, or racing, unusual "
            "thoughts after a birth need a doctor today, not tomorrow. It can be "
            "treated, and getting help quickly matters."
        ),
    ),
    "abuse": (
        gettext_lazy("You deserve to be safe at home"),
        gettext_lazy(
            "If someone at home hurts, threatens or controls you, these services can "
            "help, including by text if talking isn't safe. Quick exit (bottom right) "
            "leaves this site at once."
        ),
    ),
    "suicidal_thoughts": (
        gettext_lazy("You don't have to carry this alone"),
        gettext_lazy(
            "If you're having thoughts of ending your life, please reach out to one of "
            "these now. They are there for exactly this, any time."
        ),
    ),
    "self_harm": (
        gettext_lazy("Someone can talk with you now"),
        gettext_lazy(
            "If you're hurting or thinking about hurting yourself, these people will "
            "listen without judging you."
        ),
    ),
    "harm_to_baby": (
        gettext_lazy("Help is there for you and your baby"),
        gettext_lazy(
            "If you're worried you might act on thoughts of harming your baby, please "
            "put the baby somewhere safe and call one of these now. Reaching out is "
            "the right thing to do."
        ),
    ),
    "worried_about_someone": (
        gettext_lazy("Worried about someone you care about?"),
        gettext_lazy(
            "These lines talk with people worried about someone else too: they can "
            "help you work out what to say and what to do. If they may be in danger "
            "right now, call the emergency number. Help → 'Worried about someone' "
            "has more."
        ),
    ),
    "medical_emergency": (
        gettext_lazy("This may need an ambulance"),
        gettext_lazy(
            "Heavy bleeding, trouble breathing, chest pain, fainting or an overdose "
            "need emergency help straight away."
        ),
    ),
}


def contextual_cards_for(
    categories: Iterable[str] | None, country: str, *, now: datetime | None = None
) -> list[dict]:
    """Calm cards offering the right kind of help for each matched rule category.

    One query at most per call (resources are cached per country); unknown
    categories are ignored, and each category gives at most one card.
    """
    wanted = [c for c in dict.fromkeys(categories or ()) if c in CARD_KINDS]
    if not wanted:
        return []
    country = (country or INTERNATIONAL).upper()
    now = now_or(now)
    local, international = local_and_international(country)
    pool = local or international
    language = reader_language()
    cards = []
    for category in wanted:
        chosen: list[Line] = []
        for kind in CARD_KINDS[category]:
            candidates = [line_for(r, now) for r in pool if r.kind == kind]
            if category == "abuse":
                # Many people can't safely talk on the phone at home: text first.
                candidates.sort(key=lambda line: not line.resource.sms_href)
            # Open and reachable first; among those, one in the reader's language.
            candidates.sort(
                key=lambda line: (
                    not line.is_open,
                    not line.reachable,
                    not answers_in(line.resource, language),
                )
            )
            chosen += candidates[:1]
        title, message = CARD_WORDS[category]
        cards.append(
            {
                "category": category,
                "title": title,
                "message": message,
                "lines": chosen,
                "country": country,
            }
        )
    return cards
