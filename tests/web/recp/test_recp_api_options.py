"""RECP options through the API: every write evaluated before it is stored, exact figures.

World (tests/conftest.py), A1 in 2024-01 only: Grid electricity 1000 kWh costing 2,000,000 VND
(so 2,000,000 VND/MWh as recorded), Tap water 50 m³ without cost, Sludge 2 t (hazardous, to
landfill) without cost, Dyed fabric 10 t. One month of data: yearly consumption = 12 × the
month, so 12 MWh of electricity. Vietnam's grid factor for 2024 is 0.6811 tCO2e/MWh.

The LED option: 10,000,000 VND, 5 years, 10 %, saves 3 MWh a year of Grid electricity:
savings 3 × 2,000,000 = 6,000,000 VND/yr; simple payback 10/6 = 1.6667 yr;
NPV = 6,000,000 × (1 − 1.1⁻⁵)/0.1 − 10,000,000 = 12,744,720.62 VND; GHG 3 × 0.6811 = 2.0433 t.
"""

from __future__ import annotations

import pytest

from openeip.web.recp.models import Assessment, AssessmentOption
from tests.conftest import PERSONAS, SEES_A1


@pytest.fixture
def assessment(world):
    return Assessment.objects.create(company=world.a1, title="A1 quick scan")


def led(assessment, **changes):
    return {"assessment": assessment.pk, "title_en": "LED lighting", "title_vi": "Đèn LED",
            "category": "technology_change", "investment_vnd": "10000000", "lifetime_years": 5,
            "discount_rate": "0.10", "extra_om_vnd": "0",
            "savings": [{"description": "Grid electricity", "quantity": 3, "unit": "MWh"}],
            **changes}


def create(api, assessment, persona="company_user", **changes):
    return api(persona).post("/api/recp/options/", led(assessment, **changes), format="json")


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_option_of_a1_is_created_and_evaluated_only_by_those_entitled(
        api, assessment, persona):
    response = create(api, assessment, persona)
    if persona == "anonymous":
        assert response.status_code == 401
    elif persona in SEES_A1:
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["status"] == "identified"
        assert body["next_statuses"] == ["studied", "rejected"]
        assert body["title"] == "LED lighting"
        figures = body["results"]["figures"]
        assert figures["annual_savings_vnd"] == pytest.approx(6_000_000, abs=1e-6)
        assert figures["simple_payback_years"] == pytest.approx(10 / 6, rel=1e-12)
        assert figures["npv_vnd"] == pytest.approx(12_744_720.6164, abs=1e-3)
        assert body["results"]["effects"]["energy_mwh"] == pytest.approx(3.0)
        assert body["results"]["effects"]["ghg_tco2e"] == pytest.approx(2.0433, abs=1e-12)
    else:
        assert response.status_code == 400
        assert list(response.json()) == ["assessment"]
    assert AssessmentOption.objects.count() == (1 if persona in SEES_A1 else 0)


