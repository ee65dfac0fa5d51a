"""core.monitor change-point models and degree days, on fixtures checkable by hand.

3PC: T = 10, 12, …, 32 (12 months), y = 100 + 5·(T − 20)⁺ exactly → balance point 20, b0 = 100,
b_c = 5, residuals 0. No other balance point fits exactly: at 21 the month at 20 °C fixes b0 = 100,
the one at 22 fixes b_c = 10 and the one at 24 then gives 130, not 120.
3PH mirrors it: y = 100 + 5·(20 − T)⁺. 5P: T = 0, 3, …, 33, y = 50 + 4·(12 − T)⁺ + 6·(T − 24)⁺.
4P: same temperatures, y = 80 + 2·(15 − T)⁺ + 3·(T − 15)⁺.
The noisy fixtures add ±0.5 alternately; their coefficients are checked against statsmodels' OLS
at the balance point found, to 1e-6.
"""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from openeip.core import monitor
from openeip.core.monitor import Interval

T12 = [10.0 + 2 * i for i in range(12)]
T5 = [3.0 * i for i in range(12)]
NOISE = [0.5 if i % 2 else -0.5 for i in range(12)]
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _3pc(t: float) -> float:
    return 100 + 5 * max(t - 20, 0)


def test_3pc_finds_the_balance_point_of_an_exact_fixture() -> None:
    y = [_3pc(t) for t in T12]
    assert monitor.balance_points(y, T12, "3PC") == (20.0, 20.0)
    models = {m.kind: m for m in monitor.change_point_models(y, T12, "T")}
    model = models["3PC"]
    assert model.balance_points == {"cooling": 20.0}
    assert model.coefficients == pytest.approx({"intercept": 100.0, "T:cooling": 5.0}, abs=1e-9)
    assert model.p == 3  # b0, b_c and the balance point
    assert model.cv_rmse_pct == pytest.approx(0.0, abs=1e-9)


def test_3ph_mirrors_3pc() -> None:
    y = [100 + 5 * max(20 - t, 0) for t in T12]
    assert monitor.balance_points(y, T12, "3PH") == (20.0, 20.0)
    model = {m.kind: m for m in monitor.change_point_models(y, T12, "T")}["3PH"]
    assert model.coefficients == pytest.approx({"intercept": 100.0, "T:heating": 5.0}, abs=1e-9)


def test_5p_and_4p_find_their_balance_points() -> None:
    y5 = [50 + 4 * max(12 - t, 0) + 6 * max(t - 24, 0) for t in T5]
    assert monitor.balance_points(y5, T5, "5P") == (12.0, 24.0)
    model = {m.kind: m for m in monitor.change_point_models(y5, T5, "T")}["5P"]
    assert model.coefficients == pytest.approx(
        {"intercept": 50.0, "T:heating": 4.0, "T:cooling": 6.0}, abs=1e-9)
    assert model.p == 5
    y4 = [80 + 2 * max(15 - t, 0) + 3 * max(t - 15, 0) for t in T5]
    assert monitor.balance_points(y4, T5, "4P") == (15.0, 15.0)


def test_noisy_3pc_agrees_with_statsmodels_at_the_balance_point() -> None:
    import statsmodels.api as sm  # imported here: it takes a second or more
    y = [_3pc(t) + e for t, e in zip(T12, NOISE, strict=True)]
    model = {m.kind: m for m in monitor.change_point_models(y, T12, "T")}["3PC"]
    point = model.balance_points["cooling"]
    x = np.maximum(np.asarray(T12) - point, 0.0)
    reference = sm.OLS(np.asarray(y), sm.add_constant(x)).fit()
    assert model.coefficients["intercept"] == pytest.approx(reference.params[0], rel=1e-6)
    assert model.coefficients["T:cooling"] == pytest.approx(reference.params[1], rel=1e-6)
    assert model.t_stats["T:cooling"] == pytest.approx(reference.tvalues[1], rel=1e-6)
    n, p = 12, 3
    ssr = float(reference.ssr)
    assert model.cv_rmse_pct == pytest.approx(
        math.sqrt(ssr / (n - p)) / float(np.mean(y)) * 100, rel=1e-6)
    assert model.nmbe_pct == pytest.approx(
        float(np.sum(reference.resid)) / ((n - p) * float(np.mean(y))) * 100, abs=1e-9)
    # the least RMSE: no balance point of the coarse grid does better
    for candidate in np.arange(12.0, 28.0, 0.5):
        cx = np.maximum(np.asarray(T12) - candidate, 0.0)
        assert sm.OLS(np.asarray(y), sm.add_constant(cx)).fit().ssr >= ssr - 1e-9


