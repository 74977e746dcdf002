"""``python -m tandem.web create_api_token EMAIL --org SLUG [--write] [--days N] [--name X]``

Prints one line: the token (shown once; only its hash is stored)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from tandem.web.accounts.models import User, normalise_email
from tandem.web.api.services import DEFAULT_DAYS, MAX_DAYS, token_create
from tandem.web.organisations.models import Membership


class Command(BaseCommand):
    help = "Create an API token for a member of an organisation and print it (once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--org", required=True, help="the organisation's slug or id")
        parser.add_argument("--write", action="store_true", help="read and write (else read)")
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS,
                            help=f"days until it expires (1-{MAX_DAYS})")
        parser.add_argument("--name", default="command line")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=normalise_email(options["email"]),
                                   is_active=True).first()
        if user is None:
            raise CommandError("no active user with that e-mail address")
        org = str(options["org"])
        match = Q(organisation__slug=org)
        if org.isdigit() and len(org) < 19:
            match |= Q(organisation_id=int(org))
        membership = (Membership.objects.select_related("organisation")
                      .filter(match, user=user).first())
        if membership is None:
            raise CommandError("that user is not a member of that organisation")
        if not 1 <= options["days"] <= MAX_DAYS:
            raise CommandError(f"--days must be 1 to {MAX_DAYS}")
        created = token_create(organisation=membership.organisation, user=user,
                               name=options["name"], write=options["write"],
                               days=options["days"])
        self.stdout.write(created.secret)
