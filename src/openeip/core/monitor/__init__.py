"""Monitoring and verification: readings, data quality, roll-ups, baselines and savings.

Pure Python (numpy, statsmodels, scipy); the web app ``openeip.web.monitor`` stores meters and
readings and calls these functions. See docs/monitor.md.
"""

from openeip.core.monitor._settings import Acceptance, acceptance, setting, settings_fingerprint
from openeip.core.monitor.baseline import (
    Model,
    Savings,
    Selection,
    cusum,
    fit,
    fit_all,
    predict,
    savings,
)
from openeip.core.monitor.changepoint import KINDS as CHANGE_POINT_KINDS
from openeip.core.monitor.changepoint import balance_points, change_point_models
from openeip.core.monitor.degree_days import (
    BaseTemperature,
    base_temperature,
    base_temperatures,
    degree_days,
    means,
)
from openeip.core.monitor.quality import Flag, check
from openeip.core.monitor.readings import (
    DEFAULT_TZ,
    Interval,
    RegisterChange,
    RegisterRead,
    check_interval,
    parse_time,
    parse_value,
    register_intervals,
)
from openeip.core.monitor.rollup import Period, Sufficiency, billing_periods, rollup, sufficiency
from openeip.core.monitor.targets import Light, light

__all__ = [
    "CHANGE_POINT_KINDS", "DEFAULT_TZ", "Acceptance", "BaseTemperature", "Flag", "Interval",
    "Light", "Model", "Period", "RegisterChange", "RegisterRead", "Savings", "Selection",
    "Sufficiency", "acceptance", "balance_points", "base_temperature", "base_temperatures",
    "billing_periods", "change_point_models", "check", "check_interval", "cusum", "degree_days",
    "fit", "fit_all", "light", "means", "parse_time", "parse_value", "predict",
    "register_intervals", "rollup", "savings", "setting", "settings_fingerprint", "sufficiency",
]
