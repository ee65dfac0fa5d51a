"""A park's exchange network: graph and Sankey (one page), map page and its GeoJSON."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from openeip.web.base.charts.chartjs import SankeyChart
from openeip.web.base.labels import current_language, unit_display
from openeip.web.registry.models import Company
from openeip.web.registry.views.maps import GEOJSON, boundary_feature
from openeip.web.symbiosis.services import network
from openeip.web.symbiosis.views._access import visible_park

UNIT_ORDER = {"t": 0, "m3": 1, "MWh": 2}
#: links drawn per Sankey chart (the largest); every exchange is in the table under the graph
SANKEY_MAX_LINKS = 30


def sankeys(found: list[dict]) -> list[SankeyChart]:
    labels = network.sankey_labels(found)
    charts = []
    links = network.sankey_links(found)
    for number, unit in enumerate(sorted(links, key=lambda u: (UNIT_ORDER.get(u, 9), u))):
        rows = sorted(links[unit], key=lambda row: -row["quantity"])
        title = _("Exchanged flows in {unit} per year").format(unit=unit_display(unit))
        if len(rows) > SANKEY_MAX_LINKS:
            title = _("The {count} largest exchanged flows in {unit} per year").format(
                count=SANKEY_MAX_LINKS, unit=unit_display(unit))
            rows = rows[:SANKEY_MAX_LINKS]
        used = {row[end] for row in rows for end in ("source", "target")}
        # each flow names what flows and how far it has gone, and takes its status's colour
        charts.append(SankeyChart(
            dom_id="symbiosis-sankey-{}".format(number), title=title, unit=unit_display(unit),
            links=[(row["source"], row["target"], row["quantity"], "by_product") for row in rows],
            labels={key: labels[key] for key in sorted(used)},
            notes=["{} · {}".format(row["material"], row["status_label"]) for row in rows],
            colours=[network.STATUS_COLOURS.get(row["status"], network.FIRM_COLOUR)
                     for row in rows]))
    return charts


@login_required
def park_network(request: HttpRequest, slug: str) -> HttpResponse:
    park = visible_park(request, slug)
    language = current_language()
    found = network.edges(park, request.user, language)
    charts = sankeys(found)
    return render(request, "symbiosis/network.html", {
        "park": park, "tab": "network", "graph": network.graph(found), "found": found,
        "colours": status_colours(), "firm_colour": network.FIRM_COLOUR,
        "sankeys": charts,
        "chart_configs": [(c.dom_id + "-config", c.chartjs(language)) for c in charts],
        "max_edges": network.MAX_EDGES,
    })


def status_colours() -> list[tuple[str, str, str]]:
    """(status, label, colour) for the keys of the network, flows and map."""
    return [(code, label, network.STATUS_COLOURS[code]) for code, label in _status_choices()]


def _status_choices() -> list[tuple[str, str]]:
    from openeip.web.symbiosis.models import OpportunityStatus

    return [(code, str(label)) for code, label in OpportunityStatus.choices]


@login_required
def park_map_page(request: HttpRequest, slug: str) -> HttpResponse:
    park = visible_park(request, slug)
    return render(request, "symbiosis/map.html", {"park": park, "tab": "map",
                                                  "colours": status_colours(),
                                                  "firm_colour": network.FIRM_COLOUR})


@login_required
def park_map_geojson(request: HttpRequest, slug: str) -> JsonResponse:
    park = visible_park(request, slug)
    found = network.edges(park, request.user, current_language())
    ids = {side["company_id"] for edge in found for side in (edge["supplier"], edge["receiver"])
           if side["company_id"] is not None}
    locations = {}
    for company in Company.objects.for_user(request.user).filter(pk__in=ids).select_related(
            "park"):
        lat = company.latitude if company.latitude is not None else company.park.latitude
        lon = company.longitude if company.longitude is not None else company.park.longitude
        if lat is not None and lon is not None:
            locations[company.pk] = (lat, lon)
    boundary = boundary_feature(park.boundary)
    features = ([boundary] if boundary else []) + network.map_features(found, locations)
    return JsonResponse({"type": "FeatureCollection", "features": features},
                        content_type=GEOJSON)
