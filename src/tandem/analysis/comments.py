"""Open comments: per group where the group alone reaches the comment threshold, else pooled.

The survey tells respondents, before they write, which of the two happens to their
words (tandem.web.survey), so this is the one place that decides it. Per question: a
group (a displayed cell of the group plan) whose members wrote at least ``comment_k``
answers gets its own set; the answers of every other group go into one pool, grown
with the smallest remaining group (the one rule of :func:`tandem.privacy.grow_to_k`)
until it holds ``comment_k`` answers or more; a pool that cannot get there (fewer than
``comment_k`` answers in all) is withheld. Within each set the order is random, seeded
by its content, so it says nothing about who wrote when.
"""

from __future__ import annotations

import hashlib

import numpy as np

from tandem.analysis.groups import Cells
from tandem.contract.result import CommentSet, Suppression
from tandem.privacy import comments_shown, grow_to_k
from tandem.responses import ResponseSet


def _shuffled(texts: list[str]) -> tuple[str, ...]:
    ordered = sorted(texts)  # the input order says nothing
    seed = int.from_bytes(hashlib.sha256("\n".join(ordered).encode()).digest()[:8])
    order = np.random.default_rng(seed).permutation(len(ordered))
    return tuple(ordered[i] for i in order)


def _by_group(responses: ResponseSet, cells: Cells, item_id: str) -> dict[str, list[str]]:
    """The non-empty answers to one question per displayed group, in the plan's order."""
    ids = cells.ids
    texts: dict[str, list[str]] = {cell: [] for cell in ids}
    for position, text in zip(cells.index, responses.texts[item_id], strict=True):
        if text and position >= 0:
            texts[ids[position]].append(str(text))
    return {cell: found for cell, found in texts.items() if found}


def question_sets(item_id: str, texts: dict[str, list[str]], comment_k: int,
                  order: tuple[str, ...]) -> tuple[list[CommentSet], Suppression | None]:
    """The sets of one question from its answers per group (``order``: the plan's)."""
    if not texts:
        return [CommentSet(question=item_id, shown=False, texts=())], None
    sizes = {cell: len(found) for cell, found in texts.items()}
    pool = grow_to_k(sizes, [c for c, n in sizes.items() if not comments_shown(n, comment_k)],
                     comment_k, key=lambda c: (sizes[c], order.index(c)))
    sets = [CommentSet(question=item_id, shown=True, texts=_shuffled(texts[cell]),
                       groups=(cell,))
            for cell in order if cell in sizes and cell not in pool]
    if not pool:
        return sets, None
    members = tuple(c for c in order if c in pool)
    pooled = [t for cell in members for t in texts[cell]]
    if comments_shown(len(pooled), comment_k):
        return [*sets, CommentSet(question=item_id, shown=True, texts=_shuffled(pooled),
                                  groups=members)], None
    withheld = CommentSet(question=item_id, shown=False, texts=())  # not even who wrote
    return [*sets, withheld], Suppression("comments", None, item_id, "comment_threshold")


def comment_sets(responses: ResponseSet, cells: Cells,
                 comment_k: int) -> tuple[tuple[CommentSet, ...], list[Suppression]]:
    """Every open question's sets, in the instrument's order of the answered columns."""
    sets: list[CommentSet] = []
    notes: list[Suppression] = []
    for item_id in responses.texts:
        if not responses.instrument.item(item_id).is_comment:
            continue
        found, note = question_sets(item_id, _by_group(responses, cells, item_id), comment_k,
                                    cells.ids)
        sets += found
        if note is not None:
            notes.append(note)
    return tuple(sets), notes


__all__ = ["comment_sets", "question_sets"]
