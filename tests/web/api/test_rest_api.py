"""The REST API under /api/v1/: tokens, roles, tenants, ids, errors, pagination, the result
contract (the same pooled result as the results page), exports, the audit log."""

from __future__ import annotations

import io
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from test_actions_support import closed_scan, make_action, set_context
from webtest_helpers import World, client_for

from tandem.contract.schema import generate as contract_schema
from tandem.report.exports import anonymise
from tandem.rounding import rounded_text
from tandem.web.actions.models import Action
from tandem.web.api.models import ApiToken
from tandem.web.api.services import token_create, token_revoke
from tandem.web.governance.models import AuditAction, AuditEvent
from tandem.web.organisations.models import Membership
from tandem.web.results.selectors import scan_responses, shown_result
from tandem.web.scans.models import Invitation, Scan

PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _clear_counters(db: None) -> None:
    cache.clear()


def api(secret: str | None, **extra: Any) -> Client:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return Client(enforce_csrf_checks=True, **headers, **extra)


def token(world: World, role: str = "owner", *, write: bool = False,
          other: bool = False) -> str:
    org = world.other_org if other else world.org
    return token_create(organisation=org, user=world.user(role), write=write).secret


@pytest.fixture
def closed(world: World) -> Scan:
    set_context(world.org)
    return closed_scan(world.org, world.owner, title="Closed wave", n=40)


def is_problem(response: Any, status: int) -> bool:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = json.loads(response.content)
    return body["status"] == status and bool(body["title"])


#: A due date an action may have: a new one is never in the past.
DUE = (date.today() + timedelta(days=60)).isoformat()
READS = ["/api/v1/organisation", "/api/v1/scans", "/api/v1/scans/{scan}",
         "/api/v1/scans/{scan}/result", "/api/v1/scans/{scan}/comparison",
         "/api/v1/scans/{scan}/mirror", "/api/v1/scans/{scan}/exports/figures.csv",
         "/api/v1/actions"]
WRITES = [("/api/v1/scans", {"title": "New"}), ("/api/v1/scans/{scan}/open", None),
          ("/api/v1/scans/{scan}/close", None),
          ("/api/v1/scans/{scan}/invitations",
           {"invitations": [{"email": "a@example.org", "department": "sales"}]}),
          ("/api/v1/actions", {"title": "Agree", "owner_email": "viewer@example.org",
                               "due_date": DUE, "scales": ["DEF"]})]


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, json.dumps(body) if body is not None else "",
                       content_type="application/json")


# ---------------------------------------------------------------- 401


@pytest.mark.parametrize("url", READS)
def test_no_bad_expired_or_revoked_token_is_401_problem(world: World, url: str) -> None:
    url = url.format(scan=world.scan.pk)
    expired = token_create(organisation=world.org, user=world.owner)
    ApiToken.objects.filter(pk=expired.token.pk).update(expires_at=timezone.now())
    revoked = token_create(organisation=world.org, user=world.owner)
    token_revoke(token=revoked.token)
    good = token(world)
    for secret in (None, "tdm_nonsense", good[:-1] + ("A" if good[-1] != "A" else "B"),
                   expired.secret, revoked.secret):
        response = api(secret).get(url)
        assert is_problem(response, 401), (url, secret)
        assert "Location" not in response
        assert response["WWW-Authenticate"].startswith("Bearer")
    # A session cookie is no way in either.
    assert is_problem(client_for(world.owner).get(url), 401)


def test_a_former_member_token_stops_working(world: World) -> None:
    secret = token(world, "viewer")
    assert api(secret).get("/api/v1/organisation").status_code == 200
    Membership.objects.filter(user=world.viewer, organisation=world.org).delete()
    assert is_problem(api(secret).get("/api/v1/organisation"), 401)


@pytest.mark.parametrize(("url", "body"), WRITES)
def test_writes_without_token_are_401(world: World, url: str, body: Any) -> None:
    assert is_problem(_post(api(None), url.format(scan=world.scan.pk), body), 401)


# ---------------------------------------------------------------- roles


