"""core.monitor: readings, quality flags, roll-ups, baselines and savings.

Hand-checked fixture (worked on paper): x = 1..5, y = 2, 4, 5, 4, 5.
x̄ = 3, ȳ = 4, Sxy = 6, Sxx = 10 → slope 0.6, intercept 2.2; residuals −0.8, 0.6, 1, −0.6, −0.2;
SSR = 2.4, SST = 6 → R² = 0.6; n − p = 3 → RMSE = √0.8, CV(RMSE) = √0.8 / 4 = 22.3607 %;
NMBE = 0; se(slope) = √(0.8/10) → t = 2.12132; se(intercept) = √(0.8·(1/5 + 9/10)) → t = 2.34521.
Without intercept: slope = Σxy/Σx² = 66/55 = 1.2; SSR = 6.8, n − p = 4 → CV = √1.7/4 = 32.596 %,
NMBE = 2/(4·4) = 12.5 %, centred R² = 1 − 6.8/6.
"""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from scipy import stats

from openeip.core import monitor
from openeip.core.monitor import Interval, RegisterChange, RegisterRead

X = [1.0, 2.0, 3.0, 4.0, 5.0]
Y = [2.0, 4.0, 5.0, 4.0, 5.0]
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_fit_with_intercept_hand_checked() -> None:
    model = monitor.fit(Y, {"prod": X}, intercept=True, interval="month")
    assert model is not None
    assert model.coefficients == pytest.approx({"intercept": 2.2, "prod": 0.6}, rel=1e-12)
    assert model.r2 == pytest.approx(0.6, rel=1e-12)
    assert model.cv_rmse_pct == pytest.approx(math.sqrt(0.8) / 4 * 100, rel=1e-12)
    assert model.cv_rmse_pct == pytest.approx(22.3607, rel=1e-5)
    assert model.nmbe_pct == pytest.approx(0.0, abs=1e-12)
    assert (model.n, model.p) == (5, 2)
    assert model.t_stats["prod"] == pytest.approx(0.6 / math.sqrt(0.08), rel=1e-12)
    assert model.t_stats["intercept"] == pytest.approx(2.2 / math.sqrt(0.88), rel=1e-12)
    assert not model.accepted  # 22.4 % > 15 % (monthly)


def test_fit_without_intercept_hand_checked() -> None:
    model = monitor.fit(Y, {"prod": X}, intercept=False)
    assert model is not None
    assert model.coefficients == pytest.approx({"prod": 1.2}, rel=1e-12)
    assert model.cv_rmse_pct == pytest.approx(math.sqrt(1.7) / 4 * 100, rel=1e-12)
    assert model.nmbe_pct == pytest.approx(12.5, rel=1e-12)
    assert model.r2 == pytest.approx(1 - 6.8 / 6, rel=1e-12)
    assert model.p == 1


def test_fit_all_tries_every_combination_and_explains() -> None:
    selection = monitor.fit_all(Y, {"prod": X}, "month")
    labels = sorted(m.label() for m in selection.models)
    assert labels == ["intercept", "intercept + prod", "prod"]
    assert selection.chosen.label() == "intercept + prod"  # lowest CV(RMSE), none accepted
    assert "NOT accepted" in selection.explanation
    two = monitor.fit_all(Y, {"a": X, "b": [1.0, 0.0, 2.0, 5.0, 1.0]}, "month")
    assert len(two.models) == 7  # {}, a, b, ab with intercept; a, b, ab without
    with pytest.raises(ValueError):
        monitor.fit_all(Y, {"r2": X})


def _random_case(seed: int, n: int = 36) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    prod = rng.uniform(800, 1200, n)
    cdd = rng.uniform(50, 250, n)
    y = 5000 + 3.2 * prod + 4.1 * cdd + rng.normal(0, 150, n)
    return y, {"prod": prod, "cdd": cdd}


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("intercept", [True, False])
def test_fit_agrees_with_numpy_lstsq_and_the_formulas(seed: int, intercept: bool) -> None:
    y, drivers = _random_case(seed)
    model = monitor.fit(list(y), {k: list(v) for k, v in drivers.items()}, intercept, "month")
    assert model is not None
    design = np.column_stack(([np.ones(len(y))] if intercept else []) + list(drivers.values()))
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    keys = (["intercept"] if intercept else []) + list(drivers)
    for key, value in zip(keys, beta, strict=True):
        assert model.coefficients[key] == pytest.approx(value, rel=1e-6)
    resid = y - design @ beta
    n, p = design.shape
    assert model.cv_rmse_pct == pytest.approx(
        math.sqrt((resid ** 2).sum() / (n - p)) / y.mean() * 100, rel=1e-6)
    assert model.nmbe_pct == pytest.approx(resid.sum() / ((n - p) * y.mean()) * 100,
                                           rel=1e-6, abs=1e-9)
    assert model.r2 == pytest.approx(1 - (resid ** 2).sum() / ((y - y.mean()) ** 2).sum(),
                                     rel=1e-6)
    sigma2 = (resid ** 2).sum() / (n - p)
    se = np.sqrt(np.diag(sigma2 * np.linalg.inv(design.T @ design)))
    for key, value, err in zip(keys, beta, se, strict=True):
        assert model.t_stats[key] == pytest.approx(value / err, rel=1e-6)


