"""The named organisations the demos, tests and benchmarks use (``PROFILES``)."""

from __future__ import annotations

from collections.abc import Mapping

from tandem.io.demo.spec import (
    DecisionTendency,
    JourneyTendency,
    OrganisationSpec,
    by_department,
    everyone,
)

_SALES_LOWER = {"sales": -0.4, "marketing": 0.3, "management": 0.15}


def _levels(values: Mapping[str, float], **offsets: float) -> dict[str, dict[str, float]]:
    return {scale: by_department(v, **offsets) for scale, v in values.items()}


def _default() -> OrganisationSpec:
    tensions = _levels(
        {
            "eco_product": 3.5,
            "cul_competence": 3.6,
            "cul_goal": 3.4,
            "cul_time": 3.3,
            "org_systems": 3.2,
        },
        service=-0.1,
    )
    tensions |= _levels(
        {"eco_promotion": 3.3, "eco_power": 3.2, "cul_image": 3.2, "org_process": 3.3},
        **_SALES_LOWER,
    )
    tensions |= _levels({"eco_price": 2.4, "org_metrics": 2.3}, sales=-0.2, marketing=0.1)
    return OrganisationSpec(
        name="default",
        description=(
            "A mid-sized firm in phase II Defined: agreements are in place, alignment and "
            "integration are not; price and metrics rub; Sales sees the relationship less "
            "rosily than Marketing; pricing decisions are contested; nobody owns onboarding."
        ),
        department_shares={
            "sales": 0.34,
            "marketing": 0.2,
            "service": 0.26,
            "management": 0.08,
            "other": 0.12,
        },
        blocks=_levels({"DEF": 3.75, "ALI": 3.05, "INT": 2.35}, **_SALES_LOWER),
        tensions=tensions,
        outcomes=_levels({"out_cx": 3.0, "out_performance": 3.4, "out_wellbeing": 3.1}, sales=-0.3),
        decisions={
            "new_products": DecisionTendency(everyone("marketing"), 0.7),
            "pricing": DecisionTendency(
                everyone("management", sales="sales", marketing="marketing"), 0.6
            ),
            "service_policy": DecisionTendency(everyone("service"), 0.75, should="service"),
            "satisfaction": DecisionTendency(everyone("service"), 0.5),
            "new_markets": DecisionTendency(everyone("management"), 0.7, should="management"),
            "promotion_budget": DecisionTendency(everyone("marketing"), 0.75),
            "lead_definition": DecisionTendency(everyone("joint"), 0.6),
            "key_accounts": DecisionTendency(everyone("sales"), 0.7),
            "messaging": DecisionTendency(everyone("marketing"), 0.7),
        },
        journey={
            "orientation": JourneyTendency(everyone("marketing"), 0.75, 3.4),
            "choice": JourneyTendency(everyone("sales", marketing="marketing"), 0.6, 3.1),
            "purchase": JourneyTendency(everyone("sales"), 0.8, 3.5),
            "onboarding": JourneyTendency(everyone("unclear"), 0.4, 2.6),
            "service": JourneyTendency(everyone("service"), 0.8, 3.3),
            "loyalty": JourneyTendency(everyone("shared", sales="sales"), 0.5, 2.9),
        },
        segments=("Noord", "Zuid", "Online"),
        # Enough open answers that the web demo (60 respondents) shows both questions'.
        comment_rate=0.4,
    )


def _conflict() -> OrganisationSpec:
    gap = {"sales": -0.5, "marketing": 0.4}
    tensions = _levels(
        {
            "eco_price": 2.0,
            "eco_promotion": 2.2,
            "eco_product": 2.5,
            "eco_power": 2.1,
            "cul_competence": 2.4,
            "cul_goal": 2.3,
            "cul_time": 2.4,
            "cul_image": 1.7,
            "org_systems": 2.6,
            "org_process": 2.2,
            "org_metrics": 2.0,
        },
        **gap,
    )
    contested = everyone("nobody", sales="sales", marketing="marketing")
    return OrganisationSpec(
        name="conflict",
        description=(
            "Phase I Undefined: functions work past each other, many sources of tension, "
            "a poor mutual image and contested decision rights."
        ),
        department_shares={
            "sales": 0.4,
            "marketing": 0.18,
            "service": 0.25,
            "management": 0.07,
            "other": 0.1,
        },
        blocks=_levels({"DEF": 2.6, "ALI": 2.2, "INT": 1.8}, **gap),
        tensions=tensions,
        outcomes=_levels({"out_cx": 2.4, "out_performance": 2.9, "out_wellbeing": 2.2}, sales=-0.3),
        decisions={
            "new_products": DecisionTendency(contested, 0.55),
            "pricing": DecisionTendency(contested, 0.55),
            "service_policy": DecisionTendency(everyone("nobody", service="service"), 0.45),
            "satisfaction": DecisionTendency(everyone("nobody"), 0.4),
            "new_markets": DecisionTendency(everyone("management"), 0.5, should="management"),
            "promotion_budget": DecisionTendency(contested, 0.55),
            "lead_definition": DecisionTendency(everyone("nobody"), 0.5),
            "key_accounts": DecisionTendency(everyone("sales"), 0.6),
            "messaging": DecisionTendency(contested, 0.5),
        },
        journey={
            stage: JourneyTendency(everyone("unclear", sales="sales"), 0.4, 2.3)
            for stage in ("orientation", "choice", "purchase", "onboarding", "service", "loyalty")
        },
        comment_rate=0.3,
    )


