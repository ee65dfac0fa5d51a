"""``openeip monitor baseline --change-point`` and ``openeip monitor degree-days`` on the test
database (tests/conftest.py world: park alpha with A1).

Fixture (by hand): 2023, month k (1–12) has a constant daily mean temperature T_k = 8 + 2k °C
(10, 12, …, 32), read by T1 once a day; A1's electricity E3 reads one monthly total
y_k = 100 + 5·(T_k − 20)⁺ + e_k, e = ±0.5 alternately. The change-point 3PC model wins; its
coefficients are checked against statsmodels' OLS at the balance point it reports, to 1e-6.
Degree days: January (10 °C) against a base of 8 °C gives 2 cooling degree days a day; July
(22 °C) against ashrae_65f (18.3 °C) 3.7.
"""

from __future__ import annotations

import calendar
import json
import math
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from openeip.cli import app

runner = CliRunner()
TEMPS = [8.0 + 2 * k for k in range(1, 13)]
NOISE = [-0.5 if k % 2 else 0.5 for k in range(1, 13)]
USE = [100 + 5 * max(t - 20, 0) + e for t, e in zip(TEMPS, NOISE, strict=True)]


def run(*args: Any) -> Any:
    return runner.invoke(app, ["monitor", *(str(arg) for arg in args)])


@pytest.fixture
def weather(world, tmp_path):
    meters = tmp_path / "meters.csv"
    meters.write_text("meter,company,name,resource,unit,register\n"
                      "E3,A1,Chiller plant,electricity,kWh,interval\n"
                      "T1,A1,Outdoor temperature,temperature,degC,interval\n"
                      "CDD1,A1,Cooling degree days,degree_days,K*d,interval\n")
    result = run("meters", meters, "--park", "alpha")
    assert result.exit_code == 0, result.output
    lines = ["meter,start,end,value"]
    for k in range(1, 13):
        nxt = "2024-01-01" if k == 12 else "2023-{:02d}-01".format(k + 1)
        lines.append("E3,2023-{:02d}-01 00:00,{} 00:00,{!r}".format(k, nxt, USE[k - 1]))
        for day in range(1, calendar.monthrange(2023, k)[1] + 1):
            start = "2023-{:02d}-{:02d}".format(k, day)
            end = ("2024-01-01" if (k, day) == (12, 31) else
                   "2023-{:02d}-01".format(k + 1) if day == calendar.monthrange(2023, k)[1]
                   else "2023-{:02d}-{:02d}".format(k, day + 1))
            lines.append("T1,{} 00:00,{} 00:00,{!r}".format(start, end, TEMPS[k - 1]))
    readings = tmp_path / "readings.csv"
    readings.write_text("\n".join(lines) + "\n")
    result = run("import", readings)
    assert result.exit_code == 0, result.output
    return world


def test_baseline_with_change_points_agrees_with_statsmodels(weather):
    import statsmodels.api as sm  # imported here: it takes a second or more
    result = run("baseline", "--meter", "E3", "--from", "2023-01-01", "--to", "2023-12-31",
                 "--driver", "T1", "--change-point", "T1", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["kind"] == "3PC" and out["accepted"] is True
    for key in ("intercept", "r2", "cv_rmse_pct", "nmbe_pct", "n", "p", "accepted"):
        assert key in out
    point = out["balance_points"]["cooling"]
    x = np.maximum(np.asarray(TEMPS) - point, 0.0)
    reference = sm.OLS(np.asarray(USE), sm.add_constant(x)).fit()
    assert out["intercept"] == pytest.approx(reference.params[0], rel=1e-6)
    assert out["T1:cooling"] == pytest.approx(reference.params[1], rel=1e-6)
    assert (out["n"], out["p"]) == (12, 3)
    assert out["cv_rmse_pct"] == pytest.approx(
        math.sqrt(reference.ssr / 9) / float(np.mean(USE)) * 100, rel=1e-6)
    # 3PH cannot fit: use rises with the temperature, and its slope must be positive
    assert {c["kind"] for c in out["candidates"]} == {"ols", "3PC", "4P", "5P"}
    text = run("baseline", "--meter", "E3", "--from", "2023-01-01", "--to", "2023-12-31",
               "--driver", "T1", "--change-point", "T1")
    assert "balance point (cooling)" in text.output
    plain = json.loads(run("baseline", "--meter", "E3", "--from", "2023-01-01", "--to",
                           "2023-12-31", "--driver", "T1", "--json").output)
    assert plain["kind"] == "ols" and "balance_points" not in plain


def test_change_points_need_a_temperature_meter(weather):
    result = run("baseline", "--meter", "E3", "--from", "2023-01-01", "--to", "2023-12-31",
                 "--change-point", "E3")
    assert result.exit_code == 1
    assert "need a temperature driver" in result.output


def test_degree_days_are_computed_stored_and_idempotent(weather):
    from openeip.web.monitor.models import Meter, Reading

    result = run("degree-days", "--temperature", "T1", "--meter", "CDD1", "--from", "2023-01-01",
                 "--to", "2023-01-31", "--kind", "cooling", "--base-temperature", "8")
    assert result.exit_code == 0, result.output
    assert "31 day(s): 31 new" in result.output
    cdd = Meter.objects.get(code="CDD1")
    values = list(Reading.objects.filter(meter=cdd).values_list("value", flat=True))
    assert values == [pytest.approx(2.0)] * 31
    again = run("degree-days", "--temperature", "T1", "--meter", "CDD1", "--from", "2023-01-01",
                "--to", "2023-01-31", "--kind", "cooling", "--base-temperature", "8")
    assert "0 new, 0 corrected, 31 unchanged" in again.output
    july = run("degree-days", "--temperature", "T1", "--meter", "CDD1", "--from", "2023-07-01",
               "--to", "2023-07-02", "--kind", "cooling")
    assert "base 18.3 °C (ashrae_65f" in july.output
    got = Reading.objects.filter(meter=cdd, start__month=7).values_list("value", flat=True)
    assert list(got) == [pytest.approx(3.7)] * 2
    gap = run("degree-days", "--temperature", "T1", "--meter", "CDD1", "--from", "2024-01-01",
              "--to", "2024-01-02")
    assert "2 day(s) without enough temperature readings" in gap.output
