"""Green finance: lenders and their officers, imported finance lines, finance projects with
their audited pipeline, dossiers shared with a lender, evidence files and dated USD rates.

Access (declared here, decided by the query sets):

* ``FinanceProject`` (and its evidence and shares, through it) — the company's table of
  :mod:`openeip.web.base.access` (admins, the park's managers, the company's members, a
  consultant with a grant in force) **or**, to view it and take the lender's steps, an officer
  of a lender the dossier is shared with (:func:`shared_with_lender`);
* ``LenderInstitution``, ``ImportedLine``, ``UsdRate`` — reference data every signed-in user
  reads; only admins change them (the admin site and the import page check that).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.base.workflow import Workflow
from openeip.web.registry.models import Company, CompanyMembership, ConsultantGrant


class Stage(models.TextChoices):
    IDEA = "idea", _("idea")
    PREPARED = "prepared", _("prepared")
    SUBMITTED = "submitted", _("submitted")
    APPRAISAL = "appraisal", _("in appraisal")
    APPROVED = "approved", _("approved")
    DISBURSED = "disbursed", _("disbursed")
    INSTALLED = "installed", _("installed")
    VERIFIED = "verified", _("verified")
    REFUND_PAID = "refund_paid", _("refund paid")
    CLOSED = "closed", _("closed")
    REJECTED = "rejected", _("rejected")


class LenderInstitution(models.Model):
    """A bank or fund that receives dossiers; its officers see the dossiers shared with it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    line_ids = models.JSONField(_("finance lines"), default=list, blank=True,
                                help_text=_("Ids of the finance lines this lender offers."))

    access = "reference data: every signed-in user reads, admins change"

    class Meta:
        ordering = ["code"]
        verbose_name = _("lender")
        verbose_name_plural = _("lenders")

    def __str__(self) -> str:
        return self.name_en

    def name(self, language: str) -> str:
        return self.name_vi if language == "vi" and self.name_vi else self.name_en


