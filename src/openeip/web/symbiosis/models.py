"""Offers and needs of firms, the exchanges proposed between them and what actually flowed.

* :class:`Stream` — one offer (supply) or need (demand) of one company, per year in the
  class's base unit (t, m3 or MWh), classified into the resource taxonomy.
* :class:`ClassificationCorrection` — a person's verdict on a description; the classifier
  decides with it from then on (keyed on the normalised text).
* :class:`Opportunity` — a candidate exchange between a supply and a demand found by the
  matcher, with its visible score parts and yearly benefit. It moves identified → contacted →
  feasibility → agreed → operating → ended (see :data:`TRANSITIONS`), only through
  :func:`openeip.web.base.workflow.transition` (see :data:`WORKFLOW`), which audits each move
  under both firms; agreeing is the firms' own decision (a consultant prepares it).
  Each side decides to reveal itself; until both have, each sees the other anonymised.
* :class:`ExchangeRecord` — the quantity that really flowed in a month (or a whole year) of an
  operating exchange.
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
from openeip.web.registry.models import Company, ResourceFlow


def _corrected_by(user: Any, action: str) -> models.Q:
    """A classification correction is shared knowledge, but only its author (and an admin) may
    list or change it."""
    return models.Q(corrected_by=user)


class StreamDirection(models.TextChoices):
    SUPPLY = "supply", _("offer")
    DEMAND = "demand", _("need")


class OpportunityStatus(models.TextChoices):
    IDENTIFIED = "identified", _("identified")
    CONTACTED = "contacted", _("contacted")
    FEASIBILITY = "feasibility", _("feasibility study")
    AGREED = "agreed", _("agreed")
    OPERATING = "operating", _("operating")
    ENDED = "ended", _("ended")


S = OpportunityStatus
#: The legal moves of the brokerage pipeline (any stage may also end).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.IDENTIFIED: (S.CONTACTED, S.ENDED),
    S.CONTACTED: (S.FEASIBILITY, S.IDENTIFIED, S.ENDED),
    S.FEASIBILITY: (S.AGREED, S.CONTACTED, S.ENDED),
    S.AGREED: (S.OPERATING, S.FEASIBILITY, S.ENDED),
    S.OPERATING: (S.ENDED,),
    S.ENDED: (S.IDENTIFIED,),
}
#: Statuses an exchange must have reached for realised quantities to be recorded.
RECORDABLE = (S.OPERATING, S.ENDED)
#: Statuses only firms named to each other may reach: an agreement between strangers is not one.
NEEDS_BOTH_REVEALED = (S.AGREED, S.OPERATING)


def describe_opportunity(opportunity: Opportunity) -> str:
    """How the audit trail names an exchange: both companies' codes, class and rule."""
    return "{} → {} {} ({})".format(opportunity.supply.company.code,
                                    opportunity.demand.company.code,
                                    opportunity.resource_class, opportunity.rule_code)


def _both_companies(opportunity: Opportunity) -> list[Any]:
    return [opportunity.supply.company, opportunity.demand.company]


def _check_revealed(opportunity: Opportunity, to_status: str) -> None:
    if to_status in NEEDS_BOTH_REVEALED and not opportunity.revealed:
        raise DomainError(gettext("Both firms must reveal themselves to each other before the "
                                  "exchange can be {target}.").format(
                                      target=S(to_status).label), "status")


WORKFLOW = Workflow(
    statuses=OpportunityStatus, transitions=TRANSITIONS, object_type="symbiosis_opportunity",
    describe=describe_opportunity, companies=_both_companies, check=_check_revealed,
    approve=frozenset({S.AGREED}), related=("supply__company", "demand__company"),
    not_a_status=_("'{status}' is not an exchange status; use one of: {codes}."),
    cannot_move=_("An exchange that is {current} cannot become {target}; from {current} it may "
                  "become: {allowed}."))


