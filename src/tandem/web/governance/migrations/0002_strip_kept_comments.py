"""Kept results stored before comments counted as raw answers still hold the open
answers' texts: strip them, as ``Result.aggregates_only`` does for new purges."""

from __future__ import annotations

import json
from typing import Any

from django.db import migrations


def strip_comments(apps: Any, schema_editor: Any) -> None:
    """Reads the JSON column of this migration's state, or the JSON text it becomes in
    0003 (so the function can be tested on today's schema)."""
    kept_result = apps.get_model("governance", "KeptResult")
    for kept in kept_result.objects.all():
        raw = kept.result
        data = json.loads(raw) if isinstance(raw, str) else raw
        comments = data.get("comments") or []
        if not any(c.get("texts") or c.get("shown") for c in comments):
            continue
        for comment in comments:
            comment["texts"] = []
            comment["shown"] = False
        kept.result = json.dumps(data, ensure_ascii=False) if isinstance(raw, str) else data
        kept.save(update_fields=["result"])


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(strip_comments, migrations.RunPython.noop)]
