"""Writes of the decision-rights agreement: a RACI matrix agreed as a new version.

A matrix has exactly one Accountable and at least one Responsible per decision area;
an agreed version is never changed.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.db.models import Max
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.instrument import Instrument, load_instrument
from tandem.web.accounts.models import User
from tandem.web.actions.models import DecisionRightsVersion, Party
from tandem.web.actions.services._common import ActionsRuleError
from tandem.web.organisations.models import Organisation
from tandem.web.scans.models import Scan

#: What a RACI cell may hold; "AR" is accountable and also does the work.
RACI_VALUES: tuple[str, ...] = ("", "R", "A", "AR", "C", "I")
PARTIES: tuple[str, ...] = tuple(Party.values)


def _area_label(instrument: Instrument, area: str) -> str:
    text = instrument.areas.get(area)
    if text is None:
        return area
    label = text("en" if (get_language() or "nl").startswith("en") else "nl")
    return label[:1].upper() + label[1:]

def decision_rights_problems(matrix: Mapping[str, Mapping[str, str]],
                             instrument: Instrument | None = None) -> list[str]:
    """Every broken rule of a RACI matrix, each naming its decision area.

    Every area of the instrument is agreed; per area exactly one party is Accountable
    (A or AR) and at least one is Responsible (R or AR). One A means there is always
    exactly one place where the buck stops; at least one R means somebody does the work.
    """
    instrument = instrument or load_instrument()
    problems: list[str] = []
    unknown_areas = sorted(set(matrix) - set(instrument.areas))
    if unknown_areas:
        problems.append(_("Unknown decision area(s): %(areas)s.")
                        % {"areas": ", ".join(unknown_areas)})
    for area in instrument.areas:
        label = _area_label(instrument, area)
        row = matrix.get(area, {})
        bad = sorted({str(p) for p in row if p not in PARTIES}
                     | {str(v) for v in row.values() if v not in RACI_VALUES})
        if bad:
            problems.append(_("%(area)s: unknown party or role %(bad)s.")
                            % {"area": label, "bad": ", ".join(bad)})
            continue
        accountable = sum(1 for v in row.values() if "A" in v)
        responsible = sum(1 for v in row.values() if "R" in v)
        if accountable != 1:
            problems.append(
                _("%(area)s: exactly one party must be Accountable (A), not %(count)d.")
                % {"area": label, "count": accountable})
        if responsible < 1:
            problems.append(_("%(area)s: at least one party must be Responsible (R).")
                            % {"area": label})
    return problems

@transaction.atomic
def decision_rights_agree(*, organisation: Organisation,
                          matrix: Mapping[str, Mapping[str, str]], by: User, note: str = "",
                          scan: Scan | None = None) -> DecisionRightsVersion:
    """Save the agreed matrix as a new version (earlier versions are never changed)."""
    instrument = scan.instrument if scan else load_instrument()
    problems = decision_rights_problems(matrix, instrument)
    if problems:
        raise ActionsRuleError(problems)
    if scan is not None and scan.organisation_id != organisation.pk:
        raise ActionsRuleError([_("That scan belongs to another organisation.")])
    # Lock the organisation row so two simultaneous saves get different numbers.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    last = DecisionRightsVersion.objects.filter(organisation=organisation).aggregate(
        n=Max("number"))["n"] or 0
    clean = {area: {p: str(matrix.get(area, {}).get(p, "")) for p in PARTIES}
             for area in instrument.areas}
    return DecisionRightsVersion.objects.create(
        organisation=organisation, number=last + 1, matrix=clean, note=note.strip(),
        scan=scan, by=by, by_email=by.email)
