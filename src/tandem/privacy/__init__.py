"""Anonymity: the one place that decides what is shown, pooled or withheld."""