@pytest.mark.parametrize(("url", "body"), WRITES)
def test_read_token_and_viewer_cannot_write(world: World, url: str, body: Any) -> None:
    url = url.format(scan=world.scan.pk)
    before = (Scan.objects.count(), Invitation.objects.count(), Action.objects.count(),
              Scan.objects.get(pk=world.scan.pk).status)
    for secret in (token(world, "owner"), token(world, "viewer", write=True)):
        assert is_problem(_post(api(secret), url, body), 403)
    assert before == (Scan.objects.count(), Invitation.objects.count(), Action.objects.count(),
                      Scan.objects.get(pk=world.scan.pk).status)


def test_facilitator_write_token_runs_a_scan(world: World) -> None:
    client = api(token(world, "facilitator", write=True))  # CSRF enforced: none needed
    created = _post(client, "/api/v1/scans", {"title": "Autumn", "form": "quick", "k": 6})
    assert created.status_code == 201, created.content
    assert not created.cookies  # no session, no CSRF cookie
    scan_id = created.json()["id"]
    assert Scan.objects.get(pk=scan_id).organisation_id == world.org.pk
    # New scans get the newest questionnaire; an older one may be named, nothing else.
    assert created.json()["instrument_name"] == "tandem-scan-2"
    assert Scan.objects.get(pk=scan_id).instrument_version == "2.0"
    repeat = _post(client, "/api/v1/scans", {"title": "Repeat", "instrument_name":
                                             "tandem-scan-1"})
    assert repeat.status_code == 201 and repeat.json()["instrument_name"] == "tandem-scan-1"
    assert _post(client, "/api/v1/scans", {"title": "X", "instrument_name": "tandem-scan-9"}
                 ).status_code == 422
    invited = _post(client, f"/api/v1/scans/{scan_id}/invitations", {"invitations": [
        {"email": "a@example.org", "department": "sales"},
        {"email": "b@example.org", "department": "Marketing"}]})
    assert invited.status_code == 201 and invited.json()["created"] == 2
    again = _post(client, f"/api/v1/scans/{scan_id}/invitations", {"invitations": [
        {"email": "a@example.org", "department": "sales"}]})
    assert again.json() == {"created": 0, "already_invited": ["a@example.org"]}
    wrong = _post(client, f"/api/v1/scans/{scan_id}/invitations", {"invitations": [
        {"email": "not an address", "department": "sales"}]})
    assert is_problem(wrong, 422)
    assert _post(client, f"/api/v1/scans/{scan_id}/open", None).json()["status"] == "open"
    assert is_problem(_post(client, f"/api/v1/scans/{scan_id}/open", None), 409)
    assert _post(client, f"/api/v1/scans/{scan_id}/close", None).json()["status"] == "closed"


def test_invalid_scan_is_422(world: World) -> None:
    client = api(token(world, write=True))
    assert is_problem(_post(client, "/api/v1/scans", {"title": "x", "k": 2}), 422)
    assert is_problem(client.post("/api/v1/scans", "{not json",
                                  content_type="application/json"), 400)


def test_viewer_reads_results_and_only_owners_get_the_answers(world: World,
                                                                 closed: Scan) -> None:
    viewer = api(token(world, "viewer"))
    assert viewer.get(f"/api/v1/scans/{closed.pk}/result").status_code == 200
    assert is_problem(viewer.get(f"/api/v1/scans/{closed.pk}/exports/responses.sav"), 403)
    assert is_problem(api(token(world, "facilitator", write=True)).get(
        f"/api/v1/scans/{closed.pk}/exports/responses.sav"), 403)
    exported = AuditEvent.objects.filter(action=AuditAction.EXPORT).count()
    owner = api(token(world, "owner")).get(f"/api/v1/scans/{closed.pk}/exports/responses.sav")
    assert owner.status_code == 200 and owner["Content-Type"] == "application/x-spss-sav"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == exported + 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.sav"
        path.write_bytes(b"".join(owner.streaming_content))
        frame, meta = pyreadstat.read_sav(str(path))
    expected = anonymise(scan_responses(scan=closed), shown_result(scan=closed)).frame
    assert list(frame.columns) == list(expected.columns) and len(frame) == len(expected)
    assert list(frame["department"]) == [str(v) for v in expected["department"]]
    assert meta.column_names_to_labels["department"]
    small = closed_scan(world.org, world.owner, title="Tiny", n=3)
    assert is_problem(api(token(world)).get(
        f"/api/v1/scans/{small.pk}/exports/responses.sav"), 409)


