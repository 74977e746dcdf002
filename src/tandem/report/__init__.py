"""Renderings of a :class:`~tandem.contract.result.Result`: they draw, never compute."""
