"""The brokerage pipeline: status moves, each side's reveal, realised quantities — all audited.

* status moves go through :func:`openeip.web.base.workflow.transition` (the opportunity's
  :data:`~openeip.web.symbiosis.models.WORKFLOW`): from *agreed* on both firms must have
  revealed themselves (an agreement between strangers is not one);
* :func:`reveal` sets one side's flag; the user must be entitled to change that side's company.
  The counterpart is named to a firm only once both flags are set.
* :func:`record_quantity` stores what really flowed in a month (1–12) or a whole year (0) of an
  exchange that is operating or has ended, in the exchange's unit.

Every change writes an audit entry under each side's company, so both firms' trails show it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.base.workflow import audit
from openeip.web.registry.models import Company
from openeip.web.symbiosis.models import (
    RECORDABLE,
    ExchangeRecord,
    Opportunity,
    OpportunityStatus,
)

SIDES = ("supplier", "receiver")


def status_label(status: str) -> str:
    return str(OpportunityStatus(status).label)


def _locked(opportunity: Opportunity) -> Opportunity:
    return (Opportunity.objects.select_for_update(of=("self",))
            .select_related("supply__company", "demand__company").get(pk=opportunity.pk))


def sides_user_may_act_for(opportunity: Opportunity, user: Any) -> list[str]:
    """'supplier' and/or 'receiver': the sides whose company ``user`` may change."""
    allowed = set(Company.objects.for_user(user, "change").filter(
        pk__in=(opportunity.supply.company_id, opportunity.demand.company_id))
        .values_list("pk", flat=True))
    return [side for side, company_id in zip(
        SIDES, (opportunity.supply.company_id, opportunity.demand.company_id), strict=True)
        if company_id in allowed]


def reveal(opportunity: Opportunity, side: str, user: Any, via: str = "web",
           revealed: bool = True, *, system: bool = False) -> Opportunity:
    """Set (or withdraw, before both have revealed) one side's consent to be named.

    ``system=True`` is for the command line and the demo (no signed-in user): the side check is
    skipped; pages and the API never pass it.
    """
    if side not in SIDES:
        raise DomainError(_("Say which side reveals itself: {sides}.").format(
            sides=", ".join(SIDES)), "side")
    with transaction.atomic():
        locked = _locked(opportunity)
        if not system and side not in sides_user_may_act_for(locked, user):
            raise DomainError(_("You may not act for the {side} of this exchange.").format(
                side=side_label(side)), "side")
        field = "supplier_revealed" if side == "supplier" else "receiver_revealed"
        before = getattr(locked, field)
        if before and not revealed and locked.revealed:
            raise DomainError(_("Both firms have already been named to each other; that cannot "
                                "be taken back."), "side")
        if before != revealed:
            setattr(locked, field, revealed)
            locked.save(update_fields=[field, "updated_at"])
            audit(locked, user, via, {field: [before, revealed]})
    opportunity.supplier_revealed = locked.supplier_revealed
    opportunity.receiver_revealed = locked.receiver_revealed
    return opportunity


def side_label(side: str) -> str:
    return _("supplier") if side == "supplier" else _("receiver")


def record_quantity(opportunity: Opportunity, year: int, month: int, quantity: float,
                    user: Any, via: str = "web", note: str = "") -> ExchangeRecord:
    """Store (or replace) the quantity that flowed in ``year``/``month`` (0 = whole year)."""
    if opportunity.status not in RECORDABLE or not opportunity.revealed:
        # an exchange that ended before both firms were named never flowed: a figure recorded on
        # it would tell the other firm a quantity while it is still anonymous
        raise DomainError(_("Realised quantities are recorded once the exchange is operating."),
                          "status")
    if not 1990 <= int(year) <= 2100:
        raise DomainError(_("Give the year as four digits, e.g. 2024."), "year")
    if not 0 <= int(month) <= 12:
        raise DomainError(_("Give the month as 1–12, or 0 for the whole year."), "month")
    if quantity is None or float(quantity) < 0:
        raise DomainError(_("The quantity must be zero or more."), "quantity")
    with transaction.atomic():
        locked = _locked(opportunity)
        record = ExchangeRecord.objects.filter(opportunity=locked, year=year,
                                               month=month).first()
        before = record.quantity if record else None
        if record is not None and (record.quantity, record.note) == (float(quantity),
                                                                     note[:200]):
            return record   # the same figure again: nothing to write or audit
        if record is None:
            record = ExchangeRecord(opportunity=locked, year=year, month=month)
        record.quantity = float(quantity)
        record.unit = locked.unit
        record.note = note[:200]
        record.entered_by = user if user is not None and user.is_authenticated else None
        record.save()
        audit(locked, user, via, {"realised_{}-{:02d}".format(year, month):
                                   [before, record.quantity]})
    return record
