"""Single sign-on end to end: Tandem's live server and a real OpenID provider (panva's
certified oidc-provider, ``tests/sso/provider.mjs``) on localhost, driven by a requests
session that follows the redirects and fills the provider's forms as a browser would.

Accounts of the provider (``provider.mjs``): anna (acme.test, groups staff +
tandem-owners), bram (``Bram@ACME.test``, tandem-viewers), carla (acme.test, only
staff: no mapped group), dirk (acme.test, e-mail not verified), eve (elsewhere.test),
frank (acme.test, a single string tandem-facilitators).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.contrib.auth.hashers import is_password_usable
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.test import Client
from joserfc import jwk, jwt
from joserfc.errors import InvalidKeyIdError
from tests.sso.provider import (
    Provider,
    forward_url,
    log_in_at_provider,
    running_provider,
)
from tests.web.webtest_helpers import PASSWORD, make_user

from tandem.web.accounts.models import User
from tandem.web.governance.models import AuditAction, AuditEvent
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.organisations.services import organisation_create
from tandem.web.sso import oidc
from tandem.web.sso.models import Refusal, SingleSignOn
from tandem.web.sso.services import SsoSettings, sso_save

pytestmark = pytest.mark.django_db(transaction=True)

CALLBACK = "/accounts/sso/callback/"
ROLE_MAP = {"tandem-owners": Role.OWNER, "tandem-facilitators": Role.FACILITATOR,
            "tandem-viewers": Role.VIEWER}


@pytest.fixture(scope="module")
def provider(live_server: Any) -> Iterator[Provider]:
    with running_provider(live_server.url + CALLBACK) as running:
        yield running


@dataclass
class Acme:
    org: Organisation
    sso: SingleSignOn
    founder: User  # the owner who set single sign-on up, with a password
    base: str


@pytest.fixture
def acme(provider: Provider, live_server: Any, settings: Any) -> Acme:
    settings.TANDEM_BASE_URL = live_server.url
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    founder = make_user("founder@acme.test")
    org = organisation_create(name="Acme", owner=founder)
    sso = sso_save(organisation=org, by=founder, proven=False, settings=SsoSettings(
        enabled=True, issuer=provider.issuer, client_id=provider.client_id,
        client_secret=provider.client_secret, scopes="openid email profile groups",
        domains=("acme.test",), role_claim="groups", role_map=dict(ROLE_MAP),
        default_role=Role.VIEWER))
    return Acme(org, sso, founder, live_server.url)


@dataclass
class Outcome:
    response: requests.Response  # the last answer (Tandem's page after the callback)
    session: requests.Session
    callback: str  # the callback URL the provider sent the browser to


def _start(base: str, identifier: str, session: requests.Session | None = None,
           language: str = "en") -> tuple[requests.Session, requests.Response]:
    session = session or requests.Session()
    session.headers["Accept-Language"] = language
    session.get(base + "/accounts/login/", timeout=10).raise_for_status()
    response = session.post(base + "/accounts/sso/", timeout=10, data={
        "identifier": identifier, "next": "",
        "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    return session, response


def sign_in(base: str, login: str, *, identifier: str = "",
            tamper: dict[str, str] | None = None, before_callback: Any = None,
            session: requests.Session | None = None, language: str = "en") -> Outcome:
    """The whole flow: Tandem's form, the provider's login, back to Tandem."""
    session, response = _start(base, identifier or f"{login}@acme.test", session, language)
    assert response.status_code == 200, response.text[:2000]
    authorize = session.get(forward_url(response.text), allow_redirects=False, timeout=10)
    back = log_in_at_provider(session, authorize, login)
    callback = back.headers["Location"]
    assert callback.startswith(base + CALLBACK), callback
    if tamper:
        parts = urlsplit(callback)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()} | tamper
        callback = f"{base}{CALLBACK}?{urlencode(query)}"
    if before_callback is not None:
        before_callback(session)
    final = session.get(callback, timeout=10)
    return Outcome(final, session, callback)


def _refusal(response: requests.Response) -> str | None:
    match = re.search(r'data-refusal="([a-z_]+)"', response.text)
    return match.group(1) if match else None


def _accounts() -> set[str]:
    return set(User.objects.values_list("email", flat=True))


# ---------------------------------------------------------------- signing in


def test_first_sign_in_creates_the_account_with_the_mapped_role(acme: Acme) -> None:
    before = _accounts()
    outcome = sign_in(acme.base, "anna")
    assert outcome.response.status_code == 200
    assert outcome.response.url == f"{acme.base}/o/{acme.org.pk}/"
    assert "<h1>Acme</h1>" in outcome.response.text
    assert "Welcome to Tandem" in outcome.response.text
    assert _accounts() - before == {"anna@acme.test"}
    anna = User.objects.get(email="anna@acme.test")
    assert anna.name == "Anna de Vries"
    assert not is_password_usable(anna.password)  # no password: single sign-on only
    assert Membership.objects.get(organisation=acme.org, user=anna).role == Role.OWNER
    event = AuditEvent.objects.get(action=AuditAction.SSO_LOGIN)
    assert (event.actor, event.organisation_id) == (anna, acme.org.pk)
    assert "new account" in event.detail and "role owner" in event.detail
    # The owner's pages open to the session (it is logged in as Anna).
    settings_page = outcome.session.get(f"{acme.base}/o/{acme.org.pk}/sso/", timeout=10)
    assert settings_page.status_code == 200


def test_a_second_sign_in_reuses_the_account_and_follows_the_claims(acme: Acme) -> None:
    first = sign_in(acme.base, "bram", identifier="bram@acme.test")
    assert first.response.status_code == 200, first.response.text[:500]
    bram = User.objects.get(email="bram@acme.test")  # the provider says Bram@ACME.test
    assert Membership.objects.get(organisation=acme.org, user=bram).role == Role.VIEWER
    # The owner maps the group to another role; the next sign-in (a new browser) follows.
    acme.sso.role_map = {"tandem-viewers": Role.FACILITATOR}
    acme.sso.save()
    again = sign_in(acme.base, "bram", identifier=acme.org.slug)  # by short name this time
    assert again.response.status_code == 200
    assert User.objects.filter(email__iexact="bram@acme.test").count() == 1
    assert Membership.objects.filter(user=bram).count() == 1
    assert Membership.objects.get(organisation=acme.org, user=bram).role == Role.FACILITATOR
    assert AuditEvent.objects.filter(action=AuditAction.SSO_LOGIN, actor=bram).count() == 2


def test_an_existing_password_account_becomes_a_member(acme: Acme) -> None:
    frank = make_user("frank@acme.test")
    outcome = sign_in(acme.base, "frank")
    assert outcome.response.status_code == 200
    membership = Membership.objects.get(organisation=acme.org, user=frank)
    assert membership.role == Role.FACILITATOR  # a single string claim maps too
    frank.refresh_from_db()
    assert frank.check_password(PASSWORD)  # single sign-on leaves the password alone


def test_without_a_mapped_group_the_default_role_or_a_refusal(acme: Acme) -> None:
    acme.sso.default_role = ""  # refuse
    acme.sso.save()
    refused = sign_in(acme.base, "carla")
    assert refused.response.status_code == 403
    assert _refusal(refused.response) == Refusal.NO_ROLE
    assert not User.objects.filter(email="carla@acme.test").exists()
    acme.sso.default_role = Role.VIEWER
    acme.sso.save()
    allowed = sign_in(acme.base, "carla")
    assert allowed.response.status_code == 200
    assert Membership.objects.get(user__email="carla@acme.test").role == Role.VIEWER


def test_another_domain_is_refused_and_no_account_is_made(acme: Acme) -> None:
    before = _accounts()
    # Eve's provider account is at elsewhere.test; she starts with Acme's short name.
    outcome = sign_in(acme.base, "eve", identifier=acme.org.slug)
    assert outcome.response.status_code == 403
    assert _refusal(outcome.response) == Refusal.DOMAIN
    assert "made no account" in outcome.response.text
    assert _accounts() == before
    assert not Membership.objects.filter(user__email="eve@elsewhere.test").exists()
    home = outcome.session.get(f"{acme.base}/", allow_redirects=False, timeout=10)
    assert home.status_code == 302 and "/accounts/login/" in home.headers["Location"]


def test_an_unknown_domain_finds_no_provider(acme: Acme) -> None:
    _session, response = _start(acme.base, "someone@elsewhere.test")
    assert response.status_code == 200
    assert "No organisation signs in through single sign-on" in response.text
    assert "http-equiv" not in response.text
    _session, dutch = _start(acme.base, "someone@elsewhere.test", language="nl")
    assert "No organisation signs in" not in dutch.text
    assert "Geen organisatie" in dutch.text


def test_an_unverified_address_is_refused(acme: Acme) -> None:
    before = _accounts()
    outcome = sign_in(acme.base, "dirk")
    assert outcome.response.status_code == 403
    assert _refusal(outcome.response) == Refusal.UNVERIFIED
    assert _accounts() == before
    dutch = sign_in(acme.base, "dirk", language="nl")
    assert _refusal(dutch.response) == Refusal.UNVERIFIED
    assert "niet geverifieerd" in dutch.response.text


def test_a_tampered_state_is_refused(acme: Acme) -> None:
    before = _accounts()
    outcome = sign_in(acme.base, "anna", tamper={"state": "x" * 43})
    assert outcome.response.status_code == 400
    assert _refusal(outcome.response) == Refusal.STATE
    assert _accounts() == before
    # No state at all, or the callback of another browser, is refused the same way.
    lost = requests.get(acme.base + CALLBACK, params={"code": "abc"}, timeout=10)
    assert (lost.status_code, _refusal(lost)) == (400, Refusal.STATE)


def test_a_callback_is_used_once(acme: Acme) -> None:
    outcome = sign_in(acme.base, "anna")
    assert outcome.response.status_code == 200
    replay = outcome.session.get(outcome.callback, timeout=10)
    assert (replay.status_code, _refusal(replay)) == (400, Refusal.STATE)


def test_a_nonce_that_does_not_match_is_refused(acme: Acme) -> None:
    def change_nonce(session: requests.Session) -> None:
        store = SessionStore(session_key=session.cookies["sessionid"])
        pending = store["tandem_sso_pending"]
        for entry in pending.values():
            entry["nonce"] = "not-the-nonce-the-provider-signed"
        store["tandem_sso_pending"] = pending
        store.save()

    before = _accounts()
    outcome = sign_in(acme.base, "anna", before_callback=change_nonce)
    assert (outcome.response.status_code, _refusal(outcome.response)) == (502, Refusal.PROVIDER)
    assert _accounts() == before


def test_a_provider_error_is_refused(acme: Acme) -> None:
    session, response = _start(acme.base, "anna@acme.test")
    authorize = session.get(forward_url(response.text), allow_redirects=False, timeout=10)
    interaction = session.get(authorize.headers["Location"] if authorize.headers[
        "Location"].startswith("http") else acme.sso.issuer + authorize.headers["Location"],
        allow_redirects=False, timeout=10)
    uid = re.search(r"/interaction/([^/\"]+)", interaction.url).group(1)  # type: ignore[union-attr]
    aborted = session.get(f"{acme.sso.issuer}/interaction/{uid}/abort", allow_redirects=False,
                          timeout=10)
    back = log_in_at_provider(session, aborted, "anna")
    refused = session.get(back.headers["Location"], timeout=10)
    assert (refused.status_code, _refusal(refused)) == (502, Refusal.PROVIDER)
    assert "access_denied" in refused.text
    assert not User.objects.filter(email="anna@acme.test").exists()


def test_single_sign_on_switched_off_sends_nobody_to_the_provider(acme: Acme) -> None:
    acme.sso.enabled = False
    acme.sso.save()
    _session, response = _start(acme.base, "anna@acme.test")
    assert "No organisation signs in through single sign-on" in response.text


# ---------------------------------------------------------------- the session's reach


def test_the_session_reaches_only_the_organisation_that_signed_it_in(acme: Acme) -> None:
    anna = make_user("anna@acme.test")
    other = organisation_create(name="Anna's consultancy", owner=anna)
    outcome = sign_in(acme.base, "anna")
    assert outcome.response.status_code == 200
    home = outcome.session.get(acme.base + "/", timeout=10).text
    assert "Acme" in home and "Anna&#x27;s consultancy" not in home
    assert outcome.session.get(f"{acme.base}/o/{other.pk}/", timeout=10).status_code == 404
    assert outcome.session.get(f"{acme.base}/o/new/", timeout=10).status_code == 403
    # A password login of the same person reaches both again.
    session = requests.Session()
    session.get(acme.base + "/accounts/login/", timeout=10)
    session.post(acme.base + "/accounts/login/", timeout=10, data={
        "username": "anna@acme.test", "password": PASSWORD,
        "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert session.get(f"{acme.base}/o/{other.pk}/", timeout=10).status_code == 200
    assert session.get(f"{acme.base}/o/{acme.org.pk}/", timeout=10).status_code == 200


# ---------------------------------------------------------------- password login


def _password_login(email: str) -> Any:
    return Client(HTTP_ACCEPT_LANGUAGE="en").post(
        "/accounts/login/", {"username": email, "password": PASSWORD})


def test_password_login_works_while_the_organisation_allows_it(acme: Acme) -> None:
    response = _password_login(acme.founder.email)
    assert response.status_code == 302 and response["Location"] == "/"


def test_password_login_is_refused_when_every_organisation_is_sso_only(acme: Acme) -> None:
    Organisation.objects.filter(pk=acme.org.pk).update(password_login=False)
    refused = _password_login(acme.founder.email)
    assert refused.status_code == 200
    assert "Sign in with your organisation" in refused.content.decode()
    assert "not with a password" in refused.content.decode()
    assert "_auth_user_id" not in refused.wsgi_request.session
    # The wrong password still gets the usual answer (nothing said about single sign-on).
    wrong = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        "/accounts/login/", {"username": acme.founder.email, "password": "wrong"})
    assert "not with a password" not in wrong.content.decode()
    # A member of another organisation that allows passwords logs in, but Acme's pages
    # send them to single sign-on.
    viewer = make_user("viewer@acme.test")
    Membership.objects.create(organisation=acme.org, user=viewer, role=Role.VIEWER)
    organisation_create(name="Password BV", owner=viewer)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.post("/accounts/login/", {"username": viewer.email,
                                            "password": PASSWORD}).status_code == 302
    page = client.get(f"/o/{acme.org.pk}/")
    assert page.status_code == 403
    assert f"/accounts/sso/?org={acme.org.slug}" in page.content.decode()
    # Operators keep their password (the way back in when a provider breaks).
    acme.founder.is_staff = True
    acme.founder.save()
    assert _password_login(acme.founder.email).status_code == 302


# ---------------------------------------------------------------- the owner's page


def test_password_login_is_switched_off_only_after_a_working_sign_in(acme: Acme) -> None:
    form = {"enabled": "on", "issuer": acme.sso.issuer, "client_id": acme.sso.client_id,
            "client_secret": "", "scopes": "openid email profile groups",
            "domains": "acme.test", "role_claim": "groups",
            "role_map": "tandem-owners = owner\ntandem-viewers = viewer",
            "default_role": "viewer"}  # password_login unticked: off
    founder = Client(HTTP_ACCEPT_LANGUAGE="en")
    founder.force_login(acme.founder)
    refused = founder.post(f"/o/{acme.org.pk}/sso/", form)
    assert refused.status_code == 200
    assert "Sign in through your organisation" in refused.content.decode()
    assert Organisation.objects.get(pk=acme.org.pk).password_login
    # Anna (an owner by her groups) signs in through the provider, then switches it off.
    anna = sign_in(acme.base, "anna")
    page = anna.session.get(f"{acme.base}/o/{acme.org.pk}/sso/", timeout=10)
    saved = anna.session.post(f"{acme.base}/o/{acme.org.pk}/sso/", timeout=10,
                              data=form | {"csrfmiddlewaretoken": anna.session.cookies[
                                  "csrftoken"]}, headers={"Referer": page.url})
    assert saved.status_code == 200 and "are saved" in saved.text
    assert not Organisation.objects.get(pk=acme.org.pk).password_login
    assert SingleSignOn.objects.get(pk=acme.sso.pk).client_secret == acme.sso.client_secret
    assert AuditEvent.objects.filter(action=AuditAction.SSO_SETTINGS,
                                     detail__contains="password login off").exists()
    # The founder's password session no longer opens Acme.
    assert founder.get(f"/o/{acme.org.pk}/").status_code == 403


def test_the_settings_page_never_shows_the_secret(acme: Acme) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(acme.founder)
    page = client.get(f"/o/{acme.org.pk}/sso/").content.decode()
    assert acme.sso.client_secret not in page
    assert acme.sso.client_secret[-4:] in page  # the hint
    assert f"{acme.base}{CALLBACK}" in page  # the redirect URI to register
    assert acme.sso.issuer in page


@pytest.mark.parametrize(("field", "value", "message"), [
    ("domains", "gmail.com", "Anybody can get an address"),
    ("domains", "not a domain", "is not a domain name"),
    ("issuer", "http://login.example.org/acme", "Use an https:// address"),
    ("role_map", "tandem-owners = boss", "write a value"),
    ("scopes", "email profile", "must include openid"),
])
def test_the_settings_form_refuses_what_would_be_unsafe(acme: Acme, field: str, value: str,
                                                       message: str) -> None:
    form = {"enabled": "on", "issuer": "https://login.example.org/acme", "client_id": "t",
            "scopes": "openid email", "domains": "acme.test", "role_claim": "groups",
            "role_map": "", "default_role": "viewer", "password_login": "on"}
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(acme.founder)
    response = client.post(f"/o/{acme.org.pk}/sso/", form | {field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SingleSignOn.objects.get(pk=acme.sso.pk).issuer == acme.sso.issuer


# ---------------------------------------------------------------- the ID token's checks


KEY = jwk.RSAKey.generate_key(2048, parameters={"kid": "k1"}, private=True)
OTHER_KEY = jwk.RSAKey.generate_key(2048, parameters={"kid": "k1"}, private=True)
JWKS = {"keys": [KEY.as_dict(private=False)]}
ISSUER = "https://login.example.org/acme"


def _token(claims: dict[str, Any] | None = None, *, key: Any = KEY,
           header: dict[str, Any] | None = None) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": "tandem", "sub": "anna", "iat": now, "exp": now + 300,
            "nonce": "n-1", "email": "anna@acme.test"} | (claims or {})
    return jwt.encode(header or {"alg": "RS256", "kid": "k1"}, body, key)


def _verify(token: str) -> dict[str, Any]:
    return oidc.verify_id_token(token, jwks=JWKS, issuer=ISSUER, client_id="tandem",
                                nonce="n-1")


def test_a_valid_id_token_passes() -> None:
    assert _verify(_token())["email"] == "anna@acme.test"
    assert _verify(_token({"aud": ["tandem", "other"], "azp": "tandem"}))["sub"] == "anna"


@pytest.mark.parametrize("claims", [
    {"aud": "another-client"},
    {"aud": ["tandem", "other"]},  # several audiences and no azp
    {"azp": "another-client"},
    {"iss": "https://login.example.org/evil"},
    {"exp": int(time.time()) - 3600},
    {"nonce": "n-2"},
    {"nonce": None},
    {"sub": None},
], ids=["aud", "aud-no-azp", "azp", "iss", "exp", "nonce", "no-nonce", "no-sub"])
def test_an_id_token_with_a_wrong_claim_is_refused(claims: dict[str, Any]) -> None:
    token = _token({k: v for k, v in claims.items() if v is not None})
    if None in claims.values():
        now = int(time.time())
        body = {"iss": ISSUER, "aud": "tandem", "sub": "anna", "iat": now, "exp": now + 300,
                "nonce": "n-1"}
        for name in (k for k, v in claims.items() if v is None):
            body.pop(name)
        token = jwt.encode({"alg": "RS256", "kid": "k1"}, body, KEY)
    with pytest.raises(oidc.TokenError):
        _verify(token)


def test_an_id_token_not_signed_by_the_providers_key_is_refused() -> None:
    with pytest.raises(oidc.TokenError):
        _verify(_token(key=OTHER_KEY))  # same kid, another key: a forged signature
    header, _payload, signature = _token().split(".")
    forged_payload = _token({"email": "ceo@acme.test"}).split(".")[1]
    with pytest.raises(oidc.TokenError):
        _verify(f"{header}.{forged_payload}.{signature}")
    with pytest.raises(InvalidKeyIdError):  # an unknown key id: the caller refetches once
        _verify(_token(header={"alg": "RS256", "kid": "k2"}))


def test_an_unsigned_or_shared_secret_id_token_is_refused() -> None:
    secret = jwk.OctKey.import_key("the-client-secret-the-attacker-knows-32b")
    with pytest.raises(oidc.TokenError):
        _verify(_token(key=secret, header={"alg": "HS256", "kid": "k1"}))
    with pytest.raises(oidc.TokenError):  # a provider that announces only HS256
        oidc.verify_id_token(_token(key=secret, header={"alg": "HS256", "kid": "k1"}),
                             jwks={"keys": [secret.as_dict(private=False)]}, issuer=ISSUER,
                             client_id="tandem", nonce="n-1", algorithms=["HS256"])
    header = "eyJhbGciOiJub25lIn0"  # {"alg":"none"}
    payload = _token().split(".")[1]
    with pytest.raises(oidc.TokenError):
        _verify(f"{header}.{payload}.")


def test_provider_addresses_must_be_https(settings: Any) -> None:
    settings.TANDEM_SSO_ALLOW_HTTP = True
    assert oidc.url_allowed("https://login.example.org/x")
    assert oidc.url_allowed("http://127.0.0.1:9000")
    assert not oidc.url_allowed("http://login.example.org/x")
    settings.TANDEM_SSO_ALLOW_HTTP = False
    assert not oidc.url_allowed("http://127.0.0.1:9000")

