"""The one place that decides who may see or change what.

Rules (``view`` and ``change`` alike):

* a platform admin (superuser) — everything;
* a park manager — their park, its companies and all of their data;
* a company member — their own companies and their data (never the park's aggregate pages);
* a consultant — a company's data while that company's grant is active;
* park-level data (a model with a ``park`` and no ``company``, e.g. EIP evidence) — the park's
  managers only;
* anyone else, anonymous visitors included — nothing (the public park directory is separate).

Views, the API, the importer and the exporter all ask through :meth:`RestrictedQuerySet.for_user`
or the helpers below; none of them repeats these rules.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

ACTIONS = ("view", "change")


def _model(name: str) -> Any:
    """A registry model, looked up in Django's app registry: the models import this module for
    their query sets, so it never imports them."""
    from django.apps import apps

    return apps.get_model("registry", name)


def _managed_park_ids(user: Any) -> Any:
    return _model("ParkManager").objects.filter(user=user).values("park_id")


def _company_filter(user: Any) -> Q:
    member_of = _model("CompanyMembership").objects.filter(user=user).values("company_id")
    granted = (_model("ConsultantGrant").objects.active().filter(consultant=user)
               .values("company_id"))
    return (
        Q(park_id__in=_managed_park_ids(user)) | Q(pk__in=member_of) | Q(pk__in=granted)
    )


# Industrial symbiosis: an exchange belongs to both firms, so either side (and whoever may see
# that side: its park's managers, its granted consultants) sees it; what the other side is
# shown of the counterpart before both reveal themselves is anonymised by the symbiosis
# presenters. A classification correction is shared knowledge but only its author (and an
# admin) may list or change it.
_SYMBIOSIS_RULES: dict[str, Any] = {
    "symbiosis.opportunity": lambda user, companies: (
        Q(supply__company_id__in=companies) | Q(demand__company_id__in=companies)),
    "symbiosis.exchangerecord": lambda user, companies: (
        Q(opportunity__supply__company_id__in=companies)
        | Q(opportunity__demand__company_id__in=companies)),
    "symbiosis.classificationcorrection": lambda user, companies: Q(corrected_by=user),
}


def _filter_for(model: type[models.Model], user: Any) -> Q | None:
    """Q selecting the rows of ``model`` the user may touch; None means all rows."""
    Company = _model("Company")  # noqa: N806 — the model class
    if user.is_superuser:
        return None
    label = model._meta.label_lower
    if label == "registry.park":
        return Q(pk__in=_managed_park_ids(user))
    if label == "registry.company":
        return _company_filter(user)
    if label in _SYMBIOSIS_RULES:
        return _SYMBIOSIS_RULES[label](user, Company.objects.filter(_company_filter(user))
                                       .values("pk"))
    if hasattr(model, "company"):
        return Q(company_id__in=Company.objects.filter(_company_filter(user)).values("pk"))
    if hasattr(model, "assessment"):  # RECP options: company data reached through the assessment
        return Q(assessment__company_id__in=Company.objects.filter(_company_filter(user))
                 .values("pk"))
    if hasattr(model, "park"):  # park-level data (EIP evidence, assessments, plan): managers
        return Q(park_id__in=_managed_park_ids(user))
    raise TypeError("No access rule for {}".format(label))


class RestrictedQuerySet(models.QuerySet[Any]):
    def for_user(self, user: Any, action: str = "view") -> RestrictedQuerySet:
        """Only the rows ``user`` may ``action`` ('view' or 'change')."""
        if action not in ACTIONS:
            raise ValueError("Unknown action {!r}".format(action))
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        condition = _filter_for(self.model, user)
        return self if condition is None else self.filter(condition)


def can_manage_park(user: Any, park: Any) -> bool:
    """May ``user`` import into or see the aggregate pages of ``park``?"""
    return bool(type(park).objects.for_user(user).filter(pk=park.pk).exists())
