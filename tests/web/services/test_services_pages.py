"""Shared services pages and API, per persona: the register, cost sharing and the tenant's report,
service requests (audited workflow) and joint procurement."""

from __future__ import annotations

import csv
import io

import pytest

from openeip.core.services import allocate
from openeip.core.services.coalitions_file import read_coalitions_csv
from openeip.web.registry.models import AuditEntry
from openeip.web.services.models import (
    AllocationShare,
    CostAllocation,
    DemandPledge,
    RequestStatus,
    ServiceRequest,
    SharedAsset,
    UtilisationRecord,
)
from tests.conftest import PERSONAS, SEES_A1
from tests.web.services.helpers import COALITIONS, services_world, tenant_report_url

MANAGES_ALPHA = {"admin", "park_manager"}
pytestmark = pytest.mark.django_db


def test_the_allocation_stores_the_three_methods_with_the_hand_numbers(world):
    s = services_world(world)
    shares = {(row.company.code, row.method): float(row.allocated_vnd)
              for row in AllocationShare.objects.filter(allocation=s.allocation)
              .select_related("company")}
    # two players: Shapley = SCRB = stand-alone + half the saving of 50 M: 75 M and 125 M
    assert shares[("A1", "shapley")] == 75_000_000
    assert shares[("A2", "shapley")] == 125_000_000
    assert shares[("A1", "scrb")] == 75_000_000
    # loads 2 and 3 (from the connections): 80 M and 120 M
    assert shares[("A1", "load")] == 80_000_000
    assert shares[("A2", "load")] == 120_000_000
    assert s.allocation.results["load"]["blocking"] == []


def test_the_tenants_report_shows_its_share_and_the_others_anonymised(world, client_as):
    services_world(world)
    response = client_as("company_user").get(tenant_report_url(world))
    body = response.content.decode()
    assert response.status_code == 200
    assert "A1 + P1" in body and "A2" not in body and "Company A2" not in body
    assert "openeip services allocate" in body
    comparison = response.context["comparison"]
    assert comparison.individual_vnd == 100_000_000 and comparison.allocated_vnd == 75_000_000
    assert comparison.road_km is not None and comparison.connection_capital_vnd > 0


def test_the_tenants_csv_reproduces_its_share_with_the_core_engine(world, client_as):
    s = services_world(world)
    response = client_as("consultant").get(
        "/services/allocations/{}/companies/{}/coalitions.csv".format(s.allocation.pk,
                                                                      world.a1.pk))
    text = response.content.decode()
    assert "A2" not in text and "P1" in text
    game = read_coalitions_csv(text.encode(), "c.csv").table
    assert allocate(game, "shapley").by_participant()["A1"] == pytest.approx(75_000_000)
    assert allocate(game, "load").by_participant()["A1"] == pytest.approx(80_000_000)


def test_another_parks_user_gets_no_report_and_no_asset(world, client_as):
    s = services_world(world)
    client = client_as("other_company_user")
    assert client.get(tenant_report_url(world)).status_code == 404
    assert client.get("/services/assets/{}/".format(s.asset.pk)).status_code == 404
    assert client.get("/api/services/assets/").json()["results"] == []


def test_a_tenant_sees_only_its_own_connection_in_the_api(world, client_as):
    services_world(world)
    rows = client_as("company_user").get("/api/services/assets/").json()["results"]
    assert [c["company_code"] for c in rows[0]["connections"]] == ["A1"]
    rows = client_as("park_manager").get("/api/services/assets/").json()["results"]
    assert [c["company_code"] for c in rows[0]["connections"]] == ["A1", "A2"]
    assert rows[0]["utilisation"][0]["utilisation"] == 0.75


def test_the_manager_shares_a_cost_from_the_form(world, client_as):
    s = services_world(world)
    response = client_as("park_manager").post(
        "/services/assets/{}/allocate/".format(s.asset.pk),
        {"year": 2025, "method": "scrb", "coalitions": COALITIONS, "note": ""})
    assert response.status_code == 302
    row = CostAllocation.objects.latest("pk")
    assert row.year == 2025 and row.method == "scrb"
    assert AuditEntry.objects.filter(object_type="cost_allocation").count() == 2


