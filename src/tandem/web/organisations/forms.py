from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tandem.context import Context, ContextError
from tandem.web.organisations.models import Organisation, Role

#: Upper bounds beyond which a count is a typo or a pasted figure, not a team: a clear
#: message, where the database would otherwise overflow its integer (PostgreSQL) or keep
#: the nonsense (SQLite).
MAX_PEOPLE = 100_000
MAX_MARKETS = 1_000
#: The most employees each band allows; the top band has no upper bound.
BAND_MAX: dict[str, int | None] = {
    "1-9": 9, "10-49": 49, "50-249": 249, "250-999": 999, "1000+": None,
}
TEAMS = ("sales_team", "marketing_team", "service_team")


class OrganisationForm(forms.ModelForm[Organisation]):
    """Name and context. The core's validation has the last word on each value; this
    form also checks that the values make sense together (a team fits in the company)."""

    class Meta:
        model = Organisation
        fields = ("name", *Organisation.CONTEXT_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = {**dict.fromkeys(TEAMS, MAX_PEOPLE), "markets": MAX_MARKETS}
        for name, most in limits.items():
            field = self.fields[name]
            field.validators.append(MaxValueValidator(
                most, message=_("At most %(limit_value)s: check the number.")))
            field.widget.attrs["max"] = most

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        context = {k: cleaned.get(k) for k in Organisation.CONTEXT_FIELDS}
        try:
            Context.from_mapping({k: (None if v == "" else v) for k, v in context.items()})
        except ContextError as exc:
            lang = get_language() or "nl"
            raise forms.ValidationError([p(lang) for p in exc.problems]) from exc
        self._check_sense(cleaned)
        return cleaned

    def _check_sense(self, cleaned: dict[str, Any]) -> None:
        """Teams that do not fit in the company, a company without a market: each named
        at its field, so the person sees which number to check."""
        teams = {name: cleaned[name] for name in TEAMS if cleaned.get(name) is not None}
        band = cleaned.get("employees") or ""
        most = BAND_MAX.get(band)
        if most is not None:
            for name, people in teams.items():
                if people > most:
                    self.add_error(name, _(
                        "%(people)d people in this team, but the organisation has at most "
                        "%(most)d employees (%(band)s): check this number or the number of "
                        "employees.") % {"people": people, "most": most, "band": band})
            total = sum(teams.values())
            if len(teams) > 1 and total > most and all(p <= most for p in teams.values()):
                self.add_error("employees", _(
                    "Sales, Marketing and Customer Service together have %(total)d people, "
                    "more than the at most %(most)d employees of %(band)s: check the team "
                    "sizes or the number of employees.")
                    % {"total": total, "most": most, "band": band})
        if len(teams) == len(TEAMS) and not any(teams.values()):
            self.add_error(None, _(
                "Nobody works in Sales, Marketing or Customer Service, but the scan asks "
                "exactly these people: leave a number empty if you are not sure."))
        if cleaned.get("markets") == 0:
            self.add_error("markets", _(
                "An organisation serves at least one market or segment: leave this empty if "
                "you are not sure."))


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
