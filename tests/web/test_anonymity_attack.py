"""An attacker with every results role tries to learn a 3-person department's answers.

Why: the product promises no figure for fewer than k respondents anywhere, including
what follows from subtracting one shown figure from another (docs/method.md,
"Anonymity"). ``test_results_privacy`` checks that a small department's *label* never
stands next to a number; this module plays the attacker instead. It fetches every
results page, every filter (offered, withheld, unknown, repeated, combined, malformed),
the comparison with the previous wave, the action pages and every export, as owner,
facilitator and viewer. Every figure is mapped to the respondents behind it (the view's
filter, the group's departments, who answered that question) and then attacked:

(a) direct: a figure over 1 to k - 1 people;
(b) differencing: a shown set inside another with 1 to k - 1 people between them,
    the view's total minus any of its shown groups, and in general any linear
    combination of shown sets that isolates 1 to k - 1 people (n × mean and counts
    are additive, so a combination of figures is a figure of the combined set);
(c) open answers: narrowing who can have written a text to fewer than the comment
    threshold (with the group a face shows it under), or a profile next to it;
(d) a second wave in which one of a small group left.

The attack is generic: it reads figures from the structured faces (the JSON, the
aggregated CSV, the Result each page renders, the comparison, the response rates) and
checks that the other faces (pages, PDF, Markdown, workbook) print no number those do
not explain. Across waves nothing is subtracted (no link between waves is kept, the
answers are new): each side of a comparison must be a figure its own wave may show,
and the earlier wave is attacked like the current one. One test runs the same attacker
on unprotected figures and must recover the three's answers, so that a pass here means
something.

Its first run found a leak, fixed in :mod:`tandem.filters`: statements are shown for
a view's total only, so the department filters showed each department's figure while
the unfiltered page's complementary suppression assumed they were hidden; the total
minus the departments' filters gave the pooled group holding the three, below k when
one of its members had left the statement open.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import re
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
import openpyxl
import pandas as pd
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from test_actions_support import NO_DATE, make_action
from webtest_helpers import World, client_for

from tandem.analysis.diagnose import diagnose
from tandem.analysis.emphasis import certainty
from tandem.analysis.scores import score_responses
from tandem.context import Context
from tandem.contract.result import Result
from tandem.filters import department_codes
from tandem.instrument import DEFAULT_INSTRUMENT, load_instrument
from tandem.io.demo import generate_responses
from tandem.report.markdown import render_markdown
from tandem.report.wording import comment_source, method
from tandem.responses import ResponseSet
from tandem.rounding import rounded_text
from tandem.web.actions.models import Action
from tandem.web.actions.selectors import action_movement
from tandem.web.organisations.models import Organisation
from tandem.web.results.selectors import (
    scan_analysis,
    scan_comparison,
    scan_responses,
    shown_result,
)
from tandem.web.results.testing import responses_add
from tandem.web.scans.models import Invitation, Scan
from tandem.web.scans.selectors import scan_response_rates
from tandem.web.scans.services import scan_close, scan_create, scan_open

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

K = 5
COMMENT_K = 10
SETTINGS = frozenset({"should_decide", "segment"})
SMALL = "marketing"
# (department, level, tenure, people); "" = the question was skipped (department: "other").
# Marketing is three directors with more than ten years, like three of management.
CURRENT = (
    ("sales", "staff", "lt1", 6),
    ("sales", "staff", "1to3", 10),
    ("sales", "manager", "3to10", 10),
    ("service", "staff", "1to3", 9),
    ("service", "manager", "3to10", 6),
    ("management", "director", "3to10", 5),
    ("management", "director", "gt10", 3),
    ("marketing", "director", "gt10", 3),
    ("", "", "", 2),
)
# The wave before: one more marketer (who has left since).
PREVIOUS = tuple((*p[:3], 4) if p[0] == SMALL else p for p in CURRENT)
DIMENSIONS = ("department", "level", "tenure")
ROLES = ("owner", "facilitator", "viewer")
TABS = ("scan", "tensions", "gaps", "decisions", "journey", "comments", "method", "compare",
        "downloads")
FILTER_TABS = ("scan", "tensions", "gaps", "decisions", "journey")
SKIPPED = ("eco_promotion_3", "org_process_1")  # left open by one without a profile
SECRET = "MKT-SECRET"  # in every open answer and segment of the three, and nowhere else
NUMBER = re.compile(r"(?<![\w.,])-?\d+(?:[.,]\d+)?")
N_KEYS = frozenset({"n", "n_a", "n_b", "consistency_n", "pair_n"})


# ---------------------------------------------------------------- the scan


def _answers(profile: Sequence[tuple[str, str, str, int]], seed: int) -> pd.DataFrame:
    """Synthetic answers in which the three answer as nobody else does.

    The three give the lowest (keyed) answer to every statement, say "nobody" decides
    every area and that every journey stage is "unclear", and sign their open answers
    with ``SECRET``; nobody else ever gives those answers. So any figure that mixes
    fewer than k people including them, once derived, shows at once.
    """
    rows = [p[:3] for p in profile for _ in range(p[3])]
    frame = generate_responses(len(rows), seed, "default", settings=SETTINGS)
    for i, column in enumerate(DIMENSIONS):
        frame[column] = [r[i] for r in rows]
    three = (frame["department"] == SMALL).to_numpy()
    others = np.flatnonzero(~three)
    # Don't-knows and skips only where a profile holds 9 or more, so that some level and
    # tenure filters stay on offer (non-response in small profiles makes them derivable);
    # and one who gave no profile left two statements open, so the pooled group holding
    # the three has fewer than k answers to those two.
    complete = np.array([count < 9 for p in profile for count in [p[3]] * p[3]])
    skipper = len(rows) - 1
    assert rows[skipper] == ("", "", "")
    for item in load_instrument().items_for("full", SETTINGS):
        values = frame[item.id].to_numpy(dtype=object).copy()
        if item.kind == "likert":
            lowest = "5" if item.reverse else "1"
            values[(values == lowest) & ~three] = "4" if item.reverse else "2"
            values[complete & np.isin(values, ["dk", ""])] = "3"
            values[three] = lowest
            if item.id in SKIPPED:
                values[skipper] = ""
        elif item.section == "decisions":
            values[(values == "nobody") & ~three] = "joint"
            values[three] = "nobody"
        elif item.section == "journey":
            values[(values == "unclear") & ~three] = "shared"
            values[three] = "unclear"
        elif item.kind == "text":
            # open_friction: 15 writers, shown; open_change: 9 (not shown), 10 the wave before
            writers = 12 if item.id == "open_friction" else 6
            values[:] = ""
            values[others[:writers]] = [f"{item.id} note {j}" for j in range(writers)]
            if item.id == "segment":
                values[others[:writers]] = "Benelux"
            values[three] = [f"{SECRET} {item.id} {j}" for j in range(int(three.sum()))]
        else:
            continue
        frame[item.id] = values
    return frame


def _closed_scan(org: Organisation, world: World, title: str,
                 profile: Sequence[tuple[str, str, str, int]], seed: int) -> Scan:
    """A closed scan answered by ``profile``, with a personal invitation per respondent."""
    scan = scan_create(organisation=org, title=title, instrument_name=DEFAULT_INSTRUMENT, k=K,
                       should_decide=True, segment=True)
    scan = scan_open(scan=scan, actor=world.owner)
    frame = _answers(profile, seed)
    responses_add(scan=scan, frame=frame)
    now = timezone.now()
    Invitation.objects.bulk_create(
        [Invitation(scan=scan, email=f"p{i}@{scan.pk}.example", department=d, finished_at=now)
         for i, d in enumerate(frame["department"])]
        + [Invitation(scan=scan, email=f"late{i}@{scan.pk}.example", department="sales")
           for i in range(3)])
    return scan_close(scan=scan, actor=world.owner)


@pytest.fixture
def waves(world: World) -> tuple[Scan, Scan]:
    """(previous, current): the current wave has the 3-person department."""
    previous = _closed_scan(world.org, world, "Last year", PREVIOUS, seed=11)
    Scan.objects.filter(pk=previous.pk).update(created_at=timezone.now() - timedelta(days=365))
    current = _closed_scan(world.org, world, "This year", CURRENT, seed=12)
    make_action(world.org, "Agree on shared definitions", joint_owner=True,
                scales=["DEF", "org_process"], criteria=["def_lead_definition"],
                scan=Scan.objects.get(pk=previous.pk), by=world.owner,
                due=NO_DATE)  # no date: every number on its pages is then a figure
    return Scan.objects.get(pk=previous.pk), current


# ---------------------------------------------------------------- who is behind a figure


@dataclass(frozen=True)
class Figure:
    """One shown figure: where, over whom (view, group, who answered), n and values.

    ``values`` are the additive figures (a mean, a share) so that n × value sums over
    the set, which is what differencing works with.
    """

    where: str
    view: str  # "" for everyone, else "dimension:value"
    family: str  # "people", "scale:X", "item:X", "choice:X", "named:X", "answered:X",
    # "pair:X" (the pair of X's statements the fewest answered both of), "phase"
    group: tuple[str, ...] | None  # the group's departments; None for the view's total
    n: int
    values: Mapping[str, float] = field(default_factory=dict)


class Truth:
    """The scan's answers as the core reads them: who belongs to each shown set."""

    def __init__(self, responses: ResponseSet) -> None:
        self.responses = responses
        self.n = responses.n
        self.columns: dict[str, npt.NDArray[np.object_]] = {
            "department": department_codes(responses.choices["department"]).astype(object),
            **{d: responses.choices[d] for d in DIMENSIONS[1:]},
        }
        scored = score_responses(responses)
        self.scores = {s.id: scored.percent[:, i] for i, s in enumerate(scored.scales)}
        self.keyed = {item: scored.items[:, j] for j, item in enumerate(responses.likert_ids)}
        self.scale_items = {
            s: [i for i in responses.likert_ids if responses.instrument.item(i).scale == s]
            for s in self.scores
        }
        self.small = self.columns["department"] == SMALL
        self._cache: dict[tuple[str, tuple[str, ...] | None, str], BoolArray] = {}

    def view(self, view: str) -> BoolArray:
        if not view:
            return np.ones(self.n, dtype=bool)
        dimension, _, value = view.partition(":")
        return np.array(self.columns[dimension] == value, dtype=bool)

    def group(self, members: tuple[str, ...] | None) -> BoolArray:
        if members is None:
            return np.ones(self.n, dtype=bool)
        return np.isin(self.columns["department"], list(members))

    def family(self, family: str) -> BoolArray:
        kind, _, key = family.partition(":")
        if kind == "people":
            return np.ones(self.n, dtype=bool)
        if kind in ("scale", "phase"):  # the perceived phase needs a DEF score
            scored: BoolArray = ~np.isnan(self.scores[key if kind == "scale" else "DEF"])
            return scored
        if kind in ("answered", "pair"):
            answered = [~np.isnan(self.keyed[i]) for i in self.scale_items[key]]
            if kind == "answered":
                anyone: BoolArray = np.logical_or.reduce(answered)
                return anyone
            both: list[BoolArray] = [a & b for a, b in itertools.combinations(answered, 2)]
            fewest: BoolArray = min(both, key=lambda m: int(m.sum()))
            return fewest
        if kind == "item":
            answered_item: BoolArray = ~np.isnan(self.keyed[key])
            return answered_item
        column = self.responses.choices[key]
        named = [v is not None and (kind != "named" or v != "dk") for v in column]
        return np.array(named, dtype=bool)

    def members(self, figure: Figure) -> BoolArray:
        """The respondents behind a figure (cached: the same set recurs on many pages)."""
        key = (figure.view, figure.group, figure.family)
        if key not in self._cache:
            self._cache[key] = (self.view(figure.view) & self.group(figure.group)
                                & self.family(figure.family))
        return self._cache[key]

    def value(self, family: str, measure: str) -> FloatArray | None:
        """Each respondent's own value behind a measure (for checking what was recovered)."""
        kind, _, key = family.partition(":")
        if kind == "scale" and measure == "score":
            return self.scores[key]
        if kind == "item" and measure == "mean":
            return self.keyed[key]
        if kind == "choice" and measure.startswith("share_"):
            code = measure.removeprefix("share_")
            return np.array([v == code for v in self.responses.choices[key]], dtype=float)
        return None