@pytest.mark.parametrize("csv_text, words", [
    ("members,cost_vnd\nA1,100\nA2,-5\nA1+A2,90\n", "row 3"),
    ("members,cost_vnd\nA1,100\nB1,50\nA1+B1,120\n", "not a tenant connected"),
    ("members,cost_vnd\nA1,100\nA1+A2,120\n", "unknown"),
])
def test_a_bad_coalition_file_is_refused_with_its_row_and_nothing_stored(
        world, client_as, csv_text, words):
    s = services_world(world)
    before = CostAllocation.objects.count()
    response = client_as("park_manager").post(
        "/services/assets/{}/allocate/".format(s.asset.pk),
        {"year": 2025, "method": "shapley", "coalitions": csv_text})
    assert response.status_code == 200
    assert words in response.content.decode()
    assert CostAllocation.objects.count() == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_parks_managers_record_utilisation(world, client_as, persona):
    s = services_world(world)
    response = client_as(persona).post("/services/assets/{}/utilisation/".format(s.asset.pk),
                                       {"period_start": "2024-02-01", "used": "1800",
                                        "source": "meter"})
    recorded = UtilisationRecord.objects.filter(asset=s.asset, used=1800).exists()
    assert recorded == (persona in MANAGES_ALPHA)
    if persona not in MANAGES_ALPHA:
        assert response.status_code in (302, 404) if persona == "anonymous" else (
            response.status_code == 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_tenant_opens_a_service_request_for_its_company(world, client_as, persona):
    s = services_world(world)
    client_as(persona).post("/companies/{}/services/requests/new/".format(world.a1.pk), {
        "asset": s.asset.pk, "title": "Meter check", "deadline": "2030-01-01"})
    made = ServiceRequest.objects.filter(title="Meter check").exists()
    assert made == (persona in SEES_A1)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_parks_managers_move_a_request_and_each_move_is_audited(
        world, client_as, persona):
    s = services_world(world)
    client_as(persona).post("/services/requests/{}/status/".format(s.request.pk),
                            {"status": "acknowledged"})
    s.request.refresh_from_db()
    moved = s.request.status == RequestStatus.ACKNOWLEDGED
    assert moved == (persona in MANAGES_ALPHA)
    entries = AuditEntry.objects.filter(object_type="service_request", company=world.a1)
    assert entries.filter(changes__status=["open", "acknowledged"]).exists() == moved


def test_a_request_cannot_skip_its_workflow(world, client_as):
    s = services_world(world)
    client_as("park_manager").post("/services/requests/{}/status/".format(s.request.pk),
                                   {"status": "open"})
    s.request.refresh_from_db()
    assert s.request.status == RequestStatus.OPEN


def test_an_overdue_request_is_flagged_on_the_park_page(world, client_as):
    services_world(world)
    body = client_as("park_manager").get("/parks/alpha/services/").content.decode()
    assert "Sludge pickup late" in body and "overdue" in body


@pytest.mark.parametrize("persona", PERSONAS)
def test_tenants_state_their_needs_and_the_park_sees_the_total(world, client_as, persona):
    s = services_world(world)
    client_as(persona).post("/services/joint/{}/needs/".format(s.joint.pk),
                            {"company": world.a1.pk, "quantity": "400"})
    quantity = DemandPledge.objects.get(joint_request=s.joint, company=world.a1).quantity
    assert (quantity == 400) == (persona in SEES_A1)


def test_the_joint_request_page_gives_the_total_of_needs(world, client_as):
    s = services_world(world)
    response = client_as("park_manager").get("/services/joint/{}/".format(s.joint.pk))
    assert response.context["totals"] == {"tenants": 1, "quantity": 250.0, "unit": "kWp"}


def test_the_manager_adds_an_asset(world, client_as):
    response = client_as("park_manager").post("/parks/alpha/services/assets/new/", {
        "code": "yard", "name_en": "Waste yard", "name_vi": "Bãi chất thải",
        "asset_type": "waste_yard", "capacity": "20", "capacity_unit": "t/day",
        "operator": "Park JSC", "service_levels": ""})
    assert response.status_code == 302
    assert SharedAsset.objects.filter(park=world.alpha, code="yard").exists()


def test_the_pages_speak_vietnamese(world, client_as):
    services_world(world)
    client = client_as("company_user")
    client.cookies["django_language"] = "vi"
    body = client.get(tenant_report_url(world), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Trạm XLNT chung" in body


def test_the_allocation_csv_is_stored_with_the_connections_loads(world):
    s = services_world(world)
    rows = list(csv.DictReader(io.StringIO(s.allocation.coalitions_csv)))
    assert {r["members"]: r["load"] for r in rows} == {"A1": "2.0", "A2": "3.0", "A1+A2": ""}
