"""The whole diagnosis: figures against independent computations, privacy, the schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats

from tandem.analysis.diagnose import diagnose
from tandem.contract.result import Result
from tandem.instrument import load_instrument
from tandem.io.demo import generate_responses
from tandem.responses import ResponseSet

INSTRUMENT = load_instrument()
SCHEMA = json.loads(
    (Path(__file__).parents[2] / "src/tandem/contract/result-2.schema.json").read_text("utf-8")
)
LIKERT = [i for i in INSTRUMENT.items_for("full") if i.kind == "likert"]


def make_records(
    sizes: dict[str, int], level: dict[str, float], seed: int = 3, dk: float = 0.05
) -> list[dict[str, Any]]:
    """Answers scattered around a department-specific alignment level (1-5)."""
    rng = np.random.default_rng(seed)
    records: list[dict[str, Any]] = []
    for department, n in sizes.items():
        for _ in range(n):
            person = rng.normal(level[department], 0.5)
            record: dict[str, Any] = {"department": department}
            for item in LIKERT:
                value = int(np.clip(round(person + rng.normal(0, 0.8)), 1, 5))
                if item.reverse:
                    value = 6 - value
                record[item.id] = "dk" if rng.random() < dk else str(value)
            for item in INSTRUMENT.items_for("full"):
                if item.kind == "choice" and item.id != "department":
                    assert item.options is not None
                    codes = list(item.options.codes)
                    favourite = codes[hash((department, item.id)) % len(codes)]
                    record[item.id] = favourite if rng.random() < 0.7 else rng.choice(codes)
            records.append(record)
    return records


@pytest.fixture(scope="module")
def result_and_frame() -> tuple[Result, pd.DataFrame]:
    records = make_records(
        {"sales": 40, "marketing": 25, "service": 12, "management": 3, "other": 4},
        {"sales": 2.6, "marketing": 3.5, "service": 3.0, "management": 3.2, "other": 3.0},
    )
    responses = ResponseSet.from_records(INSTRUMENT, "full", records)
    return diagnose(responses, min_group=5), pd.DataFrame(records)


def _scale_scores(frame: pd.DataFrame, scale: str) -> pd.Series:
    """Independent recomputation of respondent scale scores with pandas."""
    items = [i for i in LIKERT if i.scale == scale]
    block = frame[[i.id for i in items]].replace("dk", np.nan).astype(float)
    for item in items:
        if item.reverse:
            block[item.id] = 6 - block[item.id]
    answered = block.notna().sum(axis=1)
    score = block.mean(axis=1).where(answered >= np.ceil(len(items) * 2 / 3))
    return (score - 1) / 4 * 100


def test_result_validates_against_the_json_schema(result_and_frame: Any) -> None:
    result, _ = result_and_frame
    data = json.loads(result.to_json())
    jsonschema.validate(data, SCHEMA)
    assert data["phase"]["ladder"]["phase"] in (1, 2, 3, 4)
    assert set(data["phase"]["blocks"]) == {"DEF", "ALI", "INT"}


def test_scale_scores_match_pandas(result_and_frame: Any) -> None:
    result, frame = result_and_frame
    for scale in result.scales:
        expected = _scale_scores(frame, scale.id)
        assert scale.n == expected.notna().sum()
        assert scale.score == pytest.approx(expected.mean(), abs=1e-9)
        if scale.tension is not None:
            assert scale.tension == pytest.approx(100 - expected.mean(), abs=1e-9)
        shown = {g.group: g for g in scale.groups if not g.suppressed}
        for department in ("sales", "marketing", "service"):
            group = shown[department]
            values = expected[frame["department"] == department].dropna()
            assert group.n == len(values)
            assert group.score == pytest.approx(values.mean(), abs=1e-9)
            low, high = stats.t.interval(0.95, len(values) - 1, values.mean(), stats.sem(values))
            assert (group.ci_low, group.ci_high) == pytest.approx((low, high), abs=1e-9)


def test_gaps_match_pingouin_and_scipy(result_and_frame: Any) -> None:
    """Differences, g, Welch p and BH q per family recomputed with pandas, pingouin and
    scipy; tiers recomputed from the rules in docs/method.md."""
    result, frame = result_and_frame
    kinds = {s.id: s.kind for s in result.scales}
    for gap in result.gaps:
        scores = _scale_scores(frame, gap.scale)
        if kinds[gap.scale] == "tension":
            assert gap.measure == "tension"
            scores = 100 - scores
        else:
            assert gap.measure == "score"
        a = scores[frame["department"] == gap.a].dropna().to_numpy()
        b = (
            scores[frame["department"] == gap.b].dropna().to_numpy()
            if gap.b != "pooled"
            else (scores[frame["department"].isin(["management", "other"])].dropna().to_numpy())
        )
        assert gap.difference == pytest.approx(a.mean() - b.mean(), abs=1e-9)
        assert gap.hedges_g == pytest.approx(pg.compute_effsize(a, b, eftype="hedges"), abs=1e-9)
        welch = pg.ttest(a, b, correction=True)
        assert gap.p == pytest.approx(float(welch["p_val"].iloc[0]), rel=1e-6)
        low, high = welch["CI95"].iloc[0]
        assert (gap.diff_ci_low, gap.diff_ci_high) == pytest.approx((low, high), abs=1e-2)
        pair = {gap.a, gap.b}
        planned = kinds[gap.scale] in ("tension", "phase_block")
        expected_family = (
            "primary" if planned and pair == {"sales", "marketing"}
            else "secondary" if planned and pair in ({"sales", "service"},
                                                     {"marketing", "service"})
            else "exploratory"
        )
        assert gap.family == expected_family
    families = {g.family for g in result.gaps}
    assert families == {"primary", "secondary", "exploratory"}
    level = {"primary": 0.08 * 0.7, "secondary": 0.08 * 0.3}
    for family in families:
        members = [g for g in result.gaps if g.family == family]
        q = stats.false_discovery_control([g.p for g in members], method="bh")
        assert [g.q for g in members] == pytest.approx(list(q), rel=1e-9)
        for g in members:
            clear = family in level and abs(g.difference) >= 10 and g.q < level[family]
            possible = not clear and abs(g.difference) >= 10 and g.p < 1 / len(members)
            assert g.tier == ("clear" if clear else "possible" if possible else None)
            assert g.notable == clear
            if g.tier is None:
                ruled_out = g.diff_ci_low > -10 and g.diff_ci_high < 10
                assert g.verdict == ("no_gap" if ruled_out else "too_few_to_tell")
                assert not (g.verdict == "no_gap" and abs(g.difference) >= 10)
    clear = [g for g in result.gaps if g.tier == "clear" and g.family == "primary"]
    assert clear, "a 0.9-point built-in gap between Sales and Marketing must be found"
    # The demo's Sales sees the relationship worse: more tension, lower phase blocks.
    for g in clear:
        sign = 1 if g.measure == "tension" else -1
        assert sign * (g.difference if g.a == "sales" else -g.difference) > 0


def test_alpha_is_on_every_answer_with_the_n_behind_it(result_and_frame: Any) -> None:
    """Available-case alpha: pandas' pairwise covariances of the recoded answers, nobody
    dropped for one "don't know"; n is everyone who answered a statement of the scale."""
    result, frame = result_and_frame
    for scale in result.scales:
        items = [i for i in LIKERT if i.scale == scale.id]
        block = frame[[i.id for i in items]].replace("dk", np.nan).astype(float)
        for item in items:
            if item.reverse:
                block[item.id] = 6 - block[item.id]
        cov = block.cov()  # pandas: pairwise complete observations
        k = len(items)
        alpha = k / (k - 1) * (1 - np.trace(cov) / cov.to_numpy().sum())
        rel = scale.reliability
        assert rel.cases == "available"
        assert rel.alpha == pytest.approx(alpha, abs=1e-9)
        assert rel.n == int(block.notna().any(axis=1).sum())
        answered = block.notna().astype(int)
        assert rel.pair_n == int((answered.T @ answered).to_numpy().min())
        listwise = len(block.dropna())
        assert rel.n > listwise, "one don't-know no longer drops a respondent"
        df1 = rel.pair_n - 1
        low = 1 - (1 - alpha) * stats.f.ppf(0.975, df1, df1 * (k - 1))
        assert rel.ci_low == pytest.approx(low, abs=1e-9)
        # item-total: each statement with the sum of the others, on the same covariances
        c = cov.to_numpy()
        ids = [i.id for i in items]
        for figure in scale.items:
            j = ids.index(figure.id)
            rest_var = c.sum() - 2 * c[j].sum() + c[j, j]
            expected = (c[j].sum() - c[j, j]) / np.sqrt(c[j, j] * rest_var)
            assert figure.item_total == pytest.approx(expected, abs=1e-9)


def test_reverse_keyed_statements_are_flagged(result_and_frame: Any) -> None:
    result, _ = result_and_frame
    flagged = {i.id for s in result.scales for i in s.items if i.reverse_keyed}
    assert flagged == {i.id for i in LIKERT if i.reverse and i.scale is not None}
    assert flagged


def test_small_departments_are_pooled_and_never_shown(result_and_frame: Any) -> None:
    result, _ = result_and_frame
    data = result.to_dict()
    groups = {g["id"]: g for g in data["meta"]["groups"]}
    assert set(groups) == {"sales", "marketing", "service", "pooled"}
    assert groups["pooled"]["members"] == ["management", "other"]
    assert groups["pooled"]["n"] == 7
    text = json.dumps(
        {k: v for k, v in data.items() if k not in ("meta", "suppressed", "roadmap", "target")}
    )
    assert '"management"' not in text.replace('"modal": "management"', "").replace(
        '"management":', ""
    )
    for scale in data["scales"]:
        assert {g["group"] for g in scale["groups"]} == {"sales", "marketing", "service", "pooled"}


def test_nothing_small_can_be_derived_by_subtraction(result_and_frame: Any) -> None:
    result, _ = result_and_frame
    k = result.meta.k
    for scale in result.scales:
        shown = [g for g in scale.groups if not g.suppressed]
        hidden_n = scale.n - sum(g.n or 0 for g in shown)
        assert hidden_n == 0 or hidden_n >= k
        for g in shown:
            assert (g.n or 0) >= k
    for area in result.decision_rights:
        shown_n = sum(g.n or 0 for g in area.groups if not g.suppressed)
        assert area.n - shown_n == 0 or area.n - shown_n >= k


def test_whole_scan_below_threshold_shows_nothing() -> None:
    records = make_records({"sales": 2, "marketing": 2}, {"sales": 3.0, "marketing": 3.0})
    result = diagnose(ResponseSet.from_records(INSTRUMENT, "full", records), min_group=5)
    data = result.to_dict()
    jsonschema.validate(data, SCHEMA)
    assert data["meta"]["n"] is None
    assert data["phase"] is None
    assert data["scales"] == []
    assert data["gaps"] == []
    assert data["suppressed"] == [
        {"what": "all", "group": None, "subject": None, "reason": "below_k"}
    ]


def test_item_dont_know_can_withhold_a_cell_and_its_complement() -> None:
    records = make_records(
        {"sales": 12, "marketing": 8, "service": 9}, {"sales": 3, "marketing": 3, "service": 3}
    )
    # Only 2 marketing respondents answer the price items: their cell must go, and one
    # more cell with it, or the total would give the two away.
    for r in [r for r in records if r["department"] == "marketing"][2:]:
        for i in (1, 2, 3):
            r[f"eco_price_{i}"] = "dk"
    result = diagnose(ResponseSet.from_records(INSTRUMENT, "full", records), min_group=5)
    price = result.scale("eco_price")
    hidden = {g.group for g in price.groups if g.suppressed}
    assert hidden == {"marketing", "service"}
    assert price.n - sum(g.n or 0 for g in price.groups if not g.suppressed) >= 5
    reasons = {(s.group, s.reason) for s in result.suppressed if s.subject == "eco_price"}
    assert reasons == {("marketing", "below_k"), ("service", "complementary")}


def test_reliability_needs_thirty_people_behind_every_pair_of_statements() -> None:
    """Twelve respondents, most of whom skip one statement per scale: alpha is withheld
    (fewer than 30 behind each pair), and n says who answered the scale."""
    records = make_records({"sales": 6, "service": 6}, {"sales": 3.0, "service": 3.5}, dk=0.0)
    for record in records[3:]:  # all but three skip the first statement of every scale
        for scale in {i.scale for i in LIKERT}:
            first = next(i for i in LIKERT if i.scale == scale)
            record[first.id] = ""
    result = diagnose(ResponseSet.from_records(INSTRUMENT, "full", records), min_group=5)
    multi = [s for s in result.scales if s.reliability.items >= 2]
    assert multi
    for scale in multi:
        rel = scale.reliability
        assert rel.alpha is None and rel.note == "too_few" and rel.pair_n is None
        assert rel.n == 12


@pytest.mark.parametrize(("n", "seed", "profile"), [(40, 11, "small"), (120, 3, "conflict")])
def test_the_same_answers_in_another_order_give_the_same_result(
    n: int, seed: int, profile: str
) -> None:
    """The web app reads responses by a random id, so the order of the rows must not move
    any figure: not the bootstrap certainty of the phase, nor the order of comments."""
    instrument = load_instrument()
    frame = generate_responses(n, seed, profile, instrument=instrument)
    records = [{k: v for k, v in r.items() if v != ""} for r in frame.to_dict("records")]
    shuffled = [records[i] for i in np.random.default_rng(seed).permutation(len(records))]
    first = diagnose(ResponseSet.from_records(instrument, "full", records))
    second = diagnose(ResponseSet.from_records(instrument, "full", shuffled))
    assert first.phase is not None and first.phase.uncertainty is not None
    assert second.to_dict(digits=9) == first.to_dict(digits=9)  # up to float summation


def _with_comments(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every respondent writes an open answer that names their department."""
    return [{**r, "open_friction": f"{r['department']} comment {i}"}
            for i, r in enumerate(records)]