def test_rank_deficient_and_too_short_are_left_out() -> None:
    assert monitor.fit(Y, {"a": X, "b": [2 * x for x in X]}) is None
    assert monitor.fit([1.0, 2.0], {"a": [1.0, 2.0]}) is None


def test_savings_hand_checked_and_fsu_formula() -> None:
    model = monitor.fit(Y, {"prod": X})
    assert model is not None
    result = monitor.savings(model, [4.0, 3.0], {"prod": [3.0, 3.0]}, confidence=0.68)
    assert result.predicted == pytest.approx(8.0, rel=1e-12)
    assert result.actual == 7.0
    assert result.savings == pytest.approx(1.0, rel=1e-12)
    assert result.savings_pct == pytest.approx(12.5, rel=1e-12)
    assert result.cusum == pytest.approx((0.0, -1.0), abs=1e-12)
    # rho of the residuals is -0.36/2.4 = -0.15 → taken as 0, so n' = n = 5
    assert model.rho == pytest.approx(-0.15, rel=1e-12)
    assert result.n_effective == 5
    t = stats.t.ppf(0.84, 3)
    assert result.t == pytest.approx(t, rel=1e-12)
    cv = math.sqrt(0.8) / 4
    expected = t * 1.26 * cv * math.sqrt(5 / 5 * (1 + 2 / 5) / 2) / 0.125 * 100
    assert result.fsu_pct == pytest.approx(expected, rel=1e-12)
    adjusted = monitor.savings(model, [4.0, 3.0], {"prod": [3.0, 3.0]}, adjustments=[0.5, 0.5])
    assert adjusted.predicted == pytest.approx(9.0) and adjusted.savings == pytest.approx(2.0)


def test_fsu_uses_the_effective_number_of_points() -> None:
    y = [10.0, 11.0, 12.5, 12.0, 13.0, 14.5, 14.0, 15.0, 16.5, 16.0, 17.0, 18.5]
    x = [float(i) for i in range(12)]
    model = monitor.fit(y, {"x": x})
    assert model is not None
    e = np.asarray(model.residuals)
    rho = float(e[1:] @ e[:-1] / (e @ e))
    assert model.rho == pytest.approx(rho, rel=1e-12)
    result = monitor.savings(model, [18.0] * 6, {"x": [12.0 + i for i in range(6)]})
    r = max(rho, 0.0)
    n_eff = 12 * (1 - r) / (1 + r)
    fraction = result.savings / result.predicted
    expected = (stats.t.ppf(0.84, 10) * 1.26 * model.cv_rmse_pct / 100
                * math.sqrt(12 / n_eff * (1 + 2 / n_eff) / 6) / abs(fraction) * 100)
    assert result.fsu_pct == pytest.approx(expected, rel=1e-9)


def test_acceptance_thresholds_come_from_the_data_file() -> None:
    month, hour = monitor.acceptance("month"), monitor.acceptance("hour")
    assert (month.max_cv_rmse_pct, month.max_abs_nmbe_pct) == (15, 5)
    assert (hour.max_cv_rmse_pct, hour.max_abs_nmbe_pct) == (30, 10)
    assert "Guideline 14" in month.source and month.year == 2014
    assert monitor.acceptance("day").verification == "unverified"


def test_parse_time_defaults_to_ho_chi_minh() -> None:
    naive = monitor.parse_time("2025-01-31 14:00")
    assert naive.utcoffset() == dt.timedelta(hours=7)
    assert monitor.parse_time("2025-01-31T14:00:00+00:00").utcoffset() == dt.timedelta(0)
    assert monitor.parse_time("31/01/2025 14:00") == naive
    assert monitor.parse_time("2025-01-31 14:00", tz="UTC").utcoffset() == dt.timedelta(0)
    with pytest.raises(ValueError):
        monitor.parse_time("yesterday")
    assert monitor.parse_value("1 234.5") == 1234.5
    # the project's one number rule: 1,234 is 1234 in English and 1.234 in Vietnamese
    with pytest.raises(ValueError, match="decimal comma; write it with a dot"):
        monitor.parse_value("1234,5")
    with pytest.raises(ValueError, match="not a number OpenEIP can read safely"):
        monitor.parse_value("1,234")
    for bad in ("abc", "nan", "inf", ""):
        with pytest.raises(ValueError):
            monitor.parse_value(bad)


def test_check_interval_problems() -> None:
    t0 = dt.datetime(2025, 1, 1, tzinfo=HCM)
    assert monitor.check_interval(t0, t0 + dt.timedelta(hours=1), 5.0) == []
    cols = [c for c, _m in monitor.check_interval(t0, t0, -1.0)]
    assert cols == ["end", "value"]


def _t(hour: int, day: int = 1) -> dt.datetime:
    return dt.datetime(2025, 1, day, hour, tzinfo=HCM)


