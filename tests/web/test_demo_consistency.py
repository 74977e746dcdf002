"""The web demo is consistent: its context's team sizes are the invited teams, its
respondents a part of each, and its open answers in the respondents' own languages."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q
from django.urls import reverse
from webtest_helpers import client_for

from tandem.context import Context
from tandem.io.demo import CHANGE, FRICTION
from tandem.web.accounts.models import User
from tandem.web.demo import DEMO_EMAIL, DEMO_RESPONDENTS, DEMO_TEAMS, demo_load
from tandem.web.responses.models import Response
from tandem.web.results.selectors import scan_result
from tandem.web.scans.models import Invitation, Scan

CONTEXT_TEAMS = {"sales": "sales_team", "marketing": "marketing_team", "service": "service_team"}


def test_the_demo_context_teams_invitations_and_respondents_agree(db: None) -> None:
    login = demo_load(password="demo password 123")
    context = Context.from_mapping(login.organisation.context_dict())
    for department, key in CONTEXT_TEAMS.items():
        assert getattr(context, key) == DEMO_TEAMS[department], key
    for scan in Scan.objects.filter(organisation=login.organisation):
        invited = dict(Invitation.objects.filter(scan=scan).values_list("department")
                       .annotate(n=Count("pk")).values_list("department", "n"))
        assert invited == DEMO_TEAMS, scan.title
    closed = Scan.objects.get(organisation=login.organisation, status="closed")
    responses = list(Response.objects.filter(scan=closed))
    assert len(responses) == DEMO_RESPONDENTS
    answered = Counter(r.answers["department"] for r in responses)
    finished = dict(Invitation.objects.filter(scan=closed).values_list("department")
                    .annotate(n=Count("pk", filter=Q(finished_at__isnull=False)))
                    .values_list("department", "n"))
    assert set(answered) == set(DEMO_TEAMS)
    for department, n in answered.items():
        assert 0 < n <= DEMO_TEAMS[department], department  # a part of the team answered
        assert finished[department] == n, department  # each with their own invitation
    result = scan_result(scan=closed)
    assert result.meta.n == DEMO_RESPONDENTS and result.withheld_groups() == ()


def test_the_demo_comments_are_in_each_respondents_language_and_shown(db: None) -> None:
    login = demo_load(password="demo password 123")
    closed = Scan.objects.get(organisation=login.organisation, status="closed")
    pools = {lang: set(FRICTION[lang]) | set(CHANGE[lang]) for lang in ("nl", "en")}
    written: Counter[str] = Counter()
    for response in Response.objects.filter(scan=closed):
        for item in ("open_friction", "open_change"):
            text = response.answers.get(item)
            if text:
                assert text in pools[response.language], (response.language, text)
                written[response.language] += 1
    assert written["nl"] > 0 and written["en"] > 0, "comments in both languages"
    result = scan_result(scan=closed)
    shown = {c.question: c for c in result.comments}
    assert shown["open_friction"].shown and shown["open_change"].shown
    texts = {t for c in result.comments for t in c.texts}
    assert texts & pools["nl"] and texts & pools["en"]
    client = client_for(User.objects.get(email=DEMO_EMAIL))
    page = client.get(reverse("results:comments", kwargs={
        "org_id": login.organisation.pk, "scan_id": closed.pk}), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert any(t in html for t in FRICTION["nl"]) and any(t in html for t in FRICTION["en"])


def test_the_demo_plan_holds_the_first_roadmap_steps_as_actions(db: None) -> None:
    from tandem.web.actions.models import Action
    from tandem.web.checklist.selectors import checklist_facts
    from tandem.web.demo import DEMO_ACTIONS
    from tandem.web.results.selectors import shown_result

    login = demo_load(password="demo password 123")
    scan = Scan.objects.get(organisation=login.organisation, status="closed")
    first = sorted((s for s in shown_result(scan=scan).roadmap if s.rank is not None),
                   key=lambda s: s.rank or 0)[:DEMO_ACTIONS]
    actions = list(Action.objects.filter(organisation=login.organisation).order_by("due_date"))
    assert [(a.scan_id, a.step, a.title) for a in actions] == [
        (scan.pk, s.step, s.title(scan.default_language)) for s in first]
    assert all(a.owner is not None and a.owner.email == DEMO_EMAIL for a in actions)
    assert [a.status for a in actions] == ["in_progress", "planned"]
    assert all(list(a.scales) == list(s.addresses) for a, s in zip(actions, first, strict=True))
    plan = client_for(actions[0].owner).get(
        reverse("actions:plan", kwargs={"org_id": login.organisation.pk})).content.decode()
    assert all(a.title in plan for a in actions)
    # the first steps of the checklist are done: the context is whole, the plan begun
    facts = checklist_facts(organisation=login.organisation)
    assert {"context", "actions"} <= facts.done
    demo_load(password="demo password 123")  # a second load adds nothing
    assert Action.objects.filter(organisation=login.organisation).count() == DEMO_ACTIONS
