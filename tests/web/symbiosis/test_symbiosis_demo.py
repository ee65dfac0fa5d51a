"""The demo park's symbiosis: streams, matches, optimal network and a pipeline, idempotent."""

from __future__ import annotations

import io

import pytest

from openeip.web.registry.models import AuditEntry, Park
from openeip.web.symbiosis.models import ExchangeRecord, Opportunity, Stream
from openeip.web.symbiosis.services import park_totals
from openeip.web.symbiosis.services.demo import DEMO_NOTE, DEMO_SHARE, seed_symbiosis_demo


@pytest.fixture
def demo_park(db):
    from openeip.core.synthetic import demo_park as dataset
    from openeip.web.registry.services.importer import import_dataset

    import_dataset(dataset(2024), "rach-may", via="cli")
    return Park.objects.get(slug="rach-may")


def _state():
    return (sorted(Opportunity.objects.values_list("supply_id", "demand_id", "rule_code",
                                                   "status", "selected")),
            sorted(ExchangeRecord.objects.values_list("opportunity_id", "year", "month",
                                                      "quantity")),
            Stream.objects.count(), AuditEntry.objects.count())


def test_the_demo_has_streams_matches_a_pipeline_and_realised_quantities(demo_park):
    out = io.StringIO()
    first = seed_symbiosis_demo(demo_park, out)
    assert "DEMO" in out.getvalue()
    assert first["streams"] > 100 and first["candidates"] > 20 and first["selected"] > 3
    statuses = dict.fromkeys(("operating", "agreed", "feasibility", "contacted"), 0)
    for status in Opportunity.objects.exclude(status="identified").values_list("status",
                                                                                flat=True):
        statuses[status] += 1
    assert statuses == {"operating": 3, "agreed": 2, "feasibility": 2, "contacted": 3}
    operating = Opportunity.objects.filter(status="operating")
    assert all(o.revealed for o in operating)
    records = ExchangeRecord.objects.filter(opportunity__in=operating)
    assert records.count() == 36 and {r.note for r in records} == {DEMO_NOTE}
    one = operating.first()
    quantity = one.selected_quantity or one.matched_quantity
    assert sum(r.quantity for r in one.records.all()) == pytest.approx(
        quantity * DEMO_SHARE, rel=1e-3)
    totals = park_totals(demo_park, records.first().year)
    assert totals["operating_exchanges"] == 3 and totals["firms_in_operating_exchanges"] >= 2
    assert AuditEntry.objects.filter(object_type="symbiosis_opportunity").exists()
    # again: nothing changes
    before = _state()
    seed_symbiosis_demo(demo_park)
    assert _state() == before
