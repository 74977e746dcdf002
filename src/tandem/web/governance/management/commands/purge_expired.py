from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.web.governance.services import purge_expired


class Command(BaseCommand):
    help = ("Delete the raw answers, drafts and invitations of closed scans past their "
            "organisation's retention period; their results are kept. Run it daily.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only list the scans")

    def handle(self, *args: Any, **options: Any) -> None:
        report = purge_expired(dry_run=options["dry_run"])
        verb = "would purge" if options["dry_run"] else "purged"
        self.stdout.write(f"{verb} {len(report.purged)} scan(s): "
                          f"{', '.join(map(str, report.purged)) or '-'}")
        if report.failed:
            raise CommandError(f"could not purge scan(s) {', '.join(map(str, report.failed))} "
                               "(their results could not be computed; data kept)")
