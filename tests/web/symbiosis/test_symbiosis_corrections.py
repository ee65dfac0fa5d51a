"""A classification correction reaches only as far as its author's role: a company's decides that
company's streams, a park manager's the park's, and only a platform curator makes one shared
knowledge (audited). Checked through the service, the company page's form and the API.

Every firm of the shared world writes "Fly ash" (2 t in January 2024 → 24 t/yr), which the
classifier reads as fly_ash; the corrections say bottom_ash.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from openeip.core.errors import DomainError
from openeip.web.registry.models import AuditEntry, ReportingPeriod, ResourceFlow
from openeip.web.symbiosis.models import ClassificationCorrection, Stream
from openeip.web.symbiosis.services.classes import promote, set_class
from openeip.web.symbiosis.services.streams import streams_from_flows
from tests.conftest import PERSONAS


@pytest.fixture
def ash(world):
    period = ReportingPeriod.objects.get(year=2024, month=1)
    for company in (world.a1, world.a2, world.b1):
        ResourceFlow.objects.create(
            company=company, period=period, direction="output", kind="waste",
            description="Fly ash", quantity=2, unit="t", base_quantity=2, base_unit="t",
            fate="landfill", cost_vnd=Decimal("0"))
        streams_from_flows(company)
    return world


def _classes(world):
    """{company code: class of its "Fly ash" stream} after each firm's streams are rebuilt."""
    for company in (world.a1, world.a2, world.b1):
        streams_from_flows(company)
    return dict(Stream.objects.filter(description="Fly ash")
                .values_list("company__code", "resource_class"))


def _stream(world, company):
    return Stream.objects.get(company=company, description="Fly ash")


def test_a_companys_correction_touches_no_other_company_in_its_park_or_another(ash):
    set_class(_stream(ash, ash.a1), "bottom_ash", ash.users["company_user"])
    correction = ClassificationCorrection.objects.get()
    assert (correction.company, correction.park) == (ash.a1, None)
    assert _classes(ash) == {"A1": "bottom_ash", "A2": "fly_ash", "B1": "fly_ash"}
    # a new stream of A1 with the same words takes A1's correction
    ResourceFlow.objects.filter(company=ash.a1, description="Fly ash").update(
        description="FLY ASH!")
    streams_from_flows(ash.a1)
    assert Stream.objects.get(company=ash.a1, description="FLY ASH!").resource_class == (
        "bottom_ash")


def test_a_consultants_correction_is_the_granted_companys_only(ash):
    set_class(_stream(ash, ash.a1), "bottom_ash", ash.users["consultant"])
    assert ClassificationCorrection.objects.get().company == ash.a1
    assert _classes(ash) == {"A1": "bottom_ash", "A2": "fly_ash", "B1": "fly_ash"}


def test_a_park_managers_correction_reaches_the_park_and_no_other(ash):
    set_class(_stream(ash, ash.a2), "bottom_ash", ash.users["park_manager"])
    correction = ClassificationCorrection.objects.get()
    assert (correction.company, correction.park) == (None, ash.alpha)
    assert _classes(ash) == {"A1": "bottom_ash", "A2": "bottom_ash", "B1": "fly_ash"}


def test_a_companys_own_correction_wins_over_its_parks(ash):
    set_class(_stream(ash, ash.a2), "bottom_ash", ash.users["park_manager"])
    Stream.objects.filter(company=ash.a1).update(confirmed=False)
    set_class(_stream(ash, ash.a1), "steel_slag", ash.users["company_user"])
    Stream.objects.update(confirmed=False)   # let the classifier decide every stream again
    assert _classes(ash) == {"A1": "steel_slag", "A2": "bottom_ash", "B1": "fly_ash"}


def test_only_a_curator_makes_a_correction_shared_and_it_is_audited(ash):
    set_class(_stream(ash, ash.a1), "bottom_ash", ash.users["company_user"])
    correction = ClassificationCorrection.objects.get()
    for persona in ("company_user", "park_manager", "consultant"):
        with pytest.raises(DomainError):
            promote(correction, ash.users[persona])
    curator = ash.users["consultant_without_grant"]
    curator.user_permissions.add(Permission.objects.get(codename="promote_correction"))
    curator = type(curator).objects.get(pk=curator.pk)   # fresh permission cache
    promote(correction, curator)
    correction.refresh_from_db()
    assert correction.shared and correction.promoted_by == curator
    assert _classes(ash) == {"A1": "bottom_ash", "A2": "bottom_ash", "B1": "bottom_ash"}
    entry = AuditEntry.objects.get(object_type="classification_correction")
    assert (entry.user, entry.company, entry.changes) == (
        curator, ash.a1, {"scope": ["company A1", "shared"]})


def test_the_company_page_and_the_api_store_the_correction_for_the_company(ash, client_as,
                                                                            api):
    a1 = _stream(ash, ash.a1)
    client_as("company_user").post("/companies/{}/symbiosis/streams/{}/class/".format(
        ash.a1.pk, a1.pk), {"resource_class": "bottom_ash"})
    b1 = _stream(ash, ash.b1)
    response = api("other_company_user").post(
        "/api/symbiosis/streams/{}/class/".format(b1.pk), {"resource_class": "steel_slag"},
        format="json")
    assert response.status_code == 200
    assert set(ClassificationCorrection.objects.values_list("company__code", "park",
                                                            "resource_class")) == {
        ("A1", None, "bottom_ash"), ("B1", None, "steel_slag")}
    assert _classes(ash) == {"A1": "bottom_ash", "A2": "fly_ash", "B1": "steel_slag"}


@pytest.mark.parametrize("persona", ["admin", "park_manager", "company_user", "anonymous"])
def test_the_curators_page_lists_and_promotes(ash, client_as, persona):
    set_class(_stream(ash, ash.a1), "bottom_ash", ash.users["company_user"])
    correction = ClassificationCorrection.objects.get()
    client = client_as(persona)
    page = client.get("/symbiosis/corrections/")
    promoted = client.post("/symbiosis/corrections/{}/promote/".format(correction.pk))
    correction.refresh_from_db()
    if persona == "admin":
        assert page.status_code == 200 and "fly ash" in page.content.decode()
        assert promoted.status_code == 302 and correction.shared
    else:
        assert page.status_code == promoted.status_code == (
            302 if persona == "anonymous" else 403)
        assert not correction.shared


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_corrections_page_is_linked_for_those_who_may_use_it(client_as, persona):
    from openeip.web.symbiosis.services.classes import may_promote

    response = client_as(persona).get("/symbiosis/")
    user = response.wsgi_request.user
    assert ('href="/symbiosis/corrections/"' in response.content.decode()) == may_promote(user)
