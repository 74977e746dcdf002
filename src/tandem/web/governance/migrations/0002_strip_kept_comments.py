"""Kept results stored before comments counted as raw answers still hold the open
answers' texts: strip them, as ``Result.aggregates_only`` does for new purges."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def strip_comments(apps: Any, schema_editor: Any) -> None:
    kept_result = apps.get_model("governance", "KeptResult")
    for kept in kept_result.objects.all():
        comments = kept.result.get("comments") or []
        if not any(c.get("texts") or c.get("shown") for c in comments):
            continue
        for comment in comments:
            comment["texts"] = []
            comment["shown"] = False
        kept.save(update_fields=["result"])


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(strip_comments, migrations.RunPython.noop)]
