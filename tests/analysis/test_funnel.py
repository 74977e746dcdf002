"""The funnel metrics of the HubSpot and Salesforce fixtures, checked against a computation
written here independently: pandas on the raw export files, with its own parsing, joins
and grouping (none of tandem.io.crm or tandem.analysis.funnel is used for the expected
figures)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tandem.analysis.funnel import (
    FunnelMetrics,
    funnel_metrics,
    response_hours,
    window,
    window_figures,
)
from tandem.analysis.sla import Commitment, attainment, monthly_target, target_hours
from tandem.io.crm import FunnelData, read_crm

CRM = Path(__file__).parents[1] / "fixtures" / "crm"
SALT = b"independent"


def _read(*names: str) -> FunnelData:
    parts = [read_crm(CRM / name, SALT).data for name in names]
    assert all(p is not None for p in parts)
    return FunnelData(
        tuple(lead for p in parts for lead in p.leads),  # type: ignore[union-attr]
        tuple(d for p in parts for d in p.deals),  # type: ignore[union-attr]
        tuple(c for p in parts for c in p.changes),  # type: ignore[union-attr]
    )


def _month(series: pd.Series) -> pd.Series:
    return series.dt.strftime("%Y-%m")


def _close(actual: float | None, expected: float | None, where: object) -> None:
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        assert actual is None, where
    else:
        assert actual is not None and actual == pytest.approx(expected, abs=1e-6), where


def _check(metrics: FunnelMetrics, expected: pd.DataFrame) -> None:
    """Every column of ``expected`` (indexed by month) equals the metrics' field."""
    assert [m.month for m in metrics.months] == list(expected.index)
    for row in metrics.months:
        for column in expected.columns:
            value = expected.at[row.month, column]
            _close(getattr(row, column), None if pd.isna(value) else float(value),
                   (row.month, column))


def _count_by(moments: pd.Series, months: pd.Index) -> pd.Series:
    return _month(moments.dropna()).value_counts().reindex(months, fill_value=0)


# ---------------------------------------------------------------- HubSpot


@pytest.fixture(scope="module")
def hubspot() -> tuple[FunnelMetrics, FunnelData]:
    data = _read("hubspot-crm-exports-all-contacts-2025-07-01.csv",
                 "hubspot-crm-exports-all-deals-2025-07-01.xlsx")
    return funnel_metrics(data), data


