"""The one audited status workflow: allowed moves only, checked under a row lock, each written
to the audit trail of every company concerned.

A model declares its workflow once::

    class AssessmentOption(models.Model):
        status = models.CharField(choices=OptionStatus.choices, ...)
        workflow = Workflow(statuses=OptionStatus, transitions=TRANSITIONS,
                            object_type="recp_option", describe=describe,
                            companies=lambda option: [option.assessment.company],
                            approve={OptionStatus.APPROVED}, check=_check)

and every status change goes through :func:`transition` (pages, API, CLI, demo alike):

1. the row is locked (``SELECT … FOR UPDATE``) so two moves cannot interleave;
2. the target must be a status, reachable from the current one (``transitions``);
3. a target in ``approve`` needs the ``approve`` right of :mod:`openeip.web.base.access` (a
   consultant prepares, the company or its park decides);
4. a move listed in ``movers`` needs one of its roles, as ``roles(user, obj)`` finds them (a
   finance project: the company prepares, the lender appraises, the consultant verifies);
5. the model's own ``check`` (e.g. "evaluate before marking studied") may refuse it;
6. the status is saved and one audit entry per company concerned records ``[before, after]``
   and the note.

Every refusal is a :class:`~openeip.core.errors.DomainError` on field ``status`` saying why and
what is allowed instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openeip.core.errors import DomainError
from openeip.web.base.access import may, visible


def _no_companies(obj: Any) -> Iterable[Any]:
    return ()


@dataclass(frozen=True)
class Workflow:
    """The allowed moves of a status field and what each needs (see the module docstring)."""

    statuses: type[models.TextChoices]
    transitions: Mapping[str, tuple[str, ...]]
    object_type: str
    describe: Callable[[Any], str]
    companies: Callable[[Any], Iterable[Any]] = _no_companies
    check: Callable[[Any, str], None] | None = None
    approve: frozenset[str] = frozenset()
    field: str = "status"
    related: tuple[str, ...] = ()
    #: (from, to) → the roles that may take that move; ``roles(user, obj)`` → the roles ``user``
    #: holds for ``obj``; ``role_names`` words each role in refusals. A move not listed needs no
    #: role (beyond ``approve`` and the view/change right the page or API checked).
    movers: Mapping[tuple[str, str], tuple[str, ...]] = dataclasses.field(default_factory=dict)
    roles: Callable[[Any, Any], set[str]] | None = None
    role_names: Mapping[str, str | Promise] = dataclasses.field(default_factory=dict)
    #: wording of the refusals, kept per model so each names its own kind of object
    not_a_status: str | Promise = gettext_lazy(
        "'{status}' is not a status here; use one of: {codes}.")
    cannot_move: str | Promise = gettext_lazy(
        "Something that is {current} cannot become {target}; from {current} it may become: "
        "{allowed}.")
    not_your_move: str | Promise = gettext_lazy(
        "You may not make it {target}: that step belongs to {roles}.")

    def allowed_next(self, status: str) -> tuple[str, ...]:
        return tuple(self.transitions.get(status, ()))

    def label(self, status: str) -> str:
        return str(self.statuses(status).label)

    def refusal(self, obj: Any, to_status: str) -> DomainError | None:
        """Why ``obj`` may not move to ``to_status`` (None when it may), before any right."""
        if to_status not in self.statuses.values:
            return DomainError(str(self.not_a_status).format(
                status=to_status, codes=", ".join(self.statuses.values)), self.field)
        current = getattr(obj, self.field)
        allowed = self.allowed_next(current)
        if to_status not in allowed:
            return DomainError(str(self.cannot_move).format(
                current=self.label(current), target=self.label(to_status),
                allowed=", ".join(self.label(s) for s in allowed) or _("nothing (it is final)")),
                self.field)
        return None

    def may_move(self, user: Any, obj: Any, current: str, to_status: str,
                 held: set[str] | None = None) -> bool:
        """Does ``user`` hold a role of the move (always, for a move ``movers`` does not list)?
        ``held``: the user's roles for ``obj`` when already known."""
        needed = self.movers.get((current, to_status))
        if not needed or user is None or self.roles is None:
            return True
        return bool((self.roles(user, obj) if held is None else held) & set(needed))

    def not_yours(self, current: str, to_status: str) -> DomainError:
        roles = self.movers.get((current, to_status), ())
        return DomainError(str(self.not_your_move).format(
            target=self.label(to_status),
            roles=", ".join(str(self.role_names.get(role, role)) for role in roles)), self.field)


