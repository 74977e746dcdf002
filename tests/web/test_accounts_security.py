"""Login and password reset are rate limited and tell nobody which accounts exist.

Issue 6. No timing test (speed belongs in the benchmarks): instead these tests check
structurally that a known and an unknown address make the request do the same work:
the same answer, the same queries, the password hasher run once, no mail sent inside
the request. The reset mail is written by a task (``accounts.tasks``); the tests queue
it on the dummy task back-end and then run it, to see the mail really goes out.
Also covered elsewhere: ``test_web_security.py`` (login limit for known and unknown
addresses, per client; reset link end to end) and ``test_governance_ratelimit.py``
(reset limit per address and per client, on the immediate back-end).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.db import connection
from django.http import HttpResponse
from django.tasks import default_task_backend
from django.tasks.base import TaskResult
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from webtest_helpers import PASSWORD, World, make_user

from tandem.web.accounts.tasks import send_password_reset_email

LOGIN = reverse("accounts:login")
RESET = reverse("accounts:password_reset")
UNKNOWN = "nobody@example.org"
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
VOLATILE = re.compile(r"nonce(=\"|-)[\w-]+|name=\"csrfmiddlewaretoken\" value=\"[^\"]*\"")
# Values that differ between any two requests: literals, savepoint names.
LITERAL = re.compile(r"'(?:[^']|'')*'|\"s\d+_x\d+\"|\b\d+(?:\.\d+)?\b")


@pytest.fixture
def queued(settings: Any) -> Iterator[list[TaskResult[Any, Any, Any]]]:
    """Tasks are only queued (dummy back-end), so nothing runs inside the request."""
    settings.TASKS = DUMMY
    results: list[TaskResult[Any, Any, Any]] = default_task_backend.results  # type: ignore[attr-defined]
    yield results
    results.clear()


def _run(result: TaskResult[Any, Any, Any]) -> Any:
    """What the task worker does with a queued task."""
    return result.task.call(*result.args, **result.kwargs)


def _normalised(response: HttpResponse, email: str) -> tuple[int, str, dict[str, str]]:
    """Status, body and headers with the typed address and per-request tokens blanked."""
    def clean(text: str) -> str:
        return VOLATILE.sub("volatile", text).replace(email, "EMAIL")
    # The length follows the typed address (compared in the body); Expires is the clock.
    headers = {name: clean(value) for name, value in response.headers.items()
               if name not in ("Content-Length", "Expires")}
    return response.status_code, clean(response.content.decode()), headers


def _work(request: Callable[[], HttpResponse]) -> tuple[HttpResponse, list[str]]:
    """The response and the shape of every query it ran (literal values blanked)."""
    with CaptureQueriesContext(connection) as captured:
        response = request()
    return response, [LITERAL.sub("?", query["sql"]) for query in captured.captured_queries]


def _count_hashing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each run of the (test) password hasher appends one entry."""
    calls: list[str] = []
    original = MD5PasswordHasher.encode

    def encode(self: MD5PasswordHasher, password: str, salt: str) -> str:
        calls.append("hash")
        return original(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", encode)
    return calls


# ---------------------------------------------------------------- password reset


def test_reset_does_the_same_work_for_known_and_unknown_addresses(
        world: World, queued: list[TaskResult[Any, Any, Any]]) -> None:
    known, known_queries = _work(lambda: Client(REMOTE_ADDR="192.0.2.1").post(
        RESET, {"email": world.owner.email}))
    unknown, unknown_queries = _work(lambda: Client(REMOTE_ADDR="192.0.2.2").post(
        RESET, {"email": UNKNOWN}))

    assert _normalised(known, world.owner.email) == _normalised(unknown, UNKNOWN)
    assert known.status_code == 302
    assert known["Location"] == reverse("accounts:password_reset_done")
    assert known_queries == unknown_queries  # the same statements, in the same order
    assert mail.outbox == []  # no mail is written inside the request, for either
    assert [r.task.name for r in queued] == [send_password_reset_email.name] * 2
    assert [sorted(r.kwargs) for r in queued] == [["language", "user_id"]] * 2
    assert queued[0].kwargs["user_id"] == world.owner.pk and queued[1].kwargs["user_id"] is None
    # Neither the typed address nor a token ever sits in the queue.
    assert world.owner.email not in repr(queued) and UNKNOWN not in repr(queued)


def test_reset_query_count_is_the_same(world: World, queued: list[TaskResult[Any, Any, Any]],
                                       django_assert_num_queries: Any) -> None:
    _response, queries = _work(lambda: Client(REMOTE_ADDR="192.0.2.3").post(
        RESET, {"email": world.viewer.email}))
    for number, email in enumerate((UNKNOWN, "inactive@example.org", "unusable@example.org")):
        if email != UNKNOWN:
            user = make_user(email)
            if email.startswith("inactive"):
                user.is_active = False
            else:
                user.set_unusable_password()
            user.save()
        with django_assert_num_queries(len(queries)):
            Client(REMOTE_ADDR=f"192.0.2.{10 + number}").post(RESET, {"email": email})
    # Only the real, active account with a password gets a mail when the tasks run.
    assert [_run(result) for result in queued] == [True, False, False, False]
    assert [m.to for m in mail.outbox] == [[world.viewer.email]]


def test_the_reset_task_delivers_a_working_link_in_the_asked_language(
        world: World, queued: list[TaskResult[Any, Any, Any]]) -> None:
    Client(HTTP_ACCEPT_LANGUAGE="en").post(RESET, {"email": world.viewer.email.upper()})
    Client(HTTP_ACCEPT_LANGUAGE="nl").post(RESET, {"email": world.owner.email})
    assert mail.outbox == []
    for result in queued:
        _run(result)
    english, dutch = mail.outbox
    assert english.to == [world.viewer.email] and english.subject == "Tandem: choose a new password"
    assert dutch.to == [world.owner.email] and dutch.subject != english.subject
    link = re.search(r"http\S+(/accounts/password/reset/\S+/\S+/)", english.body)
    assert link is not None and link.group(0).startswith(settings.TANDEM_BASE_URL)
    client = Client()
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    new = "a much better passphrase 99"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert Client().post(LOGIN, {"username": world.viewer.email, "password": new}) \
        .status_code == 302


def test_the_default_immediate_backend_still_delivers(world: World) -> None:
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    Client().post(RESET, {"email": world.owner.email})
    Client().post(RESET, {"email": UNKNOWN})
    assert [m.to for m in mail.outbox] == [[world.owner.email]]


def test_reset_is_rate_limited_for_known_and_unknown_addresses_alike(
        world: World, queued: list[TaskResult[Any, Any, Any]]) -> None:
    limit = settings.TANDEM_LOGIN_MAX_FAILURES
    for email in (world.owner.email, UNKNOWN):
        queued.clear()
        client = Client(REMOTE_ADDR=f"192.0.2.{len(email) + 100}")
        answers = {client.post(RESET, {"email": email})["Location"] for _ in range(limit + 2)}
        assert answers == {reverse("accounts:password_reset_done")}  # the same, always
        assert len(queued) == limit  # above the limit nothing is queued, for either


# ---------------------------------------------------------------- login


def test_login_answers_and_works_alike_for_known_and_unknown_addresses(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    hashed = _count_hashing(monkeypatch)
    inactive = make_user("inactive@example.org")
    inactive.is_active = False
    inactive.save()
    unusable = make_user("unusable@example.org")
    unusable.set_unusable_password()
    unusable.save()

    attempts = {  # address -> the password tried (the right one for the inactive user)
        world.owner.email: "wrong password 1",
        UNKNOWN: "wrong password 1",
        inactive.email: PASSWORD,
        unusable.email: "wrong password 1",
    }
    answers = []
    shapes = []
    for number, (email, password) in enumerate(attempts.items()):
        hashed.clear()
        response, queries = _work(lambda email=email, password=password, number=number:
                                  Client(REMOTE_ADDR=f"192.0.2.{200 + number}").post(
                                      LOGIN, {"username": email, "password": password}))
        assert hashed == ["hash"], email  # the hasher runs exactly once, account or not
        answers.append(_normalised(response, email))
        shapes.append(queries)
    assert all(answer == answers[0] for answer in answers)
    assert answers[0][0] == 200
    assert all(shape == shapes[0] for shape in shapes)


def test_login_is_rate_limited_for_known_and_unknown_addresses_alike(world: World) -> None:
    limit = settings.TANDEM_LOGIN_MAX_FAILURES
    answers = []
    for email in (world.owner.email, UNKNOWN):
        client = Client(REMOTE_ADDR=f"192.0.2.{len(email) + 150}")
        for _ in range(limit):
            client.post(LOGIN, {"username": email, "password": "wrong password 1"})
        refused = client.post(LOGIN, {"username": email, "password": PASSWORD})
        assert refused.status_code == 200  # refused even with the right password
        errors = refused.context["form"].errors.as_data()["__all__"]
        assert [error.code for error in errors] == ["rate_limited"]
        answers.append(_normalised(refused, email))
    assert answers[0] == answers[1]
