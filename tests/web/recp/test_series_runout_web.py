"""A company with data for 2026, a year no series covers as shipped: every RECP page and the report
are served, each saying which year's factor and tariff were used; a value set for 2026 wins.

Park gamma (Hà Nội) with C1, January 2026: 1,000 kWh of grid electricity (no recorded cost), 50 m³
of tap water, 2 t of sludge. Grid 2024 = 0.6811 t/MWh; latest tariff decision of 2025; Hà Nội
water tariff of 2015.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from openeip.core.domain import FlowKind, ReportingPeriod
from openeip.core.units import quantity
from tests.conftest import tiny_dataset
from tests.web.recp.test_recp_pages_assessments import html_of
from tests.web.report_text import report_text


@pytest.fixture
def c1(world):
    from openeip.web.registry.models import Company
    from openeip.web.registry.services.importer import import_dataset

    dataset = tiny_dataset("gamma", ("C1",))
    jan_2026 = ReportingPeriod(2026, 1)
    park = dataclasses.replace(dataset.park, province="Hà Nội")
    flows = [dataclasses.replace(f, period=jan_2026, cost_vnd=None) for f in dataset.flows]
    fabric = dataclasses.replace(flows[1], kind=FlowKind.MATERIAL, description="Grey fabric",
                                 quantity=quantity(12, "t"), cost_vnd=Decimal("600000000"))
    flows.append(fabric)
    products = [dataclasses.replace(p, period=jan_2026) for p in dataset.products]
    import_dataset(dataclasses.replace(dataset, park=park, flows=flows, products=products),
                   "gamma")
    return Company.objects.get(park__slug="gamma", code="C1")


@pytest.fixture(autouse=True)
def _english_afterwards():
    from django.utils import translation

    yield
    translation.activate("en")


@pytest.mark.parametrize("page", ["", "losses/"])
def test_every_recp_page_of_2026_data_is_served_naming_the_years_used(client_as, c1, page):
    response = client_as("admin").get("/companies/{}/recp/{}".format(c1.pk, page))
    assert response.status_code == 200
    html = html_of(response)
    assert ("Vietnam grid emission factor: no value is known for 2026; the latest one, of "
            "2024, is used.") in html
    if page:
        assert "EVN electricity tariff: no value is known for 2026; the latest one, of 2025" in html
        assert "water tariff: no value is known for 2026; the latest one, of 2015" in html


def test_the_vietnamese_page_words_the_notice_in_vietnamese(client_as, c1):
    response = client_as("admin").get("/companies/{}/recp/".format(c1.pk),
                                      HTTP_ACCEPT_LANGUAGE="vi")
    html = html_of(response)
    assert response.status_code == 200
    assert "Hệ số phát thải lưới điện Việt Nam: chưa có giá trị cho năm 2026" in html


def test_the_report_of_2026_data_renders_with_the_notice(c1, report_html):
    from openeip.web.recp.reports.report import recp_report_pdf

    text = " ".join(report_text(recp_report_pdf(c1, "en")).split())
    assert "Values of another year" in text
    assert "no value is known for 2026; the latest one, of 2024, is used" in text


def test_a_value_set_for_2026_for_the_park_is_used_and_named(client_as, c1, world):
    from openeip.web.recp.services.company import company_recp
    from openeip.web.registry.models import SeriesValue

    before = company_recp(c1)["ghg"]["by_year"]["2026"]["scope2_tco2e"]
    SeriesValue.objects.create(series="grid_factors", year=2026, value="0.7",
                               source="DCC letter 2026", park=c1.park)
    payload = company_recp(c1)
    assert before == pytest.approx(0.6811)
    assert payload["ghg"]["by_year"]["2026"]["scope2_tco2e"] == pytest.approx(0.7)
    html = html_of(client_as("admin").get("/companies/{}/recp/".format(c1.pk)))
    assert "Vietnam grid emission factor for 2026: the value set by an administrator" in html
    assert "DCC letter 2026" in html
    assert 'href="/factor-values/"' in html  # the admin may set values



def test_an_energy_balance_without_metered_outputs_is_explained_not_flagged(world, client_as):
    from openeip.web.recp.services.company import company_recp

    energy = company_recp(world.a1)["balances"]["company"][2]
    assert (energy["kind"], energy["outputs_unmetered"], energy["flagged"]) == (
        "energy", True, False)
    assert energy["closure_percent"] is None
    html = html_of(client_as("admin").get("/companies/{}/recp/losses/".format(world.a1.pk)))
    assert "no energy output is metered" in html


def test_grid_electricity_losses_are_not_explained_by_steam_traps(c1):
    from openeip.web.recp.services.company import company_recp

    hotspots = {h["key"]: h for h in company_recp(c1)["losses"]["hotspots"]}
    causes = hotspots["Grid electricity"]["causes"]
    assert "steam_leaks" not in causes and "compressed_air_leaks" in causes


def test_the_park_symbiosis_ranking_names_the_grid_factor_year_of_its_benefits(world, client_as):
    import datetime as dt

    from openeip.core.ghg import grid_factors

    html = html_of(client_as("park_manager").get("/parks/alpha/symbiosis/"))
    this_year, latest = dt.date.today().year, max(grid_factors())
    notice = ("Vietnam grid emission factor: no value is known for {}; the latest one, of {}, "
              "is used.".format(this_year, latest))
    assert (notice in html) == (this_year > latest)