class LenderOfficer(models.Model):
    """A user who works for a lender (the 'lender officer' persona)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="lender_officer", verbose_name=_("user"))
    institution = models.ForeignKey(LenderInstitution, on_delete=models.CASCADE,
                                    related_name="officers", verbose_name=_("lender"))

    class Meta:
        verbose_name = _("lender officer")
        verbose_name_plural = _("lender officers")

    def __str__(self) -> str:
        return "{} @ {}".format(self.user, self.institution.code)


class ImportedLine(models.Model):
    """A finance line an admin imported (YAML/XLSX); never one of the shipped ids."""

    line_id = models.CharField(_("line id"), max_length=80, unique=True)
    based_on = models.CharField(_("based on"), max_length=80, blank=True)
    content = models.JSONField(_("line"), help_text=_("The line as its YAML file holds it."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    access = "reference data: every signed-in user reads, admins import"

    class Meta:
        ordering = ["line_id"]
        verbose_name = _("imported finance line")
        verbose_name_plural = _("imported finance lines")

    def __str__(self) -> str:
        return self.line_id


class UsdRate(models.Model):
    """A VND per USD rate of a day, added by an admin (with its source) when the shipped ones
    are too old."""

    day = models.DateField(_("day"), unique=True)
    vnd_per_usd = models.DecimalField(_("VND per USD"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)

    access = "reference data: every signed-in user reads, admins change"

    class Meta:
        ordering = ["-day"]
        verbose_name = _("USD rate")
        verbose_name_plural = _("USD rates")

    def __str__(self) -> str:
        return "{} {}".format(self.day, self.vnd_per_usd)


def shared_with_lender(user: Any, action: str) -> Q | None:
    """The lender officer's rows: the projects whose dossier is shared with their lender (to
    view them and to take the lender's steps; never the company's ``approve``)."""
    if action == "approve":
        return None
    return Q(pk__in=DossierShare.objects.filter(institution__officers__user=user)
             .values("project_id"))


#: stage → the stages it may move to (who may take each move: MOVERS)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.IDEA: (Stage.PREPARED, Stage.REJECTED),
    Stage.PREPARED: (Stage.SUBMITTED, Stage.IDEA),
    Stage.SUBMITTED: (Stage.APPRAISAL, Stage.REJECTED),
    Stage.APPRAISAL: (Stage.APPROVED, Stage.REJECTED),
    Stage.APPROVED: (Stage.DISBURSED, Stage.REJECTED),
    Stage.DISBURSED: (Stage.INSTALLED,),
    Stage.INSTALLED: (Stage.VERIFIED,),
    Stage.VERIFIED: (Stage.REFUND_PAID, Stage.CLOSED),
    Stage.REFUND_PAID: (Stage.CLOSED,),
    Stage.CLOSED: (),
    Stage.REJECTED: (Stage.IDEA,),
}


def describe_project(project: Any) -> str:
    """How the audit trail names a project: company, number and title."""
    return "{} #{} {}".format(project.company.code, project.pk, project.title)


S = Stage
#: (from, to) → the roles that may take the move (admins hold every role): the company's
#: members and its consultant prepare; only the company submits; an officer of a lender the
#: dossier is shared with appraises, approves, rejects, disburses and pays the refund; the
#: company or its consultant reports the installation and the consultant verifies
MOVERS: dict[tuple[str, str], tuple[str, ...]] = {
    (S.IDEA, S.PREPARED): ("member", "consultant"),
    (S.IDEA, S.REJECTED): ("member", "consultant"),
    (S.PREPARED, S.SUBMITTED): ("member",),
    (S.PREPARED, S.IDEA): ("member", "consultant"),
    (S.SUBMITTED, S.APPRAISAL): ("lender",),
    (S.SUBMITTED, S.REJECTED): ("lender",),
    (S.APPRAISAL, S.APPROVED): ("lender",),
    (S.APPRAISAL, S.REJECTED): ("lender",),
    (S.APPROVED, S.DISBURSED): ("lender",),
    (S.APPROVED, S.REJECTED): ("lender",),
    (S.DISBURSED, S.INSTALLED): ("member", "consultant"),
    (S.INSTALLED, S.VERIFIED): ("consultant",),
    (S.VERIFIED, S.REFUND_PAID): ("lender",),
    (S.VERIFIED, S.CLOSED): ("lender", "member"),
    (S.REFUND_PAID, S.CLOSED): ("lender", "member"),
    (S.REJECTED, S.IDEA): ("member", "consultant"),
}


def company_roles(user: Any, company_id: int) -> set[str]:
    """'admin', 'member', 'consultant' — what ``user`` is for the company's projects."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return {"admin", "member", "consultant"}
    roles = set()
    if CompanyMembership.objects.filter(user=user, company=company_id).exists():
        roles.add("member")
    if ConsultantGrant.objects.active().filter(consultant=user, company=company_id).exists():
        roles.add("consultant")
    return roles


def roles_of(user: Any, project: Any) -> set[str]:
    """'admin', 'member', 'consultant', 'lender' — what ``user`` is for this project."""
    roles = company_roles(user, project.company_id)
    if "admin" in roles or (user is not None and user.is_authenticated and user.is_active
                            and DossierShare.objects.filter(
                                project=project.pk, institution__officers__user=user).exists()):
        roles.add("lender")
    return roles


WORKFLOW = Workflow(
    statuses=Stage, transitions=TRANSITIONS, object_type="finance_project",
    describe=describe_project, companies=lambda project: [project.company],
    approve=frozenset({Stage.SUBMITTED}), field="stage",
    related=("company",), movers=MOVERS, roles=roles_of,
    role_names={"member": _("the company"), "consultant": _("the company's consultant"),
                "lender": _("the lender")},
    not_a_status=_("'{status}' is not a stage; use one of: {codes}."),
    cannot_move=_("A project that is {current} cannot become {target}; from {current} it may "
                  "become: {allowed}."),
    not_your_move=_("You may not move this project to {target}: that step belongs to {roles}."))


