from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from tandem.instrument import DEFAULT_INSTRUMENT, available_instruments, load_instrument
from tandem.io.safety import INVITATION_LIST_LIMITS
from tandem.privacy import DEFAULT_K, MIN_K
from tandem.web.scans.models import Scan, ScanForm
from tandem.web.scans.services import (
    LOCKED_FIELDS,
    InvitationListError,
    invitation_file_text,
    meta_perception_problem,
)

DATE_FIELDS = ("opens_on", "closes_on")
MAX_UPLOAD_BYTES = INVITATION_LIST_LIMITS.max_bytes  # 1 MB
_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DateInput(forms.DateInput):
    input_type = "date"


class ScanSettingsForm(forms.Form):
    """Create or edit a scan; fields fixed after opening are shown disabled."""

    title = forms.CharField(label=_("Title"), max_length=200)
    instrument_name = forms.ChoiceField(label=_("Questionnaire"))
    form = forms.ChoiceField(label=_("Form"), choices=ScanForm.choices,
                             widget=forms.RadioSelect)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    default_language = forms.ChoiceField(label=_("Default language"), choices=settings.LANGUAGES)
    k = forms.IntegerField(
        label=_("Anonymity threshold (k)"), min_value=MIN_K, max_value=50, initial=DEFAULT_K,
        help_text=_("No figure is shown for a group of fewer respondents. At least 3; fixed "
                    "once the scan opens."),
    )
    should_decide = forms.BooleanField(
        label=_("Also ask who should decide"), required=False,
        help_text=_("Adds the question 'who should decide?' to each decision area."),
    )
    segment = forms.BooleanField(
        label=_("Ask for the part of the organisation"), required=False,
        help_text=_("Off by default: every extra profile question makes people easier to "
                    "recognise."),
    )
    meta_perception = forms.BooleanField(
        label=_("Ask how the other department would answer"), required=False,
        help_text=_("Sales and Marketing also say, for eight statements, how they think the "
                    "other department answers them (about two minutes). The results then show "
                    "how well each understands the other: the empathy gap."),
    )
    opens_on = forms.DateField(label=_("Opens on"), required=False, widget=DateInput)
    closes_on = forms.DateField(label=_("Closes on"), required=False, widget=DateInput)

    def __init__(self, *args: Any, scan: Scan | None = None, **kwargs: Any) -> None:
        if scan is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(scan, name)
                for name in ("title", "instrument_name", "form", "languages",
                             "default_language", "k", "should_decide", "segment",
                             "meta_perception", "opens_on", "closes_on")
            }
        super().__init__(*args, **kwargs)
        names = available_instruments()
        instrument_field = self.fields["instrument_name"]
        assert isinstance(instrument_field, forms.ChoiceField)
        # named by version, as the results name them (the file name is no reader's word)
        instrument_field.choices = [
            (n, _("Version %(number)s") % {"number": load_instrument(n).version})
            for n in names]
        self.initial.setdefault("instrument_name", DEFAULT_INSTRUMENT)  # new scans: newest
        self.initial.setdefault("form", ScanForm.FULL)
        self.initial.setdefault("languages", ["nl", "en"])
        self.initial.setdefault("default_language", "nl")
        if scan is not None and scan.is_locked:
            for name in LOCKED_FIELDS:
                self.fields[name].disabled = True
        today = timezone.localdate()
        for name in DATE_FIELDS:  # the browser offers no past day, unless one is kept
            kept = self.initial.get(name)
            if kept is None or kept >= today:
                self.fields[name].widget.attrs["min"] = today.isoformat()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        languages = cleaned.get("languages") or []
        if cleaned.get("default_language") and cleaned["default_language"] not in languages:
            self.add_error("default_language",
                           _("The default language must be one of the scan's languages."))
        self._refuse_new_past_dates(cleaned)
        if problem := meta_perception_problem(cleaned.get("instrument_name"),
                                              bool(cleaned.get("meta_perception"))):
            self.add_error("meta_perception", problem)
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on and "closes_on" not in self.errors:
            self.add_error("closes_on", _("The scan cannot close before it opens."))
        return cleaned

    def _refuse_new_past_dates(self, cleaned: dict[str, Any]) -> None:
        """A scan cannot be planned to open or close on a day that has gone by; a date
        it already had stays (the scan that opened last week keeps its opening day)."""
        today = timezone.localdate()
        for name in DATE_FIELDS:
            day = cleaned.get(name)
            if day is not None and day < today and day != self.initial.get(name):
                self.add_error(name, _("%(day)s has passed: choose today or a later day.")
                               % {"day": date_format(day, "SHORT_DATE_FORMAT")})


class InvitationListForm(forms.Form):
    """Paste addresses or upload a .csv/.txt/.xlsx file: ``email`` or ``email,department``.

    An upload is judged by its content (see ``services.invitation_file_text``): size,
    zip bombs, binary data and unknown encodings are refused with a message naming the
    file, and nothing is saved.
    """

    addresses = forms.CharField(
        label=_("E-mail addresses"), required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_("Paste from Outlook (Name <address>; ...), a column from Excel, or one "
                    "address per line, optionally followed by a comma and the department "
                    "(sales, marketing, service, management, other)."),
    )
    upload = forms.FileField(
        label=_("Or upload a file (.csv, .txt or .xlsx)"), required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": f".csv,.txt,.xlsx,text/csv,text/plain,{_XLSX_TYPE}"}),
        help_text=_("Excel: the first sheet, the address in column A and the department in "
                    "column B. At most 1 MB."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = cleaned.get("addresses") or ""
        upload = cleaned.get("upload")
        if upload is not None:
            if text.strip():
                raise ValidationError(_("Paste addresses or upload a file, not both."))
            # one byte more than allowed is enough to refuse a file that is too big
            raw = upload.read(MAX_UPLOAD_BYTES + 1)
            try:
                text = invitation_file_text(name=upload.name or "", data=raw)
            except InvitationListError as exc:
                raise ValidationError(exc.problems) from exc
        if not text.strip():
            raise ValidationError(_("Paste some addresses or choose a file."))
        cleaned["text"] = text
        return cleaned
