"""The admin writes RECP rows only through the same checks as the API."""

from __future__ import annotations

import json

import pytest

from openeip.web.recp.models import Assessment, AssessmentOption, CompanyPrice


@pytest.fixture
def admin_client_(world, client):
    client.force_login(world.users["admin"])
    return client


def option_form(assessment, **changes):
    values = {"assessment": assessment.pk, "template_code": "", "title_en": "LED lighting",
              "title_vi": "", "category": "technology_change", "description": "",
              "investment_vnd": "10000000", "lifetime_years": "5", "discount_rate": "0.10",
              "extra_om_vnd": "0",
              "savings": json.dumps([{"description": "Grid electricity", "quantity": 3,
                                      "unit": "MWh"}])}
    values.update(changes)
    return values


@pytest.mark.parametrize("model", ["assessment", "assessmentoption", "companyprice",
                                   "indicatorsnapshot"])
def test_every_recp_admin_list_opens(admin_client_, model):
    assert admin_client_.get("/admin/recp/{}/".format(model)).status_code == 200


def test_the_admin_evaluates_an_option_before_saving_it(admin_client_, world):
    assessment = Assessment.objects.create(company=world.a1, title="Scan")
    refused = admin_client_.post("/admin/recp/assessmentoption/add/",
                                 option_form(assessment, lifetime_years="0"))
    assert refused.status_code == 200
    assert "The lifetime of 0 years is impossible" in refused.content.decode()
    assert AssessmentOption.objects.count() == 0
    saved = admin_client_.post("/admin/recp/assessmentoption/add/", option_form(assessment))
    assert saved.status_code == 302
    option = AssessmentOption.objects.get()
    assert option.results["figures"]["annual_savings_vnd"] == pytest.approx(6_000_000)
    assert option.status == "identified"


def test_the_admin_checks_a_price_with_the_price_book(admin_client_, world):
    form = {"company": world.a1.pk, "resource": "electricity", "price": "1800", "unit": "VND/t",
            "note": ""}
    refused = admin_client_.post("/admin/recp/companyprice/add/", form)
    assert "A price of electricity cannot be per t" in refused.content.decode()
    assert CompanyPrice.objects.count() == 0
    form["unit"] = "VND/kWh"
    assert admin_client_.post("/admin/recp/companyprice/add/", form).status_code == 302
    assert CompanyPrice.objects.get().resource == "electricity"
