"""Who belongs where: park managers, company members and consultants' grants."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openeip.web.registry.models.parks import Company, Park


class ParkManager(models.Model):
    """A member of a park's management board or operator staff."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="managed_parks", verbose_name=_("user"))
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="managers",
                             verbose_name=_("park"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "park"], name="park_manager_once")]
        verbose_name = _("park manager")
        verbose_name_plural = _("park managers")

    def __str__(self) -> str:
        return "{} → {}".format(self.user, self.park)


class CompanyMembership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="company_memberships", verbose_name=_("user"))
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="members",
                                verbose_name=_("company"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "company"], name="member_once")]
        verbose_name = _("company member")
        verbose_name_plural = _("company members")

    def __str__(self) -> str:
        return "{} → {}".format(self.user, self.company)


class ConsultantGrantQuerySet(models.QuerySet["ConsultantGrant"]):
    def active(self) -> ConsultantGrantQuerySet:
        return self.filter(revoked_at__isnull=True)


class ConsultantGrant(models.Model):
    """A company lets a consultant see and edit its data until the grant is revoked."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="grants",
                                verbose_name=_("company"))
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="consultant_grants", verbose_name=_("consultant"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("granted by"))
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ConsultantGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("consultant grant")
        verbose_name_plural = _("consultant grants")

    def __str__(self) -> str:
        return "{} → {}".format(self.consultant, self.company)

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
