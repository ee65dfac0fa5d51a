"""An implemented RECP option verified by a meter (IPMVP Option C, ASHRAE Guideline 14).

The meter's baseline, fitted on a period before the option, predicts what the meter would have
read without it over a reporting period after; savings = Σ predicted − Σ metered, with their
fractional uncertainty. The result is written into the option's measured change through
:func:`openeip.web.recp.services.verification.record_metered` (monitor imports recp, never the
other way round), so the option may then move to "verified" by the RECP workflow, and the RECP
sheet and report show it. The link is kept as an :class:`OptionVerification`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core import domain, ghg
from openeip.core.errors import DomainError, UnitError
from openeip.core.units import Quantity, quantity, ureg
from openeip.web.monitor.models import Meter, OptionVerification
from openeip.web.monitor.services import analysis, baselines
from openeip.web.recp.models import AssessmentOption
from openeip.web.recp.services.verification import record_metered
from openeip.web.registry.models.series import grid_overrides_for

__all__ = ["verify_option"]

_SOURCE = {"electricity": "grid", "water": "supplier"}


def _label(first: dt.date, last: dt.date) -> str:
    return "{} – {}".format(first.isoformat(), last.isoformat())


def _expected(option: AssessmentOption, meter: Meter, days: float) -> float | None:
    """The option's evaluated yearly saving of the meter's flow, in the meter's unit, for
    ``days`` days; None when the option names no saving of that flow."""
    total = 0.0
    found = False
    for saving in option.savings or []:
        if saving.get("description") != meter.flow_description:
            continue
        try:
            factor = float(Quantity(1.0, ureg.parse_units(str(saving.get("unit")))).to(
                meter.unit).magnitude)
        except Exception:  # noqa: BLE001 - pint raises many kinds; a unit that does not fit
            continue
        total += float(saving.get("quantity") or 0) * factor
        found = True
    return total * days / 365 if found else None


def _ghg(meter: Meter, option: AssessmentOption, year: int, predicted: float, actual: float
         ) -> dict[str, float | None]:
    empty: dict[str, float | None] = {"before": None, "after": None, "change": None}
    if meter.company is None or meter.flow_kind not in ("energy", "water"):
        return empty
    try:
        flows = [domain.ResourceFlow(
            meter.company.code, domain.ReportingPeriod(year), domain.Direction.INPUT,
            domain.FlowKind(meter.flow_kind), meter.flow_description or meter.name,
            quantity(value, meter.unit), source=_SOURCE.get(meter.resource, ""))
            for value in (predicted, actual)]
        totals = [ghg.inventory([flow], gwp=option.assessment.gwp_set,
                                grid_overrides=grid_overrides_for(meter.park)).totals
                  .total_tco2e for flow in flows]
    except (DomainError, UnitError, ValueError):
        return empty
    return {"before": totals[0], "after": totals[1], "change": totals[0] - totals[1]}


def verify_option(option: AssessmentOption, meter: Meter, baseline: tuple[dt.date, dt.date],
                  reporting: tuple[dt.date, dt.date], drivers: Sequence[Meter],
                  interval: str = "month", user: Any = None, via: str = "web",
                  confidence: float = 0.68) -> OptionVerification:
    """Fit the meter's baseline, compute the savings of the reporting period and write them
    into the option (DomainError when the meter is not the option's company's, the data are
    not sufficient or the option is not implemented)."""
    company = option.assessment.company
    if meter.company_id not in (None, company.pk) or meter.park_id != company.park_id:
        raise DomainError(_("Meter {code} does not belong to {company} or its park.").format(
            code=meter.code, company=company.code), "meter")
    result = analysis.verify_savings(meter, baseline, reporting, drivers, interval, confidence)
    saved = result.savings
    model = result.fit.selection.chosen
    days = (result.end - result.start).total_seconds() / 86400
    expected = _expected(option, meter, days)
    line = {"description": meter.flow_description or meter.name,
            "kind": meter.flow_kind or meter.resource, "direction": "input",
            "unit": meter.unit, "before": saved.predicted, "after": saved.actual,
            "change": saved.savings, "change_at_same_production": saved.savings,
            "expected": expected,
            "share_of_expected": saved.savings / expected if expected else None}
    measured = {
        "method": "metered",
        "before": _label(*baseline), "after": _label(*reporting), "lines": [line],
        "ghg_tco2e": _ghg(meter, option, reporting[0].year, saved.predicted, saved.actual),
        "production": {"before": None, "after": None},
        "gwp_set": option.assessment.gwp_set,
        "meter": {"code": meter.code, "name": meter.name, "model": model.label(),
                  "interval": interval, "accepted": model.accepted, "r2": model.r2,
                  "cv_rmse_pct": model.cv_rmse_pct, "nmbe_pct": model.nmbe_pct,
                  "savings_pct": saved.savings_pct, "fsu_pct": saved.fsu_pct,
                  "confidence_pct": confidence * 100,
                  "non_routine_adjustments": saved.adjustments,
                  "periods_left_out": len(result.periods) - sum(result.used)},
    }
    with transaction.atomic():
        stored = baselines.store(result.fit, user, via)
        record_metered(option, baselines.finite(measured), user, via)
        return OptionVerification.objects.create(
            option=option, meter=meter, baseline=stored, start=reporting[0],
            end=reporting[1], result=baselines.finite({k: v for k, v in result.as_dict().items()
                                      if k in ("predicted", "actual", "savings", "savings_pct",
                                               "fsu_pct", "confidence_pct", "model",
                                               "accepted")}))
