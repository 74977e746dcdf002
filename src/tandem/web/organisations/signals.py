"""Signals of the organisation layer, for the apps built on top of it.

:data:`home_panels_wanted` lets apps above this one add a panel to the organisation's
home page, which this app draws but cannot fill: the first-run checklist
(``tandem.web.checklist``) reads scans, answers and the action plan.

:data:`data_exported` lets a download view in any app (scans, results, actions) have
the download written to the audit log without importing the data-protection app, which
sits above them all (it deletes what they hold). ``tandem.web.governance`` connects the
receiver that writes the audit event; signals run synchronously, so the event is written
in the view's request (and transaction) or the download fails with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django.db import models
from django.dispatch import Signal
from django.http import HttpRequest

from tandem.web.organisations.models import Membership

# Sent with request, membership, what (a short description) and obj (or None).
data_exported = Signal()


def record_export(request: HttpRequest, membership: Membership, what: str,
                  obj: models.Model | None = None) -> None:
    """One line in a download view: who downloaded ``what`` (of ``obj``) in this organisation."""
    data_exported.send(sender=Membership, request=request, membership=membership, what=what,
                       obj=obj)

# Sent with actor (a User), organisation_id, obj (the scan) and detail: answers imported
# from a file (tandem.web.responses); governance writes the audit event.
data_imported = Signal()

# Sent, once the transaction that made it has committed, with organisation, event (e.g.
# "scan.closed"), key (unique per happening, so a receiver can send it once) and subject
# (plain values: ids and names, never figures). ``tandem.web.webhooks`` tells the
# organisation's systems; the apps below announce without knowing who listens.
integration_event = Signal()


def announce(organisation: models.Model, event: str, key: str, subject: dict[str, object]) -> None:
    """Send :data:`integration_event` after the current transaction commits (at once
    outside one), so nobody hears of a change that was rolled back."""
    from django.db import transaction

    transaction.on_commit(lambda: integration_event.send(
        sender=type(organisation), organisation=organisation, event=event, key=key,
        subject=subject))


@dataclass(frozen=True, slots=True)
class Panel:
    """A part of the organisation's home page drawn by another app: its template and
    the context that template reads (as ``panel``)."""

    template: str
    context: dict[str, object] = field(default_factory=dict)


# Sent with membership while the organisation's home page is drawn; a receiver returns a
# Panel, or None when it has nothing to show to this member.
home_panels_wanted = Signal()


def home_panels(*, membership: Membership) -> list[Panel]:
    """The panels the apps above this one add to the organisation's home page."""
    return [cast("Panel", answer) for _receiver, answer
            in home_panels_wanted.send(sender=Membership, membership=membership)
            if answer is not None]
