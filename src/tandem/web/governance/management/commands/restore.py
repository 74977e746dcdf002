from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from tandem.web.accounts.models import User
from tandem.web.governance.management.commands.backup import check_name
from tandem.web.governance.models import AuditAction
from tandem.web.governance.services import audit_record
from tandem.web.organisations.models import Organisation


class Command(BaseCommand):
    help = ("Restore a backup made by `backup` into an empty database: applies the "
            "migrations, then loads FILE in one transaction.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["file"]
        check_name(path)
        if not Path(path).is_file():
            raise CommandError(f"{path}: no such file")
        call_command("migrate", interactive=False, verbosity=0)
        if User.objects.exists() or Organisation.objects.exists():
            raise CommandError("the database is not empty; restore only into a new database")
        with transaction.atomic():
            call_command("loaddata", path, verbosity=0)
            audit_record(action=AuditAction.RESTORE, actor=None, organisation_id=None,
                         object_type="database", detail=Path(path).name)
        self.stdout.write(f"restored {path}")
