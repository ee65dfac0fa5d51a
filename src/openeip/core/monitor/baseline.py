"""Baselines by ordinary least squares over every combination of the chosen drivers, their
acceptance (ASHRAE Guideline 14), predicted vs actual, CUSUM and savings with their uncertainty.

For a baseline of :math:`n` periods with use :math:`y_i`, fitted values :math:`\\hat y_i`, mean
:math:`\\bar y` and :math:`p` fitted parameters (the drivers' coefficients plus the intercept
when there is one):

.. math::

    CV(RMSE) = \\frac{\\sqrt{\\sum_i (y_i - \\hat y_i)^2 / (n - p)}}{\\bar y} \\times 100, \\qquad
    NMBE = \\frac{\\sum_i (y_i - \\hat y_i)}{(n - p)\\,\\bar y} \\times 100, \\qquad
    R^2 = 1 - \\frac{\\sum_i (y_i - \\hat y_i)^2}{\\sum_i (y_i - \\bar y)^2}

:math:`R^2` is the centred one for every model, also those without intercept (statsmodels'
``rsquared`` is uncentred there, which would flatter them). A model is accepted when CV(RMSE)
and |NMBE| are within the limits of ``data/monitor/acceptance.csv`` for its interval
(Guideline 14: monthly 15 % / 5 %, hourly 30 % / 10 %).

Every combination of the drivers is fitted with an intercept, and (when it has at least one
driver) without; a fit is left out when its design matrix is rank-deficient or leaves no degree
of freedom. The chosen model is, among the accepted ones whose driver coefficients are all
significant (two-sided p < 0.10, the test DOE's VERIFI/EnPI applies), the one with the lowest
CV(RMSE) (which already charges each extra parameter through n − p); ties go to fewer
parameters. When no model passes, the lowest CV(RMSE) is shown, marked not accepted.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from openeip.core.i18n import Message, gettext_noop, message, render
from openeip.core.i18n import gettext as _
from openeip.core.monitor._settings import Acceptance, acceptance

__all__ = ["Model", "Savings", "Selection", "cusum", "fit", "fit_all", "predict", "savings"]

#: keys of a model's JSON that a driver id may not take
RESERVED = frozenset({"intercept", "r2", "cv_rmse_pct", "nmbe_pct", "n", "p", "accepted"})
SIGNIFICANCE = 0.10


@dataclass(frozen=True)
class Model:
    """One fitted OLS model: ``y = [intercept] + Σ coefficient[d] · x_d``."""

    drivers: tuple[str, ...]
    intercept: bool
    coefficients: dict[str, float]
    t_stats: dict[str, float]
    p_values: dict[str, float]
    r2: float
    cv_rmse_pct: float
    nmbe_pct: float
    n: int
    p: int
    accepted: bool
    interval: str
    #: lag-1 autocorrelation of the residuals, for the savings uncertainty
    rho: float
    residuals: tuple[float, ...] = field(repr=False)
    #: ``ols`` (multiple regression) or a change-point kind (3PH, 3PC, 4P, 5P: changepoint.py)
    kind: str = "ols"
    #: a change-point model's balance temperatures: ``heating`` and/or ``cooling``
    balance_points: dict[str, float] = field(default_factory=dict)

    @property
    def significant(self) -> bool:
        """Every driver's (or change-point slope's) coefficient is significant at p < 0.10."""
        return all(self.p_values[k] < SIGNIFICANCE for k in self.coefficients
                   if k != "intercept")

    def predict(self, drivers: Mapping[str, Sequence[float]], length: int | None = None
                ) -> list[float]:
        """The model's use for each period given its drivers' values (``length`` periods
        when the model has no driver)."""
        return predict(self.coefficients, drivers, length, self.balance_points)

    def as_dict(self) -> dict[str, Any]:
        """The model as the CLI's --json prints it: coefficients keyed ``intercept`` and by
        driver id, then the statistics."""
        out: dict[str, Any] = dict(self.coefficients)
        out.update(r2=self.r2, cv_rmse_pct=self.cv_rmse_pct, nmbe_pct=self.nmbe_pct, n=self.n,
                   p=self.p, accepted=self.accepted, interval=self.interval,
                   drivers=list(self.drivers), with_intercept=self.intercept,
                   t_stats=dict(self.t_stats), p_values=dict(self.p_values), rho=self.rho,
                   kind=self.kind)
        if self.balance_points:
            out["balance_points"] = dict(self.balance_points)
        return out

    def label(self) -> str:
        if self.kind != "ols":
            return "{} {} ({})".format(self.kind, " ".join(self.drivers), ", ".join(
                "{} {:g}".format(side, value) for side, value in self.balance_points.items()))
        terms = (["intercept"] if self.intercept else []) + list(self.drivers)
        return " + ".join(terms) if terms else "0"


def _term(key: str, balance_points: Mapping[str, float] | None) -> tuple[str, str | None]:
    """(driver, change-point side or None) of a coefficient key."""
    if balance_points:
        driver, _sep, side = key.rpartition(":")
        if driver and side in balance_points:
            return driver, side
    return key, None


def predict(coefficients: Mapping[str, float], drivers: Mapping[str, Sequence[float]],
            length: int | None = None, balance_points: Mapping[str, float] | None = None
            ) -> list[float]:
    """``intercept + Σ coefficient[d] · x_d`` for each period (a stored model's coefficients
    keyed ``intercept`` and by driver id); a change-point model's terms ``T:heating`` and
    ``T:cooling`` take ``(T_h − T)⁺`` and ``(T − T_c)⁺`` with its ``balance_points``."""
    names = [k for k in coefficients if k != "intercept"]
    size = length if length is not None else (
        len(drivers[_term(names[0], balance_points)[0]]) if names else 0)
    total = np.full(size, coefficients.get("intercept", 0.0), dtype=float)
    for key in names:
        driver, side = _term(key, balance_points)
        if driver not in drivers:
            raise ValueError(_("the values of driver '{driver}' are missing").format(
                driver=driver))
        values = np.asarray(drivers[driver], dtype=float)
        if len(values) != size:
            raise ValueError(_("driver '{driver}' has {got} values for {need} periods")
                             .format(driver=driver, got=len(values), need=size))
        if side is not None and balance_points is not None:
            point = balance_points[side]
            values = np.maximum(point - values, 0.0) if side == "heating" else np.maximum(
                values - point, 0.0)
        total = total + coefficients[key] * values
    return [float(v) for v in total]


@dataclass(frozen=True)
class Selection:
    """Every model fitted and the one chosen, with the reason (a Message: stored as such and
    worded in the reader's language when shown)."""

    models: tuple[Model, ...]
    chosen: Model
    reason: Message
    criteria: Acceptance

    @property
    def explanation(self) -> str:
        return render(self.reason)


def fit(y: Sequence[float], drivers: Mapping[str, Sequence[float]], intercept: bool = True,
        interval: str = "month", extra_parameters: int = 0) -> Model | None:
    """One OLS fit of ``y`` on every driver given; None when it cannot be fitted (rank-deficient
    design or n ≤ p). ``extra_parameters`` were fitted outside the OLS (a change-point model's
    balance points): they count in p."""
    target = np.asarray(y, dtype=float)
    n = len(target)
    names = tuple(drivers)
    columns = ([np.ones(n)] if intercept else []) + [np.asarray(drivers[d], dtype=float)
                                                     for d in names]
    if not columns:
        return None
    design = np.column_stack(columns)
    p = design.shape[1] + extra_parameters
    if n <= p or np.linalg.matrix_rank(design) < design.shape[1]:
        return None
    # statsmodels and scipy take ≈ 0.8 s to import: loaded when a model is fitted, not by every
    # command that only reads or imports readings
    from statsmodels.regression.linear_model import OLS

    result = OLS(target, design).fit()
    keys = (["intercept"] if intercept else []) + list(names)
    residuals = target - design @ np.asarray(result.params, dtype=float)
    ssr = float(residuals @ residuals)
    mean = float(target.mean())
    sst = float(((target - mean) ** 2).sum())
    cv = math.sqrt(ssr / (n - p)) / mean * 100 if mean else math.inf
    nmbe = float(residuals.sum()) / ((n - p) * mean) * 100 if mean else math.inf
    criteria = acceptance(interval)
    accepted = bool(cv <= criteria.max_cv_rmse_pct and abs(nmbe) <= criteria.max_abs_nmbe_pct)
    denominator = float(residuals @ residuals)
    rho = float(residuals[1:] @ residuals[:-1]) / denominator if denominator > 0 else 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        tvalues = [float(v) for v in np.asarray(result.tvalues, dtype=float)]
        pvalues = [float(v) for v in np.asarray(result.pvalues, dtype=float)]
    return Model(
        drivers=names, intercept=intercept,
        coefficients={k: float(v) for k, v in zip(keys, result.params, strict=True)},
        t_stats=dict(zip(keys, tvalues, strict=True)),
        p_values=dict(zip(keys, pvalues, strict=True)),
        r2=1 - ssr / sst if sst > 0 else math.nan, cv_rmse_pct=cv, nmbe_pct=nmbe, n=n, p=p,
        accepted=accepted, interval=interval, rho=rho,
        residuals=tuple(float(r) for r in residuals))


def fit_all(y: Sequence[float], drivers: Mapping[str, Sequence[float]],
            interval: str = "month", change_point: str | None = None) -> Selection:
    """Every combination of ``drivers`` with and without intercept; the chosen model explained.
    With ``change_point`` (the id of a temperature driver among ``drivers``) the change-point
    models over it (3PH, 3PC, 4P, 5P: :mod:`openeip.core.monitor.changepoint`) are candidates
    too, chosen by the same rules.

    ValueError when no model can be fitted (too few periods for any of them)."""
    names = list(drivers)
    clash = RESERVED & set(names)
    if clash:
        raise ValueError(_("a driver may not be called {names}").format(
            names=", ".join(sorted(clash))))
    if change_point is not None and change_point not in drivers:
        raise ValueError(_("the change-point driver '{driver}' is not among the drivers").format(
            driver=change_point))
    models = []
    for size in range(len(names) + 1):
        for combo in itertools.combinations(names, size):
            subset = {d: drivers[d] for d in combo}
            for intercept in (True, False):
                if not intercept and not combo:
                    continue
                model = fit(y, subset, intercept, interval)
                if model is not None:
                    models.append(model)
    if change_point is not None:
        from openeip.core.monitor.changepoint import change_point_models

        models.extend(change_point_models(y, drivers[change_point], change_point, interval))
    if not models:
        raise ValueError(_("no model can be fitted on {n} period(s); give more periods").format(
            n=len(y)))
    criteria = acceptance(interval)
    chosen, reason = _choose(models, criteria)
    return Selection(tuple(models), chosen, reason, criteria)


def _choose(models: Sequence[Model], criteria: Acceptance) -> tuple[Model, Message]:
    def order(m: Model) -> tuple[float, int]:
        return (m.cv_rmse_pct, m.p)

    good = [m for m in models if m.accepted and m.significant]
    limits = message(gettext_noop("CV(RMSE) ≤ {cv} %, |NMBE| ≤ {nmbe} %"),
                     cv=criteria.max_cv_rmse_pct, nmbe=criteria.max_abs_nmbe_pct)
    if good:
        best = min(good, key=order)
        return best, message(gettext_noop(
            "{label}: of {count} models fitted, {good} meet the acceptance criteria ({limits}; "
            "{source}) with every driver significant (p < 0.10); this one has the lowest "
            "CV(RMSE), {cv} %, with NMBE {nmbe} % and R² {r2}."),
            label=_label_message(best), count=len(models), good=len(good), limits=limits,
            source=criteria.source, cv=round(best.cv_rmse_pct, 2),
            nmbe=round(best.nmbe_pct, 2), r2=round(best.r2, 3))
    best = min(models, key=order)
    return best, message(gettext_noop(
        "{label}: none of the {count} models fitted meets the acceptance criteria ({limits}) "
        "with every driver significant; this one has the lowest CV(RMSE), {cv} % (NMBE "
        "{nmbe} %). It is NOT accepted: savings computed with it are indicative only."),
        label=_label_message(best), count=len(models), limits=limits,
        cv=round(best.cv_rmse_pct, 2), nmbe=round(best.nmbe_pct, 2))


def _label_message(model: Model) -> Message:
    """The model's terms with 'intercept' translated when shown."""
    if model.kind != "ols":
        return message(gettext_noop("change-point model {kind} on {driver}, balance point(s) "
                                    "{points}"), kind=model.kind, driver=" ".join(model.drivers),
                       points=", ".join("{:g}".format(v) for v in model.balance_points.values()))
    terms = " + ".join(model.drivers)
    if not model.intercept:
        return message("{terms}", terms=terms)
    if not terms:
        return message(gettext_noop("intercept"))
    return message(gettext_noop("intercept + {terms}"), terms=terms)


def cusum(actual: Sequence[float], predicted: Sequence[float]) -> list[float]:
    """Cumulative sum of (actual − predicted): falling while less is used than the baseline
    predicts."""
    if len(actual) != len(predicted):
        raise ValueError(_("{a} actual values for {p} predicted").format(
            a=len(actual), p=len(predicted)))
    return [float(v) for v in np.cumsum(np.asarray(actual, float) - np.asarray(predicted, float))]


@dataclass(frozen=True)
class Savings:
    """Savings over a reporting period of ``m`` periods (positive: less used than predicted)."""

    predicted: float
    actual: float
    savings: float
    savings_pct: float
    #: fractional savings uncertainty in percent of the savings; None when the savings are 0
    fsu_pct: float | None
    confidence: float
    m: int
    t: float
    n_effective: float
    adjustments: float
    predicted_by_period: tuple[float, ...]
    cusum: tuple[float, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"predicted": self.predicted, "actual": self.actual, "savings": self.savings,
                "savings_pct": self.savings_pct, "fsu_pct": self.fsu_pct,
                "confidence_pct": self.confidence * 100, "m": self.m, "t": self.t,
                "n_effective": self.n_effective, "non_routine_adjustments": self.adjustments}


def savings(model: Model, actual: Sequence[float], drivers: Mapping[str, Sequence[float]],
            confidence: float = 0.68, adjustments: Sequence[float] | None = None) -> Savings:
    """Savings = Σ predicted − Σ actual over the reporting periods, and their uncertainty.

    ``adjustments`` (non-routine, one per period, in the meter's unit) are added to the
    prediction: the adjusted baseline. The fractional savings uncertainty follows ASHRAE
    Guideline 14-2014, Annex B (after Reddy & Claridge 2000):

    .. math::

        \\frac{\\Delta E_{save}}{E_{save}} = \\frac{t \\cdot 1.26 \\cdot CV
            \\sqrt{\\frac{n}{n'} \\left(1 + \\frac{2}{n'}\\right) \\frac{1}{m}}}{F},
        \\qquad n' = n \\frac{1 - \\rho}{1 + \\rho}

    where :math:`t` is Student's t at the two-sided ``confidence`` with :math:`n - p` degrees
    of freedom, :math:`CV` the baseline's CV(RMSE) as a fraction, :math:`n` its periods,
    :math:`n'` the effective number after the residuals' lag-1 autocorrelation :math:`\\rho`
    (a negative :math:`\\rho` is taken as 0, which keeps the uncertainty conservative),
    :math:`m` the reporting periods and :math:`F = E_{save} / E_{predicted}` the savings
    fraction. 1.26 is the Guideline's empirical correction. With :math:`\\rho = 0` the
    formula is the one usually quoted with :math:`(1 + 2/n)`.
    """
    size = len(actual)
    predicted = model.predict(drivers, length=size)
    if adjustments is not None:
        if len(adjustments) != size:
            raise ValueError(_("{a} adjustments for {n} periods").format(
                a=len(adjustments), n=size))
        predicted = [p + a for p, a in zip(predicted, adjustments, strict=True)]
    total_predicted = math.fsum(predicted)
    total_actual = math.fsum(actual)
    saved = total_predicted - total_actual
    fraction = saved / total_predicted if total_predicted else math.nan
    rho = max(model.rho, 0.0)
    n_eff = model.n * (1 - rho) / (1 + rho)
    from scipy import stats

    t = float(stats.t.ppf((1 + confidence) / 2, model.n - model.p))
    fsu_pct: float | None = None
    if size and saved and n_eff > 0 and total_predicted:
        cv = model.cv_rmse_pct / 100
        fsu = t * 1.26 * cv * math.sqrt(model.n / n_eff * (1 + 2 / n_eff) / size) / fraction
        fsu_pct = abs(fsu) * 100
    return Savings(
        predicted=total_predicted, actual=total_actual, savings=saved,
        savings_pct=fraction * 100, fsu_pct=fsu_pct, confidence=confidence, m=size, t=t,
        n_effective=n_eff, adjustments=math.fsum(adjustments or ()),
        predicted_by_period=tuple(predicted), cusum=tuple(cusum(actual, predicted)))
