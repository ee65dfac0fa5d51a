"""What the monitor pages show: a meter's series and CUSUM as charts with tables, its quality
flags, the lights of its targets, and a list of meters with their latest state."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core import formatting, monitor
from openeip.core.i18n import render
from openeip.core.monitor.rollup import Period
from openeip.web.base.charts.chartjs import TrendChart, TrendSeries
from openeip.web.monitor.models import Baseline, DailyTotal, Meter, Reading, Resource, Target
from openeip.web.monitor.services import analysis

__all__ = ["MeterRow", "flag_label", "meter_page", "meter_rows", "page_fields", "span_of",
           "target_views"]

#: how many of the latest readings of the span a meter page checks for quality flags
FLAG_READINGS = 2000


def flag_label(kind: str) -> str:
    labels = {"gap": _("gap"), "overlap": _("overlap"), "spike": _("spike"),
              "stuck": _("stuck value"), "negative": _("negative"),
              "rollover": _("register rollover"), "replacement": _("meter replaced")}
    return labels.get(kind, kind)


def span_of(meter: Meter) -> tuple[dt.date, dt.date] | None:
    """First and last day with data (components' for a virtual meter)."""
    ids = [meter.pk]
    if meter.register == "virtual":
        ids = list(Meter.objects.filter(park=meter.park, code__in=[
            c.get("meter") for c in meter.components or []]).values_list("pk", flat=True))
    found = DailyTotal.objects.filter(meter_id__in=ids).aggregate(first=Min("day"),
                                                                 last=Max("day"))
    if found["first"] is None:
        return None
    return found["first"], found["last"]


def _label(period: Period, interval: str, language: str) -> str:
    if interval == "month":
        return "{:02d}/{}".format(period.start.month, period.start.year)
    if interval == "day":
        return formatting.date(period.start.date(), language)
    return "{} {:02d}:00".format(formatting.date(period.start.date(), language),
                                 period.start.hour)


@dataclass
class TargetView:
    target: Target
    light: monitor.Light
    period: str


@dataclass
class MeterPage:
    meter: Meter
    interval: str
    first: dt.date | None
    last: dt.date | None
    chart: TrendChart | None
    cusum: TrendChart | None
    baseline: Baseline | None
    flags: list[monitor.Flag]
    flag_counts: list[tuple[str, int]]
    configs: list[tuple[str, dict[str, Any]]]
    #: the first and last day with readings, when the period shown has none of them
    outside: tuple[dt.date, dt.date] | None = None


def _predicted(baseline: Baseline, periods: Sequence[Period], start: dt.datetime,
               end: dt.datetime) -> list[float | None]:
    coefficients = {k: float(v) for k, v in (baseline.model.get("coefficients") or {}).items()}
    drivers: dict[str, list[float]] = {}
    for code in baseline.drivers:
        driver = Meter.objects.filter(park=baseline.meter.park, code=code).first()
        if driver is None:
            return [None] * len(periods)
        drivers[code] = [p.value for p in analysis.series(driver, baseline.interval, start,
                                                          end)]
    points = {k: float(v) for k, v in (baseline.model.get("balance_points") or {}).items()}
    return list(monitor.predict(coefficients, drivers, len(periods), points or None))


def meter_page(meter: Meter, interval: str, first: dt.date | None, last: dt.date | None,
               language: str) -> MeterPage:
    """The meter's series with its latest baseline's prediction, CUSUM and quality flags over
    the period (the page caches them with its body: views.pages.meter_detail)."""
    baseline = (Baseline.objects.filter(meter=meter, interval=interval).order_by(
        "-created_at").first())
    return _series_page(meter, interval, first, last, language, baseline)


def page_fields(meter: Meter) -> tuple[Any, ...]:
    """What a meter page's cached body is made of besides the period and the reader's
    language: the meter's version and the fields it shows (a meter deleted and made again
    starts afresh)."""
    return (meter.pk, meter.created_at, meter.data_version, meter.code, meter.name, meter.unit,
            meter.resource, meter.register, meter.time_zone, meter.components)


def _series_page(meter: Meter, interval: str, first: dt.date | None, last: dt.date | None,
                 language: str, baseline: Baseline | None) -> MeterPage:
    span = span_of(meter)
    if span is None:
        return MeterPage(meter, interval, None, None, None, None, None, [], [], [])
    first = first or span[0]
    last = last or span[1]
    start, end = analysis.local_span(meter, first, last)
    periods = analysis.series(meter, interval, start, end)
    labels = [_label(p, interval, language) for p in periods]
    minimum = monitor.setting("min_coverage_pct", interval).value / 100
    actual: list[float | None] = [p.value if p.coverage > 0 else None for p in periods]
    chart = TrendChart("meter-series", _("{name}: use by {interval}").format(
        name=meter.name, interval=interval_label(interval)), meter.unit, labels,
        [TrendSeries(_("metered"), actual)])
    cusum_chart = None
    if baseline is not None:
        predicted = _predicted(baseline, periods, start, end)
        chart.series.append(TrendSeries(_("baseline model"), predicted))
        after = [i for i, p in enumerate(periods)
                 if p.start.date() > baseline.end and p.coverage >= minimum
                 and predicted[i] is not None]
        if after:
            sums = monitor.cusum([periods[i].value for i in after],
                                 [float(predicted[i] or 0.0) for i in after])
            cusum_chart = TrendChart(
                "meter-cusum", _("CUSUM since the baseline: Σ (metered − predicted)"),
                meter.unit, [labels[i] for i in after], [TrendSeries(_("CUSUM"), list(sums))])
    flags = _flags(meter, start, end)
    counts = sorted(Counter(f.kind for f in flags).items())
    configs = [(c.dom_id + "-config", c.chartjs(language)) for c in (chart, cusum_chart) if c]
    outside = None if any(value is not None for value in actual) else span
    return MeterPage(meter, interval, first, last, chart, cusum_chart, baseline, flags[:100],
                     [(flag_label(k), n) for k, n in counts], configs, outside)


@dataclass
class BaselineRow:
    baseline: Baseline
    label: str
    terms: list[tuple[str, float, float | None]]
    interval: str
    explanation: str


def _term(key: str, points: dict[str, float] | None = None) -> str:
    if key == "intercept":
        return _("intercept")
    driver, _sep, side = key.rpartition(":")
    if points and driver and side in points:
        # a change-point term: (T_h − T)⁺ or (T − T_c)⁺ with its balance point
        text = (_("{driver} below {point} (heating)") if side == "heating"
                else _("{driver} above {point} (cooling)"))
        return text.format(driver=driver, point="{:g}".format(points[side]))
    return key


def baseline_rows(rows: Iterable[Baseline]) -> list[BaselineRow]:
    """Stored baselines worded in the reader's language (terms, interval, explanation)."""
    out = []
    for row in rows:
        model = row.model or {}
        coefficients = model.get("coefficients") or {}
        t_stats = model.get("t_stats") or {}
        keys = list(coefficients)
        points = {k: float(v) for k, v in (model.get("balance_points") or {}).items()}
        label = " + ".join(_term(k, points) for k in keys) if keys else "0"
        if model.get("kind") not in (None, "ols"):
            label = _("change-point model {kind}: {terms}").format(kind=model["kind"],
                                                                    terms=label)
        out.append(BaselineRow(row, label, [(_term(k, points), coefficients[k], t_stats.get(k))
                                            for k in keys],
                               interval_label(row.interval), render(row.explanation)))
    return out


def interval_label(interval: str) -> str:
    return {"hour": _("hour"), "day": _("day"), "month": _("month")}.get(interval, interval)


def _flags(meter: Meter, start: dt.datetime, end: dt.datetime) -> list[monitor.Flag]:
    if meter.register == "virtual":
        return []
    # a page checks the latest FLAG_READINGS readings of the span shown (about 12 weeks of
    # hourly readings, years of daily ones); zoom in to check an earlier stretch
    rows = (Reading.objects.filter(meter=meter, start__lt=end, end__gt=start)
            .order_by("-start").values_list("start", "end", "value", "flags")[:FLAG_READINGS])
    readings = [monitor.Interval(s, e, v, frozenset(f.split(",")) if f else frozenset())
                for s, e, v, f in rows]
    return monitor.check(readings)


def target_views(meter: Meter, language: str) -> list[TargetView]:
    """The meter's targets with the light of their last complete period."""
    out = []
    zone = ZoneInfo(meter.time_zone)
    today = timezone.now().astimezone(zone).date()
    for target in Target.objects.filter(meter=meter).select_related("per_driver"):
        views = target_lights(target, today)
        if views:
            start, light = views[-1]
            out.append(TargetView(target, light, _label(Period(start, start), target.interval,
                                                         language)))
    return out


def target_lights(target: Target, today: dt.date, periods: int = 1
                  ) -> list[tuple[dt.datetime, monitor.Light]]:
    """The lights of the last ``periods`` complete periods of the target before ``today``."""
    meter = target.meter
    interval = target.interval if target.interval in ("day", "month") else "month"
    if interval == "month":
        last_end = today.replace(day=1)
        first = last_end
        for _step in range(periods):
            first = (first - dt.timedelta(days=1)).replace(day=1)
    else:
        last_end = today
        first = today - dt.timedelta(days=periods)
    first = max(first, target.starts_on)
    if target.ends_on:
        last_end = min(last_end, target.ends_on + dt.timedelta(days=1))
    if first >= last_end:
        return []
    start, end = analysis.local_span(meter, first, last_end - dt.timedelta(days=1))
    uses = analysis.series(meter, interval, start, end)
    drivers = (analysis.series(target.per_driver, interval, start, end)
               if target.per_driver else [None] * len(uses))
    out = []
    for use, driver in zip(uses, drivers, strict=True):
        out.append((use.start, monitor.light(
            use.value if use.coverage > 0 else None, target.limit, use.coverage, interval,
            driver.value if driver is not None else None, target.per_driver is not None)))
    return out


@dataclass
class MeterRow:
    meter: Meter
    resource: str
    last_reading: dt.datetime | None
    days_30: float | None
    coverage_7: float | None
    #: the light of the meter's first target in its last complete period (None: no target)
    light: monitor.Light | None = None


def meter_rows(meters: Iterable[Meter]) -> list[MeterRow]:
    """Each meter with its last reading, its use over the last 30 days with data and how much of
    the last 7 days the readings cover (a gap shows as less than 100 %)."""
    rows = []
    labels = dict(Resource.choices)
    for meter in meters:
        last = Reading.objects.filter(meter=meter).aggregate(last=Max("end"))["last"]
        days_30 = coverage = None
        if last is not None:
            zone = ZoneInfo(meter.time_zone)
            today = timezone.now().astimezone(zone).date()
            recent = DailyTotal.objects.filter(meter=meter, day__gt=today - dt.timedelta(
                days=30))
            days_30 = sum(recent.values_list("value", flat=True)) if recent.exists() else None
            week = DailyTotal.objects.filter(meter=meter, day__gt=today - dt.timedelta(days=7),
                                             day__lte=today)
            coverage = sum(week.values_list("covered_seconds", flat=True)) / (7 * 86400)
        light = None
        target = Target.objects.filter(meter=meter).select_related("per_driver").first()
        if target is not None:
            zone = ZoneInfo(meter.time_zone)
            lights = target_lights(target, timezone.now().astimezone(zone).date())
            light = lights[-1][1] if lights else None
        rows.append(MeterRow(meter, str(labels.get(meter.resource, meter.resource)), last,
                             days_30, coverage, light))
    return rows
