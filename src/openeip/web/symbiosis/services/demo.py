"""Industrial symbiosis for the demo park: streams, matches, the optimal network and a pipeline.

1. every company's offers and needs are built from its flows (latest year) and classified;
2. the park is matched (region scope) and the optimal network chosen;
3. among the opportunities of the optimal network between two firms of the park, best score
   first and at most one per pair of firms, the first three are made **operating** (both firms
   revealed, moved step by step through the audited pipeline), the next two **agreed**, the next
   two **in feasibility** and the next three **contacted**;
4. each operating exchange gets twelve monthly realised quantities for the streams' year:
   :data:`DEMO_SHARE` of the optimal (else matched) quantity spread evenly over the months.
   These are DEMO figures and their note says so.

Running it again changes nothing it already did: the matcher keeps statuses and reveal flags,
the pipeline is moved only while no exchange of the park has left *identified*, and the
monthly records are replaced by the same figures.
"""

from __future__ import annotations

from typing import IO, Any

from django.db.models import F
from django.utils.translation import gettext as _

from openeip.web.base import workflow
from openeip.web.registry.models import Company, Park
from openeip.web.symbiosis.models import Opportunity, OpportunityStatus
from openeip.web.symbiosis.services import pipeline
from openeip.web.symbiosis.services.matching import refresh_matches
from openeip.web.symbiosis.services.streams import streams_from_flows

S = OpportunityStatus
#: (status reached, how many) in score order
DEMO_PIPELINE = ((S.OPERATING, 3), (S.AGREED, 2), (S.FEASIBILITY, 2), (S.CONTACTED, 3))
STEPS = (S.CONTACTED, S.FEASIBILITY, S.AGREED, S.OPERATING)
#: realised share of the exchange's quantity in the demo's monthly records
DEMO_SHARE = 0.8
DEMO_NOTE = ("DEMO figure: 80 % of the exchange's quantity spread evenly over the year / "
             "Số liệu minh họa: 80 % lượng trao đổi, chia đều cho 12 tháng")


def _candidates(park: Park) -> list[Opportunity]:
    """Optimal-network exchanges inside the park, best first, one per pair of firms."""
    rows = (Opportunity.objects.filter(supply__company__park=park, demand__company__park=park,
                                       selected=True, current=True)
            .exclude(supply__company=F("demand__company"))
            .select_related("supply__company", "demand__company").order_by("-score", "pk"))
    seen: set[tuple[int, int]] = set()
    chosen = []
    for row in rows:
        pair = (row.supply.company_id, row.demand.company_id)
        if pair not in seen:
            seen.add(pair)
            chosen.append(row)
    return chosen


def _move(opportunity: Opportunity, target: str) -> None:
    if target in (S.AGREED, S.OPERATING):
        pipeline.reveal(opportunity, "supplier", None, "cli", system=True)
        pipeline.reveal(opportunity, "receiver", None, "cli", system=True)
    for step in STEPS[:STEPS.index(target) + 1]:
        workflow.transition(opportunity, step, None, "cli")


def _record(opportunity: Opportunity, year: int) -> None:
    quantity = opportunity.selected_quantity or opportunity.matched_quantity or 0.0
    monthly = round(quantity * DEMO_SHARE / 12, 3)
    for month in range(1, 13):
        pipeline.record_quantity(opportunity, year, month, monthly, None, "cli", note=DEMO_NOTE)


def seed_symbiosis_demo(park: Park, stdout: IO[str] | None = None) -> dict[str, Any]:
    """Streams, matches and the demo pipeline of ``park`` (idempotent); returns counts."""
    streams = 0
    for company in Company.objects.filter(park=park).select_related("park"):
        streams += len(streams_from_flows(company))
    outcome = refresh_matches(park)
    moved = Opportunity.objects.filter(supply__company__park=park).exclude(
        status=S.IDENTIFIED).exists()
    chosen = _candidates(park)
    if not moved:
        position = 0
        for target, count in DEMO_PIPELINE:
            for opportunity in chosen[position:position + count]:
                _move(opportunity, target)
            position += count
    operating = [o for o in chosen if o.status == S.OPERATING] if not moved else list(
        Opportunity.objects.filter(supply__company__park=park, status=S.OPERATING))
    for opportunity in operating:
        _record(opportunity, opportunity.supply.year or 2024)
    if stdout is not None:
        stdout.write(_("Symbiosis: {streams} offers and needs, {candidates} opportunities, "
                       "{selected} in the optimal network, {operating} operating (DEMO "
                       "figures).").format(streams=streams, candidates=outcome["candidates"],
                                           selected=outcome["selected"],
                                           operating=len(operating)) + "\n")
    return {**outcome, "streams": streams, "operating": len(operating)}