def test_actions_create_update_and_list(world: World) -> None:
    client = api(token(world, "facilitator", write=True))
    made = _post(client, "/api/v1/actions", {"title": "Agree MQL", "joint_owner": True,
                                             "due_date": DUE, "scales": ["DEF"]})
    assert made.status_code == 201, made.content
    action_id = made.json()["id"]
    changed = client.patch(f"/api/v1/actions/{action_id}", json.dumps({"status": "done"}),
                           content_type="application/json")
    assert changed.status_code == 200 and changed.json()["status"] == "done"
    assert is_problem(_post(client, "/api/v1/actions", {"title": ""}), 422)
    listed = client.get("/api/v1/actions").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == action_id
    read = api(token(world, "facilitator"))
    assert is_problem(read.patch(f"/api/v1/actions/{action_id}", "{}",
                                 content_type="application/json"), 403)


def test_an_actions_owner_is_a_member_by_e_mail(world: World) -> None:
    body = {"title": "Agree MQL", "due_date": DUE, "scales": ["DEF"]}
    facilitator = api(token(world, "facilitator", write=True))
    made = _post(facilitator, "/api/v1/actions", body | {"owner_email": "Viewer@Example.org"})
    assert made.status_code == 201, made.content
    assert (made.json()["owner_email"], made.json()["owner_name"]) == (
        "viewer@example.org", "viewer@example.org")
    # Someone new: only an owner's token may invite them (they become a viewer).
    assert is_problem(_post(facilitator, "/api/v1/actions",
                            body | {"owner_email": "new@example.org"}), 422)
    owner = api(token(world, "owner", write=True))
    invited = _post(owner, "/api/v1/actions", body | {"owner_email": "new@example.org"})
    assert invited.status_code == 201 and invited.json()["owner_email"] == "new@example.org"
    assert Membership.objects.get(organisation=world.org, user__email="new@example.org").role \
        == "viewer"
    # A due date in the past, or none, and no scale are refused with the rule's words.
    for bad in ({"due_date": "2020-01-01"}, {"due_date": None}, {"scales": []}):
        assert is_problem(_post(owner, "/api/v1/actions",
                                body | {"owner_email": "owner@example.org"} | bad), 422), bad
    action_id = made.json()["id"]
    cleared = owner.patch(f"/api/v1/actions/{action_id}", json.dumps({"owner_email": ""}),
                          content_type="application/json")
    assert is_problem(cleared, 422)  # no person and not joint: no owner at all
    joint = owner.patch(f"/api/v1/actions/{action_id}",
                        json.dumps({"owner_email": "", "joint_owner": True}),
                        content_type="application/json")
    assert joint.status_code == 200 and joint.json()["owner_email"] is None


# ---------------------------------------------------------------- tenants and ids


