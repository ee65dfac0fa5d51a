"""Who may view, change or approve what: declared once per model, decided here.

Every model holding company or park data declares how its rows reach their owner and gets the
restricted manager::

    class Meter(models.Model):
        company = models.ForeignKey("registry.Company", ...)
        access = Owner(company="company")
        objects = RestrictedQuerySet.as_manager()

``Owner(company=path)`` names the path from the row to its company (``"assessment__company"``;
several paths for a row that belongs to two companies, ``""`` for the company itself);
``Owner(park=path)`` the path to its park for park-level data. ``rule=`` adds a condition of the
app's own (e.g. a lender officer's dossiers), combined with OR.

The roles a user holds on a company (from the registry's tenancy models):

* ``park_manager`` — manages the company's park (or, for park data, the park);
* ``member`` — belongs to the company;
* ``consultant`` — holds a grant on the company in force today.

A platform admin (superuser) holds every right. Which role may do what is a table (``ROLES``),
the same for every model unless a model gives its own ``roles=``:

=========  ==========================================  ===========================
action      company data                                park-level data
=========  ==========================================  ===========================
view        park_manager, member, consultant            park_manager
change      park_manager, member, consultant            park_manager
approve     park_manager, member (not a consultant)     park_manager
=========  ==========================================  ===========================

``approve`` is the decision that commits the company (approve an RECP option for investment,
submit a finance dossier): a consultant prepares, the company decides. Anonymous and inactive
users get nothing. Views, the API, the importer and the exporter ask through
``Model.objects.for_user(user, action)``, :func:`visible` or :func:`may`; none repeats a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q

ACTIONS = ("view", "change", "approve")
COMPANY_ROLES = ("park_manager", "member", "consultant")

#: action -> the roles that may take it on company data (the default for every model)
ROLES: Mapping[str, frozenset[str]] = {
    "view": frozenset({"park_manager", "member", "consultant"}),
    "change": frozenset({"park_manager", "member", "consultant"}),
    "approve": frozenset({"park_manager", "member"}),
}
#: park-level data: its managers only, whatever the action
PARK_ROLES: Mapping[str, frozenset[str]] = {action: frozenset({"park_manager"})
                                            for action in ACTIONS}

Rule = Callable[[Any, str], "Q | None"]


@dataclass(frozen=True)
class Owner:
    """How a model's rows reach their owner (see the module docstring)."""

    company: str | tuple[str, ...] | None = None
    park: str | None = None
    roles: Mapping[str, frozenset[str]] | None = None
    rule: Rule | None = None
    #: the rule gives the same rows whatever the action (see :meth:`implies`)
    rule_ignores_action: bool = False
    company_paths: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        paths = (self.company,) if isinstance(self.company, str) else tuple(self.company or ())
        object.__setattr__(self, "company_paths", paths)
        if not paths and self.park is None and self.rule is None:
            raise TypeError("Owner needs a company path, a park path or a rule")

    def table(self) -> Mapping[str, frozenset[str]]:
        if self.roles is not None:
            return self.roles
        return ROLES if self.company_paths else PARK_ROLES

    def implies(self, held: str, action: str) -> bool:
        """Does ``held`` on a row give ``action`` on it, for every user? (The same roles may
        take both and the rule, if any, ignores the action.) A page that fetched a row for
        ``held`` then knows ``action`` without asking the database again."""
        table = self.table()
        return (table.get(held, frozenset()) <= table.get(action, frozenset())
                and (self.rule is None or self.rule_ignores_action))

    def condition(self, user: Any, action: str) -> Q:
        """The rows of the model ``user`` may ``action`` (never called for an admin)."""
        roles = self.table().get(action, frozenset())
        found = Q(pk__in=[])
        if self.company_paths and roles:
            companies = _companies(user, roles)
            for path in self.company_paths:
                found |= Q(**{_lookup(path): companies})
        elif self.park is not None and "park_manager" in roles:
            found |= Q(**{_lookup(self.park): _managed_parks(user)})
        if self.rule is not None:
            extra = self.rule(user, action)
            if extra is not None:
                found |= extra
        return found


def _lookup(path: str) -> str:
    return "{}__in".format(path) if path else "pk__in"


def _model(app_label: str, name: str) -> Any:
    """A model looked up in Django's app registry: models import this module for their query
    sets, so it never imports them."""
    from django.apps import apps

    return apps.get_model(app_label, name)


def _managed_parks(user: Any) -> Any:
    return _model("registry", "ParkManager").objects.filter(user=user).values("park_id")


def _companies(user: Any, roles: Iterable[str]) -> Any:
    """The ids of the companies on which ``user`` holds one of ``roles``."""
    roles = set(roles)
    company = _model("registry", "Company")
    found = Q(pk__in=[])
    if "park_manager" in roles:
        found |= Q(park_id__in=_managed_parks(user))
    if "member" in roles:
        found |= Q(pk__in=_model("registry", "CompanyMembership").objects.filter(user=user)
                   .values("company_id"))
    if "consultant" in roles:
        found |= Q(pk__in=_model("registry", "ConsultantGrant").objects.active()
                   .filter(consultant=user).values("company_id"))
    return company.objects.filter(found).values("pk")


def owner_of(model: type[models.Model]) -> Owner:
    declared = getattr(model, "access", None)
    if not isinstance(declared, Owner):
        raise TypeError("{} declares no access = Owner(...)".format(model._meta.label))
    return declared


class RestrictedQuerySet(models.QuerySet[Any]):
    def for_user(self, user: Any, action: str = "view") -> RestrictedQuerySet:
        """Only the rows ``user`` may ``action`` ('view', 'change' or 'approve')."""
        if action not in ACTIONS:
            raise ValueError("Unknown action {!r}; use one of {}".format(action, ACTIONS))
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(owner_of(self.model).condition(user, action))


def visible(rows: type[models.Model] | models.QuerySet[Any], user: Any,
            action: str = "view") -> Any:
    """The rows of a model (or of a query set of it) ``user`` may ``action``."""
    queryset = rows if isinstance(rows, models.QuerySet) else rows._default_manager.all()
    if not isinstance(queryset, RestrictedQuerySet):
        raise TypeError("{} has no RestrictedQuerySet manager".format(queryset.model._meta.label))
    return queryset.for_user(user, action)


def may(user: Any, action: str, obj: models.Model) -> bool:
    """May ``user`` ``action`` this row?"""
    return bool(visible(type(obj), user, action).filter(pk=obj.pk).exists())


def visible_or_404(rows: type[models.Model] | models.QuerySet[Any], user: Any,
                   action: str = "view", **lookup: Any) -> Any:
    """The one row ``user`` may ``action``; 404 whether it is hidden or does not exist."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(visible(rows, user, action), **lookup)


def can_manage_park(user: Any, park: Any) -> bool:
    """May ``user`` import into or see the aggregate pages of ``park``?"""
    return may(user, "change", park)
