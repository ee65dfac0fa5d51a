"""Monitoring and verification: readings, data quality, roll-ups, baselines and savings.

Pure Python (numpy, statsmodels, scipy); the web app ``openeip.web.monitor`` stores meters and
readings and calls these functions. See docs/monitor.md.
"""

from openeip.core.monitor._settings import Acceptance, acceptance, setting
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
    "DEFAULT_TZ", "Acceptance", "Flag", "Interval", "Light", "Model", "Period", "RegisterChange",
    "RegisterRead", "Savings", "Selection", "Sufficiency", "acceptance", "billing_periods",
    "check", "check_interval", "cusum", "fit", "fit_all", "light", "parse_time", "parse_value",
    "predict", "register_intervals", "rollup", "savings", "setting", "sufficiency",
]
