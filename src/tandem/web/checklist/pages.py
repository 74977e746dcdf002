"""The checklist as the organisation's home page shows it: each step's words in the
reader's language and, for the next one, where to do it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from tandem.web.checklist.selectors import Checklist, State, StepKey
from tandem.web.scans.models import Scan

# Per step: what it is, why or how (shown with the next step), and its button.
WORDS: dict[StepKey, tuple[StrOrPromise, StrOrPromise, StrOrPromise]] = {
    "context": (_("Describe the organisation"),
                _("Its size, teams and market: the target phase depends on them."),
                _("Fill in the context")),
    "scan": (_("Create a scan"),
             _("Choose the full or the quick form, the languages and the anonymity "
               "threshold."),
             _("New scan")),
    "invitations": (_("Invite people"),
                    _("Paste the addresses of Sales, Marketing, Customer Service and their "
                      "managers, or make an open link."),
                    _("Add people")),
    "open": (_("Open the scan"),
             _("From then on people can answer; the questions and the threshold are fixed. "
               "Then e-mail the invitations."),
             _("Open the scan")),
    "reminders": (_("Send a reminder"),
                  _("After a week or so, remind those who have not finished. Tandem does "
                    "not show who they are."),
                  _("Remind")),
    "close": (_("Close the scan"),
              _("When enough people have answered: the results are computed from the "
                "submitted answers."),
              _("Close the scan")),
    "results": (_("Read the results"),
                _("The phase, the sources of tension and the gaps between departments; "
                  "download the report for the management team."),
                _("Results")),
    "actions": (_("Make an action plan"),
                _("Turn the roadmap into actions, each with an owner and a due date."),
                _("Action plan")),
}
TOO_FEW = _("Fewer people answered than the anonymity threshold, so the results show no "
            "figures. An owner can reopen the scan; then send a reminder.")
UNSENT = (_("Tandem has e-mailed nobody yet: send the invitations (or your own mail merge "
            "with the personal links), then remind after a week or so."),
          _("E-mail the invitations"))
STATES: dict[State, StrOrPromise] = {
    "done": _("done"), "skipped": _("skipped"), "next": _("next"), "later": _("later"),
}


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    state: State
    state_label: StrOrPromise
    label: StrOrPromise
    help: StrOrPromise
    action: StrOrPromise
    url: str | None  # for the next step only


def _url(key: StepKey, org_id: int, scan: Scan | None, too_few: bool) -> str | None:
    if key == "context":
        return reverse("organisations:edit", kwargs={"org_id": org_id})
    if key == "scan" or scan is None:
        return reverse("scans:create", kwargs={"org_id": org_id})
    if key == "actions":
        return reverse("actions:plan", kwargs={"org_id": org_id})
    kwargs = {"org_id": org_id, "scan_id": scan.pk}
    if key == "results" and too_few:
        return reverse("scans:detail", kwargs=kwargs)
    names = {"invitations": "scans:invitations", "open": "scans:open",
             "reminders": "scans:invitations", "close": "scans:close",
             "results": "results:scan"}
    return reverse(names[key], kwargs=kwargs)


def checklist_rows(checklist: Checklist, *, org_id: int) -> list[Row]:
    rows = []
    for number, step in enumerate(checklist.steps, start=1):
        label, help_text, action = WORDS[step.key]
        if step.key == "results" and checklist.too_few:
            help_text = TOO_FEW
        if step.key == "reminders" and checklist.unsent:
            help_text, action = UNSENT
        url = (_url(step.key, org_id, checklist.scan, checklist.too_few)
               if step.state == "next" else None)
        rows.append(Row(number, step.state, STATES[step.state], label, help_text, action, url))
    return rows
