"""Read-only questions about members."""

import secrets

from django.db.models.functions import Lower

from accounts.models import Member, RecoveryCode
from accounts.pseudonyms import candidate_pseudonyms, normalise_pseudonym


def pseudonym_taken(pseudonym: str, *, exclude: Member | None = None) -> bool:
    """Return whether another member already has this pseudonym, ignoring case."""
    members = Member.objects.filter(pseudonym__iexact=normalise_pseudonym(pseudonym))
    if exclude is not None:
        members = members.exclude(pk=exclude.pk)
    return members.exists()


def pseudonym_suggestions(count: int = 4) -> list[str]:
    """Return count gentle pseudonyms that nobody has yet (one query)."""
    # Candidates are ASCII, so Lower() agrees with Python on every database.
    candidates = candidate_pseudonyms(count * 3)
    taken = set(
        Member.objects.annotate(key=Lower("pseudonym"))
        .filter(key__in=[name.lower() for name in candidates])
        .values_list("key", flat=True)
    )
    free = [name for name in candidates if name.lower() not in taken]
    while len(free) < count:
        # Every candidate taken: a number makes one free with near certainty.
        name = f"{candidates[len(free)]} {secrets.randbelow(900) + 100}"
        if not pseudonym_taken(name):
            free.append(name)
    return free[:count]


def recovery_codes_left(member: Member) -> int:
    """How many unspent recovery codes the member holds."""
    return RecoveryCode.objects.filter(member=member, used_at__isnull=True).count()


def member_export_account(member: Member) -> dict:
    """The account part of a member's data export."""
    return {
        "pseudonym": member.pseudonym,
        "email": member.email or None,
        "country": member.country or None,
        "theme": member.theme,
        "language": member.language or None,
        "collapsed_content_notes": list(member.collapsed_content_notes or []),
        "joined": member.date_joined.isoformat(),
        "last_sign_in": member.last_login.isoformat() if member.last_login else None,
        "guidelines_version_accepted": member.guidelines_version,
        "guidelines_accepted_at": (
            member.guidelines_accepted_at.isoformat()
            if member.guidelines_accepted_at
            else None
        ),
        "age_confirmed_at": (
            member.age_confirmed_at.isoformat() if member.age_confirmed_at else None
        ),
        "pseudonym_changed_at": (
            member.pseudonym_changed_at.isoformat()
            if member.pseudonym_changed_at
            else None
        ),
        "roles": sorted(member.groups.values_list("name", flat=True)),
        "recovery_codes_left": recovery_codes_left(member),
    }
