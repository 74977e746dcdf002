"""Which filters a results page may offer: the rule is :mod:`tandem.privacy.differencing`;
this module adds what it needs from a response set (each figure's respondents, the
profile columns), which the privacy package does not read itself.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tandem.analysis.scores import score_responses
from tandem.privacy.differencing import (
    DIMENSIONS,
    BoolArray,
    FilterOptions,
    FilterValue,
    department_codes,
    derivable_small_dimension,
    displayed_sets,
    filter_options,
    plan_masks,
)
from tandem.responses import ResponseSet


def figure_masks(responses: ResponseSet) -> dict[str, BoolArray]:
    """Per figure family, who stands behind it: each scale's valid scores, the people
    with a perceived phase, each Likert item and each choice question answered (and
    answered other than "don't know", the base of clarity)."""
    scored = score_responses(responses)
    masks: dict[str, BoolArray] = {}
    for s, scale in enumerate(scored.scales):
        masks[f"scale:{scale.id}"] = ~np.isnan(scored.percent[:, s])
    blocks = [f"scale:{b}" for b in ("DEF", "ALI", "INT")]
    if all(b in masks for b in blocks):
        masks["phase"] = np.logical_and.reduce([masks[b] for b in blocks])
    for j, item_id in enumerate(responses.likert_ids):
        masks[f"item:{item_id}"] = ~np.isnan(responses.likert[:, j])
    for item_id, column in responses.choices.items():
        if responses.instrument.item(item_id).section == "profile":
            continue
        answered = np.array([v is not None for v in column], dtype=bool)
        masks[f"choice:{item_id}"] = answered
        masks[f"choice:{item_id}:named"] = answered & np.array([v != "dk" for v in column])
    # Identical masks test the same thing twice: keep one of each.
    unique: dict[bytes, str] = {}
    for name, mask in masks.items():
        unique.setdefault(np.packbits(mask).tobytes(), name)
    return {name: masks[name] for name in unique.values()}


def responses_profile(responses: ResponseSet) -> dict[str, npt.NDArray[np.object_]]:
    """The profile columns of a response set, as :func:`filter_options` reads them."""
    return {d: responses.choices[d] for d in DIMENSIONS if d in responses.choices}


__all__ = [
    "DIMENSIONS",
    "FilterOptions",
    "FilterValue",
    "department_codes",
    "derivable_small_dimension",
    "displayed_sets",
    "figure_masks",
    "filter_options",
    "plan_masks",
    "responses_profile",
]
