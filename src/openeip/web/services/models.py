"""Shared park infrastructure and services: the register, who is connected, how full it is, how
its cost is shared, what tenants ask of it and what they buy together.

* :class:`SharedAsset` — a shared facility of a park (common wastewater treatment, waste yard,
  steam, solar, lab, transport …): type, capacity, operator, service levels; published or not
  on the park's public showcase.
* :class:`AssetConnection` — a tenant connected to an asset, with its metered load.
* :class:`UtilisationRecord` — the quantity an asset handled in a period (metered or estimated).
* :class:`CostAllocation` — one sharing of an asset's cost for a year: the coalition costs
  stated, the three methods computed (``openeip.core.services``), the method chosen;
  :class:`AllocationShare` — one tenant's share under one method (what the tenant sees).
* :class:`ServiceRequest` — a tenant's request to the operator, with a deadline; its status
  moves only through :func:`openeip.web.services.services.requests.transition` (audited).
* :class:`JointRequest` and :class:`DemandPledge` — the park collects tenants' needs (rooftop
  solar, waste collection, lab tests) and issues one joint request.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from openeip.core.services.connection import asset_types
from openeip.web.base.access import ROLES, Owner, RestrictedQuerySet
from openeip.web.base.labels import current_language
from openeip.web.base.workflow import Workflow
from openeip.web.registry.models import Company, Park


def asset_type_label(code: str) -> str:
    kind = asset_types().get(code)
    if kind is None:
        return code
    return kind.label_vi if current_language() == "vi" else kind.label_en


_lazy_type_label = lazy(asset_type_label, str)


def _asset_type_choices() -> list[tuple[str, str]]:
    """The asset types with their names in the reader's language (data file, en and vi)."""
    return [(code, _lazy_type_label(code)) for code in asset_types()]


def _connected_tenants(user: object, action: str) -> Q | None:
    """A tenant (whoever may see a connected company) sees the asset it is connected to."""
    if action != "view":
        return None
    return Q(pk__in=AssetConnection.objects.for_user(user).values("asset_id"))


def _tenants_of_the_park(user: object, action: str) -> Q | None:
    """Tenants of the park see its joint requests while they collect needs or are issued."""
    if action != "view":
        return None
    return Q(park_id__in=Company.objects.for_user(user).values("park_id"),
             status__in=("collecting", "issued"))


