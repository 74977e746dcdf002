"""Single sign-on in a real Chromium: the login page's "Sign in with your organisation",
the provider's own pages (oidc-provider on localhost) and back, with Tandem's CSP on.

``tests/web/test_sso.py`` covers every rule with a requests session; this one shows that
a browser gets through too (the CSP's ``form-action 'self'`` would stop a redirect that
answers the form's post, so Tandem forwards with a page) and that the pages on the way
pass axe-core.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Membership, Role
from tandem.web.organisations.services import organisation_create
from tandem.web.sso.services import SsoSettings, sso_save
from tests.browser.conftest import Checker
from tests.sso.provider import Provider, running_provider
from tests.web.webtest_helpers import make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def provider(live_server: Any) -> Iterator[Provider]:
    with running_provider(live_server.url + "/accounts/sso/callback/") as running:
        yield running


def test_signing_in_with_the_organisation_in_chromium(
        chromium: Browser, live_server: Any, provider: Provider, transactional_db: None,
        settings: Any, checker: Checker) -> None:
    settings.TANDEM_BASE_URL = live_server.url
    founder = make_user("founder@acme.test")
    org = organisation_create(name="Acme", owner=founder)
    sso_save(organisation=org, by=founder, proven=False, settings=SsoSettings(
        enabled=True, issuer=provider.issuer, client_id=provider.client_id,
        client_secret=provider.client_secret, scopes="openid email profile groups",
        domains=("acme.test",), role_claim="groups", role_map={"tandem-owners": Role.OWNER},
        default_role=Role.VIEWER))
    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(live_server.url + "/accounts/login/")
    checker.axe_clean(page, "login with single sign-on")
    page.get_by_label("Your work e-mail address, or your organisation's short name").fill(
        "anna@acme.test")
    page.get_by_role("button", name="Sign in with your organisation").click()
    # The provider's development login form (any password; the login names the account).
    page.wait_for_url(f"{provider.issuer}/interaction/**")
    page.locator('input[name="login"]').fill("anna")
    page.locator('input[name="password"]').fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # the provider's consent
    page.wait_for_url(f"{live_server.url}/o/{org.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme")
    expect(page.get_by_text("Welcome to Tandem")).to_be_visible()
    anna = User.objects.get(email="anna@acme.test")
    assert Membership.objects.get(organisation=org, user=anna).role == Role.OWNER
    # Anna is an owner by her groups: the settings page opens, without the secret.
    page.get_by_role("link", name="Single sign-on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Single sign-on")
    assert provider.client_secret not in page.content()
    checker.axe_clean(page, "single sign-on settings")
    checker.screenshots(page, "sso-settings")
    assert blocked == []
    context.close()
