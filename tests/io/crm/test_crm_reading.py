"""Reading CRM exports: each fixture is recognised, columns by internal name and by label,
dates in the tools' formats, all or nothing with problems by file, row and column, and
nothing personal in what is kept."""

from __future__ import annotations

import csv
import dataclasses
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tandem.io.crm import FunnelData, read_crm
from tandem.io.crm.formats import entered_stage, stage_name
from tandem.io.crm.values import (
    BadValueError,
    date_order,
    parse_amount,
    parse_bool,
    parse_datetime,
    pseudonym,
    record_id,
)

CRM = Path(__file__).parents[2] / "fixtures" / "crm"
CONTACTS = CRM / "hubspot-crm-exports-all-contacts-2025-07-01.csv"
DEALS = CRM / "hubspot-crm-exports-all-deals-2025-07-01.xlsx"
LEADS = CRM / "salesforce-lead.csv"
LEAD_HISTORY = CRM / "salesforce-leadhistory.csv"
OPPORTUNITIES = CRM / "salesforce-opportunity.csv"
OPPORTUNITY_HISTORY = CRM / "salesforce-opportunityhistory.csv"
SALT = b"organisation salt"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]], **options: str) -> Path:
    with path.open("w", encoding=options.pop("encoding", "utf-8"), newline="") as f:
        csv.writer(f, **options).writerows(rows)  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize(("path", "kind", "records"), [
    (CONTACTS, "hubspot_contacts", 160),
    (DEALS, "hubspot_deals", 70),
    (LEADS, "salesforce_leads", 130),
    (LEAD_HISTORY, "salesforce_lead_history", None),
    (OPPORTUNITIES, "salesforce_opportunities", 42),
    (OPPORTUNITY_HISTORY, "salesforce_opportunity_history", 180),
])
def test_every_fixture_is_recognised_and_read(path: Path, kind: str, records: int | None) -> None:
    imported = read_crm(path, SALT)
    assert imported.report.problems == []
    assert imported.report.kind == kind
    assert imported.report.detected
    assert imported.data is not None
    if records is not None:
        assert len(imported.data.leads) + len(imported.data.deals) + (
            0 if imported.data.leads or imported.data.deals else len(imported.data.changes)
        ) == records


def test_headings_by_label_and_by_internal_name() -> None:
    contacts = {h.heading: (h.target, h.method) for h in read_crm(CONTACTS, SALT).report.headings}
    assert contacts["Became a Marketing Qualified Lead Date"] == ("mql", "label")
    assert contacts["First Engagement Date"] == ("first_touch", "label")
    assert contacts["Email"] == (None, "personal")
    assert contacts["First Name"] == (None, "personal")
    assert contacts["Lead Status"] == (None, "ignored")
    deals = {h.heading: (h.target, h.method) for h in read_crm(DEALS, SALT).report.headings}
    assert deals["hs_is_closed_won"] == ("is_won", "internal name")
    assert deals["hs_v2_date_entered_decisionmakerboughtin"] == ("decisionmakerboughtin",
                                                                 "date entered")
    assert deals["dealname"] == (None, "personal")


def test_the_same_contacts_with_internal_names_give_the_same_records(tmp_path: Path) -> None:
    """An export "with internal names" (property names as headings) reads as the labelled one."""
    names = {"Record ID": "hs_object_id", "Create Date": "createdate",
             "Lifecycle Stage": "lifecyclestage", "Contact owner": "hubspot_owner_id",
             "Became a Marketing Qualified Lead Date":
                 "hs_lifecyclestage_marketingqualifiedlead_date",
             "Became a Sales Qualified Lead Date": "hs_lifecyclestage_salesqualifiedlead_date",
             "Became an Opportunity Date": "hs_lifecyclestage_opportunity_date",
             "Became a Customer Date": "hs_lifecyclestage_customer_date",
             "First Engagement Date": "hs_sa_first_engagement_date"}
    rows = _rows(CONTACTS)
    rows[0] = [names.get(h, h) for h in rows[0]]
    internal = read_crm(_write(tmp_path / "contacts.csv", rows, delimiter=";"), SALT)
    assert internal.report.problems == []
    assert {h.method for h in internal.report.headings if h.target} == {"internal name"}
    assert internal.data == read_crm(CONTACTS, SALT).data


