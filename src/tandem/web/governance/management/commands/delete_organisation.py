from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.web.governance.services import organisation_delete
from tandem.web.organisations.models import Organisation


class Command(BaseCommand):
    help = "Delete an organisation with all its data (scans, answers, invitations, actions)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation_id", type=int)
        parser.add_argument("--yes", action="store_true",
                            help="really delete (without it, only say what would go)")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(pk=options["organisation_id"]).first()
        if organisation is None:
            raise CommandError(f"no organisation {options['organisation_id']}")
        scans = organisation.scans.count()
        if not options["yes"]:
            raise CommandError(
                f"this would delete organisation {organisation.pk} ({organisation.name!r}) "
                f"with its {scans} scan(s) and all their data; add --yes to do so"
            )
        organisation_delete(organisation=organisation, actor=None)
        self.stdout.write(f"deleted organisation {options['organisation_id']} "
                          f"({organisation.name!r}) and its {scans} scan(s)")
