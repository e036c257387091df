"""Every write to a member's account happens here."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import privacy
from accounts.content_notes import ContentNote
from accounts.countries import COUNTRY_CODES
from accounts.guidelines import GUIDELINES_VERSION
from accounts.models import Member, RecoveryCode
from accounts.pseudonyms import normalise_pseudonym, validate_pseudonym_shape
from accounts.selectors import member_export_account, pseudonym_taken
from core import ratelimit

# Throttles: (limit, period in seconds).
SIGN_IN_ACCOUNT_LIMIT = (5, 15 * 60)
SIGN_IN_CLIENT_LIMIT = (20, 15 * 60)
JOIN_CLIENT_LIMIT = (10, 60 * 60)
RECOVERY_ACCOUNT_LIMIT = (5, 60 * 60)
RECOVERY_CLIENT_LIMIT = (20, 60 * 60)
EMAIL_RESET_CLIENT_LIMIT = (5, 60 * 60)
PSEUDONYM_CHANGE_EVERY = timedelta(days=30)

RECOVERY_CODE_COUNT = 8
# No 0/O, 1/I/L or 5/S lookalikes: codes are copied by hand from paper.
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
RECOVERY_GROUPS = 3
RECOVERY_GROUP_LENGTH = 4


class AccountError(Exception):
    """A refusal whose message may be shown to the member as it is."""

    def __init__(self, message, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class Throttled(AccountError):
    pass


SIGN_IN_FAILED = _(
    "That pseudonym and password don't match an account. Please check both and try "
    "again."
)
SIGN_IN_THROTTLED = _(
    "There have been several tries to sign in, so we've paused sign-in for a little "
    "while to keep accounts safe. Please take a breath and try again in about 15 "
    "minutes, or recover your account with a recovery code."
)
RECOVERY_FAILED = _(
    "That pseudonym and recovery code don't match. Please check them and try again."
)
RECOVERY_THROTTLED = _(
    "There have been several tries, so we've paused recovery for a while to keep "
    "accounts safe. Please try again in an hour."
)
JOIN_THROTTLED = _(
    "Several accounts have just been made from this connection, so joining is "
    "paused here for an hour. If you already have an account, you can sign in."
)


def _throttle_key(pseudonym: str) -> str:
    return normalise_pseudonym(pseudonym).casefold()


# --- Joining -------------------------------------------------------------------------


@dataclass(frozen=True)
class Joined:
    member: Member
    recovery_codes: list[str]


def member_join(
    *,
    pseudonym: str,
    password: str,
    email: str = "",
    age_confirmed: bool,
    guidelines_accepted: bool,
    ip_hash: str,
) -> Joined:
    """Create a member and their first recovery codes.

    Email addresses are not unique and are never checked against other accounts, so
    joining says nothing about who else is here.
    """
    if not age_confirmed:
        raise AccountError(_("Kindred is for people aged 16 or over."), field="age")
    if not guidelines_accepted:
        raise AccountError(
            _("Please read and accept the kindness guidelines."), field="guidelines"
        )
    name = validate_pseudonym_shape(pseudonym)
    limit, period = JOIN_CLIENT_LIMIT
    if ratelimit.is_limited("join", ip_hash, limit=limit, period=period):
        raise Throttled(JOIN_THROTTLED, code="throttled")
    candidate = Member(pseudonym=name, email=email)
    validate_password(password, user=candidate)
    now = timezone.now()
    try:
        with transaction.atomic():
            if pseudonym_taken(name):
                raise AccountError(_taken_message(), field="pseudonym", code="taken")
            member = Member.objects.create_user(
                name,
                password,
                email=Member.objects.normalize_email(email or ""),
                guidelines_version=GUIDELINES_VERSION,
                guidelines_accepted_at=now,
                age_confirmed_at=now,
            )
            codes = _issue_codes(member)
    except IntegrityError as exc:
        # Two people chose the same name at the same moment.
        raise AccountError(_taken_message(), field="pseudonym", code="taken") from exc
    ratelimit.hit("join", ip_hash, limit=limit, period=period)
    return Joined(member=member, recovery_codes=codes)


def _taken_message():
    return _("Someone already uses that pseudonym. Please choose another.")


# --- Signing in ----------------------------------------------------------------------


def member_sign_in_check(*, pseudonym: str, password: str, ip_hash: str) -> Member:
    """Return the member these credentials belong to, or raise AccountError.

    Refusals never say which of pseudonym or password was wrong. While either the
    account or the client is throttled, even the right password is refused.
    """
    account_key = _throttle_key(pseudonym)
    account_limit, account_period = SIGN_IN_ACCOUNT_LIMIT
    client_limit, client_period = SIGN_IN_CLIENT_LIMIT
    if ratelimit.is_limited(
        "sign-in-account", account_key, limit=account_limit, period=account_period
    ) or ratelimit.is_limited(
        "sign-in-client", ip_hash, limit=client_limit, period=client_period
    ):
        raise Throttled(SIGN_IN_THROTTLED, code="throttled")
    member = authenticate(
        None, username=normalise_pseudonym(pseudonym), password=password
    )
    if member is None:
        ratelimit.hit(
            "sign-in-account", account_key, limit=account_limit, period=account_period
        )
        ratelimit.hit(
            "sign-in-client", ip_hash, limit=client_limit, period=client_period
        )
        raise AccountError(SIGN_IN_FAILED, code="failed")
    return member


# --- Recovery codes ------------------------------------------------------------------


def recovery_code_hash(code: str) -> str:
    """The stored form of a code: SHA-256 of it without spaces, hyphens or case."""
    compact = "".join(character for character in code.upper() if character.isalnum())
    return hashlib.sha256(compact.encode()).hexdigest()


def _new_code() -> str:
    groups = (
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUP_LENGTH))
        for _ in range(RECOVERY_GROUPS)
    )
    return "-".join(groups)


def _issue_codes(member: Member) -> list[str]:
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.filter(member=member).delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(member=member, code_hash=recovery_code_hash(code))
        for code in codes
    )
    return codes


@transaction.atomic
def recovery_codes_issue(*, member: Member) -> list[str]:
    """Replace the member's recovery codes with a fresh set and return it, in clear,
    for showing once. Old codes stop working at once."""
    Member.objects.select_for_update().filter(pk=member.pk).first()
    return _issue_codes(member)


def recovery_code_redeem(
    *, pseudonym: str, code: str, new_password: str, ip_hash: str
) -> Member:
    """Spend one recovery code to set a new password; return the member.

    A wrong pseudonym and a wrong or spent code give the same refusal.
    """
    account_key = _throttle_key(pseudonym)
    account_limit, account_period = RECOVERY_ACCOUNT_LIMIT
    client_limit, client_period = RECOVERY_CLIENT_LIMIT
    if ratelimit.is_limited(
        "recover-account", account_key, limit=account_limit, period=account_period
    ) or ratelimit.is_limited(
        "recover-client", ip_hash, limit=client_limit, period=client_period
    ):
        raise Throttled(RECOVERY_THROTTLED, code="throttled")
    with transaction.atomic():
        recovery = (
            RecoveryCode.objects.select_for_update()
            .select_related("member")
            .filter(
                code_hash=recovery_code_hash(code),
                used_at__isnull=True,
                member__pseudonym__iexact=normalise_pseudonym(pseudonym),
                member__is_active=True,
            )
            .first()
        )
        if recovery is None:
            ratelimit.hit(
                "recover-account",
                account_key,
                limit=account_limit,
                period=account_period,
            )
            ratelimit.hit(
                "recover-client", ip_hash, limit=client_limit, period=client_period
            )
            raise AccountError(RECOVERY_FAILED, code="failed")
        member = recovery.member
        validate_password(new_password, user=member)
        recovery.used_at = timezone.now()
        recovery.save(update_fields=["used_at", "updated"])
        member.set_password(new_password)
        member.save(update_fields=["password"])
    ratelimit.reset("sign-in-account", account_key, period=SIGN_IN_ACCOUNT_LIMIT[1])
    return member


def email_reset_allowed(*, ip_hash: str) -> bool:
    """Count a request for a reset email; False when this client asked too often."""
    limit, period = EMAIL_RESET_CLIENT_LIMIT
    return not ratelimit.hit("email-reset", ip_hash, limit=limit, period=period)


# --- Settings ------------------------------------------------------------------------


def pseudonym_change_available_at(member: Member):
    """When the member may next change their pseudonym (None: now)."""
    if member.pseudonym_changed_at is None:
        return None
    available = member.pseudonym_changed_at + PSEUDONYM_CHANGE_EVERY
    return available if available > timezone.now() else None


def member_change_pseudonym(*, member: Member, pseudonym: str) -> Member:
    """Give the member a new pseudonym; allowed once every 30 days."""
    name = validate_pseudonym_shape(pseudonym)
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if pseudonym_change_available_at(locked) is not None:
            raise AccountError(
                _(
                    "You changed your pseudonym recently. You can change it again "
                    "30 days after the last change."
                ),
                field="pseudonym",
                code="too_soon",
            )
        if name == locked.pseudonym:
            raise AccountError(
                _("That is already your pseudonym."), field="pseudonym", code="same"
            )
        if pseudonym_taken(name, exclude=locked):
            raise AccountError(_taken_message(), field="pseudonym", code="taken")
        locked.pseudonym = name
        locked.pseudonym_changed_at = timezone.now()
        try:
            with transaction.atomic():
                locked.save(update_fields=["pseudonym", "pseudonym_changed_at"])
        except IntegrityError as exc:
            raise AccountError(
                _taken_message(), field="pseudonym", code="taken"
            ) from exc
    member.pseudonym = locked.pseudonym
    member.pseudonym_changed_at = locked.pseudonym_changed_at
    return member


def member_change_password(*, member: Member, new_password: str) -> Member:
    validate_password(new_password, user=member)
    member.set_password(new_password)
    member.save(update_fields=["password"])
    return member


def member_change_email(*, member: Member, email: str) -> Member:
    """Set, change or (with an empty value) remove the member's email address."""
    member.email = Member.objects.normalize_email(email or "")
    member.save(update_fields=["email"])
    return member