class FinanceProject(models.Model):
    """An investment of one company to finance: its RECP options and symbiosis exchanges, the
    money, the line it applies to, and where it stands in the pipeline."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE,
                                related_name="finance_projects", verbose_name=_("company"))
    title = models.CharField(_("title"), max_length=200)
    technology = models.TextField(_("technology"), blank=True)
    options = models.ManyToManyField("recp.AssessmentOption", blank=True, related_name="+",
                                     verbose_name=_("RECP options"))
    exchanges = models.ManyToManyField("symbiosis.Opportunity", blank=True, related_name="+",
                                       verbose_name=_("symbiosis exchanges"))
    line_id = models.CharField(_("finance line"), max_length=80, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices,
                             default=Stage.IDEA, editable=False)
    stage_changed_at = models.DateTimeField(_("stage changed"), null=True, blank=True,
                                            editable=False)
    appraisal_deadline = models.DateField(_("appraisal deadline"), null=True, blank=True,
                                          editable=False)
    # money (VND); savings and O&M at today's prices, escalated by inflation
    investment_vnd = models.DecimalField(_("investment (VND)"), max_digits=22, decimal_places=0)
    annual_savings_vnd = models.DecimalField(_("yearly savings (VND)"), max_digits=22,
                                             decimal_places=0)
    om_vnd_per_yr = models.DecimalField(_("yearly O&M (VND)"), max_digits=22, decimal_places=0,
                                        default=0)
    lifetime_years = models.PositiveSmallIntegerField(_("lifetime (years)"))
    depreciation_years = models.PositiveSmallIntegerField(_("depreciation (years)"), null=True,
                                                          blank=True)
    discount_rate = models.DecimalField(_("discount rate"), max_digits=6, decimal_places=4)
    loan_share = models.DecimalField(_("loan share"), max_digits=6, decimal_places=4, default=0)
    loan_rate = models.DecimalField(_("loan rate"), max_digits=6, decimal_places=4, default=0)
    loan_years = models.PositiveSmallIntegerField(_("loan years"), default=0)
    grace_years = models.PositiveSmallIntegerField(_("grace years"), default=0)
    repayment = models.CharField(_("repayment"), max_length=10, default="annuity",
                                 choices=[("annuity", _("annuity")),
                                          ("equal", _("equal principal"))])
    tax_rate = models.DecimalField(_("corporate income tax rate"), max_digits=6,
                                   decimal_places=4, default=0)
    inflation = models.DecimalField(_("inflation"), max_digits=6, decimal_places=4, default=0)
    guarantee_share = models.DecimalField(_("guaranteed share of the loan"), max_digits=6,
                                          decimal_places=4, default=0)
    guarantee_fee_rate = models.DecimalField(_("guarantee fee rate"), max_digits=6,
                                             decimal_places=4, default=0)
    grant_vnd = models.DecimalField(_("grant (VND)"), max_digits=22, decimal_places=0,
                                    default=0)
    # the facts the company or its consultant states (yes/no answers, shares), with evidence
    facts = models.JSONField(_("stated facts"), default=dict, blank=True,
                             help_text=_("{fact: {value, evidence}} for the facts of "
                                         "docs/finance.md."))
    ghg_avoided_tco2e = models.FloatField(_("GHG avoided (tCO2e/yr)"), null=True, blank=True,
                                          editable=False)
    verified_improvement = models.FloatField(_("verified improvement"), null=True, blank=True,
                                             editable=False)
    refund_tier = models.FloatField(_("refund tier (improvement reached)"), null=True,
                                    blank=True, editable=False)
    refund_vnd = models.DecimalField(_("refund (VND)"), max_digits=22, decimal_places=0,
                                     null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(company="company", rule=shared_with_lender)
    workflow = WORKFLOW
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["company", "id"]
        verbose_name = _("finance project")
        verbose_name_plural = _("finance projects")

    def __str__(self) -> str:
        return self.title


class DossierShare(models.Model):
    """A dossier shared with a lender: its officers see the project; the token makes the
    lender's stable link."""

    project = models.ForeignKey(FinanceProject, on_delete=models.CASCADE, related_name="shares",
                                verbose_name=_("finance project"))
    institution = models.ForeignKey(LenderInstitution, on_delete=models.CASCADE,
                                    related_name="shares", verbose_name=_("lender"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    shared_at = models.DateTimeField(_("shared"), auto_now_add=True)

    access = "only through a visible FinanceProject (project.shares)"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "institution"],
                                               name="finance_share_once")]
        verbose_name = _("shared dossier")
        verbose_name_plural = _("shared dossiers")



class Evidence(models.Model):
    """A file proving one fact of a project (the EIA decision, a measurement report …)."""

    project = models.ForeignKey(FinanceProject, on_delete=models.CASCADE,
                                related_name="evidence", verbose_name=_("finance project"))
    fact = models.CharField(_("fact"), max_length=60)
    file = models.FileField(_("file"), upload_to="finance/evidence/%Y/")
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    access = "only through a visible FinanceProject (project.evidence)"

    class Meta:
        ordering = ["project", "fact", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

