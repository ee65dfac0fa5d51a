"""Who sees what of the training records (declared on each model with
``openeip.web.base.access.Owner``; the trainer persona is this app's own ``rule``).

* the course catalogue and the sessions' public facts (course, dates, mode, seats left) —
  everyone, read from the plain managers by the public pages;
* the sessions a user *runs* (``Session.objects.for_user``: roster, attendance, certificates) —
  the platform admin, the managers of the session's park, its trainer and the park's trainers;
* a registration or certificate — those, plus the roles on the registered person's company
  (its members, its park's managers, a consultant with a grant in force: its training record)
  and whoever registered the person;
* an invitation — the roles on the invited company, and the session's runners.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q


def _trainer_parks(user: Any) -> Any:
    from django.apps import apps

    return apps.get_model("training", "Trainer").objects.filter(user=user).values("park_id")


def _managed_parks(user: Any) -> Any:
    from django.apps import apps

    return apps.get_model("registry", "ParkManager").objects.filter(user=user).values("park_id")


def runs_session(user: Any, prefix: str = "") -> Q:
    """Rows (sessions, or reached through ``prefix``) of sessions ``user`` runs."""
    return (Q(**{prefix + "park_id__in": _trainer_parks(user)})
            | Q(**{prefix + "park_id__in": _managed_parks(user)})
            | Q(**{prefix + "trainer": user}))


def session_rule(user: Any, action: str) -> Q:
    return runs_session(user)


def registration_rule(user: Any, action: str) -> Q:
    return runs_session(user, "session__") | Q(registered_by=user)


def certificate_rule(user: Any, action: str) -> Q:
    return runs_session(user, "registration__session__") | Q(registration__registered_by=user)


def invitation_rule(user: Any, action: str) -> Q:
    return runs_session(user, "session__")


def trainer_rule(user: Any, action: str) -> Q:
    return Q(user=user)
