"""Give a member a role (or take it away) from the command line."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Member
from accounts.roles import ROLE_GROUPS
from accounts.services import member_set_role


class Command(BaseCommand):
    help = "Add a role to a member, or remove it with --remove. Roles: " + ", ".join(
        f'"{name}"' for name in ROLE_GROUPS
    )

    def add_arguments(self, parser):
        parser.add_argument("pseudonym")
        parser.add_argument("role", choices=list(ROLE_GROUPS))
        parser.add_argument("--remove", action="store_true", help="take the role away")

    def handle(self, *args, pseudonym: str, role: str, remove: bool, **options):
        try:
            member = Member.objects.get(
                pseudonym__iexact=pseudonym.strip(), is_active=True
            )
        except Member.DoesNotExist as exc:
            raise CommandError(f"No active member is called {pseudonym!r}.") from exc
        member_set_role(member=member, role=role, present=not remove)
        roles = ", ".join(member.groups.order_by("name").values_list("name", flat=True))
        self.stdout.write(f"{member.pseudonym}: {roles or 'member'}")
