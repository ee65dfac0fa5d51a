"""A company's indicators, GHG inventory, balances, hotspots and suggestions as last computed.

Recomputed when the data it came from changed: ``source_key`` holds the company's latest audit
entry of resource data (every write of one of its products or flows leaves one; the park's data
version does not cover products), its own prices and the versions of the factor, price and
option tables; a snapshot whose key differs is stale.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.recp.models.assessments import GwpChoice
from openeip.web.registry.models import Company


class IndicatorSnapshot(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE,
                                related_name="recp_snapshots", verbose_name=_("company"))
    gwp_set = models.CharField(_("GWP set"), max_length=3, choices=GwpChoice.choices)
    source_key = models.CharField(max_length=200)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True,
                                            help_text=_("The latest year with data."))
    payload = models.JSONField(default=dict)
    #: the year's figures peers are compared on, kept apart so peers load only these
    figures = models.JSONField(default=dict)
    factor_versions = models.JSONField(_("factor versions"), default=dict)

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["company", "gwp_set"],
                                               name="indicator_snapshot_once")]
        verbose_name = _("RECP indicator snapshot")
        verbose_name_plural = _("RECP indicator snapshots")

    def __str__(self) -> str:
        return "{} {} {}".format(self.company.code, self.gwp_set, self.computed_at)
