"""A value set for one year of a versioned series (grid factor, tariff, water price), platform-wide
or for one park; used instead of the series' nearest year (``openeip.core.catalogues.series``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openeip.core.catalogues.series import SERIES, SeriesOverride
from openeip.core.ghg import FactorSettings
from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.registry.models.parks import Park


class SeriesValue(models.Model):
    series = models.CharField(_("series"), max_length=40,
                              choices=[(code, _(name)) for code, name in SERIES.items()])
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=6,
                                help_text=_("t CO2e/MWh for the grid factor, VND/kWh for the "
                                            "electricity tariff, VND/m³ for the water tariff."))
    source = models.CharField(_("source"), max_length=300,
                              help_text=_("Where the value comes from (letter, decision, "
                                          "contract)."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    park = models.ForeignKey(Park, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="series_values", verbose_name=_("park"),
                             help_text=_("Empty: the whole platform."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("entered by"))
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("changed by"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    access = Owner(park="park")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["series", "-year", "park__slug"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year", "park"],
                                    name="series_value_once_per_park"),
            models.UniqueConstraint(fields=["series", "year"], condition=Q(park__isnull=True),
                                    name="series_value_once_on_platform"),
        ]
        verbose_name = _("value set for a year")
        verbose_name_plural = _("values set for a year")

    def __str__(self) -> str:
        return "{} {} {}".format(self.series, self.year, self.value)

    def as_core(self) -> SeriesOverride:
        return SeriesOverride(self.series, self.year, float(self.value), self.source, self.note,
                              park=self.park.slug if self.park is not None else "")


def overrides_for(park: Park | None) -> list[SeriesOverride]:
    """The platform's values and, when given, the park's, as the core policy reads them."""
    rows: Any = SeriesValue.objects.select_related("park")
    rows = rows.filter(Q(park__isnull=True) | Q(park=park)) if park is not None else rows.filter(
        park__isnull=True)
    return [row.as_core() for row in rows]


def grid_overrides_for(park: Park | None) -> dict[int, SeriesOverride]:
    """{year: override} of the grid factor for ``park`` (its own before the platform's)."""
    found: dict[int, SeriesOverride] = {}
    for item in sorted(overrides_for(park), key=lambda o: o.park != ""):
        if item.series == "grid_factors":
            found.setdefault(item.year, item)
    return found


def factor_settings_for(park: Park | None) -> FactorSettings:
    """The platform's GWP set and factor year (settings), with ``park``'s own choices."""
    platform = FactorSettings.of(settings.GWP_SET, settings.FACTOR_YEAR or None)
    if park is None:
        return platform
    return platform.for_park(park.gwp_set, park.factor_year)


def grid_override_of(park: Park | None, year: int) -> SeriesOverride | None:
    """The grid factor set for ``year`` (the park's before the platform's), or None."""
    return grid_overrides_for(park).get(year)


def overrides_key(park: Park | None) -> str:
    """Changes whenever a value that applies to ``park`` is set, changed or removed."""
    rows = SeriesValue.objects.filter(Q(park__isnull=True) | Q(park=park))
    found = rows.aggregate(n=models.Count("id"), at=models.Max("updated_at"),
                           ids=models.Sum("id"))
    return "{}:{}:{}".format(found["n"], found["ids"], found["at"] and found["at"].isoformat())
