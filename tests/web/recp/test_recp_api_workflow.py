"""An option's way through the workflow, verification against measured data, and the MACC.

World as in test_recp_api_options.py: A1 has 1 MWh of grid electricity (2,000,000 VND) in
2024-01, the only month of data, so 12 MWh a year; the grid factor of 2024 is 0.6811 tCO2e/MWh.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from openeip.core.domain import Direction, FlowKind, Product, ReportingPeriod, ResourceFlow
from openeip.core.units import quantity
from openeip.web.recp.models import Assessment, AssessmentOption
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import writer
from tests.conftest import PERSONAS, SEES_A1

GRID_2024 = 0.6811


@pytest.fixture
def assessment(world):
    return Assessment.objects.create(company=world.a1, title="A1 quick scan")


def make_option(api, assessment, title="LED lighting", mwh=3, investment="10000000",
                lifetime=5):
    response = api("company_user").post("/api/recp/options/", {
        "assessment": assessment.pk, "title_en": title, "category": "technology_change",
        "investment_vnd": investment, "lifetime_years": lifetime, "discount_rate": "0.10",
        "savings": [{"description": "Grid electricity", "quantity": mwh, "unit": "MWh"}],
    }, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def move(api, pk, status, persona="company_user"):
    return api(persona).post("/api/recp/options/{}/transition/".format(pk), {"status": status},
                             format="json")


def test_an_option_moves_step_by_step_and_every_move_is_audited(api, world, assessment):
    pk = make_option(api, assessment)
    for status in ("studied", "approved", "implemented"):
        response = move(api, pk, status)
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == status
    entries = AuditEntry.objects.filter(object_type="recp_option").order_by("id")
    assert [entry.changes for entry in entries] == [
        {"status": ["identified", "studied"]}, {"status": ["studied", "approved"]},
        {"status": ["approved", "implemented"]}]
    assert {(entry.user.username, entry.via, entry.company.code) for entry in entries} == {
        ("company_user", "api", "A1")}


def test_it_refuses_a_jump_over_the_workflow_saying_what_is_allowed(api, assessment):
    pk = make_option(api, assessment)
    response = move(api, pk, "approved")
    assert response.status_code == 400
    assert response.json() == {"status": [
        "An option that is identified cannot become approved; from identified it may become: "
        "studied, rejected."]}
    assert AssessmentOption.objects.get(pk=pk).status == "identified"
    assert not AuditEntry.objects.filter(object_type="recp_option").exists()


def test_an_unknown_status_is_refused_listing_the_statuses(api, assessment):
    response = move(api, make_option(api, assessment), "done")
    assert response.status_code == 400
    assert response.json() == {"status": [
        "'done' is not allowed here; use one of: identified, studied, approved, implemented, "
        "verified, rejected."]}


def test_a_rejected_option_can_be_taken_up_again_but_a_verified_one_is_final(
        api, world, assessment):
    pk = make_option(api, assessment)
    assert move(api, pk, "rejected").status_code == 200
    assert move(api, pk, "identified").status_code == 200
    AssessmentOption.objects.filter(pk=pk).update(status="verified")
    response = move(api, pk, "rejected")
    assert response.json() == {"status": [
        "An option that is verified cannot become rejected; from verified it may become: "
        "nothing (it is final)."]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_those_entitled_move_an_a1_option(api, assessment, persona):
    pk = make_option(api, assessment)
    response = move(api, pk, "studied", persona)
    assert response.status_code == (401 if persona == "anonymous" else
                                    200 if persona in SEES_A1 else 404)


def _february(world, kwh: float, fabric_t: float) -> None:
    """A1's February 2024: less electricity, the given production."""
    feb = ReportingPeriod(2024, 2)
    writer.save_flow(ResourceFlow("A1", feb, Direction.INPUT, FlowKind.ENERGY, "Grid electricity",
                                  quantity(kwh, "kWh"), source="grid"), world.a1, None, "cli")
    writer.save_product(Product("A1", feb, "Dyed fabric", quantity(fabric_t, "t"),
                                Decimal("500000000")), world.a1, None, "cli")


def implemented(api, assessment):
    pk = make_option(api, assessment)
    for status in ("studied", "approved", "implemented"):
        move(api, pk, status)
    return pk


