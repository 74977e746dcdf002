"""What changed between two versions of the questionnaire (``tandem codebook --diff 1 2``).

Items are matched by id: a version keeps an id only where the question means the same
(CONTRIBUTING.md, "Add or change a question"), so an id in both versions is the same
question, perhaps reworded, moved or rekeyed, and a new question has a new id. Per item
the changes are:

- ``added`` / ``removed``: the id is only in the newer / the older version; a new item
  may say which old ones it ``replaces`` (a double-barrelled statement split in two, an
  agreeing statement turned round), and the removed one then names its successors;
- ``reworded``: its Dutch (``nl``) or English (``en``) text differs;
- ``moved``: its ``section``, ``scale`` or ``forms`` differ;
- ``rekeyed``: its keying differs (``+`` agreeing means more of the scale, ``-`` less);
- ``remapped``: the HBR 2006 topics it stands for differ (the HBR-compatible index).

Besides the items, the instrument's own settings that change a figure (which statements
the index averages) are listed. The result is plain data; ``tandem.report.codebook_diff``
renders it as text or JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from tandem.instrument.model import Instrument, Item

ChangeKind = Literal["added", "removed", "reworded", "moved", "rekeyed", "remapped"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("added", "removed", "reworded", "moved", "rekeyed",
                                        "remapped")


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one item: which field, and its value before and after. An added or
    removed item has field ``item`` and no values (the item itself is in
    :attr:`InstrumentDiff.after` or ``before``); ``related`` are the ids an added item
    replaces or a removed item is replaced by."""

    item: str
    kind: ChangeKind
    field: str
    before: str | None
    after: str | None
    related: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Setting:
    """An instrument-wide setting that differs (e.g. ``index``)."""

    name: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class InstrumentDiff:
    """Every change from ``before`` to ``after``, in the newer version's item order (the
    removed items after the ones they stood before)."""

    before: Instrument
    after: Instrument
    changes: tuple[Change, ...]
    settings: tuple[Setting, ...]

    def of_kind(self, kind: ChangeKind) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == kind)

    def item(self, change: Change) -> Item:
        """The item a change is about: the newer version's, or the older's when removed."""
        version = self.before if change.kind == "removed" else self.after
        return version.item(change.item)

    def counts(self) -> dict[str, int]:
        """Items per kind of change (an item reworded in both languages counts once)."""
        return {kind: len({c.item for c in self.of_kind(kind)}) for kind in CHANGE_KINDS}

    @property
    def empty(self) -> bool:
        return not self.changes and not self.settings


def _forms(item: Item) -> str:
    return " ".join(item.forms)


def _topics(item: Item) -> str:
    return " ".join(str(t) for t in item.hbr)


#: The fields compared for an item in both versions, and the kind of change each is.
_FIELDS: tuple[tuple[str, ChangeKind, Callable[[Item], str]], ...] = (
    ("nl", "reworded", lambda i: i.text.nl),
    ("en", "reworded", lambda i: i.text.en),
    ("section", "moved", lambda i: i.section),
    ("scale", "moved", lambda i: i.scale or ""),
    ("forms", "moved", _forms),
    ("keying", "rekeyed", lambda i: i.keying),
    ("hbr", "remapped", _topics),
)


def diff_instruments(before: Instrument, after: Instrument) -> InstrumentDiff:
    """The changes from ``before`` to ``after`` (see the module docstring).

    Raises ValueError when the two are different questionnaires (another ``id``): their
    items share no meaning to compare.
    """
    if before.id != after.id:
        raise ValueError(f"{before.key} and {after.key} are different questionnaires")
    # the optional meta-perception items are predictions of statements, generated from
    # them, not statements: a changed statement is listed once, under its own id
    old = {i.id: i for i in before.items if i.about is None}
    new = {i.id: i for i in after.items if i.about is None}
    successors: dict[str, list[str]] = {}
    for item in new.values():
        for gone in item.replaces:
            successors.setdefault(gone, []).append(item.id)
    changes: list[Change] = []
    for item_id in _merged_order(list(old), list(new), successors):
        if item_id not in old:
            changes.append(Change(item_id, "added", "item", None, None, new[item_id].replaces))
        elif item_id not in new:
            changes.append(Change(item_id, "removed", "item", None, None,
                                  tuple(successors.get(item_id, ()))))
        else:
            for name, kind, value in _FIELDS:
                a, b = value(old[item_id]), value(new[item_id])
                if a != b:
                    changes.append(Change(item_id, kind, name, a, b))
    settings = tuple(Setting(name, a, b) for name, a, b in _settings(before, after) if a != b)
    return InstrumentDiff(before, after, tuple(changes), settings)


def _settings(before: Instrument, after: Instrument) -> list[tuple[str, str, str]]:
    """The instrument-wide values compared: the index, the title, the texts of sections
    and scales kept by id (a respondent reads a section's intro before its questions)."""
    pairs: list[tuple[str, str, str]] = [("index", before.index, after.index)]
    for lang in ("nl", "en"):
        pairs.append((f"title ({lang})", before.title(lang), after.title(lang)))
        kept = {s.id: s for s in before.sections}
        for section in after.sections:
            if section.id in kept:
                old = kept[section.id]
                pairs.append((f"section {section.id}: title ({lang})", old.title(lang),
                              section.title(lang)))
                pairs.append((f"section {section.id}: intro ({lang})",
                              old.intro(lang) if old.intro else "",
                              section.intro(lang) if section.intro else ""))
        scales = {s.id: s for s in before.scales}
        for scale in after.scales:
            if scale.id in scales:
                pairs.append((f"scale {scale.id}: title ({lang})", scales[scale.id].title(lang),
                              scale.title(lang)))
    return pairs


def _merged_order(old: list[str], new: list[str], successors: dict[str, list[str]]) -> list[str]:
    """The newer version's order; a removed id just before the first item that replaces
    it, else after the id it followed in the older version."""
    order = list(new)
    for position, item_id in enumerate(old):
        if item_id in new:
            continue
        following = [order.index(s) for s in successors.get(item_id, ()) if s in order]
        if following:
            order.insert(min(following), item_id)
            continue
        anchor = next((old[p] for p in range(position - 1, -1, -1) if old[p] in order), None)
        order.insert(order.index(anchor) + 1 if anchor is not None else 0, item_id)
    return order


__all__ = ["CHANGE_KINDS", "Change", "ChangeKind", "InstrumentDiff", "Setting",
           "diff_instruments"]
