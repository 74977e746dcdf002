"""The respondent's survey flow (owned by the survey-flow engineer).

Left empty on purpose: ``urls.py`` is mounted under ``/s/`` with the ``survey``
namespace. Build on ``tandem.web.responses`` (models + services) and
``tandem.web.scans.selectors.invitation_for_token``. Its Dutch texts are in the web
app's one catalogue, ``tandem/web/locale/`` (docs/translations.md).
"""
