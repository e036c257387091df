"""Give a member a role (or take it away) from the command line, naming the operator
who is making the change so that the audit log says who did it."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from accounts.acting import acting_as
from accounts.models import Member
from accounts.roles import ROLE_GROUPS
from accounts.services import member_set_role


def active_member(pseudonym: str) -> Member:
    try:
        return Member.objects.get(pseudonym__iexact=pseudonym.strip(), is_active=True)
    except Member.DoesNotExist as exc:
        raise CommandError(f"No active member is called {pseudonym!r}.") from exc


def system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Command(BaseCommand):
    help = (
        "Add a role to a member, or remove it with --remove. --by names the operator "
        "making the change, for the audit log. Roles: "
        + ", ".join(f'"{name}"' for name in ROLE_GROUPS)
    )

    def add_arguments(self, parser):
        parser.add_argument("pseudonym")
        parser.add_argument("role", choices=list(ROLE_GROUPS))
        parser.add_argument("--remove", action="store_true", help="take the role away")
        parser.add_argument(
            "--by",
            required=True,
            metavar="PSEUDONYM",
            help="the operator making the change (an active member with the operator "
            "role, or a superuser)",
        )

    def handle(self, *args, pseudonym: str, role: str, remove: bool, by: str, **opts):
        operator = active_member(by)
        if not operator.can("operate"):
            raise CommandError(
                f"{operator.pseudonym!r} is not an operator; only an operator can "
                "change roles."
            )
        member = active_member(pseudonym)
        how = f"Changed on the server's command line (system user {system_user()!r})"
        with acting_as(operator, how=how):
            member_set_role(member=member, role=role, present=not remove)
        roles = ", ".join(member.groups.order_by("name").values_list("name", flat=True))
        self.stdout.write(f"{member.pseudonym}: {roles or 'member'}")
