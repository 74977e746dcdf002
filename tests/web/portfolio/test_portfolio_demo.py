"""The demo (``tandem serve --demo``) has a consultant: it serves the demo organisation
and two more clients, logs in with the printed password, and its portfolio shows the
one whose scan had too few respondents as withheld."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tandem.web.accounts.models import User
from tandem.web.demo import DEMO_CLIENTS, DEMO_CONSULTANT_EMAIL, DEMO_ORGANISATION, demo_load
from tandem.web.portfolio.models import ScanTemplate
from tandem.web.portfolio.selectors import served_organisations


def test_the_demo_consultant_serves_the_demo_organisations(db: None) -> None:
    login = demo_load(password="demo password 123")
    again = demo_load(password="other password 456")  # made once; a fresh password
    assert again.consultant_password == "other password 456"
    consultant = User.objects.get(email=DEMO_CONSULTANT_EMAIL)
    names = [o.name for o in served_organisations(user=consultant)]
    assert sorted(names) == sorted([DEMO_ORGANISATION, *(c[0] for c in DEMO_CLIENTS)])
    assert ScanTemplate.objects.filter(owner=consultant).count() == 1
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username=login.consultant_email, password="other password 456")
    html = client.get(reverse("portfolio:portfolio")).content.decode()
    rows = re.findall(r'<tr data-organisation="\d+">(.*?)</tr>', html, re.S)
    assert len(rows) == 3
    small = next(r for r in rows if "Atelier Klein" in r)
    assert small.count("withheld: fewer than 5 respondents") == 3  # phase, target, rate
    assert sum("Phase I" in r for r in rows) == 2  # "Phase I", "II", "III" or "IV"
