"""The anonymity thresholds: k for figures, a separate one for open comments.

One comparison for the whole code base: a set of ``n`` respondents may carry a figure
when ``n >= k``; a question's open answers are shown when at least ``comment_k`` people
wrote one. Two waves compared side by side are held to the stricter of their two k.
"""

from __future__ import annotations

MIN_K = 3
DEFAULT_K = 5
DEFAULT_COMMENT_K = 10


def check_k(k: int) -> int:
    """Validate an anonymity threshold chosen by a user."""
    if k < MIN_K:
        raise ValueError(f"the anonymity threshold must be at least {MIN_K}, not {k}")
    return k


def may_show(n: float, k: int) -> bool:
    """Whether a figure over ``n`` respondents may be shown."""
    return n >= k


def shown_count(n: int, k: int) -> int | None:
    """A count of respondents as it may be shown: itself, or ``None`` below k."""
    return n if may_show(n, k) else None


def comments_shown(n_texts: int, comment_k: int) -> bool:
    """Whether a question's open answers may be shown (their own, higher threshold)."""
    return n_texts >= comment_k


def wave_k(*ks: int) -> int:
    """The threshold for comparing waves: the strictest of theirs (k is never lowered)."""
    return max(ks)


__all__ = [
    "DEFAULT_COMMENT_K",
    "DEFAULT_K",
    "MIN_K",
    "check_k",
    "comments_shown",
    "may_show",
    "shown_count",
    "wave_k",
]
