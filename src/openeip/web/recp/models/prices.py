"""A company's own price for a resource, used instead of the shipped price book's."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from openeip.web.base.access import Owner, RestrictedQuerySet
from openeip.web.registry.models import Company


class CompanyPrice(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="recp_prices",
                                verbose_name=_("company"))
    resource = models.CharField(_("resource"), max_length=60,
                                help_text=_("Key of the price in the price book, such as "
                                            "'electricity' or a fuel code."))
    price = models.DecimalField(_("price"), max_digits=22, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=30, help_text=_("Such as VND/kWh or VND/m³."))
    note = models.CharField(_("note"), max_length=300, blank=True,
                            help_text=_("Where the price comes from (invoice, contract)."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access = Owner(company="company")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["company", "resource"]
        constraints = [models.UniqueConstraint(fields=["company", "resource"],
                                               name="company_price_once")]
        verbose_name = _("company price")
        verbose_name_plural = _("company prices")

    def __str__(self) -> str:
        return "{} {} {} {}".format(self.company.code, self.resource, self.price, self.unit)
