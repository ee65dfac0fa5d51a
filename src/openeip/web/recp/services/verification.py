"""Did the option deliver? Its flows measured in a period before and one after implementation.

For each flow an option saves, with :math:`q_b`, :math:`q_a` its totals (base unit) in the
periods before and after, :math:`P_b`, :math:`P_a` the company's production in them (when all
its products are counted in one dimension) and :math:`S` the evaluated yearly saving:

.. math::

    \\Delta q = q_b - q_a, \\qquad
    \\Delta q_{prod} = \\Big(\\frac{q_b}{P_b} - \\frac{q_a}{P_a}\\Big) P_a, \\qquad
    S_{period} = S \\cdot \\frac{m}{12}

where :math:`m` is 12 for years and 1 for months. :math:`\\Delta q_{prod}` removes the effect of
producing more or less; the share achieved is :math:`\\Delta q / S_{period}`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core import domain, ghg
from openeip.core.errors import DomainError
from openeip.core.units import to_base
from openeip.web.recp.models import AssessmentOption, OptionStatus
from openeip.web.recp.models.assessments import describe_option
from openeip.web.recp.services import data, periods
from openeip.web.recp.services.evaluation import CompanyContext
from openeip.web.recp.services.savings import resolve_savings
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.models.series import grid_overrides_for
from openeip.web.registry.services import audit

__all__ = ["verify"]

_VERIFIABLE = (OptionStatus.IMPLEMENTED, OptionStatus.VERIFIED)


def _check_periods(before: domain.ReportingPeriod, after: domain.ReportingPeriod) -> None:
    if (before.month is None) != (after.month is None):
        raise DomainError(_("Compare like with like: {before} and {after} are not both years or "
                            "both months.").format(before=before, after=after), "after")
    if not before < after:
        raise DomainError(_("The period after implementation ({after}) must come after the "
                            "period before it ({before}).").format(before=before, after=after),
                          "after")


def _production(products: Sequence[domain.Product]) -> float | None:
    """Total production in its base unit, or None when products are counted in several
    dimensions (t and pieces cannot be added) or there are none."""
    totals: dict[str, float] = {}
    for product in products:
        value, unit = to_base(product.quantity)
        totals[unit] = totals.get(unit, 0.0) + value
    return next(iter(totals.values())) if len(totals) == 1 else None


def _total(flows: Sequence[domain.ResourceFlow], key: tuple[Any, ...]) -> float:
    return math.fsum(f.base_quantity for f in flows
                     if (f.direction, f.kind, f.description) == key)


def _line(key: tuple[Any, ...], unit: str, flows: tuple[list[Any], list[Any]],
          production: tuple[float | None, float | None], expected: float | None
          ) -> dict[str, Any]:
    before, after = _total(flows[0], key), _total(flows[1], key)
    made_before, made_after = production
    adjusted = None
    if made_before and made_after:
        adjusted = (before / made_before - after / made_after) * made_after
    change = before - after
    return {"description": key[2], "kind": key[1].value, "direction": key[0].value,
            "unit": unit, "before": before, "after": after, "change": change,
            "change_at_same_production": adjusted, "expected": expected,
            "share_of_expected": change / expected if expected else None}


def verify(option: AssessmentOption, before: domain.ReportingPeriod,
           after: domain.ReportingPeriod, user: Any, via: str = "web") -> AssessmentOption:
    """Measure the option's flows before and after; store and audit the result.

    DomainError names ``status`` (only implemented options are verified), ``before``/``after``
    (no data, not comparable, in the wrong order) or ``savings`` (nothing to measure).
    """
    if option.status not in _VERIFIABLE:
        raise DomainError(_("Only an implemented option can be verified; this one is {status}.")
                          .format(status=OptionStatus(option.status).label), "status")
    company = option.assessment.company
    _check_periods(before, after)
    before_row = periods.period_with_data(company, before, "before")
    after_row = periods.period_with_data(company, after, "after")
    context = CompanyContext.of(option.assessment)
    savings = resolve_savings(option.savings, context.flows, context.year)
    if not savings:
        raise DomainError(_("The option names no saving to measure; give its savings first."),
                          "savings")
    months = 1 if before.month else 12
    flows = (data.company_flows(company, before), data.company_flows(company, after))
    production = (_production(data.company_products(company, before)),
                  _production(data.company_products(company, after)))
    lines = []
    for saving in savings:
        key = (saving.flow.direction, saving.flow.kind, saving.flow.description)
        expected = saving.base_quantity * months / 12
        lines.append(_line(key, saving.base_unit, flows, production, expected))
    keys = {(s.flow.direction, s.flow.kind, s.flow.description) for s in savings}
    gas = [ghg.inventory([f for f in part if (f.direction, f.kind, f.description) in keys],
                         gwp=option.assessment.gwp_set,
                         grid_overrides=grid_overrides_for(company.park)) for part in flows]
    measured = {
        "before": before.label(), "after": after.label(), "lines": lines,
        "ghg_tco2e": {"before": gas[0].totals.total_tco2e, "after": gas[1].totals.total_tco2e,
                      "change": gas[0].totals.total_tco2e - gas[1].totals.total_tco2e},
        "production": {"before": production[0], "after": production[1]},
        "gwp_set": option.assessment.gwp_set,
        "factor_versions": {**gas[0].factor_versions, **gas[1].factor_versions},
    }
    with transaction.atomic():
        previous = option.measured_change.get("before"), option.measured_change.get("after")
        option.verification_before, option.verification_after = before_row, after_row
        option.measured_change = measured
        option.save(update_fields=["verification_before", "verification_after",
                                   "measured_change", "updated_at"])
        audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE, company=company,
                    object_type="recp_option", object_key=describe_option(option),
                    changes={"verification": [list(previous), [before.label(),
                                                               after.label()]]}).save()
    return option
