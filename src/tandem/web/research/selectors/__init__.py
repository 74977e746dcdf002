"""Reads of research: consent (:mod:`.consent`), the pool (:mod:`.pool`) and the
benchmarks (:mod:`.benchmark`)."""
