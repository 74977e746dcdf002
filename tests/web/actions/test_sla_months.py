"""The sales-marketing agreement month by month: recording a month's figure and the
pages that show it against what was agreed.

Who may reach each URL is the project-wide table in test_web_matrix.py; here the rules
of a recorded month and what the pages say, checked against targets worked out by hand.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from webtest_helpers import World, client_for

from tandem.web.actions import services
from tandem.web.actions.models import SlaActual, SlaCommitment
from tandem.web.actions.services import ActionsRuleError


def _follow_up(world: World) -> SlaCommitment:
    return services.sla_commitment_create(
        organisation=world.org, by=world.owner,
        fields=services.SlaFields(kind="follow_up", description="Sales calls A-leads",
                                  owner="sales", target_value=Decimal(24), unit="hours",
                                  lead_grade="A", within_share=Decimal(90)))


def _weekly(world: World) -> SlaCommitment:
    return services.sla_commitment_create(
        organisation=world.org, by=world.owner,
        fields=services.SlaFields(kind="lead_volume", description="MQLs from Marketing",
                                  owner="marketing", target_value=Decimal(10),
                                  unit="leads per week"))


def _record(commitment: SlaCommitment, world: World, month: date, value: int) -> SlaActual:
    return services.sla_actual_record(commitment=commitment, month=month,
                                      value=Decimal(value), by=world.facilitator)


# ---------------------------------------------------------------- the service


def test_a_month_is_recorded_once_and_recording_it_again_replaces_it(world: World) -> None:
    commitment = _follow_up(world)
    first = _record(commitment, world, date(2026, 3, 17), 85)  # any day: the month
    assert first.month == date(2026, 3, 1) and first.recorded_by_email == "facilitator@example.org"
    again = services.sla_actual_record(commitment=commitment, month=date(2026, 3, 1),
                                       value=Decimal(93), note="after the new rota",
                                       by=world.owner)
    assert again.pk == first.pk and SlaActual.objects.filter(commitment=commitment).count() == 1
    assert (again.value, again.note, again.recorded_by_email) == (
        Decimal(93), "after the new rota", "owner@example.org")


def test_a_month_not_begun_a_share_above_100_and_a_negative_figure_are_refused(
        world: World) -> None:
    commitment = _follow_up(world)
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)
    for month, value in ((next_month, 50), (date(2026, 1, 1), 101), (date(2026, 1, 1), -1)):
        with pytest.raises(ActionsRuleError):
            services.sla_actual_record(commitment=commitment, month=month,
                                       value=Decimal(value), by=world.owner)
    this_month = timezone.localdate()
    assert _record(commitment, world, this_month, 100).month == this_month.replace(day=1)
    # A count is not a share: more than 100 leads is a figure like any other.
    assert _record(_weekly(world), world, date(2026, 1, 1), 140).value == 140


def test_a_share_to_follow_up_must_be_a_percentage(world: World) -> None:
    with pytest.raises(ActionsRuleError):
        services.sla_commitment_create(
            organisation=world.org, by=world.owner,
            fields=services.SlaFields(kind="follow_up", description="x", owner="sales",
                                      target_value=Decimal(24), unit="hours",
                                      within_share=Decimal(120)))


# ---------------------------------------------------------------- the pages


def test_the_commitment_page_judges_each_month_against_the_months_target(
        world: World) -> None:
    weekly = _weekly(world)
    # February 2026 has 28 days (target 40), March 31 (target 44.3).
    _record(weekly, world, date(2026, 2, 1), 41)
    _record(weekly, world, date(2026, 3, 1), 44)
    url = reverse("actions:sla_commitment", kwargs={"org_id": world.org.pk,
                                                    "commitment_id": weekly.pk})
    en = client_for(world.viewer).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Met in 1 of 2 recorded months." in en
    assert ">40<" in en and ">44.3<" in en  # the months' own targets, as worked out above
    assert en.index("February 2026") < en.index("March 2026")  # oldest first, as the chart
    assert en.count('<strong class="met">met</strong>') == 1
    assert en.count('<strong class="missed">not met</strong>') == 1
    assert "↑ better" in en  # more leads than in February, still short of March's target
    assert "Record a month" not in en, "a viewer records nothing"
    nl = client_for(world.viewer).get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "In 1 van de 2 vastgelegde maanden gehaald." in nl
    assert "Februari 2026" in nl and ">44,3<" in nl


def test_the_overview_shows_each_commitments_latest_month(world: World) -> None:
    follow = _follow_up(world)
    for month, share in ((1, 85), (2, 92), (3, 88)):
        _record(follow, world, date(2026, month, 1), share)
    url = reverse("actions:sla", kwargs={"org_id": world.org.pk})
    en = client_for(world.facilitator).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Share of leads followed up within 24 hours (%)" in en
    assert "March 2026: 88% against 90% agreed: " in en
    assert "Met in 1 of 3 recorded months." in en
    assert 'class="tandem-chart"' in en
    nl = client_for(world.facilitator).get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Maart 2026: 88% tegen 90% afgesproken: " in nl
    assert "Aandeel leads opgevolgd binnen 24 hours (%)" in nl


def test_recording_through_the_form(world: World) -> None:
    follow = _follow_up(world)
    kwargs = {"org_id": world.org.pk, "commitment_id": follow.pk}
    client = client_for(world.facilitator)
    url = reverse("actions:sla_actual_record", kwargs=kwargs)
    response = client.post(url, {"month": "2026-02", "value": "91.5", "note": ""})
    assert response.status_code == 302
    assert SlaActual.objects.get(commitment=follow).value == Decimal("91.5")
    for bad in ({"month": "2026-13", "value": "50"}, {"month": "2026-02", "value": "120"},
                {"month": "2026-02", "value": "-3"}, {"month": "", "value": "50"}):
        response = client.post(url, bad, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, bad
    assert SlaActual.objects.get(commitment=follow).value == Decimal("91.5")
    page = client.post(url, {"month": "2026-02", "value": "120"},
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "less than or equal to 100" in page
    actual = SlaActual.objects.get(commitment=follow)
    response = client.post(reverse("actions:sla_actual_delete",
                                   kwargs=kwargs | {"actual_id": actual.pk}))
    assert response.status_code == 302 and not SlaActual.objects.filter(pk=actual.pk).exists()


def test_another_commitments_month_is_not_found(world: World) -> None:
    follow, weekly = _follow_up(world), _weekly(world)
    actual = _record(weekly, world, date(2026, 1, 1), 30)
    response = client_for(world.owner).post(reverse("actions:sla_actual_delete", kwargs={
        "org_id": world.org.pk, "commitment_id": follow.pk, "actual_id": actual.pk}))
    assert response.status_code == 404 and SlaActual.objects.filter(pk=actual.pk).exists()
