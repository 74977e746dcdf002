"""Forms parse and show input; the rules themselves are enforced in services."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import MaxValueValidator
from django.forms.boundfield import BoundWidget
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.analysis.sla import Recorded
from tandem.i18n import Text
from tandem.instrument import Instrument
from tandem.report.wording import FAMILY
from tandem.target import PHASE_LABELS, override_phases
from tandem.web.accounts.models import User
from tandem.web.actions.models import (
    Action,
    ActionStatus,
    GlossaryTerm,
    Party,
    SlaDirection,
    SlaKind,
    SlaOwner,
    TermOwner,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

RACI_CHOICES = [("", "–"), ("R", "R"), ("A", "A"), ("AR", "A/R"), ("C", "C"), ("I", "I")]


class DateInput(forms.DateInput):
    """A date picker: its value is always ISO (2027-03-31), whatever the page's language,
    as the browser's picker reads nothing else (a Dutch 31-03-2027 shows an empty field)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _text(label: StrOrPromise, rows: int, *, optional: bool = False,
          **kwargs: Any) -> forms.CharField:
    """A free-text field shown as a box of ``rows`` lines."""
    return forms.CharField(label=label, required=not optional,
                           widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


#: Why a target phase was refused: the same words as ``services.target_override_set``.
ONE_STEP = _("The target can be at most one phase above the current phase: the steps go "
             "one phase at a time.")


def _lang_of(lang: str) -> str:
    return "en" if lang.startswith("en") else "nl"


class TargetOverrideForm(forms.Form):
    """The owner's target: only the phases the core allows (the current phase or the one
    above it, :func:`tandem.target.override_phases`) are offered or accepted."""

    phase = forms.TypedChoiceField(
        label=_("Target phase"), coerce=int,
        error_messages={"invalid_choice": ONE_STEP},
        help_text=_("The current phase or the next one: the steps go one phase at a time."),
    )
    reason = _text(_("Reason"), 4, help_text=_("Required: why this target fits better. It is "
                                               "kept with your name and shown with the target."))

    def __init__(self, *args: Any, current: int, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [  # type: ignore[attr-defined]
            (p, PHASE_LABELS[p](_lang_of(lang))) for p in override_phases(current)
        ]


#: The owner choice of an older action whose owner is a name someone typed (kept as it is).
KEEP_OWNER = "keep"

Groups = list[tuple[str, list[tuple[str, str]]]]


def scale_groups(instrument: Instrument, lang: str) -> Groups:
    """The scales by family, each by its title: the phases, the sources of tension per
    kind (economic, cultural, organisational), the outcomes."""
    code = _lang_of(lang)
    groups: Groups = [(str(_("The phases")), [
        (s.id, s.title(code)) for s in instrument.scales_of("phase_block")])]
    families: dict[str, list[tuple[str, str]]] = {}
    for scale in instrument.scales_of("tension"):
        families.setdefault(scale.family or "", []).append((scale.id, scale.title(code)))
    for family, scales in families.items():
        name = FAMILY[family](code).lower() if family in FAMILY else ""
        groups.append((str(_("Sources of tension: %(family)s") % {"family": name})
                       if name else str(_("Sources of tension")), scales))
    groups.append((str(_("Outcomes")), [(s.id, s.title(code))
                                         for s in instrument.scales_of("outcome")]))
    return [(label, options) for label, options in groups if options]


def criterion_groups(instrument: Instrument, lang: str) -> Groups:
    """The ladder's statements under the phase they belong to, in the reader's words."""
    code = _lang_of(lang)
    return [(block.title(code), [(i.id, i.text(code)) for i in instrument.items
                                 if i.scale == block.id])
            for block in instrument.scales_of("phase_block")]


def _person(user: User) -> str:
    return f"{user.name} · {user.email}" if user.name else user.email


class ActionForm(forms.Form):
    """An action: its owner a member (or someone invited by e-mail) or Sales and Marketing
    jointly, a due date, a status, and the scales and ladder statements it should move,
    grouped by family and named in the reader's language. The rules are the service's;
    the form says the same ones beside the fields."""

    title = forms.CharField(label=_("Title"), max_length=200)
    owner = forms.ChoiceField(label=_("Owner"), required=False,
                              help_text=_("A member of the organisation who sees to it."))
    invite = forms.EmailField(
        label=_("Or invite someone by e-mail"), required=False,
        help_text=_("They join the organisation as a viewer and get an e-mail to choose a "
                    "password."))
    joint_owner = forms.BooleanField(
        label=_("Joint owner: Sales and Marketing"), required=False,
        help_text=_("The heads of Sales and Marketing own it together; a person above is "
                    "then the contact, and may be left empty."))
    due_date = forms.DateField(label=_("Due date"), widget=DateInput)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    scales = forms.MultipleChoiceField(
        label=_("Scales it should move"), widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one: the next scan shows whether it moved."),
        error_messages={"required": _("Choose at least one scale the action should move.")})
    criteria = forms.MultipleChoiceField(
        label=_("Criteria it should move"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional: statements of the phase ladder the action works on."))
    notes = _text(_("Notes"), 3, optional=True)

    def __init__(self, *args: Any, instrument: Instrument, lang: str, owners: Sequence[User],
                 action: Action | None = None, may_invite: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.owners = {str(u.pk): u for u in owners}
        choices = [("", str(_("— Choose a person —")))]
        choices += [(key, _person(u)) for key, u in self.owners.items()]
        if action is not None and action.owner is not None and \
                str(action.owner_id) not in self.owners:
            self.owners[str(action.owner_id)] = action.owner
            choices.append((str(action.owner_id), str(_("%(person)s (no longer a member)")
                                                      % {"person": _person(action.owner)})))
        elif action is not None and action.owner is None and action.owner_name:
            choices.append((KEEP_OWNER, str(_("%(name)s (as written before owners were "
                                              "members)") % {"name": action.owner_name})))
        self.fields["owner"].choices = choices  # type: ignore[attr-defined]
        if action is not None:
            self.initial.setdefault("owner", str(action.owner_id) if action.owner_id
                                    else KEEP_OWNER if action.owner_name else "")
        if not may_invite:
            del self.fields["invite"]
        if action is None:
            self.fields["due_date"].widget.attrs["min"] = timezone.localdate().isoformat()
        self._groups = {"scales": scale_groups(instrument, lang),
                        "criteria": criterion_groups(instrument, lang)}
        for name, groups in self._groups.items():
            self.fields[name].choices = groups  # type: ignore[attr-defined]

    def groups(self, name: str) -> list[tuple[str, list[BoundWidget]]]:
        """The checkboxes of ``name`` under their group labels, for the template."""
        boxes = {w.data["value"]: w for w in self[name].subwidgets}
        return [(label, [boxes[value] for value, _label in options])
                for label, options in self._groups[name]]

    def scale_boxes(self) -> list[tuple[str, list[BoundWidget]]]:
        return self.groups("scales")

    def criterion_boxes(self) -> list[tuple[str, list[BoundWidget]]]:
        return self.groups("criteria")

    def clean_due_date(self) -> date:
        due: date = self.cleaned_data["due_date"]
        unchanged = self.action is not None and due == self.action.due_date
        if due < timezone.localdate() and not unchanged:
            raise forms.ValidationError(_("The due date is in the past: choose today or a "
                                          "later day."))
        return due

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        owner, invite = data.get("owner") or "", data.get("invite") or ""
        if owner and invite:
            self.add_error("invite", _("Choose a member or invite someone, not both."))
        elif not owner and not invite and not data.get("joint_owner"):
            self.add_error("owner", _("Choose the person who owns the action, or make Sales "
                                      "and Marketing joint owners."))
        return data

    def values(self) -> dict[str, Any]:
        """What the service takes: the fields, and the owner as a member (``owner``), an
        address to invite (``invite``) or, for an older action's typed name, nothing."""
        data = self.cleaned_data
        out = {n: data[n] for n in ("title", "joint_owner", "due_date", "status", "notes",
                                    "scales", "criteria")}
        if data.get("invite"):
            out["invite"] = data["invite"]
        elif data.get("owner") != KEEP_OWNER:
            out["owner"] = self.owners.get(data.get("owner") or "")
        return out


def cell_name(area: str, party: str) -> str:
    return f"cell_{area}__{party}"


class DecisionRightsForm(forms.Form):
    """One select per area and party; the one-A/at-least-one-R rule is the service's."""

    note = _text(_("Note (optional)"), 2, optional=True)

    def __init__(self, *args: Any, areas: Sequence[tuple[str, Text]], lang: str,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        code = _lang_of(lang)
        self.rows: list[tuple[str, str, list[forms.BoundField]]] = []
        for area, label in areas:
            area_label = label(code)[:1].upper() + label(code)[1:]
            for party, party_label in Party.choices:
                self.fields[cell_name(area, party)] = forms.ChoiceField(
                    label=f"{area_label}: {party_label}", choices=RACI_CHOICES,
                    required=False)
        self._areas = [(area, label(code)[:1].upper() + label(code)[1:]) for area, label in areas]

    def table(self) -> list[tuple[str, str, list[tuple[str, forms.BoundField]]]]:
        """Per area: its code, its label and (party label, select) per party."""
        return [(area, label, [(str(party_label), self[cell_name(area, party)])
                               for party, party_label in Party.choices])
                for area, label in self._areas]

    def matrix(self) -> dict[str, dict[str, str]]:
        return {area: {p: self.cleaned_data.get(cell_name(area, p), "") or ""
                       for p in Party.values} for area, _label in self._areas}


class GlossaryProposalForm(forms.Form):
    term_nl = forms.CharField(label=_("Term (Dutch)"), max_length=200)
    term_en = forms.CharField(label=_("Term (English)"), max_length=200)
    definition_nl = _text(_("Definition (Dutch)"), 3)
    definition_en = _text(_("Definition (English)"), 3)
    stage = forms.BooleanField(label=_("A stage of the lead funnel"), required=False)
    entry_nl = _text(_("Entry criteria (Dutch)"), 2, optional=True)
    entry_en = _text(_("Entry criteria (English)"), 2, optional=True)
    exit_nl = _text(_("Exit criteria (Dutch)"), 2, optional=True)
    exit_en = _text(_("Exit criteria (English)"), 2, optional=True)
    owner = forms.ChoiceField(label=_("Owner"), choices=TermOwner.choices)
    reason = _text(_("Why this change"), 2, optional=True)

    @classmethod
    def for_term(cls, term: GlossaryTerm | None, data: Any = None) -> GlossaryProposalForm:
        initial = ({n: getattr(term, n) for n in GlossaryTerm.CONTENT_FIELDS}
                   if term is not None else {})
        return cls(data, initial=initial)

    def content(self) -> dict[str, Any]:
        return {n: self.cleaned_data[n] for n in GlossaryTerm.CONTENT_FIELDS}


class GlossaryDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        ("approve", _("Approve")), ("reject", _("Reject"))])
    note = _text(_("Note"), 2, optional=True)


class SlaForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SlaKind.choices)
    description = forms.CharField(label=_("Commitment"), max_length=300,
                                  help_text=_("For example: Marketing delivers qualified "
                                              "leads; Sales follows up A-leads."))
    lead_grade = forms.CharField(label=_("Lead grade"), max_length=40, required=False,
                                 help_text=_("For example A, B or C; leave empty if none."))
    owner = forms.ChoiceField(label=_("Owner"), choices=SlaOwner.choices)
    target_value = forms.DecimalField(label=_("Target value"), max_digits=12, decimal_places=2,
                                      min_value=0)
    unit = forms.CharField(label=_("Unit"), max_length=60,
                           help_text=_("For example: leads per month, hours."))
    direction = forms.ChoiceField(
        label=_("Met when the month's figure is"), choices=SlaDirection.choices,
        initial=SlaDirection.AT_LEAST, required=False,
        help_text=_("At most: for example the share of leads sent back. A follow-up time is "
                    "met when the share below is reached."))
    within_share = forms.DecimalField(
        label=_("Share of leads to follow up in time (%)"), max_digits=5, decimal_places=2,
        min_value=0, max_value=100, initial=100, required=False,
        help_text=_("Follow-up time only: each month you record the share of leads followed "
                    "up within the time; this is the share agreed. 100 means every lead."))
    notes = _text(_("Notes"), 2, optional=True)

    def clean_direction(self) -> str:
        """Left out (a form from before the field): at least the target, as before."""
        return str(self.cleaned_data.get("direction") or SlaDirection.AT_LEAST)

    def clean_within_share(self) -> Decimal:
        """Left out: every lead, which is what "within 24 hours" says on its own."""
        share = self.cleaned_data.get("within_share")
        return Decimal(100) if share is None else Decimal(share)


class MonthInput(forms.DateInput):
    """A month picker where the browser has one (a text field "2026-03" elsewhere)."""

    input_type = "month"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m")


class SlaActualForm(forms.Form):
    """One month's figure for a commitment, named and (for a share) capped at 100 as the
    core's :func:`tandem.analysis.sla.recorded` says."""

    month = forms.DateField(label=_("Month"), widget=MonthInput(),
                            input_formats=["%Y-%m", "%Y-%m-%d"],
                            help_text=_("For example 2026-03."))
    value = forms.DecimalField(label=_("Figure"), max_digits=12, decimal_places=2, min_value=0)
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

    def __init__(self, *args: Any, measure: Recorded, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].label = measure.label(_lang_of(lang))
        if measure.percent:
            self.fields["value"].validators.append(MaxValueValidator(100))
            self.fields["value"].widget.attrs["max"] = "100"


class PulseForm(forms.Form):
    """A follow-up pulse: which actions it follows up, and in how many weeks it opens."""

    actions = forms.MultipleChoiceField(
        label=_("Actions to follow up"), widget=forms.CheckboxSelectMultiple,
        help_text=_("The pulse asks a few statements of the scales these actions should "
                    "move (at most eight scales)."))
    weeks = forms.IntegerField(
        label=_("Opens after (weeks)"), min_value=1, max_value=26, initial=6,
        help_text=_("Counted from today. The pulse stays open for two weeks."))
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Left empty: “Pulse after” and the scan's title."))

    def __init__(self, *args: Any, choices: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["actions"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(choices)
