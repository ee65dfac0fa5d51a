"""Who belongs where: park managers, company members and consultants' grants."""

from __future__ import annotations

import datetime

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


#: a grant's default length when none is given
DEFAULT_GRANT_DAYS = 365
#: days before a grant ends from which its consultant is warned
EXPIRY_WARNING_DAYS = 30


def _default_end() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=DEFAULT_GRANT_DAYS)


class ConsultantGrantQuerySet(models.QuerySet["ConsultantGrant"]):
    def active(self, on: datetime.date | None = None) -> ConsultantGrantQuerySet:
        """Grants in force on ``on`` (today, in the platform's time zone): not revoked, started
        and not yet ended (both days included)."""
        day = on or timezone.localdate()
        return self.filter(revoked_at__isnull=True, starts_on__lte=day, ends_on__gte=day)


class ConsultantGrant(models.Model):
    """A company lets a consultant see and edit its data from its first to its last day (both
    included), unless the grant is revoked sooner. Outside those days the consultant reaches
    nothing of the company (:func:`openeip.web.base.access.RestrictedQuerySet.for_user`)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="grants",
                                verbose_name=_("company"))
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="consultant_grants", verbose_name=_("consultant"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("granted by"))
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    starts_on = models.DateField(_("first day"), default=timezone.localdate)
    ends_on = models.DateField(_("last day"), default=_default_end)

    objects = ConsultantGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        constraints = [models.CheckConstraint(
            condition=models.Q(ends_on__gte=models.F("starts_on")),
            name="grant_ends_after_it_starts")]
        verbose_name = _("consultant grant")
        verbose_name_plural = _("consultant grants")

    def __str__(self) -> str:
        return "{} → {}".format(self.consultant, self.company)

    def in_force(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.revoked_at is None and self.starts_on <= day <= self.ends_on

    def days_left(self, on: datetime.date | None = None) -> int:
        """Days from ``on`` (today) to the last day, that day included (0 once ended)."""
        return max(0, (self.ends_on - (on or timezone.localdate())).days + 1)

    def expiring(self, on: datetime.date | None = None) -> bool:
        return self.in_force(on) and self.days_left(on) <= EXPIRY_WARNING_DAYS

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
