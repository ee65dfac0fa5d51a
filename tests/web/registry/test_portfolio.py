"""A consultant's clients together (/clients/) and the client switcher that keeps the section.

The shared world's consultant holds a grant in force on A1; here a second grant, on B1, ends in
ten days. A1 and B1 each reported January 2024: 1,000 kWh of electricity (1 MWh), 50 m³ of water
and 2 t of sludge.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from openeip.web.registry.models import ConsultantGrant
from tests.conftest import PERSONAS


@pytest.fixture
def two_clients(world):
    today = timezone.localdate()
    ConsultantGrant.objects.create(company=world.b1, consultant=world.users["consultant"],
                                   starts_on=today - datetime.timedelta(days=5),
                                   ends_on=today + datetime.timedelta(days=9))
    return world


def test_the_portfolio_lists_every_client_with_its_figures_and_grant(two_clients, client_as):
    response = client_as("consultant").get("/clients/")
    assert response.status_code == 200
    rows = response.context["clients"]
    assert [row.company.code for row in rows] == ["A1", "B1"]
    for row in rows:
        assert (row.year, row.months) == (2024, 1)
        assert row.totals == {"energy": pytest.approx(1.0), "water": pytest.approx(50.0),
                              "waste": pytest.approx(2.0)}
    body = response.content.decode()
    assert "Company A1" in body and "Company B1" in body
    # B1's grant ends in 10 days (today included): flagged; A1's (a year long) is not
    assert body.count("ends in 10 days") == 1
    assert "/companies/{}/recp/".format(two_clients.b1.pk) in body


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p.startswith("consultant_")])
def test_a_grant_outside_its_days_shows_nothing_of_its_company(world, client_as, persona):
    response = client_as(persona).get("/clients/")
    body = response.content.decode()
    assert response.status_code == 200 and response.context["clients"] == []
    assert "Company A1" not in body and "client-switch" not in body


def test_the_switcher_keeps_the_section(two_clients, client_as):
    client = client_as("consultant")
    a1, b1 = two_clients.a1.pk, two_clients.b1.pk
    page = client.get("/companies/{}/recp/losses/".format(a1)).content.decode()
    assert 'id="client-switch-company"' in page
    assert '<option value="{}" selected>'.format(a1) in page
    cases = {
        "/companies/{}/recp/losses/".format(a1): "/companies/{}/recp/losses/".format(b1),
        "/companies/{}/symbiosis/".format(a1): "/companies/{}/symbiosis/".format(b1),
        "/companies/{}/recp/assessments/7/options/3/".format(a1):
            "/companies/{}/recp/assessments/".format(b1),
        "/companies/{}/recp/report.pdf".format(a1): "/companies/{}/recp/".format(b1),
        "/companies/{}/audit/".format(a1): "/companies/{}/audit/".format(b1),
        "/parks/": "/companies/{}/".format(b1),
    }
    for here, there in cases.items():
        response = client.get("/clients/switch/", {"company": b1, "next": here})
        assert response["Location"] == there, here


def test_the_switcher_never_leads_to_a_company_one_may_not_see(world, client_as):
    client = client_as("consultant")
    here = "/companies/{}/recp/".format(world.a1.pk)
    response = client.get("/clients/switch/", {"company": world.b1.pk, "next": here})
    assert response["Location"] == here
    response = client.get("/clients/switch/", {"company": world.a1.pk,
                                               "next": "https://evil.example/"})
    assert response["Location"] == "/companies/{}/".format(world.a1.pk)


@pytest.mark.parametrize("persona", ["company_user", "park_manager", "admin"])
def test_only_consultants_with_a_grant_in_force_get_the_switcher(world, client_as, persona):
    body = client_as(persona).get("/companies/").content.decode()
    assert "client-switch" not in body and 'href="/clients/"' not in body


def test_pages_about_no_company_link_the_portfolio_but_name_no_client(world, client_as):
    body = client_as("consultant").get("/parks/").content.decode()
    assert 'href="/clients/"' in body
    assert "client-switch" not in body and "Company A1" not in body
