"""What the management team decides after a scan, and the tools the steps need.

- :class:`Action`: a roadmap step turned into work, with an owner, a due date and the
  scales and ladder criteria it should move (so the next scan can show the movement).
- :class:`DecisionRightsVersion`: one agreed RACI matrix per save; versions are never
  edited, so "who agreed what, when" stays answerable.
- :class:`GlossaryTerm` / :class:`GlossaryChange`: the shared vocabulary, changed only
  through proposals that an owner approves or rejects; every proposal is kept.
- :class:`SlaCommitment`: the sales-marketing agreement's measurable commitments, and
  :class:`SlaActual`: what a commitment came to in a month, recorded by hand.

The owner's target override is ``tandem.web.results.models.TargetOverride`` (the
results pages show it; this app writes it).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.web.organisations.models import Organisation
from tandem.web.scans.models import Scan


class Party(models.TextChoices):
    """The functions a RACI matrix and a glossary owner are chosen from."""

    MARKETING = "marketing", _("Marketing")
    SALES = "sales", _("Sales")
    SERVICE = "service", _("Customer Service")
    MANAGEMENT = "management", _("Management")


class TermOwner(models.TextChoices):
    MARKETING = "marketing", _("Marketing")
    SALES = "sales", _("Sales")
    SERVICE = "service", _("Customer Service")
    MANAGEMENT = "management", _("Management")
    JOINT = "joint", _("Sales and Marketing jointly")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


#: An action in one of these is finished: it can no longer be late.
FINISHED = (ActionStatus.DONE, ActionStatus.DROPPED)


class Action(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="actions")
    scan = models.ForeignKey(Scan, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="actions",
                             help_text=_("The scan the action came from (the baseline)."))
    step = models.CharField(_("roadmap step"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=200)
    # The owner is a member of the organisation. ``owner_name`` keeps their name as it
    # was when they were made owner, so the plan stays readable if the account goes;
    # an action from before owners were members has only the name someone typed.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                              null=True, blank=True, related_name="+",
                              verbose_name=_("owner"))
    owner_name = models.CharField(_("owner's name"), max_length=200, blank=True,
                                  help_text=_("The owner's name as shown on the plan."))
    joint_owner = models.BooleanField(
        _("joint owner: Sales and Marketing"), default=False,
        help_text=_("The heads of Sales and Marketing own it together."))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices,
                              default=ActionStatus.PLANNED)
    notes = models.TextField(_("notes"), blank=True)
    scales = models.JSONField(_("scales it should move"), default=list, blank=True)
    criteria = models.JSONField(_("criteria it should move"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("due_date", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(condition=models.Q(status__in=ActionStatus.values),
                                   name="action_status_valid"),
            models.CheckConstraint(
                condition=(models.Q(joint_owner=True) | models.Q(owner__isnull=False)
                           | ~models.Q(owner_name="")),
                name="action_has_owner"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_person(self) -> str:
        """The person who owns it: the member's name (or e-mail address) as it is now,
        else the name kept on the action."""
        if self.owner is not None:
            return self.owner.get_full_name()
        return self.owner_name

    @property
    def owner_display(self) -> str:
        person = self.owner_person
        if self.joint_owner:
            joint = str(_("Sales and Marketing jointly"))
            return f"{joint} ({person})" if person else joint
        return person

    def is_late(self, today: object | None = None) -> bool:
        """Due date passed and neither done nor dropped."""
        day = today or timezone.localdate()
        return (self.due_date is not None and self.due_date < day  # type: ignore[operator]
                and self.status not in FINISHED)


class DecisionRightsVersion(models.Model):
    """One agreed RACI matrix: ``matrix[area][party]`` is "", R, A, AR, C or I."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="decision_rights")
    number = models.PositiveIntegerField()
    matrix = models.JSONField(default=dict)
    note = models.TextField(_("note"), blank=True)
    scan = models.ForeignKey(Scan, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           related_name="+")
    by_email = models.EmailField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-number",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("organisation", "number"),
                                    name="decision_rights_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} v{self.number}"


