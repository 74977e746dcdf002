"""Seed and verify the database of a load run (run as a subprocess with the app's env).

    python dbtool.py seed N SEED      -> JSON: access code, open token, pages, answers
    python dbtool.py verify SCAN_ID   -> JSON: responses, markers per response, drafts

Kept out of the load generator's process so that one run can use SQLite and then
PostgreSQL (Django settings are per process).
"""

from __future__ import annotations

import json
import sys
from collections import Counter

MARKER_PREFIX = "LOADMARK-"


def seed(n: int, seed_value: int) -> dict[str, object]:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    from tandem.io.demo import generate_responses
    from tandem.web.accounts.models import User
    from tandem.web.organisations.services import organisation_create
    from tandem.web.scans.services import scan_create, scan_enable_open_link, scan_open
    from tandem.web.survey import flow

    owner = User.objects.create_user("load-owner@example.org", password="load test password 1")
    organisation = organisation_create(name="Load BV", owner=owner)
    scan = scan_create(organisation=organisation, title="Load scan", form="full",
                       instrument_name="tandem-scan-1", should_decide=True, segment=True)
    scan = scan_enable_open_link(scan=scan_open(scan=scan, actor=owner))
    pages = flow.pages_for(scan)
    frame = generate_responses(n, seed_value, "default", form="full",
                               instrument=scan.instrument, settings=scan.settings)
    items = [c for c in frame.columns if c != "respondent"]
    text_items = [i.id for p in pages for i in p.items
                  if i.kind == "text" and p.section.id != flow.SHORT_TEXT_SECTION]
    answers = [{k: str(row[k]) for k in items} for _index, row in frame.iterrows()]
    return {
        "scan_id": scan.pk,
        "access_code": scan.access_code,
        "open_token": scan.open_token,
        "pages": [[p.id, [i.id for i in p.items]] for p in pages],
        "marker_item": text_items[0],
        "answers": answers,
    }


def verify(scan_id: int, marker_item: str) -> dict[str, object]:
    from tandem.web.responses.models import Draft, Response

    markers: Counter[str] = Counter()
    items: dict[str, int] = {}
    unmarked = 0
    items_per_response = []
    for answers in Response.objects.filter(scan_id=scan_id).values_list("answers", flat=True):
        value = str(answers.get(marker_item, ""))
        if value.startswith(MARKER_PREFIX):
            markers[value.split()[0]] += 1
            items[value.split()[0]] = len(answers)
        else:
            unmarked += 1
        items_per_response.append(len(answers))
    return {
        "responses": sum(markers.values()) + unmarked,
        "unmarked": unmarked,
        "markers": dict(markers),
        "items": items,
        "min_items": min(items_per_response, default=0),
        "drafts": Draft.objects.filter(scan_id=scan_id).count(),
    }


def main() -> int:
    import django

    django.setup()
    command = sys.argv[1]
    if command == "seed":
        result = seed(int(sys.argv[2]), int(sys.argv[3]))
    elif command == "verify":
        result = verify(int(sys.argv[2]), sys.argv[3])
    else:
        raise SystemExit(f"unknown command {command!r}")
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
