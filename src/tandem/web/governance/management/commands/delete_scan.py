from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.web.governance.services import scan_delete
from tandem.web.scans.models import Scan


class Command(BaseCommand):
    help = "Delete a scan with all its answers, drafts, invitations, links and results."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("scan_id", type=int)
        parser.add_argument("--yes", action="store_true",
                            help="really delete (without it, only say what would go)")

    def handle(self, *args: Any, **options: Any) -> None:
        scan = Scan.objects.filter(pk=options["scan_id"]).first()
        if scan is None:
            raise CommandError(f"no scan {options['scan_id']}")
        responses = scan.responses.count()
        if not options["yes"]:
            raise CommandError(
                f"this would delete scan {scan.pk} ({scan.title!r}) with its {responses} "
                "response(s) and all its data; add --yes to do so"
            )
        scan_delete(scan=scan, actor=None)
        self.stdout.write(f"deleted scan {options['scan_id']} ({scan.title!r}) "
                          f"with {responses} response(s)")