def member_update_preferences(
    *, member: Member, country: str, theme: str, collapsed_content_notes: list[str]
) -> Member:
    if country and country not in COUNTRY_CODES:
        raise ValidationError(_("Please choose a country from the list."))
    if theme not in Member.Theme.values:
        raise ValidationError(_("Please choose a theme from the list."))
    notes = [
        note for note in ContentNote.values if note in set(collapsed_content_notes)
    ]
    member.country = country
    member.theme = theme
    member.collapsed_content_notes = notes
    member.save(update_fields=["country", "theme", "collapsed_content_notes"])
    return member


def member_set_theme(*, member: Member, theme: str) -> Member:
    if theme not in Member.Theme.values:
        raise ValidationError(_("Please choose a theme from the list."))
    member.theme = theme
    member.save(update_fields=["theme"])
    return member


def member_set_language(*, member: Member, language: str) -> Member:
    """Keep the member's language; blank goes back to following the browser."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Please choose a language from the list."))
    member.language = language
    member.save(update_fields=["language"])
    return member


@transaction.atomic
def member_set_role(*, member: Member, role: str, present: bool = True) -> Member:
    """Add (or with present=False remove) one role group; keeps admin access in step."""
    from django.contrib.auth.models import Group

    from accounts.roles import ROLE_GROUPS

    if role not in ROLE_GROUPS:
        raise ValueError(f"Unknown role: {role}")
    group, _created = Group.objects.get_or_create(name=role)
    if present:
        member.groups.add(group)
    else:
        member.groups.remove(group)
    return member_sync_staff(member=member)


def member_sync_staff(*, member: Member) -> Member:
    """Operators (and superusers) reach the admin; nobody else does."""
    is_staff = member.is_superuser or member.groups.filter(name="operator").exists()
    if member.is_staff != is_staff:
        member.is_staff = is_staff
        member.save(update_fields=["is_staff"])
    return member


# --- Export and erasure --------------------------------------------------------------


def member_export(*, member: Member) -> dict:
    """Everything Kindred holds about the member, as JSON-able data."""
    data = {"format": "kindred-export-1", "exported_at": timezone.now().isoformat()}
    data["account"] = member_export_account(member)
    for name, exporter in sorted(privacy.exporters().items()):
        data[name] = exporter(member)
    return data


def _placeholder_pseudonym() -> str:
    while True:
        name = f"Former member {secrets.token_hex(4)}"
        if not pseudonym_taken(name):
            return name


@transaction.atomic
def member_erase(*, member: Member) -> Member:
    """Delete a member's account: their apps' data first, then every identifying
    field. The row stays (under a neutral placeholder name) so that what others wrote
    in reply still makes sense."""
    locked = Member.objects.select_for_update().get(pk=member.pk)
    for eraser in privacy.erasers():
        eraser(locked)
    RecoveryCode.objects.filter(member=locked).delete()
    locked.groups.clear()
    locked.user_permissions.clear()
    locked.pseudonym = _placeholder_pseudonym()
    locked.email = ""
    locked.country = ""
    locked.theme = Member.Theme.SYSTEM
    locked.language = ""
    locked.collapsed_content_notes = []
    locked.is_active = False
    locked.is_staff = False
    locked.is_superuser = False
    locked.last_login = None
    locked.set_unusable_password()
    locked.save()
    return locked
