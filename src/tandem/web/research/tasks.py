"""Background work of research (``django.tasks``): make a pool the researcher asked for."""

from __future__ import annotations

from django.tasks import task

from tandem.web.research import services


@task()
def build_pool(*, pool_id: int) -> int:
    """Make the pool and store it; the number of respondents in it (0 if not made)."""
    pool = services.pool_build(pool_id=pool_id)
    return 0 if pool is None else pool.respondents
