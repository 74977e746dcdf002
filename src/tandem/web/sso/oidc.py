"""OpenID Connect, the relying party's side, for one organisation's provider at a time.

Why Authlib and joserfc rather than mozilla-django-oidc: mozilla-django-oidc reads one
provider from the global settings, while here every organisation brings its own issuer,
client id and secret, read from the database at each sign-in. Authlib's
``OAuth2Session`` (on requests) writes the authorization request (``state``, ``nonce``,
PKCE with S256) and makes the code exchange at the token endpoint; joserfc, the JOSE
library Authlib itself is built on, verifies the ID token's signature with the
provider's published keys (JWKS) and checks its claims. Nothing here does cryptography
by hand.

What a sign-in must pass before :func:`sign_in_claims` returns its claims:

* discovery: ``<issuer>/.well-known/openid-configuration`` names the same issuer the
  owner configured (OpenID Connect Discovery 1.0, section 4.3), and its endpoints use
  https (plain http only on this machine's loopback address where the settings allow it:
  development and the tests, :func:`url_allowed`);
* the code is exchanged with the PKCE verifier of this very request and the client's
  secret (HTTP Basic, or a form post where the provider supports only that);
* the ID token is signed with an asymmetric algorithm the provider announces (never
  ``none``, never a shared-secret HMAC) by a key of its JWKS, and its ``iss`` is the
  issuer, its ``aud`` holds the client id (with ``azp`` the client when there are more),
  ``exp`` is not passed, ``iat`` and ``sub`` are there, and ``nonce`` is this request's;
* claims the ID token lacks (providers put e-mail and groups there or only in the
  UserInfo answer) are read from the UserInfo endpoint with the access token, and only
  if UserInfo names the same ``sub`` (Core 1.0, section 5.3.2). The ID token's own
  claims win.

The state (matched in the view against the session that started the sign-in) and what
the claims then allow (domains, ``email_verified``, roles) are checked by the view and
``tandem.web.sso.services``. Discovery documents and key sets are cached for an hour;
a token signed with a key not in the cached set fetches the set once more (key rotation).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlsplit

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.requests_client import OAuth2Session
from django.conf import settings
from django.core.cache import cache
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

HTTP_TIMEOUT_SECONDS = 10
CACHE_SECONDS = 60 * 60
LEEWAY_SECONDS = 60
#: Asymmetric signatures only: HS* would make the client secret a signing key, and
#: ``none`` is no signature at all.
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                      "ES256", "ES384", "ES512", "EdDSA")
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
USER_AGENT = "Tandem-SSO/1"


class ProviderError(Exception):
    """The provider could not be reached, or answered what a provider must not."""


class TokenError(ProviderError):
    """The ID token (or UserInfo) failed a check: nothing in it may be believed."""


@dataclass(frozen=True, slots=True)
class Client:
    """Tandem as a client of one organisation's provider."""

    issuer: str
    client_id: str
    client_secret: str
    scopes: str


@dataclass(frozen=True, slots=True)
class Authorization:
    """Where to send the browser, and what the callback must match."""

    url: str
    state: str
    nonce: str
    code_verifier: str


def url_allowed(url: str) -> bool:
    """https, or http to this machine's loopback where ``TANDEM_SSO_ALLOW_HTTP`` is on
    (development and tests; never in production)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    return (parts.scheme == "http" and (parts.hostname or "") in LOOPBACK_HOSTS
            and bool(getattr(settings, "TANDEM_SSO_ALLOW_HTTP", False)))


def same_issuer(a: str, b: str) -> bool:
    return a.rstrip("/") == b.rstrip("/")


def _cache_key(kind: str, url: str) -> str:
    return f"tandem:oidc:{kind}:{hashlib.sha256(url.encode()).hexdigest()}"


def _get_json(url: str, **headers: str) -> dict[str, Any]:
    if not url_allowed(url):
        raise ProviderError(f"not an https address: {url}")
    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT_SECONDS, allow_redirects=False,
                                headers={"Accept": "application/json", "User-Agent": USER_AGENT,
                                         **headers})
        response.raise_for_status()
        body = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderError(f"{url}: {error}") from error
    if not isinstance(body, dict):
        raise ProviderError(f"{url}: not a JSON object")
    return body


def discover(issuer: str) -> dict[str, Any]:
    """The provider's discovery document, checked and cached."""
    key = _cache_key("metadata", issuer)
    cached = cache.get(key)
    if isinstance(cached, dict):
        return cached
    metadata = _get_json(issuer.rstrip("/") + "/.well-known/openid-configuration")
    if not same_issuer(str(metadata.get("issuer", "")), issuer):
        raise ProviderError(f"the discovery document names issuer {metadata.get('issuer')!r}, "
                            f"not {issuer!r}")
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(metadata.get(name), str) or not url_allowed(metadata[name]):
            raise ProviderError(f"the discovery document has no usable {name}")
    cache.set(key, metadata, CACHE_SECONDS)
    return metadata