def test_other_organisations_objects_are_404(world: World) -> None:
    client = api(token(world, "owner", write=True))
    theirs = make_action(world.other_org, "Theirs")
    scan = world.other_scan.pk
    for url in READS[2:-1]:
        assert is_problem(client.get(url.format(scan=scan)), 404), url
    for url, body in WRITES[1:4]:
        assert is_problem(_post(client, url.format(scan=scan), body), 404), url
    assert is_problem(client.patch(f"/api/v1/actions/{theirs.pk}", "{}",
                                   content_type="application/json"), 404)
    assert is_problem(_post(client, "/api/v1/actions", {"title": "T", "owner_email": "",
                                                        "scan_id": scan}), 404)
    listed = client.get("/api/v1/scans").json()
    assert {s["id"] for s in listed["items"]} == {world.scan.pk}
    # The outsider's own token does not reach organisation A.
    outsider = api(token(world, "outsider", other=True))
    assert is_problem(outsider.get(f"/api/v1/scans/{world.scan.pk}"), 404)


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "1.5", "9" * 30, str(2**63), "%00", "1e3"])
def test_huge_or_non_numeric_ids_are_404(world: World, bad: str) -> None:
    client = api(token(world, "owner", write=True))
    for url in ("/api/v1/scans/{}", "/api/v1/scans/{}/result", "/api/v1/scans/{}/comparison",
                "/api/v1/scans/{}/exports/figures.csv"):
        assert is_problem(client.get(url.format(bad)), 404), url
    for url in ("/api/v1/scans/{}/open", "/api/v1/scans/{}/close"):
        assert is_problem(client.post(url.format(bad)), 404), url
    assert is_problem(client.patch(f"/api/v1/actions/{bad}", "{}",
                                   content_type="application/json"), 404)


def test_unknown_paths_and_wrong_methods(world: World) -> None:
    client = api(token(world))
    for url in ("/api/v1/", "/api/v1/nothing", "/api/v1/scans/1/nothing", "/api/v2x"):
        response = client.get(url)
        if url.startswith("/api/v1/"):
            assert is_problem(response, 404), url
    response = client.delete("/api/v1/scans")
    assert is_problem(response, 405)
    assert "GET" in response["Allow"]
    assert is_problem(client.get(f"/api/v1/scans/{world.scan.pk}/open"), 405)


# ---------------------------------------------------------------- lists


def test_pagination(world: World) -> None:
    client = api(token(world, write=True))
    for n in range(4):
        _post(client, "/api/v1/scans", {"title": f"Wave {n}"})
    first = client.get("/api/v1/scans?page_size=2").json()
    assert first["count"] == 5 and len(first["items"]) == 2
    assert first["next"].endswith("/api/v1/scans?page=2&page_size=2")
    third = client.get("/api/v1/scans?page=3&page_size=2").json()
    assert len(third["items"]) == 1 and third["next"] is None
    seen = {s["id"] for p in (1, 2, 3)
            for s in client.get(f"/api/v1/scans?page={p}&page_size=2").json()["items"]}
    assert len(seen) == 5
    assert is_problem(client.get("/api/v1/scans?page=0"), 422)
    assert is_problem(client.get("/api/v1/scans?page_size=100000"), 422)


# ---------------------------------------------------------------- results


def test_result_is_the_results_page_contract(world: World, closed: Scan) -> None:
    response = api(token(world, "viewer")).get(f"/api/v1/scans/{closed.pk}/result")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json() == json.loads(shown_result(scan=closed).to_json())
    page = client_for(world.viewer).get(f"/o/{world.org.pk}/scans/{closed.pk}/results.json")
    assert response.json() == json.loads(page.content)


def test_result_below_k_has_no_figures(world: World) -> None:
    small = closed_scan(world.org, world.owner, title="Tiny", n=3)
    body = api(token(world)).get(f"/api/v1/scans/{small.pk}/result").json()
    assert body["meta"]["n"] is None
    assert not body.get("scales") and not body.get("gaps")
    csv = api(token(world)).get(f"/api/v1/scans/{small.pk}/exports/figures.csv")
    lines = b"".join(csv.streaming_content).decode().splitlines()[1:]
    assert lines and all(line.startswith("meta,") for line in lines)


def test_result_of_an_open_scan_is_409(world: World, open_scan: Scan) -> None:
    assert is_problem(api(token(world)).get(f"/api/v1/scans/{open_scan.pk}/result"), 409)


def test_comparison(world: World, closed: Scan) -> None:
    later = closed_scan(world.org, world.owner, title="Later", n=40)
    body = api(token(world)).get(f"/api/v1/scans/{later.pk}/comparison").json()
    assert body["previous_scan_id"] == closed.pk and body["comparison"]["changes"]
    alone = api(token(world)).get(f"/api/v1/scans/{closed.pk}/comparison").json()
    assert alone["previous_scan_id"] is None and alone["comparison"] is None


