"""Writes of the follow-up pulse: a scan of a few statements, made from the action plan.

A pulse is a :class:`~tandem.web.scans.models.Scan` with ``pulse_of`` set to the scan the
plan came from (its baseline) and ``pulse_items`` the statements
:func:`tandem.analysis.pulse.choose_statements` picks for the actions' scales. Everything
else is the scan's machinery: invitations, personal and open links, reminders, the
survey, the opening and closing. The pulse takes the baseline's instrument, form,
languages and threshold (``k``; the scans' services keep them fixed, see
``scan_update``), and asks the department only. The same people are invited: every
invitation of the baseline is copied (answered or not), and a baseline that used an
open link gets an open link of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.analysis.pulse import PulseError, PulseStatements
from tandem.web.actions.models import Action
from tandem.web.actions.services._common import ActionsRuleError
from tandem.web.scans.models import Invitation, Scan, ScanStatus
from tandem.web.scans.services import scan_create, scan_enable_open_link

MIN_WEEKS, MAX_WEEKS = 1, 26
#: How long a pulse stays open after its opening date (the scan page can change it).
ANSWER_DAYS = 14


@transaction.atomic
def pulse_create(*, baseline: Scan, actions: Sequence[Action], statements: PulseStatements,
                 weeks: int, title: str = "") -> Scan:
    """A draft pulse of ``statements`` for ``actions``, opening ``weeks`` weeks from today.

    ``statements`` come from :func:`tandem.web.actions.pulses.pulse_statements` (the
    baseline's answers choose them); the scan page opens the pulse and sends the
    invitations, which work from the opening date on.
    """
    problems: list[str] = []
    if baseline.status != ScanStatus.CLOSED or baseline.is_pulse:
        problems.append(_("A pulse follows up a closed scan."))
    if not actions:
        problems.append(_("Choose at least one action."))
    if any(a.scan_id != baseline.pk for a in actions):
        problems.append(_("Every action must come from the scan the pulse follows up."))
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        problems.append(_("Choose between %(min)d and %(max)d weeks.")
                        % {"min": MIN_WEEKS, "max": MAX_WEEKS})
    if not statements.items:
        problems.append(_("The actions' scales give no statements to ask."))
    if problems:
        raise ActionsRuleError(problems)
    opens_on = timezone.localdate() + timedelta(weeks=weeks)
    if not title.strip():  # in the scan's own language, whoever's request made it
        with translation.override(baseline.default_language):
            title = _("Pulse after %(scan)s") % {"scan": baseline.title}
    pulse = scan_create(
        organisation=baseline.organisation,
        title=title.strip(),
        instrument_name=baseline.instrument_name,
        form=baseline.form,
        languages=baseline.languages,
        default_language=baseline.default_language,
        k=baseline.k,
        opens_on=opens_on,
        closes_on=opens_on + timedelta(days=ANSWER_DAYS),
    )
    pulse.pulse_of = baseline
    pulse.pulse_items = list(statements.items)
    pulse.save(update_fields=["pulse_of", "pulse_items"])
    Invitation.objects.bulk_create([
        Invitation(scan=pulse, email=email, department=department)
        for email, department in baseline.invitations.order_by("email")
        .values_list("email", "department")])
    if baseline.open_token:
        pulse = scan_enable_open_link(scan=pulse)
    return pulse


__all__ = ["ANSWER_DAYS", "MAX_WEEKS", "MIN_WEEKS", "PulseError", "pulse_create"]
