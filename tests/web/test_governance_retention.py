"""Retention: raw answers of scans closed too long ago are purged, the results kept.

After a purge every page that needs only figures renders the kept result exactly as
before; what needs the answers themselves says, in English and Dutch, that they were
deleted and when, instead of "too few answers" or an error.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader
from test_actions_support import (
    MOVED_SCALE,
    closed_scan,
    improved_spec,
    make_action,
    set_context,
)
from test_governance_support import as_json
from webtest_helpers import World, client_for

from tandem.web.actions import selectors as actions
from tandem.web.actions import services as action_services
from tandem.web.actions.models import Action
from tandem.web.governance.models import AuditAction, AuditEvent
from tandem.web.governance.selectors import kept_result
from tandem.web.governance.services import months_before, purge_expired, scan_purge
from tandem.web.governance.tasks import purge_expired_task
from tandem.web.responses.models import Draft, Response
from tandem.web.results.models import KeptResult
from tandem.web.results.selectors import (
    AnswersPurgedError,
    scan_comparison,
    scan_purged,
    scan_responses,
    scan_result,
    shown_result,
)
from tandem.web.scans.models import (
    Invitation,
    InvitationToken,
    Scan,
    ScanEvent,
    ScanEventKind,
    ScanStatus,
)
from tandem.web.scans.services import ScanRuleError, invitation_issue_token, scan_reopen


def _closed_ago(scan: Scan, days: int) -> Scan:
    ScanEvent.objects.filter(scan=scan, kind=ScanEventKind.CLOSED).update(
        at=timezone.now() - timedelta(days=days))
    return scan


@pytest.fixture
def old(world: World) -> Scan:
    scan = closed_scan(set_context(world.org), world.owner, n=80, title="Old")
    invitation_issue_token(invitation=Invitation.objects.create(scan=scan, email="a@example.org"))
    return _closed_ago(scan, 25 * 31)


def test_months_before() -> None:
    tz = timezone.get_current_timezone()
    assert months_before(datetime(2026, 3, 31, tzinfo=tz), 1) == datetime(2026, 2, 28, tzinfo=tz)
    assert months_before(datetime(2026, 1, 15, tzinfo=tz), 24) == datetime(2024, 1, 15, tzinfo=tz)
    assert months_before(datetime(2026, 1, 15, tzinfo=tz), 13) == datetime(2024, 12, 15, tzinfo=tz)


def test_expired_raw_answers_go_and_the_result_stays(world: World, old: Scan) -> None:
    computed = scan_result(scan=old)
    assert any(c.shown and c.texts for c in computed.comments)
    # Exact floats (pages stay the same to the last digit); open answers are raw answers.
    expected = as_json(computed.aggregates_only().to_dict(digits=None))
    n = Response.objects.filter(scan=old).count()
    recent = _closed_ago(closed_scan(world.org, world.owner, n=20, title="Recent"), 23 * 30)
    theirs = _closed_ago(closed_scan(world.other_org, world.outsider, n=20, title="T"), 20 * 30)
    world.other_org.retention_months = 24
    world.other_org.save()

    report = purge_expired()

    assert report.purged == [old.pk] and report.failed == []
    assert not Response.objects.filter(scan=old).exists()
    assert not Draft.objects.filter(scan=old).exists()
    assert not Invitation.objects.filter(scan=old).exists()
    assert not InvitationToken.objects.filter(invitation__scan=old).exists()
    kept = KeptResult.objects.get(scan=old)
    assert kept.responses == n and kept.invited == 1
    assert as_json(json.loads(kept.result)) == expected
    assert kept_result(scan=old) == json.loads(kept.result)
    assert Scan.objects.filter(pk=old.pk).exists()  # the scan and its result stay
    assert Response.objects.filter(scan=recent).count() == 20
    assert Response.objects.filter(scan=theirs).count() == 20
    event = AuditEvent.objects.get(action=AuditAction.PURGE)
    assert event.object_id == str(old.pk) and event.actor is None
    assert purge_expired().purged == []  # nothing left to purge


def test_a_shorter_period_purges_sooner(world: World) -> None:
    scan = _closed_ago(closed_scan(set_context(world.org), world.owner, n=20), 70)
    assert purge_expired(dry_run=True).purged == []
    world.org.retention_months = 2
    world.org.save()
    assert purge_expired(dry_run=True).purged == [scan.pk]
    assert Response.objects.filter(scan=scan).count() == 20  # a dry run deletes nothing


def test_open_scans_are_never_purged(world: World) -> None:
    world.org.retention_months = 1
    world.org.save()
    assert purge_expired().purged == []


def test_the_command_and_the_task(world: World, old: Scan) -> None:
    call_command("purge_expired", "--dry-run")
    assert Response.objects.filter(scan=old).exists()
    call_command("purge_expired")
    assert not Response.objects.filter(scan=old).exists()
    result = purge_expired_task.enqueue()
    assert result.return_value == {"purged": [], "failed": []}


# ---------------------------------------------------------------- after the purge

TABS = ("scan", "tensions", "gaps", "decisions", "journey", "comments", "method", "compare",
        "downloads")
#: Tabs whose figures need nothing but the result: identical before and after the purge.
SAME = ("scan", "tensions", "gaps", "decisions", "journey", "method", "compare")


def _url(name: str, scan: Scan, **extra: object) -> str:
    return reverse(f"results:{name}", kwargs={"org_id": scan.organisation_id,
                                              "scan_id": scan.pk, **extra})


def _client(user: object, lang: str) -> Client:
    client = client_for(user)  # type: ignore[arg-type]
    client.post(reverse("set_language"), {"language": lang})
    return client


def _long_date(day: date, lang: str) -> str:
    with translation.override(lang):
        return date_format(day, "j F Y")


def _figures(html: str) -> str:
    """The tab's own content: without the purge notice, the filter form (filters need the
    answers) and the response rate (from invitations, which the purge deletes)."""
    body = html.split('<main id="main" tabindex="-1">', 1)[1].split("</main>", 1)[0]
    body = re.sub(r'<p class="notice" role="status" data-purged="[^"]*">.*?</p>', "", body,
                  flags=re.S)
    body = re.sub(r'<form class="result-filter".*?</form>', "", body, flags=re.S)
    body = re.sub(r" · response rate [^<]*", "", body)
    return re.sub(r"\s+", " ", body)


def test_every_results_page_shows_the_same_figures_after_the_purge(world: World,
                                                                   old: Scan) -> None:
    computed = scan_result(scan=old)
    assert computed.target is not None and computed.meta.n == 80
    action_services.target_override_set(scan=old, target=computed.target,
                                        phase=min(computed.target.current + 1, 4),
                                        reason="Board decision", by=world.owner)
    client = _client(world.owner, "en")
    before = {tab: client.get(_url(tab, old)).content.decode() for tab in TABS}
    shown_before = shown_result(scan=old)
    assert "Board decision" in before["scan"] and "Show the results of" in before["scan"]

    scan_purge(scan=old)

    shown = shown_result(scan=old)
    assert shown.to_dict() == shown_before.aggregates_only().to_dict()  # the override too
    assert shown.target is not None and shown.target.override is not None
    assert shown.meta.n == 80 and shown.phase is not None and computed.phase is not None
    assert shown.phase == computed.phase
    purged = scan_purged(scan=old)
    assert purged is not None and purged.on == timezone.localdate() and purged.responses == 80
    day = _long_date(purged.on, "en")
    after = {}
    for tab in TABS:
        response = client.get(_url(tab, old))
        assert response.status_code == 200, tab
        after[tab] = response.content.decode()
        assert "Too few respondents to show anything" not in after[tab], tab
        assert f"were deleted on {day} under the organisation's retention" in after[tab], tab
    for tab in SAME:
        assert _figures(after[tab]) == _figures(before[tab]), tab
    assert 'data-figure="phase"' in after["scan"] and "Show the results of" not in after["scan"]
    assert "open answers were deleted with the other raw answers" in after["comments"]
    assert not any(t in after["comments"] for c in computed.comments for t in c.texts)
    assert _url("responses", old) not in after["downloads"]
    assert "Anonymised answers: deleted on" in after["downloads"]
    assert _url("pdf", old, lang="nl") in after["downloads"]


def test_a_filter_on_a_purged_scan_says_why_it_is_gone(world: World, old: Scan) -> None:
    scan_purge(scan=old)
    for lang, text in (("en", "Filters need the individual answers, which were deleted on"),
                       ("nl", "Filters hebben de afzonderlijke antwoorden nodig, die op")):
        html = _client(world.viewer, lang).get(
            _url("tensions", old) + "?filter=department:sales").content.decode()
        assert text in html and _long_date(timezone.localdate(), lang) in html
        assert "too small" not in html and "te klein" not in html


def test_the_purged_notice_is_in_dutch(world: World, old: Scan) -> None:
    scan_purge(scan=old)
    client = _client(world.owner, "nl")
    day = _long_date(timezone.localdate(), "nl")
    overview = client.get(_url("scan", old)).content.decode()
    assert f"De ruwe antwoorden van deze scan zijn op {day} verwijderd" in overview
    assert "bewaartermijn" in overview
    comments = client.get(_url("comments", old)).content.decode()
    assert "De open antwoorden zijn op" in comments
    downloads = client.get(_url("downloads", old)).content.decode()
    assert "Geanonimiseerde antwoorden: op" in downloads


def test_downloads_of_figures_still_work_and_the_raw_answers_are_gone(world: World,
                                                                      old: Scan) -> None:
    expected = shown_result(scan=old).aggregates_only()
    scan_purge(scan=old)
    client = _client(world.owner, "en")
    for lang in ("nl", "en"):
        pdf = client.get(_url("pdf", old, lang=lang))
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert expected.phase is not None
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
        assert expected.phase.ladder.label(lang).split(" · ")[-1] in text
    assert client.get(_url("xlsx", old)).status_code == 200
    assert client.get(_url("csv", old)).status_code == 200
    assert client.get(_url("scan_json", old)).json() == expected.to_dict()
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT).count()
    for lang, text in (("en", "can no longer be downloaded"), ("nl", "kunnen niet meer")):
        gone = _client(world.owner, lang).get(_url("responses", old))
        # 410 Gone: the answers existed and were deleted on purpose, for good; a script
        # must not save this page as a zip (200), nor read it as "never existed" (404).
        assert gone.status_code == 410
        assert text in gone.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == exports
    assert _client(world.viewer, "en").get(_url("responses", old)).status_code == 403
    with pytest.raises(AnswersPurgedError):
        scan_responses(scan=old)


def _kwargs(pattern: URLPattern) -> set[str]:
    return set(pattern.pattern.converters)  # type: ignore[attr-defined]


#: URLs of these namespaces that read no scan's result (glossary, SLA, agreed versions).
NOT_ABOUT_A_SCAN = {"actions:decision_rights_version", "actions:decision_rights_pdf",
                    "actions:decision_rights_csv",
                    "actions:glossary_term", "actions:glossary_propose",
                    "actions:glossary_decide", "actions:sla_edit", "actions:sla_delete",
                    "actions:sla_commitment", "actions:sla_actual_record",
                    "actions:sla_actual_delete"}


def test_no_results_or_actions_url_fails_for_a_purged_scan(world: World, old: Scan) -> None:
    result = scan_result(scan=old)
    step = next(s.step for s in result.roadmap if s.rank is not None)
    action = make_action(world.org, "Feedback round", scan=old, step=step,
                         scales=[MOVED_SCALE])
    scan_purge(scan=old)
    values = {"org_id": world.org.pk, "scan_id": old.pk, "lang": "en", "step": step,
              "action_id": action.pk, "fmt": "sav"}
    client = _client(world.owner, "en")
    seen, skipped = [], set()
    for namespace in ("results", "actions"):
        patterns = get_resolver().namespace_dict[namespace][1].url_patterns
        for pattern in patterns:
            name = f"{namespace}:{pattern.name}"
            if not _kwargs(pattern) <= set(values):
                skipped.add(name)
                continue
            response = client.get(reverse(name, kwargs={k: values[k]
                                                        for k in _kwargs(pattern)}))
            seen.append(name)
            expected = {"results:responses": 410, "results:research": 410,
                        "actions:target_override": 405,
                        "actions:glossary_seed": 405,
                        "actions:workshop_action": 405,
                        "actions:pulse": 404,  # a pulse's page; this scan is none
                        }.get(name, 200)
            assert response.status_code == expected, name
            assert b"Too few respondents to show anything" not in response.content, name
    assert skipped == NOT_ABOUT_A_SCAN
    assert len(seen) > 20
    target = client.get(reverse("actions:target", kwargs={"org_id": world.org.pk,
                                                          "scan_id": old.pk}))
    assert result.target is not None and result.target.label("en") in target.content.decode()
    roadmap = client.get(reverse("actions:roadmap", kwargs={"org_id": world.org.pk,
                                                            "scan_id": old.pk}))
    assert result.roadmap[0].title("en") in roadmap.content.decode()


def test_an_owner_can_still_set_the_target_of_a_purged_scan(world: World, old: Scan) -> None:
    target = scan_result(scan=old).target
    assert target is not None
    scan_purge(scan=old)
    client = _client(world.owner, "en")
    response = client.post(reverse("actions:target_override", kwargs={
        "org_id": world.org.pk, "scan_id": old.pk}),
        {"phase": min(target.current + 1, 4), "reason": "Board decision"})
    assert response.status_code == 302
    overview = client.get(_url("scan", old)).content.decode()
    assert "Board decision" in overview


def test_a_purged_scan_cannot_be_reopened(world: World, old: Scan) -> None:
    """New answers would be diagnosed without the purged ones and replace the kept
    figures by a smaller wave's; a new scan (a new wave) is the way on."""
    scan_purge(scan=old)
    url = reverse("scans:reopen", kwargs={"org_id": world.org.pk, "scan_id": old.pk})
    response = client_for(world.owner).post(url, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "cannot be reopened" in response.content.decode()
    old.refresh_from_db()
    assert old.status == ScanStatus.CLOSED
    with pytest.raises(ScanRuleError):
        scan_reopen(scan=old, actor=world.owner)
    assert shown_result(scan=old).meta.n == 80


# ---------------------------------------------------------------- waves


@pytest.fixture
def waves(world: World) -> tuple[Scan, Scan, Scan]:
    """Three waves; the middle one closed longest ago, so only its answers are purged."""
    org = set_context(world.org)
    first = _closed_ago(closed_scan(org, world.owner, title="Wave 0", n=40, seed=5), 23 * 30)
    middle = _closed_ago(closed_scan(org, world.owner, title="Wave 1", n=60, seed=11),
                         25 * 31)
    last = closed_scan(org, world.owner, title="Wave 2", spec=improved_spec(), n=60, seed=11)
    return first, middle, last


def test_waves_are_not_compared_with_a_purged_one(world: World,
                                                  waves: tuple[Scan, Scan, Scan]) -> None:
    first, middle, last = waves
    found = scan_comparison(scan=last)
    assert found is not None and found.comparison is not None and found.comparison.moved
    assert purge_expired().purged == [middle.pk]

    later = scan_comparison(scan=last)
    assert later is not None and later.previous == middle and later.comparison is None
    assert later.purged_wave == middle and later.purged is not None
    itself = scan_comparison(scan=middle)
    assert itself is not None and itself.previous == first and itself.purged_wave == middle
    day = {lang: _long_date(timezone.localdate(), lang) for lang in ("en", "nl")}
    english, dutch = _client(world.viewer, "en"), _client(world.viewer, "nl")

    page = english.get(_url("compare", last)).content.decode()
    assert f"The raw answers of “Wave 1” were deleted on {day['en']}" in page
    assert "cannot be compared with it" in page and _url("scan", middle) in page
    assert "too few respondents in one of the scans" not in page
    page = dutch.get(_url("compare", last)).content.decode()
    assert f"De ruwe antwoorden van “Wave 1” zijn op {day['nl']} verwijderd" in page
    page = english.get(_url("compare", middle)).content.decode()
    assert "this scan can no longer be compared with “Wave 0”" in page
    page = dutch.get(_url("compare", middle)).content.decode()
    assert "niet meer vergeleken worden met “Wave 0”" in page
    assert english.get(_url("compare", first)).status_code == 200  # no earlier wave


def test_an_action_on_a_purged_wave_moves_by_the_kept_figures(
        world: World, waves: tuple[Scan, Scan, Scan]) -> None:
    _first, middle, last = waves
    action = make_action(world.org, "Process", scan=middle, scales=[MOVED_SCALE])
    before = actions.action_movement(action)
    assert before is not None and before.rows[0].verdict == "up"  # the wave comparison
    purge_expired()

    after = actions.action_movement(Action.objects.get(pk=action.pk))
    assert after is not None and (after.baseline, after.latest) == (middle, last)
    row = after.rows[0]
    # The wave comparison needs the purged answers; the movement falls back to the two
    # results' own figures (score and 95% interval), which the kept result has.
    kept = scan_result(scan=middle).scale(MOVED_SCALE)
    assert row.verdict is None and row.before == kept.score
    assert row.after == scan_result(scan=last).scale(MOVED_SCALE).score
    assert row.direction == "up" and row.change == pytest.approx(before.rows[0].change, abs=1)
    page = _client(world.viewer, "en").get(reverse("actions:action", kwargs={
        "org_id": world.org.pk, "action_id": action.pk}))
    assert page.status_code == 200


def test_the_migration_strips_open_answers_from_results_kept_before(world: World,
                                                                     old: Scan) -> None:
    """Results kept by an earlier version still held the open answers' texts."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    with_texts = scan_result(scan=old).to_dict(digits=None)
    assert any(c["texts"] for c in with_texts["comments"])
    scan_purge(scan=old)
    KeptResult.objects.filter(scan=old).update(result=json.dumps(with_texts))

    name = "0002_strip_kept_comments"
    migration = import_module(f"tandem.web.governance.migrations.{name}")
    # The models as that migration sees them (KeptResult was governance's then).
    apps = MigrationLoader(connection).project_state(("governance", name)).apps
    migration.strip_comments(apps, None)

    kept = json.loads(KeptResult.objects.get(scan=old).result)
    assert all(c["texts"] == [] and c["shown"] is False for c in kept["comments"])
    without = {k: v for k, v in with_texts.items() if k != "comments"}
    assert {k: v for k, v in kept.items() if k != "comments"} == without
