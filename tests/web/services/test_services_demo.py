"""The demo's shared services and Eco-Fair: a plant with its cost shared, certified products (one
expired), a showcase and a brokered match; loading again changes nothing."""

from __future__ import annotations

import io

import pytest

from openeip.web.ecofair.models import Certificate, Enquiry, Match, Showcase
from openeip.web.ecofair.services.demo import seed_ecofair_demo
from openeip.web.registry.models import AuditEntry, Park
from openeip.web.services.models import (
    AllocationShare,
    CostAllocation,
    DemandPledge,
    ServiceRequest,
    SharedAsset,
)
from openeip.web.services.services.demo import seed_services_demo


@pytest.fixture
def demo_park(db):
    from openeip.core.synthetic import demo_park as dataset
    from openeip.web.registry.services.importer import import_dataset

    import_dataset(dataset(2024), "rach-may", via="cli")
    return Park.objects.get(slug="rach-may")


def _state():
    return (SharedAsset.objects.count(), CostAllocation.objects.count(),
            AllocationShare.objects.count(), ServiceRequest.objects.count(),
            DemandPledge.objects.count(), Certificate.objects.count(), Match.objects.count(),
            Enquiry.objects.count(), AuditEntry.objects.count())


def test_the_demo_shares_the_plants_cost_and_brokers_a_match(demo_park, client):
    out = io.StringIO()
    seed_services_demo(demo_park, out)
    seed_ecofair_demo(demo_park, out)
    allocation = CostAllocation.objects.get()
    assert allocation.method == "shapley" and "DEMO" in allocation.note
    for method in ("load", "scrb", "shapley"):
        shares = AllocationShare.objects.filter(allocation=allocation, method=method)
        assert shares.count() == 5
        assert sum(s.allocated_vnd for s in shares) == allocation.total_cost_vnd
    # pooling five plants on a concave cost saves every tenant something under Shapley
    assert all(s.saving_vnd > 0 for s in AllocationShare.objects.filter(method="shapley"))
    statuses = sorted(c.status().value for c in Certificate.objects.all())
    assert statuses.count("expired") == 1 and "verified" in statuses and "pending" in statuses
    match = Match.objects.get()
    assert match.revealed
    assert Enquiry.objects.get().status == "accepted"
    assert Showcase.objects.get(park=demo_park).published
    body = client.get("/parks/rach-may/showcase/").content.decode()
    assert "Organic cashew kernels W320" in body and "Common wastewater treatment plant" in body
    before = _state()
    seed_services_demo(demo_park, None)
    seed_ecofair_demo(demo_park, None)
    assert _state() == before
