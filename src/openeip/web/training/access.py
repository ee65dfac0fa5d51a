"""Who sees what of the training records.

* the course catalogue and the sessions' public facts (course, dates, mode, seats left) —
  everyone;
* a session's roster, attendance and certificates — the platform admin, the managers of the
  session's park, and trainers (the session's own trainer and the park's trainers);
* a registration — those, plus the members of the registered person's company (its training
  record) and whoever registered the person.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from openeip.web.registry.access import ACTIONS
from openeip.web.registry.models import CompanyMembership, ParkManager


def _authenticated(user: Any) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def staffed_park_ids(user: Any) -> Any:
    """Parks whose training the user runs: as a manager or as a trainer."""
    from django.apps import apps

    trainer = apps.get_model("training", "Trainer")
    return ParkManager.objects.filter(user=user).values("park_id").union(
        trainer.objects.filter(user=user).values("park_id"))


def runs_session_filter(user: Any, prefix: str = "") -> Q:
    from django.apps import apps

    trainer = apps.get_model("training", "Trainer")
    parks = (list(ParkManager.objects.filter(user=user).values_list("park_id", flat=True))
             + list(trainer.objects.filter(user=user).values_list("park_id", flat=True)))
    return Q(**{prefix + "park_id__in": parks}) | Q(**{prefix + "trainer": user})


class SessionQuerySet(models.QuerySet[Any]):
    def run_by(self, user: Any) -> SessionQuerySet:
        """Sessions whose roster the user may see and change."""
        if not _authenticated(user):
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(runs_session_filter(user))


class RegistrationQuerySet(models.QuerySet[Any]):
    def for_user(self, user: Any, action: str = "view") -> RegistrationQuerySet:
        if action not in ACTIONS:
            raise ValueError("Unknown action {!r}".format(action))
        if not _authenticated(user):
            return self.none()
        if user.is_superuser:
            return self
        members = CompanyMembership.objects.filter(user=user).values("company_id")
        return self.filter(runs_session_filter(user, "session__")
                           | Q(company_id__in=members) | Q(registered_by=user))


class CertificateQuerySet(models.QuerySet[Any]):
    def for_user(self, user: Any, action: str = "view") -> CertificateQuerySet:
        if not _authenticated(user):
            return self.none()
        if user.is_superuser:
            return self
        members = CompanyMembership.objects.filter(user=user).values("company_id")
        return self.filter(runs_session_filter(user, "registration__session__")
                           | Q(registration__company_id__in=members)
                           | Q(registration__registered_by=user))
