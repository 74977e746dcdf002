"""The organisation's context is checked for sense: a team fits in the company, a count
has a clear maximum (no integer overflow), a company serves at least one market."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from webtest_helpers import World, client_for

from tandem.web.organisations.forms import MAX_PEOPLE, OrganisationForm
from tandem.web.organisations.models import Organisation

UNKNOWN_FLAGS = {"key_accounts": "unknown", "commercial_lead": "unknown", "sla": "unknown"}


def form(**values: Any) -> OrganisationForm:
    return OrganisationForm({"name": "Acme", **UNKNOWN_FLAGS,
                             **{k: str(v) for k, v in values.items()}})


def errors(bound: OrganisationForm, lang: str = "en") -> dict[str, list[str]]:
    """The form's messages, read in ``lang``."""
    with translation.override(lang):
        return {field: [str(m) for m in messages] for field, messages in bound.errors.items()}


def test_a_sensible_context_passes() -> None:
    bound = form(employees="50-249", sales_team=20, marketing_team=6, service_team=12,
                 markets=3)
    assert bound.is_valid(), bound.errors
    assert form(employees="1000+", sales_team=MAX_PEOPLE, marketing_team=900,
                service_team=4000).is_valid()


def test_a_sales_team_larger_than_the_company_is_refused_at_its_field() -> None:
    bound = form(employees="10-49", sales_team=60)
    assert errors(bound) == {"sales_team": [
        "60 people in this team, but the organisation has at most 49 employees (10-49): "
        "check this number or the number of employees."]}
    dutch = errors(form(employees="10-49", sales_team=60), "nl")
    assert dutch["sales_team"][0].startswith("60 mensen in dit team")
    assert form(employees="10-49", sales_team=49).is_valid()


def test_teams_that_together_exceed_the_band_are_named_at_the_employees() -> None:
    bound = form(employees="1-9", sales_team=4, marketing_team=3, service_team=3)
    assert list(errors(bound)) == ["employees"]
    assert "together have 10 people, more than the at most 9 employees of 1-9" in (
        errors(bound)["employees"][0])
    assert form(employees="1-9", sales_team=4, marketing_team=3, service_team=2).is_valid()
    # Without a band, the teams cannot be too many for it.
    assert form(sales_team=400, marketing_team=300).is_valid()


@pytest.mark.parametrize("huge", ["99999999999", "2147483648", str(10**40)])
def test_a_huge_number_gets_a_clear_maximum_not_an_overflow(huge: str) -> None:
    bound = form(employees="1000+", sales_team=huge)
    assert errors(bound) == {"sales_team": ["At most 100000: check the number."]}
    dutch = errors(form(employees="1000+", sales_team=huge), "nl")
    assert dutch == {"sales_team": ["Hoogstens 100000: controleer het getal."]}


def test_a_number_of_five_thousand_digits_is_not_a_number() -> None:
    bound = form(service_team="9" * 5000)
    assert list(errors(bound)) == ["service_team"]


def test_no_one_in_any_of_the_three_teams_is_refused() -> None:
    bound = form(employees="50-249", sales_team=0, marketing_team=0, service_team=0)
    assert "Nobody works in Sales, Marketing or Customer Service" in (
        errors(bound)["__all__"][0])
    assert form(employees="50-249", sales_team=5, marketing_team=0, service_team=0).is_valid()


def test_zero_markets_is_refused_and_the_maximum_is_clear() -> None:
    assert "at least one market" in errors(form(markets=0))["markets"][0]
    assert errors(form(markets=1001)) == {"markets": ["At most 1000: check the number."]}


def test_the_edit_page_refuses_nonsense_in_the_readers_language(world: World) -> None:
    client = client_for(world.owner)
    url = reverse("organisations:edit", kwargs={"org_id": world.org.pk})
    data = {"name": "Acme", "employees": "1-9", "sales_team": "12", **UNKNOWN_FLAGS}
    english = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200
    assert "12 people in this team, but the organisation has at most 9 employees" in (
        english.content.decode())
    client.post(reverse("set_language"), {"language": "nl"})
    dutch = client.post(url, data).content.decode()
    assert "12 mensen in dit team" in dutch
    assert Organisation.objects.get(pk=world.org.pk).sales_team is None
