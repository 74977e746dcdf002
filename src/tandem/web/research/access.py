"""Who may have the research pool: a user given the ``research.export_pool`` permission
(in the admin, or any superuser). Being staff is not enough: the pool holds many
organisations' answers, so it is given to named researchers only."""

from __future__ import annotations

from typing import Any

POOL_PERMISSION = "research.export_pool"


def may_export_pool(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active
                and user.has_perm(POOL_PERMISSION))
