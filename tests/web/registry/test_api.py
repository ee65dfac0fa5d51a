"""The REST API, asked by every persona: exact status codes and exactly the rows each may see.

World (tests/conftest.py), all in 2024-01: park alpha with companies A1 and A2, park beta with B1.
Each company has three flows (Grid electricity 1000 kWh, Tap water 50 m³, Sludge 2 t) and one
product (Dyed fabric 10 t). Every persona but 'anonymous' calls with a real token.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from openeip.web.registry.models import AuditEntry, Company, ParkPeriodTotal, ResourceFlow
from tests.conftest import PASSWORD, PERSONAS, SEES_A1

COMPANIES_SEEN = {
    "admin": {"A1", "A2", "B1"},
    "park_manager": {"A1", "A2"},
    "company_user": {"A1"},
    "other_company_user": {"B1"},
    "consultant": {"A1"},
    "consultant_revoked": set(),
    "consultant_expired": set(),
    "consultant_not_started": set(),
    "consultant_without_grant": set(),
    "lender_officer": set(),  # only finance dossiers shared with its lender
}
PARKS_MANAGED = {persona: set() for persona in COMPANIES_SEEN} | {
    "admin": {"alpha", "beta"}, "park_manager": {"alpha"}}
FLOW_DESCRIPTIONS = ("Grid electricity", "Tap water", "Sludge")
USERS = [persona for persona in PERSONAS if persona != "anonymous"]


def test_the_visibility_table_agrees_with_the_shared_personas():
    assert set(COMPANIES_SEEN) | {"anonymous"} == set(PERSONAS)
    assert {persona for persona, codes in COMPANIES_SEEN.items() if "A1" in codes} == SEES_A1


def a1_flow(world, description: str = "Tap water") -> ResourceFlow:
    return ResourceFlow.objects.get(company=world.a1, description=description)


def expected_status(persona: str, entitled: bool, ok: int) -> int:
    if persona == "anonymous":
        return 401
    return ok if entitled else 404


# Reading: lists hold exactly the persona's rows, a detail outside them is 404, no token is 401.

@pytest.mark.parametrize("persona", USERS)
def test_the_park_list_holds_exactly_the_parks_the_persona_manages(api, persona):
    response = api(persona).get("/api/parks/")
    assert response.status_code == 200
    assert {park["slug"] for park in response.json()["results"]} == PARKS_MANAGED[persona]
    assert response.json()["count"] == len(PARKS_MANAGED[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_park_is_shown_only_to_its_managers(api, persona):
    response = api(persona).get("/api/parks/alpha/")
    assert response.status_code == expected_status(
        persona, persona in ("admin", "park_manager"), 200)
    if response.status_code == 200:
        assert response.json()["name_en"] == "Park alpha"
        assert response.json()["area_ha"] == 100.0


@pytest.mark.parametrize("persona", USERS)
def test_the_company_list_holds_exactly_the_companies_the_persona_may_see(api, persona):
    response = api(persona).get("/api/companies/")
    assert response.status_code == 200
    assert {company["code"] for company in response.json()["results"]} == COMPANIES_SEEN[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_company_a1_is_shown_only_to_those_entitled(api, world, persona):
    response = api(persona).get("/api/companies/{}/".format(world.a1.pk))
    assert response.status_code == expected_status(persona, persona in SEES_A1, 200)
    if response.status_code == 200:
        assert response.json() == {
            "id": world.a1.pk, "park": "alpha", "code": "A1", "name_en": "Company A1",
            "name_vi": "Công ty A1", "vsic_code": "1313", "vsic_name": world.a1.vsic_name,
            "employees": 120, "ownership": "private_domestic", "latitude": None,
            "longitude": None}


@pytest.mark.parametrize("persona", PERSONAS)
def test_reporting_periods_are_listed_to_every_signed_in_persona(api, persona):
    response = api(persona).get("/api/periods/")
    assert response.status_code == (401 if persona == "anonymous" else 200)
    if response.status_code == 200:
        [period] = response.json()["results"]
        assert (period["label"], period["year"], period["month"], period["start"]) == (
            "2024-01", 2024, 1, "2024-01-01")
        detail = api(persona).get("/api/periods/{}/".format(period["id"]))
        assert detail.json()["label"] == "2024-01"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_flow_list_holds_exactly_the_flows_of_the_companies_the_persona_may_see(api, persona):
    response = api(persona).get("/api/flows/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    seen = {(flow["company_code"], flow["description"]) for flow in response.json()["results"]}
    assert seen == {(code, description) for code in COMPANIES_SEEN[persona]
                    for description in FLOW_DESCRIPTIONS}


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_a1_flow_is_shown_only_to_those_entitled(api, world, persona):
    flow = a1_flow(world)
    response = api(persona).get("/api/flows/{}/".format(flow.pk))
    assert response.status_code == expected_status(persona, persona in SEES_A1, 200)
    if response.status_code == 200:
        assert response.json() == {
            "id": flow.pk, "company": world.a1.pk, "company_code": "A1", "park": "alpha",
            "period": "2024-01", "direction": "input", "kind": "water",
            "description": "Tap water", "classification_code": "", "hazardous": False,
            "quantity": 50.0, "unit": "m³", "base_quantity": 50.0, "base_unit": "m**3",
            "cost_vnd": None, "fate": "", "source": "supplier", "unit_operation": "",
            "updated_at": response.json()["updated_at"]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_product_list_holds_exactly_the_products_the_persona_may_see(api, persona):
    response = api(persona).get("/api/products/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    seen = {(product["company_code"], product["name"]) for product in response.json()["results"]}
    assert seen == {(code, "Dyed fabric") for code in COMPANIES_SEEN[persona]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_a1_product_is_shown_only_to_those_entitled(api, world, persona):
    product = world.a1.products.get()
    response = api(persona).get("/api/products/{}/".format(product.pk))
    assert response.status_code == expected_status(persona, persona in SEES_A1, 200)
    if response.status_code == 200:
        assert response.json() == {
            "id": product.pk, "company": world.a1.pk, "company_code": "A1", "park": "alpha",
            "period": "2024-01", "name": "Dyed fabric", "quantity": 10.0, "unit": "t",
            "sales_value_vnd": "500000000.00"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_me_tells_the_persona_their_parks_companies_and_grants(api, persona):
    response = api(persona).get("/api/me/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    me = response.json()
    assert me["username"] == persona
    assert me["is_superuser"] == (persona == "admin")
    assert {park["slug"] for park in me["parks"]} == PARKS_MANAGED[persona]
    assert {company["code"] for company in me["companies"]} == COMPANIES_SEEN[persona]
    assert [grant["company"]["code"] for grant in me["grants"]] == (
        ["A1"] if persona == "consultant" else [])


# Tokens.

def test_a_token_obtained_with_the_password_opens_the_api(world):
    client = APIClient()
    response = client.post("/api/token/", {"username": "company_user", "password": PASSWORD})
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token " + response.json()["token"])
    flows = client.get("/api/flows/")
    assert flows.status_code == 200
    assert flows.json()["count"] == 3


def test_a_wrong_password_gets_no_token(world):
    response = APIClient().post("/api/token/", {"username": "company_user", "password": "nope"})
    assert response.status_code == 400
    assert "token" not in response.json()


def test_an_unknown_token_is_refused(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert client.get("/api/flows/").status_code == 401


# Filters and pages.

@pytest.mark.parametrize(("query", "count"), [
    ("", 9), ("park=alpha", 6), ("park=beta", 3), ("park=gamma", 0),
    ("park=alpha&kind=water", 2), ("kind=energy", 3), ("direction=output", 3),
    ("direction=input&kind=waste", 0), ("period=2024-01", 9), ("period=2024-1", 9),
    ("period=2024", 0), ("year=2024", 9), ("year=2023", 0), ("month=1", 9), ("month=2", 0),
])
def test_flow_filters_narrow_the_list_to_exact_counts(api, query, count):
    response = api("admin").get("/api/flows/?" + query)
    assert response.status_code == 200
    assert response.json()["count"] == count


def test_the_company_filter_selects_one_companys_flows(api, world):
    response = api("admin").get("/api/flows/?company={}".format(world.a1.pk))
    assert {flow["company_code"] for flow in response.json()["results"]} == {"A1"}
    assert response.json()["count"] == 3


def test_filtering_on_another_company_does_not_widen_what_a_user_sees(api, world):
    response = api("company_user").get("/api/flows/?company={}".format(world.b1.pk))
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize(("query", "field"), [
    ("period=2024-13", "period"), ("period=January", "period"), ("kind=plasma", "kind"),
    ("direction=sideways", "direction"),
])
def test_a_malformed_filter_is_a_400_naming_it(api, query, field):
    response = api("admin").get("/api/flows/?" + query)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_the_period_filter_error_says_how_to_write_a_period(api):
    response = api("admin").get("/api/flows/?period=January")
    assert response.json() == {"period": [
        "'January' is not a period; write a year (2024) or a month (2024-03)."]}


def test_companies_filter_by_park_and_sector(api, world):
    Company.objects.filter(pk=world.a2.pk).update(vsic_code="1410")
    admin = api("admin")

    def codes(query: str) -> set[str]:
        return {c["code"] for c in admin.get("/api/companies/?" + query).json()["results"]}

    assert codes("park=alpha") == {"A1", "A2"}
    assert codes("vsic_code=1410") == {"A2"}
    assert codes("vsic_code=1313") == {"A1", "B1"}
    assert codes("park=beta&vsic_code=1410") == set()
    assert api("park_manager").get("/api/companies/?park=beta").json()["count"] == 0


def test_products_filter_by_park_and_period(api):
    admin = api("admin")
    assert admin.get("/api/products/?park=beta").json()["count"] == 1
    assert admin.get("/api/products/?period=2024-01").json()["count"] == 3
    assert admin.get("/api/products/?period=2024-02").json()["count"] == 0


def test_flows_come_in_pages_of_the_requested_size(api):
    admin = api("admin")
    first = admin.get("/api/flows/?page_size=4").json()
    assert (first["count"], len(first["results"]), first["previous"]) == (9, 4, None)
    assert first["next"] == "http://testserver/api/flows/?page=2&page_size=4"
    last = admin.get("/api/flows/?page_size=4&page=3").json()
    assert (len(last["results"]), last["next"]) == (1, None)
    everything = {f["id"] for page in (1, 2, 3)
                  for f in admin.get("/api/flows/?page_size=4&page={}".format(page))
                  .json()["results"]}
    assert len(everything) == 9
    assert admin.get("/api/flows/?page_size=4&page=4").status_code == 404


# Schema and docs.

def test_the_openapi_schema_describes_every_endpoint(world):
    response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = set(response.json()["paths"])
    assert {"/api/parks/", "/api/parks/{slug}/", "/api/companies/", "/api/companies/{id}/",
            "/api/periods/", "/api/periods/{id}/", "/api/products/", "/api/products/{id}/",
            "/api/flows/", "/api/flows/{id}/", "/api/token/", "/api/me/"} <= paths
    flow_filters = {p["name"] for p in response.json()["paths"]["/api/flows/"]["get"]["parameters"]}
    assert flow_filters >= {"company", "park", "period", "year", "month", "kind", "direction",
                            "page", "page_size"}


def test_the_api_schema_generates_without_warnings_or_errors():
    """Only this app's endpoints: other apps' included under /api/ are their own to check."""
    from django.urls import URLPattern, include, path

    from openeip.web.registry.api import urls

    ours = [pattern for pattern in urls.urlpatterns if isinstance(pattern, URLPattern)]
    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=[path("api/", include((ours, "api")))])
    with GENERATOR_STATS.silence():
        schema = generator.get_schema(request=None, public=True)
    assert len(schema["paths"]) == 14  # with /api/factor-values/ and its detail
    assert dict(GENERATOR_STATS._warn_cache) == {}
    assert dict(GENERATOR_STATS._error_cache) == {}


def test_the_api_docs_load_their_scripts_from_our_own_static_files(world):
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert len(assets) >= 3
    # the start-up script comes from the docs view itself (no inline script, for the CSP)
    assert "/api/docs/?script=" in assets
    assert APIClient().get("/api/docs/?script=").status_code == 200
    for asset in (a for a in assets if a != "/api/docs/?script="):
        assert asset.startswith("/static/drf_spectacular_sidecar/"), asset
        assert finders.find(asset.removeprefix("/static/")) is not None, asset
    assert "cdn" not in html.lower()


# Writing: only for companies the persona may change; core checks every value.

def new_flow(world, **changes: object) -> dict[str, object]:
    flow = {"company": world.a1.pk, "period": "2024-01", "direction": "input", "kind": "water",
            "description": "Well water", "quantity": 10, "unit": "m³", "source": "on_site"}
    flow.update(changes)
    return flow


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_flow_for_a1_is_created_only_by_those_entitled(api, world, persona):
    response = api(persona).post("/api/flows/", new_flow(world), format="json")
    if persona == "anonymous":
        assert response.status_code == 401
    elif persona in SEES_A1:
        assert response.status_code == 201
        assert (response.json()["base_quantity"], response.json()["base_unit"]) == (10.0, "m**3")
        assert ResourceFlow.objects.filter(company=world.a1, description="Well water").exists()
    else:
        assert response.status_code == 400
        assert response.json() == {"company": [
            "There is no company {} whose data you may change; use an id listed by "
            "/api/companies/.".format(world.a1.pk)]}
        assert not ResourceFlow.objects.filter(description="Well water").exists()


def test_refusing_a_company_reveals_no_more_than_a_company_that_does_not_exist(api, world):
    client = api("company_user")
    other = client.post("/api/flows/", new_flow(world, company=world.b1.pk), format="json")
    missing = client.post("/api/flows/", new_flow(world, company=999999), format="json")
    assert other.status_code == missing.status_code == 400
    assert other.json()["company"][0].replace(str(world.b1.pk), "N") == (
        missing.json()["company"][0].replace("999999", "N"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_a1_flow_is_changed_only_by_those_entitled(api, world, persona):
    flow = a1_flow(world)
    response = api(persona).patch("/api/flows/{}/".format(flow.pk), {"quantity": 60},
                                  format="json")
    assert response.status_code == expected_status(persona, persona in SEES_A1, 200)
    flow.refresh_from_db()
    assert flow.quantity == (60.0 if response.status_code == 200 else 50.0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_a1_flow_is_deleted_only_by_those_entitled(api, world, persona):
    flow = a1_flow(world, "Sludge")
    response = api(persona).delete("/api/flows/{}/".format(flow.pk))
    assert response.status_code == expected_status(persona, persona in SEES_A1, 204)
    assert ResourceFlow.objects.filter(pk=flow.pk).exists() == (response.status_code != 204)


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_a1_product_is_created_changed_and_deleted_only_by_those_entitled(api, world,
                                                                            persona):
    client = api(persona)
    product = world.a1.products.get()
    created = client.post("/api/products/", {"company": world.a1.pk, "period": "2024",
                                             "name": "Grey cloth", "quantity": 3, "unit": "t"},
                          format="json")
    changed = client.patch("/api/products/{}/".format(product.pk), {"quantity": 11},
                           format="json")
    deleted = client.delete("/api/products/{}/".format(product.pk))
    if persona == "anonymous":
        assert (created.status_code, changed.status_code, deleted.status_code) == (401, 401, 401)
    elif persona in SEES_A1:
        assert (created.status_code, changed.status_code, deleted.status_code) == (201, 200, 204)
        assert created.json()["period"] == "2024"
        assert changed.json()["quantity"] == 11.0
        assert list(world.a1.products.values_list("name", flat=True)) == ["Grey cloth"]
    else:
        assert (created.status_code, changed.status_code, deleted.status_code) == (400, 404, 404)
        assert list(world.a1.products.values_list("name", flat=True)) == ["Dyed fabric"]


def test_kwh_of_water_is_refused_naming_the_unit_field(api, world):
    response = api("company_user").post("/api/flows/", new_flow(world, unit="kWh"),
                                        format="json")
    assert response.status_code == 400
    [message] = response.json()["unit"]
    assert message.endswith("does not fit a water flow; use a unit of volume.")
    assert list(response.json()) == ["unit"]


def test_it_rejects_negative_quantity(api, world):
    response = api("company_user").post("/api/flows/", new_flow(world, quantity=-5),
                                        format="json")
    assert response.status_code == 400
    assert response.json() == {"quantity": [
        "The quantity cannot be negative; record an output as a positive output flow."]}


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"unit": "wibble"}, "unit", "Unknown unit 'wibble'. Use a unit such as t, kg, m³, L, kWh, "
                                 "MWh, GJ or toe."),
    ({"period": "2024-13"}, "period", "The month 13 is not between 1 and 12."),
    ({"period": "last year"}, "period",
     "'last year' is not a period; write a year (2024) or a month (2024-03)."),
    ({"fate": "landfill"}, "fate", "Only outputs have a fate; leave it empty for inputs."),
    ({"description": "   "}, "description", "This field may not be blank."),
    ({"kind": "plasma"}, "kind", "'plasma' is not allowed here; use one of: material, energy, "
                                 "water, waste, wastewater, air_emission, by_product, heat, "
                                 "product."),
    ({"kind": "energy", "description": "Diesel", "unit": "t", "source": ""},
     "classification_code", "needs a fuel code in classification_code (such as diesel or "
                            "anthracite) to be converted to energy."),
    ({"description": "Tap water"}, "description",
     "Company A1 already has a flow with this direction, kind and description in 2024-01; "
     "change that flow instead or use another description."),
])
def test_a_bad_value_is_a_400_naming_the_field_and_the_fix(api, world, changes, field, message):
    """``message`` is the whole message, or its tail where core names the unit in its own way."""
    before = ResourceFlow.objects.count()
    response = api("company_user").post("/api/flows/", new_flow(world, **changes), format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    [found] = response.json()[field]
    assert found.endswith(message)
    assert ResourceFlow.objects.count() == before


def test_a_fuel_in_tonnes_with_its_code_is_stored_as_energy(api, world):
    response = api("company_user").post("/api/flows/", new_flow(
        world, kind="energy", description="Diesel", unit="t", quantity=1, source="",
        classification_code="diesel"), format="json")
    assert response.status_code == 201
    assert response.json()["base_unit"] == "MWh"
    assert response.json()["base_quantity"] == pytest.approx(11.94, abs=0.05)


def test_a_partial_change_is_checked_against_the_whole_flow(api, world):
    flow = a1_flow(world)
    response = api("company_user").patch("/api/flows/{}/".format(flow.pk), {"unit": "kWh"},
                                         format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["unit"]


def test_a_flow_cannot_be_moved_to_another_company(api, world):
    flow = a1_flow(world)
    response = api("admin").patch("/api/flows/{}/".format(flow.pk), {"company": world.a2.pk},
                                  format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["company"]


def test_renaming_a_flow_onto_another_flows_key_is_refused(api, world):
    api("company_user").post("/api/flows/", new_flow(world), format="json")
    flow = a1_flow(world)
    response = api("company_user").patch("/api/flows/{}/".format(flow.pk),
                                         {"description": "Well water"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["description"]
    flow.refresh_from_db()
    assert flow.description == "Tap water"


def test_a_full_update_replaces_the_values_and_records_before_and_after(api, world):
    flow = a1_flow(world)
    response = api("consultant").put("/api/flows/{}/".format(flow.pk), new_flow(
        world, description="Tap water", quantity=45, unit="m³", source="supplier",
        cost_vnd="90000"), format="json")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="update")
    assert (entry.user, entry.via, entry.company) == (world.users["consultant"], "api", world.a1)
    assert entry.object_key == "A1 input water Tap water @ 2024-01"
    assert entry.changes == {"quantity": [50.0, 45.0], "base_quantity": [50.0, 45.0],
                             "cost_vnd": [None, "90000.00"]}


def test_park_totals_follow_creates_and_deletes_through_the_api(api, world):
    def water_total() -> float:
        return ParkPeriodTotal.objects.get(park=world.alpha, kind="water", direction="input").total

    assert water_total() == 100.0
    created = api("company_user").post("/api/flows/", new_flow(world, quantity=7, unit="L"),
                                       format="json")
    assert created.status_code == 201
    assert water_total() == pytest.approx(100.007)
    api("company_user").delete("/api/flows/{}/".format(created.json()["id"]))
    assert water_total() == 100.0
    assert list(AuditEntry.objects.filter(via="api").values_list("action", flat=True)) == [
        "delete", "create"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"unit": "tCO2e"}, "unit"), ({"quantity": -1}, "quantity"), ({"name": ""}, "name"),
    ({"sales_value_vnd": "-5"}, "sales_value_vnd"), ({"name": "Dyed fabric"}, "name"),
])
def test_a_bad_product_is_a_400_naming_the_field(api, world, changes, field):
    product = {"company": world.a1.pk, "period": "2024-01", "name": "Grey cloth", "quantity": 3,
               "unit": "t"} | changes
    response = api("company_user").post("/api/products/", product, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert world.a1.products.count() == 1