def test_register_rollover_replacement_and_unexplained_fall() -> None:
    reads = [RegisterRead(_t(0), 99990.0), RegisterRead(_t(1), 5.0),
             RegisterRead(_t(2), 20.0), RegisterRead(_t(3), 10.0)]
    out = monitor.register_intervals(reads, rollover=100000.0)
    assert [i.value for i in out] == [15.0, 15.0, -10.0]
    assert out[0].flags == {"rollover"} and out[2].flags == {"negative"}
    change = RegisterChange(_t(3), old_final=26.0, new_initial=0.0)
    replaced = monitor.register_intervals(
        [RegisterRead(_t(2), 20.0), RegisterRead(_t(4), 10.0)], changes=[change])
    assert replaced[0].value == 16.0 and replaced[0].flags == {"replacement"}


def test_quality_flags_gaps_overlaps_spikes_stuck_negative() -> None:
    hourly = [Interval(_t(h), _t(h + 1), 10.0 + (h % 3)) for h in range(0, 20)]
    hourly[5] = Interval(_t(5), _t(6), 500.0)             # spike
    del hourly[10:12]                                      # gap 10:00–12:00
    hourly.append(Interval(_t(15, 1) + dt.timedelta(minutes=30), _t(17, 1), 3.0))  # overlap
    hourly.append(Interval(_t(20), _t(21), -1.0))          # negative
    flags = monitor.check(hourly)
    kinds = {(f.kind, f.start.hour) for f in flags}
    assert ("spike", 5) in kinds
    assert ("gap", 10) in kinds
    assert ("overlap", 15) in kinds
    assert ("negative", 20) in kinds
    stuck = [Interval(_t(h % 24, 1 + h // 24), _t((h + 1) % 24, 1 + (h + 1) // 24), 7.0)
             for h in range(24)]
    assert [f.kind for f in monitor.check(stuck)] == ["stuck"]
    assert monitor.check(stuck[:23]) == []


def test_rollup_splits_a_bill_across_months_by_time() -> None:
    bill = Interval(dt.datetime(2025, 1, 15, tzinfo=HCM), dt.datetime(2025, 2, 15, tzinfo=HCM),
                    310.0)
    months = monitor.rollup([bill], "month")
    assert [p.value for p in months] == pytest.approx([170.0, 140.0])
    assert months[0].coverage == pytest.approx(17 / 31)


def test_rollup_hours_to_days_in_local_time_and_coverage() -> None:
    hours = [Interval(_t(h % 24, 1 + h // 24), _t((h + 1) % 24, 1 + (h + 1) // 24), 1.0)
             for h in range(48) if h != 30]
    days = monitor.rollup(hours, "day")
    assert [p.value for p in days] == [24.0, 23.0]
    assert days[1].coverage == pytest.approx(23 / 24)
    assert days[0].start == dt.datetime(2025, 1, 1, tzinfo=HCM)


def test_billing_periods_by_read_date() -> None:
    days = [Interval(dt.datetime(2025, 1, d, tzinfo=HCM), dt.datetime(2025, 1, d + 1, tzinfo=HCM),
                     float(d)) for d in range(1, 21)]
    periods = monitor.billing_periods(days, [dt.datetime(2025, 1, 1, tzinfo=HCM),
                                             dt.datetime(2025, 1, 11, tzinfo=HCM),
                                             dt.datetime(2025, 1, 21, tzinfo=HCM)])
    assert [p.value for p in periods] == [55.0, 155.0]


def test_sufficiency_counts_covered_periods() -> None:
    start = dt.datetime(2024, 1, 1, tzinfo=HCM)
    end = dt.datetime(2025, 1, 1, tzinfo=HCM)
    daily = [Interval(start + dt.timedelta(days=d), start + dt.timedelta(days=d + 1), 1.0)
             for d in range((end - start).days) if not 40 <= d < 50]  # 10 days missing in Feb
    months = monitor.rollup(daily, "month", start=start, end=end)
    result = monitor.sufficiency(months, "month", parameters=2)
    assert not result.ok and result.usable == 11 and result.required == 12
    assert result.excluded == (dt.datetime(2024, 2, 1, tzinfo=HCM),)
    assert len(result.reasons) == 2


def test_traffic_lights() -> None:
    assert monitor.light(90.0, 100.0, 1.0).colour == "green"
    assert monitor.light(90.0, 100.0, 0.5).colour == "amber"  # may still rise
    assert monitor.light(110.0, 100.0, 0.5).colour == "red"   # a breach on partial data
    assert monitor.light(None, 100.0, 0.0).colour == "grey"
    intensity = monitor.light(500.0, 4.0, 1.0, driver=100.0, per_driver=True)
    assert intensity.colour == "red" and intensity.kpi == 5.0
    assert monitor.light(500.0, 4.0, 1.0, driver=0.0, per_driver=True).colour == "grey"


def test_predict_from_stored_coefficients() -> None:
    assert monitor.predict({"intercept": 2.2, "prod": 0.6}, {"prod": [1.0, 5.0]}) == \
        pytest.approx([2.8, 5.2])
    with pytest.raises(ValueError):
        monitor.predict({"intercept": 1.0, "prod": 1.0}, {}, 2)