def _flipped(record: dict[str, Any]) -> dict[str, Any]:
    """The same respondent with every answer changed (Likert mirrored, other choices)."""
    out = dict(record)
    for item in INSTRUMENT.items_for("full"):
        value = record.get(item.id)
        if item.kind == "likert" and value not in (None, "dk"):
            out[item.id] = str(6 - int(value)) if value != "3" else "1"
        elif item.kind == "choice" and item.id != "department" and item.options is not None:
            codes = list(item.options.codes)
            out[item.id] = codes[(codes.index(value) + 1) % len(codes)] if value else codes[0]
    if "open_friction" in record:
        out["open_friction"] = f"changed {record['open_friction']}"
    return out


WITHHELD_SIZES = {"sales": 8, "marketing": 7, "service": 2, "management": 2}
WITHHELD_LEVELS = {"sales": 2.6, "marketing": 3.5, "service": 1.5, "management": 4.5}


def _figures(result: Result) -> dict[str, Any]:
    """Everything a reader sees but the notes on what was withheld."""
    return {k: v for k, v in result.to_dict().items() if k != "suppressed"}


def test_a_pool_below_k_is_left_out_and_its_answers_change_no_shown_figure() -> None:
    records = _with_comments(make_records(WITHHELD_SIZES, WITHHELD_LEVELS, seed=11))
    withheld = {"service", "management"}
    result = diagnose(ResponseSet.from_records(INSTRUMENT, "full", records), min_group=5)
    assert result.withheld_groups() == ("service", "management")
    assert result.pooled_groups() == ()
    assert [(g.id, g.n) for g in result.meta.groups] == [("sales", 8), ("marketing", 7)]
    assert result.meta.n == 15  # the total covers the groups shown only
    assert all(s.n <= 15 for s in result.scales)
    assert all(a.n <= 15 for a in result.decision_rights)
    assert result.phase is not None and all(b.n <= 15 for b in result.phase.blocks.values())
    (friction,) = [c for c in result.comments if c.question == "open_friction"]
    assert friction.shown and len(friction.texts) == 15
    assert not any(t.split()[0] in withheld for t in friction.texts)
    notes = {(s.what, s.group, s.reason) for s in result.suppressed}
    assert {("group", "service", "withheld"), ("group", "management", "withheld")} <= notes

    changed = [_flipped(r) if r["department"] in withheld else r for r in records]
    again = diagnose(ResponseSet.from_records(INSTRUMENT, "full", changed), min_group=5)
    assert again.to_dict() == result.to_dict()

    # Only the shown respondents: the same figures (only the notes differ).
    shown = [r for r in records if r["department"] not in withheld]
    alone = diagnose(ResponseSet.from_records(INSTRUMENT, "full", shown), min_group=5)
    assert _figures(alone) == _figures(result)

    # The check can fail: at k = 3 the two small departments pool (4 people) and their
    # changed answers do move the figures for everyone.
    low = diagnose(ResponseSet.from_records(INSTRUMENT, "full", records), min_group=3)
    low_changed = diagnose(ResponseSet.from_records(INSTRUMENT, "full", changed), min_group=3)
    assert low.withheld_groups() == () and low.meta.n == 19
    assert low.scales[0].score != low_changed.scales[0].score


