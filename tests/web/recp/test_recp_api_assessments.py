"""RECP assessments through the API, asked by every persona: exact statuses and rows.

World (tests/conftest.py): park alpha with A1 and A2, park beta with B1, all with flows in
2024-01 only. The fixture adds one assessment of A1 and one of B1.
"""

from __future__ import annotations

import pytest

from openeip.web.recp.models import Assessment, AssessmentOption
from openeip.web.registry.models import ConsultantGrant
from tests.conftest import PERSONAS, SEES_A1

SEES_B1 = {"admin", "other_company_user"}


@pytest.fixture
def assessments(world):
    a1 = Assessment.objects.create(company=world.a1, title="A1 quick scan",
                                   focus_areas=["energy", "water"])
    b1 = Assessment.objects.create(company=world.b1, title="B1 quick scan",
                                   kind=Assessment.Kind.DETAILED)
    return {"A1": a1, "B1": b1}


def new_assessment(world, **changes):
    return {"company": world.a1.pk, "kind": "quick_scan", "title": "Dye house scan",
            "scope": "Dyeing and finishing", "boundary": "Gate to gate", "team": "Ms Lan (lead)",
            "baseline_period": "2024-01", "focus_areas": ["water", "energy"], **changes}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_assessment_list_holds_exactly_the_assessments_the_persona_may_see(
        api, assessments, persona):
    response = api(persona).get("/api/recp/assessments/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    expected = {code for code, seen in (("A1", SEES_A1), ("B1", SEES_B1)) if persona in seen}
    assert {row["company_code"] for row in response.json()["results"]} == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_a1_assessment_is_shown_only_to_those_entitled(api, assessments, persona):
    response = api(persona).get("/api/recp/assessments/{}/".format(assessments["A1"].pk))
    expected = 401 if persona == "anonymous" else 200 if persona in SEES_A1 else 404
    assert response.status_code == expected
    if expected == 200:
        body = response.json()
        assert body["title"] == "A1 quick scan"
        assert body["focus_areas"] == ["energy", "water"]
        assert body["gwp_set"] == "AR5"
        assert body["baseline_period"] is None
        assert body["option_count"] == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_assessment_of_a1_is_created_only_by_those_entitled(api, world, persona):
    response = api(persona).post("/api/recp/assessments/", new_assessment(world), format="json")
    if persona == "anonymous":
        assert response.status_code == 401
    elif persona in SEES_A1:
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["company_code"] == "A1"
        assert body["baseline_period"] == "2024-01"
        assert body["focus_areas"] == ["energy", "water"]  # in the list's order
        assert body["created_by"] == persona
        assert body["status"] == "planned"
    else:
        assert response.status_code == 400
        assert list(response.json()) == ["company"]
    assert Assessment.objects.count() == (1 if persona in SEES_A1 else 0)


def test_a_consultant_sees_an_assessment_only_while_the_grant_is_active(api, world, assessments):
    url = "/api/recp/assessments/{}/".format(assessments["A1"].pk)
    assert api("consultant").get(url).status_code == 200
    ConsultantGrant.objects.get(consultant=world.users["consultant"]).revoke()
    assert api("consultant").get(url).status_code == 404
    assert api("consultant").get("/api/recp/assessments/").json()["count"] == 0


def test_it_rejects_a_baseline_period_without_data_naming_the_field(api, world):
    response = api("company_user").post(
        "/api/recp/assessments/", new_assessment(world, baseline_period="2022"), format="json")
    assert response.status_code == 400
    assert response.json() == {"baseline_period": [
        "Company A1 has no flows in 2022; choose a period with data, such as 2024."]}
    assert Assessment.objects.count() == 0


def test_a_whole_year_with_monthly_data_is_a_valid_baseline(api, world):
    response = api("company_user").post(
        "/api/recp/assessments/", new_assessment(world, baseline_period="2024"), format="json")
    assert response.status_code == 201
    assert response.json()["baseline_period"] == "2024"


@pytest.mark.parametrize("field, value", [
    ("focus_areas", ["energy", "noise"]),
    ("kind", "audit"),
    ("gwp_set", "AR4"),
    ("baseline_period", "2024-13"),
    ("title", ""),
])
def test_it_rejects_a_bad_value_naming_the_field(api, world, field, value):
    response = api("company_user").post(
        "/api/recp/assessments/", new_assessment(world, **{field: value}), format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert Assessment.objects.count() == 0


def test_the_gwp_set_error_lists_the_sets_there_are(api, world):
    response = api("company_user").post(
        "/api/recp/assessments/", new_assessment(world, gwp_set="AR4"), format="json")
    assert response.json() == {"gwp_set": ["'AR4' is not allowed here; use one of: AR5, AR6."]}


def test_an_assessment_stays_with_its_company(api, world, assessments):
    response = api("admin").patch("/api/recp/assessments/{}/".format(assessments["A1"].pk),
                                  {"company": world.a2.pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["company"]
    assert Assessment.objects.get(pk=assessments["A1"].pk).company == world.a1


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_a1_assessment_is_changed_only_by_those_entitled(api, assessments, persona):
    url = "/api/recp/assessments/{}/".format(assessments["A1"].pk)
    response = api(persona).patch(url, {"title": "Renamed", "status": "in_progress"},
                                  format="json")
    expected = 401 if persona == "anonymous" else 200 if persona in SEES_A1 else 404
    assert response.status_code == expected
    stored = Assessment.objects.get(pk=assessments["A1"].pk)
    assert (stored.title, stored.status) == (
        ("Renamed", "in_progress") if expected == 200 else ("A1 quick scan", "planned"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_a1_assessment_is_deleted_with_its_options_only_by_those_entitled(
        api, assessments, persona):
    AssessmentOption.objects.create(assessment=assessments["A1"], title_en="Fix leaks",
                                    category="good_housekeeping", discount_rate="0.1")
    response = api(persona).delete("/api/recp/assessments/{}/".format(assessments["A1"].pk))
    expected = 401 if persona == "anonymous" else 204 if persona in SEES_A1 else 404
    assert response.status_code == expected
    left = 0 if expected == 204 else 1
    assert Assessment.objects.filter(company__code="A1").count() == left
    assert AssessmentOption.objects.count() == left


def test_the_company_filter_narrows_but_never_widens(api, world, assessments):
    admin = api("admin").get("/api/recp/assessments/?company={}".format(world.b1.pk)).json()
    assert [row["company_code"] for row in admin["results"]] == ["B1"]
    user = api("company_user").get("/api/recp/assessments/?company={}".format(world.b1.pk))
    assert user.json()["count"] == 0