def key_set(metadata: Mapping[str, Any], *, refresh: bool = False) -> dict[str, Any]:
    """The provider's public keys (JWKS), cached; ``refresh`` fetches them again."""
    url = str(metadata["jwks_uri"])
    key = _cache_key("jwks", url)
    cached = None if refresh else cache.get(key)
    if isinstance(cached, dict):
        return cached
    jwks = _get_json(url)
    cache.set(key, jwks, CACHE_SECONDS)
    return jwks


def _session(client: Client, metadata: Mapping[str, Any], redirect_uri: str) -> OAuth2Session:
    methods = metadata.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    method = ("client_secret_basic" if "client_secret_basic" in methods
              else "client_secret_post")
    session = OAuth2Session(client_id=client.client_id, client_secret=client.client_secret,
                            token_endpoint_auth_method=method, scope=client.scopes,
                            redirect_uri=redirect_uri, code_challenge_method="S256")
    session.headers["User-Agent"] = USER_AGENT
    return session


def authorization(client: Client, *, redirect_uri: str, login_hint: str = "") -> Authorization:
    """The authorization request: code flow, a fresh state and nonce, PKCE (S256)."""
    metadata = discover(client.issuer)
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)  # 86 characters of the 43..128 PKCE allows
    extra = {"login_hint": login_hint} if login_hint else {}
    with _session(client, metadata, redirect_uri) as session:
        url, _state = session.create_authorization_url(
            metadata["authorization_endpoint"], state=state, nonce=nonce,
            code_verifier=verifier, **extra)
    return Authorization(url=str(url), state=state, nonce=nonce, code_verifier=verifier)


def verify_id_token(id_token: str, *, jwks: Mapping[str, Any], issuer: str, client_id: str,
                    nonce: str, algorithms: Iterable[str] = SIGNING_ALGORITHMS,
                    now: int | None = None) -> dict[str, Any]:
    """The ID token's claims once its signature and claims pass; :class:`TokenError`
    (or joserfc's :class:`InvalidKeyIdError` for a key not in ``jwks``) otherwise."""
    allowed = [a for a in algorithms if a in SIGNING_ALGORITHMS]
    if not allowed:  # joserfc would fall back to its "recommended" list, HS256 included
        raise TokenError("ID token refused: the provider announces no asymmetric algorithm")
    try:
        token = jwt.decode(id_token, KeySet.import_key_set(cast(Any, jwks)), algorithms=allowed)
        registry = jwt.JWTClaimsRegistry(
            now=now, leeway=LEEWAY_SECONDS,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": client_id},
            sub={"essential": True}, exp={"essential": True}, iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        registry.validate(token.claims)
    except InvalidKeyIdError:
        raise
    except (JoseError, ValueError, TypeError) as error:
        raise TokenError(f"ID token refused: {error}") from error
    claims = dict(token.claims)
    audience = claims["aud"]
    if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != client_id:
        raise TokenError("ID token refused: several audiences and azp is not this client")
    if "azp" in claims and claims["azp"] != client_id:
        raise TokenError("ID token refused: azp is another client")
    return claims


def _id_token_claims(id_token: str, metadata: Mapping[str, Any], client: Client,
                     nonce: str) -> dict[str, Any]:
    announced = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]

    def verify(jwks: Mapping[str, Any]) -> dict[str, Any]:
        return verify_id_token(id_token, jwks=jwks, issuer=str(metadata["issuer"]),
                               client_id=client.client_id, nonce=nonce, algorithms=announced)

    try:
        return verify(key_set(metadata))
    except InvalidKeyIdError:  # the provider rotated its keys since they were cached
        try:
            return verify(key_set(metadata, refresh=True))
        except InvalidKeyIdError as error:
            raise TokenError("ID token refused: signed with a key the provider does not "
                             "publish") from error


def sign_in_claims(client: Client, *, redirect_uri: str, code: str, nonce: str,
                   code_verifier: str, wanted: Iterable[str] = ()) -> dict[str, Any]:
    """Exchange the code and return the signed-in person's verified claims.

    ``wanted`` names claims to look for in UserInfo when the ID token lacks them.
    """
    metadata = discover(client.issuer)
    try:
        with _session(client, metadata, redirect_uri) as session:
            token = session.fetch_token(metadata["token_endpoint"], code=code,
                                        code_verifier=code_verifier,
                                        grant_type="authorization_code",
                                        timeout=HTTP_TIMEOUT_SECONDS)
    except (AuthlibBaseError, requests.RequestException, ValueError) as error:
        raise ProviderError(f"the token endpoint refused the code: {error}") from error
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise TokenError("the token response has no ID token")
    claims = _id_token_claims(id_token, metadata, client, nonce)
    missing = [name for name in wanted if name and name not in claims]
    access_token = token.get("access_token")
    userinfo_url = metadata.get("userinfo_endpoint")
    if missing and isinstance(access_token, str) and isinstance(userinfo_url, str):
        userinfo = _get_json(userinfo_url, Authorization=f"Bearer {access_token}")
        if userinfo.get("sub") != claims["sub"]:
            raise TokenError("UserInfo names another person than the ID token")
        claims = {**userinfo, **claims}
    return claims
