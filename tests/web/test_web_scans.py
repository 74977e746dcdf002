"""Scans and invitations: lifecycle, lists, hashed tokens, e-mails via tasks, rates."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import mailers
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation
from webtest_helpers import World, client_for

from tandem.web.responses.services import draft_start_for_invitation, draft_submit
from tandem.web.scans.models import Invitation, InvitationToken, Scan, ScanEvent, hash_token
from tandem.web.scans.selectors import (
    invitation_for_token,
    scan_for_access_code,
    scan_for_open_token,
    scan_response_rates,
)
from tandem.web.scans.services import (
    InvitationListError,
    ScanRuleError,
    invitation_bulk_create,
    invitation_links_export,
    invitation_parse_list,
    invitations_send,
    scan_close,
    scan_create,
    scan_enable_open_link,
    scan_open,
    scan_reopen,
    scan_update,
)
from tandem.web.scans.tasks import REMINDER_GAP, send_one_invitation


def test_parse_list_accepts_codes_labels_header_and_separators(world: World) -> None:
    text = ("email,department\n\nA@Example.org, Sales\nb@example.org;marketing\n"
            "c@example.org\tCustomer Service\n# comment\nd@example.org\n")
    entries = invitation_parse_list(scan=world.scan, text=text)
    assert [(e.email, e.department) for e in entries] == [
        ("a@example.org", "sales"), ("b@example.org", "marketing"),
        ("c@example.org", "service"), ("d@example.org", "")]


def test_parse_list_names_every_bad_line(world: World) -> None:
    text = "ok@example.org\nnot-an-address\nx@example.org,Finance\nok@example.org\na,b,c\n"
    with translation.override("en"), pytest.raises(InvitationListError) as info:
        invitation_parse_list(scan=world.scan, text=text)
    problems = info.value.problems
    assert len(problems) == 5  # the address given twice (line 4) is kept once
    assert problems[0].startswith("line 2:") and "not-an-address" in problems[0]
    assert problems[1].startswith("line 3:") and "Finance" in problems[1]
    assert problems[2:] == [f"line 5, entry {n}: “{v}” is not an e-mail address"
                            for n, v in ((1, "a"), (2, "b"), (3, "c"))]


def test_bulk_create_skips_addresses_already_invited(world: World) -> None:
    first = invitation_bulk_create(scan=world.scan, entries=invitation_parse_list(
        scan=world.scan, text="a@example.org\nb@example.org"))
    again = invitation_bulk_create(scan=world.scan, entries=invitation_parse_list(
        scan=world.scan, text="b@example.org\nc@example.org"))
    assert (first.created, again.created) == (2, 1)
    assert again.already_invited == ["b@example.org"]


def test_invitation_page_reports_line_errors_and_accepts_upload(world: World) -> None:
    client = client_for(world.facilitator)
    url = reverse("scans:invitations", kwargs={"org_id": world.org.pk, "scan_id": world.scan.pk})
    bad = client.post(url, {"addresses": "good@example.org\nbad address"})
    assert bad.status_code == 200
    assert "line 2" in bad.content.decode() or "regel 2" in bad.content.decode()
    assert not Invitation.objects.exists()
    content = b"\xef\xbb\xbfemail,department\np@example.org,sales\n"
    upload = SimpleUploadedFile("people.csv", content, content_type="text/csv")
    ok = client.post(url, {"upload": upload})
    assert ok.status_code == 302
    assert Invitation.objects.get().department == "sales"


def test_tokens_are_stored_only_as_hashes(world: World, open_scan: Scan) -> None:
    invitation_bulk_create(scan=open_scan, entries=invitation_parse_list(
        scan=open_scan, text="a@example.org,sales\nb@example.org"))
    links = invitation_links_export(scan=open_scan)
    tokens = [link.url.rstrip("/").rsplit("/", 1)[-1] for link in links]
    assert all(len(t) >= 43 for t in tokens)
    stored = set(InvitationToken.objects.values_list("token_hash", flat=True))
    assert stored == {hash_token(t) for t in tokens}
    assert not stored & set(tokens)
    for token, link in zip(tokens, links, strict=True):
        found = invitation_for_token(token=token)
        assert found is not None and found.email == link.email
    assert invitation_for_token(token="x" * 43) is None
    # a second export issues new links and keeps the old ones valid
    invitation_links_export(scan=open_scan)
    assert InvitationToken.objects.count() == 4
    assert invitation_for_token(token=tokens[0]) is not None


def test_export_view_returns_csv_with_fresh_links(world: World, open_scan: Scan) -> None:
    invitation_bulk_create(scan=open_scan, entries=invitation_parse_list(
        scan=open_scan, text="a@example.org,sales"))
    url = reverse("scans:invitations_export",
                  kwargs={"org_id": world.org.pk, "scan_id": open_scan.pk})
    response = client_for(world.facilitator).post(url)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["email", "department", "link"]
    assert rows[1][:2] == ["a@example.org", "sales"]
    assert invitation_for_token(token=rows[1][2].rstrip("/").rsplit("/", 1)[-1]) is not None


def test_emails_and_reminders_go_through_the_task(world: World, open_scan: Scan) -> None:
    invitation_bulk_create(scan=open_scan, entries=invitation_parse_list(
        scan=open_scan, text="a@example.org\nb@example.org\nc@example.org"))
    invitations_send(scan=open_scan, reminder=False)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org",
                                                    "c@example.org"]
    token = re.search(r"/s/i/([\w-]+)/", mail.outbox[0].body)
    assert token is not None
    invited = invitation_for_token(token=token.group(1))
    assert invited is not None and invited.email == mail.outbox[0].to[0]
    assert token.group(1) not in str(list(Invitation.objects.values()))
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 3
    # sending again sends nothing new
    mail.outbox.clear()
    invitations_send(scan=open_scan, reminder=False)
    assert mail.outbox == []
    # one finishes; the reminder goes to the other two only
    draft_submit(draft=draft_start_for_invitation(invitation=invited))
    invitations_send(scan=open_scan, reminder=True)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        {"a@example.org", "b@example.org", "c@example.org"} - {invited.email})
    assert Invitation.objects.filter(reminder_count=1).count() == 2


@pytest.mark.parametrize("reminder", [False, True])
def test_two_runs_that_listed_the_same_invitation_mail_it_once(
        world: World, open_scan: Scan, reminder: bool) -> None:
    """A double click on "send" or two workers: both runs list the invitation when they
    start; the one that locks it second must see the first one's mail and skip it."""
    invitation_bulk_create(scan=open_scan, entries=invitation_parse_list(
        scan=open_scan, text="a@example.org"))
    invitation = Invitation.objects.get(scan=open_scan)
    if reminder:
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    started = timezone.now()  # both runs began before either mailed
    sent = [send_one_invitation(scan=open_scan, invitation_id=invitation.pk,
                                reminder=reminder, started=started, connection=mailers.default)
            for _run in range(2)]
    assert sent == [1, 0] and len(mail.outbox) == 1
    # A later run (a new reminder round, REMINDER_GAP on) does mail again.
    if reminder:
        assert send_one_invitation(scan=open_scan, invitation_id=invitation.pk, reminder=True,
                                   started=timezone.now(), connection=mailers.default) == 0
        Invitation.objects.filter(pk=invitation.pk).update(
            reminded_at=timezone.now() - REMINDER_GAP - timedelta(seconds=1))
        assert send_one_invitation(scan=open_scan, invitation_id=invitation.pk, reminder=True,
                                   started=timezone.now(), connection=mailers.default) == 1