# ---------------------------------------------------------------- reading figures


def result_figures(data: Mapping[str, Any], where: str, view: str,
                   reliability: bool = True) -> list[Figure]:
    """Every figure of a Result's dict (the JSON export's shape), with its n.

    Fails when the dict holds an n this function does not read, so a figure added to
    the result later cannot escape the attack unnoticed. ``reliability``: whether the
    face shows the scales' reliability (only the methodology tab, the JSON, PDF and
    workbook do, all unfiltered).
    """
    meta = data["meta"]
    members = {g["id"]: tuple(g["members"]) for g in meta["groups"]}
    out: list[Figure] = []
    read = 0

    def add(path: str, family: str, group: str, n: int | None, **values: float | None) -> None:
        nonlocal read
        read += 1
        if n is None:
            return
        out.append(Figure(f"{where} {path}", view, family,
                          None if group == "all" else members.get(group, (group,)), int(n),
                          {k: float(v) for k, v in values.items() if v is not None}))

    def shares(prefix: str, distribution: Mapping[str, float] | Sequence[float],
               ) -> dict[str, float]:
        items = (distribution.items() if isinstance(distribution, Mapping)
                 else ((str(i + 1), v) for i, v in enumerate(distribution)))
        return {f"{prefix}{code}": float(v) for code, v in items}

    def choice(path: str, item: str, cells: Iterable[Mapping[str, Any]]) -> None:
        for g in cells:
            if not g["suppressed"]:
                add(f"{path}.{g['group']}", f"choice:{item}", g["group"], g["n"],
                    **shares("share_", g["distribution"]))

    add("meta.n", "people", "all", meta["n"])
    for g in meta["groups"]:
        add(f"meta.groups.{g['id']}", "people", g["id"], g["n"])
    if data.get("phase"):
        for b in data["phase"]["blocks"].values():
            add(f"phase.blocks.{b['id']}", f"scale:{b['id']}", "all", b["n"], score=b["score"])
        for g in data["phase"]["by_group"]:
            if not g["suppressed"]:
                add(f"phase.by_group.{g['group']}", "phase", g["group"], g["n"],
                    **shares("share_phase_", g["distribution"]))
    for s in data["scales"]:
        path, family = f"scales.{s['id']}", f"scale:{s['id']}"
        add(path, family, "all", s["n"], score=s["score"])
        rel = s["reliability"]
        add(f"{path}.reliability", f"answered:{s['id']}", "all",
            (rel["n"] or None) if reliability else None)
        add(f"{path}.reliability.pair_n", f"pair:{s['id']}", "all",
            rel["pair_n"] if reliability else None)
        for g in s["groups"]:
            if not g["suppressed"]:
                add(f"{path}.{g['group']}", family, g["group"], g["n"], score=g["score"])
        for item in s["items"]:
            add(f"{path}.items.{item['id']}", f"item:{item['id']}", "all", item["n"],
                mean=item["mean"], **shares("share_", item["shares"]))
    for gap in data["gaps"]:
        path, family = f"gaps.{gap['scale']}.{gap['a']}-{gap['b']}", f"scale:{gap['scale']}"
        add(f"{path}.a", family, gap["a"], gap["n_a"], score=gap["mean_a"])
        add(f"{path}.b", family, gap["b"], gap["n_b"], score=gap["mean_b"])
    for a in data["decision_rights"]:
        path, item = f"decision_rights.{a['area']}", f"dr_{a['area']}"
        add(path, f"choice:{item}", "all", a["n"], **shares("share_", a["distribution"]))
        if a["clarity"] is not None:  # withheld when fewer than k named someone
            out.append(Figure(f"{where} {path}.clarity", view, f"named:{item}", None,
                              round(a["n"] * (1 - a["dont_know"])), {}))
        choice(f"{path}.groups", item, a["groups"])
        if a.get("should"):
            choice(f"{path}.should", f"drs_{a['area']}", [a["should"]])
    for st in data["journey"]:
        path, item = f"journey.{st['stage']}", f"cj_{st['stage']}_owner"
        add(path, f"choice:{item}", "all", st["n"], **shares("share_", st["distribution"]))
        add(f"{path}.consistency", f"item:cj_{st['stage']}_consistency", "all",
            st["consistency_n"] or None, mean=st["consistency"])
        choice(f"{path}.groups", item, st["groups"])
    present = sum(1 for key, value in _walk(data)
                  if key in N_KEYS and isinstance(value, int) and not isinstance(value, bool))
    assert read >= present, f"{where}: the result holds figures the attack does not read"
    return out


