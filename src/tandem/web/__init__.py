"""The Django face of Tandem: organisations, scans, invitations, survey and results.

Everything here is an edge around the core (``tandem.instrument``, ``tandem.analysis``,
``tandem.report``); no method logic lives in the web app.
"""