def test_no_emails_for_a_draft_scan(world: World) -> None:
    with pytest.raises(ScanRuleError):
        invitations_send(scan=world.scan, reminder=False)


def test_lifecycle_with_events_and_owner_only_reopen(world: World) -> None:
    scan = scan_open(scan=world.scan, actor=world.facilitator)
    with pytest.raises(ScanRuleError):
        scan_open(scan=scan, actor=world.facilitator)
    scan = scan_close(scan=scan, actor=world.facilitator)
    url = reverse("scans:reopen", kwargs={"org_id": world.org.pk, "scan_id": scan.pk})
    assert client_for(world.facilitator).post(url, {"confirm": "yes"}).status_code == 403
    assert client_for(world.owner).post(url, {"confirm": "yes"}).status_code == 302
    scan.refresh_from_db()
    assert scan.status == "open"
    events = list(ScanEvent.objects.filter(scan=scan).values_list("kind", "actor_email"))
    assert events == [("opened", "facilitator@example.org"), ("closed", "facilitator@example.org"),
                      ("reopened", "owner@example.org")]
    with pytest.raises(ScanRuleError):
        scan_reopen(scan=scan, actor=world.owner)


def test_k_and_questions_are_fixed_once_open(world: World) -> None:
    scan = scan_update(scan=world.scan, k=7, should_decide=True)
    assert (scan.k, scan.settings) == (7, frozenset({"should_decide"}))
    scan = scan_open(scan=scan, actor=world.owner)
    with pytest.raises(ScanRuleError):
        scan_update(scan=scan, k=3)
    with pytest.raises(ScanRuleError):
        scan_update(scan=scan, segment=True)
    scan = scan_update(scan=scan, title="Renamed", k=7)
    assert scan.title == "Renamed"
    scan = scan_reopen(scan=scan_close(scan=scan, actor=world.owner), actor=world.owner)
    with pytest.raises(ScanRuleError):
        scan_update(scan=scan, k=5)


