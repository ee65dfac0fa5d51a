from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from openeip.core import catalogues
from openeip.core.domain import Direction, FlowKind
from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.base.labels import lazy_choices
from openeip.web.registry.models.parks import Company

KIND_CHOICES = lazy_choices({code: info.label for code, info in catalogues.flow_kinds().items()})
DIRECTION_CHOICES = [(Direction.INPUT.value, _("input")), (Direction.OUTPUT.value, _("output"))]
FATE_CHOICES = lazy_choices(catalogues.fates())
SOURCE_CHOICES = lazy_choices(catalogues.sources())
assert {code for code, _label in KIND_CHOICES} == {kind.value for kind in FlowKind}


class ReportingPeriod(models.Model):
    """A year (month 0) or one month of it."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), default=0,
                                             help_text=_("0 for the whole year."))
    start = models.DateField(_("start"))

    class Meta:
        ordering = ["year", "month"]
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="period_unique")]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def save(self, *args: object, **kwargs: object) -> None:
        self.start = datetime.date(self.year, self.month or 1, 1)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return "{}-{:02d}".format(self.year, self.month) if self.month else str(self.year)


class Product(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="products",
                                verbose_name=_("company"))
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT,
                               verbose_name=_("period"))
    name = models.CharField(_("product"), max_length=200)
    quantity = models.FloatField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=30)
    sales_value_vnd = models.DecimalField(_("sales value (VND)"), max_digits=22, decimal_places=2,
                                          null=True, blank=True)

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["company", "period", "name"]
        constraints = [models.UniqueConstraint(fields=["company", "period", "name"],
                                               name="product_unique")]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return "{} {} {}".format(self.name, self.quantity, self.unit)


class ResourceFlow(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="flows",
                                verbose_name=_("company"))
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT,
                               verbose_name=_("period"))
    direction = models.CharField(_("direction"), max_length=6, choices=DIRECTION_CHOICES)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    description = models.CharField(_("description"), max_length=200)
    classification_code = models.CharField(_("classification code"), max_length=40, blank=True)
    hazardous = models.BooleanField(_("hazardous"), default=False)
    quantity = models.FloatField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=30)
    base_quantity = models.FloatField(_("quantity in base unit"))
    base_unit = models.CharField(_("base unit"), max_length=10)
    cost_vnd = models.DecimalField(_("cost or revenue (VND)"), max_digits=22, decimal_places=2,
                                   null=True, blank=True)
    fate = models.CharField(_("fate"), max_length=20, blank=True, choices=FATE_CHOICES)
    source = models.CharField(_("source"), max_length=20, blank=True, choices=SOURCE_CHOICES)
    unit_operation = models.CharField(_("unit operation"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["company", "period", "direction", "kind", "description"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "period", "direction", "kind", "description"],
                name="flow_natural_key",
            )
        ]
        verbose_name = _("resource flow")
        verbose_name_plural = _("resource flows")

    def __str__(self) -> str:
        return "{} {} {} {}".format(self.description, self.direction, self.quantity, self.unit)
