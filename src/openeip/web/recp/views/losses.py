"""A company's balances, cost of losses and hotspots, Sankey diagram and suggested options.

All figures are those of ``company_recp`` for the latest year with data: balances with their
closure error (flagged above the threshold), the MFCA-style cost of losses ranked into
hotspots, the flows as a Sankey diagram per unit, and the library's options for the hotspots
— their effects shown as typical ranges with a source, never as promises.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from openeip.core.synthetic import flow_name
from openeip.web.base.charts.chartjs import SankeyChart
from openeip.web.base.labels import current_language, kind_label
from openeip.web.recp.models import Assessment
from openeip.web.recp.services.picture import RecpPicture
from openeip.web.recp.views import library
from openeip.web.recp.views._access import may_change, visible_company
from openeip.web.recp.views.indicators import series_notices
from openeip.web.registry.services.series_values import may_set as may_set_values


def _balance_title(kind: str) -> str:
    titles = {"mass": _("Mass balance"), "water": _("Water balance"),
              "energy": _("Energy balance")}
    return titles.get(kind, kind)


def _line_label(role: str) -> str:
    extra = {"water_in_products": _("water in products"), "evaporation": _("evaporation")}
    return extra.get(role) or kind_label(role)


@dataclass
class BalanceView:
    title: str
    place: str  # '' for the whole company, else the unit operation
    data: dict[str, Any]


def balances(picture: RecpPicture) -> list[BalanceView]:
    """The company's balances, then each unit operation's, with roles named in the language."""
    found = picture.balances
    views = []
    places = [("", found.get("company", []))] + sorted(
        (found.get("unit_operations") or {}).items())
    for place, items in places:
        for item in items:
            item = dict(item)
            for part in ("inputs", "outputs", "excluded"):
                item[part] = [{**line, "label": _line_label(line["role"])}
                              for line in item[part]]
            views.append(BalanceView(_balance_title(item["kind"]), place, item))
    return views


def sankeys(picture: RecpPicture) -> list[SankeyChart]:
    """One Sankey diagram per unit (links of different units are never drawn together)."""
    chart = picture.sankey
    # the site node is named at display (stored snapshots hold the word of the language they
    # were computed in)
    labels = {node["id"]: _("Site") if node.get("role") == "site" else flow_name(node["label"])
              for node in chart.get("nodes", [])}
    by_unit: dict[str, list[tuple[str, str, float, str]]] = defaultdict(list)
    for link in chart.get("links", []):
        if link["value"] > 0:
            by_unit[link["unit"]].append((link["source"], link["target"], link["value"],
                                          link["kind"]))
    order = {"t": 0, "m³": 1, "MWh": 2}
    charts = []
    for number, unit in enumerate(sorted(by_unit, key=lambda u: (order.get(u, 9), u))):
        links = by_unit[unit]
        used = {end for source, target, _v, _k in links for end in (source, target)}
        title = _("Flows of {year} in {unit}").format(year=picture.year, unit=unit)
        charts.append(SankeyChart(dom_id="sankey-{}".format(number), title=title, unit=unit,
                                  links=links,
                                  labels={key: labels.get(key, key) for key in sorted(used)}))
    return charts


def hotspots(picture: RecpPicture) -> list[dict[str, Any]]:
    """The ranked hotspots with the resource and causes named in the language."""
    return [{**loss, "resource_label": kind_label(loss["kind"]),
             "cause_labels": [library.cause_label(code) for code in loss["causes"][:3]],
             "more_causes": max(0, len(loss["causes"]) - 3)}
            for loss in picture.hotspots]


def suggestions(picture: RecpPicture, language: str) -> list[dict[str, Any]]:
    """The suggested options: title, why, typical effect with its source."""
    found = []
    for item in picture.suggestions:
        template = library.template(item["code"], language)
        found.append({**item, "template": template,
                      "why_text": item["why"].get(language) or item["why"].get("en")})
    return found


@login_required
def company_losses(request: HttpRequest, pk: int) -> HttpResponse:
    from openeip.web.recp.services.company import company_recp

    company = visible_company(request, pk)
    language = current_language()
    picture = RecpPicture.read(company_recp(company))
    charts = sankeys(picture)
    losses = picture.losses
    context = {
        "company": company, "tab": "losses", "payload": picture,
        "balances": balances(picture),
        "total_vnd": losses.get("total_vnd", 0.0),
        "hotspots": hotspots(picture),
        "gaps": [gap["message"].get(language) or gap["message"].get("en")
                 for gap in losses.get("gaps", [])],
        "sankeys": charts,
        "chart_configs": [(c.dom_id + "-config", c.chartjs(language)) for c in charts],
        "suggestions": suggestions(picture, language),
        "assessments": list(Assessment.objects.for_user(request.user).filter(company=company)
                            .order_by("-created_at", "-id").only("pk", "title")),
        "may_change": may_change(request, company),
        "series_notices": series_notices(picture),
        "may_set_values": may_set_values(request.user, company.park),
    }
    return render(request, "recp/pages/losses.html", context)
