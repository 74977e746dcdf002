"""Renderings of a :class:`~tandem.contract.result.Result`: they draw figures, never compute them."""