def _hubspot_expected() -> pd.DataFrame:
    c = pd.read_csv(CRM / "hubspot-crm-exports-all-contacts-2025-07-01.csv", dtype=str,
                    keep_default_na=False)
    when = {name: pd.to_datetime(c[column].replace("", None), format="%Y-%m-%d %H:%M")
            for name, column in (("created", "Create Date"),
                                 ("mql", "Became a Marketing Qualified Lead Date"),
                                 ("sql", "Became a Sales Qualified Lead Date"),
                                 ("opp", "Became an Opportunity Date"),
                                 ("won", "Became a Customer Date"),
                                 ("touch", "First Engagement Date"))}
    stage_level = c["Lifecycle Stage"].map({
        "Lead": 1, "Marketing Qualified Lead": 2, "Sales Qualified Lead": 3, "Opportunity": 4,
        "Customer": 5}).fillna(1)
    level = np.maximum.reduce([stage_level.to_numpy(),
                               np.where(when["mql"].notna(), 2, 1),
                               np.where(when["sql"].notna(), 3, 1),
                               np.where(when["opp"].notna(), 4, 1),
                               np.where(when["won"].notna(), 5, 1)])
    d = pd.read_excel(CRM / "hubspot-crm-exports-all-deals-2025-07-01.xlsx")
    won_deal = d["hs_is_closed_won"].astype(bool)
    lost_deal = d["hs_is_closed"].astype(bool) & ~won_deal
    all_months = pd.concat([*(s.dropna() for s in when.values() if s is not when["touch"]),
                            d.loc[won_deal | lost_deal, "closedate"]])
    months = pd.period_range(all_months.min(), all_months.max(), freq="M").strftime("%Y-%m")
    out = pd.DataFrame(index=months)
    for name, column in (("leads", "created"), ("mqls", "mql"), ("sqls", "sql"),
                         ("opportunities", "opp"), ("won", "won")):
        out[name] = _count_by(when[column], months)
    cohort = pd.DataFrame({"month": _month(when["created"]), "level": level})
    for name, least in (("cohort", 1), ("cohort_mql", 2), ("cohort_sql", 3),
                        ("cohort_opportunity", 4), ("cohort_won", 5)):
        out[name] = (cohort[cohort.level >= least].groupby("month").size()
                     .reindex(months, fill_value=0))
    out["mql_to_sql"] = out.cohort_sql / out.cohort_mql.replace(0, np.nan)
    out["sql_to_opportunity"] = out.cohort_opportunity / out.cohort_sql.replace(0, np.nan)
    out["opportunity_to_won"] = out.cohort_won / out.cohort_opportunity.replace(0, np.nan)
    mqls = pd.DataFrame({"month": _month(when["mql"]),
                         "hours": ((when["touch"] - when["mql"]).dt.total_seconds() / 3600)
                         .clip(lower=0)})[when["mql"].notna()]
    grouped = mqls.groupby("month")["hours"]
    out["response_median"] = grouped.median().reindex(months)
    out["response_p90"] = grouped.quantile(0.9).reindex(months)
    out["responded"] = grouped.count().reindex(months, fill_value=0)
    out["not_contacted"] = (mqls.hours.isna().groupby(mqls.month).sum()
                            .reindex(months, fill_value=0))
    # time in the MQL stage: to the first later stage date, by the month it was left
    later = pd.concat([when["sql"], when["opp"], when["won"]], axis=1)
    later = later.where(later.ge(when["mql"], axis=0))
    left = later.min(axis=1)
    stay = pd.DataFrame({"month": _month(left), "days": (left - when["mql"]).dt.total_seconds()
                         / 86400}).dropna()
    out["days_in_mql"] = stay.groupby("month")["days"].median().reindex(months)
    closed = pd.DataFrame({"month": _month(d["closedate"]), "won": won_deal, "lost": lost_deal,
                           "amount": d["amount"].where(won_deal, 0)})[won_deal | lost_deal]
    per = closed.groupby("month")
    out["deals_won"] = per["won"].sum().reindex(months, fill_value=0)
    out["deals_lost"] = per["lost"].sum().reindex(months, fill_value=0)
    out["win_rate"] = out.deals_won / (out.deals_won + out.deals_lost).replace(0, np.nan)
    out["won_amount"] = per["amount"].sum().reindex(months, fill_value=0)
    return out


def test_hubspot_metrics_match_an_independent_computation(
        hubspot: tuple[FunnelMetrics, FunnelData]) -> None:
    metrics, _data = hubspot
    _check(metrics, _hubspot_expected())
    assert sum(m.cohort_sql for m in metrics.months) > 20  # the check compared real figures


def test_hubspot_deal_stage_times_match(hubspot: tuple[FunnelMetrics, FunnelData]) -> None:
    metrics, _data = hubspot
    d = pd.read_excel(CRM / "hubspot-crm-exports-all-deals-2025-07-01.xlsx")
    entered = [c for c in d.columns if c.startswith("hs_v2_date_entered_")]
    long = d.melt(id_vars="hs_object_id", value_vars=entered, var_name="stage",
                  value_name="at").dropna().sort_values(["hs_object_id", "at"])
    long["next"] = long.groupby("hs_object_id")["at"].shift(-1)
    long["days"] = (long["next"] - long["at"]).dt.total_seconds() / 86400
    expected = long.dropna(subset=["days"]).groupby("stage")["days"].agg(["median", "count"])
    found = {s.stage: s for s in metrics.stages if s.record == "deal"}
    labels = {f"hs_v2_date_entered_{s}": s for s in (
        "appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
        "decisionmakerboughtin", "contractsent")}
    assert set(found) == set(labels.values())
    for column, row in expected.iterrows():
        stage = found[labels[str(column)]]
        assert stage.n == row["count"]
        assert stage.median_days == pytest.approx(row["median"])
    assert [s.stage for s in metrics.stages if s.record == "deal"] == list(labels.values())


# ---------------------------------------------------------------- Salesforce


@pytest.fixture(scope="module")
def salesforce() -> tuple[FunnelMetrics, FunnelData]:
    data = _read("salesforce-lead.csv", "salesforce-leadhistory.csv",
                 "salesforce-opportunity.csv", "salesforce-opportunityhistory.csv")
    return funnel_metrics(data), data


def _sf(name: str) -> pd.DataFrame:
    return pd.read_csv(CRM / name, dtype=str, keep_default_na=False)


def _utc(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series.replace("", None), utc=True).dt.tz_localize(None)


