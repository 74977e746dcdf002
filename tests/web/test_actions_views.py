"""The action-plan pages: the main flows through real HTTP.

Who may reach each URL (every role, another organisation's objects) is the one
project-wide table in test_web_matrix.py.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from test_actions_services import full_matrix
from test_actions_support import a_member, closed_scan, make_action, set_context
from webtest_helpers import World, client_for

from tandem.web.actions import services
from tandem.web.actions.models import (
    Action,
    DecisionRightsVersion,
    GlossaryChange,
    GlossaryTerm,
    SlaCommitment,
)
from tandem.web.actions.selectors import scan_diagnosis
from tandem.web.results.models import TargetOverride
from tandem.web.scans.models import Scan


@dataclass
class Objects:
    world: World
    scan: Scan
    action: Action
    version: DecisionRightsVersion
    term: GlossaryTerm
    change: GlossaryChange
    commitment: SlaCommitment
    step: str


def _objects_for(world: World, org: Any, user: Any, scan: Scan) -> dict[str, Any]:
    action = make_action(org, "Agree MQL", scan=scan, step="shared_definitions",
                         owner=a_member(org, "Anna", f"anna-{org.pk}@example.org"))
    version = services.decision_rights_agree(organisation=org, matrix=full_matrix(), by=user)
    term = GlossaryTerm.objects.get(organisation=org, key="mql")
    change = services.glossary_change_propose(organisation=org, term=term, by=user,
                                              fields={"owner": "joint"})
    commitment = services.sla_commitment_create(
        organisation=org, by=user,
        fields=services.SlaFields(kind="lead_volume", description="MQLs per month",
                                  owner="marketing", target_value=Decimal(40),
                                  unit="leads per month"))
    return {"action": action, "version": version, "term": term, "change": change,
            "commitment": commitment}


@pytest.fixture
def objects(world: World) -> Objects:
    scan = closed_scan(set_context(world.org), world.owner)
    mine = _objects_for(world, world.org, world.owner, scan)
    from tandem.web.actions.selectors import scan_diagnosis

    top = next(s for s in scan_diagnosis(scan).roadmap if s.rank == 1)
    return Objects(world, scan, step=top.step, **mine)


def org(o: Objects) -> dict[str, Any]:
    return {"org_id": o.world.org.pk}


def scan(o: Objects) -> dict[str, Any]:
    return {**org(o), "scan_id": o.scan.pk}


def step(o: Objects) -> dict[str, Any]:
    return {**scan(o), "step": o.step}


def test_an_open_scan_has_no_target_or_roadmap(world: World) -> None:
    client = client_for(world.owner)
    for name in ("actions:target", "actions:roadmap"):
        url = reverse(name, kwargs={"org_id": world.org.pk, "scan_id": world.scan.pk})
        assert client.get(url).status_code == 404


# ---------------------------------------------------------------- flows


def test_target_page_shows_every_fired_rule_and_the_override(objects: Objects) -> None:
    client = client_for(objects.world.owner)
    url = reverse("actions:target", kwargs=scan(objects))
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # every rule that fired, as a sentence about this organisation, never as its id
    assert "base.medium" not in page and "base.complex_b2b" not in page
    assert "you are a medium-sized organisation" in page
    assert "You work in a business market" in page
    assert not re.search(r"\b(base|signal)\.[a-z_]+|<code>", page)
    nl = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "bent u een middelgrote organisatie" in nl and "base.medium" not in nl
    assert "50–249" in page or "50-249" in page  # the context the rule used
    # the context points past the next phase: that phase is the horizon, on the page too
    target = scan_diagnosis(objects.scan).target
    assert target is not None and target.horizon_reason is not None
    assert f'data-figure="horizon">{escape(target.horizon_reason.en)}<' in page
    assert f'data-figure="horizon">{escape(target.horizon_reason.nl)}<' in nl
    own = target.current + 1  # the horizon lies further: the owner may go one phase up
    response = client.post(reverse("actions:target_override", kwargs=scan(objects)),
                           {"phase": str(own), "reason": ""})
    assert response.status_code == 302 and not TargetOverride.objects.exists()
    # ... and no further, even though the context points there
    client.post(reverse("actions:target_override", kwargs=scan(objects)),
                {"phase": str(target.horizon), "reason": "The board wants integration"})
    assert target.horizon is not None and target.horizon > own
    assert not TargetOverride.objects.exists()
    client.post(reverse("actions:target_override", kwargs=scan(objects)),
                {"phase": str(own), "reason": "The board wants integration"})
    row = TargetOverride.objects.get()
    assert (row.phase, row.by_email) == (own, "owner@example.org")
    page = client.get(url).content.decode()
    assert "The board wants integration" in page


def test_roadmap_lists_steps_with_why_and_turn_into_action(objects: Objects) -> None:
    client = client_for(objects.world.facilitator)
    page = client.get(reverse("actions:roadmap", kwargs=scan(objects)),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Turn into action" in page and "Addresses" in page
    viewer_page = client_for(objects.world.viewer).get(
        reverse("actions:roadmap", kwargs=scan(objects))).content.decode()
    assert reverse("actions:action_from_step", kwargs=step(objects)) not in viewer_page


def test_turning_the_top_step_into_an_action_prefills_scales_and_criteria(
        objects: Objects) -> None:
    from tandem.web.actions.selectors import scan_diagnosis

    top = next(s for s in scan_diagnosis(objects.scan).roadmap if s.rank == 1)
    client = client_for(objects.world.facilitator)
    url = reverse("actions:action_from_step", kwargs=step(objects))
    form = client.get(url).context["form"]
    assert form.initial["scales"] == list(top.addresses)
    assert form.initial["criteria"] == list(top.criteria)
    bram = a_member(objects.world.org, "Bram", "bram@example.org")
    data = {"title": "Monthly feedback round", "owner": str(bram.pk), "status": "planned",
            "due_date": "2027-03-01", "scales": list(top.addresses),
            "criteria": list(top.criteria), "notes": ""}
    response = client.post(url, data)
    assert response.status_code == 302
    action = Action.objects.get(title="Monthly feedback round")
    assert (action.scan, action.step) == (objects.scan, top.step)
    assert action.scales == list(top.addresses)
    # Without an owner: refused with a message, nothing saved.
    response = client.post(url, data | {"owner": "", "title": "No owner"})
    assert response.status_code == 200 and not Action.objects.filter(title="No owner").exists()


def test_plan_shows_late_actions_and_csv_export_is_neutralised(objects: Objects) -> None:
    make_action(objects.world.org, "=cmd|' /C calc'!A0",
                owner=a_member(objects.world.org, "@Eve", "eve@example.org"),
                due=timezone.localdate() - timedelta(days=3))
    client = client_for(objects.world.viewer)
    page = client.get(reverse("actions:plan", kwargs=org(objects)),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 action is late." in page
    response = client.get(reverse("actions:export", kwargs=org(objects)),
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Action", "Owner", "Due date", "Status"]
    evil = next(r for r in rows if "calc" in r[0])
    assert evil[0].startswith("'=") and evil[1] == "'@Eve" and evil[4] == "yes"


def test_agreeing_the_matrix_through_the_form(objects: Objects) -> None:
    from tandem.instrument import load_instrument

    client = client_for(objects.world.facilitator)
    url = reverse("actions:decision_rights_agree", kwargs=org(objects))
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    data = {f"cell_{a}__{p}": v for a, row in full_matrix().items() for p, v in row.items()}
    data["cell_pricing__sales"] = "R"  # no A for pricing now
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Pricing: exactly one party must be Accountable (A), not 0." in \
        response.content.decode()
    assert DecisionRightsVersion.objects.filter(organisation=objects.world.org).count() == 1
    data["cell_pricing__management"] = "A"
    response = client.post(url, data)
    assert response.status_code == 302
    latest = DecisionRightsVersion.objects.filter(organisation=objects.world.org).first()
    assert latest is not None and latest.number == 2
    assert latest.matrix["pricing"] == {"marketing": "C", "sales": "R", "service": "I",
                                        "management": "A"}
    assert len(latest.matrix) == len(load_instrument().areas)


@pytest.mark.parametrize(("lang", "title", "accountable"), [
    ("en", "Roles and responsibilities", "Pricing"),
    ("nl", "Taken en verantwoordelijkheden", "De prijsstelling"),
])
def test_the_raci_pdf_shows_the_agreed_roles(objects: Objects, lang: str, title: str,
                                             accountable: str) -> None:
    matrix = full_matrix(pricing={"management": "A", "sales": "R", "marketing": "C",
                                  "service": "I"})
    version_ = services.decision_rights_agree(organisation=objects.world.org, matrix=matrix,
                                              by=objects.world.owner, note="Signed in the MT")
    response = client_for(objects.world.viewer).get(
        reverse("actions:decision_rights_pdf",
                kwargs={"org_id": objects.world.org.pk, "number": version_.number}),
        HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert title in text and "Acme" in text and "Signed in the MT" in text
    line = next(ln for ln in text.splitlines() if ln.startswith(accountable))
    # Marketing, Sales, Customer Service, Management.
    assert line.split()[-4:] == ["C", "R", "I", "A"]
    other = next(ln for ln in text.splitlines() if ln.lower().startswith(
        "key-account" if lang == "en" else "de strategie voor key"))
    assert other.split()[-4:] == ["C", "A/R", "I", "I"]


def test_glossary_flow_any_member_proposes_an_owner_decides(objects: Objects) -> None:
    term_ = GlossaryTerm.objects.get(organisation=objects.world.org, key="sal")
    viewer = client_for(objects.world.viewer)
    url = reverse("actions:glossary_propose", kwargs={"org_id": objects.world.org.pk,
                                                      "term_id": term_.pk})
    data = {n: getattr(term_, n) for n in GlossaryTerm.CONTENT_FIELDS}
    data["definition_en"] = "An MQL Sales accepted within two working days."
    data["stage"] = "on"
    assert viewer.post(url, data).status_code == 302
    change_ = GlossaryChange.objects.get(term=term_, status="proposed")
    decide = reverse("actions:glossary_decide", kwargs={"org_id": objects.world.org.pk,
                                                        "change_id": change_.pk})
    assert client_for(objects.world.facilitator).post(
        decide, {"decision": "approve"}).status_code == 403
    assert client_for(objects.world.owner).post(
        decide, {"decision": "approve", "note": "ok"}).status_code == 302
    term_.refresh_from_db()
    assert term_.definition_en == "An MQL Sales accepted within two working days."
    page = viewer.get(reverse("actions:glossary_term", kwargs={
        "org_id": objects.world.org.pk, "term_id": term_.pk}),
        HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "viewer@example.org" in page and "owner@example.org" in page


def test_sla_page_lists_commitments(objects: Objects) -> None:
    client = client_for(objects.world.facilitator)
    response = client.post(reverse("actions:sla_new", kwargs=org(objects)), {
        "kind": "follow_up", "description": "Sales follows up A-leads", "lead_grade": "A",
        "owner": "sales", "target_value": "24", "unit": "hours", "notes": ""})
    assert response.status_code == 302
    page = client.get(reverse("actions:sla", kwargs=org(objects))).content.decode()
    assert "Sales follows up A-leads" in page and "24 hours" in page and "MQLs per month" in page


def test_pages_speak_dutch_and_english(objects: Objects) -> None:
    client = client_for(objects.world.facilitator)
    url = reverse("actions:roadmap", kwargs=scan(objects))
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Maak er een actie van" in dutch and "Gericht op" in dutch
    assert "Turn into action" in english and "Addresses" in english
    plan = client.get(reverse("actions:plan", kwargs=org(objects)),
                      HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Actieplan" in plan and "Downloaden als CSV" in plan
