"""Pasting people to invite: addresses as Outlook copies them, a column or rows from
Excel, the classic ``email,department`` lines; each address once (case ignored), and a
wrong entry named by its line and place, with nothing added."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from webtest_helpers import World, client_for

from tandem.web.scans.models import Invitation
from tandem.web.scans.services import (
    InvitationListError,
    invitation_read_list,
)


def read(world: World, text: str) -> tuple[list[tuple[str, str]], int]:
    people = invitation_read_list(scan=world.scan, text=text)
    return [(e.email, e.department) for e in people.entries], people.duplicates


def problems(world: World, text: str, lang: str = "en") -> list[str]:
    with translation.override(lang), pytest.raises(InvitationListError) as info:
        invitation_read_list(scan=world.scan, text=text)
    return info.value.problems


def test_outlook_names_with_commas_separated_by_semicolons(world: World) -> None:
    text = ("Jansen, Piet <Piet.Jansen@Acme.nl>; De Vries, Anna <anna@acme.nl>; "
            "support@acme.nl;")
    assert read(world, text) == ([("piet.jansen@acme.nl", ""), ("anna@acme.nl", ""),
                                  ("support@acme.nl", "")], 0)


def test_outlook_quoted_names_separated_by_commas_over_lines(world: World) -> None:
    text = ('"Jansen, Piet" <piet@acme.nl>, "Vries; Anna de" <anna@acme.nl>\n'
            "'Kees' <kees@acme.nl>,\n"
            "bram@acme.nl , <eva@acme.nl>")
    assert read(world, text)[0] == [("piet@acme.nl", ""), ("anna@acme.nl", ""),
                                    ("kees@acme.nl", ""), ("bram@acme.nl", ""),
                                    ("eva@acme.nl", "")]


def test_an_excel_column_with_its_header(world: World) -> None:
    text = "E-mailadres\r\npiet@acme.nl\r\n\r\nANNA@acme.nl\r\n"
    assert read(world, text) == ([("piet@acme.nl", ""), ("anna@acme.nl", "")], 0)


def test_excel_rows_take_the_department_from_its_column_and_ignore_the_rest(
        world: World) -> None:
    text = ("Naam\tE-mail\tAfdeling\tTelefoon\n"
            "Piet Jansen\tpiet@acme.nl\tSales\t+31 20 123\n"
            "Anna de Vries\tanna@acme.nl\tMarketing\n"
            "Kees\tkees@acme.nl\t\t06-123\n")
    assert read(world, text)[0] == [("piet@acme.nl", "sales"), ("anna@acme.nl", "marketing"),
                                    ("kees@acme.nl", "")]


def test_excel_rows_without_a_header(world: World) -> None:
    assert read(world, "Piet\tpiet@acme.nl\tCustomer Service\nanna@acme.nl\tmarketing")[0] == [
        ("piet@acme.nl", "service"), ("anna@acme.nl", "marketing")]


def test_an_unknown_department_in_the_department_column_is_named(world: World) -> None:
    text = "Naam\tE-mail\tAfdeling\nPiet\tpiet@acme.nl\tSales\nBob\tbob@acme.nl\tFinance\n"
    (problem,) = problems(world, text)
    assert problem.startswith("line 3, column C: unknown department “Finance” (use one of ")


def test_addresses_are_kept_once_whatever_their_case(world: World) -> None:
    text = "Piet <PIET@acme.nl>; piet@acme.nl\npiet@ACME.nl, sales\nanna@acme.nl"
    assert read(world, text) == ([("piet@acme.nl", "sales"), ("anna@acme.nl", "")], 2)
    (problem,) = problems(world, "piet@acme.nl,sales\nPiet@acme.nl,marketing")
    assert problem == "line 2: piet@acme.nl is already on line 1 with another department"


def test_wrong_entries_are_named_by_place_and_text(world: World) -> None:
    text = ("Piet <piet@acme.nl>; kees(at)acme.nl; Anna <anna@acme>\n"
            "bram@acme.nl extra\n"
            "Eva\t\tsales\n"
            "Jan\tjan@@acme.nl\n")
    assert problems(world, text) == [
        "line 1, entry 2: “kees(at)acme.nl” is not an e-mail address",
        "line 1, entry 3: “Anna <anna@acme>” is not an e-mail address",
        "line 2: “bram@acme.nl extra” is not an e-mail address",  # not "bram@acme.nlextra"
        "line 3: no e-mail address in “Eva sales”",
        "line 4, column B: “jan@@acme.nl” is not an e-mail address",
    ]
    assert problems(world, "Piet <piet@acme.nl>; kees; anna@acme.nl", "nl") == [
        "regel 1, item 2: “kees” is geen e-mailadres"]


def test_the_page_adds_an_outlook_paste_and_says_what_was_doubled(world: World) -> None:
    client = client_for(world.facilitator)
    url = reverse("scans:invitations", kwargs={"org_id": world.org.pk, "scan_id": world.scan.pk})
    pasted = "Jansen, Piet <piet@acme.nl>; Vries, Anna de <anna@acme.nl>; PIET@acme.nl"
    response = client.post(url, {"addresses": pasted}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    page = response.content.decode()
    assert "2 invitation(s) added." in page
    assert "1 address was in the list more than once; it is invited once." in page
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "anna@acme.nl", "piet@acme.nl"]


def test_the_page_adds_nothing_when_one_entry_is_wrong(world: World) -> None:
    client = client_for(world.facilitator)
    url = reverse("scans:invitations", kwargs={"org_id": world.org.pk, "scan_id": world.scan.pk})
    pasted = "piet@acme.nl; anna@acme; kees@acme.nl"
    response = client.post(url, {"addresses": pasted}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was added" in page
    assert "line 1, entry 2: “anna@acme” is not an e-mail address" in page
    assert not Invitation.objects.exists()
    assert pasted in page  # what was pasted stays in the box, to correct it there
