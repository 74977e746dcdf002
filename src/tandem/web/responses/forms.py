"""The upload of an answer file (see ``services.imports``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.io.responses import SOURCES
from tandem.io.responses.sources.registry import by_name
from tandem.web.responses.services.imports import (
    MAPPING_MAX_BYTES,
    MAX_UPLOAD_BYTES,
    ImportRefused,
    import_file_check,
    mapping_file_check,
)

_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _source_choices() -> list[tuple[str, Any]]:
    return [("", _("Detect from the file")), *((n, by_name(n).title) for n in SOURCES)]


class ResponseFileForm(forms.Form):
    """A .csv, .tsv or .xlsx export; judged by its content before anything parses it."""

    upload = forms.FileField(
        label=_("Answer file (.csv, .tsv or .xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": f".csv,.tsv,.txt,.xlsx,text/csv,{_XLSX_TYPE}"}),
        help_text=_("The export of Qualtrics, LimeSurvey, SurveyMonkey, Google Forms or "
                    "Microsoft Forms as it comes, or a file in Tandem's format."),
    )
    source = forms.ChoiceField(label=_("Survey tool"), choices=_source_choices, required=False)
    mapping = forms.FileField(
        label=_("Mapping file (optional, .csv)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=_("Only when a heading is not recognised: a CSV with the columns header "
                    "and question_id, one row per heading (an empty question_id leaves the "
                    "column out). See the import guide."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("upload")
        if upload is not None:
            data = upload.read(MAX_UPLOAD_BYTES + 1)
            try:
                import_file_check(name=upload.name or "", data=data)
            except ImportRefused as exc:
                raise ValidationError(exc.problems) from exc
            cleaned["name"] = upload.name or "upload.csv"
            cleaned["data"] = data
        mapping = cleaned.get("mapping")
        if mapping is not None:
            data = mapping.read(MAPPING_MAX_BYTES + 1)
            try:
                mapping_file_check(name=mapping.name or "", data=data)
            except ImportRefused as exc:
                raise ValidationError(exc.problems) from exc
            cleaned["mapping_data"] = data
        return cleaned
