from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from openeip.core.catalogues import ownerships
from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.base.labels import lazy_choices


class BilingualName:
    """``name``: the Vietnamese name on Vietnamese pages, else the English one."""

    name_en: str
    name_vi: str

    @property
    def name(self) -> str:
        return (self.name_vi if get_language() == "vi" else self.name_en) or self.name_en


class Park(BilingualName, models.Model):
    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    province = models.CharField(_("province"), max_length=100)
    area_ha = models.FloatField(_("area (ha)"))
    industrial_land_ha = models.FloatField(_("industrial land (ha)"), null=True, blank=True)
    green_space_ha = models.FloatField(_("green space (ha)"), null=True, blank=True)
    roads_ha = models.FloatField(_("roads (ha)"), null=True, blank=True)
    shared_infrastructure_ha = models.FloatField(
        _("shared infrastructure (ha)"), null=True, blank=True
    )
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    boundary = models.JSONField(
        _("boundary"), default=list, blank=True, help_text=_("List of [latitude, longitude].")
    )
    # The park's own factor settings (openeip.core.ghg.FactorSettings); empty: the platform's
    # (settings.GWP_SET, settings.FACTOR_YEAR).
    gwp_set = models.CharField(
        _("GWP set"), max_length=3, blank=True,
        choices=[("AR5", _("IPCC AR5 (GWP100)")), ("AR6", _("IPCC AR6 (GWP100)"))],
        help_text=_("The IPCC GWP set of the park's greenhouse-gas figures; empty: the "
                    "platform's."))
    factor_year = models.PositiveSmallIntegerField(
        _("factor year"), null=True, blank=True,
        help_text=_("The year whose factors value yearly figures without a data year of their "
                    "own (symbiosis benefits); empty: the platform's, or the current year."))
    # Raised by every refresh of the park's summary tables; pages cache what they derive from
    # those tables under it, so a cached figure can never outlive the data it came from.
    data_version = models.PositiveIntegerField(default=0, editable=False)

    access = Owner(park="")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("park")
        verbose_name_plural = _("parks")

    def __str__(self) -> str:
        return self.name


    def get_absolute_url(self) -> str:
        return reverse("registry:park", args=[self.slug])


class Company(BilingualName, models.Model):
    OWNERSHIP_CHOICES = lazy_choices(ownerships())

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="companies",
                             verbose_name=_("park"))
    code = models.CharField(_("code"), max_length=40,
                            help_text=_("The company's identifier in its park, e.g. its tax code."))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    vsic_code = models.CharField(_("VSIC 2018 code"), max_length=5)
    vsic_name = models.CharField(_("sector"), max_length=200)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    ownership = models.CharField(_("ownership"), max_length=30, blank=True,
                                 choices=OWNERSHIP_CHOICES)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    access = Owner(company="")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["park", "code"]
        constraints = [
            models.UniqueConstraint(fields=["park", "code"], name="company_code_unique_in_park")
        ]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.name


    def get_absolute_url(self) -> str:
        return reverse("registry:company", args=[self.pk])



@receiver(post_save, sender=Company)
def _tenant_saved(sender: type[Company], instance: Company, **kwargs: Any) -> None:
    """The park's pages cache what they show of its tenants under the park's data version."""
    Park.objects.filter(pk=instance.park_id).update(data_version=F("data_version") + 1)

