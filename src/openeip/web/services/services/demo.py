"""Shared services for the demo park: a common wastewater treatment plant of the dyeing cluster,
its utilisation, its cost shared by the three methods, service requests and a joint procurement.

The costs are DEMO figures, not quotes: each coalition's yearly cost follows the engineering
"six-tenths rule" c(S) = C_ref · (Q_S / Q_ref)^0.6 scaled on an ASSUMED 12 billion VND a year for
a 2,000 m³/day plant (:data:`DEMO_REFERENCE`); the loads are the tenants' wastewater volumes of
the latest year of their flows. Running it again changes nothing.
"""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core.services.games import PooledLoad, coalition_label, power_law_cost
from openeip.web.base.workflow import transition
from openeip.web.registry.models import Company, Park, ResourceFlow
from openeip.web.services.models import (
    AssetConnection,
    CostAllocation,
    DemandPledge,
    JointRequest,
    ServiceRequest,
    SharedAsset,
    UtilisationRecord,
)
from openeip.web.services.services.allocations import allocate_asset
from openeip.web.services.services.requests import open_request

#: (cost VND/yr, capacity m³/day, exponent): ASSUMED for the demo, marked as such everywhere
DEMO_REFERENCE = (12e9, 2000.0, 0.6)
DEMO_NOTE = ("DEMO figures: coalition costs from a six-tenths power law on an assumed "
             "12 billion VND/yr for 2,000 m³/day / Số liệu minh họa: chi phí theo quy luật "
             "lũy thừa 0,6 với giả định 12 tỷ đồng/năm cho 2.000 m³/ngày")
CLUSTER_PREFIX = "DYE-"


def _daily_wastewater(company: Company) -> tuple[int | None, float]:
    rows = ResourceFlow.objects.filter(company=company, kind="wastewater", direction="output")
    year = rows.order_by("-period__year").values_list("period__year", flat=True).first()
    if year is None:
        return None, 0.0
    total = rows.filter(period__year=year).aggregate(v=Sum("base_quantity"))["v"] or 0.0
    return int(year), float(total) / 365.0


def seed_services_demo(park: Park, stdout: IO[str] | None = None) -> None:
    tenants = list(Company.objects.filter(park=park, code__startswith=CLUSTER_PREFIX)
                   .order_by("code"))
    loads = {company.code: _daily_wastewater(company) for company in tenants}
    tenants = [c for c in tenants if loads[c.code][1] > 0]
    if len(tenants) < 2:
        return
    asset, _created = SharedAsset.objects.get_or_create(
        park=park, code="cetp-dye", defaults={
            "name_en": "Common wastewater treatment plant (dyeing cluster)",
            "name_vi": "Trạm xử lý nước thải tập trung (cụm dệt nhuộm)",
            "asset_type": "wastewater_treatment", "capacity": 2000,
            "capacity_unit": "m3/day", "operator": park.operator or "Park infrastructure company",
            "service_levels": "DEMO: effluent to QCVN 40:2011/BTNMT; 24/7 operation; response "
                              "to a tenant's request within 2 working days",
            "latitude": park.latitude, "longitude": park.longitude, "published": True})
    for company in tenants:
        AssetConnection.objects.get_or_create(asset=asset, company=company, defaults={
            "load": round(loads[company.code][1], 1), "load_unit": "m3/day",
            "quantity_per_year": round(loads[company.code][1] * 365.0)})
    year = max(y for y, _v in loads.values() if y is not None)
    pooled = sum(loads[c.code][1] for c in tenants)
    for month in range(1, 13):
        UtilisationRecord.objects.get_or_create(
            asset=asset, period_start=datetime.date(year, month, 1),
            defaults={"used": round(pooled, 1), "source": UtilisationRecord.Source.ESTIMATE,
                      "park": park})
    if not CostAllocation.objects.filter(asset=asset).exists():
        game = PooledLoad({c.code: loads[c.code][1] for c in tenants},
                          power_law_cost(*DEMO_REFERENCE))
        n = len(game.participants)
        lines = ["members,cost_vnd"] + ["{},{}".format(
            coalition_label(mask, game.participants), round(game.cost(mask)))
            for mask in sorted(range(1, 1 << n), key=lambda m: (m.bit_count(), m))]
        allocate_asset(asset, year=year, csv_text="\n".join(lines), method="shapley",
                       user=None, note=DEMO_NOTE, via="cli")
    _requests(asset, tenants[0])
    _joint(park, tenants)
    if stdout is not None:
        stdout.write(_("Shared services: {count} tenants connected to {asset}, cost shared.")
                     .format(count=len(tenants), asset=asset.name_en) + "\n")


def _requests(asset: SharedAsset, company: Company) -> None:
    if ServiceRequest.objects.filter(asset=asset).exists():
        return
    today = timezone.localdate()
    open_request(company, asset, title="DEMO: colour in the effluent after the weekend",
                 description="DEMO request", deadline=today + datetime.timedelta(days=14),
                 user=None, via="cli")
    done = open_request(company, asset, title="DEMO: meter calibration certificate",
                        description="DEMO request", deadline=today - datetime.timedelta(days=30),
                        user=None, via="cli")
    for status in ("acknowledged", "resolved"):
        transition(done, status, None, via="cli", note="DEMO")


def _joint(park: Park, tenants: list[Any]) -> None:
    joint, created = JointRequest.objects.get_or_create(
        park=park, title_en="DEMO: rooftop solar for the dyeing cluster", defaults={
            "title_vi": "Minh họa: điện mặt trời mái nhà cho cụm dệt nhuộm",
            "category": "rooftop_solar", "unit": "kWp",
            "description": "DEMO: one tender for all roofs of the cluster",
            "deadline": timezone.localdate() + datetime.timedelta(days=60)})
    if created:
        for company, kwp in zip(tenants[:3], (300, 450, 200), strict=False):
            DemandPledge.objects.get_or_create(joint_request=joint, company=company,
                                               defaults={"quantity": kwp, "note": "DEMO"})
