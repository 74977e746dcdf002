"""Renderings of a :class:`tandem.contract.result.Result`: they present figures, never compute them."""
