"""Renderings of a :class:`tandem.result.Result`: they present figures, never compute them."""
