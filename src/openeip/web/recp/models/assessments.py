"""An RECP assessment of one company and the options it studies.

An option moves identified → studied → approved → implemented → verified, or is rejected; the
allowed moves live in :data:`TRANSITIONS` and are made only by
:func:`openeip.web.base.workflow.transition` (the option declares its :data:`WORKFLOW`), which
audits each one. Approving an option for investment is the company's decision (or its park
managers'): a consultant prepares it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from openeip.core.errors import DomainError
from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.base.workflow import Workflow
from openeip.web.registry.models import Company, ReportingPeriod


class FocusArea(models.TextChoices):
    ENERGY = "energy", _("energy")
    WATER = "water", _("water")
    MATERIALS = "materials", _("materials")
    WASTE = "waste", _("waste")
    WASTEWATER = "wastewater", _("wastewater")
    GHG = "ghg", _("greenhouse gases")


class GwpChoice(models.TextChoices):
    """The IPCC assessment report whose 100-year GWPs weigh CH4 and N2O; always named."""

    AR5 = "AR5", _("IPCC AR5 (GWP100)")
    AR6 = "AR6", _("IPCC AR6 (GWP100)")


class Assessment(models.Model):
    class Kind(models.TextChoices):
        QUICK_SCAN = "quick_scan", _("quick scan")
        DETAILED = "detailed", _("detailed assessment")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="assessments",
                                verbose_name=_("company"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.QUICK_SCAN)
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"), blank=True,
                             help_text=_("What the assessment covers: processes, sites, products."))
    boundary = models.TextField(_("boundary"), blank=True,
                                help_text=_("Where the system studied begins and ends."))
    team = models.TextField(_("team"), blank=True,
                            help_text=_("Members of the RECP team and their roles."))
    baseline_period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("baseline period"),
        help_text=_("The year (or month) savings and changes are measured against."))
    focus_areas = models.JSONField(_("focus areas"), default=list, blank=True,
                                   help_text=_("Any of: energy, water, materials, waste, "
                                               "wastewater, ghg."))
    gwp_set = models.CharField(_("GWP set"), max_length=3, choices=GwpChoice.choices,
                               default=GwpChoice.AR5)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["company", "-created_at", "-id"]
        verbose_name = _("RECP assessment")
        verbose_name_plural = _("RECP assessments")

    def __str__(self) -> str:
        return "{} — {}".format(self.company.code, self.title)


class OptionStatus(models.TextChoices):
    IDENTIFIED = "identified", _("identified")
    STUDIED = "studied", _("studied")
    APPROVED = "approved", _("approved")
    IMPLEMENTED = "implemented", _("implemented")
    VERIFIED = "verified", _("verified")
    REJECTED = "rejected", _("rejected")


#: status -> the statuses an option may move to from it (the one place the workflow is written)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    OptionStatus.IDENTIFIED: (OptionStatus.STUDIED, OptionStatus.REJECTED),
    OptionStatus.STUDIED: (OptionStatus.APPROVED, OptionStatus.REJECTED),
    OptionStatus.APPROVED: (OptionStatus.IMPLEMENTED, OptionStatus.REJECTED),
    OptionStatus.IMPLEMENTED: (OptionStatus.VERIFIED,),
    OptionStatus.VERIFIED: (),
    # a rejected option may be taken up again from the start
    OptionStatus.REJECTED: (OptionStatus.IDENTIFIED,),
}


def describe_option(option: AssessmentOption) -> str:
    """How the audit trail names an option: company, assessment and option."""
    return "{} #{} option #{} {}".format(option.assessment.company.code, option.assessment_id,
                                         option.pk, option.template_code or option.title_en
                                         or option.title_vi)


def _check_option(option: AssessmentOption, to_status: str) -> None:
    if to_status == OptionStatus.STUDIED and not option.results:
        raise DomainError(gettext("Evaluate the option (investment, lifetime, savings) before "
                                  "marking it studied."), "status")
    if to_status == OptionStatus.VERIFIED and not option.measured_change:
        raise DomainError(gettext("Measure the option's effect first: give the periods before "
                                  "and after implementation and verify."), "status")


def _option_company(option: AssessmentOption) -> list[Any]:
    return [option.assessment.company]


WORKFLOW = Workflow(
    statuses=OptionStatus, transitions=TRANSITIONS, object_type="recp_option",
    describe=describe_option, companies=_option_company, check=_check_option,
    approve=frozenset({OptionStatus.APPROVED}), related=("assessment__company",),
    not_a_status=_("'{status}' is not an option status; use one of: {codes}."),
    cannot_move=_("An option that is {current} cannot become {target}; from {current} it may "
                  "become: {allowed}."))


class AssessmentOption(models.Model):
    """One RECP option of an assessment: from the library (``template_code``) or the
    consultant's own (then its title, category and description are stored here)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="options",
                                   verbose_name=_("assessment"))
    template_code = models.CharField(_("library option"), max_length=40, blank=True,
                                     help_text=_("Code of the option in the RECP library; empty "
                                                 "for an option of your own."))
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=300, blank=True)
    category = models.CharField(_("category"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=OptionStatus.choices,
                              default=OptionStatus.IDENTIFIED, editable=False)
    investment_vnd = models.DecimalField(_("investment (VND)"), max_digits=22, decimal_places=2,
                                         default=0)
    lifetime_years = models.PositiveSmallIntegerField(_("lifetime (years)"), default=1)
    discount_rate = models.DecimalField(_("discount rate"), max_digits=6, decimal_places=4,
                                        help_text=_("A fraction per year: 0.10 for 10 %."))
    extra_om_vnd = models.DecimalField(_("extra operation and maintenance (VND/year)"),
                                       max_digits=22, decimal_places=2, default=0)
    savings = models.JSONField(
        _("annual savings"), default=list, blank=True,
        help_text=_("List of {description, quantity, unit}: how much of one of the company's "
                    "flows the option saves per year, e.g. 120 MWh of 'Grid electricity'."))
    # What the last evaluation put in and got out, with the versions of prices and factors used.
    results = models.JSONField(_("evaluated results"), default=dict, blank=True, editable=False)
    evaluated_at = models.DateTimeField(_("evaluated"), null=True, blank=True, editable=False)
    verification_before = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("verified: period before"))
    verification_after = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("verified: period after"))
    measured_change = models.JSONField(_("measured change"), default=dict, blank=True,
                                       editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(company="assessment__company")
    workflow = WORKFLOW
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "id"]
        verbose_name = _("RECP option")
        verbose_name_plural = _("RECP options")

    def __str__(self) -> str:
        return self.title_en or self.title_vi or self.template_code
