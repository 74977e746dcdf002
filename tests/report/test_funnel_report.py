"""The funnel's words and chart: what people said comes only from figures the result
carries (a withheld group is never named), the CRM facts from the window's figures, and
the chart has one bar per count."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET  # parses our own SVG output
from datetime import datetime
from functools import cache
from pathlib import Path

from tandem.analysis.diagnose import diagnose
from tandem.analysis.funnel import WindowFigures, funnel_metrics
from tandem.analysis.sla import Commitment
from tandem.contract.result import Result
from tandem.io.crm import FunnelData, Lead
from tandem.io.responses import read_responses
from tandem.report.charts import funnel_bars
from tandem.report.funnel import NO_FACT, NO_SAID, funnel_report, statements
from tandem.report.wording import number

FIXTURES = Path(__file__).parents[1] / "fixtures"
FIGURES = WindowFigures(months=("2025-05",), mqls=40, mql_to_sql=0.34, opportunity_to_won=0.5,
                        response_median=52.0, response_p90=120.0, responded=30,
                        not_contacted=10, win_rate=0.25, mqls_per_month=40.0)


@cache
def _result() -> Result:
    return diagnose(read_responses(FIXTURES / "tandem.csv"))


def _without_sales(result: Result) -> Result:
    scales = tuple(dataclasses.replace(s, groups=tuple(
        dataclasses.replace(g, suppressed=True, n=None, score=None, tension=None, sd=None,
                            ci_low=None, ci_high=None)
        if g.group == "sales" else g for g in s.groups)) for s in result.scales)
    return dataclasses.replace(result, scales=scales)


def test_what_people_said_is_the_result_s_figure() -> None:
    result = _result()
    process = result.scale("org_process")
    sales = next(g for g in process.groups if g.group == "sales")
    assert sales.tension is not None and not sales.suppressed
    lead_quality = statements(result, FIGURES)[0]
    assert lead_quality.sentence("en").startswith(
        f"Sales puts the tension on processes at {number(sales.tension, 'en')}/100")
    assert lead_quality.sentence("en").endswith(": 34% of MQLs became SQLs.")
    assert lead_quality.sentence("nl").endswith(": 34% van de MQL's werd SQL.")


def test_a_withheld_group_is_never_named() -> None:
    result = _without_sales(_result())
    process = result.scale("org_process")
    said = statements(result, FIGURES)[0].sentence("en")
    assert "Sales puts" not in said
    assert said.startswith(f"The tension on processes is {number(process.tension or 0, 'en')}")


def test_targets_are_set_beside_the_facts() -> None:
    data = FunnelData(leads=(Lead("hubspot", "k", datetime(2025, 5, 2), mql=datetime(2025, 5, 2),
                                  first_touch=datetime(2025, 5, 4, 4), reached=2),))
    report = funnel_report(data, None, [Commitment(1, "follow_up", "Call", 1, "day")],
                           datetime(2025, 5, 30).date())
    follow = report.statements[1]
    assert follow.sentence("en") == (f"{NO_SAID('en')[:1].upper()}{NO_SAID('en')[1:]}: median "
                                     "first contact 52 h (p90 52 h) against the agreed 24 h.")
    assert report.statements[0].sentence("en").endswith(": 0% of MQLs became SQLs.")
    assert report.statements[3].sentence("en").endswith(
        ": agreed targets met 0 of 1 times (per commitment and month).")
    empty = funnel_report(FunnelData(), _result(), [], None)
    assert all(s.fact is None for s in empty.statements)
    assert empty.statements[0].sentence("nl").endswith(NO_FACT("nl") + ".")


def test_the_chart_has_a_bar_per_count() -> None:
    data = FunnelData(leads=tuple(
        Lead("hubspot", str(i), datetime(2025, 3 + i % 2, 5), mql=datetime(2025, 3 + i % 2, 6),
             sql=datetime(2025, 4, 20) if i % 3 == 0 else None, reached=3 if i % 3 == 0 else 2)
        for i in range(9)))
    months = funnel_metrics(data).months
    svg = funnel_bars(months, "en")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    bars = [g for g in root.iter(f"{ns}g") if g.find(f"{ns}rect") is not None]
    assert len(bars) == 3 * len(months) == 6
    tips = [g.find(f"{ns}title").text for g in bars]  # type: ignore[union-attr]
    assert "2025-04 SQLs: 3" in tips and "2025-03 MQLs: 5" in tips
    assert "2025-04: MQLs 4, SQLs 3, Customers 0" in (root.find(f"{ns}desc").text or "")


def test_version_2_statements_speak_for_the_hand_off_and_follow_up() -> None:
    """Version 2 asks the hand-off the other way round (leads get lost) and who and how
    quickly apart: the sentences quote those statements' favourable shares (after
    reverse keying: the share who disagree that leads get lost)."""
    from tandem.instrument import load_instrument
    from tandem.io.demo import generate_responses
    from tandem.report.wording import percent
    from tests.helpers import responses_from_frame

    instrument = load_instrument("tandem-scan-2")
    frame = generate_responses(120, 4, "default", instrument=instrument)
    result = diagnose(responses_from_frame(frame, instrument=instrument))
    items = {i.id: i for s in result.scales for i in s.items}
    said = statements(result, FIGURES)
    lost = percent(items["org_process_4"].favourable, "en")
    assert f"{lost} say leads do not get lost between Marketing and Sales" in said[0].sentence(
        "en")
    follow = said[1].sentence("en")
    assert f"{percent(items['def_lead_owner'].favourable, 'en')} say it is agreed who" in follow
    assert f"{percent(items['def_lead_deadline'].favourable, 'en')} say it is agreed how" in follow
    assert "zegt dat is afgesproken hoe snel een lead wordt opgevolgd" in said[1].sentence("nl")
