"""The shapes the API reads and writes (besides the result contract, which it reuses)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from tandem.instrument import DEFAULT_INSTRUMENT, available_instruments

#: Text input: no NUL character (PostgreSQL stores none; the request is refused, 422).
Text = Annotated[str, Field(pattern=r"^[^\x00]*$")]
#: A shipped questionnaire version (``tandem-scan-2``); new scans get the newest.
INSTRUMENT_NAME = "^(" + "|".join(re.escape(n) for n in available_instruments()) + ")$"


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    created_at: datetime
    retention_months: int
    role: str = Field(
        description="The token's member's role: owner, facilitator, consultant or viewer.")
    write: bool = Field(description="Whether the token may write.")
    context: dict[str, Any]


class ScanOut(Schema):
    id: int
    title: str
    status: str
    instrument_name: str
    form: str
    languages: list[str]
    default_language: str
    k: int
    should_decide: bool
    segment: bool
    meta_perception: bool
    opens_on: date | None
    closes_on: date | None
    created_at: datetime


class ScanIn(Schema):
    title: Text = Field(min_length=1, max_length=200)
    instrument_name: str = Field(DEFAULT_INSTRUMENT, pattern=INSTRUMENT_NAME)
    form: str = Field("full", pattern=r"^(full|quick)$")
    languages: list[Annotated[str, Field(pattern=r"^(nl|en)$")]] = Field(
        default_factory=lambda: ["nl", "en"], max_length=2)
    default_language: str = Field("nl", pattern=r"^(nl|en)$")
    k: int = Field(5, ge=5, le=100)
    should_decide: bool = False
    segment: bool = False
    meta_perception: bool = False
    opens_on: date | None = None
    closes_on: date | None = None


class ScanPage(Schema):
    count: int
    next: str | None
    items: list[ScanOut]


class InvitationIn(Schema):
    email: Text = Field(max_length=254)
    department: Text = Field("", max_length=40)


class InvitationsIn(Schema):
    invitations: list[InvitationIn] = Field(min_length=1, max_length=5000)


class InvitationsOut(Schema):
    created: int
    already_invited: list[str]


OWNER_EMAIL = ("The owner: a member's e-mail address. With a token of an owner of the "
               "organisation, a new address invites that person as a viewer. Empty: no "
               "person (then joint_owner must be true).")


class ActionOut(Schema):
    id: int
    title: str
    owner_name: str = Field(description="The owner's name (or e-mail address) as shown; "
                                        "for an action from before owners were members, "
                                        "the name typed then.")
    owner_email: str | None = Field(None, description="The owner's e-mail address when the "
                                                      "owner is a member.")
    joint_owner: bool
    due_date: date | None
    status: str
    notes: str
    scales: list[str]
    criteria: list[str]
    scan_id: int | None
    step: str
    created_at: datetime
    updated_at: datetime


class ActionIn(Schema):
    title: Text = Field(max_length=200)
    owner_email: Text = Field("", max_length=254, description=OWNER_EMAIL)
    joint_owner: bool = False
    due_date: date | None = Field(None, description="Required; today or later.")
    status: Text = Field("planned", max_length=12)
    notes: Text = Field("", max_length=10000)
    scales: list[Text] = Field(default_factory=list, max_length=50,
                               description="At least one scale the action should move.")
    criteria: list[Text] = Field(default_factory=list, max_length=200)
    scan_id: int | None = Field(None, ge=1, le=2**63 - 1)
    step: Text = Field("", max_length=64)


class ActionPatch(Schema):
    title: Text | None = Field(None, max_length=200)
    owner_email: Text | None = Field(None, max_length=254, description=OWNER_EMAIL)
    joint_owner: bool | None = None
    due_date: date | None = None
    status: Text | None = Field(None, max_length=12)
    notes: Text | None = Field(None, max_length=10000)
    scales: list[Text] | None = Field(None, max_length=50)
    criteria: list[Text] | None = Field(None, max_length=200)


class ActionPage(Schema):
    count: int
    next: str | None
    items: list[ActionOut]


class ComparisonOut(Schema):
    scan_id: int
    previous_scan_id: int | None = Field(description="None when there is no earlier closed wave.")
    purged_scan_id: int | None = Field(
        None, description="A wave whose raw answers were purged: no comparison can be made.")
    comparison: dict[str, Any] | None = Field(
        description="The core's WaveComparison (only changes each wave may show).")


class MirrorOut(Schema):
    scan_id: int
    status: str = Field(description="none (the scan has no customer mirror), open or closed")
    mirror: dict[str, Any] | None = Field(
        description="A closed mirror's figures (the core's Mirror): per stage in reading "
                    "order, the customers' score with its 95% interval and n (null below "
                    "k, without a count) beside the inside's owner, clarity and "
                    "consistency. Null while the mirror is open or when there is none.")


class PoolIn(Schema):
    format: str = Field(pattern=r"^(sav|dta|csv)$", description="sav, dta or csv")
    language: str | None = Field(None, pattern=r"^(nl|en)$",
                                 description="of the labels; default: Accept-Language")


class PoolOut(Schema):
    id: int
    format: str
    language: str
    status: str = Field(description="queued, running, ready, failed, streamed or expired")
    created_at: datetime
    finished_at: datetime | None
    organisations: int
    respondents: int
    size: int
    file: str | None = Field(description="Where to download the ZIP once it is ready.")
