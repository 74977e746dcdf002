"""Synthetic organisations: the answers must carry the truth the spec states."""

from __future__ import annotations

import dataclasses
import io
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tandem.instrument import load_instrument
from tandem.io.demo import (
    CHANGE,
    DEPARTMENTS,
    FRICTION,
    PROFILES,
    OrganisationSpec,
    by_department,
    generate_responses,
    respondent_languages,
    write_demo_csv,
)
from tandem.io.responses import read_responses
from tandem.io.writers import write_csv
from tandem.responses import ResponseSet

INSTRUMENT = load_instrument()
SETTINGS = frozenset({"should_decide", "segment"})
LIKERT_IDS = [i.id for i in INSTRUMENT.items_for("full", SETTINGS) if i.kind == "likert"]


def numeric(df: pd.DataFrame, item_id: str, *, keyed: bool = True) -> pd.Series:
    """Answers as numbers (NaN for dk/empty), reverse-keyed items recoded when ``keyed``."""
    values = pd.to_numeric(df[item_id].where(~df[item_id].isin(["", "dk"])), errors="raise")
    if keyed and INSTRUMENT.item(item_id).reverse:
        values = 6 - values
    return values


def scale_mean(df: pd.DataFrame, scale: str, rows: pd.Series | None = None) -> float:
    items = [i.id for i in INSTRUMENT.scale_items(scale)]
    frame = pd.concat([numeric(df, i) for i in items], axis=1)
    if rows is not None:
        frame = frame[rows]
    return float(np.nanmean(frame.to_numpy(dtype=float)))


@pytest.fixture(scope="module")
def default() -> pd.DataFrame:
    return generate_responses(3000, seed=11)