def workflow_of(obj: Any) -> Workflow:
    declared = getattr(type(obj), "workflow", None)
    if not isinstance(declared, Workflow):
        raise TypeError("{} declares no workflow = Workflow(...)".format(type(obj).__name__))
    return declared


def moves_for(obj: Any, user: Any, approvable: Collection[Any] | None = None) -> tuple[str, ...]:
    """The statuses ``user`` may move ``obj`` to now (what a page offers as buttons); the
    model's own ``check`` still runs when the move is asked for. ``approvable``: the keys of
    the rows ``user`` may approve, from :func:`approvable` (one query for a whole list)."""
    flow = workflow_of(obj)
    current = getattr(obj, flow.field)
    allowed = flow.allowed_next(current)
    if any(status in flow.approve for status in allowed) and not (
            obj.pk in approvable if approvable is not None else may(user, "approve", obj)):
        allowed = tuple(status for status in allowed if status not in flow.approve)
    if flow.movers and flow.roles is not None and user is not None:
        held = flow.roles(user, obj)
        allowed = tuple(status for status in allowed
                        if flow.may_move(user, obj, current, status, held))
    return allowed


def approvable(rows: Iterable[Any], user: Any) -> set[Any]:
    """The keys of ``rows`` (one model) that ``user`` may approve, in one query."""
    rows = list(rows)
    if not rows:
        return set()
    return set(visible(type(rows[0]), user, "approve").filter(
        pk__in=[row.pk for row in rows]).values_list("pk", flat=True))


def transition(obj: Any, to_status: str, user: Any, via: str = "web", note: str = "",
               check: Callable[[Any, str], None] | None = None) -> Any:
    """Move ``obj`` to ``to_status`` or raise DomainError(field 'status') saying why not.

    ``user=None`` is the system itself (the command line, the demo, a scheduled escalation):
    no right is checked. Pages and the API always pass the signed-in user. ``check`` is a
    further condition of the calling service (one that needs the app's services, which the
    model may not import), run under the same lock after the model's own.
    """
    flow = workflow_of(obj)
    model = type(obj)
    with transaction.atomic():
        locked = (model._default_manager.select_for_update(of=("self",))
                  .select_related(*flow.related).get(pk=obj.pk))
        refused = flow.refusal(locked, to_status)
        if refused is not None:
            raise refused
        if to_status in flow.approve and user is not None and not may(user, "approve",
                                                                     locked):
            raise DomainError(_("Only the company itself or its park's managers may make it "
                                "{target}; a consultant prepares the decision.").format(
                                    target=flow.label(to_status)), flow.field)
        current = getattr(locked, flow.field)
        if not flow.may_move(user, locked, current, to_status):
            raise flow.not_yours(current, to_status)
        if flow.check is not None:
            flow.check(locked, to_status)
        if check is not None:
            check(locked, to_status)
        before = getattr(locked, flow.field)
        setattr(locked, flow.field, to_status)
        fields = [flow.field] + [f.name for f in model._meta.concrete_fields
                                 if f.name == "updated_at"]
        locked.save(update_fields=fields)
        changes: dict[str, Any] = {flow.field: [before, to_status]}
        if note:
            changes["note"] = note[:500]
        audit(locked, user, via, changes)
    for name in [flow.field, "updated_at"]:
        if hasattr(locked, name):
            setattr(obj, name, getattr(locked, name))
    return obj


def audit(obj: Any, user: Any, via: str, changes: dict[str, Any]) -> None:
    """One audit entry per company concerned (one without a company for park-level rows)."""
    flow = workflow_of(obj)
    entry = apps.get_model("registry", "AuditEntry")
    companies = {company.pk: company for company in flow.companies(obj)} or {None: None}
    entry.objects.bulk_create([
        entry(user=user if user is not None and user.is_authenticated else None, via=via,
              action="update", company=company, object_type=flow.object_type,
              object_key=flow.describe(obj)[:300], changes=changes)
        for company in companies.values()])