class Stream(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE,
                                related_name="symbiosis_streams", verbose_name=_("company"))
    direction = models.CharField(_("direction"), max_length=6, choices=StreamDirection.choices)
    description = models.CharField(_("description"), max_length=200)
    resource_class = models.CharField(_("resource class"), max_length=60, blank=True,
                                      db_index=True)
    classification_confidence = models.FloatField(_("classification confidence"), default=0.0)
    decisive_terms = models.JSONField(_("decisive terms"), default=list, blank=True)
    alternatives = models.JSONField(_("alternative classes"), default=list, blank=True,
                                    help_text=_("[class code, confidence], best first."))
    sector_classes = models.JSONField(
        _("classes of the firm's sector"), default=list, blank=True,
        help_text=_("Classes typical of the firm's sector that the stream is also read as, "
                    "when its words decide weakly."))
    confirmed = models.BooleanField(_("class confirmed"), default=False)
    quantity = models.FloatField(_("quantity per year"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, blank=True,
                            help_text=_("The class's base unit: t, m3 or MWh."))
    year = models.PositiveSmallIntegerField(_("year of the figures"), null=True, blank=True)
    temperature_c = models.FloatField(_("temperature (°C)"), null=True, blank=True)
    hazardous = models.BooleanField(_("hazardous"), default=False)
    months = models.JSONField(_("months available"), default=list, blank=True,
                              help_text=_("Month numbers 1–12; empty means all year."))
    source_flow = models.ForeignKey(ResourceFlow, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+",
                                    verbose_name=_("from resource flow"))
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["company", "direction", "description"]
        constraints = [
            models.UniqueConstraint(fields=["company", "direction", "description"],
                                    name="symbiosis_stream_once"),
        ]
        verbose_name = _("symbiosis stream")
        verbose_name_plural = _("symbiosis streams")

    def __str__(self) -> str:
        return "{} {} {}".format(self.company_id, self.direction, self.description)


class ClassificationCorrection(models.Model):
    """A person's verdict on a description, with its reach: a company's correction decides that
    company's streams only, a park manager's the park's, and only a platform curator (permission
    ``symbiosis.promote_correction``) makes one shared knowledge for every firm (no company and
    no park)."""

    normalised_text = models.CharField(_("normalised text"), max_length=250)
    resource_class = models.CharField(_("resource class"), max_length=60)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+", verbose_name=_("for the company"))
    park = models.ForeignKey("registry.Park", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+", verbose_name=_("for the park"))
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("corrected by"))
    at = models.DateTimeField(_("when"), auto_now=True)
    promoted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("made shared by"))
    promoted_at = models.DateTimeField(_("made shared"), null=True, blank=True)

    access = Owner(rule=_corrected_by)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["normalised_text"]
        constraints = [
            models.UniqueConstraint(fields=["normalised_text", "company"],
                                    condition=models.Q(company__isnull=False),
                                    name="correction_once_per_company"),
            models.UniqueConstraint(fields=["normalised_text", "park"],
                                    condition=models.Q(company__isnull=True,
                                                       park__isnull=False),
                                    name="correction_once_per_park"),
            models.UniqueConstraint(fields=["normalised_text"],
                                    condition=models.Q(company__isnull=True, park__isnull=True),
                                    name="correction_once_shared"),
        ]
        permissions = [("promote_correction",
                        "Can make a classification correction shared knowledge (curator)")]
        verbose_name = _("classification correction")
        verbose_name_plural = _("classification corrections")

    def __str__(self) -> str:
        return "{} → {}".format(self.normalised_text, self.resource_class)

    @property
    def shared(self) -> bool:
        return self.company_id is None and self.park_id is None


class Opportunity(models.Model):
    supply = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="as_supply",
                               verbose_name=_("offer"))
    demand = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="as_demand",
                               verbose_name=_("need"))
    rule_code = models.CharField(_("synergy rule"), max_length=40)
    resource_class = models.CharField(_("resource class"), max_length=60)
    score = models.FloatField(_("score"), db_index=True)
    parts = models.JSONField(_("score parts"), default=list, blank=True)
    benefit = models.JSONField(_("yearly benefit"), default=dict, blank=True)
    distance_km = models.FloatField(_("distance (km)"), null=True, blank=True)
    matched_quantity = models.FloatField(_("matched quantity per year"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, blank=True)
    rank_for_supply = models.PositiveIntegerField(_("rank for the offer"), default=0)
    rank_for_demand = models.PositiveIntegerField(_("rank for the need"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=OpportunityStatus.choices,
                              default=OpportunityStatus.IDENTIFIED, db_index=True)
    supplier_revealed = models.BooleanField(_("supplier revealed"), default=False)
    receiver_revealed = models.BooleanField(_("receiver revealed"), default=False)
    selected = models.BooleanField(_("in the optimal network"), default=False)
    selected_quantity = models.FloatField(_("quantity in the optimal network"), null=True,
                                          blank=True)
    current = models.BooleanField(
        _("found by the latest match run"), default=True,
        help_text=_("Kept when a later run no longer finds it, once the firms have moved it on."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(company=("supply__company", "demand__company"))
    workflow = WORKFLOW
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["supply", "demand", "rule_code"],
                                    name="symbiosis_opportunity_once"),
        ]
        verbose_name = _("symbiosis opportunity")
        verbose_name_plural = _("symbiosis opportunities")

    def __str__(self) -> str:
        return "{} → {} ({})".format(self.supply_id, self.demand_id, self.rule_code)

    @property
    def revealed(self) -> bool:
        """Both sides agreed to be named to each other."""
        return self.supplier_revealed and self.receiver_revealed

    @property
    def net_vnd(self) -> float | None:
        value: Any = self.benefit.get("net_vnd") if self.benefit else None
        return None if value is None else float(value)


class ExchangeRecord(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE,
                                    related_name="records", verbose_name=_("exchange"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), default=0,
                                             help_text=_("0 for the whole year."))
    quantity = models.FloatField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=10)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("entered by"))
    note = models.CharField(_("note"), max_length=200, blank=True,
                            help_text=_("Where the figure comes from (a weighbridge ticket, an "
                                        "invoice; DEMO figures say so)."))
    at = models.DateTimeField(_("when"), auto_now=True)

    access = Owner(company=("opportunity__supply__company",
                           "opportunity__demand__company"))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["opportunity", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "year", "month"],
                                    name="symbiosis_record_once"),
        ]
        verbose_name = _("realised exchange quantity")
        verbose_name_plural = _("realised exchange quantities")

    def __str__(self) -> str:
        return "{} {}-{:02d} {} {}".format(self.opportunity_id, self.year, self.month,
                                           self.quantity, self.unit)
