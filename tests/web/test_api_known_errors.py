"""The server errors an outside probe found in the API are now 4xx answers with a reason."""

from __future__ import annotations

import pytest

from openeip.web.registry.models import ResourceFlow
from tests.web.intake.test_intake_web import api_client


def test_json_nested_100000_deep_is_a_400(world):
    body = '{"quantity": ' + "[" * 100_000 + "]" * 100_000 + "}"
    flow = ResourceFlow.objects.filter(company=world.a1).first()
    response = api_client(world, "company_user").patch(
        "/api/flows/{}/".format(flow.pk), body, content_type="application/json")
    assert response.status_code == 400
    assert "more than 32 levels deep" in response.data["detail"]


def test_a_json_number_beyond_a_float_is_a_400(world):
    flow = ResourceFlow.objects.filter(company=world.a1).first()
    response = api_client(world, "company_user").patch(
        "/api/flows/{}/".format(flow.pk), '{"quantity": 1e309}', content_type="application/json")
    assert response.status_code == 400
    assert "1e309 is too large" in response.data["detail"]


@pytest.mark.parametrize("year", [99999, 1000, 2101])
def test_an_eip_assessment_with_a_year_out_of_range_is_a_400(world, year):
    response = api_client(world, "admin").post("/api/eip/assessments/", {
        "park_slug": "alpha", "edition_id": "vn-decree-35-2022", "target_year": year},
        format="json")
    assert response.status_code == 400
    assert "target_year" in response.data


def test_an_unknown_api_path_answers_json_404(world):
    response = api_client(world, "admin").get("/api/recp/assessments/0.5/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_the_schema_has_unique_component_names_and_documents_errors():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert not [w for w in GENERATOR_STATS._warn_cache if "identical names" in w]
    records = schema["paths"]["/api/symbiosis/opportunities/{id}/records/"]
    assert records["get"]["responses"]["200"]["content"]["application/json"]["schema"][
        "type"] == "array"
    assert set(records["post"]["responses"]) == {"201", "400", "401", "403", "404"}
    assert "EipAssessment" in schema["components"]["schemas"]
    assert "RecpAssessment" in schema["components"]["schemas"]


def test_a_record_without_month_is_for_the_whole_year(world, api):
    from tests.web.symbiosis_helpers import exchanges

    ex = exchanges(world)
    url = "/api/symbiosis/opportunities/{}/".format(ex.a1_b1.pk)
    api("other_company_user").post(url + "reveal/", {"side": "receiver"}, format="json")
    api("company_user").post(url + "reveal/", {"side": "supplier"}, format="json")
    for status in ("contacted", "feasibility", "agreed", "operating"):
        moved = api("park_manager").post(url + "transition/", {"status": status}, format="json")
        assert moved.status_code == 200, moved.content
    made = api("company_user").post(url + "records/", {"year": 2024, "quantity": 3},
                                    format="json")
    assert made.status_code == 201, made.content
    assert (made.data["year"], made.data["month"]) == (2024, 0)


@pytest.mark.parametrize("url", [
    "/api/products/?company=1.7594415055393484e%2B23", "/api/flows/?year=99999",
    "/api/recp/assessments/?company=100000000000000000000000",
])
def test_a_filter_beyond_what_the_column_holds_is_a_400(world, url):
    assert api_client(world, "admin").get(url).status_code == 400


@pytest.mark.parametrize("company", ["1" + "0" * 30, "²"])
def test_a_symbiosis_company_filter_that_is_no_id_is_ignored(world, company):
    response = api_client(world, "admin").get("/api/symbiosis/streams/", {"company": company})
    assert response.status_code == 200