def test_mirror_is_the_tabs_and_nothing_while_open_or_below_k(world: World,
                                                                closed: Scan) -> None:
    from tandem.instrument.customer import load_questionnaire
    from tandem.web.mirror import services as mirror_services

    url = f"/api/v1/scans/{closed.pk}/mirror"
    client = api(token(world, "viewer"))
    assert client.get(url).json() == {"scan_id": closed.pk, "status": "none", "mirror": None}
    mirror = mirror_services.mirror_create(scan=closed)
    questionnaire = load_questionnaire()
    for stage, n in (("service", closed.k), ("choice", closed.k - 1)):
        for i in range(n):
            mirror_services.answer_submit(mirror=mirror, stage=stage, values={
                s.id: 1 + (i % 5) for s in questionnaire.statements_for(stage)})
    assert client.get(url).json() == {"scan_id": closed.pk, "status": "open", "mirror": None}
    mirror_services.mirror_close(mirror=mirror)
    body = client.get(url).json()
    assert body["status"] == "closed"
    stages = {s["stage"]: s for s in body["mirror"]["stages"]}
    assert stages["service"]["customers"]["n"] == closed.k
    assert stages["choice"]["customers"] is None and stages["choice"]["verdict"] == "too_few"
    def whole_numbers(node: Any) -> list[int]:
        if isinstance(node, dict):
            return [n for v in node.values() for n in whole_numbers(v)]
        return [node] if isinstance(node, int) and not isinstance(node, bool) else []

    assert closed.k - 1 not in whole_numbers(stages["choice"])  # no count below k
    page = client_for(world.viewer).get(f"/o/{world.org.pk}/scans/{closed.pk}/results/mirror/")
    score = stages["service"]["customers"]["score"]
    assert f"<strong>{rounded_text(score, 0)}</strong>" in page.content.decode()


def test_exports_are_streamed_and_audited(world: World, closed: Scan) -> None:
    client = api(token(world, "viewer"))
    exported = AuditEvent.objects.filter(action=AuditAction.EXPORT).count()
    csv = client.get(f"/api/v1/scans/{closed.pk}/exports/figures.csv")
    assert csv.streaming and csv["Content-Type"].startswith("text/csv")
    assert b"section" in b"".join(csv.streaming_content)
    xlsx = client.get(f"/api/v1/scans/{closed.pk}/exports/figures.xlsx")
    assert xlsx.streaming and b"".join(xlsx.streaming_content).startswith(b"PK")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == exported + 2
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).first()
    assert event is not None and event.actor_email == world.viewer.email
    assert is_problem(client.get(f"/api/v1/scans/{closed.pk}/exports/figures.pdf"), 404)


def test_every_call_is_audited(world: World) -> None:
    client = api(token(world))
    before = AuditEvent.objects.filter(action=AuditAction.API).count()
    client.get("/api/v1/organisation")
    client.get(f"/api/v1/scans/{world.other_scan.pk}")
    assert AuditEvent.objects.filter(action=AuditAction.API).count() == before + 2
    event = AuditEvent.objects.filter(action=AuditAction.API).first()
    assert event is not None and event.detail.startswith("GET /api/v1/scans/")
    assert event.organisation_id == world.org.pk


# ---------------------------------------------------------------- tokens


def test_tokens_are_stored_hashed_and_rate_limited(world: World, settings: Any) -> None:
    created = token_create(organisation=world.org, user=world.owner)
    row = ApiToken.objects.get(pk=created.token.pk)
    assert created.secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert created.secret.startswith(row.prefix) and len(created.secret) > 40
    settings.TANDEM_API_RATE_LIMIT = 2
    client = api(created.secret)
    assert [client.get("/api/v1/organisation").status_code for _ in range(3)] == [200, 200, 429]
    assert is_problem(client.get("/api/v1/organisation"), 429)
    assert ApiToken.objects.get(pk=row.pk).last_used_at is not None


