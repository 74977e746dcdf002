"""``python -m tandem.web research_access EMAIL [--revoke]``

Gives a user the research permission (the research pool on the web and in the API), or
takes it away; the admin's user page does the same."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.web.accounts.models import User, normalise_email
from tandem.web.research.services import research_access


class Command(BaseCommand):
    help = "Give a user the research permission (the research pool), or take it away."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true", help="take the permission away")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=normalise_email(options["email"])).first()
        if user is None:
            raise CommandError("no user with that e-mail address")
        research_access(user=user, granted=not options["revoke"])
        if options["revoke"]:
            self.stdout.write(f"{user.email} no longer has the research permission")
        else:
            self.stdout.write(f"{user.email} has the research permission")
