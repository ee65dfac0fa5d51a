"""Shape a park's stored period totals into charts, tables and completeness figures.

Reads only the summary rows (ParkPeriodTotal, CompanyPeriodTotal) the importer keeps current,
never the flow rows themselves, so the dashboard costs the same with ten or a million flows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from openeip.core import catalogues
from openeip.web.base.labels import kind_label, month_label, unit_display

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
KIND_COLOURS = {
    "material": "#0072B2",
    "energy": "#E69F00",
    "water": "#56B4E9",
    "waste": "#D55E00",
}
_FALLBACK_COLOURS = ("#009E73", "#CC79A7", "#F0E442", "#000000")


@dataclass
class Series:
    kind: str
    label: str
    values: list[float | None]


@dataclass
class Chart:
    """Stacked bars: one bar per month, one segment per kind, all in one base unit."""

    dom_id: str
    title: str
    unit: str
    months: list[str]
    series: list[Series] = field(default_factory=list)

    def rows(self) -> list[tuple[str, list[float | None], float]]:
        """(month, value per series, month total): the table that carries the same numbers."""
        return [
            (month, [s.values[i] for s in self.series],
             sum(s.values[i] or 0.0 for s in self.series))
            for i, month in enumerate(self.months)
        ]

    def chartjs(self, language: str) -> dict[str, Any]:
        return {
            "type": "bar",
            "data": {
                "labels": self.months,
                "datasets": [
                    {"label": s.label, "data": s.values, "backgroundColor": _colour(s.kind, i)}
                    for i, s in enumerate(self.series)
                ],
            },
            "options": {
                "locale": language,
                "responsive": True,
                "maintainAspectRatio": False,
                "animation": False,
                "scales": {
                    "x": {"stacked": True},
                    "y": {"stacked": True, "beginAtZero": True,
                          "title": {"display": True, "text": self.unit}},
                },
                "plugins": {"title": {"display": True, "text": self.title}},
            },
        }


@dataclass
class YearTotal:
    """A total reported for the whole year rather than month by month."""

    direction: str
    kind: str
    unit: str
    total: float
    companies: int


@dataclass
class Completeness:
    period: str
    companies: int
    tenants: int


def _colour(kind: str, index: int) -> str:
    return KIND_COLOURS.get(kind, _FALLBACK_COLOURS[index % len(_FALLBACK_COLOURS)])


def _chart_title(direction: str, unit: str) -> str:
    if direction == "input":
        return _("Inputs, {unit}").format(unit=unit)
    return _("Outputs, {unit}").format(unit=unit)


def monthly_charts(year: int, totals: Sequence[Mapping[str, Any]]) -> list[Chart]:
    """One chart per (direction, base unit) for the months of ``year`` that have data.

    ``totals`` are ParkPeriodTotal values with period__month, direction, kind, base_unit, total.
    """
    monthly = [row for row in totals if row["period__month"]]
    months = sorted({row["period__month"] for row in monthly})
    position = {month: i for i, month in enumerate(months)}
    kind_order = list(catalogues.flow_kinds())
    grouped: dict[tuple[str, str], dict[str, list[float | None]]] = defaultdict(dict)
    for row in monthly:
        values = grouped[(row["direction"], row["base_unit"])].setdefault(
            row["kind"], [None] * len(months))
        values[position[row["period__month"]]] = row["total"]
    charts = []
    for number, ((direction, base_unit), by_kind) in enumerate(
            sorted(grouped.items(), key=lambda item: (item[0][0] != "input", item[0][1]))):
        unit = unit_display(base_unit)
        chart = Chart(dom_id="totals-chart-{}".format(number), title=_chart_title(direction, unit),
                      unit=unit, months=[month_label(year, m) for m in months])
        for kind in sorted(by_kind, key=lambda k: kind_order.index(k) if k in kind_order
                           else len(kind_order)):
            chart.series.append(Series(kind=kind, label=kind_label(kind), values=by_kind[kind]))
        charts.append(chart)
    return charts


def year_totals(totals: Sequence[Mapping[str, Any]]) -> list[YearTotal]:
    return [
        YearTotal(direction=row["direction"], kind=row["kind"],
                  unit=unit_display(row["base_unit"]), total=row["total"],
                  companies=row["companies"])
        for row in totals if not row["period__month"]
    ]


def completeness(year: int, reporting: Sequence[Mapping[str, Any]],
                 tenants: int) -> list[Completeness]:
    """Share of tenants with at least one flow row, per period of ``year``.

    ``reporting`` are CompanyPeriodTotal counts grouped by period (period__month, companies).
    """
    return [
        Completeness(period=month_label(year, row["period__month"]),
                     companies=row["companies"], tenants=tenants)
        for row in sorted(reporting, key=lambda row: row["period__month"])
    ]