def test_windows_1252_with_dutch_dates_reads_like_utf8(tmp_path: Path) -> None:
    """Excel's plain CSV on a Dutch Windows: ';', Windows-1252, day-first dates."""
    rows = _rows(CONTACTS)
    dated = {i for i, h in enumerate(rows[0]) if "Date" in h}
    for row in rows[1:]:
        for i in dated:
            if row[i]:
                moment = datetime.strptime(row[i], "%Y-%m-%d %H:%M")
                row[i] = moment.strftime("%d-%m-%Y %H:%M")
    path = _write(tmp_path / "export.csv", rows, delimiter=";", encoding="cp1252")
    assert read_crm(path, SALT).data == read_crm(CONTACTS, SALT).data


def test_a_bad_date_names_file_row_and_column_and_nothing_is_read(tmp_path: Path) -> None:
    rows = _rows(CONTACTS)
    column = rows[0].index("Became a Marketing Qualified Lead Date")
    rows[37][column] = "31-02-2025 10:00"  # spreadsheet row 38
    imported = read_crm(_write(tmp_path / "contacts-march.csv", rows), SALT)
    assert imported.data is None
    assert imported.report.file == "contacts-march.csv"
    [problem] = imported.report.problems
    assert (problem.row, problem.column) == (38, "Became a Marketing Qualified Lead Date")
    assert "'31-02-2025 10:00' is not a date" in problem.message


def test_missing_columns_empty_ids_and_repeated_records_are_problems(tmp_path: Path) -> None:
    rows = _rows(LEADS)
    rows[5][0] = ""
    rows[9][0] = rows[3][0]
    imported = read_crm(_write(tmp_path / "leads.csv", rows), SALT)
    assert imported.data is None
    assert {(p.row, p.column) for p in imported.report.problems} == {(6, "Id"), (10, "Id")}
    assert "the same record as row 4" in next(
        p.message for p in imported.report.problems if p.row == 10)
    without = [[c for i, c in enumerate(r) if i != rows[0].index("CreatedDate")] for r in rows]
    imported = read_crm(_write(tmp_path / "leads2.csv", without), SALT, kind="salesforce_leads")
    assert any(p.row == 1 and "'created'" in p.message for p in imported.report.problems)


def test_a_file_of_no_known_kind_asks_for_the_kind(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.csv", [["Name", "Email"], ["Anna", "anna@example.nl"]])
    imported = read_crm(path, SALT)
    assert imported.data is None
    assert "cannot tell which export" in imported.report.problems[0].message


def test_nothing_personal_is_kept() -> None:
    """Names, e-mail addresses, phone numbers and owner names of the files appear nowhere
    in the records; ids are keyed pseudonyms."""
    personal: set[str] = set()
    for path in (CONTACTS, LEADS):
        rows = _rows(path)
        for name in ("First Name", "Last Name", "Email", "Phone Number", "Contact owner",
                     "FirstName", "LastName", "Company"):
            if name in rows[0]:
                personal |= {r[rows[0].index(name)] for r in rows[1:] if r}
    kept = [read_crm(p, SALT).data for p in (CONTACTS, DEALS, LEADS, OPPORTUNITIES)]
    values = [v for data in kept if data for records in (data.leads, data.deals)
              for r in records for v in dataclasses.astuple(r)]
    texts = {v for v in values if isinstance(v, str)}
    assert not texts & personal
    contact_ids = {r[0] for r in _rows(CONTACTS)[1:]}
    assert not texts & contact_ids
    lead = kept[0].leads[0] if kept[0] else None
    assert lead is not None and len(lead.key) == 64 and len(lead.owner) == 64
    assert lead.key == pseudonym(SALT, "hubspot:contact", _rows(CONTACTS)[1][0])
    other = read_crm(CONTACTS, b"another organisation").data
    assert other is not None and other.leads[0].key != lead.key


def test_salesforce_files_join_on_15_or_18_character_ids() -> None:
    leads = read_crm(LEADS, SALT).data
    history = read_crm(LEAD_HISTORY, SALT).data
    opportunities = read_crm(OPPORTUNITIES, SALT).data
    assert leads and history and opportunities
    assert {c.key for c in history.changes} <= {lead.key for lead in leads.leads}
    converted = {lead.deal_key for lead in leads.leads if lead.deal_key}
    assert converted and converted <= {d.key for d in opportunities.deals}
    assert record_id("00Q5g0000000001RYL") == record_id("00Q5g0000000001") == "00Q5g0000000001"
    assert record_id("9000014") == "9000014"


def test_workbook_dates_and_flags(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Record ID", "Create Date", "Deal Stage", "Close Date", "Is Closed Won",
                  "Is Deal Closed?", "Amount", 'Date entered "Contract Sent (Sales Pipeline)"'])
    sheet.append([1, datetime(2025, 3, 1, 9), "Contract Sent", datetime(2025, 4, 1), False, False,
                  "12.500,00", datetime(2025, 3, 20, 10)])
    sheet.append([2, datetime(2025, 3, 2, 9), "Lost to competitor", datetime(2025, 4, 2), False,
                  True, 800, None])
    sheet.append([3, datetime(2025, 3, 3, 9), "Signed", datetime(2025, 4, 3), True, True, None,
                  None])
    book.save(tmp_path / "deals.xlsx")
    data = read_crm(tmp_path / "deals.xlsx", SALT).data
    assert data is not None
    open_deal, lost, won = data.deals
    assert (open_deal.outcome, open_deal.closed, open_deal.amount) == ("open", None, 12500.0)
    assert (lost.outcome, lost.closed) == ("lost", datetime(2025, 4, 2))
    assert (won.outcome, won.amount) == ("won", None)
    [change] = data.changes
    assert (change.stage, change.at) == ("contractsent", datetime(2025, 3, 20, 10))