class SharedAsset(models.Model):
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="shared_assets",
                             verbose_name=_("park"))
    code = models.SlugField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    asset_type = models.CharField(_("type"), max_length=30, choices=_asset_type_choices)
    capacity = models.FloatField(_("capacity"))
    capacity_unit = models.CharField(_("capacity unit"), max_length=30,
                                     help_text=_("e.g. m3/day, t/day, kWp"))
    operator = models.CharField(_("operator"), max_length=200)
    service_levels = models.TextField(
        _("service levels"), blank=True,
        help_text=_("What the operator commits to, e.g. the effluent standard met, hours of "
                    "service, response time."))
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    published = models.BooleanField(
        _("published on the park's showcase"), default=False,
        help_text=_("Shown on the public showcase page of the park (no login)."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    access = Owner(park="park", rule=_connected_tenants)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["park", "code"]
        constraints = [models.UniqueConstraint(fields=["park", "code"],
                                               name="shared_asset_code_unique_in_park")]
        verbose_name = _("shared asset")
        verbose_name_plural = _("shared assets")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return (self.name_vi if current_language() == "vi" else self.name_en) or self.name_en

    @property
    def type_label(self) -> str:
        return asset_type_label(self.asset_type)


class AssetConnection(models.Model):
    asset = models.ForeignKey(SharedAsset, on_delete=models.CASCADE, related_name="connections",
                              verbose_name=_("shared asset"))
    company = models.ForeignKey(Company, on_delete=models.CASCADE,
                                related_name="asset_connections", verbose_name=_("tenant"))
    load = models.FloatField(_("metered load"), null=True, blank=True,
                             help_text=_("e.g. flow × COD in kg COD/day"))
    load_unit = models.CharField(_("load unit"), max_length=30, blank=True)
    quantity_per_year = models.FloatField(
        _("quantity sent per year"), null=True, blank=True,
        help_text=_("In the connection's unit (m3 of wastewater, t of waste, t of steam)."))
    connected_since = models.DateField(_("connected since"), null=True, blank=True)
    meter_code = models.CharField(
        _("meter"), max_length=60, blank=True,
        help_text=_("The ID of the tenant's (or the park's) meter whose readings are what this "
                    "tenant sends to the asset; utilisation can then be read from the meters."))

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["asset", "company__code"]
        constraints = [models.UniqueConstraint(fields=["asset", "company"],
                                               name="asset_connection_once")]
        verbose_name = _("connection")
        verbose_name_plural = _("connections")

    def __str__(self) -> str:
        return "{} → {}".format(self.company, self.asset)


class UtilisationRecord(models.Model):
    class Source(models.TextChoices):
        METER = "meter", _("meter")
        OPERATOR = "operator", _("operator's report")
        ESTIMATE = "estimate", _("estimate")

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+", editable=False)
    asset = models.ForeignKey(SharedAsset, on_delete=models.CASCADE,
                              related_name="utilisation", verbose_name=_("shared asset"))
    period_start = models.DateField(_("month"))
    used = models.FloatField(_("quantity handled"),
                             help_text=_("In the asset's capacity unit, averaged over the month."))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    #: where a figure read from meters comes from (a core Message as JSON: meters, coverage)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    access = Owner(park="park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["asset", "period_start"]
        constraints = [models.UniqueConstraint(fields=["asset", "period_start"],
                                               name="utilisation_once_a_month")]
        verbose_name = _("utilisation")
        verbose_name_plural = _("utilisation")

    def save(self, *args: object, **kwargs: object) -> None:
        self.park_id = self.asset.park_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def fraction(self) -> float | None:
        return self.used / self.asset.capacity if self.asset.capacity else None


class AllocationMethod(models.TextChoices):
    LOAD = "load", _("proportional to metered load")
    SCRB = "scrb", _("separable cost, remaining benefit (SCRB)")
    SHAPLEY = "shapley", _("Shapley value")


class CostAllocation(models.Model):
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+", editable=False)
    asset = models.ForeignKey(SharedAsset, on_delete=models.CASCADE,
                              related_name="allocations", verbose_name=_("shared asset"))
    year = models.PositiveSmallIntegerField(_("year"))
    method = models.CharField(_("method applied"), max_length=10,
                              choices=AllocationMethod.choices)
    total_cost_vnd = models.DecimalField(_("cost shared (VND)"), max_digits=22,
                                         decimal_places=2)
    #: COALITIONS.csv as entered (members by company code), kept for the audit
    coalitions_csv = models.TextField(_("coalition costs (CSV)"))
    #: {method: {"exact": bool, "samples": int, "terms": {...}, "notes": [...],
    #:  "blocking": [{"members", "cost_vnd", "charged_vnd"}]}}
    results = models.JSONField(default=dict)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    access = Owner(park="park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["asset", "-year", "-created_at"]
        verbose_name = _("cost allocation")
        verbose_name_plural = _("cost allocations")

    def save(self, *args: object, **kwargs: object) -> None:
        self.park_id = self.asset.park_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return "{} {} {}".format(self.asset, self.year, self.method)


class AllocationShare(models.Model):
    allocation = models.ForeignKey(CostAllocation, on_delete=models.CASCADE,
                                   related_name="shares")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="cost_shares",
                                verbose_name=_("tenant"))
    method = models.CharField(_("method"), max_length=10, choices=AllocationMethod.choices)
    allocated_vnd = models.DecimalField(_("allocated (VND)"), max_digits=22, decimal_places=2)
    stand_alone_vnd = models.DecimalField(_("cost alone (VND)"), max_digits=22,
                                          decimal_places=2)
    standard_error_vnd = models.FloatField(_("standard error (VND)"), null=True, blank=True)
    terms = models.JSONField(default=dict)

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["allocation", "company__code", "method"]
        constraints = [models.UniqueConstraint(fields=["allocation", "company", "method"],
                                               name="allocation_share_once")]
        verbose_name = _("cost share")
        verbose_name_plural = _("cost shares")

    @property
    def saving_vnd(self) -> Decimal:
        """Cost alone minus the share: what sharing saves this tenant."""
        return self.stand_alone_vnd - self.allocated_vnd


class RequestStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    IN_PROGRESS = "in_progress", _("in progress")
    RESOLVED = "resolved", _("resolved")
    REJECTED = "rejected", _("rejected")


_R = RequestStatus
#: the legal moves of a service request
REQUEST_TRANSITIONS: dict[str, tuple[str, ...]] = {
    _R.OPEN: (_R.ACKNOWLEDGED, _R.REJECTED),
    _R.ACKNOWLEDGED: (_R.IN_PROGRESS, _R.RESOLVED, _R.REJECTED),
    _R.IN_PROGRESS: (_R.RESOLVED, _R.ACKNOWLEDGED),
    _R.RESOLVED: (_R.OPEN,),
    _R.REJECTED: (_R.OPEN,),
}
CLOSED_STATUSES = (_R.RESOLVED, _R.REJECTED)
#: a tenant (and its consultant) opens and follows a request; only the park's managers, who
#: run the shared infrastructure, move it (the workflow's "approve" right)
_REQUEST_ROLES = {**ROLES, "approve": frozenset({"park_manager"})}


class ServiceRequest(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE,
                                related_name="service_requests", verbose_name=_("tenant"))
    asset = models.ForeignKey(SharedAsset, on_delete=models.CASCADE,
                              related_name="requests", verbose_name=_("shared asset"))
    title = models.CharField(_("request"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=15, choices=RequestStatus.choices,
                              default=RequestStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    access = Owner(company="company", roles=_REQUEST_ROLES)
    workflow = Workflow(
        statuses=RequestStatus, transitions=REQUEST_TRANSITIONS,
        object_type="service_request", describe=lambda row: row.describe(),
        companies=lambda row: [row.company], approve=frozenset(RequestStatus.values),
        related=("company",),
        not_a_status=_("'{status}' is not a request status; use one of: {codes}."),
        cannot_move=_("A request that is {current} cannot become {target}; from {current} it "
                      "may become: {allowed}."))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")

    def __str__(self) -> str:
        return self.title

    def describe(self) -> str:
        """How the audit trail names a request."""
        return "{} request #{} {}".format(self.company.code, self.pk, self.title)

    def is_overdue(self, today: object) -> bool:
        return self.status not in CLOSED_STATUSES and self.deadline < today  # type: ignore[operator]


class JointCategory(models.TextChoices):
    ROOFTOP_SOLAR = "rooftop_solar", _("rooftop solar")
    WASTE_COLLECTION = "waste_collection", _("waste collection")
    LAB_TESTS = "lab_tests", _("laboratory tests")
    OTHER = "other", _("other")


class JointStatus(models.TextChoices):
    COLLECTING = "collecting", _("collecting needs")
    ISSUED = "issued", _("joint request issued")
    CLOSED = "closed", _("closed")


class JointRequest(models.Model):
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="joint_requests",
                             verbose_name=_("park"))
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=JointCategory.choices)
    unit = models.CharField(_("unit of need"), max_length=30,
                            help_text=_("e.g. kWp, t/month, samples/year"))
    description = models.TextField(_("details"), blank=True)
    deadline = models.DateField(_("needs collected until"))
    status = models.CharField(_("status"), max_length=12, choices=JointStatus.choices,
                              default=JointStatus.COLLECTING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    access = Owner(park="park", rule=_tenants_of_the_park)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "pk"]
        verbose_name = _("joint procurement")
        verbose_name_plural = _("joint procurements")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return (self.title_vi if current_language() == "vi" else self.title_en) or self.title_en


class DemandPledge(models.Model):
    joint_request = models.ForeignKey(JointRequest, on_delete=models.CASCADE,
                                      related_name="pledges")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="pledges",
                                verbose_name=_("tenant"))
    quantity = models.FloatField(_("quantity needed"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["joint_request", "company__code"]
        constraints = [models.UniqueConstraint(fields=["joint_request", "company"],
                                               name="pledge_once_per_tenant")]
        verbose_name = _("tenant's need")
        verbose_name_plural = _("tenants' needs")
