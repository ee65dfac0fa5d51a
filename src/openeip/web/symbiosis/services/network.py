"""A park's exchange network as drawable data: graph (circle layout), Sankey links, map features.

The network is the optimal selection plus every exchange the firms have moved along the pipeline
(contacted … operating), at most :data:`MAX_EDGES` of them, best score first. Every node label
and location goes through :func:`~openeip.web.symbiosis.services.presenting.present`, so an
anonymised firm is drawn without its name, and never placed on the map.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from django.db.models import Q

from openeip.web.symbiosis.models import Opportunity, OpportunityStatus
from openeip.web.symbiosis.services.matching import touching
from openeip.web.symbiosis.services.presenting import present_many, with_sides
from openeip.web.symbiosis.services.ranking import ranked

MAX_EDGES = 300
IN_PIPELINE = (OpportunityStatus.CONTACTED, OpportunityStatus.FEASIBILITY,
               OpportunityStatus.AGREED, OpportunityStatus.OPERATING)
# Okabe–Ito hues, distinguishable with colour-vision deficiencies; "identified" (most of the
# lines) a light grey, so the exchanges taken further stand out; firms are drawn in FIRM_COLOUR,
# which no status uses
STATUS_COLOURS = {
    "identified": "#b8bcc4", "contacted": "#0072B2", "feasibility": "#CC79A7",
    "agreed": "#E69F00", "operating": "#009E73", "ended": "#D55E00",
}
FIRM_COLOUR = "#1f2933"


def network_opportunities(park: Any, user: Any) -> Any:
    rows = Opportunity.objects.for_user(user).filter(touching(park)).filter(
        Q(selected=True) | Q(status__in=IN_PIPELINE))
    return with_sides(ranked(rows))[:MAX_EDGES]


def edges(park: Any, user: Any, language: str) -> list[dict[str, Any]]:
    """The presented opportunities of the network, each with its drawn quantity."""
    found = present_many(network_opportunities(park, user), user, language)
    for edge in found:
        # exact, or from the bands while a side is anonymised (see presenting.present)
        edge["quantity"] = edge["drawn_quantity"] or 0.0
    return found


def _node_key(side: dict[str, Any], opportunity_id: int, role: str) -> str:
    """Named firms are one node each; an anonymised side is its own node (never merged, so the
    drawing cannot tell that two anonymous sides are the same firm)."""
    if side["company_id"] is not None:
        return "c{}".format(side["company_id"])
    return "a{}{}".format(role, opportunity_id)


def graph(found: list[dict[str, Any]], size: int = 760) -> dict[str, Any]:
    """Nodes on a circle and straight edges, in SVG user units (``size`` × ``size``)."""
    nodes: dict[str, dict[str, Any]] = {}
    for edge in found:
        for role, side in (("s", edge["supplier"]), ("r", edge["receiver"])):
            key = _node_key(side, edge["id"], role)
            nodes.setdefault(key, {"key": key, "label": side["name"], "named": side["named"],
                                   "url": side["url"], "sector": side["sector"]})
    ordered = sorted(nodes.values(), key=lambda n: (not n["named"], n["label"]))
    centre, radius = size / 2, size / 2 - 170   # room for the labels outside the circle
    for number, node in enumerate(ordered):
        angle = 2 * math.pi * number / max(len(ordered), 1) - math.pi / 2
        node["x"] = round(centre + radius * math.cos(angle), 1)
        node["y"] = round(centre + radius * math.sin(angle), 1)
        node["anchor"] = "start" if math.cos(angle) >= 0 else "end"
        node["lx"] = round(centre + (radius + 10) * math.cos(angle), 1)
        node["ly"] = round(centre + (radius + 10) * math.sin(angle), 1)
        # each label along its radius, as in a chord diagram (upright on the left half), so
        # the names at the top and bottom of the circle no longer run into each other
        degrees = math.degrees(angle)
        node["rotate"] = round(degrees if math.cos(angle) >= 0 else degrees + 180, 1)
    lines = []
    for edge in found:
        start = nodes[_node_key(edge["supplier"], edge["id"], "s")]
        end = nodes[_node_key(edge["receiver"], edge["id"], "r")]
        lines.append({"x1": start["x"], "y1": start["y"], "x2": end["x"], "y2": end["y"],
                      "colour": STATUS_COLOURS.get(edge["status"], "#8a8f98"),
                      "width": 3 if edge["selected"] else 1.5, "edge": edge})
    return {"size": size, "nodes": ordered, "edges": lines,
            "labels": len(ordered) <= 60}


def sankey_links(found: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """{unit: [flow]}, suppliers on the left; a flow: its supplier and receiver nodes
    (``source``, ``target``), ``quantity``, ``status`` with its ``status_label``, and
    ``material`` (the class's name)."""
    by_unit: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in found:
        if edge["quantity"] > 0 and edge["unit"]:
            by_unit[edge["unit"]].append({
                "source": "s-" + _node_key(edge["supplier"], edge["id"], "s"),
                "target": "r-" + _node_key(edge["receiver"], edge["id"], "r"),
                "quantity": float(edge["quantity"]), "status": edge["status"],
                "status_label": edge["status_label"], "material": edge["class_name"]})
    return dict(by_unit)


def sankey_labels(found: list[dict[str, Any]]) -> dict[str, str]:
    labels = {}
    for edge in found:
        labels["s-" + _node_key(edge["supplier"], edge["id"], "s")] = edge["supplier"]["name"]
        labels["r-" + _node_key(edge["receiver"], edge["id"], "r")] = edge["receiver"]["name"]
    return labels


def map_features(found: list[dict[str, Any]], locations: dict[int, tuple[float, float]]
                 ) -> list[dict[str, Any]]:
    """GeoJSON features: a point per named firm with a location, a line per exchange whose two
    sides are both named and located. ``locations`` maps company id to (latitude, longitude)."""
    points: dict[int, dict[str, Any]] = {}
    lines = []
    for edge in found:
        ends: list[list[float] | None] = []
        for side in (edge["supplier"], edge["receiver"]):
            company_id = side["company_id"]
            if company_id is None or company_id not in locations:
                ends.append(None)
                continue
            lat, lon = locations[company_id]
            ends.append([lon, lat])
            points.setdefault(company_id, {
                "type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"role": "firm", "name": side["name"], "url": side["url"],
                               "sector": side["sector"], "colour": FIRM_COLOUR}})
        if ends[0] is not None and ends[1] is not None and ends[0] != ends[1]:
            lines.append({"type": "Feature",
                          "geometry": {"type": "LineString", "coordinates": ends},
                          "properties": {"role": "exchange", "status": edge["status"],
                                         "status_label": edge["status_label"],
                                         "colour": STATUS_COLOURS.get(edge["status"]),
                                         "class_name": edge["class_name"], "url": edge["url"],
                                         "selected": edge["selected"]}})
    return list(points.values()) + lines
