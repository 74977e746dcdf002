"""The organisation context: the few facts a scan owner gives once per scan.

The target phase depends on them (the article: a small firm whose marketing mainly
supplies leads need not force integration), so they are validated as strictly as the
answers: :meth:`Context.from_mapping` reports every wrong key or value at once, each
naming the key, the value given and what is allowed. Every field may be unknown
(``None``); the target rules then say what they could not judge.

The same mapping is what a TOML context file holds (see ``docs/examples/context.toml``)
and what the web app stores, and :data:`CONTEXT_FIELDS` carries the labels and choices
the web app builds its form from.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal

from tandem.i18n import Text, plural

EmployeeBand = Literal["1-9", "10-49", "50-249", "250-999", "1000+"]
MarketType = Literal["b2b", "b2c", "both"]
Growth = Literal["shrinking", "stable", "moderate", "strong"]
MarketingRole = Literal["leads", "brand", "both"]
Sector = Literal[
    "manufacturing", "trade", "ict", "finance", "business_services", "health", "public",
    "construction", "other",
]
FieldKind = Literal["choice", "count", "flag"]
SizeClass = Literal["small", "medium", "large"]

EMPLOYEE_BANDS: tuple[EmployeeBand, ...] = ("1-9", "10-49", "50-249", "250-999", "1000+")
MARKET_TYPES: tuple[MarketType, ...] = ("b2b", "b2c", "both")
GROWTH_LEVELS: tuple[Growth, ...] = ("shrinking", "stable", "moderate", "strong")
MARKETING_ROLES: tuple[MarketingRole, ...] = ("leads", "brand", "both")
#: Sectors: the NACE sections grouped into a few sets big enough to compare organisations.
SECTORS: tuple[Sector, ...] = (
    "manufacturing", "trade", "ict", "finance", "business_services", "health", "public",
    "construction", "other",
)

#: Size classes of the target rules: small < 50 employees, medium 50-249, large >= 250.
SIZE_CLASS: dict[EmployeeBand, SizeClass] = {
    "1-9": "small",
    "10-49": "small",
    "50-249": "medium",
    "250-999": "large",
    "1000+": "large",
}

CHOICE_KEYS: tuple[str, ...] = ("employees", "sector", "market", "growth", "marketing_role")
COUNT_KEYS: tuple[str, ...] = ("sales_team", "marketing_team", "service_team", "markets")
FLAG_KEYS: tuple[str, ...] = ("key_accounts", "commercial_lead", "sla")

YES = Text(nl="Ja", en="Yes")
NO = Text(nl="Nee", en="No")
UNKNOWN = Text(nl="Onbekend", en="Unknown")


@dataclass(frozen=True, slots=True)
class Choice:
    """One allowed value of a choice field, with its label."""

    code: str
    label: Text


@dataclass(frozen=True, slots=True)
class ContextField:
    """One context question as data: enough for a form, a TOML comment or a report."""

    key: str
    kind: FieldKind
    label: Text
    help: Text
    choices: tuple[Choice, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.choices)

    def value_label(self, value: object) -> Text:
        """How a value of this field reads in a report (``None`` reads as unknown)."""
        if value is None:
            return UNKNOWN
        if self.kind == "flag":
            return YES if value else NO
        for choice in self.choices:
            if choice.code == value:
                return choice.label
        return Text(nl=str(value), en=str(value))


def _choices(*pairs: tuple[str, str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(code, Text(nl=nl, en=en)) for code, nl, en in pairs)


CONTEXT_FIELDS: tuple[ContextField, ...] = (
    ContextField(
        key="employees",
        kind="choice",
        label=Text(nl="Aantal medewerkers", en="Number of employees"),
        help=Text(
            nl="Het hele bedrijf of de organisatie-eenheid die de scan doet.",
            en="The whole company, or the business unit that runs the scan.",
        ),
        choices=_choices(
            ("1-9", "1–9", "1–9"),
            ("10-49", "10–49", "10–49"),
            ("50-249", "50–249", "50–249"),
            ("250-999", "250–999", "250–999"),
            ("1000+", "1000 of meer", "1,000 or more"),
        ),
    ),
    ContextField(
        key="sector",
        kind="choice",
        label=Text(nl="Sector", en="Sector"),
        help=Text(
            nl="De hoofdactiviteit van de organisatie (SBI/NACE-secties, gegroepeerd); "
            "benchmarks vergelijken met organisaties in dezelfde sector.",
            en="The organisation's main activity (NACE sections, grouped); benchmarks "
            "compare with organisations in the same sector.",
        ),
        choices=_choices(
            ("manufacturing", "Industrie, energie en water (B–E)",
             "Manufacturing, energy and utilities (B–E)"),
            ("trade", "Groot- en detailhandel (G)", "Wholesale and retail (G)"),
            ("ict", "ICT, media en telecom (J)", "ICT, media and telecoms (J)"),
            ("finance", "Financiële dienstverlening (K)", "Financial services (K)"),
            ("business_services", "Zakelijke dienstverlening (M, N)",
             "Business services (M, N)"),
            ("health", "Zorg en welzijn (Q)", "Health and care (Q)"),
            ("public", "Overheid en onderwijs (O, P)", "Public sector and education (O, P)"),
            ("construction", "Bouw en vastgoed (F, L)", "Construction and real estate (F, L)"),
            ("other", "Overig (o.a. logistiek, horeca, landbouw)",
             "Other (such as logistics, hospitality, farming)"),
        ),
    ),
    ContextField(
        key="sales_team",
        kind="count",
        label=Text(nl="Aantal mensen in Sales", en="People in Sales"),
        help=Text(
            nl="Inclusief binnendienst en accountmanagers.",
            en="Including inside sales and account managers.",
        ),
    ),
    ContextField(
        key="marketing_team",
        kind="count",
        label=Text(nl="Aantal mensen in Marketing", en="People in Marketing"),
        help=Text(
            nl="Inclusief communicatie en marketingondersteuning.",
            en="Including communications and marketing support.",
        ),
    ),
    ContextField(
        key="service_team",
        kind="count",
        label=Text(nl="Aantal mensen in Customer Service", en="People in Customer Service"),
        help=Text(
            nl="Iedereen die klantvragen en klachten afhandelt.",
            en="Everyone who handles customer questions and complaints.",
        ),
    ),
    ContextField(
        key="markets",
        kind="count",
        label=Text(nl="Aantal markten of klantsegmenten", en="Number of markets or segments"),
        help=Text(
            nl="Markten of segmenten met een eigen aanpak, bijvoorbeeld landen of branches.",
            en="Markets or segments with their own approach, such as countries or industries.",
        ),
    ),
    ContextField(
        key="market",
        kind="choice",
        label=Text(nl="Soort klanten", en="Type of customers"),
        help=Text(
            nl="Verkoopt u aan bedrijven, aan consumenten of aan allebei?",
            en="Do you sell to businesses, to consumers, or to both?",
        ),
        choices=_choices(
            ("b2b", "Bedrijven (b2b)", "Businesses (B2B)"),
            ("b2c", "Consumenten (b2c)", "Consumers (B2C)"),
            ("both", "Allebei", "Both"),
        ),
    ),
    ContextField(
        key="growth",
        kind="choice",
        label=Text(nl="Groei in de afgelopen twee jaar", en="Growth over the last two years"),
        help=Text(
            nl="Naar omzet of aantal medewerkers, wat voor u het meest zegt.",
            en="By revenue or headcount, whichever says more about you.",
        ),
        choices=_choices(
            ("shrinking", "Gekrompen", "Shrinking"),
            ("stable", "Stabiel", "Stable"),
            ("moderate", "Gematigde groei", "Moderate growth"),
            ("strong", "Sterke groei", "Strong growth"),
        ),
    ),
    ContextField(
        key="marketing_role",
        kind="choice",
        label=Text(nl="Belangrijkste rol van Marketing", en="Marketing's main role"),
        help=Text(
            nl="Levert Marketing vooral leads aan Sales, of werkt het aan merk en strategie?",
            en="Does Marketing mainly supply Sales with leads, or work on brand and strategy?",
        ),
        choices=_choices(
            ("leads", "Sales ondersteunen met leads", "Supporting Sales with leads"),
            ("brand", "Merk en strategie", "Brand and strategy"),
            ("both", "Allebei", "Both"),
        ),
    ),
    ContextField(
        key="key_accounts",
        kind="flag",
        label=Text(nl="Key accounts", en="Key accounts"),
        help=Text(
            nl="Heeft u grote klanten met een eigen accountmanager en accountplan?",
            en="Do you have major customers with their own account manager and account plan?",
        ),
    ),
    ContextField(
        key="commercial_lead",
        kind="flag",
        label=Text(nl="Eén commercieel directeur", en="A single commercial leader"),
        help=Text(
            nl="Stuurt één directielid, bijvoorbeeld een CCO, Sales en Marketing samen aan?",
            en="Does one executive, such as a CCO, lead Sales and Marketing together?",
        ),
    ),
    ContextField(
        key="sla",
        kind="flag",
        label=Text(
            nl="Schriftelijke afspraken tussen Sales en Marketing (SLA)",
            en="A written Sales–Marketing agreement (SLA)",
        ),
        help=Text(
            nl="Bijvoorbeeld over welke leads Marketing levert en hoe snel Sales ze opvolgt.",
            en="For example which leads Marketing delivers and how fast Sales follows them up.",
        ),
    ),
)

KEYS: tuple[str, ...] = tuple(f.key for f in CONTEXT_FIELDS)
_FIELDS: dict[str, ContextField] = {f.key: f for f in CONTEXT_FIELDS}


def context_field(key: str) -> ContextField:
    """The field description of ``key`` (KeyError for an unknown key)."""
    return _FIELDS[key]


class ContextError(ValueError):
    """An invalid context; ``problems`` lists every problem, each in Dutch and English."""

    def __init__(self, problems: list[Text], source: str = "context") -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """The full message in ``lang`` (``nl`` or ``en``), for a user who edits the file."""
        n = len(self.problems)
        head = plural(n, Text(f"{self.source}: 1 fout in de context:",
                              f"{self.source}: 1 problem in the context:"),
                      Text(f"{self.source}: {n} fouten in de context:",
                           f"{self.source}: {n} problems in the context:"))
        return "\n".join([head(lang), *(f"  - {p(lang)}" for p in self.problems)])


def _shown(value: object) -> str:
    """A value as the user wrote it in TOML (so 'true' in quotes stays visibly a string)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _check(key: str, value: object) -> Text | None:
    """The problem with ``value`` for ``key``, or None when it is allowed."""
    spec = _FIELDS.get(key)
    if spec is None:
        known = ", ".join(KEYS)
        return Text(
            nl=f"onbekende sleutel {key!r} (= {_shown(value)}); bekende sleutels: {known}",
            en=f"unknown key {key!r} (= {_shown(value)}); known keys: {known}",
        )
    if value is None:
        return None
    if spec.kind == "choice":
        if isinstance(value, str) and value in spec.codes:
            return None
        allowed = ", ".join(f'"{c}"' for c in spec.codes)
        return Text(
            nl=f"{key} = {_shown(value)} is niet toegestaan; kies uit {allowed}",
            en=f"{key} = {_shown(value)} is not allowed; use one of {allowed}",
        )
    if spec.kind == "count":
        if isinstance(value, bool) or not isinstance(value, int):
            return Text(
                nl=f"{key} = {_shown(value)} is geen aantal; geef een geheel getal van 0 of meer, "
                "zonder aanhalingstekens",
                en=f"{key} = {_shown(value)} is not a count; give a whole number, 0 or more, "
                "without quotes",
            )
        if value < 0:
            return Text(
                nl=f"{key} = {value} is negatief; geef een geheel getal van 0 of meer",
                en=f"{key} = {value} is negative; give a whole number, 0 or more",
            )
        return None
    if isinstance(value, bool):
        return None
    return Text(
        nl=f"{key} = {_shown(value)} is geen ja/nee-waarde; schrijf true of false, "
        "zonder aanhalingstekens",
        en=f"{key} = {_shown(value)} is not a yes/no value; write true or false, without quotes",
    )


