"""Who is a consultant and what the role may do: the portfolio is a consultant's own (404
for anybody else), lists only the organisations it serves, follows single sign-on as
every organisation page does, and in each organisation served the consultant does a
facilitator's work and no more."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from portfolio_helpers import consultant_for, serve
from webtest_helpers import World, client_for, make_user

from tandem.web.organisations.auth import SIGNED_IN_THROUGH
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.organisations.permissions import ROLE_ACTIONS, Action, role_may
from tandem.web.scans.models import Invitation, Scan
from tandem.web.sso.forms import SsoSettingsForm

PAGES = ("portfolio:portfolio", "portfolio:compare", "portfolio:templates",
         "portfolio:template_new")


def test_a_consultant_does_a_facilitators_work_and_no_more() -> None:
    assert ROLE_ACTIONS[Role.CONSULTANT] == ROLE_ACTIONS[Role.FACILITATOR]
    for action in (Action.MANAGE_SCANS, Action.VIEW_RESULTS, Action.MANAGE_ACTIONS):
        assert role_may(Role.CONSULTANT, action)
    for action in (Action.MANAGE_MEMBERS, Action.EXPORT_RESPONSES, Action.DELETE_DATA,
                   Action.SET_TARGET, Action.MANAGE_SSO):
        assert not role_may(Role.CONSULTANT, action)


@pytest.mark.parametrize("role", ["owner", "facilitator", "viewer", "outsider"])
def test_the_portfolio_is_not_there_for_anybody_else(world: World, role: str) -> None:
    client = client_for(world.user(role))
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 404, name
    home = client.get(reverse("home")).content.decode()
    assert reverse("portfolio:portfolio") not in home


def test_an_anonymous_visitor_is_asked_to_log_in(db: None) -> None:
    for name in PAGES:
        response = Client().get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_consultant_sees_the_organisations_it_serves_only(world: World) -> None:
    consultant = consultant_for(world.other_org)
    client = client_for(consultant)
    home = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("portfolio:portfolio") in home and "Consultant" in home
    page = client.get(reverse("portfolio:portfolio")).content.decode()
    assert world.other_org.name in page and world.org.name not in page
    # Its rights are the facilitator's, there: the scan form and invitations, not members.
    other = {"org_id": world.other_org.pk}
    assert client.get(reverse("scans:create", kwargs=other)).status_code == 200
    invitations = reverse("scans:invitations", kwargs=other | {"scan_id": world.other_scan.pk})
    assert client.post(invitations, {"addresses": "anna@example.org"}).status_code == 302
    assert Invitation.objects.filter(scan=world.other_scan, email="anna@example.org").exists()
    assert client.get(reverse("organisations:members", kwargs=other)).status_code == 403
    # Organisations it does not serve do not exist for it.
    mine = {"org_id": world.org.pk}
    assert client.get(reverse("organisations:detail", kwargs=mine)).status_code == 404
    assert client.get(reverse("portfolio:scan_start", kwargs=mine)).status_code == 404


def test_a_viewer_elsewhere_sees_no_portfolio_of_that_organisation(world: World) -> None:
    """A consultant of one organisation and a viewer of another: the portfolio holds the
    first only, and the viewer's organisation cannot be compared."""
    consultant = consultant_for(world.other_org)
    Membership.objects.create(organisation=world.org, user=consultant, role=Role.VIEWER)
    client = client_for(consultant)
    page = client.get(reverse("portfolio:portfolio")).content.decode()
    assert world.org.name not in page
    compare = f"{reverse('portfolio:compare')}?o={world.other_org.pk}&o={world.org.pk}"
    assert client.get(compare).status_code == 404
    assert client.get(reverse("portfolio:scan_start",
                              kwargs={"org_id": world.org.pk})).status_code == 403


def test_single_sign_on_narrows_the_portfolio_as_it_does_every_page(world: World) -> None:
    consultant = consultant_for(world.org, world.other_org)
    Organisation.objects.filter(pk=world.other_org.pk).update(password_login=False)
    client = client_for(consultant)
    page = client.get(reverse("portfolio:portfolio"), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert world.org.name in html and world.other_org.name in html
    row = html.split(f'data-organisation="{world.other_org.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "sign in through its single sign-on" in row and world.other_scan.title not in row
    both = f"{reverse('portfolio:compare')}?o={world.org.pk}&o={world.other_org.pk}"
    assert client.get(both).status_code == 404
    # Signed in through the other organisation's provider: that organisation only.
    session = client.session
    session[SIGNED_IN_THROUGH] = world.other_org.pk
    session.save()
    html = client.get(reverse("portfolio:portfolio")).content.decode()
    assert world.other_org.name in html and world.org.name not in html
    session[SIGNED_IN_THROUGH] = world.org.pk + world.other_org.pk + 1  # serves none there
    session.save()
    assert client.get(reverse("portfolio:portfolio")).status_code == 404


def test_a_closing_scan_has_its_result_stored_for_the_portfolio(
        world: World, django_capture_on_commit_callbacks: object) -> None:
    from test_actions_support import closed_scan

    from tandem.web.results.selectors import stored_result

    serve(make_user("c2@example.org"), world.org)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        scan = closed_scan(world.org, world.owner, n=12, seed=2)
    assert Scan.objects.get(pk=scan.pk).status == "closed"
    stored = stored_result(scan=scan)
    assert stored is not None and stored.meta.n == 12


def test_single_sign_on_never_grants_the_consultant_role() -> None:
    form = SsoSettingsForm({"enabled": "", "role_map": "advisers = consultant",
                            "default_role": "viewer", "scopes": "openid email"},
                           current=None, password_login=True)
    assert not form.is_valid() and "role_map" in form.errors
    choices = [value for value, _label in form.fields["default_role"].choices]  # type: ignore[attr-defined]
    assert Role.CONSULTANT not in choices
