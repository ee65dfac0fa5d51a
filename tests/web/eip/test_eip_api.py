"""The EIP API, asked by every persona: editions for every signed-in user; a park's evidence,
assessments and actions for its managers and the admin only (404 otherwise, 401 anonymous)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from openeip.web.eip.models import Evidence, ParkAssessment, PlanAction
from openeip.web.eip.services.assessment import add_evidence, assess_park
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db
VN82, VN35 = "vn-decree-82-2018", "vn-decree-35-2022"
MANAGES_ALPHA = {"admin", "park_manager"}


def _action(world):
    return PlanAction.objects.create(park=world.alpha, edition_id=VN35, source="library",
                                     ref="LIB-1", title_en="Set up a monitoring system",
                                     criterion_ids=["VN35-37.1c"])


@pytest.mark.parametrize("persona", PERSONAS)
def test_editions_are_listed_for_every_signed_in_user(world, api, persona):
    listing = api(persona).get("/api/eip/editions/")
    detail = api(persona).get("/api/eip/editions/{}/".format(VN35))
    if persona == "anonymous":
        assert (listing.status_code, detail.status_code) == (401, 401)
        return
    assert listing.status_code == 200
    ids = [item["id"] for item in listing.json()]
    assert {VN35, VN82, "intl-eip-framework-2.0"} <= set(ids)
    assert detail.status_code == 200
    body = detail.json()
    assert body["criteria_count"] == len(body["criteria"])
    first = body["criteria"][0]
    assert first["id"] == "VN35-37.1a" and first["verification"] == "secondary"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("kind", ["evidence", "assessments", "actions"])
def test_park_records_are_for_its_managers_only(world, api, persona, kind):
    records = {
        "evidence": lambda: add_evidence(world.alpha, VN82, "VN82-1", value_bool=True),
        "assessments": lambda: assess_park(world.alpha, VN82, as_of=dt.date(2025, 1, 1))[1],
        "actions": lambda: _action(world),
    }
    row = records[kind]()
    client = api(persona)
    listing = client.get("/api/eip/{}/".format(kind))
    detail = client.get("/api/eip/{}/{}/".format(kind, row.pk))
    if persona == "anonymous":
        assert (listing.status_code, detail.status_code) == (401, 401)
    elif persona in MANAGES_ALPHA:
        assert listing.status_code == 200 and listing.json()["count"] == 1
        assert detail.status_code == 200 and detail.json()["park"] == "alpha"
    else:
        assert listing.status_code == 200 and listing.json()["count"] == 0
        assert detail.status_code == 404


def test_a_manager_posts_evidence_and_bad_values_are_400_naming_the_item(world, api):
    client = api("park_manager")
    ok = client.post("/api/eip/evidence/", {
        "park_slug": "alpha", "edition_id": VN82, "criterion_id": "VN82-5b",
        "value_number": "12.5", "as_of": "2025-01-01"}, format="json")
    assert ok.status_code == 201, ok.json()
    assert Evidence.objects.get().value_number == Decimal("12.5")
    bad = client.post("/api/eip/evidence/", {
        "park_slug": "alpha", "edition_id": VN82, "criterion_id": "VN82-5b",
        "value_number": "150"}, format="json")
    assert bad.status_code == 400 and "VN82-5b" in bad.json()
    unknown = client.post("/api/eip/evidence/", {
        "park_slug": "alpha", "edition_id": VN82, "criterion_id": "NOPE",
        "value_bool": True}, format="json")
    assert unknown.status_code == 400 and "criterion_id" in unknown.json()
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize("persona", ["company_user", "consultant", "other_company_user"])
def test_others_cannot_post_a_parks_evidence_or_assessment(world, api, persona):
    client = api(persona)
    evidence = client.post("/api/eip/evidence/", {
        "park_slug": "alpha", "edition_id": VN82, "criterion_id": "VN82-1",
        "value_bool": True}, format="json")
    run = client.post("/api/eip/assessments/", {"park_slug": "alpha", "edition_id": VN82},
                      format="json")
    assert evidence.status_code == 400 and "park_slug" in evidence.json()
    assert run.status_code == 400 and "park_slug" in run.json()
    assert Evidence.objects.count() == 0 and ParkAssessment.objects.count() == 0


def test_a_manager_runs_an_assessment_through_the_api(world, api):
    response = api("park_manager").post("/api/eip/assessments/", {
        "park_slug": "alpha", "edition_id": VN82, "as_of": "2025-03-31"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["as_of"] == "2025-03-31" and body["result"]["overall"]["applicable"] == 7
    bad = api("park_manager").post("/api/eip/assessments/", {
        "park_slug": "alpha", "edition_id": "nope"}, format="json")
    assert bad.status_code == 400


def test_a_manager_updates_an_actions_status_but_not_its_score(world, api):
    action = _action(world)
    response = api("park_manager").patch("/api/eip/actions/{}/".format(action.pk), {
        "status": "done", "owner": "Operator", "score": "99"}, format="json")
    assert response.status_code == 200
    action.refresh_from_db()
    assert (action.status, action.owner, action.score) == ("done", "Operator", Decimal("0"))
    assert api("company_user").patch("/api/eip/actions/{}/".format(action.pk),
                                     {"status": "dropped"}, format="json").status_code == 404


def test_the_eip_api_schema_generates_without_warnings_or_errors():
    from django.urls import include, path
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    from openeip.web.eip.api import urls

    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=[path("api/", include((urls.urlpatterns, "api")))])
    with GENERATOR_STATS.silence():
        schema = generator.get_schema(request=None, public=True)
    assert {"/api/eip/editions/", "/api/eip/editions/{id}/", "/api/eip/evidence/",
            "/api/eip/assessments/", "/api/eip/actions/{id}/"} <= set(schema["paths"])
    assert dict(GENERATOR_STATS._warn_cache) == {}
    assert dict(GENERATOR_STATS._error_cache) == {}


def test_a_manager_refreshes_the_plan_through_the_api_and_others_may_not(world, api):
    response = api("park_manager").post("/api/eip/actions/refresh/", {
        "park_slug": "alpha", "edition_id": VN35}, format="json")
    assert response.status_code == 200
    assert len(response.json()) == PlanAction.objects.filter(park=world.alpha).count() > 0
    denied = api("consultant").post("/api/eip/actions/refresh/", {
        "park_slug": "alpha", "edition_id": VN35}, format="json")
    assert denied.status_code == 400 and "park_slug" in denied.json()
    assert api("anonymous").post("/api/eip/actions/refresh/", {
        "park_slug": "alpha", "edition_id": VN35}, format="json").status_code == 401


def test_only_a_manager_deletes_a_piece_of_evidence(world, api):
    row = add_evidence(world.alpha, VN82, "VN82-1", value_bool=True)
    assert api("company_user").delete("/api/eip/evidence/{}/".format(row.pk)).status_code == 404
    assert Evidence.objects.filter(pk=row.pk).exists()
    assert api("park_manager").delete("/api/eip/evidence/{}/".format(row.pk)).status_code == 204
    assert not Evidence.objects.filter(pk=row.pk).exists()
