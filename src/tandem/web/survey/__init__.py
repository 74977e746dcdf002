"""The respondent's survey flow (owned by the survey-flow engineer).

Left empty on purpose: ``urls.py`` is mounted under ``/s/`` with the ``survey``
namespace. Build on ``tandem.web.responses`` (models + services) and
``tandem.web.scans.selectors.invitation_for_token``. Keep this app's translations in
``tandem/web/survey/locale/`` so the two catalogues never collide.
"""
