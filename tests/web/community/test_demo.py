"""The community and training demo seeds: several stages, one escalation, plan actions,
attendance and certificates — and running them again changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from openeip.core.synthetic import DEMO_PARK_SLUG, demo_park
from openeip.web.community.models import Grievance, Meeting
from openeip.web.community.services.demo import seed_community_demo
from openeip.web.eip.models import PlanAction
from openeip.web.registry.models import Park
from openeip.web.registry.services.importer import import_dataset
from openeip.web.training.models import Certificate, Invitation, Registration, Session
from openeip.web.training.services.demo import seed_training_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    import_dataset(demo_park(2024), DEMO_PARK_SLUG)
    return Park.objects.get(slug=DEMO_PARK_SLUG)


def _counts():
    return (Grievance.objects.count(), Meeting.objects.count(), PlanAction.objects.count(),
            Session.objects.count(), Registration.objects.count(), Certificate.objects.count())


def test_the_demo_people_of_the_park(demo):
    out = io.StringIO()
    seed_community_demo(demo, out)
    account = seed_training_demo(demo, out)
    stages = sorted(Grievance.objects.values_list("stage", flat=True))
    assert stages == ["closed", "investigating", "investigating", "received", "received"]
    escalated = Grievance.objects.get(level=1)
    assert escalated.category == "dust" and escalated.escalations.get().reason == "deadline"
    assert Grievance.objects.filter(kind="worker", retaliation=True).count() == 1
    assert all(d.startswith("DEMO") for d in Grievance.objects.values_list("description",
                                                                            flat=True))
    actions = PlanAction.objects.filter(source="community")
    assert sorted(actions.values_list("status", flat=True)) == ["in_progress", "planned"]
    # 2 held sessions × 3 firms × 3 people, two of three attended: 12 certificates
    assert Certificate.objects.count() == 12
    upcoming = Session.objects.filter(starts_at__gt=Session.objects.order_by(
        "starts_at").first().ends_at).order_by("-starts_at").first()
    assert sorted(upcoming.registrations.values_list("status", flat=True)) == [
        "registered", "registered", "waitlisted"]
    assert Invitation.objects.filter(session=upcoming).exists()
    assert account.username == "demo-trainer"
    from openeip.web.training.services.quiz import session_summary

    recp_held = Session.objects.filter(course__code="recp-basics").order_by("starts_at").first()
    summary = session_summary(recp_held)
    # 6 attendees: 1 of 2 right before (50 %), 2 of 2 after (100 %); ratings 4,5,4,5,4,5
    assert (summary["pre"], summary["post"], summary["gain"], summary["rating"]) == (
        Decimal("50.0"), Decimal("100.0"), Decimal("50.0"), Decimal("4.5"))
    before = _counts()
    seed_community_demo(demo, out)
    seed_training_demo(demo, out)
    assert _counts() == before
