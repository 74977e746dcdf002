"""The CRM exports Tandem reads, and how each column of them is recognised.

Each export kind lists the fields the funnel metrics need, each under the names the
tool gives it: the internal (API) name, which an export with "internal names" or a
Salesforce Data Loader / data export writes, and the label an export from the tool's
screens writes. The names come from the tools' own references (docs/crm.md cites
them). A heading is compared ignoring case, spacing and punctuation
(:func:`tandem.io.responses.sources.key`), so ``Became a Marketing Qualified Lead
Date`` and ``became a marketing qualified lead date`` are one heading.

Columns that hold a person's name, e-mail address or other contact details are
recognised too, only to be named on the inspection page as "personal: not read".
Every other column is ignored: nothing of it is read beyond its heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tandem.i18n import Text
from tandem.io.crm.records import LEAD, MQL, OPPORTUNITY, SQL, WON
from tandem.io.responses.sources import key

FieldKind = Literal["id", "datetime", "bool", "amount", "text", "owner", "stage"]
Record = Literal["lead", "deal", "deal_history", "lead_history"]


@dataclass(frozen=True)
class Field:
    name: str  # Tandem's name of what the column holds
    kind: FieldKind
    names: tuple[str, ...]  # internal (API) names
    labels: tuple[str, ...] = ()  # the labels an export from the tool's screens writes
    required: bool = False


@dataclass(frozen=True)
class ExportKind:
    name: str
    tool: Literal["hubspot", "salesforce"]
    title: Text
    record: Record
    fields: tuple[Field, ...]
    #: headings that only this kind has: they decide between kinds that share fields
    telltales: tuple[str, ...] = ()

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


def _f(name: str, kind: FieldKind, names: tuple[str, ...], labels: tuple[str, ...] = (),
       required: bool = False) -> Field:
    return Field(name, kind, names, labels, required)


# ---------------------------------------------------------------- HubSpot
# Contact and deal properties: knowledge.hubspot.com "HubSpot's default contact
# properties" / "... deal properties"; the lifecycle dates are
# hs_lifecyclestage_<stage>_date ("Became a ... Date"), and newer accounts also have
# hs_v2_date_entered_<stage>.

HUBSPOT_CONTACTS = ExportKind(
    "hubspot_contacts", "hubspot", Text("HubSpot: contacten", "HubSpot: contacts"), "lead", (
        _f("id", "id", ("hs_object_id", "vid"), ("Record ID", "Contact ID"), required=True),
        _f("created", "datetime", ("createdate",), ("Create Date",), required=True),
        _f("stage", "stage", ("lifecyclestage",), ("Lifecycle Stage",)),
        _f("mql", "datetime", ("hs_lifecyclestage_marketingqualifiedlead_date",
                               "hs_v2_date_entered_marketingqualifiedlead"),
           ("Became a Marketing Qualified Lead Date",)),
        _f("sql", "datetime", ("hs_lifecyclestage_salesqualifiedlead_date",
                               "hs_v2_date_entered_salesqualifiedlead"),
           ("Became a Sales Qualified Lead Date",)),
        _f("opportunity", "datetime", ("hs_lifecyclestage_opportunity_date",
                                       "hs_v2_date_entered_opportunity"),
           ("Became an Opportunity Date",)),
        _f("won", "datetime", ("hs_lifecyclestage_customer_date", "hs_v2_date_entered_customer"),
           ("Became a Customer Date",)),
        _f("first_touch", "datetime", ("hs_sa_first_engagement_date",),
           ("First Engagement Date",)),
        _f("owner", "owner", ("hubspot_owner_id",), ("Contact owner", "HubSpot Owner")),
    ),
    telltales=("lifecyclestage", "Lifecycle Stage", "Became a Marketing Qualified Lead Date",
               "hs_lifecyclestage_marketingqualifiedlead_date"),
)

HUBSPOT_DEALS = ExportKind(
    "hubspot_deals", "hubspot", Text("HubSpot: deals", "HubSpot: deals"), "deal", (
        _f("id", "id", ("hs_object_id", "dealId"), ("Record ID", "Deal ID"), required=True),
        _f("created", "datetime", ("createdate",), ("Create Date",), required=True),
        _f("stage", "stage", ("dealstage",), ("Deal Stage",)),
        _f("pipeline", "text", ("pipeline",), ("Pipeline",)),
        _f("amount", "amount", ("amount",), ("Amount",)),
        _f("closed", "datetime", ("closedate",), ("Close Date",)),
        _f("is_won", "bool", ("hs_is_closed_won",), ("Is Closed Won",)),
        _f("is_closed", "bool", ("hs_is_closed",), ("Is Deal Closed?",)),
        _f("is_lost", "bool", ("hs_is_closed_lost",), ("Is closed lost",)),
        _f("owner", "owner", ("hubspot_owner_id",), ("Deal owner", "HubSpot Owner")),
    ),
    telltales=("dealstage", "Deal Stage", "pipeline", "Pipeline", "dealname", "Deal Name"),
)

# A deal's "Date entered <stage>" properties: hs_v2_date_entered_<stage id> (and the
# older hs_date_entered_<stage id>), labelled  Date entered "<stage> (<pipeline>)".
_ENTERED_NAME = re.compile(r"hs (?:v2 )?date entered (\w+)")
_ENTERED_LABEL = re.compile(r"date entered [\"“']?(.+?) \((.+)\)[\"”']?", re.IGNORECASE)
#: The stage ids of HubSpot's default sales pipeline and the labels HubSpot shows.
HUBSPOT_DEAL_STAGES: dict[str, str] = {
    "appointmentscheduled": "Appointment Scheduled",
    "qualifiedtobuy": "Qualified To Buy",
    "presentationscheduled": "Presentation Scheduled",
    "decisionmakerboughtin": "Decision Maker Bought-In",
    "contractsent": "Contract Sent",
    "closedwon": "Closed Won",
    "closedlost": "Closed Lost",
}
_STAGE_BY_LABEL = {key(label): stage for stage, label in HUBSPOT_DEAL_STAGES.items()}


def entered_stage(heading: str) -> str | None:
    """The deal stage a "Date entered" column is about (a default HubSpot stage by its
    id, whether the heading names it or labels it), or None for any other column."""
    named = _ENTERED_NAME.fullmatch(key(heading))
    if named is not None:
        return named[1].replace(" ", "")
    labelled = _ENTERED_LABEL.fullmatch(" ".join(heading.split()))
    if labelled is not None:
        stage = labelled[1].strip()
        return _STAGE_BY_LABEL.get(key(stage), stage)
    return None


#: The default deal stages of HubSpot (by id) and opportunity stages of Salesforce (by
#: name) in the reader's language; any other stage is shown as the CRM names it.
STAGE_NAMES: dict[str, Text] = {key(stage): name for stage, name in (
    ("appointmentscheduled", Text("Afspraak gepland", "Appointment scheduled")),
    ("qualifiedtobuy", Text("Gekwalificeerd om te kopen", "Qualified to buy")),
    ("presentationscheduled", Text("Presentatie gepland", "Presentation scheduled")),
    ("decisionmakerboughtin", Text("Beslisser overtuigd", "Decision maker bought-in")),
    ("contractsent", Text("Contract verstuurd", "Contract sent")),
    ("closedwon", Text("Gewonnen", "Closed won")),
    ("closedlost", Text("Verloren", "Closed lost")),
    ("Prospecting", Text("Prospectie", "Prospecting")),
    ("Qualification", Text("Kwalificatie", "Qualification")),
    ("Needs Analysis", Text("Behoefteanalyse", "Needs analysis")),
    ("Value Proposition", Text("Waardepropositie", "Value proposition")),
    ("Id. Decision Makers", Text("Beslissers in beeld", "Decision makers identified")),
    ("Perception Analysis", Text("Perceptieanalyse", "Perception analysis")),
    ("Proposal/Price Quote", Text("Voorstel en offerte", "Proposal and price quote")),
    ("Negotiation/Review", Text("Onderhandeling", "Negotiation and review")),
    ("Closed Won", Text("Gewonnen", "Closed won")),
    ("Closed Lost", Text("Verloren", "Closed lost")),
)}


def stage_name(stage: str, lang: str) -> str:
    """A deal stage as the reader reads it."""
    name = STAGE_NAMES.get(key(stage))
    return name(lang) if name is not None else stage


# ---------------------------------------------------------------- Salesforce
# Object fields: Salesforce Field Reference, Lead / Opportunity / OpportunityHistory /
# LeadHistory (API name and field label). A data export or Data Loader writes the API
# names; a report export writes the labels.

SALESFORCE_LEADS = ExportKind(
    "salesforce_leads", "salesforce", Text("Salesforce: leads", "Salesforce: leads"), "lead", (
        _f("id", "id", ("Id",), ("Lead ID",), required=True),
        _f("created", "datetime", ("CreatedDate",), ("Created Date", "Create Date"),
           required=True),
        _f("stage", "stage", ("Status",), ("Lead Status", "Status")),
        _f("converted", "bool", ("IsConverted",), ("Converted",)),
        _f("converted_date", "datetime", ("ConvertedDate",), ("Converted Date",)),
        _f("converted_opportunity", "id", ("ConvertedOpportunityId",),
           ("Converted Opportunity ID", "Converted Opportunity")),
        _f("source", "stage", ("LeadSource",), ("Lead Source",)),
        _f("owner", "owner", ("OwnerId",), ("Owner ID", "Lead Owner")),
    ),
    telltales=("IsConverted", "ConvertedDate", "Converted Date", "Lead ID", "Lead Status"),
)

SALESFORCE_OPPORTUNITIES = ExportKind(
    "salesforce_opportunities", "salesforce",
    Text("Salesforce: opportunities", "Salesforce: opportunities"), "deal", (
        _f("id", "id", ("Id",), ("Opportunity ID",), required=True),
        _f("created", "datetime", ("CreatedDate",), ("Created Date", "Create Date"),
           required=True),
        _f("stage", "stage", ("StageName",), ("Stage",)),
        _f("amount", "amount", ("Amount",), ("Amount",)),
        _f("closed", "datetime", ("CloseDate",), ("Close Date",)),
        _f("is_won", "bool", ("IsWon",), ("Won",)),
        _f("is_closed", "bool", ("IsClosed",), ("Closed",)),
        _f("source", "stage", ("LeadSource",), ("Lead Source",)),
        _f("owner", "owner", ("OwnerId",), ("Owner ID", "Opportunity Owner")),
    ),
    telltales=("IsWon", "Won", "IsClosed", "Opportunity Owner"),
)

SALESFORCE_OPPORTUNITY_HISTORY = ExportKind(
    "salesforce_opportunity_history", "salesforce",
    Text("Salesforce: opportunitygeschiedenis (OpportunityHistory)",
         "Salesforce: opportunity history (OpportunityHistory)"), "deal_history", (
        _f("id", "id", ("OpportunityId",), ("Opportunity ID",), required=True),
        _f("at", "datetime", ("CreatedDate",), ("Created Date",), required=True),
        _f("stage", "stage", ("StageName",), ("Stage Name", "To Stage"), required=True),
    ),
    telltales=("OpportunityId", "Stage Name", "To Stage"),
)

SALESFORCE_LEAD_HISTORY = ExportKind(
    "salesforce_lead_history", "salesforce",
    Text("Salesforce: leadgeschiedenis (LeadHistory)", "Salesforce: lead history (LeadHistory)"),
    "lead_history", (
        _f("id", "id", ("LeadId",), ("Lead ID",), required=True),
        _f("at", "datetime", ("CreatedDate",), ("Created Date", "Edit Date"), required=True),
        _f("field", "stage", ("Field",), ("Changed Field", "Field / Event"), required=True),
    ),
    telltales=("LeadId", "Field", "Changed Field", "Field / Event", "OldValue", "NewValue"),
)

KINDS: tuple[ExportKind, ...] = (
    HUBSPOT_CONTACTS, HUBSPOT_DEALS, SALESFORCE_LEADS, SALESFORCE_OPPORTUNITIES,
    SALESFORCE_OPPORTUNITY_HISTORY, SALESFORCE_LEAD_HISTORY,
)
BY_NAME: dict[str, ExportKind] = {k.name: k for k in KINDS}

# ---------------------------------------------------------------- stage values

#: HubSpot's default lifecycle stages (internal value and label) as funnel positions;
#: a custom stage the export names otherwise counts by its dates alone.
LIFECYCLE: dict[str, int] = {
    key(v): level for level, values in (
        (LEAD, ("subscriber", "Subscriber", "lead", "Lead")),
        (MQL, ("marketingqualifiedlead", "Marketing Qualified Lead")),
        (SQL, ("salesqualifiedlead", "Sales Qualified Lead")),
        (OPPORTUNITY, ("opportunity", "Opportunity")),
        (WON, ("customer", "Customer", "evangelist", "Evangelist")),
    ) for v in values
}
#: Deal stages that close a deal, when the export has no won/closed columns (HubSpot's
#: default pipeline ids and labels, Salesforce's default opportunity stages).
WON_STAGES = frozenset(key(v) for v in ("closedwon", "Closed Won", "Won", "Gewonnen"))
LOST_STAGES = frozenset(key(v) for v in ("closedlost", "Closed Lost", "Lost", "Verloren"))
#: The LeadHistory field of a lead's status (API name and label).
STATUS_FIELDS = frozenset(key(v) for v in ("Status", "Lead Status"))

# ---------------------------------------------------------------- personal columns
#: Columns with a person's name or contact details: recognised only to say they are
#: not read. (Any other unknown column is ignored as well.)
PERSONAL = frozenset(key(h) for h in (
    "firstname", "lastname", "email", "phone", "mobilephone", "First Name", "Last Name",
    "Email", "Email Address", "Phone Number", "Mobile Phone Number", "Full Name", "Name",
    "FirstName", "LastName", "Phone", "MobilePhone", "Title", "Job Title", "jobtitle",
    "Company", "Company Name", "company", "Street", "Street Address", "address", "City",
    "city", "Postal Code", "zip", "PostalCode", "Salutation", "salutation", "Fax",
    "Fax Number", "Website", "Website URL", "dealname", "Deal Name", "Opportunity Name",
    "Account Name", "Description", "description", "Message", "message", "LinkedIn Bio",
    "Twitter Username", "Work email", "Private e-mail address", "Date of birth",
    "NewValue", "OldValue", "New Value", "Old Value", "Contact", "Lead",
))
