"""Reading results saved under an older schema: result-1 upgraded to result-2.

A saved result (a file of ``tandem score --format json``, a scan's result kept by the
web app after its raw answers were purged) carries its version in
``meta.schema_version``. :func:`upgrade` brings such a dict to the current major
version, one step at a time through :data:`UPGRADES` (keyed by the major version a step
reads), so a result-1 file opens in every Tandem to come: when result-3 arrives, add a
``_2_to_3`` step and result-1 goes 1 → 2 → 3.

What a step has to do:

* **Nothing, for a field added with a default**: the decoder gives a missing field its
  default (:mod:`tandem.contract.codec`), so a result-1 dict without it reads.
* **A computed upgrade**, for a field whose value can be derived from what the old
  result holds (a decision the renderers used to make from the figures), a renamed
  field or a changed shape: compute it in the step, on the copy. Put such computations
  in :func:`_1_to_2` below.

A version newer than this Tandem, an unknown major version or a missing version is
refused with :class:`~tandem.contract.codec.ResultFormatError` naming
``result.meta.schema_version``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from tandem.contract.codec import ResultFormatError

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

VERSION_PATH = "result.meta.schema_version"


def _1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """result-1 → result-2. The shapes are the same; result-2 only adds fields, each
    with a default the decoder fills in. Computed upgrades go here, e.g.::

        for scale in data["scales"]:
            scale.setdefault("headline", scale["score"] is not None and ...)
    """
    return data


#: One step per major version: the step reading version ``n`` writes version ``n + 1``.
UPGRADES: dict[int, Upgrade] = {1: _1_to_2}


def major(version: str) -> int | None:
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def upgrade(data: Mapping[str, Any], current: str) -> Mapping[str, Any]:
    """``data`` in the shape of schema version ``current`` (``data`` itself when it is
    already of that major version; an upgraded deep copy otherwise, the input is left
    as it was)."""
    target = major(current)
    assert target is not None
    meta = data.get("meta") if isinstance(data, Mapping) else None
    version = meta.get("schema_version") if isinstance(meta, Mapping) else None
    if not isinstance(version, str):
        return data  # the decoder names what is missing or wrong
    found = major(version)
    if found == target:
        return data
    if found is None or found > target or any(v not in UPGRADES for v in range(found, target)):
        raise ResultFormatError(
            VERSION_PATH, f"version {version!r} cannot be read (this Tandem reads 1.x to "
            f"{current})")
    upgraded = copy.deepcopy(dict(data))
    for step in range(found, target):
        upgraded = UPGRADES[step](upgraded)
    upgraded["meta"]["schema_version"] = current
    return upgraded