def test_the_stored_results_say_which_prices_and_factors_they_used(api, assessment):
    results = create(api, assessment).json()["results"]
    assert results["baseline_year"] == 2024
    assert results["gwp_set"] == "AR5"
    saving = results["savings"][0]
    assert (saving["quantity"], saving["unit"], saving["baseline"], saving["baseline_months"]) == (
        3.0, "MWh", 12.0, 1)
    assert saving["price_vnd_per_unit"] == pytest.approx(2_000_000)
    assert saving["price"]["verification"] == "recorded"
    assert saving["price"]["source"] == {"msgid": "cost recorded on the flow for {period}",
                                         "params": {"period": "2024"}}
    assert results["factor_versions"]["gwp_set"] == "AR5"
    assert set(results["factor_versions"]) == {"gwp", "gwp_set", "grid_factors"}
    assert set(results["price_versions"]) >= {"electricity_tariffs"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_a1_option_is_shown_only_to_those_entitled(api, assessment, persona):
    pk = create(api, assessment).json()["id"]
    response = api(persona).get("/api/recp/options/{}/".format(pk))
    assert response.status_code == (401 if persona == "anonymous" else
                                    200 if persona in SEES_A1 else 404)
    listed = api(persona).get("/api/recp/options/")
    if persona != "anonymous":
        assert listed.json()["count"] == (1 if persona in SEES_A1 else 0)


@pytest.mark.parametrize("changes, field, message", [
    ({"lifetime_years": -3}, "lifetime_years",
     "The lifetime of -3 years is impossible; give the years the option keeps saving (1 or "
     "more)."),
    ({"savings": [{"description": "Grid electricity", "quantity": 13, "unit": "MWh"}]}, "savings",
     "The saving of 13 MWh of Grid electricity is larger than the 12 MWh consumed in the "
     "baseline; a saving cannot exceed the consumption it comes from."),
    ({"savings": [{"description": "Tap water", "quantity": 100, "unit": "m³"}]}, "savings",
     "No price for 'Tap water' of A1 in 2024. Record its cost on the flow, or enter a price for "
     "'water' in the company's prices. OpenEIP has no default water tariff for the province "
     "'Đồng Nai'."),
    ({"savings": [{"description": "Steam", "quantity": 1, "unit": "MWh"}]}, "savings",
     "The company has no flow 'Steam' in 2024; a saving must name one of its flows: Grid "
     "electricity, Sludge, Tap water."),
    ({"savings": [{"description": "Grid electricity", "quantity": 1, "unit": "m³"}]}, "savings",
     "The saving of Grid electricity is in m³, but the company's Grid electricity is counted in "
     "MWh; give the saving in a unit of the same kind, such as MWh."),
    ({"savings": [{"description": "Sludge", "quantity": 1, "unit": "kWh"}]}, "savings",
     "The saving of Sludge is in kWh, but the company's Sludge is counted in t; give the saving "
     "in a unit of the same kind, such as t."),
    ({"savings": [{"description": "Grid electricity", "quantity": 3, "unit": "MWh/h"}]},
     "savings",
     "The saving of Grid electricity: 'MWh/h' is a rate. Flows are totals per reporting period: "
     "give the amount over the period, such as t, m³ or kWh."),
    ({"discount_rate": "10"}, "discount_rate",
     "discount_rate = 10 means more than 100 % a year; rates are fractions: write 0.10 for "
     "10 %."),
    ({"investment_vnd": "-5"}, "investment_vnd",
     "investment_vnd cannot be negative (-5): a grant larger than the cost is not an "
     "investment; give 0."),
    ({"template_code": "NOPE-1"}, "template_code",
     "'NOPE-1' is not an option of the RECP library; use a code listed by /api/recp/library/, "
     "or leave it empty for an option of your own."),
    ({"title_en": "", "title_vi": ""}, "title_en",
     "An option of your own needs a title in English or Vietnamese."),
    ({"category": "magic"}, "category",
     "'magic' is not an option category; use one of: good_housekeeping, input_material_change, "
     "better_process_control, equipment_modification, technology_change, "
     "onsite_recovery_reuse, useful_by_products, product_modification."),
])
def test_it_rejects_bad_input_naming_the_field_and_stores_nothing(
        api, assessment, changes, field, message):
    response = create(api, assessment, **changes)
    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert AssessmentOption.objects.count() == 0


def test_a_library_option_takes_its_title_from_the_library(api, assessment):
    response = create(api, assessment, template_code="STM-01", title_en="", title_vi="",
                      category="")
    assert response.status_code == 201, response.json()
    assert response.json()["title"] == "Repair steam leaks and survey steam traps"
    vietnamese = api("company_user").get("/api/recp/options/{}/".format(response.json()["id"]),
                                         HTTP_ACCEPT_LANGUAGE="vi")
    assert vietnamese.json()["title"] == "Sửa rò rỉ hơi và kiểm tra định kỳ bẫy hơi"


def test_a_change_is_evaluated_again_and_a_refused_change_leaves_the_option_as_it_was(
        api, assessment):
    pk = create(api, assessment).json()["id"]
    url = "/api/recp/options/{}/".format(pk)
    changed = api("company_user").patch(url, {"investment_vnd": "6000000"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["results"]["figures"]["simple_payback_years"] == pytest.approx(1.0)
    refused = api("company_user").patch(url, {"lifetime_years": 0}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["lifetime_years"]
    stored = AssessmentOption.objects.get(pk=pk)
    assert (stored.lifetime_years, stored.investment_vnd) == (5, 6_000_000)
    assert stored.results["figures"]["simple_payback_years"] == pytest.approx(1.0)


def test_an_option_stays_with_its_assessment(api, world, assessment):
    pk = create(api, assessment).json()["id"]
    other = Assessment.objects.create(company=world.a1, title="Second scan")
    response = api("admin").patch("/api/recp/options/{}/".format(pk),
                                  {"assessment": other.pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["assessment"]


def test_the_status_cannot_be_written_directly(api, assessment):
    pk = create(api, assessment).json()["id"]
    response = api("company_user").patch("/api/recp/options/{}/".format(pk),
                                         {"status": "verified"}, format="json")
    assert response.status_code == 200
    assert AssessmentOption.objects.get(pk=pk).status == "identified"


def test_a_consultants_own_option_saving_more_of_one_flow_and_using_more_of_another(
        api, world, assessment):
    """Negative savings: the option uses more of a flow (here: more sludge to landfill), which
    needs a price like any other; the company enters one."""
    from openeip.web.recp.models import CompanyPrice

    CompanyPrice.objects.create(company=world.a1, resource="waste:hazardous", price="3000000",
                                unit="VND/t", note="contract with the treatment firm")
    savings = [{"description": "Grid electricity", "quantity": 3, "unit": "MWh"},
               {"description": "Sludge", "quantity": -0.5, "unit": "t"}]
    body = create(api, assessment, persona="consultant", savings=savings).json()
    # 3 × 2,000,000 − 0.5 × 3,000,000 = 4,500,000 VND a year
    assert body["results"]["figures"]["annual_savings_vnd"] == pytest.approx(4_500_000)
    assert body["results"]["effects"]["waste_t"] == pytest.approx(-0.5)
    assert body["results"]["savings"][1]["price"]["verification"] == "user"
    assert body["created_by"] == "consultant"