def _integrated() -> OrganisationSpec:
    return OrganisationSpec(
        name="integrated",
        description=(
            "Phase IV Integrated: shared KPIs and rewards, the customer journey as the "
            "organising principle, little tension anywhere."
        ),
        department_shares={
            "sales": 0.3,
            "marketing": 0.25,
            "service": 0.25,
            "management": 0.08,
            "other": 0.12,
        },
        blocks=_levels({"DEF": 4.45, "ALI": 4.2, "INT": 3.95}, sales=-0.1, marketing=0.05),
        tensions=_levels(
            {
                "eco_price": 3.9,
                "eco_promotion": 4.1,
                "eco_product": 4.2,
                "eco_power": 4.0,
                "cul_competence": 4.3,
                "cul_goal": 4.1,
                "cul_time": 4.0,
                "cul_image": 4.2,
                "org_systems": 4.0,
                "org_process": 4.2,
                "org_metrics": 4.1,
            }
        ),
        outcomes=_levels({"out_cx": 4.1, "out_performance": 3.9, "out_wellbeing": 4.0}),
        decisions={
            area: DecisionTendency(everyone(code), 0.85, should=code, should_consistency=0.8)
            for area, code in {
                "new_products": "joint",
                "pricing": "joint",
                "service_policy": "service",
                "satisfaction": "joint",
                "new_markets": "management",
                "promotion_budget": "joint",
                "lead_definition": "joint",
                "key_accounts": "joint",
                "messaging": "joint",
            }.items()
        },
        journey={
            "orientation": JourneyTendency(everyone("marketing"), 0.85, 4.1),
            "choice": JourneyTendency(everyone("shared"), 0.8, 4.0),
            "purchase": JourneyTendency(everyone("sales"), 0.85, 4.2),
            "onboarding": JourneyTendency(everyone("service"), 0.8, 4.0),
            "service": JourneyTendency(everyone("service"), 0.9, 4.1),
            "loyalty": JourneyTendency(everyone("shared"), 0.8, 4.0),
        },
        segments=("Benelux", "DACH", "Nordics", "UK"),
        dk_rate=0.03,
        comment_rate=0.1,
    )


def _small() -> OrganisationSpec:
    return OrganisationSpec(
        name="small",
        description=(
            "A small firm (about 30 people) where marketing mainly supports sales with "
            "leads and materials; phase II Defined, which may well be enough here."
        ),
        department_shares={
            "sales": 0.5,
            "marketing": 0.15,
            "service": 0.2,
            "management": 0.1,
            "other": 0.05,
        },
        blocks=_levels({"DEF": 3.65, "ALI": 2.9, "INT": 2.1}, sales=-0.2, marketing=0.2),
        tensions=_levels(
            {
                "eco_price": 3.2,
                "eco_promotion": 3.0,
                "eco_product": 3.4,
                "eco_power": 3.3,
                "cul_competence": 3.5,
                "cul_goal": 3.3,
                "cul_time": 3.1,
                "cul_image": 3.4,
                "org_systems": 2.8,
                "org_process": 3.3,
                "org_metrics": 3.0,
            },
            sales=-0.2,
        ),
        outcomes=_levels({"out_cx": 3.3, "out_performance": 3.3, "out_wellbeing": 3.5}),
        decisions={
            "new_products": DecisionTendency(everyone("management"), 0.7, should="joint"),
            "pricing": DecisionTendency(everyone("management"), 0.75, should="management"),
            "service_policy": DecisionTendency(everyone("service"), 0.7, should="service"),
            "satisfaction": DecisionTendency(everyone("service"), 0.55),
            "new_markets": DecisionTendency(everyone("management"), 0.8, should="management"),
            "promotion_budget": DecisionTendency(everyone("marketing"), 0.6),
            "lead_definition": DecisionTendency(everyone("sales"), 0.6),
            "key_accounts": DecisionTendency(everyone("sales"), 0.75, should="sales"),
            "messaging": DecisionTendency(everyone("marketing"), 0.65),
        },
        journey={
            "orientation": JourneyTendency(everyone("marketing"), 0.7, 3.3),
            "choice": JourneyTendency(everyone("sales"), 0.75, 3.3),
            "purchase": JourneyTendency(everyone("sales"), 0.85, 3.5),
            "onboarding": JourneyTendency(everyone("service"), 0.6, 3.1),
            "service": JourneyTendency(everyone("service"), 0.8, 3.4),
            "loyalty": JourneyTendency(everyone("sales"), 0.5, 3.0),
        },
        level_mix={"staff": 0.7, "manager": 0.2, "director": 0.1},
    )


PROFILES: dict[str, OrganisationSpec] = {
    spec.name: spec for spec in (_default(), _conflict(), _integrated(), _small())
}
