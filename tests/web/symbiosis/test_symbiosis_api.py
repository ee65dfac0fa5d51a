"""Symbiosis API for every persona: streams, opportunities (anonymised), brokerage actions,
park summary and network (hand-made data; no matcher)."""

from __future__ import annotations

import pytest

from openeip.web.symbiosis.models import ExchangeRecord, Opportunity
from tests.conftest import PERSONAS, SEES_A1
from tests.web.symbiosis_helpers import exchanges, price_unknown

MANAGES_ALPHA = {"admin", "park_manager"}
SIDES_OF_A1_B1 = SEES_A1 | {"other_company_user"}
DENIED = {"anonymous": {401}}


@pytest.fixture
def ex(world):
    return exchanges(world)


def _denied(persona):
    return DENIED.get(persona, {403, 404})


@pytest.mark.parametrize("persona", PERSONAS)
def test_opportunity_list_holds_only_ones_sides_and_anonymises_the_other(api, ex, persona):
    price_unknown(ex.a1_b1)
    response = api(persona).get("/api/symbiosis/opportunities/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    rows = response.json()["results"]
    expected = {
        "admin": 3, "park_manager": 3, "company_user": 2, "consultant": 2,
        "other_company_user": 2}.get(persona, 0)
    assert len(rows) == expected
    # best (exact) score first, though an anonymised row shows its indicative score
    best_first = [o.pk for o in (ex.a1_a2, ex.a1_b1, ex.b1_a2)]
    assert [r["id"] for r in rows] == [pk for pk in best_first if pk in {r["id"] for r in rows}]
    # A1→B1 has no price for the receiver's purchase; the others are fully priced (an
    # anonymised row's benefit comes from the bands and the rule book, where SR-X is not)
    assert {r["id"]: (r["price_unknown"], r["unpriced"]) for r in rows if not r["indicative"]} == {
        o.pk: ((True, ["avoided_purchase_vnd"]) if o == ex.a1_b1 else (False, []))
        for o in (ex.a1_a2, ex.a1_b1, ex.b1_a2)
        if o.pk in {r["id"] for r in rows if not r["indicative"]}}
    if persona == "other_company_user":
        assert "Company A1" not in response.content.decode()
        a1_b1 = next(r for r in rows if r["id"] == ex.a1_b1.pk)
        assert a1_b1["supplier"]["named"] is False and a1_b1["supplier"]["company_id"] is None
        assert a1_b1["receiver"]["name"] == "Company B1"


def test_opportunity_filters(api, ex):
    client = api("admin")
    assert len(client.get("/api/symbiosis/opportunities/?park=beta").json()["results"]) == 2
    assert len(client.get("/api/symbiosis/opportunities/?company={}".format(
        ex.a1_ash.company_id)).json()["results"]) == 2
    assert client.get("/api/symbiosis/opportunities/?status=operating").json()["count"] == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_transition_through_the_api(api, ex, persona):
    url = "/api/symbiosis/opportunities/{}/transition/".format(ex.a1_b1.pk)
    response = api(persona).post(url, {"status": "contacted"}, format="json")
    if persona in SIDES_OF_A1_B1:
        assert response.status_code == 200 and response.json()["status"] == "contacted"
    else:
        assert response.status_code in _denied(persona)
        assert Opportunity.objects.get(pk=ex.a1_b1.pk).status == "identified"


def test_an_illegal_transition_names_the_field(api, ex):
    url = "/api/symbiosis/opportunities/{}/transition/".format(ex.a1_b1.pk)
    response = api("admin").post(url, {"status": "operating"}, format="json")
    assert response.status_code == 400 and "status" in response.json()


def test_reveal_and_records_through_the_api(api, ex):
    url = "/api/symbiosis/opportunities/{}/".format(ex.a1_b1.pk)
    refused = api("other_company_user").post(url + "reveal/", {"side": "supplier"},
                                             format="json")
    assert refused.status_code == 400 and "side" in refused.json()
    api("other_company_user").post(url + "reveal/", {"side": "receiver"}, format="json")
    answer = api("company_user").post(url + "reveal/", {"side": "supplier"}, format="json")
    assert answer.json()["revealed"] is True
    seen = api("other_company_user").get(url).json()
    assert seen["supplier"]["name"] == "Company A1" and seen["distance_km"] == 35.0
    early = api("company_user").post(url + "records/", {"year": 2024, "month": 1,
                                                        "quantity": 2}, format="json")
    assert early.status_code == 400 and "status" in early.json()
    for status in ("contacted", "feasibility", "agreed", "operating"):
        api("park_manager").post(url + "transition/", {"status": status}, format="json")
    made = api("other_company_user").post(url + "records/", {"year": 2024, "month": 1,
                                                             "quantity": 2, "note": "invoice"},
                                          format="json")
    assert made.status_code == 201 and made.json()["unit"] == "t"
    listed = api("company_user").get(url + "records/").json()
    assert [(r["year"], r["month"], r["quantity"], r["note"]) for r in listed] == [
        (2024, 1, 2.0, "invoice")]
    assert ExchangeRecord.objects.count() == 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_streams_and_class_correction(api, ex, persona):
    response = api(persona).get("/api/symbiosis/streams/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    companies = {row["company"] for row in response.json()["results"]}
    assert (ex.a1_ash.company_id in companies) == (persona in SEES_A1)
    url = "/api/symbiosis/streams/{}/class/".format(ex.a1_ash.pk)
    answer = api(persona).post(url, {"resource_class": "bottom_ash"}, format="json")
    if persona in SEES_A1:
        assert answer.status_code == 200 and answer.json()["resource_class"] == "bottom_ash"
        assert answer.json()["confirmed"] is True
    else:
        assert answer.status_code in _denied(persona)


def test_a_correction_to_an_unknown_class_is_a_400(api, ex):
    url = "/api/symbiosis/streams/{}/class/".format(ex.a1_ash.pk)
    answer = api("company_user").post(url, {"resource_class": "moon_dust"}, format="json")
    assert answer.status_code == 400 and "resource_class" in answer.json()


@pytest.mark.parametrize("persona", PERSONAS)
def test_park_summary_and_network_are_for_managers(api, ex, persona):
    for path in ("summary/", "network/"):
        response = api(persona).get("/api/symbiosis/parks/alpha/" + path)
        if persona in MANAGES_ALPHA:
            assert response.status_code == 200
        else:
            assert response.status_code in _denied(persona)


def test_park_summary_counts_by_status(api, ex):
    body = api("park_manager").get("/api/symbiosis/parks/alpha/summary/?year=2024").json()
    assert body["statuses"] == {"identified": 3} and body["opportunities"] == 3
    assert body["year"] == 2024 and body["totals"]["operating_exchanges"] == 0


def test_network_gives_sankey_links_by_unit(api, ex):
    Opportunity.objects.filter(pk=ex.a1_a2.pk).update(selected=True, selected_quantity=20)
    body = api("park_manager").get("/api/symbiosis/parks/alpha/network/").json()
    assert [e["id"] for e in body["exchanges"]] == [ex.a1_a2.pk]
    assert body["sankey"]["t"][0]["from"] == "Company A1"
    assert body["sankey"]["t"][0]["quantity"] == 20
    assert body["sankey"]["t"][0]["material"] == body["exchanges"][0]["class_name"]


def test_classes_list_the_taxonomy(api, world):
    rows = api("company_user").get("/api/symbiosis/classes/").json()
    codes = {row["code"] for row in rows}
    assert {"fly_ash", "clay"} <= codes
    assert len(rows) > 100


@pytest.mark.parametrize("persona", ["anonymous", "other_company_user", "consultant_revoked"])
def test_refreshes_are_refused_to_the_unentitled(api, world, persona):
    assert api(persona).post("/api/symbiosis/parks/alpha/refresh/").status_code in _denied(
        persona)
    assert api(persona).post("/api/symbiosis/companies/{}/streams/refresh/".format(
        world.a1.pk)).status_code in _denied(persona)


def test_the_symbiosis_api_schema_generates_without_warnings_or_errors():
    from django.urls import include, path
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    from openeip.web.symbiosis.api import urls

    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=[path("api/", include((urls.urlpatterns, "api")))])
    with GENERATOR_STATS.silence():
        schema = generator.get_schema(request=None, public=True)
    assert "/api/symbiosis/opportunities/{id}/transition/" in schema["paths"]
    assert dict(GENERATOR_STATS._warn_cache) == {}
    assert dict(GENERATOR_STATS._error_cache) == {}