def test_dates_in_the_tools_formats() -> None:
    day_first = date_order(["05-03-2025", "25-03-2025"])
    month_first = date_order(["3/5/2025 2:30 PM", "12/24/2025 9:00 AM"])
    assert day_first.day_first and not month_first.day_first
    assert date_order(["03/05/2025 14:30"]).day_first  # ambiguous, no AM/PM: Dutch
    assert not date_order(["03/05/2025 2:30 PM"]).day_first  # AM/PM: American
    cases = {
        "2025-03-05": datetime(2025, 3, 5),
        "2025-03-05 14:30": datetime(2025, 3, 5, 14, 30),
        "2025-03-05T14:30:00.000Z": datetime(2025, 3, 5, 14, 30),
        "2025-03-05T14:30:00.000+0100": datetime(2025, 3, 5, 13, 30),
        "2025-03-05T14:30:00-05:00": datetime(2025, 3, 5, 19, 30),
        "1741185000000": datetime(2025, 3, 5, 14, 30),
        "05.03.2025": datetime(2025, 3, 5),
    }
    for text, moment in cases.items():
        assert parse_datetime(text, day_first) == moment, text
    assert parse_datetime("3/5/2025 2:30 PM", month_first) == datetime(2025, 3, 5, 14, 30)
    assert parse_datetime("3/5/2025 12:10 AM", month_first) == datetime(2025, 3, 5, 0, 10)
    assert parse_datetime("  ", day_first) is None
    for bad in ("2025-02-30", "yesterday", "13/13/2025", "123", "3/5/2025 13:00 PM"):
        with pytest.raises(BadValueError):
            parse_datetime(bad, month_first)


def test_yes_no_and_amounts() -> None:
    assert [parse_bool(v) for v in ("TRUE", "false", "1", "ja", "")] == [True, False, True, True,
                                                                        None]
    with pytest.raises(BadValueError):
        parse_bool("perhaps")
    amounts = {"12,500.00": 12500.0, "12.500,00": 12500.0, "€ 12.500": 12500.0, "1,5": 1.5,
               "1500.50": 1500.5, "EUR 1,000": 1000.0, "": None}
    for text, value in amounts.items():
        assert parse_amount(text) == value, text
    with pytest.raises(BadValueError):
        parse_amount("n/a")


def test_entered_stage_columns() -> None:
    assert entered_stage("hs_v2_date_entered_closedwon") == "closedwon"
    assert entered_stage('Date entered "Closed Won (Sales Pipeline)"') == "closedwon"
    assert entered_stage("hs_date_entered_1234567") == "1234567"
    assert entered_stage('Date entered "Demo done (New business)"') == "Demo done"
    assert stage_name("qualifiedtobuy", "nl") == "Gekwalificeerd om te kopen"
    assert stage_name("Needs Analysis", "en") == "Needs analysis"
    assert stage_name("Demo done", "nl") == "Demo done"
    assert entered_stage("Create Date") is None


def test_funnel_data_is_all_a_merge_needs() -> None:
    parts = [read_crm(p, SALT).data for p in (LEADS, OPPORTUNITIES)]
    assert all(parts)
    merged = FunnelData(parts[0].leads, parts[1].deals)  # type: ignore[union-attr]
    assert len(merged.leads) == 130 and len(merged.deals) == 42