def test_fit_all_offers_change_points_beside_regression_and_explains() -> None:
    y = [_3pc(t) + e for t, e in zip(T12, NOISE, strict=True)]
    plain = monitor.fit_all(y, {"T": T12}, "month")
    assert {m.kind for m in plain.models} == {"ols"}
    both = monitor.fit_all(y, {"T": T12}, "month", change_point="T")
    kinds = {m.kind for m in both.models}
    assert {"ols", "3PC"} <= kinds
    assert both.chosen.kind == "3PC"
    assert both.chosen.accepted
    assert "change-point model 3PC" in both.explanation
    out = both.chosen.as_dict()
    assert out["kind"] == "3PC" and set(out["balance_points"]) == {"cooling"}
    assert {"intercept", "r2", "cv_rmse_pct", "nmbe_pct", "n", "p", "accepted"} <= set(out)
    assert both.chosen.predict({"T": [18.0, 26.0]}) == pytest.approx(
        [out["intercept"], out["intercept"] + out["T:cooling"] * (26 - out["balance_points"]
                                                                   ["cooling"])])
    with pytest.raises(ValueError, match="not among the drivers"):
        monitor.fit_all(y, {"T": T12}, "month", change_point="X")


def test_stored_coefficients_predict_with_balance_points() -> None:
    got = monitor.predict({"intercept": 10.0, "T:heating": 2.0, "T:cooling": 3.0},
                          {"T": [10.0, 20.0, 30.0]}, balance_points={"heating": 15.0,
                                                                     "cooling": 25.0})
    assert got == [20.0, 10.0, 25.0]


def test_too_few_points_on_a_slope_gives_no_model() -> None:
    # only two months above any balance point that leaves three below
    assert monitor.balance_points([1.0, 1.0, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0, 5.0],
                                  "5P") is None


def test_degree_days_from_time_weighted_daily_means() -> None:
    day = dt.datetime(2024, 7, 1, tzinfo=HCM)
    readings = [Interval(day, day + dt.timedelta(hours=6), 20.0),
                Interval(day + dt.timedelta(hours=6), day + dt.timedelta(hours=24), 28.0),
                Interval(day + dt.timedelta(days=1), day + dt.timedelta(days=1, hours=12), 30.0)]
    days = monitor.means(readings, "day", "Asia/Ho_Chi_Minh", start=day,
                         end=day + dt.timedelta(days=2))
    assert days[0].value == pytest.approx((20 * 6 + 28 * 18) / 24)  # 26 °C
    base = monitor.base_temperature("ashrae_65f", "cooling")
    assert base.base_c == 18.3 and base.verification
    cdd = monitor.degree_days(days, base.base_c, "cooling")
    assert cdd[0] == (dt.date(2024, 7, 1), pytest.approx(26 - 18.3))
    assert cdd[1] == (dt.date(2024, 7, 2), None)  # half a day covered: a gap, not filled
    hdd = monitor.degree_days(days, 27.0, "heating")
    assert hdd[0][1] == pytest.approx(1.0)


def test_unknown_base_temperature_says_which_exist() -> None:
    with pytest.raises(Exception, match="ashrae_65f"):
        monitor.base_temperature("nowhere", "cooling")
