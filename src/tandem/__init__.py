"""Tandem: measure, diagnose and improve the Sales–Marketing–Service relationship.

The package root and everything outside :mod:`tandem.web` is the pure core: it never
imports Django, so the CLI, the web app, the reports and the API share one method.
"""

__version__ = "0.1.0"
