"""The migration that gives organisations a slug fills one for every existing row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("organisations", "0002_organisation_retention_months")]
AFTER = [("organisations", "0003_organisation_slug")]


@pytest.mark.django_db(transaction=True)
def test_existing_organisations_get_unique_slugs() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("organisations", "Organisation")
    for name in ("Acme", "Acme", "ACME!", "123", "  "):
        old.objects.create(name=name)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("organisations", "Organisation")
    assert list(new.objects.order_by("pk").values_list("slug", flat=True)) == [
        "acme", "acme-2", "acme-3", "org-123", "organisation"]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
