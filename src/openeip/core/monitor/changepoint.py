"""Change-point baselines over a temperature driver (ASHRAE Guideline 14 / the Inverse Modeling
Toolkit): the use is flat on one side of a balance temperature and linear on the other.

With :math:`T` the period's mean temperature, :math:`(x)^+ = \\max(x, 0)` and balance points
:math:`T_h \\le T_c`:

=========  ================================================================  ==============
kind       model                                                             p (fitted)
=========  ================================================================  ==============
``3PH``    :math:`y = b_0 + b_h (T_h - T)^+`, :math:`b_h > 0` (heating)         3
``3PC``    :math:`y = b_0 + b_c (T - T_c)^+`, :math:`b_c > 0` (cooling)         3
``4P``     :math:`y = b_0 + b_h (T_b - T)^+ + b_c (T - T_b)^+` (any signs)      4
``5P``     :math:`y = b_0 + b_h (T_h - T)^+ + b_c (T - T_c)^+`, both > 0,       5
           :math:`T_h < T_c`
=========  ================================================================  ==============

The balance points are found by a grid search (``data/monitor/change_point.csv``: a coarse grid
of ``grid_step`` in the driver's unit, then ``refine_step`` within one coarse step of the best
point): at each candidate the coefficients are the OLS fit and the candidate kept is the one
with the least RMSE (the least Σ(y − ŷ)², as n and p are fixed within a kind). A candidate must
leave ``min_points_per_slope`` periods on each side. The chosen balance points are then fitted
once more by statsmodels' OLS for the coefficients, t-statistics and p-values (which, as in the
Toolkit, treat the balance points as known, so they are somewhat optimistic); CV(RMSE) and
NMBE charge the balance points as parameters (:math:`p` above). The kinds are candidates beside
the multiple-regression models of :func:`openeip.core.monitor.fit_all` and are chosen by the
same acceptance rules.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from openeip.core.catalogues._table import read_table
from openeip.core.errors import CatalogueError

if TYPE_CHECKING:
    from openeip.core.monitor.baseline import Model

__all__ = ["KINDS", "ChangePointSettings", "change_point_models", "hinge", "settings"]

KINDS = ("3PH", "3PC", "4P", "5P")
HEATING, COOLING = "heating", "cooling"


@dataclass(frozen=True, slots=True)
class ChangePointSettings:
    grid_step: float
    refine_step: float
    min_points_per_slope: int
    source: str


@lru_cache(maxsize=1)
def settings() -> ChangePointSettings:
    """The grid of ``data/monitor/change_point.csv``."""
    rows = {row["setting"]: row for row in read_table("monitor/change_point.csv").rows}
    try:
        return ChangePointSettings(
            float(rows["grid_step"]["value"]), float(rows["refine_step"]["value"]),
            int(float(rows["min_points_per_slope"]["value"])),
            "; ".join("{}: {} ({})".format(k, r["source"], r["verification"])
                      for k, r in sorted(rows.items())))
    except KeyError as missing:
        raise CatalogueError("change_point.csv lacks the setting {}".format(missing)) from None


def hinge(temperature: str, side: str) -> str:
    """The coefficient key of a change-point term, e.g. ``T:cooling``."""
    return "{}:{}".format(temperature, side)


def _columns(t: np.ndarray, kind: str, low: float, high: float) -> dict[str, np.ndarray]:
    """The hinge columns of ``kind`` at balance points ``low`` (heating) and ``high``."""
    heat = np.maximum(low - t, 0.0)
    cool = np.maximum(t - high, 0.0)
    if kind == "3PH":
        return {HEATING: heat}
    if kind == "3PC":
        return {COOLING: cool}
    return {HEATING: heat, COOLING: cool}


def _ssr(y: np.ndarray, t: np.ndarray, kind: str, low: float, high: float
         ) -> tuple[float, np.ndarray] | None:
    columns = _columns(t, kind, low, high)
    design = np.column_stack([np.ones(len(y)), *columns.values()])
    if np.linalg.matrix_rank(design) < design.shape[1]:
        return None
    coef, *_rest = np.linalg.lstsq(design, y, rcond=None)
    residuals = y - design @ coef
    return float(residuals @ residuals), coef


def _signs_ok(kind: str, coef: np.ndarray) -> bool:
    if kind == "4P":
        return True
    return bool(np.all(coef[1:] > 0))


def _enough(t: np.ndarray, kind: str, low: float, high: float, k: int) -> bool:
    below, above = int((t < low).sum()), int((t > high).sum())
    if kind == "3PH":
        return below >= k and len(t) - below >= k
    if kind == "3PC":
        return above >= k and len(t) - above >= k
    return below >= k and above >= k


def _candidates(kind: str, points: Iterable[float]) -> Iterable[tuple[float, float]]:
    values = sorted(set(points))
    if kind == "5P":
        return ((a, b) for a, b in itertools.combinations(values, 2))
    return ((v, v) for v in values)


def _search(y: np.ndarray, t: np.ndarray, kind: str, points: Iterable[float], k: int
            ) -> tuple[float, float, float] | None:
    best: tuple[float, float, float] | None = None
    for low, high in _candidates(kind, points):
        if not _enough(t, kind, low, high, k):
            continue
        found = _ssr(y, t, kind, low, high)
        if found is None or not _signs_ok(kind, found[1]):
            continue
        if best is None or found[0] < best[0] - 1e-12 * max(1.0, best[0]):
            best = (found[0], low, high)
    return best


def _grid(lo: float, hi: float, step: float) -> list[float]:
    first, last = math.ceil(lo / step), math.floor(hi / step)
    return [round(i * step, 10) for i in range(first, last + 1)]


def balance_points(y: Sequence[float], temperature: Sequence[float], kind: str
                   ) -> tuple[float, float] | None:
    """The balance points (heating, cooling; equal for 3P and 4P) of the least RMSE, or None
    when no candidate leaves enough periods on each slope with the slopes' required signs."""
    if kind not in KINDS:
        raise ValueError("unknown change-point model {!r}; use {}".format(kind, ", ".join(KINDS)))
    cfg = settings()
    target, t = np.asarray(y, dtype=float), np.asarray(temperature, dtype=float)
    if len(t) == 0:
        return None
    coarse = _grid(float(t.min()), float(t.max()), cfg.grid_step)
    best = _search(target, t, kind, coarse, cfg.min_points_per_slope)
    if best is None:
        return None
    _ssr0, low, high = best
    fine = set()
    for centre in {low, high}:
        fine.update(_grid(centre - cfg.grid_step, centre + cfg.grid_step, cfg.refine_step))
    refined = _search(target, t, kind, sorted(fine | set(coarse)), cfg.min_points_per_slope)
    if refined is not None and refined[0] <= best[0]:
        best = refined
    return best[1], best[2]


def change_point_models(y: Sequence[float], temperature: Sequence[float], driver: str,
                        interval: str = "month") -> list[Model]:
    """Every change-point kind that can be fitted on ``y`` over the ``driver``'s temperatures,
    as :class:`openeip.core.monitor.Model` objects (``kind``, ``balance_points`` set)."""
    from openeip.core.monitor.baseline import fit

    models: list[Model] = []
    t = np.asarray(temperature, dtype=float)
    for kind in KINDS:
        found = balance_points(y, temperature, kind)
        if found is None:
            continue
        low, high = found
        columns = {hinge(driver, side): values
                   for side, values in _columns(t, kind, low, high).items()}
        extra = 1 if kind != "5P" else 2
        model = fit(y, {k: list(v) for k, v in columns.items()}, True, interval,
                    extra_parameters=extra)
        if model is None:
            continue
        points = {HEATING: low} if kind == "3PH" else (
            {COOLING: high} if kind == "3PC" else {HEATING: low, COOLING: high})
        models.append(replace(model, drivers=(driver,), kind=kind, balance_points=points))
    return models
