"""What the training pages share: the session a user runs, the companies they may register."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from openeip.web.registry.models import Company, CompanyMembership, Park, ParkManager
from openeip.web.training.models import Session, Trainer


def runs(user: Any, session: Session) -> bool:
    """May ``user`` see the roster of ``session`` and mark attendance?"""
    return Session.objects.for_user(user, "change").filter(pk=session.pk).exists()


def runs_park(user: Any, park: Park) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser
                or ParkManager.objects.filter(user=user, park=park).exists()
                or Trainer.objects.filter(user=user, park=park).exists())


def registrable_companies(user: Any, session: Session) -> QuerySet[Company]:
    """The companies whose staff ``user`` may register: their own; every firm of the park for
    the park's managers and trainers."""
    if not user.is_authenticated:
        return Company.objects.none()
    if runs_park(user, session.park):
        return Company.objects.filter(park=session.park).order_by("code")
    member = CompanyMembership.objects.filter(user=user).values("company_id")
    return Company.objects.filter(pk__in=member).order_by("code")


def session_or_404(pk: int) -> Session:
    return get_object_or_404(Session.objects.select_related("course", "park"), pk=pk)


def ip_key(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")
