"""Security basics: headers, CSRF, login rate limit, reset without enumeration, deploy check."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from webtest_helpers import PASSWORD, World, client_for


def test_security_headers_on_every_page(world: World) -> None:
    response = client_for(world.owner).get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    # 'self' plus, only when a page uses one, a per-request nonce: never unsafe-inline.
    assert re.search(r"script-src 'self'( 'nonce-[\w-]+')?;", csp)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style_without_nonce(world: World) -> None:
    client = client_for(world.owner)
    for url in (reverse("home"), reverse("organisations:detail", kwargs={"org_id": world.org.pk}),
                reverse("accounts:login")):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or "nonce=" in tag, tag
        assert "<style" not in html
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handlers
        assert "cdn" not in html.lower()


def test_htmx_is_served_from_our_own_static_files(world: World) -> None:
    html = client_for(world.owner).get(reverse("home")).content.decode()
    assert re.search(r'<script src="/static/django_htmx/htmx[^"]*\.js"', html)


def test_csrf_is_enforced(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    url = reverse("scans:open", kwargs={"org_id": world.org.pk, "scan_id": world.scan.pk})
    assert client.post(url).status_code == 403
    world.scan.refresh_from_db()
    assert world.scan.status == "draft"


def _login(client: Client, email: str, password: str) -> int:
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    return response.status_code


def test_login_works_case_insensitively(world: World) -> None:
    client = Client()
    assert _login(client, "Owner@Example.org", PASSWORD) == 302


def test_login_errors_do_not_reveal_whether_an_account_exists(world: World) -> None:
    known = Client().post(reverse("accounts:login"),
                          {"username": "owner@example.org", "password": "wrong"})
    unknown = Client().post(reverse("accounts:login"),
                            {"username": "nobody@example.org", "password": "wrong"})
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_login_is_rate_limited_for_known_and_unknown_addresses(world: World,
                                                               settings: object) -> None:
    for email in ("owner@example.org", "nobody@example.org"):
        client = Client(REMOTE_ADDR=f"10.0.0.{len(email)}")
        for _ in range(5):
            assert _login(client, email, "wrong") == 200
        response = client.post(reverse("accounts:login"),
                               {"username": email, "password": PASSWORD})
        assert response.status_code == 200  # refused, even with the right password
        assert "rate_limited" in response.context["form"].errors.as_data()["__all__"][0].code


def test_login_rate_limit_per_address(world: World) -> None:
    client = Client(REMOTE_ADDR="10.9.9.9")
    for i in range(20):
        _login(client, f"guess{i}@example.org", "wrong")
    assert _login(client, "owner@example.org", PASSWORD) == 200  # blocked address


def test_password_reset_mails_only_real_accounts_and_says_the_same(world: World) -> None:
    url = reverse("accounts:password_reset")
    known = Client().post(url, {"email": "viewer@example.org"})
    unknown = Client().post(url, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["viewer@example.org"]
    link = re.search(r"http\S+/accounts/password/reset/\S+/\S+/", message.body)
    assert link is not None
    client = Client()
    path = link.group(0).split("localhost:8000", 1)[-1]
    response = client.get(path, follow=True)
    assert response.status_code == 200 and response.context["validlink"]
    new = "a much better passphrase 99"
    form_url = response.redirect_chain[-1][0]
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert _login(Client(), "viewer@example.org", new) == 302


def test_password_validators_refuse_weak_passwords(world: World) -> None:
    client = client_for(world.viewer)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]


@pytest.mark.slow
def test_check_deploy_is_clean_in_production() -> None:
    env = {
        **os.environ,
        "TANDEM_ENV": "production",
        "SECRET_KEY": "x" * 20 + "very-long-random-production-secret-key-0123456789",
        "ALLOWED_HOSTS": "tandem.example.org",
        "EMAIL_HOST": "smtp.example.org",
    }
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "tandem.web", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key() -> None:
    env = {**os.environ, "TANDEM_ENV": "production", "ALLOWED_HOSTS": "x.example.org"}
    env.pop("SECRET_KEY", None)
    env.pop("DEBUG", None)
    result = subprocess.run([sys.executable, "-m", "tandem.web", "check"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_body_above_the_limit_is_refused_in_the_visitors_language(db: None) -> None:
    """Before any view, form or CSRF check reads it (no temporary file is written)."""
    body = b"x" * (settings.TANDEM_MAX_REQUEST_BYTES + 1)
    response = Client().generic("POST", reverse("survey:code"), body,
                                content_type="application/octet-stream",
                                HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 413
    assert "Te groot" in response.content.decode()
    ok = Client().generic("POST", reverse("survey:code"), b"code=x",
                          content_type="application/x-www-form-urlencoded")
    assert ok.status_code != 413
