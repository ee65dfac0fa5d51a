"""The report's balances, cost of losses, flow charts and suggested options, from the payload of
:func:`company_recp` (computed by ``openeip.core.flows`` and ``openeip.core.recp.losses``).

All of them are of the payload's ``year`` (the latest year with data).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from openeip.core.recp import citation
from openeip.core.synthetic import flow_name
from openeip.web.base import formatting, pdf
from openeip.web.base.charts import svg as charts
from openeip.web.base.labels import kind_label
from openeip.web.recp.services.picture import RecpPicture
from openeip.web.recp.views.library import verification_label

HOTSPOTS_SHOWN = 10
SUGGESTIONS_SHOWN = 8


def balance_label(kind: str) -> str:
    return {"mass": _("Mass"), "water": _("Water"), "energy": _("Energy")}.get(kind, kind)


@dataclass(frozen=True)
class BalanceRow:
    scope: str  # '' for the whole company, else the unit operation
    kind: str
    unit: str
    inputs: float
    outputs: float
    closure: float
    closure_percent: float | None
    threshold_percent: float
    flagged: bool
    outputs_unmetered: bool = False


def _balance_row(scope: str, balance: Mapping[str, Any]) -> BalanceRow:
    return BalanceRow(scope, balance_label(balance["kind"]), balance["unit"],
                      balance["total_inputs"], balance["total_outputs"], balance["closure"],
                      balance["closure_percent"], balance["threshold_percent"],
                      balance["flagged"], bool(balance.get("outputs_unmetered")))


def balance_rows(picture: RecpPicture) -> list[BalanceRow]:
    balances = picture.balances
    rows = [_balance_row("", balance) for balance in balances["company"]]
    for operation, kinds in sorted(balances["unit_operations"].items()):
        rows += [_balance_row(operation, balance) for balance in kinds]
    return rows


@dataclass(frozen=True)
class LossSection:
    total_vnd: float
    hotspots: Sequence[Mapping[str, Any]]
    more: int  # hotspots not listed
    gaps: list[str]
    chart: str


def loss_section(picture: RecpPicture, language: str) -> LossSection:
    losses = picture.losses
    hotspots = [{**loss, "kind_label": kind_label(loss["kind"])}
                for loss in losses["hotspots"]]
    shown = hotspots[:HOTSPOTS_SHOWN]
    priced = [loss for loss in shown if loss["cost_vnd"] > 0]
    chart = ""
    if priced:
        # in million VND: ten-digit tick labels would run into each other
        chart = pdf.image_uri(charts.bar_chart(
            [loss["key"] for loss in priced], [loss["cost_vnd"] / 1e6 for loss in priced],
            _("Cost of the losses, million VND per year"), formatting.number))
    return LossSection(losses["total_vnd"], shown, max(0, len(hotspots) - len(shown)),
                       [gap["message"][language] for gap in losses.get("gaps", [])], chart)


def flow_chart(picture: RecpPicture, centre: str) -> str:
    """One picture of the year's flows, a row per unit (t, m³, MWh): what comes in, what goes
    out, each band as thick as its flow; '' when the year has no flows."""
    sankey = picture.sankey
    nodes = {node["id"]: node for node in sankey["nodes"]}
    panels = []
    for unit in dict.fromkeys(link["unit"] for link in sankey["links"]):
        links = [link for link in sankey["links"] if link["unit"] == unit and link["value"] > 0]
        inputs = [charts.FlowBand(flow_name(nodes[link["source"]]["label"]),
                                  link["value"],
                                  kind_label(link["kind"]))
                  for link in links if nodes[link["source"]]["role"] == "input"]
        outputs = [charts.FlowBand(flow_name(nodes[link["target"]]["label"]),
                                   link["value"],
                                   kind_label(link["kind"]))
                   for link in links if nodes[link["target"]]["role"] == "output"]
        if inputs or outputs:
            panels.append(charts.FlowPanel(unit, inputs, outputs))
    if not panels:
        return ""
    return pdf.image_uri(charts.flow_chart(panels, centre, formatting.number,
                                           nothing=_("nothing recorded")))


@dataclass(frozen=True)
class SuggestionLine:
    title: str
    hotspot: str
    why: str
    typical: str  # 'typical 10–30 % (source, verification)' or ''


def suggestion_lines(picture: RecpPicture, language: str) -> list[SuggestionLine]:
    lines = []
    for suggestion in picture.suggestions[:SUGGESTIONS_SHOWN]:
        effect = suggestion["typical_effect"]
        typical = ""
        if effect and effect["low_pct"] == effect["high_pct"]:
            typical = _("typically {value} % ({source}; {verification})").format(
                value=formatting.number(effect["low_pct"]),
                source=citation(effect["source"], language),
                verification=verification_label(effect["verification"]))
        elif effect:
            typical = _("typically {low}–{high} % ({source}; {verification})").format(
                low=formatting.number(effect["low_pct"]),
                high=formatting.number(effect["high_pct"]),
                source=citation(effect["source"], language),
                verification=verification_label(effect["verification"]))
        title = suggestion["title_vi"] if language == "vi" else suggestion["title_en"]
        lines.append(SuggestionLine(title or suggestion["title_en"], suggestion["hotspot"],
                                    suggestion["why"][language], typical))
    return lines
