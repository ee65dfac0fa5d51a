"""Totals kept up to date by every write, so pages never scan millions of flow rows."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from openeip.web.registry.models.flows import DIRECTION_CHOICES, KIND_CHOICES, ReportingPeriod
from openeip.web.registry.models.parks import Company, Park


class ParkPeriodTotal(models.Model):
    """Sum of one kind of flow over a park's companies in one period, in the base unit."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="period_totals")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE)
    direction = models.CharField(max_length=6, choices=DIRECTION_CHOICES)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    base_unit = models.CharField(max_length=10)
    total = models.FloatField()
    companies = models.PositiveIntegerField(_("companies reporting"))

    class Meta:
        ordering = ["park", "period", "direction", "kind"]
        indexes = [models.Index(fields=["park", "period"])]


class CompanyPeriodTotal(models.Model):
    """Number of flow rows a company reported in a period (for data completeness)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="period_totals")
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="company_period_rows")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE)
    rows = models.PositiveIntegerField()

    class Meta:
        ordering = ["company", "period"]
        indexes = [models.Index(fields=["park", "period"])]
        constraints = [models.UniqueConstraint(fields=["company", "period"],
                                               name="company_period_total_unique")]