def _salesforce_expected() -> pd.DataFrame:
    leads, opps = _sf("salesforce-lead.csv"), _sf("salesforce-opportunity.csv")
    history = _sf("salesforce-leadhistory.csv")
    leads["key"] = leads["Id"].str[:15]
    leads["created"] = _utc(leads["CreatedDate"])
    leads["converted"] = pd.to_datetime(leads["ConvertedDate"].replace("", None))
    leads["has_opp"] = leads["ConvertedOpportunityId"] != ""
    opps["key"] = opps["Id"].str[:15]
    opps["close"] = pd.to_datetime(opps["CloseDate"])
    won_opps = opps[opps["IsWon"] == "true"].set_index("key")["close"]
    leads["won"] = leads["ConvertedOpportunityId"].str[:15].map(won_opps)
    touches = history[history["Field"] == "Status"].assign(at=lambda h: _utc(h["CreatedDate"]))
    leads["touch"] = leads["key"].map(touches.groupby("LeadId")["at"].min())
    leads["opp"] = leads["converted"].where(leads["has_opp"])
    closed = opps[opps["IsClosed"] == "true"].assign(won=lambda o: o["IsWon"] == "true")
    months = pd.period_range(
        min(leads["created"].min(), closed["close"].min()),
        max(leads[["created", "converted", "won"]].max().max(), closed["close"].max()),
        freq="M").strftime("%Y-%m")
    out = pd.DataFrame(index=months)
    out["leads"] = _count_by(leads["created"], months)
    out["mqls"] = out["leads"]
    out["sqls"] = _count_by(leads["converted"], months)
    out["opportunities"] = _count_by(leads["opp"], months)
    out["won"] = _count_by(leads["won"], months)
    level = (2 + leads["converted"].notna().astype(int) + leads["has_opp"].astype(int)
             + leads["won"].notna().astype(int))
    cohort = pd.DataFrame({"month": _month(leads["created"]), "level": level})
    for name, least in (("cohort_mql", 2), ("cohort_sql", 3), ("cohort_opportunity", 4),
                        ("cohort_won", 5)):
        out[name] = (cohort[cohort.level >= least].groupby("month").size()
                     .reindex(months, fill_value=0))
    out["mql_to_sql"] = out.cohort_sql / out.cohort_mql.replace(0, np.nan)
    hours = ((leads["touch"] - leads["created"]).dt.total_seconds() / 3600).clip(lower=0)
    grouped = hours.groupby(_month(leads["created"]))
    out["response_median"] = grouped.median().reindex(months)
    out["response_p90"] = grouped.quantile(0.9).reindex(months)
    out["not_contacted"] = hours.isna().groupby(_month(leads["created"])).sum().reindex(
        months, fill_value=0)
    per = closed.groupby(_month(closed["close"]))
    out["deals_won"] = per["won"].sum().reindex(months, fill_value=0)
    out["deals_lost"] = (~closed["won"]).groupby(_month(closed["close"])).sum().reindex(
        months, fill_value=0)
    out["win_rate"] = out.deals_won / (out.deals_won + out.deals_lost).replace(0, np.nan)
    out["won_amount"] = (closed["Amount"].astype(float).where(closed["won"], 0)
                         .groupby(_month(closed["close"])).sum().reindex(months, fill_value=0))
    return out


def test_salesforce_metrics_match_an_independent_computation(
        salesforce: tuple[FunnelMetrics, FunnelData]) -> None:
    metrics, _data = salesforce
    _check(metrics, _salesforce_expected())
    assert sum(m.won for m in metrics.months) > 3  # wins came through the opportunity join
    assert sum(m.responded for m in metrics.months) > 50  # touches through the LeadHistory


def test_salesforce_opportunity_stage_times_match(
        salesforce: tuple[FunnelMetrics, FunnelData]) -> None:
    metrics, _data = salesforce
    h = _sf("salesforce-opportunityhistory.csv")
    h["at"] = _utc(h["CreatedDate"])
    h = h.sort_values(["OpportunityId", "at"])
    new_stay = (h["StageName"] != h.groupby("OpportunityId")["StageName"].shift())
    stays = h[new_stay].copy()
    stays["next"] = stays.groupby("OpportunityId")["at"].shift(-1)
    stays["days"] = (stays["next"] - stays["at"]).dt.total_seconds() / 86400
    expected = stays.dropna(subset=["days"]).groupby("StageName")["days"].median()
    found = {s.stage: s.median_days for s in metrics.stages if s.record == "deal"}
    assert found == pytest.approx(expected.to_dict())
    assert len(h) > len(stays)  # the history has repeated stages (amount changes) to fold