def test_k_below_three_is_refused_everywhere(world: World) -> None:
    with pytest.raises(ScanRuleError):
        scan_create(organisation=world.org, title="x", instrument_name="tandem-scan-1", k=2)
    with pytest.raises(IntegrityError):
        Scan.objects.filter(pk=world.scan.pk).update(k=2)


def test_scan_form_page_shows_locked_fields_disabled(world: World, open_scan: Scan) -> None:
    url = reverse("scans:edit", kwargs={"org_id": world.org.pk, "scan_id": open_scan.pk})
    client = client_for(world.facilitator)
    form = client.get(url).context["form"]
    assert form.fields["k"].disabled and not form.fields["title"].disabled
    response = client.post(url, {"title": "New title", "k": "3", "closes_on": ""})
    assert response.status_code == 302
    open_scan.refresh_from_db()
    assert (open_scan.title, open_scan.k) == ("New title", 5)


def test_create_scan_through_the_page(world: World) -> None:
    url = reverse("scans:create", kwargs={"org_id": world.org.pk})
    response = client_for(world.facilitator).post(url, {
        "title": "Autumn", "instrument_name": "tandem-scan-1", "form": "quick",
        "languages": ["nl", "en"], "default_language": "en", "k": "6"})
    assert response.status_code == 302, response.context["form"].errors
    scan = Scan.objects.get(title="Autumn")
    assert (scan.form, scan.k, scan.default_language, scan.instrument_version) == (
        "quick", 6, "en", "1.0")


def test_a_new_scan_gets_the_newest_questionnaire_and_may_keep_an_older_one(
    world: World,
) -> None:
    """The form offers every shipped version with the newest chosen; an organisation that
    repeats a wave can pick version 1, and the scan keeps what it was given."""
    url = reverse("scans:create", kwargs={"org_id": world.org.pk})
    client = client_for(world.facilitator)
    form = client.get(url).context["form"]
    assert form.initial["instrument_name"] == "tandem-scan-2"
    assert [c for c, _label in form.fields["instrument_name"].choices] == [
        "tandem-scan-1", "tandem-scan-2"]
    # offered by version, in the page's language, not by file name
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").context["form"]
    assert [str(label) for _c, label in english.fields["instrument_name"].choices] == [
        "Version 1.0", "Version 2.0"]
    fields = {"form": "full", "languages": ["nl", "en"], "default_language": "nl", "k": "5"}
    for title, name in (("Newest", "tandem-scan-2"), ("Repeat", "tandem-scan-1")):
        assert client.post(url, {**fields, "title": title, "instrument_name": name}
                           ).status_code == 302
    versions = dict(Scan.objects.filter(title__in=("Newest", "Repeat"))
                    .values_list("title", "instrument_version"))
    assert versions == {"Newest": "2.0", "Repeat": "1.0"}
    # the scan's page names it the same way, in either language: no file name
    repeat = Scan.objects.get(title="Repeat")
    detail = reverse("scans:detail", kwargs={"org_id": world.org.pk, "scan_id": repeat.pk})
    for lang, named in (("en", "Version 1.0"), ("nl", "Versie 1.0")):
        page = client.get(detail, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert f"<dd>{named}</dd>" in page and "tandem-scan" not in page


def test_open_link_and_access_code(world: World, open_scan: Scan) -> None:
    scan = scan_enable_open_link(scan=open_scan)
    assert scan.open_token and scan.access_code and len(scan.access_code) == 8
    assert scan_for_open_token(token=scan.open_token) == scan
    spaced = " ".join([scan.access_code[:4].lower(), scan.access_code[4:]])
    assert scan_for_access_code(code=spaced) == scan
    assert scan_for_access_code(code="") is None


# ---------------------------------------------------------------- response rates


def test_scan_page_shows_no_count_below_k(world: World, open_scan: Scan) -> None:
    text = "\n".join([f"s{i}@example.org,sales" for i in range(6)]
                     + [f"m{i}@example.org,marketing" for i in range(3)])
    invitation_bulk_create(scan=open_scan, entries=invitation_parse_list(scan=open_scan,
                                                                         text=text))
    for invitation in Invitation.objects.filter(scan=open_scan)[:4]:
        draft_submit(draft=draft_start_for_invitation(invitation=invitation))
    table = scan_response_rates(scan=open_scan)
    assert table.total.finished is None
    url = reverse("scans:detail", kwargs={"org_id": world.org.pk, "scan_id": open_scan.pk})
    response = client_for(world.facilitator).get(url)
    assert response.context["responses"] is None
    assert all(row["finished"] is None for row in response.context["rates"])


def test_htmx_refresh_gets_only_the_rates_fragment(world: World, open_scan: Scan) -> None:
    url = reverse("scans:detail", kwargs={"org_id": world.org.pk, "scan_id": open_scan.pk})
    client = client_for(world.facilitator)
    full = client.get(url).content.decode()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and 'id="rates"' in full
    assert "<html" not in fragment and fragment.lstrip().startswith('<div id="rates"')
