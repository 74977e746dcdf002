"""What Tandem keeps of a CRM export: the dates, amounts and pseudonyms the funnel
metrics need, and nothing else (no names, e-mail addresses, companies or free text).

- a :class:`Lead` is a HubSpot contact or a Salesforce lead;
- a :class:`Deal` is a HubSpot deal or a Salesforce opportunity;
- a :class:`StageChange` is one row of a stage history: a Salesforce OpportunityHistory
  or LeadHistory row, or a HubSpot deal's "Date entered <stage>" property.

Keys and owners are pseudonyms (:func:`tandem.io.crm.values.pseudonym`); times are
naive (UTC when the export named a zone, else the account's own time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Source = Literal["hubspot", "salesforce"]
Outcome = Literal["open", "won", "lost"]

#: The stages of the lead funnel, in order; ``Lead.reached`` is a position in it.
LEAD, MQL, SQL, OPPORTUNITY, WON = 1, 2, 3, 4, 5
STAGES: tuple[str, ...] = ("", "lead", "mql", "sql", "opportunity", "won")


@dataclass(frozen=True, slots=True)
class Lead:
    source: Source
    key: str
    created: datetime
    mql: datetime | None = None
    sql: datetime | None = None
    opportunity: datetime | None = None
    won: datetime | None = None
    first_touch: datetime | None = None
    #: the furthest stage reached (LEAD .. WON): from the stage dates and, where the
    #: export names it, the current stage (a contact made a customer by hand has no
    #: "became an opportunity" date but did pass that stage)
    reached: int = LEAD
    deal_key: str = ""  # Salesforce: the opportunity the lead was converted into
    owner: str = ""


@dataclass(frozen=True, slots=True)
class Deal:
    source: Source
    key: str
    created: datetime
    closed: datetime | None = None
    outcome: Outcome = "open"
    amount: float | None = None
    pipeline: str = ""
    owner: str = ""


@dataclass(frozen=True, slots=True)
class StageChange:
    source: Source
    record: Literal["lead", "deal"]
    key: str
    stage: str
    at: datetime


@dataclass(frozen=True)
class FunnelData:
    """Everything the metrics read: the organisation's leads, deals and stage changes."""

    leads: tuple[Lead, ...] = ()
    deals: tuple[Deal, ...] = ()
    changes: tuple[StageChange, ...] = field(default=())
