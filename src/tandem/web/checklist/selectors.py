"""The first-run checklist of an organisation: eight steps from the context to the action
plan, each read from what is stored, not from a flag someone must remember to set.

The scan steps follow the organisation's newest scan, so a second wave walks the same
steps again; the context and the action plan belong to the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tandem.context import FLAG_KEYS
from tandem.web.actions.selectors import actions_of
from tandem.web.organisations.models import Organisation
from tandem.web.results.selectors import scan_purged
from tandem.web.scans.models import Scan, ScanStatus
from tandem.web.scans.selectors import invitations_of, scans_of, submitted_count

StepKey = Literal["context", "scan", "invitations", "open", "reminders", "close", "results",
                  "actions"]
State = Literal["done", "skipped", "next", "later"]
#: The steps in the order a first scan takes them.
STEPS: tuple[StepKey, ...] = ("context", "scan", "invitations", "open", "reminders", "close",
                              "results", "actions")


@dataclass(frozen=True, slots=True)
class Facts:
    """What is stored, one fact a step: ``done`` holds the steps that are done,
    ``skipped`` the ones whose moment has passed without them."""

    scan: Scan | None
    done: frozenset[StepKey]
    skipped: frozenset[StepKey]
    too_few: bool  # the scan closed with fewer answers than k: no figures to read
    unsent: bool  # people are invited but Tandem has e-mailed none of them


@dataclass(frozen=True, slots=True)
class Step:
    key: StepKey
    state: State


@dataclass(frozen=True, slots=True)
class Checklist:
    scan: Scan | None  # the scan the scan steps follow (the newest)
    steps: tuple[Step, ...]
    too_few: bool
    unsent: bool

    @property
    def done(self) -> int:
        return sum(step.state in ("done", "skipped") for step in self.steps)

    @property
    def complete(self) -> bool:
        return self.done == len(self.steps)


def context_filled(organisation: Organisation) -> bool:
    """Every context question with a choice or a number is answered. A yes/no question
    may stay unknown: "unknown" is an answer the form offers."""
    return all(getattr(organisation, name) not in (None, "")
               for name in Organisation.CONTEXT_FIELDS if name not in FLAG_KEYS)


def checklist_facts(*, organisation: Organisation) -> Facts:
    done: set[StepKey] = set()
    skipped: set[StepKey] = set()
    if context_filled(organisation):
        done.add("context")
    if actions_of(organisation=organisation).exists():
        done.add("actions")
    scan = scans_of(organisation=organisation).first()
    too_few = unsent = False
    if scan is not None:
        done.add("scan")
        invited = invitations_of(scan=scan)
        if invited.exists() or scan.open_token:
            done.add("invitations")
        unsent = invited.exists() and not invited.filter(sent_at__isnull=False).exists()
        if scan.first_opened_at is not None:
            done.add("open")
        closed = scan.status == ScanStatus.CLOSED
        if invited.filter(reminded_at__isnull=False).exists():
            done.add("reminders")
        elif closed or ("open" in done and scan.open_token and not invited.exists()):
            skipped.add("reminders")  # its moment passed, or nobody for Tandem to remind
        if closed:
            done.add("close")
            if scan_purged(scan=scan) is not None or submitted_count(scan=scan) >= scan.k:
                done.add("results")
            else:
                too_few = True
    return Facts(scan, frozenset(done), frozenset(skipped), too_few, unsent)


def first_steps(*, organisation: Organisation) -> Checklist:
    """Each step done (or skipped), the first other one next, the rest later."""
    facts = checklist_facts(organisation=organisation)
    steps: list[Step] = []
    next_given = False
    for key in STEPS:
        state: State
        if key in facts.done:
            state = "done"
        elif key in facts.skipped:
            state = "skipped"
        elif not next_given:
            state, next_given = "next", True
        else:
            state = "later"
        steps.append(Step(key, state))
    return Checklist(facts.scan, tuple(steps), facts.too_few, facts.unsent)
