"""Persona tests of the finance pages and POST actions (the sweep covers every GET route)."""

from __future__ import annotations

import io

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from openeip.core.finance.lines import line_to_data, load_line
from openeip.web.finance.models import Evidence, FinanceProject, ImportedLine, Stage
from openeip.web.finance.reports.dossier import dossier_context, dossier_html, dossier_xlsx
from tests.conftest import PERSONAS, SEES_A1
from tests.web.finance.helpers import a1_project

PREPARES = {"admin", "company_user", "consultant"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_project_page_is_for_a1s_side_and_the_lender(world, client_as, persona):
    project = a1_project(world)
    response = client_as(persona).get("/finance/projects/{}/".format(project.pk))
    if persona in SEES_A1 | {"lender_officer"}:
        assert response.status_code == 200
        assert b"A1 compressor" in response.content
        assert "Green Credit Trust Fund" in response.content.decode()
    else:
        assert response.status_code in (302, 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_company_may_submit_through_the_page(world, client_as, persona):
    project = a1_project(world)
    FinanceProject.objects.filter(pk=project.pk).update(stage=Stage.PREPARED)
    client_as(persona).post("/finance/projects/{}/stage/".format(project.pk),
                            {"stage": "submitted"})
    stage = FinanceProject.objects.get(pk=project.pk).stage
    assert stage == (Stage.SUBMITTED if persona in {"admin", "company_user"} else Stage.PREPARED)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_lender_starts_the_appraisal(world, client_as, persona):
    project = a1_project(world)
    FinanceProject.objects.filter(pk=project.pk).update(stage=Stage.SUBMITTED)
    client_as(persona).post("/finance/projects/{}/stage/".format(project.pk),
                            {"stage": "appraisal"})
    stage = FinanceProject.objects.get(pk=project.pk).stage
    assert stage == (Stage.APPRAISAL if persona in {"admin", "lender_officer"}
                     else Stage.SUBMITTED)


@pytest.mark.parametrize("persona", PERSONAS)
def test_sharing_and_evidence_are_for_those_who_prepare(world, client_as, persona):
    project = a1_project(world, shared=False)
    client = client_as(persona)
    client.post("/finance/projects/{}/share/".format(project.pk),
                {"institution": world.lender.pk})
    client.post("/finance/projects/{}/evidence/".format(project.pk), {
        "fact": "environmental_licence", "note": "EIA 12/QĐ",
        "file": SimpleUploadedFile("eia.pdf", b"%PDF-1.4 eia", "application/pdf")})
    allowed = persona in PREPARES
    assert project.shares.exists() == allowed
    assert Evidence.objects.filter(project=project).exists() == allowed
    if allowed:
        row = Evidence.objects.get(project=project)
        assert client.get("/finance/projects/{}/evidence/{}/".format(
            project.pk, row.pk)).status_code == 200


def test_a_new_project_is_checked_by_the_core_model(world, client_as):
    client = client_as("company_user")
    form = {"title": "Heat recovery", "line_id": "vepf", "investment_vnd": "800000000",
            "annual_savings_vnd": "200000000", "om_vnd_per_yr": "0", "lifetime_years": "5",
            "discount_rate": "0.10", "loan_share": "0.7", "loan_rate": "0.026",
            "loan_years": "7", "grace_years": "2", "repayment": "annuity", "tax_rate": "0.2",
            "inflation": "0", "guarantee_share": "0", "guarantee_fee_rate": "0",
            "grant_vnd": "0", "fact_vepf_lending_subject": "yes"}
    response = client.post("/companies/{}/finance/new/".format(world.a1.pk), form)
    assert response.status_code == 200  # the loan runs 7 years, the project 5
    assert "runs longer than the project" in response.content.decode()
    assert not FinanceProject.objects.exists()
    form["loan_years"] = "5"
    response = client.post("/companies/{}/finance/new/".format(world.a1.pk), form)
    project = FinanceProject.objects.get()
    assert response.status_code == 302 and project.facts == {
        "vepf_lending_subject": {"value": True}}


def test_an_admin_imports_an_adapted_line_but_never_over_a_shipped_one(world, client_as):
    client = client_as("admin")
    data = line_to_data(load_line("green-credit-generic"))
    upload = SimpleUploadedFile("gctf.yaml", yaml.safe_dump(data, allow_unicode=True).encode())
    response = client.post("/finance/lines/import/", {"file": upload})
    assert response.status_code == 200 and "never overwritten" in response.content.decode()
    data.update(id="my-bank", based_on="green-credit-generic")
    data["rules"][2]["value"] = 0.2
    data["rules"][2]["verification"] = "verified"
    upload = SimpleUploadedFile("my-bank.yaml",
                                yaml.safe_dump(data, allow_unicode=True).encode())
    response = client.post("/finance/lines/import/", {"file": upload})
    assert response.status_code == 302
    assert ImportedLine.objects.get().line_id == "my-bank"
    assert client_as("company_user").get("/finance/lines/my-bank/").status_code == 200


def test_a_company_user_may_not_import_a_line(world, client_as):
    response = client_as("company_user").post("/finance/lines/import/", {
        "file": SimpleUploadedFile("x.yaml", b"id: x")})
    assert response.status_code == 403 and not ImportedLine.objects.exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_dossier_holds_the_form_baseline_eligibility_and_schedule(world, lang):
    project = a1_project(world, facts={"is_sme": {"value": True}})
    context = dossier_context(project, lang)
    assert [row["flow"] for row in context["baseline"]] == ["Grid electricity"]
    assert context["checks"][0]["line"].id == "gctf"
    assert len(context["years"]) == 9 and context["result"].min_dscr is not None
    html = dossier_html(project, lang)
    assert "A1 compressor" in html
    if lang == "vi":
        assert "Hồ sơ" in html and "Đủ điều kiện" in html or "Điều kiện" in html
    else:
        assert "Bankable dossier" in html and "Eligibility" in html
    book = dossier_xlsx(project, lang)
    import openpyxl

    sheets = openpyxl.load_workbook(io.BytesIO(book)).sheetnames
    assert len(sheets) == 6 and sheets[1] == ("Dòng tiền" if lang == "vi" else "Cash flows")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_dossier_pdf_renders(world, client_as, lang):
    project = a1_project(world)
    response = client_as("lender_officer").get(
        "/finance/projects/{}/dossier.pdf?lang={}".format(project.pk, lang))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