def _walk(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every value inside ``value`` with the key it sits under (list items: the list's)."""
    if isinstance(value, Mapping):
        for name, item in value.items():
            yield name, item
            yield from _walk(item, name)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield key, item
            yield from _walk(item, key)


def withheld_with_figures(data: Any, where: str) -> list[str]:
    """Cells marked withheld that still carry a number."""
    found = []
    for _key, value in _walk({"root": data}):
        if isinstance(value, Mapping) and value.get("suppressed") is True:
            numbers = {k: v for k, v in value.items()
                       if k not in ("suppressed", "group") and v is not None}
            if numbers:
                found.append(f"{where}: withheld cell {value.get('group')} shows {numbers}")
    return found


CSV_FAMILY = {  # section of the aggregated CSV -> (family prefix, item id pattern)
    "meta": ("people", ""), "group": ("people", ""), "block": ("scale", "{}"),
    "phase_group": ("phase", ""), "scale": ("scale", "{}"), "scale_group": ("scale", "{}"),
    "item": ("item", "{}"), "decision": ("choice", "dr_{}"),
    "decision_group": ("choice", "dr_{}"), "decision_should": ("choice", "drs_{}"),
    "journey": ("choice", "cj_{}_owner"), "journey_group": ("choice", "cj_{}_owner"),
}
CSV_WITHOUT_N = frozenset({"gap", "target", "roadmap"})  # figures about shown groups only


def csv_figures(text: str, where: str) -> tuple[list[Figure], list[str]]:
    """The aggregated CSV as figures; every group's row must carry its n."""
    cells: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)
    for row in csv.DictReader(io.StringIO(text)):
        cells[(row["section"], row["subject"], row["group"])][row["measure"]] = row["value"]
    members = {s: tuple(v["members"].split()) for (sec, s, _g), v in cells.items()
               if sec == "group"}
    out, problems = [], []
    for (section, subject, group), values in cells.items():
        if section in CSV_WITHOUT_N:
            continue
        if section not in CSV_FAMILY or "n" not in values:
            if group != "all":  # an overall figure is over everyone: meta's n
                problems.append(f"{where}: {section}/{subject}/{group} without n: {values}")
            continue
        kind, pattern = CSV_FAMILY[section]
        family = f"{kind}:{pattern.format(subject)}" if pattern else kind
        numbers = {m: float(v) for m, v in values.items()
                   if m in ("score", "mean") or m.startswith("share_")}
        out.append(Figure(f"{where} {section}/{subject}/{group}", "", family,
                          None if group == "all" else members.get(group, (group,)),
                          int(values["n"]), numbers))
    return out, problems


# ---------------------------------------------------------------- the attack


@dataclass
class Leak:
    kind: str  # "direct", "difference", "total minus groups", "combination", "model"
    family: str
    figures: list[Figure]
    n: int  # people in the derived set
    implied: dict[str, float] = field(default_factory=dict)
    people: BoolArray | None = None

    def __str__(self) -> str:
        shown = "; ".join(f"{f.where} [{f.view or 'everyone'}] n={f.n}" for f in self.figures[:6])
        more = f" (+{len(self.figures) - 6} more)" if len(self.figures) > 6 else ""
        implied = {k: round(v, 3) for k, v in list(self.implied.items())[:4]}
        return (f"{self.kind} on {self.family}: {self.n} people, implied {implied} "
                f"from {shown}{more}")


def _bits(mask: BoolArray) -> int:
    return int.from_bytes(np.packbits(mask).tobytes(), "big")


def _implied(parts: Sequence[tuple[float, Figure]], n: float) -> dict[str, float]:
    """Σ coefficient × n × value over the figures, per measure all of them show, over n."""
    common = set.intersection(*(set(f.values) for _c, f in parts)) if parts else set()
    return {m: sum(c * f.n * f.values[m] for c, f in parts) / n for m in sorted(common)}


def _null_space(matrix: FloatArray, tol: float = 1e-9) -> FloatArray:
    if matrix.size == 0:
        return np.eye(matrix.shape[1])
    _u, s, vt = np.linalg.svd(matrix)
    rank = int(np.sum(s > tol * max(1.0, float(s[0]) if s.size else 1.0)))
    null: FloatArray = vt[rank:].T
    return null


def _fewest_sets(atoms: FloatArray, target: FloatArray) -> tuple[list[int], FloatArray]:
    """A combination of as few shown sets as needed (dropping the latest first, so the
    report names the plainest views): their indices and coefficients."""

    def solve(rows: list[int]) -> FloatArray | None:
        coef, *_ = np.linalg.lstsq(atoms[rows].T, target, rcond=None)
        return coef if np.allclose(atoms[rows].T @ coef, target, atol=1e-7) else None

    keep = list(range(atoms.shape[0]))
    for i in reversed(range(atoms.shape[0])):
        trial = [j for j in keep if j != i]
        if trial and solve(trial) is not None:
            keep = trial
    coef = solve(keep)
    assert coef is not None
    return keep, coef


def attack(figures: Iterable[Figure], truth: Truth, k: int) -> list[Leak]:
    """Every way the figures give away a set of 1 to k - 1 respondents (see the docstring)."""
    leaks: list[Leak] = []
    by_family: dict[str, dict[int, tuple[BoolArray, Figure]]] = defaultdict(dict)
    by_document: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
    for f in figures:
        people = truth.members(f)
        size = int(people.sum())
        if size != f.n:
            leaks.append(Leak("model", f.family, [f], size))  # the attack misreads this figure
            continue
        if 0 < f.n < k:
            leaks.append(Leak("direct", f.family, [f], f.n, dict(f.values), people))
        # Counts are figures too: every shown set counts for the family of all people.
        for family, mask in ((f.family, people), ("people", truth.view(f.view)
                                                   & truth.group(f.group))):
            by_family[family].setdefault(_bits(mask), (mask, f))
        by_document[(f.where.split(" ")[0], f.view, f.family)].append(f)
    for (_doc, _view, family), shown in by_document.items():
        leaks += _total_minus_groups(family, shown, truth, k)
    for family, sets in by_family.items():
        leaks += _differences(family, list(sets.items()), k)
        found = _combination(family, list(sets.values()), k)
        if found is not None:
            leaks.append(found)
    return leaks


def _total_minus_groups(family: str, shown: list[Figure], truth: Truth, k: int) -> list[Leak]:
    """One view: its total minus any of its shown groups (the row's complement)."""
    totals = [f for f in shown if f.group is None]
    groups = list({f.group: f for f in shown if f.group is not None}.values())
    leaks = []
    for total in totals[:1]:
        for r in range(1, len(groups) + 1):
            for chosen in itertools.combinations(groups, r):
                rest = total.n - sum(g.n for g in chosen)
                if 0 < rest < k:
                    parts = [(1.0, total), *((-1.0, g) for g in chosen)]
                    people = truth.members(total) & ~np.logical_or.reduce(
                        [truth.members(g) for g in chosen])
                    leaks.append(Leak("total minus groups", family, [total, *chosen], rest,
                                      _implied(parts, rest), people))
    return leaks


def _differences(family: str, sets: list[tuple[int, tuple[BoolArray, Figure]]],
                 k: int) -> list[Leak]:
    """Two shown sets, one inside the other, with 1 to k - 1 people between them."""
    leaks = []
    sized = [(bits, bits.bit_count(), mask, f) for bits, (mask, f) in sets]
    for (a, na, mask_a, fa), (b, nb, mask_b, fb) in itertools.permutations(sized, 2):
        if na < nb and (a & b) == a and 0 < nb - na < k:
            leaks.append(Leak("difference", family, [fb, fa], nb - na,
                              _implied([(1.0, fb), (-1.0, fa)], nb - na), mask_b & ~mask_a))
    return leaks


def _combination(family: str, sets: list[tuple[BoolArray, Figure]], k: int,
                 max_search: int = 20) -> Leak | None:
    """Any linear combination of the shown sets that lands on 1 to k - 1 people.

    The shown sets cut the respondents into atoms; a derivable vector lives in the row
    space V of the set × atom matrix. Vectors of V that vanish on every atom of k or
    more people form W; a leak is a nonzero vector of W whose atoms hold fewer than k
    people together (a set, or the difference of two small sets).
    """
    if not sets:
        return None
    matrix = np.column_stack([m for m, _f in sets])  # people × sets
    inside = matrix.any(axis=1)
    patterns, inverse = np.unique(matrix[inside], axis=0, return_inverse=True)
    sizes = np.bincount(inverse.ravel(), minlength=patterns.shape[0])
    small = sizes < k
    if not small.any():
        return None
    atoms: FloatArray = patterns.T.astype(np.float64)  # sets × atoms
    null = _null_space(atoms[:, ~small].T)  # coefficients c with c·(big atoms) = 0
    if null.shape[1] == 0:
        return None
    reach = null.T @ atoms[:, small]  # W, in coordinates of the small atoms
    if np.linalg.matrix_rank(reach, tol=1e-9) == 0:
        return None
    small_sizes = sizes[small]
    relevant = [j for j in range(reach.shape[1]) if np.linalg.norm(reach[:, j]) > 1e-9]
    for r in range(1, min(k - 1, len(relevant) if len(relevant) <= max_search else 2) + 1):
        for chosen in itertools.combinations(relevant, r):
            if int(small_sizes[list(chosen)].sum()) >= k:
                continue
            outside = [j for j in range(reach.shape[1]) if j not in chosen]
            z_space = _null_space(reach[:, outside].T) if outside else np.eye(reach.shape[0])
            if z_space.shape[1] == 0:
                continue
            on_chosen = z_space.T @ reach[:, list(chosen)]
            best = int(np.argmax(np.linalg.norm(on_chosen, axis=1)))
            if np.linalg.norm(on_chosen[best]) <= 1e-9:
                continue
            z = z_space[:, best]
            y = reach[:, list(chosen)].T @ z  # weight per chosen atom
            y = y / float(y[np.argmax(np.abs(y))])
            small_ids = np.flatnonzero(small)[list(chosen)]
            target = np.zeros(atoms.shape[1])
            target[small_ids] = y
            keep, coef = _fewest_sets(atoms, target)
            parts = [(float(c), sets[i][1]) for i, c in zip(keep, coef, strict=True)
                     if abs(c) > 1e-9]
            people = np.zeros(matrix.shape[0], dtype=bool)
            rows = np.flatnonzero(inside)
            for atom, weight in zip(small_ids, y, strict=True):
                if abs(weight) > 1e-9:
                    people[rows[inverse.ravel() == atom]] = True
            n = int(small_sizes[list(chosen)].sum())
            is_set = bool(np.allclose(y, 1.0))
            return Leak("combination" if is_set else "combination (difference of small sets)",
                        family, [f for _c, f in parts], n,
                        _implied(parts, n) if is_set else {}, people)
    if len(relevant) > max_search:
        return Leak("undecided", family, [f for _m, f in sets], 0)
    return None


# ---------------------------------------------------------------- what pages show


def _text_of(markup: str) -> str:
    """Visible text and readable attributes of a page (scripts and styles dropped)."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    attributes = " ".join(m.group(2) for m in re.finditer(
        r'\b(aria-label|title|alt)="([^"]*)"', markup))
    return html.unescape(re.sub(r"<[^>]+>", " ", markup) + " " + attributes)


def _numbers(text: str) -> list[str]:
    return [m.group().replace(",", ".").lstrip("-") for m in NUMBER.finditer(text)]


def _certainty_numbers(data: Mapping[str, Any]) -> list[float]:
    """The number the phase's certainty is said with ("more than 99.5%")."""
    phase = data.get("phase") if isinstance(data.get("phase"), Mapping) else None
    u = phase.get("uncertainty") if phase else None
    if not isinstance(u, Mapping):
        return []
    said = certainty(float(u["same_phase"]), int(u["resamples"]))
    return [float(said.percent)]


def explained_by(*sources: Any) -> set[str]:
    """Every way a page may print the numbers of ``sources`` (rounded, percent, either
    decimal mark, or already worded in a text of the result), plus today's date."""
    numbers: list[float] = []
    for source in sources:
        for key, value in _walk({"root": source}):
            if isinstance(value, bool):
                continue
            if isinstance(value, (int, float)):
                numbers.append(float(value))
                # A tension source reads in tension on every page: 100 - its score and
                # its interval mirrored.
                numbers.append(100.0 - float(value))
                if key == "same_phase" and isinstance(source, Mapping):
                    numbers += _certainty_numbers(source)
            elif isinstance(value, str):  # worded figures ("its criteria (now 41/100)")
                numbers += [float(n) for n in _numbers(value)]
            elif isinstance(value, list):
                numbers.append(float(len(value)))
                numbers.append(float(sum(1 for v in value if isinstance(v, Mapping)
                                         and v.get("contested"))))
    today = timezone.localdate()
    out = {str(today.year), str(today.day), str(today.month), f"{today.day:02d}",
           f"{today.month:02d}"}
    for value in numbers:
        for v in (abs(value), abs(value) * 100):
            for decimals in range(4):
                # as Python formats it, and as the faces round (a half away from zero,
                # float noise dropped: tandem.rounding)
                out |= {f"{v:.{decimals}f}", rounded_text(v, decimals)}
    return out


# Numbers pages print that are no figure: the method's wording ("HBR 2006", "2/3") and
# the bands of the heat-map legend.
STATIC_NUMBERS = {n for h, t in method(K, COMMENT_K) for lang in ("nl", "en")
                  for n in _numbers(h(lang) + " " + t(lang))} | {
                      str(b) for band in range(5) for b in (20 * band, 20 * band + 19)}


@dataclass
class Crawl:
    """What the attacker saw: figures per scan, unexplained numbers, open-text sightings."""

    truths: dict[int, Truth]
    figures: dict[int, list[Figure]] = field(default_factory=lambda: defaultdict(list))
    problems: list[str] = field(default_factory=list)
    requests: int = 0
    urls: set[str] = field(default_factory=set)
    numbers_seen: int = 0
    figures_seen: int = 0
    # (scan id, text) -> views whose page showed it; question -> views showing its list
    sightings: dict[tuple[int, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    lists: dict[tuple[int, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    # (scan id, text) -> the departments of the group(s) a face names next to it
    named: dict[tuple[int, str], list[tuple[str, ...]]] = field(
        default_factory=lambda: defaultdict(list))
    # what may stand next to an open answer: the groups its set is shown under
    sources: set[str] = field(default_factory=set)
    _results: dict[tuple[Any, ...], tuple[list[Figure], set[str]]] = field(default_factory=dict)
    _pages: set[tuple[Any, ...]] = field(default_factory=set)

    def get(self, client: Client, url: str, query: Any = None, **headers: str) -> Any:
        self.requests += 1
        self.urls.add(url)
        return client.get(url, query or {}, headers=headers)

    def result(self, scan: Scan, result: Any, where: str, view: str,
               extra: Any = None) -> tuple[list[Figure], set[str]]:
        """Figures of a rendered result (a Result or its dict), read once per distinct
        (scan, view, sizes): the app serves the same cached result for all of them."""
        if isinstance(result, Mapping):
            meta = result["meta"]
            key = (scan.pk, view, meta["n"], tuple((g["id"], g["n"]) for g in meta["groups"]))
        else:
            key = (scan.pk, view, result.meta.n,
                   tuple((g.id, g.n) for g in result.meta.groups))
        if key not in self._results:
            # Exact floats: a page rounds the figure itself, and a mean of 2.72499999 (its
            # last bits vary with the order the answers are read in) reads 2.72 on the
            # page but would be 2.725, so "2.73", from the contract's six digits.
            data = result if isinstance(result, Mapping) else result.to_dict(digits=None)
            figures = (result_figures(data, where, view, reliability=not view)
                       if data["meta"]["n"] else [])
            self._comment_groups(scan, data)
            self.problems += withheld_with_figures(data, where)
            self.figures[scan.pk] += figures
            self._results[key] = (figures, explained_by(data) | STATIC_NUMBERS)
        figures, explained = self._results[key]
        self.figures_seen += sum(1 + len(f.values) for f in figures)
        return figures, explained | explained_by(extra) if extra is not None else explained

    def _comment_groups(self, scan: Scan, data: Mapping[str, Any]) -> None:
        """The group an open answer is shown under narrows who wrote it: note the
        departments behind it (checked in (c)) and the words naming it (may stand by it)."""
        members = {g["id"]: tuple(g["members"]) for g in data["meta"]["groups"]}
        result = Result.from_dict(dict(data))
        for found in result.comments:
            if not found.shown:
                continue
            self.sources |= {comment_source(result, found, lang) for lang in ("nl", "en")}
            self.sources.add("+".join(found.groups))
            behind = tuple(m for g in found.groups for m in members[g])
            for text in found.texts:
                if SECRET in text and found.groups:
                    self.named[(scan.pk, text)].append(behind)

    def page(self, scan: Scan, url: str, body: str, explained: set[str], seen_as: tuple[Any, ...],
             view: str, kind: str = "html") -> None:
        """Numbers a page prints must come from its figures; open texts are noted."""
        self.open_texts(scan, body, view, url, kind)
        if seen_as in self._pages:
            return
        self._pages.add(seen_as)
        numbers = _numbers(_text_of(body) if kind == "html" else body)
        self.numbers_seen += len(numbers)
        stray = sorted({n for n in numbers
                        if n not in explained and n.lstrip("0") not in explained})
        if stray:
            text = _text_of(body) if kind == "html" else body
            where = [text[max(0, i - 120):i + 40].replace("\n", " | ")
                     for n in stray[:2] for i in [text.find(n)] if i >= 0]
            self.problems.append(f"{url} [{view or 'everyone'}]: numbers from no figure {stray}"
                                 f" in {where}")

    def open_texts(self, scan: Scan, body: str, view: str, url: str, kind: str = "html") -> None:
        """Note which open answers a face shows, and that nothing stands next to them."""
        if " note " not in body and SECRET not in body:
            return
        truth = self.truths[scan.pk]
        for question, column in truth.responses.texts.items():
            texts = [t for t in column if t]
            shown = [t for t in texts if (html.escape(t) if kind == "html" else t) in body]
            if shown:
                self.lists[(scan.pk, question)].append(view)
            for text in shown:
                if SECRET in text:
                    self.sightings[(scan.pk, text)].append(view)
                    self._alone(text, body, url, kind)

    def _alone(self, text: str, body: str, url: str, kind: str) -> None:
        """An open answer stands on its own: no group, level, date or other figure with it."""
        if kind == "json":
            for key, value in _walk(json.loads(body)):
                strings = value if isinstance(value, list) else [value]
                if key != "texts" and any(isinstance(v, str) and SECRET in v for v in strings):
                    self.problems.append(f"{url}: open answer under {key!r}")
            return
        if kind == "html":
            blocks = [html.unescape(body[body.rfind(">", 0, m.start()) + 1:
                                         body.find("<", m.end())])
                      for m in re.finditer(re.escape(html.escape(text)), body)]
        else:
            blocks = [line for line in body.splitlines() if text in line]
        for block in blocks:
            rest = block.replace(text, "")
            for source in sorted(self.sources, key=len, reverse=True):
                rest = rest.replace(source, "")
            if not re.fullmatch(r"[\W_]*(open_[a-z]+)?[\W_]*", rest):
                self.problems.append(f"{url}: open answer shown with more: {block!r}")


# ---------------------------------------------------------------- the crawl


def _filter_strings() -> tuple[list[str], list[str], list[list[str]]]:
    """Every filter value (occurring or not) and hand-made strings; every pair of values
    joined into one string; every pair as a repeated parameter, in both orders."""
    instrument = load_instrument()
    values = []
    for dimension in DIMENSIONS:
        options = instrument.item(dimension).options
        assert options is not None
        values += [f"{dimension}:{o.code}" for o in options.options]
    crafted = ["", "department:", ":", "department", "level:DIRECTOR", " level:director",
               "level:director ", "department:marketing:x", "segment:Benelux",
               f"segment:{SECRET} segment 0", "respondent:1", "department:nobody",
               "level:None", "tenure:", "department:marketing,sales", "x" * 300,
               "department%3Amarketing", "département:ventes"]
    pairs: list[list[str]] = []
    for a, b in itertools.combinations(values, 2):
        pairs += [[a, b], [b, a]]
    separators = (",", ";", "|", "&", " ", "+")
    joined = [f"{a}{separators[i % len(separators)]}{b}"
              for i, (a, b) in enumerate(itertools.combinations(values, 2))]
    return values + crafted, joined, pairs


def _crawl_pages(crawl: Crawl, client: Client, scan: Scan, role: str, lang: str,
                 singles: Sequence[str], pairs: Sequence[list[str]], tabs: Sequence[str]) -> None:
    kwargs = {"org_id": scan.organisation_id, "scan_id": scan.pk}
    for tab in tabs:
        url = reverse(f"results:{tab}", kwargs=kwargs)
        queries: list[Any] = [{"filter": s} if s else {} for s in singles]
        queries += [{"filter": p} for p in pairs]
        for query in queries:
            response = crawl.get(client, url, query)
            if response.status_code != 200:
                crawl.problems.append(f"{role} {url} {query}: status {response.status_code}")
                continue
            context = response.context
            chosen = context["chosen"]
            extra: Any = None
            if tab == "compare":
                found = scan_comparison(scan=scan)
                extra = _comparison_dict(found.comparison) if found and found.comparison else None
            where = f"{url}?filter={query.get('filter', '')}"
            _figures, explained = crawl.result(scan, context["result"], where, chosen, extra)
            if context.get("rate") is not None:
                explained = explained | explained_by(float(context["rate"].rstrip("%")
                                                           .replace(",", ".")))
            crawl.page(scan, where, response.content.decode(), explained,
                       (scan.pk, tab, role, lang, chosen), chosen)


def _comparison_dict(comparison: Any) -> dict[str, Any]:
    return {"n_previous": comparison.n_previous, "n_current": comparison.n_current,
            "changes": [vars(c) if hasattr(c, "__dict__") else
                        {s: getattr(c, s) for s in c.__slots__} for c in comparison.changes]}


def _set_language(client: Client, lang: str) -> None:
    client.post(reverse("set_language"), {"language": lang})


def _crawl_downloads(crawl: Crawl, client: Client, scan: Scan, role: str, lang: str,
                     json_body: bytes, crafted: bool) -> None:
    """The JSON, CSV, workbook, PDF and anonymised answers; with hand-made filters too,
    which must change nothing (exports are never filtered)."""
    kwargs = {"org_id": scan.organisation_id, "scan_id": scan.pk}
    json_data = json.loads(json_body)
    explained = explained_by(json_data) | STATIC_NUMBERS
    plain = {"scan_json": json_body}
    queries: list[dict[str, Any]] = [{}]
    if crafted:
        queries += [{"filter": "department:marketing"}, {"filter": "level:director"},
                    {"filter": ["department:sales", "level:staff"]}]
    for query in queries:
        for name, extra in (("scan_json", {}), ("csv", {}), ("xlsx", {}),
                            ("pdf", {"lang": lang}), ("responses", {})):
            if name == "scan_json" and not query:
                continue  # fetched and read first, by the caller
            url = reverse(f"results:{name}", kwargs={**kwargs, **extra})
            response = crawl.get(client, url, query)
            if name == "responses" and role != "owner":
                if response.status_code == 200:
                    crawl.problems.append(f"{role} may download the answers: {url}")
                continue
            assert response.status_code == 200, (role, url, response.status_code)
            body = response.content
            if name in ("scan_json", "csv"):
                if query and body != plain[name]:
                    crawl.problems.append(f"{url}?{query}: an export changes with a filter")
                plain.setdefault(name, body)
            where = f"{url}?{query}" if query else url
            if name == "scan_json":
                continue
            if name == "csv":
                figures, problems = csv_figures(body.decode("utf-8-sig"), where)
                if not query and (scan.pk, "csv") not in crawl._pages:
                    crawl._pages.add((scan.pk, "csv"))
                    crawl.figures[scan.pk] += figures
                    crawl.problems += problems
                crawl.figures_seen += sum(1 + len(f.values) for f in figures)
            elif name == "xlsx":
                _read_workbook(crawl, scan, body, where, json_data, explained)
            elif name == "pdf":
                text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(body)).pages)
                crawl.page(scan, where, text, explained, (scan.pk, "pdf", lang), "", "text")
                # The Markdown report (command line, no web URL) renders the same result.
                markdown = render_markdown(shown_result(scan=scan), lang)
                crawl.page(scan, f"render_markdown({lang})", markdown, explained,
                           (scan.pk, "md", lang), "", "text")
            else:
                _read_answers(crawl, scan, body, where)


WORKBOOK_GROUP = {"groep": ("n", "respondenten"), "group": ("n", "respondents"),
                  "groep a": ("n a",), "group a": ("n a",), "groep b": ("n b",),
                  "group b": ("n b",)}
EVERYONE = ("Iedereen", "Everyone")


def _read_workbook(crawl: Crawl, scan: Scan, body: bytes, where: str,
                   json_data: Mapping[str, Any], explained: set[str]) -> None:
    """Each group row of each sheet: its n is there, at least k, and a group the JSON
    shows; every number comes from a figure; open answers stand alone."""
    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    labels = {g["label"][lang]: g for g in json_data["meta"]["groups"] for lang in ("nl", "en")}
    for sheet in book.worksheets:
        pairs: list[tuple[int, int | None]] = []
        for row in sheet.iter_rows(values_only=True):
            names = [str(c).strip().lower() if isinstance(c, str) else None for c in row]
            if any(n in WORKBOOK_GROUP for n in names) and all(
                    c is None or isinstance(c, str) for c in row):  # a (sub)table's header
                pairs = [(g, next((i for i, h in enumerate(names)
                                   if h in WORKBOOK_GROUP[name]), None))
                         for g, name in enumerate(names) if name in WORKBOOK_GROUP]
                continue
            numbers = [c for c in row if isinstance(c, (int, float)) and not isinstance(c, bool)]
            crawl.numbers_seen += len(numbers)
            strays = [c for c in numbers if not explained & {f"{abs(c):.{d}f}" for d in range(4)}]
            if strays:
                crawl.problems.append(f"{where} {sheet.title}: numbers from no figure {strays}")
            texts = [c for c in row if isinstance(c, str) and SECRET in c]
            for text in texts:
                crawl.open_texts(scan, text, "", f"{where} {sheet.title}", "text")
                if any(c is not None and c != text and not str(c).startswith("open_")
                       and c not in crawl.sources for c in row):
                    crawl.problems.append(f"{where} {sheet.title}: open answer with {row}")
            for g, n_col in pairs:
                label = row[g] if g < len(row) else None
                if not isinstance(label, str) or label.startswith(EVERYONE) or not numbers:
                    continue
                n = row[n_col] if n_col is not None and n_col < len(row) else None
                if label not in labels:
                    crawl.problems.append(f"{where} {sheet.title}: a group not shown: {row}")
                elif n is None and any(isinstance(c, float) for c in row):
                    crawl.problems.append(f"{where} {sheet.title}: a group figure without n {row}")
                elif n is not None and not K <= int(n) <= labels[label]["n"]:
                    crawl.problems.append(f"{where} {sheet.title}: n={n} for {label}")


def _read_answers(crawl: Crawl, scan: Scan, body: bytes, where: str) -> None:
    """The anonymised answers: every combination of shown columns holds 0 or >= k rows."""
    bundle = zipfile.ZipFile(io.BytesIO(body))
    for name in bundle.namelist():
        text = bundle.read(name).decode("utf-8-sig")
        crawl.open_texts(scan, text, "", f"{where}:{name}", "text")
        if SECRET in text and name != "comments.csv":
            crawl.problems.append(f"{where}:{name}: an open answer of the three")
    rows = list(csv.DictReader(io.StringIO(bundle.read("data.csv").decode("utf-8-sig"))))
    profile = [c for c in ("department", "level", "tenure") if rows and c in rows[0]]
    for r in range(1, len(profile) + 1):
        for columns in itertools.combinations(profile, r):
            counts: dict[tuple[str, ...], int] = defaultdict(int)
            for row in rows:
                counts[tuple(row[c] for c in columns)] += 1
            small = {key: n for key, n in counts.items() if n < K and any(key)}
            if small:
                crawl.problems.append(f"{where}: rows per {columns} below k: {small}")
    if "comments.csv" in bundle.namelist():
        header = next(csv.reader(io.StringIO(bundle.read("comments.csv").decode("utf-8-sig"))))
        if set(header) & {*DIMENSIONS, "group", "segment"}:
            crawl.problems.append(f"{where}: comments.csv has a profile: {header}")


def _crawl_other_pages(crawl: Crawl, client: Client, scan: Scan, role: str,
                       json_data: Mapping[str, Any]) -> None:
    """The action pages (target, roadmap, plan, movement, decision rights) and the
    scan's page with its response rates (also as the htmx fragment it refreshes with).

    Their numbers must come from the result, the comparison, the actions' movement or
    the rates; the rates' finished counts are respondent counts, attacked with the rest.
    """
    org = scan.organisation_id
    found = scan_comparison(scan=scan)
    movements = [action_movement(a) for a in Action.objects.filter(organisation_id=org)]
    table = scan_response_rates(scan=scan)
    rows = (*table.rows, table.total)
    explained = STATIC_NUMBERS | explained_by(
        json_data, _comparison_dict(found.comparison) if found and found.comparison else None,
        [[(r.before, r.after, r.change, r.ci_low, r.ci_high) for r in m.rows]
         for m in movements if m is not None],
        [(r.invited, r.finished, r.rate) for r in rows])
    detail = reverse("scans:detail", kwargs={"org_id": org, "scan_id": scan.pk})
    if (scan.pk, "rates") not in crawl._pages:
        crawl._pages.add((scan.pk, "rates"))
        crawl.figures[scan.pk] += [
            Figure(f"{detail} rates", "", "people",
                   tuple("other" if m == "" else m for m in row.members or (row.key,)),
                   row.finished)
            for row in table.rows if row.finished is not None]
    pages = [reverse(f"actions:{name}", kwargs={"org_id": org, "scan_id": scan.pk})
             for name in ("target", "roadmap")]
    pages += [reverse(f"actions:{name}", kwargs={"org_id": org})
              for name in ("plan", "decision_rights", "export")]
    pages += [reverse("actions:action", kwargs={"org_id": org, "action_id": a})
              for a in Action.objects.filter(organisation_id=org).values_list("pk", flat=True)]
    for url, headers in [*((p, {}) for p in pages), (detail, {}), (detail, {"HX-Request": "true"})]:
        response = crawl.get(client, url, None, **headers)
        if url == detail and role == "viewer" and response.status_code == 403:
            continue  # viewers do not manage scans
        if response.status_code != 200:
            crawl.problems.append(f"{role} {url}: status {response.status_code}")
            continue
        crawl.page(scan, url, response.content.decode(), explained,
                   (scan.pk, url, role, bool(headers)), "")


# ---------------------------------------------------------------- the tests


def _recovered(leaks: Iterable[Leak], truth: Truth) -> list[tuple[Leak, str, float, float]]:
    """Leaks whose implied value is the three's own, exactly: (leak, measure, shown, true)."""
    out = []
    for leak in leaks:
        if leak.people is None or not (leak.people & truth.small).any():
            continue
        for measure, implied in leak.implied.items():
            own = truth.value(leak.family, measure)
            if own is None:
                continue
            behind = leak.people & truth.family(leak.family)
            true = float(np.nanmean(own[behind]))
            if np.isclose(implied, true, atol=1e-4):
                out.append((leak, measure, implied, true))
    return out


@pytest.fixture(autouse=True)
def _no_results_from_an_earlier_test(db: None) -> None:
    """Results are cached by scan id and a stamp of their inputs; a test database reuses
    ids (and a transactional test's flush leaves the cache table), so a scan here could
    be served another test's figures, which the crawl would report as numbers from no
    figure."""
    cache.clear()


def test_no_view_filter_export_or_wave_gives_the_three_away(world: World,
                                                           waves: tuple[Scan, Scan]) -> None:
    """Crawl as every role, then attack: every leak is reported with its URL and figures."""
    started = time.perf_counter()
    previous, current = waves
    truths = {s.pk: Truth(scan_responses(scan=s)) for s in waves}
    crawl = Crawl(truths)
    singles, joined, pairs = _filter_strings()
    offered = {s.pk: [f"{v.dimension}:{v.value}" for v in scan_analysis(scan=s).filters.offered()]
               for s in waves}
    assert offered[current.pk], "the scan should offer some filters, or the attack tests little"

    # Owner: every tab × every single string, every repeated pair on every tab that
    # filters, the joined pairs on the overview; the other roles: the singles where filters
    # apply, the rest on the overview (one view function serves every tab); Dutch and the
    # earlier wave: the offered views and two withheld ones.
    for role in ROLES:
        client = client_for(world.user(role))
        for lang in ("en", "nl") if role == "owner" else ("en",):
            _set_language(client, lang)
            for scan in (current, previous):
                url = reverse("results:scan_json", kwargs={"org_id": world.org.pk,
                                                           "scan_id": scan.pk})
                response = crawl.get(client, url)
                data = response.json()
                crawl.result(scan, data, url, "")
                crawl.open_texts(scan, response.content.decode(), "", url, "json")
                few = ["", *offered[scan.pk], "department:marketing", "level:director"]
                first = role == "owner" and lang == "en"
                plan: list[tuple[Sequence[str], Sequence[str], Sequence[list[str]]]]
                if scan is previous:
                    plan = [(TABS, few if first else [""], [])]
                elif lang == "nl":
                    plan = [(TABS, few, [])]
                elif first:
                    plan = [(TABS, singles, []), (FILTER_TABS, [], pairs), (("scan",), joined, [])]
                else:
                    plan = [(FILTER_TABS, singles, []), (TABS[5:], few, []),
                            (("scan",), joined, pairs)]
                for tabs, strings, paired in plan:
                    _crawl_pages(crawl, client, scan, role, lang, strings, paired, tabs)
                _crawl_downloads(crawl, client, scan, role, lang, response.content,
                                 crafted=first)
                _crawl_other_pages(crawl, client, scan, role, data)

    found = scan_comparison(scan=current)
    assert found is not None and found.previous.pk == previous.pk
    comparison = found.comparison
    assert comparison is not None and comparison.changes
    groups = {s.pk: {g["id"]: tuple(g["members"])
                     for g in scan_analysis(scan=s).result.to_dict()["meta"]["groups"]}
              for s in waves}
    compare_url = reverse("results:compare", kwargs={"org_id": world.org.pk,
                                                     "scan_id": current.pk})
    for change in comparison.changes:  # (d): each wave's side is a figure of that wave
        for scan, n, value in ((previous, change.n_previous, change.previous),
                               (current, change.n_current, change.current)):
            group = None if change.group == "all" else groups[scan.pk].get(change.group)
            if change.group != "all" and groups[previous.pk].get(change.group) != \
                    groups[current.pk].get(change.group):
                crawl.problems.append(f"{compare_url}: {change.group} differs between waves")
            crawl.figures[scan.pk].append(Figure(
                f"{compare_url} {change.scale}.{change.group}", "", f"scale:{change.scale}",
                group, n, {"score": value}))

    crawled = time.perf_counter() - started
    leaks = [(s, leak) for s in waves for leak in attack(crawl.figures[s.pk], truths[s.pk], K)]
    # (c): who can have written each open answer of the three that any page showed.
    for (scan_id, text), views in crawl.sightings.items():
        truth = truths[scan_id]
        question = next(q for q, col in truth.responses.texts.items() if text in list(col))
        writers = np.array([t is not None for t in truth.responses.texts[question]])
        candidates = writers & np.logical_and.reduce([truth.view(v) for v in views])
        for view in crawl.lists[(scan_id, question)]:
            if view not in views:
                candidates &= ~truth.view(view)
        for departments in crawl.named[(scan_id, text)]:  # the group shown with it
            candidates &= truth.group(departments)
        if candidates.sum() < COMMENT_K:
            crawl.problems.append(f"open answer {text!r} narrowed to {int(candidates.sum())}")
    seen = {text for (scan_id, text) in crawl.sightings if scan_id == current.pk}
    assert len(seen) == 3, "the three's shown answers were not found: (c) checked nothing"
    assert all(crawl.named[(current.pk, t)] for t in seen), "no group named next to them"
    for scan in waves:  # below the comment threshold, or the segment: never shown
        for column in truths[scan.pk].responses.texts.values():
            wrote = sum(1 for t in column if t)
            for text in (t for t in column if t and SECRET in t):
                if (wrote < COMMENT_K or "segment" in text) and (scan.pk, text) in crawl.sightings:
                    crawl.problems.append(f"{text!r} shown although {wrote} wrote one")

    elapsed = time.perf_counter() - started
    print(f"\nattack: offered filters {offered[current.pk]}; "
          f"{crawl.requests} requests over {len(crawl.urls)} URLs, "
          f"{len(singles)} single, {len(joined)} joined and {len(pairs)} repeated filter strings, "
          f"{sum(len(f) for f in crawl.figures.values())} figures "
          f"({crawl.figures_seen} values read, {crawl.numbers_seen} printed numbers checked), "
          f"{len(crawl.sightings)} sightings of the three's open answers, "
          f"{elapsed:.1f} s ({crawled:.1f} s fetching)")
    report = [f"scan {s.title}: {leak}" for s, leak in leaks] + crawl.problems
    assert not report, "\n".join(report[:40])


def test_the_attacker_recovers_the_answers_when_nothing_protects_them(world: World) -> None:
    """The same attacker, fed figures the product never shows, finds the three's own
    answers (0/100 on every scale, 1.0 on every statement, "nobody" decides: 100%), so its
    silence in the test above means something."""
    scan = _closed_scan(world.org, world, "Unprotected", CURRENT, seed=12)
    responses = scan_responses(scan=scan)
    truth = Truth(responses)
    context = Context.from_mapping(scan.organisation.context_dict())

    def recovered(figures: list[Figure]) -> set[tuple[str, str, float]]:
        return {(leak.kind, measure, round(shown, 3))  # the JSON keeps 6 decimals
                for leak, measure, shown, _true in _recovered(attack(figures, truth, K), truth)}

    # 1. The core with threshold 3: the three are a group of their own.
    loose = diagnose(responses, context=context, min_group=3).to_dict()
    found = recovered(result_figures(loose, "core(k=3)", ""))
    assert {("direct", "score", 0.0), ("direct", "share_nobody", 1.0),
            ("direct", "share_unclear", 1.0)} <= found
    # 2. Raw means per department from the database, the small one left out, the total
    # shown: the total minus the others is the three.
    raw = []
    for family, measure in (("scale:eco_price", "score"), ("item:def_roles", "mean"),
                            ("choice:dr_pricing", "share_nobody")):
        values = truth.value(family, measure)
        assert values is not None
        for group in (None, ("sales",), ("service",), ("management",), ("other",)):
            mask = truth.family(family) & truth.group(group)
            raw.append(Figure(f"raw {group}", "", family, group, int(mask.sum()),
                              {measure: float(np.nanmean(values[mask]))}))
    found = recovered(raw)
    assert {("total minus groups", "score", 0.0), ("total minus groups", "mean", 1.0),
            ("total minus groups", "share_nobody", 1.0), ("combination", "score", 0.0),
            ("combination", "mean", 1.0)} <= found
    # 3. A filter the product refuses (the three's level), shown anyway next to the
    # unfiltered result: directors minus management is the three.
    unfiltered = diagnose(responses, context=context, min_group=K).to_dict()
    directors = diagnose(responses.subset(truth.columns["level"] == "director"),
                         context=context, min_group=K).to_dict()
    found = recovered([*result_figures(unfiltered, "unfiltered", ""),
                       *result_figures(directors, "directors", "level:director")])
    assert {("difference", "score", 0.0), ("difference", "share_nobody", 1.0)} <= found
    # 4. And the product itself offers neither that filter nor the departments' that would
    # leave the three as the rest of the total (the fix in tandem.filters).
    offered = {f"{v.dimension}:{v.value}" for v in scan_analysis(scan=scan).filters.offered()}
    assert not offered & {"level:director", "department:marketing", "tenure:gt10"}
