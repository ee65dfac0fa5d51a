"""``openeip monitor meters | import | baseline | savings`` on the test database (tests/conftest.py
world: park alpha with firms A1 and A2).

Fixture: 24 monthly readings (2023–2024) of electricity E1 and production P1 of A1. Production
p = 100, 110, …; electricity y = 1000 + 2.5 p + e with e a fixed ±pattern in 2023, and 10 % less
in 2024. The baseline is checked against statsmodels run here on the same numbers, and the
savings against the sums worked from its coefficients.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from scipy import stats
from typer.testing import CliRunner

from openeip.cli import app

runner = CliRunner()
NOISE = [12.0, -8.0, 5.0, -15.0, 9.0, -3.0, 14.0, -11.0, 6.0, -9.0, 2.0, -2.0]
PRODUCTION = [100.0 + 10 * (i % 12) + (7 if i >= 12 else 0) for i in range(24)]


def run(*args: Any) -> Any:
    return runner.invoke(app, ["monitor", *(str(arg) for arg in args)])


def _month(i: int) -> tuple[str, str]:
    year, month = 2023 + i // 12, i % 12 + 1
    nxt_year, nxt_month = (year + 1, 1) if month == 12 else (year, month + 1)
    return "{}-{:02d}-01 00:00".format(year, month), "{}-{:02d}-01 00:00".format(
        nxt_year, nxt_month)


def electricity(i: int) -> float:
    base = 1000 + 2.5 * PRODUCTION[i] + NOISE[i % 12]
    return base * (0.9 if i >= 12 else 1.0)


METERS = ("meter,company,name,resource,unit,register\n"
          "E1,A1,Main incomer,electricity,kWh,interval\n"
          "P1,A1,Dyed fabric,production,t,interval\n"
          "W1,A2,Water main,water,m3,cumulative\n")


@pytest.fixture
def metered(world, tmp_path):
    meters = tmp_path / "meters.csv"
    meters.write_text(METERS)
    assert run("meters", meters, "--park", "alpha").exit_code == 0
    lines = ["meter,start,end,value"]
    for i in range(24):
        start, end = _month(i)
        lines.append("E1,{},{},{!r}".format(start, end, electricity(i)))
        lines.append("P1,{},{},{!r}".format(start, end, PRODUCTION[i]))
    readings = tmp_path / "readings.csv"
    readings.write_text("\n".join(lines) + "\n")
    result = run("import", readings)
    assert result.exit_code == 0, result.output
    world.readings = readings
    return world


def test_meters_twice_changes_nothing(world, tmp_path):
    meters = tmp_path / "meters.csv"
    meters.write_text(METERS)
    assert "3 created" in run("meters", meters, "--park", "alpha").output
    assert "3 unchanged" in run("meters", meters, "--park", "alpha").output


def test_meters_bad_rows_by_row_and_column(world, tmp_path):
    bad = tmp_path / "meters.csv"
    bad.write_text("meter,company,name,resource,unit,register\n"
                   "E1,ZZ,Main,electricity,kWh,interval\n"
                   "E2,A1,Main,sunshine,kWh,interval\n"
                   "E3,A1,Main,electricity,furlong,interval\n"
                   "E4,A1,Main,water,m3,sometimes\n")
    result = run("meters", bad, "--park", "alpha")
    assert result.exit_code == 1
    out = result.output
    assert "row 2, column company" in out and "row 3, column resource" in out
    assert "row 4, column unit" in out and "row 5, column register" in out
    from openeip.web.monitor.models import Meter

    assert not Meter.objects.exists()


def test_import_is_idempotent(metered):
    again = run("import", metered.readings)
    assert again.exit_code == 0, again.output
    assert "0 new, 0 corrected, 48 unchanged" in again.output


def test_import_refuses_every_bad_row_and_writes_nothing(metered, tmp_path):
    from openeip.web.monitor.models import Reading

    before = Reading.objects.count()
    bad = tmp_path / "bad.csv"
    bad.write_text("meter,start,end,value,unit\n"
                   "E1,2025-01-02 00:00,2025-01-01 00:00,5,\n"       # 2: end before start
                   "E1,2025-01-01 00:00,2025-01-02 00:00,-5,\n"      # 3: negative
                   "X9,2025-01-01 00:00,2025-01-02 00:00,5,\n"       # 4: unknown meter
                   "E1,2025-01-01 00:00,2025-01-02 00:00,five,\n"    # 5: not a number
                   "E1,tomorrow,2025-01-02 00:00,5,\n"               # 6: not a time
                   "E1,2025-01-03 00:00,2025-01-04 00:00,5,m3\n"     # 7: unit mismatch
                   "E1,2025-01-05 00:00,2025-01-06 00:00,5,MWh\n")   # 8: fine (converted)
    result = run("import", bad)
    assert result.exit_code == 1
    out = result.output
    for where in ("row 2, column end", "row 3, column value", "row 4, column meter",
                  "row 5, column value", "row 6, column start", "row 7, column unit"):
        assert where in out, where
    assert "row 8" not in out
    assert Reading.objects.count() == before


def test_import_converts_units_and_corrects_a_value(metered, tmp_path):
    from openeip.web.monitor.models import Reading

    fix = tmp_path / "fix.csv"
    fix.write_text("meter,start,end,value,unit\nE1,2023-01-01 00:00,2023-02-01 00:00,2,MWh\n")
    result = run("import", fix)
    assert "0 new, 1 corrected" in result.output, result.output
    from openeip.core.monitor import parse_time

    assert Reading.objects.get(meter__code="E1",
                               start=parse_time("2023-01-01 00:00")).value == 2000.0


def test_cumulative_register_with_rollover(world, tmp_path):
    from openeip.web.monitor.models import DailyTotal, Meter, Reading

    meters = tmp_path / "meters.csv"
    meters.write_text("meter,company,name,resource,unit,register,rollover\n"
                      "W1,A2,Water main,water,m3,cumulative,10000\n")
    assert run("meters", meters, "--park", "alpha").exit_code == 0
    reads = tmp_path / "reads.csv"
    reads.write_text("meter,timestamp,value\nW1,2024-03-01 00:00,9990\n"
                     "W1,2024-03-02 00:00,5\nW1,2024-03-03 00:00,30\n")
    result = run("import", reads)
    assert result.exit_code == 0, result.output
    w1 = Meter.objects.get(code="W1")
    values = list(Reading.objects.filter(meter=w1).order_by("start").values_list("value",
                                                                                 "flags"))
    assert values == [(15.0, "rollover"), (25.0, "")]
    assert sorted(DailyTotal.objects.filter(meter=w1).values_list("value", flat=True)) == [
        15.0, 25.0]
    # a read arriving in between splits the interval again
    more = tmp_path / "more.csv"
    more.write_text("meter,timestamp,value\nW1,2024-03-02 12:00,20\n")
    assert run("import", more).exit_code == 0
    assert list(Reading.objects.filter(meter=w1).order_by("start").values_list(
        "value", flat=True)) == [15.0, 15.0, 10.0]


def _reference() -> Any:
    import statsmodels.api as sm  # imported here: it takes a second or more
    y = np.array([electricity(i) for i in range(12)])
    x = np.array(PRODUCTION[:12])
    return sm.OLS(y, sm.add_constant(x)).fit(), y, x


def test_baseline_json_agrees_with_statsmodels(metered):
    result = run("baseline", "--meter", "E1", "--from", "2023-01-01", "--to", "2023-12-31",
                 "--driver", "P1", "--interval", "month", "--json")
    assert result.exit_code == 0, result.output
    model = json.loads(result.output)
    reference, y, _x = _reference()
    assert model["intercept"] == pytest.approx(reference.params[0], rel=1e-6)
    assert model["P1"] == pytest.approx(reference.params[1], rel=1e-6)
    assert model["r2"] == pytest.approx(reference.rsquared, rel=1e-6)
    n, p = 12, 2
    resid = np.asarray(reference.resid)
    assert model["cv_rmse_pct"] == pytest.approx(
        math.sqrt((resid ** 2).sum() / (n - p)) / y.mean() * 100, rel=1e-6)
    assert abs(model["nmbe_pct"]) < 1e-9
    assert (model["n"], model["p"]) == (12, 2)
    assert model["accepted"] is True
    assert model["t_stats"]["P1"] == pytest.approx(reference.tvalues[1], rel=1e-6)


def test_baseline_table_and_vietnamese(metered):
    result = run("baseline", "--meter", "E1", "--from", "2023-01-01", "--to", "2023-12-31",
                 "--driver", "P1")
    assert result.exit_code == 0, result.output
    assert "CV(RMSE)" in result.output and "intercept + P1" in result.output


def test_baseline_refuses_too_little_data(metered):
    result = run("baseline", "--meter", "E1", "--from", "2023-01-01", "--to", "2023-06-30",
                 "--driver", "P1")
    assert result.exit_code == 1
    assert "needs at least 12" in result.output


def test_savings_json_agrees_with_the_hand_sums(metered):
    result = run("savings", "--meter", "E1", "--baseline-from", "2023-01-01",
                 "--baseline-to", "2023-12-31", "--from", "2024-01-01", "--to", "2024-12-31",
                 "--driver", "P1", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    reference, y, x = _reference()
    b0, b1 = reference.params
    predicted = sum(b0 + b1 * PRODUCTION[i] for i in range(12, 24))
    actual = sum(electricity(i) for i in range(12, 24))
    assert out["predicted"] == pytest.approx(predicted, rel=1e-6)
    assert out["actual"] == pytest.approx(actual, rel=1e-9)
    assert out["savings"] == pytest.approx(predicted - actual, rel=1e-6)
    assert out["savings_pct"] == pytest.approx((predicted - actual) / predicted * 100, rel=1e-6)
    resid = np.asarray(reference.resid)
    cv = math.sqrt((resid ** 2).sum() / 10) / y.mean()
    rho = max(float(resid[1:] @ resid[:-1] / (resid @ resid)), 0.0)
    n_eff = 12 * (1 - rho) / (1 + rho)
    fsu = (stats.t.ppf(0.84, 10) * 1.26 * cv * math.sqrt(12 / n_eff * (1 + 2 / n_eff) / 12)
           / ((predicted - actual) / predicted) * 100)
    assert out["fsu_pct"] == pytest.approx(fsu, rel=1e-6)
    assert 9 < out["savings_pct"] < 11


def test_savings_adds_non_routine_adjustments(metered):
    import datetime as dt

    from openeip.web.monitor.models import Meter, NonRoutineAdjustment

    NonRoutineAdjustment.objects.create(
        meter=Meter.objects.get(code="E1"), start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
        quantity=1200.0, note="New compressor line")
    plain = json.loads(run("savings", "--meter", "E1", "--baseline-from", "2023-01-01",
                           "--baseline-to", "2023-12-31", "--from", "2024-01-01", "--to",
                           "2024-12-31", "--driver", "P1", "--json").output)
    assert plain["non_routine_adjustments"] == pytest.approx(1200.0)
    reference, _y, _x = _reference()
    b0, b1 = reference.params
    predicted = sum(b0 + b1 * PRODUCTION[i] for i in range(12, 24)) + 1200
    assert plain["predicted"] == pytest.approx(predicted, rel=1e-6)
