"""Targets per KPI and their traffic lights.

A KPI is a meter's use per period, or per unit of a driver (an intensity: kWh per t). The light
of a period is

* ``red`` — the KPI is above its limit (on the data there is: missing readings can only make
  use higher, so a breach on partial data is a breach);
* ``amber`` — within the limit but the readings cover less than the minimum share of the period
  (``min_coverage_pct`` of data/monitor/quality.csv): the figure may still rise;
* ``green`` — within the limit on sufficiently covered data;
* ``grey`` — no figure (no readings, or a driver of zero).

No other threshold is invented: "nearly breached" bands are the user's to set as a second,
lower target.
"""

from __future__ import annotations

from dataclasses import dataclass

from openeip.core.monitor._settings import setting

__all__ = ["Light", "light"]


@dataclass(frozen=True, slots=True)
class Light:
    colour: str
    kpi: float | None
    limit: float
    coverage: float


def light(use: float | None, limit: float, coverage: float, interval: str = "month",
          driver: float | None = None, per_driver: bool = False) -> Light:
    """The light of one period: ``use`` of the meter, ``driver`` when the KPI is an
    intensity, ``coverage`` 0–1 of the period by readings."""
    kpi: float | None = use
    if per_driver:
        kpi = use / driver if use is not None and driver else None
    if kpi is None or coverage <= 0:
        return Light("grey", None, limit, coverage)
    if kpi > limit:
        return Light("red", kpi, limit, coverage)
    minimum = setting("min_coverage_pct", interval).value / 100
    return Light("green" if coverage >= minimum else "amber", kpi, limit, coverage)
