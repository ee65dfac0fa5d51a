"""A company's own prices through the API: checked by the price book, used by evaluations.

World as in test_recp_api_options.py: A1's electricity costs 2,000,000 VND/MWh as recorded.
"""

from __future__ import annotations

import pytest

from openeip.web.recp.models import Assessment, CompanyPrice
from tests.conftest import PERSONAS, SEES_A1


def price(world, **changes):
    return {"company": world.a1.pk, "resource": "electricity", "price": "1800", "unit": "VND/kWh",
            "note": "EVN bill, March 2024", **changes}


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_price_of_a1_is_entered_only_by_those_entitled(api, world, persona):
    response = api(persona).post("/api/recp/prices/", price(world), format="json")
    if persona == "anonymous":
        assert response.status_code == 401
    elif persona in SEES_A1:
        assert response.status_code == 201, response.json()
        assert response.json()["company_code"] == "A1"
    else:
        assert response.status_code == 400
        assert list(response.json()) == ["company"]
    assert CompanyPrice.objects.count() == (1 if persona in SEES_A1 else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a1_prices_are_listed_only_to_those_entitled(api, world, persona):
    CompanyPrice.objects.create(company=world.a1, resource="water", price=12000, unit="VND/m³")
    response = api(persona).get("/api/recp/prices/")
    if persona == "anonymous":
        assert response.status_code == 401
    else:
        assert response.json()["count"] == (1 if persona in SEES_A1 else 0)


@pytest.mark.parametrize("changes, field, message", [
    ({"unit": "VND/t"}, "unit",
     "A price of electricity cannot be per t; give it per unit of energy."),
    ({"unit": "VND/xyzzy"}, "unit",
     "The price unit 'VND/xyzzy' of electricity is not understood: Unknown unit 'xyzzy'. Use "
     "a unit such as t, kg, m³, L, kWh, MWh, GJ or toe."),
    ({"resource": "sunshine"}, "resource",
     "'sunshine' is no price key. Use electricity, water, wastewater, fuel:<fuel code> (such as "
     "fuel:diesel), waste:hazardous, waste:non_hazardous, waste:<waste code> or "
     "<kind>:<flow description> (such as material:Grey fabric)."),
    ({"price": "-5"}, "price",
     "The price of electricity is -5 VND; a price cannot be negative."),
])
def test_it_rejects_an_impossible_price_naming_the_field(api, world, changes, field, message):
    response = api("company_user").post("/api/recp/prices/", price(world, **changes),
                                        format="json")
    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert CompanyPrice.objects.count() == 0


def test_a_bare_fuel_code_is_stored_under_its_price_key(api, world):
    response = api("company_user").post(
        "/api/recp/prices/", price(world, resource="diesel", price="21000", unit="VND/L"),
        format="json")
    assert response.status_code == 201
    assert response.json()["resource"] == "fuel:diesel"


def test_a_second_price_for_the_same_resource_is_refused(api, world):
    assert api("company_user").post("/api/recp/prices/", price(world),
                                    format="json").status_code == 201
    response = api("company_user").post("/api/recp/prices/", price(world, price="1900"),
                                        format="json")
    assert response.json() == {"resource": [
        "Company A1 already has a price for 'electricity'; change that price instead."]}


def test_an_option_evaluated_again_uses_the_companys_price(api, world):
    assessment = Assessment.objects.create(company=world.a1, title="Scan")
    option = api("company_user").post("/api/recp/options/", {
        "assessment": assessment.pk, "title_en": "LED lighting", "category": "technology_change",
        "investment_vnd": "10000000", "lifetime_years": 5, "discount_rate": "0.10",
        "savings": [{"description": "Grid electricity", "quantity": 3, "unit": "MWh"}],
    }, format="json").json()
    assert option["results"]["figures"]["annual_savings_vnd"] == pytest.approx(6_000_000)
    api("company_user").post("/api/recp/prices/", price(world), format="json")
    response = api("consultant").post("/api/recp/options/{}/evaluate/".format(option["id"]))
    assert response.status_code == 200
    results = response.json()["results"]
    # 3 MWh × 1,800 VND/kWh = 5,400,000 VND a year, the company's price ahead of the recorded cost
    assert results["figures"]["annual_savings_vnd"] == pytest.approx(5_400_000)
    assert results["savings"][0]["price"] == {
        "resource": "electricity", "vnd_per_unit": 1800.0, "unit": "kWh",
        "source": "EVN bill, March 2024", "year": None, "verification": "user",
        "version": "override", "note": ""}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_those_entitled_evaluate_an_a1_option_again(api, world, persona):
    from openeip.web.recp.models import AssessmentOption

    assessment = Assessment.objects.create(company=world.a1, title="Scan")
    option = AssessmentOption.objects.create(
        assessment=assessment, title_en="LED", category="technology_change",
        discount_rate="0.10", investment_vnd=1, lifetime_years=2,
        savings=[{"description": "Grid electricity", "quantity": 1, "unit": "MWh"}])
    response = api(persona).post("/api/recp/options/{}/evaluate/".format(option.pk))
    assert response.status_code == (401 if persona == "anonymous" else
                                    200 if persona in SEES_A1 else 404)
    option.refresh_from_db()
    assert bool(option.results) == (persona in SEES_A1)
