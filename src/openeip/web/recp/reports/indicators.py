"""The report's indicator and GHG sections, read from :func:`company_recp`'s payload.

The payload holds what the core engines computed (``openeip.core.recp.indicators``,
``openeip.core.ghg``); this module only picks the figures the report shows and draws the trend.

The report period is the latest whole year with a value (a year counts only when all twelve
months are reported), else the latest month with one — the rule the peer comparison uses too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from openeip.core import ghg
from openeip.core.domain import ReportingPeriod
from openeip.web.base import formatting, pdf
from openeip.web.base.charts import svg as charts
from openeip.web.base.labels import unit_display
from openeip.web.recp.reports.facts import family_label
from openeip.web.recp.services.picture import RecpPicture

INDICATORS = ("energy", "materials", "water", "waste", "ghg", "wastewater")


def _unit(text: str) -> str:
    return unit_display(text.replace(" ", ""))


@dataclass(frozen=True)
class Figure:
    value: float | None
    unit: str
    note: str = ""  # why there is no value


@dataclass(frozen=True)
class IndicatorLine:
    indicator: str
    label: str
    absolute: Figure
    intensities: tuple[Figure, ...]  # one per denominator, in the payload's order
    absolute_change: float | None  # percent against the baseline
    intensity_change: float | None  # of the first denominator
    improved: bool | None


def report_period(indicators: Mapping[str, Any]) -> str | None:
    """The label of the period the tables show (module docstring)."""
    valued = {row["period"] for row in indicators["rows"]
              if row["absolute"] and row["absolute"]["value"] is not None}
    years = sorted(p for p in valued if "-" not in p)
    months = sorted(p for p in valued if "-" in p)
    return (years or months or [None])[-1]


def _figure(amount: Mapping[str, Any] | None, language: str) -> Figure:
    if amount is None:
        return Figure(None, "")
    message = amount.get("message") or {}
    return Figure(amount["value"], _unit(amount["unit"]), message.get(language, ""))


#: sales value is shown per million VND, as the RECP pages show it
VALUE_SCALE = 1e6


def _intensity(rows: Sequence[Mapping[str, Any]], denominator: Mapping[str, Any],
               absolute_unit: str) -> Figure:
    """The intensity of one denominator, in 'indicator unit / output unit' (t/t stays t/t)."""
    row = next((r for r in rows if r["denominator"] == denominator["key"]), None)
    value = row["intensity"] if row else None
    if not value or not absolute_unit:
        return Figure(None, "")
    if denominator["key"] == "value":
        return Figure(value["value"] * VALUE_SCALE, "{}/{}".format(absolute_unit,
                                                                   _("million VND")))
    return Figure(value["value"], "{}/{}".format(absolute_unit, _unit(denominator["unit"])))


def _change(changes: Sequence[Mapping[str, Any]], indicator: str, form: str, period: str,
            denominator: str | None = None) -> Mapping[str, Any] | None:
    for change in changes:
        if (change["indicator"], change["form"], change["period"]) == (indicator, form, period) \
                and (denominator is None or change["denominator"] == denominator):
            return change
    return None


def indicator_lines(picture: RecpPicture, period: str | None,
                    language: str) -> list[IndicatorLine]:
    indicators = picture.indicators
    denominators = indicators.denominator_keys
    changes = picture.changes
    lines = []
    for indicator in INDICATORS:
        rows = [r for r in indicators.rows
                if r["indicator"] == indicator and r["period"] == period]
        absolute = _figure(rows[0]["absolute"], language) if rows else Figure(None, "")
        intensities = [_intensity(rows, d, absolute.unit)
                       for d in indicators.denominators]
        first = denominators[0] if denominators else None
        by_absolute = _change(changes, indicator, "absolute", period or "")
        by_intensity = _change(changes, indicator, "intensity", period or "", first)
        lines.append(IndicatorLine(
            indicator, family_label(indicator), absolute, tuple(intensities),
            by_absolute["percent"] if by_absolute else None,
            by_intensity["percent"] if by_intensity else None,
            (by_intensity or by_absolute or {}).get("improved")))
    return lines


def denominator_labels(picture: RecpPicture) -> list[str]:
    labels = {"value": _("per million VND of sales"), "mass": _("per tonne of product"),
              "volume": _("per m³ of product"), "area": _("per m² of product"),
              "count": _("per piece"), "energy": _("per MWh of product")}
    return [labels.get(key, key) for key in picture.indicators.denominator_keys]


def trend_chart(picture: RecpPicture, baseline: str = "") -> str:
    """Small multiples of each indicator's monthly absolute value; '' without monthly data."""
    rows = picture.indicators.rows
    months = sorted({row["period"] for row in rows if "-" in row["period"]})
    if not months:
        return ""
    panels = []
    for indicator in INDICATORS:
        values: dict[str, float | None] = {}
        unit = ""
        for row in rows:
            if row["indicator"] == indicator and row["absolute"]:
                values[row["period"]] = row["absolute"]["value"]
                unit = unit or _unit(row["absolute"]["unit"])
        panels.append(charts.TrendPanel(
            family_label(indicator), unit, months, [values.get(m) for m in months],
            baseline=values.get(baseline) if baseline in months else None,
            baseline_label=_("baseline")))
    return pdf.image_uri(charts.trend_chart(panels, formatting.number))


@dataclass(frozen=True)
class GhgSection:
    gwp_set: str
    gwp_label: str
    years: list[tuple[str, Mapping[str, float]]]
    year: int | None
    by_flow: list[Mapping[str, Any]]
    not_counted: list[tuple[str, str, str]]  # description, period, reason
    factor_versions: list[tuple[str, str]]
    factors: list[ghg.FactorReference]


def ghg_section(picture: RecpPicture, year_flows: list[Any], language: str,
                grid_overrides: Mapping[int, Any] | None = None) -> GhgSection:
    """The picture's GHG figures, and the factors behind them with their verification (read
    from the inventory of the report year's flows, which the picture does not keep)."""
    data = picture.ghg
    gwp = data["gwp_set"]
    factors: dict[tuple[str, str], ghg.FactorReference] = {}
    for line in ghg.inventory(year_flows, gwp=gwp, grid_overrides=grid_overrides).lines:
        for reference in line.factors:
            factors.setdefault((reference.table, reference.key), reference)
    return GhgSection(
        gwp_set=gwp,
        gwp_label=_("IPCC {report} 100-year global warming potentials").format(report=gwp),
        years=sorted(data["by_year"].items()), year=picture.year,
        by_flow=data["year_by_flow"],
        not_counted=[(n["description"], n["period"], n["reason"][language])
                     for n in data["not_counted"]],
        factor_versions=sorted(data["factor_versions"].items()),
        factors=[factors[key] for key in sorted(factors)])


def period_label(label: str | None) -> str:
    """'2024-01' as this language writes a month; '2024' stays."""
    if not label:
        return ""
    from openeip.web.base.labels import month_label

    period = ReportingPeriod.parse(label)
    return month_label(period.year, period.month or 0)
