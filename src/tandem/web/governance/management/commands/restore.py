from __future__ import annotations

import bz2
import gzip
import json
import lzma
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from tandem.web.accounts.models import User
from tandem.web.governance.management.commands.backup import check_name
from tandem.web.governance.models import AuditAction
from tandem.web.governance.services import audit_record
from tandem.web.organisations.models import Organisation, unique_slug

# Models that moved to another app: a backup made before the move names the old one.
MOVED_MODELS = {
    "governance.keptresult": "results.keptresult",
    "actions.targetoverride": "results.targetoverride",
}
_OPENERS: dict[str, Any] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open,
                            ".lzma": lzma.open}


def with_current_labels(path: str, folder: Path) -> str:
    """The backup itself, or a copy in ``folder`` that names moved models by their app
    and gives organisations from before slugs existed their slug (as the migration did)."""
    with _OPENERS.get(Path(path).suffix, open)(path, "rt", encoding="utf-8") as file:
        objects = json.load(file)
    moved = any(o.get("model") in MOVED_MODELS for o in objects)
    slugless = [o for o in objects if o.get("model") == "organisations.organisation"
                and not o.get("fields", {}).get("slug")]
    if not moved and not slugless:
        return path
    for o in objects:
        o["model"] = MOVED_MODELS.get(o["model"], o["model"])
    taken = {o["fields"]["slug"] for o in objects
             if o.get("model") == "organisations.organisation" and o["fields"].get("slug")}
    for o in sorted(slugless, key=lambda o: o.get("pk") or 0):
        slug = unique_slug(str(o["fields"].get("name", "")), taken.__contains__)
        o["fields"]["slug"] = slug
        taken.add(slug)
    copy = folder / "backup.json"
    copy.write_text(json.dumps(objects), "utf-8")
    return str(copy)


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
        with tempfile.TemporaryDirectory() as folder, transaction.atomic():
            call_command("loaddata", with_current_labels(path, Path(folder)), verbosity=0)
            audit_record(action=AuditAction.RESTORE, actor=None, organisation_id=None,
                         object_type="database", detail=Path(path).name)
        self.stdout.write(f"restored {path}")
