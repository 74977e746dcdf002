"""An organisation, its context (instrument.md section 8) and who may do what in it.

The context fields carry the keys of the core's context file (``tandem.context``), so
``Organisation.context_dict()`` can be handed to ``Context.from_mapping`` unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

SLUG_MAX_LENGTH = 60


def unique_slug(name: str, taken: Callable[[str], bool]) -> str:
    """A slug of ``name`` that ``taken`` says is free: ``acme``, ``acme-2``, ``acme-3``..."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 8].strip("-") or "organisation"
    if base.isdigit():  # a slug never looks like an id (the command accepts both)
        base = f"org-{base}"
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


class EmployeesBand(models.TextChoices):
    B1_9 = "1-9", "1-9"
    B10_49 = "10-49", "10-49"
    B50_249 = "50-249", "50-249"
    B250_999 = "250-999", "250-999"
    B1000 = "1000+", "1000+"


class Sector(models.TextChoices):
    """The core's sectors (``tandem.context.SECTORS``): NACE sections, grouped."""

    MANUFACTURING = "manufacturing", _("Manufacturing, energy and utilities (B–E)")
    TRADE = "trade", _("Wholesale and retail (G)")
    ICT = "ict", _("ICT, media and telecoms (J)")
    FINANCE = "finance", _("Financial services (K)")
    BUSINESS_SERVICES = "business_services", _("Business services (M, N)")
    HEALTH = "health", _("Health and care (Q)")
    PUBLIC = "public", _("Public sector and education (O, P)")
    CONSTRUCTION = "construction", _("Construction and real estate (F, L)")
    OTHER = "other", _("Other (such as logistics, hospitality, farming)")


class Market(models.TextChoices):
    B2B = "b2b", _("Business to business (B2B)")
    B2C = "b2c", _("Business to consumer (B2C)")
    BOTH = "both", _("Both B2B and B2C")


class Growth(models.TextChoices):
    SHRINKING = "shrinking", _("Shrinking")
    STABLE = "stable", _("Stable")
    MODERATE = "moderate", _("Moderate growth")
    STRONG = "strong", _("Strong growth")


class MarketingRole(models.TextChoices):
    LEADS = "leads", _("Supports sales with leads")
    BRAND = "brand", _("Brand and strategy")
    BOTH = "both", _("Both")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    # For the API and the command line; made from the name when the organisation is saved.
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX_LENGTH, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Raw responses of a scan closed longer ago than this are purged (tandem.web.governance).
    retention_months = models.PositiveSmallIntegerField(
        _("retention period (months)"), default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Raw answers of a closed scan are deleted after this many months; "
                    "the results are kept."),
    )

    # Off: members reach this organisation only through its single sign-on
    # (tandem.web.sso, which sets it; organisations.auth enforces it on every page).
    password_login = models.BooleanField(
        _("members may log in with a password"), default=True,
        help_text=_("Off: members reach this organisation only by signing in through its "
                    "single sign-on."),
    )

    # Context: answered once by the owner, used by the target phase and the report.
    employees = models.CharField(
        _("number of employees"), max_length=10, choices=EmployeesBand.choices, blank=True
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    sales_team = models.PositiveIntegerField(_("people in Sales"), null=True, blank=True)
    marketing_team = models.PositiveIntegerField(_("people in Marketing"), null=True, blank=True)
    service_team = models.PositiveIntegerField(
        _("people in Customer Service"), null=True, blank=True
    )
    market = models.CharField(_("market"), max_length=10, choices=Market.choices, blank=True)
    markets = models.PositiveIntegerField(
        _("number of markets or segments"), null=True, blank=True
    )
    growth = models.CharField(
        _("growth over the last two years"), max_length=10, choices=Growth.choices, blank=True
    )
    marketing_role = models.CharField(
        _("main role of Marketing"), max_length=10, choices=MarketingRole.choices, blank=True
    )
    key_accounts = models.BooleanField(_("works with key accounts"), null=True, blank=True)
    commercial_lead = models.BooleanField(
        _("one commercial leader (e.g. a CCO)"), null=True, blank=True
    )
    sla = models.BooleanField(
        _("written sales-marketing agreement (SLA)"), null=True, blank=True
    )

    CONTEXT_FIELDS: ClassVar[tuple[str, ...]] = (
        "employees",
        "sector",
        "sales_team",
        "marketing_team",
        "service_team",
        "market",
        "markets",
        "growth",
        "marketing_role",
        "key_accounts",
        "commercial_lead",
        "sla",
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            others = Organisation.objects.exclude(pk=self.pk)
            self.slug = unique_slug(self.name, lambda s: others.filter(slug=s).exists())
        super().save(*args, **kwargs)

    def context_dict(self) -> dict[str, Any]:
        """The known context answers, keyed as in the core's context file."""
        out: dict[str, Any] = {}
        for name in self.CONTEXT_FIELDS:
            value = getattr(self, name)
            if value is not None and value != "":
                out[name] = value
        return out


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    FACILITATOR = "facilitator", _("Facilitator")
    # An adviser from outside who serves the organisation: a facilitator's work, and the
    # organisation is in their portfolio (tandem.web.portfolio) beside their other clients.
    CONSULTANT = "consultant", _("Consultant")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """A user's role in one organisation; no membership, no access (404)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("organisation", "user"), name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"