def test_wrong_tokens_are_rate_limited_per_address(world: World, settings: Any) -> None:
    settings.TANDEM_API_AUTH_MAX_FAILURES = 3
    for _ in range(3):
        assert api("tdm_wrong").get("/api/v1/organisation").status_code == 401
    assert is_problem(api(token(world)).get("/api/v1/organisation"), 429)


def test_create_api_token_command(world: World) -> None:
    out = io.StringIO()
    call_command("create_api_token", "Facilitator@example.org", "--org", world.org.slug,
                 "--write", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    body = api(lines[0]).get("/api/v1/organisation").json()
    assert body["role"] == "facilitator" and body["write"] is True
    out = io.StringIO()
    call_command("create_api_token", "viewer@example.org", "--org", str(world.org.pk),
                 stdout=out)
    assert api(out.getvalue().strip()).get("/api/v1/organisation").json()["write"] is False
    from django.core.management.base import CommandError
    with pytest.raises(CommandError):
        call_command("create_api_token", "outsider@example.org", "--org", world.org.slug)
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody@example.org", "--org", world.org.slug)


def test_tokens_page_shows_the_secret_once_and_revokes(world: World) -> None:
    client = client_for(world.viewer)
    url = f"/o/{world.org.pk}/api-tokens/"
    response = client.post(url, {"name": "CRM", "days": "30"})
    assert response.status_code == 200
    made = ApiToken.objects.get(user=world.viewer)
    assert made.write is False
    secret = response.content.decode().split("<code>")[1].split("</code>")[0]
    assert secret.startswith(made.prefix)
    assert secret not in client.get(url).content.decode()
    assert api(secret).get("/api/v1/organisation").status_code == 200
    # Another member cannot revoke it; its owner (and an organisation owner) can.
    other = client_for(world.facilitator).post(f"{url}{made.pk}/revoke/")
    assert other.status_code == 404
    assert client.post(f"{url}{made.pk}/revoke/").status_code == 302
    assert is_problem(api(secret).get("/api/v1/organisation"), 401)


def test_organisations_have_unique_slugs(world: World) -> None:
    from tandem.web.organisations.services import organisation_create
    again = organisation_create(name="Acme", owner=world.owner)
    assert world.org.slug == "acme" and again.slug == "acme-2"
    assert organisation_create(name="123", owner=world.owner).slug == "org-123"


# ---------------------------------------------------------------- docs


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _value in pairs]
    assert len(keys) == len(set(keys)), f"duplicate keys: {keys}"
    return dict(pairs)


def test_openapi_reuses_the_result_contract(db: None) -> None:
    text = Client().get("/api/v1/openapi.json").content
    doc = json.loads(text, object_pairs_hook=_no_duplicate_keys)  # Swagger UI refuses them
    named = doc["components"]["schemas"]
    contract = contract_schema()
    for name in contract["$defs"]:
        assert name in named
    assert set(named["Result"]["properties"]) == set(contract["properties"])
    ref = doc["paths"]["/api/v1/scans/{scan_id}/result"]["get"]["responses"]["200"]
    assert ref["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Result"}
    assert doc["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_docs_page_uses_only_our_static_files(db: None) -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "http://" not in html and "https://" not in html and "cdn" not in html.lower()
    assert "<script>" not in html.replace(" ", "")  # no inline script: the CSP forbids it
    assert '<html lang="en">' in html  # WCAG 3.1.1; tandem/api-docs.css: contrast, sizes
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js",
                  "ninja/swagger-ui.css", "tandem/api-docs.css"):
        assert f"/static/{asset}" in html and finders.find(asset), asset
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    settings = json.loads(html.split('id="swagger-settings">')[1].split("</script>")[0])
    assert settings["validatorUrl"] is None
    assert settings["deepLinking"] is False  # no link nested in each operation's button


def test_expiry_is_enforced(world: World) -> None:
    created = token_create(organisation=world.org, user=world.owner, days=1)
    assert created.token.expires_at - timezone.now() <= timedelta(days=1)
    with pytest.raises(ValueError, match="days"):
        token_create(organisation=world.org, user=world.owner, days=1000)
