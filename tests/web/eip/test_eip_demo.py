"""The EIP demo: DEMO evidence, assessments under both editions, a plan — idempotent."""

from __future__ import annotations

import io

import pytest

from openeip.core.synthetic import DEMO_PARK_SLUG, demo_park
from openeip.web.eip.models import Evidence, ParkAssessment, PlanAction
from openeip.web.eip.services.demo import DEMO_EDITIONS, seed_eip_demo
from openeip.web.registry.models import Park
from openeip.web.registry.services.importer import import_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    import_dataset(demo_park(2024), DEMO_PARK_SLUG)
    return Park.objects.get(slug=DEMO_PARK_SLUG)


def _counts():
    return (Evidence.objects.count(), ParkAssessment.objects.count(),
            PlanAction.objects.count())


def test_it_assesses_the_demo_park_under_both_editions_and_plans(demo):
    out = io.StringIO()
    seed_eip_demo(demo, out)
    for edition_id in DEMO_EDITIONS:
        saved = ParkAssessment.objects.filter(park=demo, edition_id=edition_id)
        assert saved.count() == 2                                   # last year-end and today
        latest = saved.order_by("-as_of").first().result
        assert latest["overall"]["met"] > 0
        assert latest["intended_overall"]["met"] >= latest["overall"]["met"]
        assert PlanAction.objects.filter(park=demo, edition_id=edition_id).exists()
    assert all(note.startswith("DEMO") for note in Evidence.objects.values_list("note",
                                                                                flat=True))
    assert "EIP vn-decree-35-2022" in out.getvalue()
    history = [row.result["overall"]["met"] for row in ParkAssessment.objects.filter(
        park=demo, edition_id="vn-decree-35-2022").order_by("as_of")]
    assert history[1] > history[0]                                  # this year's updates count


def test_running_it_again_changes_nothing(demo):
    seed_eip_demo(demo)
    before = _counts()
    seed_eip_demo(demo)
    assert _counts() == before
