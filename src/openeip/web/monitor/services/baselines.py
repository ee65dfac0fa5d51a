"""Baselines kept: the chosen model of a fit, the models tried and why, audited."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from openeip.core.i18n import to_json
from openeip.web.monitor.models import Baseline
from openeip.web.monitor.services.analysis import Fit
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit

__all__ = ["finite", "store"]


def finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite(v) for v in value]
    return value


def store(fit: Fit, user: Any = None, via: str = "web") -> Baseline:
    model = fit.selection.chosen
    stats = {"coefficients": model.coefficients, "t_stats": model.t_stats,
             "p_values": model.p_values, "r2": model.r2, "cv_rmse_pct": model.cv_rmse_pct,
             "nmbe_pct": model.nmbe_pct, "n": model.n, "p": model.p, "rho": model.rho,
             "label": model.label(), "left_out": len(fit.periods) - sum(fit.used),
             "kind": model.kind, "balance_points": model.balance_points}
    row = Baseline.objects.create(
        meter=fit.meter, interval=fit.interval, start=fit.start.date(),
        end=(fit.end - dt.timedelta(days=1)).date(), drivers=[d.code for d in fit.drivers],
        model=finite(stats), candidates=finite(fit.as_dict()["candidates"]),
        explanation=to_json(fit.selection.reason), accepted=model.accepted,
        created_by=user if user is not None and user.is_authenticated else None)
    audit.entry(user=user, via=via, action=AuditEntry.Action.CREATE, company=fit.meter.company,
                object_type="meter_baseline",
                object_key="{} {} #{}".format(fit.meter.park.slug, fit.meter.code, row.pk),
                changes={"cv_rmse_pct": [None, round(model.cv_rmse_pct, 2)],
                         "nmbe_pct": [None, round(model.nmbe_pct, 2)]}).save()
    return row
