"""The finance API per persona: projects, figures, eligibility, transitions, lines, dashboard."""

from __future__ import annotations

import pytest

from openeip.web.finance.models import FinanceProject, Stage
from tests.conftest import PERSONAS, SEES_A1
from tests.web.finance.helpers import a1_project


@pytest.mark.parametrize("persona", PERSONAS)
def test_projects_are_listed_to_a1s_side_and_the_lender(world, api, persona):
    project = a1_project(world)
    response = api(persona).get("/api/finance/projects/")
    if persona == "anonymous":
        assert response.status_code in (401, 403)
        return
    ids = [row["id"] for row in response.json()["results"]]
    assert ids == ([project.pk] if persona in SEES_A1 | {"lender_officer"} else [])


def test_the_detail_carries_figures_and_eligibility(world, api):
    project = a1_project(world, facts={"is_sme": {"value": True}})
    data = api("lender_officer").get("/api/finance/projects/{}/".format(project.pk)).json()
    assert data["figures"]["loan_vnd"] == pytest.approx(6e8)
    gctf = next(c for c in data["eligibility"] if c["line"] == "gctf")
    rules = {r["rule"]: r["outcome"] for r in gctf["rules"]}
    assert rules["sme"] == "met" and rules["improvement-30"] == "met"  # 300 of 1,000 kWh
    assert rules["technology-change"] == "unknown"
    assert data["facts"]["improvement_energy"]["origin"] == "recp"


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_lender_approves_through_the_api(world, api, persona):
    project = a1_project(world)
    FinanceProject.objects.filter(pk=project.pk).update(stage=Stage.APPRAISAL)
    response = api(persona).post("/api/finance/projects/{}/transition/".format(project.pk),
                                 {"stage": "approved"}, format="json")
    approved = FinanceProject.objects.get(pk=project.pk).stage == Stage.APPROVED
    assert approved == (persona in {"admin", "lender_officer"})
    if persona in SEES_A1 - {"admin"}:
        assert response.status_code == 400


def test_lines_and_the_park_dashboard(world, api):
    project = a1_project(world)
    FinanceProject.objects.filter(pk=project.pk).update(stage=Stage.INSTALLED,
                                                        ghg_avoided_tco2e=0.2)
    lines = api("company_user").get("/api/finance/lines/").json()
    assert {line["id"] for line in lines} >= {"gctf", "vepf"}
    summary = api("park_manager").get("/api/finance/parks/alpha/summary/").json()
    assert summary["mobilised_vnd"] == 1e9 and summary["ghg_avoided_tco2e"] == 0.2
    assert summary["mobilised_usd"] == pytest.approx(1e9 / 23942)
    assert summary["usd_rate"]["day"] == "2023-08-28"
    assert api("company_user").get("/api/finance/parks/alpha/summary/").status_code == 404
