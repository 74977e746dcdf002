"""The customer mirror in the web app: services, the facilitator's pages, the customer's
anonymous flow, and the results tab with its anonymity (real HTTP, real database)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pypdf
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from test_actions_support import closed_scan
from webtest_helpers import World, client_for

from tandem.instrument.customer import load_questionnaire
from tandem.web.mirror import services
from tandem.web.mirror.models import Mirror, MirrorAnswer
from tandem.web.scans.models import Scan
from tandem.web.survey import ratelimit

Q = load_questionnaire()


@pytest.fixture(autouse=True)
def _fresh_counters(db: None) -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def scan(world: World) -> Scan:
    return closed_scan(world.org, world.owner, n=30)


@pytest.fixture
def mirror(scan: Scan) -> Mirror:
    return services.mirror_create(scan=scan)


def _token(mirror: Mirror, stage: str | None) -> str:
    return mirror.token if stage is None else mirror.links.get(stage=stage).token


def _good(stage: str, good: bool) -> dict[str, str]:
    """A customer who saw ``stage`` go well or badly on every statement."""
    return {s.id: ("5" if good else "1") if s.keying == "+" else ("1" if good else "5")
            for s in Q.statements_for(stage)}


def _answer(mirror: Mirror, stage: str, *, good: bool, general: bool = False,
            client: Client | None = None) -> None:
    data = _good(stage, good) | ({"stage": stage} if general else {})
    url = reverse("customer:answer", kwargs={"token": _token(mirror, None if general else stage)})
    response = (client or Client()).post(url, data, REMOTE_ADDR=f"10.0.{len(data)}.1")
    assert response.status_code == 302, response.content[:400]
    cache.clear()  # each customer its own client address


def _k_and_one_short(mirror: Mirror, full: tuple[str, bool],
                     short: tuple[str, bool]) -> int:
    """k customers answer stage ``full[0]`` and k - 1 stage ``short[0]`` (good or not);
    returns k."""
    k = mirror.scan.k
    for _ in range(k):
        _answer(mirror, full[0], good=full[1])
    for _ in range(k - 1):
        _answer(mirror, short[0], good=short[1])
    return k


def _results(world: World, scan: Scan) -> str:
    response = client_for(world.viewer).get(
        reverse("mirror:results", kwargs={"org_id": world.org.pk, "scan_id": scan.pk}))
    assert response.status_code == 200
    return response.content.decode()


def _row(page: str, stage: str) -> str:
    found = re.search(rf'<tr data-stage="{stage}".*?</tr>', page, re.S)
    assert found, stage
    return found.group(0)


# ---------------------------------------------------------------- services


def test_create_gives_a_link_per_stage_and_a_general_link(mirror: Mirror) -> None:
    assert sorted(mirror.links.values_list("stage", flat=True)) == sorted(Q.stages)
    tokens = {mirror.token, *mirror.links.values_list("token", flat=True)}
    assert len(tokens) == len(Q.stages) + 1 and all(len(t) >= 40 for t in tokens)
    with pytest.raises(services.MirrorRefusedError):
        services.mirror_create(scan=mirror.scan)


@pytest.mark.parametrize(("stage", "values", "reason"), [
    ("nowhere", {"se_same_answer": 4}, "stage"),
    ("service", {"ch_pushed": 4}, "statement"),
    ("service", {"se_same_answer": 6}, "value"),
    ("service", {"se_same_answer": None}, "empty"),
])
def test_submit_refuses_what_is_not_the_questionnaire(mirror: Mirror, stage: str,
                                                      values: dict[str, int | None],
                                                      reason: str) -> None:
    with pytest.raises(services.AnswerRefusedError, match=reason):
        services.answer_submit(mirror=mirror, stage=stage, values=values)
    assert not MirrorAnswer.objects.exists()


def test_a_closed_mirror_takes_no_answer(mirror: Mirror) -> None:
    services.mirror_close(mirror=mirror)
    with pytest.raises(services.AnswerRefusedError, match="closed"):
        services.answer_submit(mirror=mirror, stage="service", values={"se_same_answer": 4})


# ---------------------------------------------------------------- the facilitator


def test_facilitator_creates_sees_links_and_closes(world: World, scan: Scan) -> None:
    client = client_for(world.facilitator)
    kwargs = {"org_id": world.org.pk, "scan_id": scan.pk}
    assert client.post(reverse("mirror:create", kwargs=kwargs)).status_code == 302
    mirror = Mirror.objects.get(scan=scan)
    page = client.get(reverse("mirror:manage", kwargs=kwargs)).content.decode()
    assert mirror.token in page
    for link in mirror.links.all():
        assert link.token in page
    assert client.get(reverse("mirror:close", kwargs=kwargs)).status_code == 200
    assert Mirror.objects.get(pk=mirror.pk).is_open  # the GET only asks
    client.post(reverse("mirror:close", kwargs=kwargs), {"confirm": "yes"})
    assert not Mirror.objects.get(pk=mirror.pk).is_open


def test_a_viewer_may_not_manage_and_another_organisation_finds_nothing(
        world: World, mirror: Mirror) -> None:
    kwargs = {"org_id": world.org.pk, "scan_id": mirror.scan.pk}
    assert client_for(world.viewer).get(reverse("mirror:manage", kwargs=kwargs)).status_code == 403
    assert client_for(world.outsider).get(
        reverse("mirror:results", kwargs=kwargs)).status_code == 404


def test_the_open_mirror_says_only_yes_or_not_yet_per_stage(world: World,
                                                            mirror: Mirror) -> None:
    _k_and_one_short(mirror, ("service", True), ("purchase", True))
    page = client_for(world.facilitator).get(reverse("mirror:manage", kwargs={
        "org_id": world.org.pk, "scan_id": mirror.scan.pk})).content.decode()
    assert re.search(r'data-ready="service">[^<]*<strong>(yes|ja)</strong>', page)
    assert re.search(r'data-ready="purchase">[^<]*<strong>(not yet|nog niet)</strong>', page)
    results = _results(world, mirror.scan)
    assert "data-stage" not in results  # no figure while the mirror is open


# ---------------------------------------------------------------- the customer


def test_customer_answers_anonymously_on_a_stage_link(mirror: Mirror) -> None:
    client = Client()
    url = reverse("customer:answer", kwargs={"token": _token(mirror, "service")})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and page["Content-Language"] == "en"
    assert "Sales and service told me the same thing." in page.content.decode()
    assert set(page.cookies) <= {"csrftoken"}  # only what the form needs
    dutch = client.get(url, {"lang": "nl"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Verkoop en service vertelden me hetzelfde." in dutch
    response = client.post(url, {"se_same_answer": "2", "se_explain_again": "dk",
                                 "lang": "en"}, REMOTE_ADDR="192.0.2.7",
                           HTTP_USER_AGENT="Phone/1.0")
    assert response.status_code == 302 and response["Location"].endswith("?lang=en")
    assert set(response.cookies) <= {"csrftoken"}
    answer = MirrorAnswer.objects.get()
    assert answer.stage == "service"
    assert answer.values == {"se_explain_again": None, "se_knew_history": None,
                             "se_same_answer": 2, "se_solved_in_time": None}
    stored = repr(list(MirrorAnswer.objects.values()))
    assert "192.0.2.7" not in stored and "Phone" not in stored
    assert {f.name for f in MirrorAnswer._meta.get_fields()} == {"id", "mirror", "stage", "values"}
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you" in thanks and mirror.scan.organisation.name not in thanks


def test_general_link_asks_the_stage_first(mirror: Mirror) -> None:
    client = Client()
    url = reverse("customer:answer", kwargs={"token": mirror.token})
    picker = client.get(url, {"lang": "nl"}).content.decode()
    assert "Over welk deel van uw contact met ons gaat het?" in picker
    assert 'name="stage" value="loyalty"' in picker
    form = client.get(url, {"lang": "nl", "stage": "loyalty"}).content.decode()
    assert "Ik kreeg aanbiedingen die niet pasten bij wat ik al heb." in form
    assert client.get(url, {"stage": "nowhere"}).status_code == 400
    response = client.post(url, _good("loyalty", True) | {"stage": "loyalty"})
    assert response.status_code == 302
    assert MirrorAnswer.objects.get().stage == "loyalty"


def test_a_stage_link_cannot_be_used_for_another_stage(mirror: Mirror) -> None:
    url = reverse("customer:answer", kwargs={"token": _token(mirror, "service")})
    Client().post(url, _good("service", True) | {"stage": "loyalty"})
    assert list(MirrorAnswer.objects.values_list("stage", flat=True)) == ["service"]


def test_an_invalid_answer_is_not_sent_and_says_so(mirror: Mirror) -> None:
    url = reverse("customer:answer", kwargs={"token": _token(mirror, "service")})
    response = Client().post(url, {"se_same_answer": "9"})
    assert response.status_code == 400 and not MirrorAnswer.objects.exists()
    assert Client().post(url, {}).status_code == 400


def test_csrf_is_checked_on_the_customer_form(mirror: Mirror) -> None:
    client = Client(enforce_csrf_checks=True)
    url = reverse("customer:answer", kwargs={"token": _token(mirror, "service")})
    assert client.post(url, _good("service", True)).status_code == 403
    client.get(url)
    token = client.cookies["csrftoken"].value
    assert client.post(url, _good("service", True) | {"csrfmiddlewaretoken": token},
                       ).status_code == 302


def test_unknown_and_closed_links_get_one_page_and_count_as_guesses(
        world: World, mirror: Mirror) -> None:
    client = Client()
    unknown = client.get(reverse("customer:answer", kwargs={"token": "g" * 43}))
    link = reverse("customer:answer", kwargs={"token": _token(mirror, "service")})
    services.mirror_close(mirror=mirror)
    closed = client.get(link)
    assert unknown.status_code == closed.status_code == 404
    assert unknown.content == closed.content
    assert world.org.name not in closed.content.decode()
    for _ in range(ratelimit.MAX_FAILURES):
        client.get(reverse("customer:answer", kwargs={"token": "h" * 43}))
    assert client.get(link).status_code == 429


def test_one_address_cannot_flood_a_stage(mirror: Mirror) -> None:
    url = reverse("customer:answer", kwargs={"token": _token(mirror, "service")})
    client = Client()
    codes = [client.post(url, _good("service", False), REMOTE_ADDR="198.51.100.9").status_code
             for _ in range(32)]
    assert codes.count(302) == 30 and codes[-1] == 429
    assert MirrorAnswer.objects.count() == 30


# ---------------------------------------------------------------- results and anonymity


def test_closed_mirror_shows_customers_beside_the_journey_flagged_first(
        world: World, mirror: Mirror) -> None:
    k = mirror.scan.k
    for _ in range(k):
        _answer(mirror, "purchase", good=False)
        _answer(mirror, "service", good=True)
    services.mirror_close(mirror=mirror)
    page = _results(world, mirror.scan)
    stages = re.findall(r'<tr data-stage="(\w+)" data-verdict="(\w+)"', page)
    assert stages[0] == ("purchase", stages[0][1]) and stages[0][1].startswith("break")
    purchase, service = _row(page, "purchase"), _row(page, "service")
    assert "<strong>0</strong>" in purchase and f"n = {k}" in purchase
    assert "<strong>100</strong>" in service
    assert 'class="flagged"' in purchase and 'class="flagged"' not in service


def test_a_stage_with_k_minus_one_customers_shows_nothing(world: World, mirror: Mirror) -> None:
    k = mirror.scan.k
    for _ in range(k - 1):
        _answer(mirror, "onboarding", good=False)
    services.mirror_close(mirror=mirror)
    row = _row(_results(world, mirror.scan), "onboarding")
    assert 'data-verdict="too_few"' in row
    assert "<strong>" not in row and "n =" not in row
    assert not re.search(rf"\b{k - 1}\b", re.sub(r"<[^>]+>", " ", row))


def test_stage_link_and_general_link_together_reach_k_and_nothing_shows_per_link(
        world: World, mirror: Mirror) -> None:
    """k - 1 customers by the stage's own link and one by the general link: the stage
    shows n = k, and no page (manage, results) holds a figure of either part alone,
    so no difference of two shown figures is a set below k."""
    k = mirror.scan.k
    for _ in range(k - 1):
        _answer(mirror, "service", good=True)
    _answer(mirror, "service", good=False, general=True)
    for _ in range(k - 1):
        _answer(mirror, "choice", good=True, general=True)  # the other stages stay below k
    services.mirror_close(mirror=mirror)
    results = _results(world, mirror.scan)
    manage = client_for(world.owner).get(reverse("mirror:manage", kwargs={
        "org_id": world.org.pk, "scan_id": mirror.scan.pk})).content.decode()
    service = _row(results, "service")
    assert f"n = {k}" in service
    shown_counts = [int(n) for n in re.findall(r"n = (\d+)", results)]
    assert shown_counts == [k]  # one stage shown, no total, no per-link count
    for page in (results, manage):
        text = re.sub(r"https?://\S+", " ", re.sub(r"<[^>]+>", " ", page))  # not the links
        assert not re.search(rf"(?<![\d.,]){k - 1}(?![\d.,])", text), "a k-1 count leaks"
    assert 'data-verdict="too_few"' in _row(results, "choice")


def test_the_demo_has_a_closed_mirror_with_an_unowned_break_first(db: None) -> None:
    from tandem.web.demo import DEMO_MIRROR, demo_load

    login = demo_load(password="demo password 123")
    scan = Scan.objects.get(organisation=login.organisation, status="closed")
    mirror = Mirror.objects.get(scan=scan)
    assert not mirror.is_open
    counts = {stage: mirror.answers.filter(stage=stage).count() for stage in DEMO_MIRROR}
    assert counts == {stage: n for stage, (n, _mean) in DEMO_MIRROR.items()}
    owner = login.organisation.memberships.get(role="owner").user
    page = client_for(owner).get(reverse("mirror:results", kwargs={
        "org_id": login.organisation.pk, "scan_id": scan.pk})).content.decode()
    verdicts = re.findall(r'<tr data-stage="(\w+)" data-verdict="(\w+)"', page)
    assert verdicts[0] == ("onboarding", "break_unowned")
    assert ("service", "break_owned") in verdicts and ("loyalty", "too_few") in verdicts


@pytest.fixture
def tiny(world: World) -> Scan:
    """A scan too small to show the inside, whose closed mirror has k customers of a stage."""
    scan = closed_scan(world.org, world.owner, title="Tiny", n=3)
    mirror = services.mirror_create(scan=scan)
    for _ in range(scan.k):
        _answer(mirror, "service", good=False)
    services.mirror_close(mirror=mirror)
    return scan


def test_a_scan_with_too_few_respondents_shows_the_customers_side_only(world: World,
                                                                        tiny: Scan) -> None:
    scan = tiny
    page = _results(world, scan)
    assert "te weinig respondenten om de interne kant te tonen" in page  # the viewer reads Dutch
    row = _row(page, "service")
    assert 'data-verdict="break"' in row and "geen eigenaar" not in row


# ---------------------------------------------------------------- the PDF report


def _pdf_text(world: World, scan: Scan, lang: str = "en") -> str:
    response = client_for(world.viewer).get(reverse("results:pdf", kwargs={
        "org_id": world.org.pk, "scan_id": scan.pk, "lang": lang}))
    assert response.status_code == 200
    pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_the_report_shows_a_closed_mirror_as_the_tab_does(world: World, mirror: Mirror) -> None:
    k = _k_and_one_short(mirror, ("purchase", False), ("onboarding", True))
    before = _pdf_text(world, mirror.scan)
    assert "Customer mirror" not in before  # open: nothing of it, anywhere
    services.mirror_close(mirror=mirror)
    text = _pdf_text(world, mirror.scan)
    section = text[text.index("Customer mirror"):]
    tab = _results(world, mirror.scan)
    low, high = re.search(r"\((\d+)–(\d+); n = ", _row(tab, "purchase")).groups()  # type: ignore[union-attr]
    assert f"0 ({low}–{high}; n = {k})" in section
    assert re.findall(r"n = (\d+)", section) == [str(k)]  # the k-1 stage: no figure, no count
    assert "too few answers" in section
    dutch = _pdf_text(world, mirror.scan, "nl")
    assert "Klantspiegel" in dutch and "te weinig antwoorden" in dutch


def test_the_report_of_a_scan_with_too_few_respondents_keeps_the_customers_view(
        world: World, tiny: Scan) -> None:
    scan = tiny
    text = _pdf_text(world, scan)
    assert "too few respondents to show the internal side" in text
    assert f"n = {scan.k}" in text


def test_the_meeting_deck_and_the_workshop_show_what_customers_saw(world: World,
                                                                  mirror: Mirror) -> None:
    from pptx import Presentation

    k = mirror.scan.k
    for _ in range(k):
        _answer(mirror, "purchase", good=False)
    kwargs = {"org_id": world.org.pk, "scan_id": mirror.scan.pk}
    deck_url = reverse("results:deck", kwargs={**kwargs, "lang": "en"})
    owner = client_for(world.owner)

    def titles() -> list[str]:
        deck = Presentation(io.BytesIO(owner.get(deck_url).content))
        return [s.shapes.title.text for s in deck.slides]

    assert "What customers saw" not in titles()  # open: nothing of it
    services.mirror_close(mirror=mirror)
    deck = Presentation(io.BytesIO(owner.get(deck_url).content))
    slide = next(s for s in deck.slides if s.shapes.title.text == "What customers saw")
    text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert f"n = {k}" in text and "customers 0 (" in text
    owner.post(reverse("set_language"), {"language": "en"})
    workshop = owner.get(reverse("actions:workshop", kwargs=kwargs)).content.decode()
    assert 'class="workshop-step step-mirror' in workshop and f"n = {k}" in workshop


def _workbook_sheet(world: World, scan: Scan, lang: str, title: str) -> list[tuple] | None:
    from openpyxl import load_workbook

    client = client_for(world.viewer)
    client.cookies["django_language"] = lang
    response = client.get(reverse("results:xlsx", kwargs={"org_id": world.org.pk,
                                                          "scan_id": scan.pk}))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    if title not in book.sheetnames:
        return None
    return [tuple(row) for row in book[title].iter_rows(values_only=True)]


def test_the_workbook_has_the_closed_mirror_with_the_tabs_figures(world: World,
                                                                   mirror: Mirror) -> None:
    k = _k_and_one_short(mirror, ("purchase", False), ("onboarding", True))
    assert _workbook_sheet(world, mirror.scan, "en", "Customer mirror") is None  # open
    services.mirror_close(mirror=mirror)
    rows = _workbook_sheet(world, mirror.scan, "en", "Customer mirror")
    assert rows is not None
    assert rows[0][:3] == ("Journey stage", "Verdict", "Owner")
    by_stage = {row[0]: row for row in rows[1:]}
    purchase = next(r for label, r in by_stage.items() if label.startswith("Purchase"))
    tab = _row(_results(world, mirror.scan), "purchase")
    low, high = re.search(r"\((\d+)–(\d+); n = ", tab).groups()  # type: ignore[union-attr]
    assert purchase[5] == 0 and purchase[8] == k  # score and n as numbers
    assert (round(purchase[6]), round(purchase[7])) == (int(low), int(high))
    onboarding = by_stage["Delivery and onboarding"]
    assert onboarding[5] == "withheld"  # below k: no score and no count
    assert k - 1 not in onboarding
    assert rows[1][0].startswith("Purchase")  # breaks first, as on the tab
    assert _workbook_sheet(world, mirror.scan, "nl", "Klantspiegel") is not None
