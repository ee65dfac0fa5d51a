"""Where a company stands among the other firms of its VSIC sector, in its park and on the
platform — as aggregates only (:func:`openeip.core.recp.peers.peer_percentiles` withholds
everything below five peers), never another firm's figure.

The peers' figures come from their snapshots with the same GWP set and comparison period (the
latest whole year, else the latest month). In the park the
sector's snapshots are brought up to date first; on the platform the stored ones are used as
they are (a park's snapshots are refreshed whenever one of its firms is looked at or the demo
or a batch job computes them), so the platform position may lag behind the latest data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openeip.core.errors import DomainError
from openeip.core.recp import peer_percentiles
from openeip.core.units import Quantity
from openeip.web.recp.models import IndicatorSnapshot
from openeip.web.recp.services import jsonable
from openeip.web.registry.models import Company

__all__ = ["positions"]

SCOPES = ("park", "platform")


def _quantity(value: dict[str, Any] | None) -> Any:
    # units such as MWh/t or m³/VND: ratios, which parse_unit (for flows) refuses on purpose
    return None if value is None else Quantity(value["value"], value["unit"])


def _same_sector(company: Company) -> Any:
    return Company.objects.filter(vsic_code__startswith=company.vsic_code[:4]).exclude(
        pk=company.pk)


def positions(company: Company, snapshot: IndicatorSnapshot,
              refresh: Callable[[Company, str], IndicatorSnapshot]) -> list[dict[str, Any]]:
    """One entry per figure and scope: the figure (indicator, form, denominator), the period,
    the scope and the aggregates :func:`peer_percentiles` allows."""
    own = snapshot.figures
    if not own:
        return []
    for peer in _same_sector(company).filter(park_id=company.park_id):
        refresh(peer, snapshot.gwp_set)
    stored = IndicatorSnapshot.objects.filter(
        gwp_set=snapshot.gwp_set, figures__period=own["period"],
        company__in=_same_sector(company)).values_list("company__park_id", "figures")
    by_scope: dict[str, list[dict[str, Any]]] = {"park": [], "platform": []}
    for park_id, figures in stored:
        by_scope["platform"].append(figures["values"])
        if park_id == company.park_id:
            by_scope["park"].append(figures["values"])
    result = []
    for key, value in sorted(own["values"].items()):
        indicator, form, denominator = key.split("|")
        for scope in SCOPES:
            values = [_quantity(figures.get(key)) for figures in by_scope[scope]]
            try:
                position = peer_percentiles(_quantity(value), values)
            except DomainError:  # the peers' units cannot be compared with the company's
                continue
            result.append({"indicator": indicator, "form": form,
                           "denominator": denominator or None, "period": own["period"],
                           "scope": scope, **jsonable.peer_json(position)})
    return result
