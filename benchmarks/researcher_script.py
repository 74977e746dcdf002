"""The baseline of ``bench_score.py``: what ``tandem score`` does, written as a researcher
would with pandas and scipy, straight from the codebook (no Tandem code imported).

It does the same work, step by step: read the CSV; validate it (required columns, every
cell a known code, naming the row and column of a bad one); recode "don't know" and
empty to missing, reverse-key (6 - x); scale scores (the item mean when at least two
thirds of the items are answered, on 0-100); overall and per department: n, mean, SD and
t interval; rwg(j) (slightly skewed null, 0.9) overall and per department; Cronbach's
alpha on complete cases with Feldt's interval, corrected item-total correlations, item
distributions and pooled favourability; for every pair of departments on every scale
Welch's t-test with its interval, Hedges' g with its interval, the Mann-Whitney U test,
Benjamini-Hochberg within the comparison families; the phase (ladder on the block
scores, the phase index on the ladder items, 200 bootstrap resamples of the respondents,
each person's phase by department); decision rights and journey ownership per
department (distribution, clarity, most common answer); the open answers sorted and
shuffled. Departments below k = 5 are pooled, as Tandem does.

Idiomatic, not slowed down: vectorised pandas (``groupby``, ``crosstab``, ``isin``),
scipy.stats for the tests, numpy for the bootstrap.

Run:  python benchmarks/researcher_script.py ANSWERS.csv CODEBOOK.json [-o OUT.json]
(``bench_score.py`` writes the codebook JSON from the instrument and times this script
as a whole command, beside ``tandem score``.)
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys

import numpy as np
import pandas as pd
from scipy import stats

K = 5
SKEWED_NULL = 1.34  # rwg*: the slightly skewed null of a 5-point item (LeBreton & Senter)
FAMILIES = ("functional", "hierarchical")


def read_and_validate(path: str, book: dict) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in book["required"] if c not in frame.columns]
    if missing:
        sys.exit(f"{path}: missing columns {missing}")
    problems = []
    for column, codes in book["codes"].items():
        if column not in frame.columns:
            continue
        bad = ~frame[column].str.strip().isin([*codes, ""])
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 2
            problems.append(f"row {row}, column {column}: {frame[column][bad].iloc[0]!r}")
    if (frame["department"].str.strip() == "").any():
        problems.append("department is required")
    if problems:
        sys.exit("\n".join(problems))
    return frame


def describe(x: pd.Series) -> dict:
    x = x.dropna()
    n, mean, sd = len(x), x.mean(), x.std()
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n) if n > 1 else float("nan")
    return {"n": n, "mean": mean, "sd": sd, "ci": [mean - half, mean + half]}


def rwg(items: pd.DataFrame) -> float:
    return max(0.0, 1 - items.var().mean() / SKEWED_NULL) if len(items) > 1 else float("nan")


def alpha(items: pd.DataFrame) -> dict:
    complete = items.dropna()
    n, k = complete.shape
    total_var = complete.sum(axis=1).var()
    a = k / (k - 1) * (1 - complete.var().sum() / total_var)
    low = 1 - (1 - a) * stats.f.ppf(0.975, n - 1, (n - 1) * (k - 1))
    high = 1 - (1 - a) * stats.f.ppf(0.025, n - 1, (n - 1) * (k - 1))
    rest = {c: complete[c].corr(complete.drop(columns=c).sum(axis=1)) for c in complete}
    return {"alpha": a, "ci": [low, high], "n": n, "item_rest": rest}


def hedges_g(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    n1, n2 = len(a), len(b)
    pooled = math.sqrt(((n1 - 1) * a.var(ddof=1) + (n2 - 1) * b.var(ddof=1)) / (n1 + n2 - 2))
    g = (a.mean() - b.mean()) / pooled * (1 - 3 / (4 * (n1 + n2) - 9))
    se = math.sqrt((n1 + n2) / (n1 * n2) + g * g / (2 * (n1 + n2)))
    return g, g - 1.96 * se, g + 1.96 * se


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("answers")
    parser.add_argument("codebook")
    parser.add_argument("-o", "--output", default=None)
    args = parser.parse_args()
    with open(args.codebook, encoding="utf-8") as handle:
        book = json.load(handle)
    frame = read_and_validate(args.answers, book)

    likert_ids = [i for items in book["scales"].values() for i in items]
    items = frame[likert_ids].replace({"dk": np.nan, "": np.nan}).astype(float)
    reverse = book["reverse"]
    items[reverse] = 6 - items[reverse]
    counts = frame["department"].value_counts()
    small = counts[counts < K].index
    department = frame["department"].where(~frame["department"].isin(small), "pooled")
    groups = sorted(department.unique())
    out: dict = {"n": len(frame), "scales": {}, "gaps": []}

    scores = pd.DataFrame(index=frame.index)
    for scale, ids in book["scales"].items():
        block = items[ids]
        answered = block.notna().sum(axis=1)
        scores[scale] = ((block.mean(axis=1) - 1) * 25).where(
            answered >= math.ceil(len(ids) * 2 / 3))
        by_group = {g: describe(s) for g, s in scores[scale].groupby(department)}
        rwg_group = {g: rwg(b) for g, b in block.groupby(department)}
        distributions = {c: block[c].value_counts(normalize=True).sort_index().tolist()
                         for c in ids}
        answers = block.stack()
        out["scales"][scale] = {
            "overall": describe(scores[scale]), "groups": by_group, "rwg": rwg(block),
            "rwg_groups": rwg_group, "reliability": alpha(block),
            "items": distributions,
            "favourable": float((answers >= 4).mean()), "unfavourable": float(
                (answers <= 2).mean()), "missing": float(block.isna().mean().mean()),
        }
        per_group = {g: s.dropna().to_numpy() for g, s in scores[scale].groupby(department)}
        for a, b in itertools.combinations(groups, 2):
            x, y = per_group[a], per_group[b]
            welch = stats.ttest_ind(x, y, equal_var=False)
            ci = welch.confidence_interval()
            g, g_low, g_high = hedges_g(x, y)
            family = "hierarchical" if "management" in (a, b) else "functional"
            out["gaps"].append({
                "scale": scale, "a": a, "b": b, "difference": x.mean() - y.mean(),
                "ci": [ci.low, ci.high], "p": welch.pvalue, "g": [g, g_low, g_high],
                "mwu_p": stats.mannwhitneyu(x, y).pvalue, "family": family})
    gaps = pd.DataFrame(out["gaps"])
    gaps["q"] = gaps.groupby("family")["p"].transform(stats.false_discovery_control)
    out["gaps"] = gaps.to_dict("records")

    blocks = scores[["DEF", "ALI", "INT"]]
    met = blocks.mean() >= 60
    out["phase"] = int(1 + met.cumprod().sum())
    ladder_items = items[[i for b in ("DEF", "ALI", "INT") for i in book["scales"][b]]]
    out["index"] = describe(ladder_items.mean(axis=1))
    rng = np.random.default_rng(1)
    values = blocks.to_numpy()
    phases = []
    for _ in range(200):
        sample = values[rng.integers(0, len(values), len(values))]
        phases.append(int(1 + np.cumprod(np.nanmean(sample, axis=0) >= 60).sum()))
    out["bootstrap"] = pd.Series(phases).value_counts(normalize=True).to_dict()
    person = 1 + (blocks >= 60).cumprod(axis=1).sum(axis=1)
    out["person_phases"] = pd.crosstab(department, person, normalize="index").to_dict()

    out["decisions"] = {}
    for column in book["choices"]:
        answered = frame[column].replace("", np.nan)
        table = pd.crosstab(department, answered, normalize="index")
        overall = answered.value_counts(normalize=True)
        out["decisions"][column] = {
            "overall": overall.to_dict(), "clarity": float(overall.max()),
            "modal": overall.idxmax(), "groups": table.to_dict(),
            "group_modal": table.idxmax(axis=1).to_dict()}
    for column in book["consistency"]:
        value = pd.to_numeric(frame[column].replace({"dk": "", "": None}), errors="coerce")
        out["decisions"][column] = value.groupby(department).mean().to_dict()

    out["comments"] = {}
    for column in book["open"]:
        texts = sorted(t for t in frame[column] if t)
        out["comments"][column] = [texts[i] for i in rng.permutation(len(texts))][:3]

    text = json.dumps(out, default=float, indent=1)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