# ---------------------------------------------------------------- the agreement


def test_attainment_follows_the_targets(hubspot: tuple[FunnelMetrics, FunnelData]) -> None:
    metrics, data = hubspot
    hours = response_hours(data)
    volume = attainment(Commitment(1, "lead_volume", "MQLs", 20, "MQLs per month"), metrics,
                        hours)
    assert [m.met for m in volume.months] == [m.mqls >= 20 for m in metrics.months]
    follow = attainment(Commitment(2, "follow_up", "Call back", 2, "working days"), metrics,
                        hours)
    assert {m.target for m in follow.months} == {48.0}
    for m, got in zip(metrics.months, follow.months, strict=True):
        assert got.value == m.response_median
        assert got.met == (m.response_median is not None and m.response_median <= 48)
        touched = [h for h in hours[m.month] if h is not None]
        assert got.share_within == pytest.approx(
            sum(h <= 48 for h in touched) / len(hours[m.month]))
    quality = attainment(Commitment(3, "lead_quality", "SQL", 40, "% of MQLs"), metrics, hours)
    assert [m.met for m in quality.months] == [
        None if m.mql_to_sql is None else m.mql_to_sql >= 0.4 for m in metrics.months]
    not_a_share = Commitment(4, "lead_quality", "SQL", 40, "leads")
    assert attainment(not_a_share, metrics, hours).measure == ""
    assert attainment(Commitment(5, "feedback", "Monthly", 1, "meeting"), metrics,
                      hours).note is not None
    assert monthly_target(70, "leads per week", "2025-02") == pytest.approx(280)
    assert monthly_target(600, "MQLs per year", "2025-02") == 50
    assert target_hours(30, "minutes") == 0.5


def test_the_window_beside_a_scan_pools_its_months(
        hubspot: tuple[FunnelMetrics, FunnelData]) -> None:
    metrics, data = hubspot
    months = window(metrics, pd.Timestamp("2025-05-20").date())
    assert months == ("2025-03", "2025-04", "2025-05")
    figures = window_figures(data, metrics, months)
    rows = [metrics.month(m) for m in months]
    assert figures.mql_to_sql == pytest.approx(
        sum(r.cohort_sql for r in rows if r) / sum(r.cohort_mql for r in rows if r))
    hours = response_hours(data)
    pooled = [h for m in months for h in hours[m] if h is not None]
    assert figures.response_median == pytest.approx(float(np.median(pooled)))
    assert window(metrics, None) == ("2025-04", "2025-05", "2025-06")


def test_small_cases_by_hand() -> None:
    """A touch before the MQL date counts as 0 hours; an untouched MQL is not contacted;
    a converted Salesforce lead is won when its opportunity is; a stage left for an earlier
    one's date does not count backwards."""
    from datetime import datetime

    from tandem.io.crm import Deal, Lead, StageChange

    t = datetime(2025, 3, 10, 9)
    leads = (
        Lead("hubspot", "a", t, mql=t, first_touch=datetime(2025, 3, 10, 4), reached=2),
        Lead("hubspot", "b", t, mql=t, reached=2),
        Lead("salesforce", "c", t, mql=t, sql=datetime(2025, 3, 20),
             opportunity=datetime(2025, 3, 20), reached=4, deal_key="d"),
    )
    deals = (Deal("salesforce", "d", datetime(2025, 3, 20), closed=datetime(2025, 4, 2),
                  outcome="won", amount=1000.0),)
    changes = (StageChange("salesforce", "lead", "c", "status", datetime(2025, 3, 11, 9)),
               StageChange("salesforce", "lead", "c", "status", datetime(2025, 3, 12, 9)))
    data = FunnelData(leads, deals, changes)
    assert response_hours(data) == {"2025-03": [0.0, None, 24.0]}
    metrics = funnel_metrics(data)
    march, april = metrics.months
    assert (march.responded, march.not_contacted, march.response_median) == (2, 1, 12.0)
    assert (march.cohort_mql, march.cohort_won, march.opportunity_to_won) == (3, 1, 1.0)
    assert (april.won, april.deals_won, april.win_rate, april.won_amount) == (1, 1, 1.0, 1000.0)
    assert march.days_in_mql == pytest.approx(10 - 9 / 24)
