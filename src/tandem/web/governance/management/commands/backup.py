from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.web.governance.models import AuditAction
from tandem.web.governance.services import audit_record

SUFFIXES = (".json", ".json.gz", ".json.bz2", ".json.xz", ".json.lzma")
# Rebuilt by `migrate` (content types, permissions) or not worth restoring (sessions).
EXCLUDED = ("contenttypes", "auth.permission", "sessions")


def check_name(path: str) -> None:
    if not path.endswith(SUFFIXES):
        raise CommandError(f"{path}: name the backup file *.json or *.json.gz")


class Command(BaseCommand):
    help = ("Write every table (users, organisations, scans, answers, results, actions, "
            "audit log) to FILE as Django fixtures with natural keys (*.json or *.json.gz).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["file"]
        check_name(path)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        exclude = list(EXCLUDED)
        if apps.is_installed("django_tasks_db"):  # queued work is not data
            exclude.append("django_tasks_db")
        # The event goes in first, so the backup itself records that it was made.
        audit_record(action=AuditAction.BACKUP, actor=None, organisation_id=None,
                     object_type="database", detail=Path(path).name)
        call_command("dumpdata", natural_foreign=True, natural_primary=True,
                     exclude=exclude, output=path, verbosity=0)
        self.stdout.write(f"backup written to {path}")