def test_a_department_that_reaches_k_is_never_pooled_into_a_small_group() -> None:
    # The first case: 6 Sales, 6 Marketing, 3 Service, k = 5.
    records = make_records({"sales": 6, "marketing": 6, "service": 3},
                           {"sales": 2.6, "marketing": 3.5, "service": 3.0}, seed=2)
    result = diagnose(ResponseSet.from_records(INSTRUMENT, "full", records), min_group=5)
    assert [g.id for g in result.meta.groups] == ["sales", "marketing"]
    assert result.withheld_groups() == ("service",)
    assert result.meta.n == 12
    assert any({g.a, g.b} == {"sales", "marketing"} for g in result.gaps)


@pytest.mark.parametrize(("named", "shown"), [(3, False), (5, True)])
def test_clarity_is_withheld_when_fewer_than_k_named_someone(named: int, shown: bool) -> None:
    records = make_records({"sales": 6, "marketing": 6}, {"sales": 3.0, "marketing": 3.0})
    for i, record in enumerate(records):
        record["dr_pricing"] = "sales" if i < named else "dk"
    result = diagnose(ResponseSet.from_records(INSTRUMENT, "full", records), min_group=5)
    (pricing,) = [a for a in result.decision_rights if a.area == "pricing"]
    assert pricing.n == 12 and pricing.dont_know == pytest.approx(1 - named / 12)
    note = ("decision_clarity", None, "pricing", "below_k")
    notes = {(s.what, s.group, s.subject, s.reason) for s in result.suppressed}
    if shown:
        assert pricing.clarity == 1.0 and note not in notes
    else:
        assert pricing.clarity is None and note in notes
        assert "low_clarity" in pricing.reasons and pricing.contested
