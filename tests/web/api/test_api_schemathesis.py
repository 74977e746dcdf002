"""schemathesis against the live server (pytest-django's ``live_server``: a real HTTP
server on the test database): every operation of /api/v1/openapi.json with generated
input, as an owner with a read-write token, over a world with a closed scan. No answer
may be a 5xx, and every answer must match the document (status code, content type,
body schema, problem+json for errors). Derandomized and capped, so it is repeatable and
takes well under a minute."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from test_actions_support import closed_scan, make_action, set_context
from webtest_helpers import build_world

from tandem.web.api.services import token_create

pytestmark = pytest.mark.slow
MAX_EXAMPLES = 15


@pytest.fixture
def api_world(live_server: Any) -> dict[str, Any]:
    world = build_world()
    set_context(world.org)
    first = closed_scan(world.org, world.owner, title="First wave", n=20)
    closed = closed_scan(world.org, world.owner, title="Closed wave", n=20)
    action = make_action(world.org, "Agree MQL", scan=first)
    secret = token_create(organisation=world.org, user=world.owner, write=True).secret
    # Real ids besides the generated ones: a closed scan with a previous wave, a draft,
    # and another organisation's scan (404).
    return {"url": live_server.url, "token": secret,
            "ids": {"scan_id": [closed.pk, world.scan.pk, world.other_scan.pk],
                    "action_id": [action.pk]}}


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def test_api_conforms(api_world: dict[str, Any], settings: Any) -> None:
    settings.TANDEM_API_RATE_LIMIT = 100_000
    schema = schemathesis.openapi.from_url(f"{api_world['url']}/api/v1/openapi.json")
    headers = {"Authorization": f"Bearer {api_world['token']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 22
    calls: list[int] = []
    seen: set[tuple[str, int]] = set()
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None,
                             database=None, suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            response = case.call_and_validate(base_url=api_world["url"], headers=headers,
                                              checks=CHECKS)
            calls.append(response.status_code)
            for name, ids in api_world["ids"].items():
                if name in (case.path_parameters or {}):
                    for real in ids:
                        case.path_parameters[name] = real
                        response = case.call_and_validate(
                            base_url=api_world["url"], headers=headers, checks=CHECKS)
                        calls.append(response.status_code)
                        seen.add((case.operation.label, response.status_code))

        run()
    assert not [code for code in calls if code >= 500]
    # The real ids reach the success answers, so their bodies are checked too.
    for label in ("GET /api/v1/scans/{scan_id}/result",
                  "GET /api/v1/scans/{scan_id}/comparison",
                  "GET /api/v1/scans/{scan_id}/exports/figures.csv",
                  "GET /api/v1/scans/{scan_id}/exports/figures.xlsx",
                  "GET /api/v1/scans/{scan_id}/exports/responses.sav"):
        assert (label, 200) in seen, label
    print(f"schemathesis: {len(operations)} operations, {len(calls)} calls, "
          f"status codes {sorted(set(calls))}")
