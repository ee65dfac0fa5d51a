"""Chart.js configurations of the RECP pages, built on the server as plain JSON.

``static/openeip/charts.js`` draws every ``<canvas data-chart-config>`` from its JSON, so the
pages hold no chart code of their own; every chart has a table with the same numbers next to it.

* trend: one line per indicator form over the months (or years) with data;
* MACC: each option a rectangle, as wide as the tCO2e it abates per year and as high as its cost
  per tCO2e, laid side by side in the order of the curve (cheapest first);
* Sankey: a company's flows of one base unit (t, m³ or MWh) from where they come to where they go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# Okabe–Ito palette, as on the park dashboard: distinguishable with colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
           "#000000")
KIND_COLOURS = {"material": "#0072B2", "energy": "#E69F00", "water": "#56B4E9",
                "waste": "#D55E00", "wastewater": "#009E73", "air_emission": "#CC79A7",
                "by_product": "#F0E442", "heat": "#E69F00", "product": "#5D8C3A"}
SITE_COLOUR = "#4f5d6b"


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def base_options(language: str, title: str) -> dict[str, Any]:
    return {"locale": language, "responsive": True, "maintainAspectRatio": False,
            "animation": False, "plugins": {"title": {"display": True, "text": title}}}


@dataclass
class TrendSeries:
    label: str
    values: list[float | None]


@dataclass
class TrendChart:
    """Lines over periods, all in one unit (the table beside it carries the same numbers)."""

    dom_id: str
    title: str
    unit: str
    periods: list[str]
    series: list[TrendSeries] = field(default_factory=list)

    def rows(self) -> list[tuple[str, list[float | None]]]:
        return [(period, [s.values[i] for s in self.series])
                for i, period in enumerate(self.periods)]

    def chartjs(self, language: str) -> dict[str, Any]:
        options = base_options(language, self.title)
        options["scales"] = {"y": {"beginAtZero": True,
                                   "title": {"display": True, "text": self.unit}}}
        options["spanGaps"] = False
        # one line needs no legend: the title names it
        options["plugins"]["legend"] = {"display": len(self.series) > 1}
        return {"type": "line", "data": {
            "labels": self.periods,
            "datasets": [{"label": s.label, "data": s.values, "borderColor": colour(i),
                          "backgroundColor": colour(i), "tension": 0}
                         for i, s in enumerate(self.series)]},
            "options": options}


@dataclass
class MaccBar:
    position: int
    name: str
    option_id: int | None
    abatement_tco2e: float
    start_tco2e: float
    cost_vnd_per_tco2e: float
    annual_cost_vnd: float

    @property
    def end_tco2e(self) -> float:
        return self.start_tco2e + self.abatement_tco2e


@dataclass
class MaccChart:
    dom_id: str
    title: str
    bars: list[MaccBar]
    baseline_tco2e: float | None = None

    @property
    def total_abatement_tco2e(self) -> float:
        return sum(bar.abatement_tco2e for bar in self.bars)

    def chartjs(self, language: str) -> dict[str, Any]:
        """Each bar a closed rectangle on linear axes (Chart.js bars cannot vary in width):
        (start, 0) → (start, cost) → (end, cost) → (end, 0), filled down to zero."""
        datasets = []
        for index, bar in enumerate(self.bars):
            corners = [(bar.start_tco2e, 0.0), (bar.start_tco2e, bar.cost_vnd_per_tco2e),
                       (bar.end_tco2e, bar.cost_vnd_per_tco2e), (bar.end_tco2e, 0.0)]
            datasets.append({
                "label": "{}. {}".format(bar.position, bar.name),
                "data": [{"x": x, "y": y} for x, y in corners],
                "showLine": True, "fill": "origin", "pointRadius": 0, "borderWidth": 1,
                "borderColor": colour(index), "backgroundColor": colour(index) + "B3"})
        options = base_options(language, self.title)
        options["scales"] = {
            "x": {"type": "linear", "min": 0,
                  "title": {"display": True,
                            "text": _("Abatement, tCO2e per year (cumulative)")}},
            "y": {"title": {"display": True, "text": _("Cost, VND per tCO2e")}}}
        options["plugins"]["legend"] = {"position": "bottom"}
        return {"type": "scatter", "data": {"datasets": datasets}, "options": options}


@dataclass
class SankeyChart:
    dom_id: str
    title: str
    unit: str
    links: list[tuple[str, str, float, str]]  # (from node id, to node id, value, kind)
    labels: dict[str, str] = field(default_factory=dict)  # node id -> what the node shows
    # per link, optional: what its tooltip and table row add ("Spent grain · agreed"), and its
    # colour (else the colour of its kind)
    notes: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, float, str]]:
        """(from, to, value, note): the table that carries the same numbers."""
        notes = self.notes or [""] * len(self.links)
        return [(self.labels.get(source, source), self.labels.get(target, target), value, note)
                for (source, target, value, _kind), note in zip(self.links, notes, strict=True)]

    @property
    def height_rem(self) -> int:
        """Room for the labels of the busier side: 2.5 rem a node, at least 20 rem (1.6 rem
        still let neighbouring names run into each other)."""
        sources = {source for source, _t, _v, _k in self.links}
        targets = {target for _s, target, _v, _k in self.links}
        return max(20, round(2.5 * max(len(sources), len(targets))))

    def chartjs(self, language: str) -> dict[str, Any]:
        colours = self.colours or [KIND_COLOURS.get(kind, SITE_COLOUR)
                                   for _f, _t, _v, kind in self.links]
        options = base_options(language, self.title)
        options["plugins"]["legend"] = {"display": False}
        # room under the last node for its label (it was clipped at the bottom edge)
        options["layout"] = {"padding": {"top": 4, "bottom": 16, "left": 4, "right": 4}}
        return {"type": "sankey", "data": {"datasets": [{
            "label": self.title,
            "data": [{"from": source, "to": target, "flow": value}
                     for source, target, value, _kind in self.links],
            "labels": self.labels,
            "colorFrom": colours, "colorTo": colours, "colorMode": "gradient",
            "borderWidth": 0, "nodeWidth": 12, "nodePadding": 14, "size": "max"}]},
            "options": options,
            # read by static/openeip/charts.js for the box's height and the tooltip (names,
            # figure in the reader's locale, unit, note), then removed before Chart.js sees it
            "openeip": {"unit": self.unit, "notes": self.notes, "heightRem": self.height_rem}}


def macc_chart(curve: Any) -> MaccChart:
    """The chart of a MaccCurve from :func:`openeip.web.recp.services.macc.curve_for`."""
    bars = [MaccBar(position=step.position, name=step.title, option_id=step.option_id,
                    abatement_tco2e=step.abatement_tco2e,
                    start_tco2e=step.cumulative_tco2e - step.abatement_tco2e,
                    cost_vnd_per_tco2e=step.cost_vnd_per_tco2e,
                    annual_cost_vnd=step.annual_cost_vnd)
            for step in curve.steps]
    title = _("Marginal abatement cost curve, {year} baseline ({gwp})").format(
        year=curve.baseline_year, gwp=curve.gwp_set)
    return MaccChart(dom_id="macc-chart", title=title, bars=bars,
                     baseline_tco2e=curve.baseline_tco2e)