def test_deterministic_for_a_seed() -> None:
    a = generate_responses(200, seed=7)
    b = generate_responses(200, seed=7)
    c = generate_responses(200, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_wide_file_format(default: pd.DataFrame) -> None:
    expected = ["respondent", *(i.id for i in INSTRUMENT.items_for("full", SETTINGS))]
    assert list(default.columns) == expected
    assert default["respondent"].iloc[0] == "r00001"
    assert default["respondent"].is_unique
    cells = set(np.unique(default[LIKERT_IDS].to_numpy().astype(str)))
    assert cells == {"", "1", "2", "3", "4", "5", "dk"}
    for item in INSTRUMENT.items_for("full", SETTINGS):
        if item.kind == "choice":
            assert item.options is not None
            assert set(default[item.id]) <= {*item.options.codes, ""}, item.id


def test_quick_form_has_only_quick_items() -> None:
    df = generate_responses(50, seed=1, form="quick")
    assert list(df.columns) == [
        "respondent",
        *(i.id for i in INSTRUMENT.items_for("quick", SETTINGS)),
    ]


def test_department_sizes_follow_the_shares_and_differ(default: pd.DataFrame) -> None:
    counts = Counter(default["department"])
    shares = PROFILES["default"].department_shares
    assert counts == {d: round(3000 * shares[d]) for d in DEPARTMENTS}
    assert len(set(counts.values())) == len(DEPARTMENTS)
    small = Counter(generate_responses(7, seed=1, profile="small")["department"])
    assert sum(small.values()) == 7


def test_reverse_keyed_items_are_answered_reversed() -> None:
    spec = dataclasses.replace(
        PROFILES["default"],
        tensions={**PROFILES["default"].tensions, "cul_image": by_department(4.6)},
    )
    df = generate_responses(1000, seed=2, profile=spec)
    reverse = numeric(df, "cul_image_1", keyed=False)  # "Sales sees Marketing as ivory tower"
    forward = numeric(df, "cul_image_4", keyed=False)  # "... speak of each other with appreciation"
    assert INSTRUMENT.item("cul_image_1").reverse and not INSTRUMENT.item("cul_image_4").reverse
    assert reverse.mean() < 2.0 < 4.0 < forward.mean()
    assert abs(numeric(df, "cul_image_1").mean() - forward.mean()) < 0.25


def test_dont_know_rate_is_as_specified() -> None:
    spec = dataclasses.replace(PROFILES["default"], dk_rate=0.1, skip_rate=0.02)
    cells = generate_responses(2000, seed=4, profile=spec)[LIKERT_IDS].to_numpy()
    assert (cells == "dk").mean() == pytest.approx(0.1, abs=0.01)
    assert (cells == "").mean() == pytest.approx(0.02, abs=0.005)


def test_default_profile_is_phase_two_with_its_stated_findings(default: pd.DataFrame) -> None:
    # a ladder block is met at a mean of 3.4 or more (analysis.md)
    assert scale_mean(default, "DEF") == pytest.approx(3.7, abs=0.15)
    assert scale_mean(default, "ALI") == pytest.approx(3.0, abs=0.15)
    assert scale_mean(default, "INT") == pytest.approx(2.3, abs=0.15)
    tensions = {s.id: scale_mean(default, s.id) for s in INSTRUMENT.scales_of("tension")}
    assert sorted(tensions, key=tensions.__getitem__)[:2] == ["org_metrics", "eco_price"]
    sales = default["department"] == "sales"
    marketing = default["department"] == "marketing"
    lower = [
        s.id
        for s in INSTRUMENT.scales
        if scale_mean(default, s.id, sales) < scale_mean(default, s.id, marketing) - 0.4
    ]
    assert len(lower) >= 5
    said = {
        d: Counter(default.loc[default["department"] == d, "dr_pricing"]).most_common(1)[0][0]
        for d in ("sales", "marketing")
    }
    assert said == {"sales": "sales", "marketing": "marketing"}  # contested
    owner = Counter(default["cj_onboarding_owner"]).most_common(1)[0]
    assert owner[0] == "unclear" and owner[1] / len(default) < 0.5  # unowned stage


@pytest.mark.parametrize(
    ("profile", "met"),
    [("conflict", []), ("integrated", ["DEF", "ALI", "INT"]), ("small", ["DEF"])],
)
def test_profiles_land_in_their_phase(profile: str, met: list[str]) -> None:
    df = generate_responses(1500, seed=9, profile=profile)
    assert [b for b in ("DEF", "ALI", "INT") if scale_mean(df, b) >= 3.4] == met


def test_conflict_profile_has_many_high_tensions_and_a_poor_image() -> None:
    df = generate_responses(1500, seed=9, profile="conflict")
    high = [s.id for s in INSTRUMENT.scales_of("tension") if scale_mean(df, s.id) < 2.6]
    assert len(high) >= 8
    assert scale_mean(df, "cul_image") < 2.2


def test_comments_are_from_both_languages_at_the_profiles_rate(default: pd.DataFrame) -> None:
    rate = PROFILES["default"].comment_rate
    written = default.loc[default["open_friction"] != "", "open_friction"]
    assert rate - 0.05 < len(written) / len(default) < rate + 0.05
    assert set(written) <= set(FRICTION["nl"]) | set(FRICTION["en"])
    assert set(written) & set(FRICTION["nl"]) and set(written) & set(FRICTION["en"])
    change = default.loc[default["open_change"] != "", "open_change"]
    assert set(change) <= set(CHANGE["nl"]) | set(CHANGE["en"])
    assert len(FRICTION["nl"]) + len(CHANGE["nl"]) >= 20


def test_each_respondent_writes_in_their_own_language(default: pd.DataFrame) -> None:
    languages = respondent_languages(len(default), 11)
    assert languages.tolist() == respondent_languages(len(default), 11).tolist()
    share = float(np.mean(languages == "nl"))
    assert abs(share - PROFILES["default"].comment_nl_share) < 0.05
    for column, pools in (("open_friction", FRICTION), ("open_change", CHANGE)):
        for text, lang in zip(default[column], languages, strict=True):
            if text:
                assert text in pools[lang], (lang, text)
    # The languages are their own stream: the other answers do not depend on them.
    other = dataclasses.replace(PROFILES["default"], comment_nl_share=0.2)
    changed = generate_responses(200, seed=11, profile=other)
    same = generate_responses(200, seed=11)
    likert = [c for c in same.columns if c.startswith(("def_", "ali_", "int_", "eco_"))]
    assert likert and changed[likert].equals(same[likert])
    assert not changed["open_friction"].equals(same["open_friction"])


def test_segments_and_levels(default: pd.DataFrame) -> None:
    assert set(default["segment"]) == set(PROFILES["default"].segments)
    managers = default.loc[default["department"] == "management", "level"]
    assert set(managers) <= {"manager", "director"}
    assert set(generate_responses(20, seed=1, profile="conflict")["segment"]) == {""}


@pytest.mark.parametrize("form", ["full", "quick"])
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_round_trip_through_a_csv_file(tmp_path: Path, profile: str, form: str) -> None:
    df = generate_responses(120, seed=6, profile=profile, form=form)  # type: ignore[arg-type]
    path = tmp_path / "demo.csv"
    write_demo_csv(df, path)
    got = read_responses(path)
    want = ResponseSet.from_records(INSTRUMENT, form, df.to_dict("records"))  # type: ignore[arg-type]
    assert got.form == form
    assert got.likert_ids == want.likert_ids
    np.testing.assert_array_equal(got.likert, want.likert)
    assert {k: list(v) for k, v in got.choices.items()} == {
        k: list(v) for k, v in want.choices.items()
    }
    assert {k: list(v) for k, v in got.texts.items()} == {k: list(v) for k, v in want.texts.items()}
    assert got.respondent_ids == tuple(df["respondent"])


def test_write_demo_csv_to_a_stream() -> None:
    out = io.StringIO()
    write_demo_csv(generate_responses(3, seed=1), out)
    assert out.getvalue().startswith("respondent,department,level,tenure,segment,")
    assert len(out.getvalue().splitlines()) == 4


def test_bad_profiles_are_refused() -> None:
    with pytest.raises(KeyError):
        generate_responses(10, seed=1, profile="nope")
    spec = dataclasses.replace(PROFILES["small"], tensions={})
    with pytest.raises(ValueError, match="no level for scale"):
        generate_responses(10, seed=1, profile=spec)
    with pytest.raises(ValueError, match="unknown department"):
        by_department(3.0, finance=1.0)


def test_every_profile_covers_the_instrument() -> None:
    for spec in PROFILES.values():
        assert isinstance(spec, OrganisationSpec)
        scales = {s.id for s in INSTRUMENT.scales}
        assert set(spec.scale_levels()) == scales, spec.name
        assert set(spec.decisions) == set(INSTRUMENT.areas), spec.name
        assert set(spec.journey) == set(INSTRUMENT.stages), spec.name
        for levels in spec.scale_levels().values():
            assert set(levels) == set(DEPARTMENTS)
            assert all(1.0 <= v <= 5.0 for v in levels.values())


def test_zero_respondents() -> None:
    assert len(generate_responses(0, seed=1)) == 0


@pytest.mark.slow
def test_100k_respondents_are_generated(tmp_path: Path) -> None:
    """Scale, not speed (speed is measured in benchmarks/)."""
    df = generate_responses(100_000, seed=1)
    assert len(df) == 100_000
    assert df["respondent"].is_unique
    write_csv(df.head(10), tmp_path / "head.csv")
