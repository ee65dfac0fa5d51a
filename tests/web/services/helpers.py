"""A small shared-services world on top of tests/conftest.py's: a common wastewater plant of
park alpha with A1 and A2 connected, its cost shared, a request of A1, a joint procurement."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

#: the hand game of tests/core/test_services_allocation.py in million VND: A1 alone 100, A2 150
COALITIONS = "members,cost_vnd\nA1,100000000\nA2,150000000\nA1+A2,200000000\n"


def services_world(w: SimpleNamespace) -> SimpleNamespace:
    from openeip.web.registry.models import Company
    from openeip.web.services.models import (
        AssetConnection,
        DemandPledge,
        JointRequest,
        SharedAsset,
        UtilisationRecord,
    )
    from openeip.web.services.services.allocations import allocate_asset
    from openeip.web.services.services.requests import open_request

    if hasattr(w, "services"):
        return w.services  # type: ignore[no-any-return]
    Company.objects.filter(pk=w.a1.pk).update(latitude=10.90, longitude=106.80)
    w.a1.refresh_from_db()
    asset = SharedAsset.objects.create(
        park=w.alpha, code="cetp", name_en="Common effluent plant", name_vi="Trạm XLNT chung",
        asset_type="wastewater_treatment", capacity=2000, capacity_unit="m3/day",
        operator="Operator JSC", service_levels="QCVN 40:2011/BTNMT column A",
        latitude=10.91, longitude=106.80, published=True)
    AssetConnection.objects.create(asset=asset, company=w.a1, load=2, load_unit="kg COD/day",
                                   quantity_per_year=36500)
    AssetConnection.objects.create(asset=asset, company=w.a2, load=3, load_unit="kg COD/day")
    UtilisationRecord.objects.create(asset=asset, period_start=datetime.date(2024, 1, 1),
                                     used=1500, source="meter")
    admin = w.users["admin"]
    allocation = allocate_asset(asset, year=2024, csv_text=COALITIONS, method="shapley",
                                user=admin)
    request = open_request(w.a1, asset, title="Sludge pickup late", description="",
                           deadline=datetime.date(2024, 2, 1), user=w.users["company_user"])
    joint = JointRequest.objects.create(
        park=w.alpha, title_en="Rooftop solar", title_vi="Điện mặt trời mái nhà",
        category="rooftop_solar", unit="kWp", deadline=datetime.date(2030, 1, 1))
    pledge = DemandPledge.objects.create(joint_request=joint, company=w.a1, quantity=250)
    w.services = SimpleNamespace(asset=asset, allocation=allocation, request=request,
                                 joint=joint, pledge=pledge)
    return w.services


def tenant_report_url(w: SimpleNamespace, company: Any = None) -> str:
    s = services_world(w)
    return "/services/allocations/{}/companies/{}/".format(s.allocation.pk,
                                                           (company or w.a1).pk)