def test_verification_measures_the_flow_before_and_after_and_then_allows_verified(
        api, world, assessment):
    _february(world, kwh=700, fabric_t=8)
    pk = implemented(api, assessment)
    assert move(api, pk, "verified").json() == {"status": [
        "Measure the option's effect first: give the periods before and after implementation "
        "and verify."]}
    response = api("consultant").post("/api/recp/options/{}/verify/".format(pk),
                                      {"before": "2024-01", "after": "2024-02"}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["verification_before"], body["verification_after"]) == ("2024-01", "2024-02")
    line, = body["measured_change"]["lines"]
    assert (line["description"], line["unit"]) == ("Grid electricity", "MWh")
    assert line["before"] == pytest.approx(1.0) and line["after"] == pytest.approx(0.7)
    assert line["change"] == pytest.approx(0.3)
    # at February's production of 8 t: (1/10 − 0.7/8) × 8 = 0.1 MWh
    assert line["change_at_same_production"] == pytest.approx(0.1)
    assert line["expected"] == pytest.approx(3 / 12)  # 3 MWh a year, one month
    assert line["share_of_expected"] == pytest.approx(0.3 / 0.25)
    assert body["measured_change"]["ghg_tco2e"]["change"] == pytest.approx(0.3 * GRID_2024)
    assert move(api, pk, "verified").status_code == 200
    audit = AuditEntry.objects.filter(object_type="recp_option", user__username="consultant")
    assert [entry.changes for entry in audit] == [
        {"verification": [[None, None], ["2024-01", "2024-02"]]}]


@pytest.mark.parametrize("before, after, field, message", [
    ("2024-02", "2024-01", "after",
     "The period after implementation (2024-01) must come after the period before it "
     "(2024-02)."),
    ("2024", "2024-02", "after",
     "Compare like with like: 2024 and 2024-02 are not both years or both months."),
    ("2024-01", "2025-01", "after",
     "Company A1 has no flows in 2025-01; choose a period with data, such as 2024."),
    ("2024-01", "2024-14", "after", "The month 14 is not between 1 and 12."),
])
def test_verification_refuses_periods_that_cannot_be_compared(
        api, world, assessment, before, after, field, message):
    _february(world, kwh=700, fabric_t=8)
    pk = implemented(api, assessment)
    response = api("company_user").post("/api/recp/options/{}/verify/".format(pk),
                                        {"before": before, "after": after}, format="json")
    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert AssessmentOption.objects.get(pk=pk).measured_change == {}


def test_an_option_not_yet_implemented_is_not_verified(api, world, assessment):
    _february(world, kwh=700, fabric_t=8)
    pk = make_option(api, assessment)
    response = api("company_user").post("/api/recp/options/{}/verify/".format(pk),
                                        {"before": "2024-01", "after": "2024-02"}, format="json")
    assert response.json() == {"status": [
        "Only an implemented option can be verified; this one is identified."]}


def _crf(rate: float, years: int) -> float:
    return rate * (1 + rate) ** years / ((1 + rate) ** years - 1)


def test_the_macc_applies_the_cheapest_option_first_against_the_yearly_emissions(
        api, assessment):
    led = make_option(api, assessment)  # 3 MWh, 10,000,000 VND, 5 years
    schedule = make_option(api, assessment, title="Switch off at breaks", mwh=1,
                           investment="0", lifetime=1)
    rejected = make_option(api, assessment, title="Rejected idea", mwh=1)
    move(api, rejected, "rejected")
    response = api("park_manager").get("/api/recp/assessments/{}/macc/".format(assessment.pk))
    assert response.status_code == 200, response.json()
    curve = response.json()
    assert curve["baseline_tco2e"] == pytest.approx(12 * GRID_2024)  # 1 MWh a month
    assert (curve["baseline_year"], curve["gwp_set"]) == (2024, "AR5")
    first, second = curve["steps"]
    # switching off: ALCS = 2,000,000 VND a year (one year, no cost), 1 MWh → 0.6811 t
    assert first["option_id"] == schedule
    assert first["abatement_tco2e"] == pytest.approx(GRID_2024)
    assert first["cost_vnd_per_tco2e"] == pytest.approx(-2_000_000 / GRID_2024)
    # LED: ALCS = 6,000,000 − 10,000,000 × CRF(10 %, 5), 3 MWh → 2.0433 t
    assert second["option_id"] == led
    assert second["abatement_tco2e"] == pytest.approx(3 * GRID_2024)
    assert second["cumulative_tco2e"] == pytest.approx(4 * GRID_2024)
    assert second["cost_vnd_per_tco2e"] == pytest.approx(
        -(6_000_000 - 10_000_000 * _crf(0.1, 5)) / (3 * GRID_2024))
    assert curve["left_off"] == []
    assert curve["factor_versions"]["gwp_set"] == "AR5"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_macc_is_shown_only_to_those_entitled(api, assessment, persona):
    response = api(persona).get("/api/recp/assessments/{}/macc/".format(assessment.pk))
    assert response.status_code == (401 if persona == "anonymous" else
                                    200 if persona in SEES_A1 else 404)
