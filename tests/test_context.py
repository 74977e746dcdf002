"""The organisation context: strict validation, every problem at once, TOML round trips."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.context import (
    CHOICE_KEYS,
    CONTEXT_FIELDS,
    COUNT_KEYS,
    EMPLOYEE_BANDS,
    FLAG_KEYS,
    GROWTH_LEVELS,
    KEYS,
    MARKET_TYPES,
    MARKETING_ROLES,
    SECTORS,
    Context,
    ContextError,
    context_field,
    load_context,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "context.toml"

FULL: dict[str, Any] = {
    "employees": "50-249",
    "sector": "ict",
    "sales_team": 12,
    "marketing_team": 4,
    "service_team": 0,
    "markets": 2,
    "market": "both",
    "growth": "strong",
    "marketing_role": "brand",
    "key_accounts": True,
    "commercial_lead": False,
    "sla": True,
}


def test_keys_cover_the_fields_of_context_and_the_form() -> None:
    assert set(KEYS) == set(CHOICE_KEYS) | set(COUNT_KEYS) | set(FLAG_KEYS)
    assert set(KEYS) == set(FULL)
    assert list(Context.__dataclass_fields__) == list(KEYS)


def test_a_full_mapping_gives_a_full_context() -> None:
    context = Context.from_mapping(FULL)
    assert context.employees == "50-249"
    assert context.service_team == 0
    assert context.key_accounts is True
    assert context.commercial_lead is False
    assert context.missing == ()
    assert context.size == "medium"


def test_everything_is_optional() -> None:
    context = Context.from_mapping({})
    assert context == Context()
    assert context.missing == KEYS
    assert context.size is None
    assert context.to_mapping() == {}


def test_none_means_unknown() -> None:
    assert Context.from_mapping({"employees": None, "sla": None}) == Context()


@pytest.mark.parametrize(
    ("band", "size"),
    [
        ("1-9", "small"),
        ("10-49", "small"),
        ("50-249", "medium"),
        ("250-999", "large"),
        ("1000+", "large"),
    ],
)
def test_size_classes(band: str, size: str) -> None:
    assert Context.from_mapping({"employees": band}).size == size


# ------------------------------------------------------------------ wrong values


@pytest.mark.parametrize(
    ("key", "value", "fragments"),
    [
        ("employees", "20-30", ['employees = "20-30"', '"1-9"', '"1000+"']),
        ("employees", 120, ["employees = 120", '"50-249"']),
        ("market", "B2B", ['market = "B2B"', '"b2b", "b2c", "both"']),
        ("growth", "fast", ['growth = "fast"', '"shrinking"', '"strong"']),
        ("marketing_role", True, ["marketing_role = true", '"leads"']),
        ("sales_team", -3, ["sales_team = -3", "negative"]),
        ("markets", "4", ['markets = "4"', "whole number", "without quotes"]),
        ("marketing_team", True, ["marketing_team = true", "whole number"]),
        ("service_team", 2.5, ["service_team = 2.5", "whole number"]),
        ("key_accounts", "true", ['key_accounts = "true"', "true or false", "without quotes"]),
        ("sla", "yes", ['sla = "yes"', "true or false"]),
        ("commercial_lead", 1, ["commercial_lead = 1", "true or false"]),
        ("employes", "10-49", ["unknown key 'employes'", "employees"]),
    ],
)
def test_each_wrong_value_is_named_with_key_value_and_what_is_allowed(
    key: str, value: object, fragments: list[str]
) -> None:
    with pytest.raises(ContextError) as caught:
        Context.from_mapping({key: value})
    error = caught.value
    assert len(error.problems) == 1
    for fragment in fragments:
        assert fragment in error.problems[0].en
        assert (
            fragment.replace("whole number", "geheel getal")
            .replace("without quotes", "zonder aanhalingstekens")
            .replace("true or false", "true of false")
            .replace("negative", "negatief")
            .replace("unknown key", "onbekende sleutel")
            in error.problems[0].nl
        )
    assert key in str(error)


def test_all_problems_are_reported_at_once() -> None:
    bad = {
        "employees": "huge",
        "sales_team": -1,
        "markets": True,
        "key_accounts": "false",
        "colour": "blue",
        "growth": "stable",  # fine: must not be reported
    }
    with pytest.raises(ContextError) as caught:
        Context.from_mapping(bad, source="ctx.toml")
    error = caught.value
    assert len(error.problems) == 5
    message = str(error)
    assert message.startswith("ctx.toml: 5 problems in the context:")
    for key in ("employees", "sales_team", "markets", "key_accounts", "colour"):
        assert key in message
    assert not any(p.en.startswith("growth") for p in error.problems)
    assert error.message("nl").startswith("ctx.toml: 5 fouten in de context:")


def test_direct_construction_validates_too() -> None:
    with pytest.raises(ContextError, match="employees"):
        Context(employees="lots")  # type: ignore[arg-type]
    with pytest.raises(ContextError, match="sales_team = true"):
        Context(sales_team=True)


# ------------------------------------------------------------------ files and round trips


def test_the_documented_example_is_valid_and_complete() -> None:
    context = load_context(EXAMPLE)
    assert context.missing == ()


def test_toml_syntax_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('employees = "10-49\n', "utf-8")
    with pytest.raises(ContextError) as caught:
        load_context(path)
    assert str(path) in str(caught.value)
    assert "not valid TOML" in str(caught.value)


def test_value_errors_in_a_file_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "context.toml"
    path.write_text('sla = "no"\nmarkets = -2\n', "utf-8")
    with pytest.raises(ContextError) as caught:
        load_context(path)
    assert caught.value.source == str(path)
    assert len(caught.value.problems) == 2


def test_round_trip_through_toml(tmp_path: Path) -> None:
    context = Context.from_mapping(FULL)
    path = tmp_path / "context.toml"
    path.write_text(context.to_toml(), "utf-8")
    assert load_context(path) == context
    assert Context.from_mapping(context.to_mapping()) == context


contexts = st.builds(
    Context,
    employees=st.none() | st.sampled_from(EMPLOYEE_BANDS),
    sales_team=st.none() | st.integers(0, 10_000),
    marketing_team=st.none() | st.integers(0, 10_000),
    service_team=st.none() | st.integers(0, 10_000),
    markets=st.none() | st.integers(0, 500),
    market=st.none() | st.sampled_from(MARKET_TYPES),
    growth=st.none() | st.sampled_from(GROWTH_LEVELS),
    marketing_role=st.none() | st.sampled_from(MARKETING_ROLES),
    key_accounts=st.none() | st.booleans(),
    commercial_lead=st.none() | st.booleans(),
    sla=st.none() | st.booleans(),
)


@given(contexts)
def test_any_context_round_trips(context: Context) -> None:
    import tomllib

    assert Context.from_mapping(tomllib.loads(context.to_toml())) == context
    assert set(context.to_mapping()) == set(KEYS) - set(context.missing)


# ------------------------------------------------------------------ labels for the form


def test_every_field_and_choice_has_both_languages() -> None:
    for spec in CONTEXT_FIELDS:
        for text in (spec.label, spec.help, *(c.label for c in spec.choices)):
            assert text.nl.strip()
            assert text.en.strip()
        if spec.key in CHOICE_KEYS:
            assert spec.kind == "choice"
            assert spec.codes
        else:
            assert spec.choices == ()
    assert context_field("employees").codes == EMPLOYEE_BANDS
    assert context_field("sector").codes == SECTORS
    assert context_field("market").codes == MARKET_TYPES
    assert context_field("growth").codes == GROWTH_LEVELS
    assert context_field("marketing_role").codes == MARKETING_ROLES


def test_value_labels_read_naturally() -> None:
    context = Context(growth="strong", key_accounts=False)
    assert context.label("growth").en == "Strong growth"
    assert context.label("growth").nl == "Sterke groei"
    assert context.label("key_accounts").nl == "Nee"
    assert context.label("sla").en == "Unknown"