class GlossaryTerm(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="glossary")
    key = models.CharField(max_length=64)
    position = models.PositiveIntegerField(default=0)
    stage = models.BooleanField(_("funnel stage"), default=False)
    owner = models.CharField(_("owner"), max_length=12, choices=TermOwner.choices)
    term_nl = models.CharField(_("term (Dutch)"), max_length=200)
    term_en = models.CharField(_("term (English)"), max_length=200)
    definition_nl = models.TextField(_("definition (Dutch)"))
    definition_en = models.TextField(_("definition (English)"))
    entry_nl = models.TextField(_("entry criteria (Dutch)"), blank=True)
    entry_en = models.TextField(_("entry criteria (English)"), blank=True)
    exit_nl = models.TextField(_("exit criteria (Dutch)"), blank=True)
    exit_en = models.TextField(_("exit criteria (English)"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    #: The fields a change proposal may set.
    CONTENT_FIELDS: ClassVar[tuple[str, ...]] = (
        "term_nl", "term_en", "definition_nl", "definition_en", "entry_nl", "entry_en",
        "exit_nl", "exit_en", "owner", "stage",
    )

    class Meta:
        ordering = ("position", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("organisation", "key"), name="glossary_key_unique"),
        ]

    def __str__(self) -> str:
        return self.term_en

    def text(self, name: str, lang: str) -> str:
        return str(getattr(self, f"{name}_{'en' if lang == 'en' else 'nl'}"))


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SEEDED = "seeded", _("Pre-filled")


class GlossaryChange(models.Model):
    """A proposed wording for a term (or a new term), and what became of it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="glossary_changes")
    term = models.ForeignKey(GlossaryTerm, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="changes")
    proposed = models.JSONField(default=dict)  # CONTENT_FIELDS -> value
    previous = models.JSONField(default=dict)  # the wording it replaced, once approved
    reason = models.TextField(_("why this change"), blank=True)
    status = models.CharField(max_length=10, choices=ChangeStatus.choices,
                              default=ChangeStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    proposed_by_email = models.EmailField(blank=True)
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_by_email = models.EmailField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ("-proposed_at", "-pk")

    def __str__(self) -> str:
        return f"{self.term or 'new term'}: {self.status}"


class SlaKind(models.TextChoices):
    LEAD_VOLUME = "lead_volume", _("Lead volume")
    FOLLOW_UP = "follow_up", _("Follow-up time")
    LEAD_QUALITY = "lead_quality", _("Lead quality")
    FEEDBACK = "feedback", _("Feedback")
    OTHER = "other", _("Other")


class SlaOwner(models.TextChoices):
    MARKETING = "marketing", _("Marketing")
    SALES = "sales", _("Sales")
    JOINT = "joint", _("Sales and Marketing jointly")


class SlaDirection(models.TextChoices):
    AT_LEAST = "at_least", _("at least the target")
    AT_MOST = "at_most", _("at most the target")


class SlaCommitment(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="sla_commitments")
    kind = models.CharField(_("kind"), max_length=16, choices=SlaKind.choices)
    description = models.CharField(_("commitment"), max_length=300)
    lead_grade = models.CharField(_("lead grade"), max_length=40, blank=True,
                                  help_text=_("For example A, B or C; leave empty if none."))
    owner = models.CharField(_("owner"), max_length=12, choices=SlaOwner.choices)
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=60,
                            help_text=_("For example: leads per month, hours."))
    # How a month's figure, recorded by hand, is judged (tandem.analysis.sla.recorded).
    direction = models.CharField(_("met when the month's figure is"), max_length=8,
                                 choices=SlaDirection.choices, default=SlaDirection.AT_LEAST)
    within_share = models.DecimalField(
        _("share of leads to follow up in time (%)"), max_digits=5, decimal_places=2,
        default=Decimal(100),
        help_text=_("Follow-up time only: the share of leads that must be followed up "
                    "within the time; 100 means every lead."))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by_email = models.EmailField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("kind", "lead_grade", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(condition=models.Q(kind__in=SlaKind.values),
                                   name="sla_kind_valid"),
            models.CheckConstraint(condition=models.Q(owner__in=SlaOwner.values),
                                   name="sla_owner_valid"),
            models.CheckConstraint(condition=models.Q(direction__in=SlaDirection.values),
                                   name="sla_direction_valid"),
            models.CheckConstraint(condition=models.Q(within_share__gte=0,
                                                      within_share__lte=100),
                                   name="sla_within_share_percent"),
        ]

    def __str__(self) -> str:
        return self.description


class SlaActual(models.Model):
    """What a commitment came to in one month, as someone recorded it (one per month;
    recording the month again replaces the figure and keeps who did it last)."""

    commitment = models.ForeignKey(SlaCommitment, on_delete=models.CASCADE,
                                   related_name="actuals")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    value = models.DecimalField(_("figure"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    recorded_by_email = models.EmailField(blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("commitment", "month")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("commitment", "month"), name="sla_actual_month_once"),
            models.CheckConstraint(condition=models.Q(month__day=1),
                                   name="sla_actual_first_of_month"),
            models.CheckConstraint(condition=models.Q(value__gte=0),
                                   name="sla_actual_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment}: {self.month:%Y-%m}"