@dataclass(frozen=True, slots=True)
class Context:
    """What the owner told us about the organisation; ``None`` means unknown.

    Construction validates, so a Context in hand is always valid.
    """

    employees: EmployeeBand | None = None
    sector: Sector | None = None
    sales_team: int | None = None
    marketing_team: int | None = None
    service_team: int | None = None
    markets: int | None = None
    market: MarketType | None = None
    growth: Growth | None = None
    marketing_role: MarketingRole | None = None
    key_accounts: bool | None = None
    commercial_lead: bool | None = None
    sla: bool | None = None

    def __post_init__(self) -> None:
        problems = [p for f in fields(self) if (p := _check(f.name, getattr(self, f.name)))]
        if problems:
            raise ContextError(problems)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "context") -> Context:
        """Validate a mapping (parsed TOML, stored JSON) and build a Context.

        Unknown keys are errors, not ignored: a misspelt key would otherwise silently
        leave a fact unknown and change the target phase.
        """
        problems = [p for key, value in data.items() if (p := _check(str(key), value))]
        if problems:
            raise ContextError(problems, source)
        return cls(**{str(k): v for k, v in data.items()})

    def to_mapping(self) -> dict[str, str | int | bool]:
        """The known values only, in field order; ``from_mapping`` gives the same Context."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }

    def to_toml(self) -> str:
        """The known values as a TOML document that :func:`load_context` reads back."""
        return "".join(f"{key} = {_shown(value)}\n" for key, value in self.to_mapping().items())

    @property
    def size(self) -> SizeClass | None:
        """Small (< 50 employees), medium (50-249) or large (>= 250); None when unknown."""
        return None if self.employees is None else SIZE_CLASS[self.employees]

    @property
    def missing(self) -> tuple[str, ...]:
        """The keys whose value is unknown."""
        return tuple(f.name for f in fields(self) if getattr(self, f.name) is None)

    def label(self, key: str) -> Text:
        """The value of ``key`` as it reads in a report (e.g. "Strong growth")."""
        return _FIELDS[key].value_label(getattr(self, key))


def load_context(path: Path | str) -> Context:
    """Read and validate a context TOML file; syntax errors name the file."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContextError(
            [Text(nl=f"geen geldige TOML: {exc}", en=f"not valid TOML: {exc}")], str(path)
        ) from exc
    return Context.from_mapping(raw, source=str(path))


__all__ = [
    "CHOICE_KEYS",
    "CONTEXT_FIELDS",
    "COUNT_KEYS",
    "EMPLOYEE_BANDS",
    "FLAG_KEYS",
    "GROWTH_LEVELS",
    "KEYS",
    "MARKETING_ROLES",
    "MARKET_TYPES",
    "SECTORS",
    "SIZE_CLASS",
    "Choice",
    "Context",
    "ContextError",
    "ContextField",
    "context_field",
    "load_context",
]
