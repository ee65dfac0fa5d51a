"""Greenhouse gases and peer position as the dashboard shows them, from ``company_recp``.

GHG: scope 1 and scope 2 per year and month with biogenic CO2 as a memo item, the GWP set
named, the factor versions listed. Peers: aggregates only, and only where the service found
enough peers; otherwise the page says so instead of showing anything that could reveal a firm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from openeip.web.base.charts.chartjs import PALETTE, base_options
from openeip.web.recp.models import GwpChoice
from openeip.web.recp.services.picture import RecpPicture
from openeip.web.recp.views.indicators import (
    INDICATORS,
    display_scale,
    form_unit,
    indicator_label,
    is_month,
    period_label,
)


@dataclass
class ScopeTotals:
    period: str
    scope1: float
    scope2: float
    total: float
    biogenic: float


@dataclass
class GhgView:
    gwp_label: str
    years: list[ScopeTotals]
    months: list[ScopeTotals]
    by_flow: list[dict[str, Any]]
    not_counted: list[tuple[str, str, str]]
    factor_versions: dict[str, str]
    dom_id: str = "ghg-chart"
    chart: dict[str, Any] = field(default_factory=dict)


def _totals(label: str, totals: dict[str, float]) -> ScopeTotals:
    return ScopeTotals(label, totals["scope1_tco2e"], totals["scope2_tco2e"],
                       totals["total_tco2e"], totals["biogenic_co2_tco2e"])


def ghg_view(picture: RecpPicture, language: str) -> GhgView:
    ghg = picture.ghg
    gwp = ghg.get("gwp_set") or picture.gwp_set
    months = [_totals(period_label(label), totals) for label, totals
              in sorted(ghg["by_period"].items()) if is_month(label)]
    view = GhgView(
        gwp_label=str(dict(GwpChoice.choices).get(gwp, gwp)),
        years=[_totals(label, totals) for label, totals in sorted(ghg["by_year"].items())],
        months=months,
        by_flow=ghg["year_by_flow"],
        not_counted=[(item["description"], period_label(item["period"]),
                      str(item["reason"].get(language) or item["reason"].get("en")))
                     for item in ghg["not_counted"]],
        factor_versions=dict(ghg.get("factor_versions") or picture.factor_versions))
    if months:
        options = base_options(language, _("Greenhouse gas emissions by month, tCO2e"))
        options["scales"] = {"x": {"stacked": True},
                             "y": {"stacked": True, "beginAtZero": True,
                                   "title": {"display": True, "text": "tCO2e"}}}
        view.chart = {"type": "bar", "data": {
            "labels": [m.period for m in months],
            "datasets": [
                {"label": _("Scope 1 (fuels and process)"), "data": [m.scope1 for m in months],
                 "backgroundColor": PALETTE[3]},
                {"label": _("Scope 2 (grid electricity)"), "data": [m.scope2 for m in months],
                 "backgroundColor": PALETTE[0]}]},
            "options": options}
    return view


@dataclass
class PeerCell:
    """The aggregates of one scope (park or platform), or why they are withheld."""

    peer_count: int
    min_peers: int
    percentile: float | None
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    withheld: str

    @property
    def too_few(self) -> bool:
        return self.withheld == "too_few_peers"


@dataclass
class PeerRow:
    label: str
    unit: str
    park: PeerCell | None = None
    platform: PeerCell | None = None


def _value(quantity: dict[str, Any] | None, scale: float) -> float | None:
    return None if quantity is None else quantity["value"] * scale


def peer_rows(picture: RecpPicture, form: str, key: str | None) -> list[PeerRow]:
    """The company's position on each absolute figure and on the chosen ratio, in the park and
    on the platform, in the order of the six indicators."""
    rows: dict[tuple[str, str], PeerRow] = {}
    for entry in picture.peers:
        if entry["form"] != "absolute" and (entry["form"], entry["denominator"]) != (form, key):
            continue
        scale = display_scale(entry["form"], entry["denominator"])
        label = indicator_label(entry["indicator"])
        if entry["form"] != "absolute":
            label = "{} ({})".format(label, _("intensity") if entry["form"] == "intensity"
                                     else _("productivity"))
        row = rows.setdefault((entry["indicator"], entry["form"]), PeerRow(
            label, form_unit(picture, entry["indicator"], entry["form"], entry["denominator"])))
        cell = PeerCell(entry["peer_count"], entry["min_peers"], entry["percentile"],
                        _value(entry["median"], scale), _value(entry["lower_quartile"], scale),
                        _value(entry["upper_quartile"], scale), entry["withheld"])
        setattr(row, "park" if entry["scope"] == "park" else "platform", cell)
    order = {code: number for number, code in enumerate(INDICATORS)}
    return [rows[k] for k in sorted(rows, key=lambda k: (order.get(k[0], 99), k[1] != "absolute"))]


def peer_counts(rows: list[PeerRow]) -> dict[str, int]:
    """The most peers any figure has, per scope (what the page says when all are withheld)."""
    return {scope: max((getattr(row, scope).peer_count for row in rows
                        if getattr(row, scope) is not None), default=0)
            for scope in ("park", "platform")}
