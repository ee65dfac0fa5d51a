"""RECP dashboard and losses pages: who may see them and the exact figures they show.

A1 in the tiny world, January 2024: 1 MWh of grid electricity, 50 m³ of tap water, 2 t of
sludge, 10 t of dyed fabric sold for 500,000,000 VND. Vietnam's 2024 grid factor makes the
electricity 0.6811 tCO2e (scope 2).
"""

from __future__ import annotations

import json
import re

import pytest

from openeip.web.recp.models import Assessment
from tests.conftest import PERSONAS, SEES_A1, tiny_dataset
from tests.web.recp.test_recp_pages_assessments import (
    _february,
    expected,
    html_of,
    status_of,
    text_of,
)

SEES_B1 = {"admin", "other_company_user"}


def dashboard(company, query=""):
    return "/companies/{}/recp/{}".format(company.pk, query)


def losses(company):
    return "/companies/{}/recp/losses/".format(company.pk)


def config_of(response, dom_id):
    found = re.search(r'<script id="{}" type="application/json">(.*?)</script>'.format(dom_id),
                      html_of(response), re.S)
    return json.loads(found.group(1))


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request in Vietnamese leaves Vietnamese active in this thread; later tests that call
    services directly must not inherit it."""
    from django.utils import translation

    yield
    translation.activate("en")


# --- every page × every persona ------------------------------------------------------------

@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", [dashboard, losses])
def test_a1s_recp_pages_are_only_for_those_who_see_a1(world, client_as, persona, page):
    response = client_as(persona).get(page(world.a1))
    assert status_of(response) == expected(persona, SEES_A1)
    if response.status_code == 404:
        assert "Company A1" not in html_of(response)
        assert "Grid electricity" not in html_of(response)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", [dashboard, losses])
def test_b1s_recp_pages_are_only_for_its_member_and_admins(world, client_as, persona, page):
    assert status_of(client_as(persona).get(page(world.b1))) == expected(persona, SEES_B1)


@pytest.mark.parametrize("persona", ["company_user", "anonymous"])
def test_a_company_that_does_not_exist_looks_like_a_forbidden_one(client_as, persona):
    response = client_as(persona).get("/companies/999999/recp/")
    assert status_of(response) == expected(persona, set())


def test_the_company_page_links_its_recp_dashboard(world, client_as):
    html = html_of(client_as("company_user").get("/companies/{}/".format(world.a1.pk)))
    assert 'href="/companies/{}/recp/"'.format(world.a1.pk) in html


# --- dashboard: exact figures ---------------------------------------------------------------

def test_the_six_indicators_of_january_absolute_and_per_tonne_of_product(world, client_as):
    text = text_of(client_as("company_user").get(dashboard(world.a1)))
    assert "The six indicators, January 2024" in text
    assert "Intensity: use per t of product (Dyed fabric)" in text
    for row in ("Energy 1 MWh 0.1 MWh/t", "Materials – –", "Water 50 m³ 5 m³/t",
                "Waste 2 t 0.2 t/t", "Greenhouse gases 0.681 tCO2e 0.0681 tCO2e/t",
                "Wastewater – –"):
        assert row in text, row
    assert "Materials: Nothing is recorded for this period." in text


def test_per_million_vnd_of_sales_and_productivity(world, client_as):
    client = client_as("company_user")
    text = text_of(client.get(dashboard(world.a1, "?denominator=value")))
    # 1 MWh for 500 million VND of sales
    assert "Energy 1 MWh 0.002 MWh/million VND" in text
    assert "Water 50 m³ 0.1 m³/million VND" in text
    text = text_of(client.get(dashboard(world.a1, "?form=productivity&denominator=mass")))
    assert "Productivity: t of product (Dyed fabric) per unit used" in text
    assert "Energy 1 MWh 10 t/MWh" in text


def test_trend_charts_come_with_tables_of_the_same_numbers(world, client_as):
    _february(world, kwh=900)
    response = client_as("company_user").get(dashboard(world.a1))
    charts = {chart.title: chart for chart in response.context["charts"]}
    assert charts["Energy, MWh"].periods == ["January 2024", "February 2024"]
    assert charts["Energy, MWh"].series[0].values == pytest.approx([1.0, 0.9])
    assert charts["Energy, MWh/t"].series[0].values == pytest.approx([0.1, 0.09])
    config = config_of(response, charts["Energy, MWh"].dom_id + "-config")
    assert config["type"] == "line"
    assert config["data"]["datasets"][0]["data"] == pytest.approx([1.0, 0.9])
    assert "February 2024 0.9" in text_of(response)


def test_change_against_the_chosen_baseline(world, client_as):
    _february(world, kwh=900)
    response = client_as("company_user").get(dashboard(world.a1, "?baseline=2024-01"))
    text = text_of(response)
    assert "Change against January 2024" in text
    # 1 → 0.9 MWh: −10 %, better; water stays at 50 m³: 0 %, neither better nor worse
    assert ("Absolute Period Energy (MWh) Materials (t) Water (m³) Waste (t) Greenhouse gases "
            "(tCO2e) Wastewater (m³) January 2024 (baseline) 1 – 50 2 0.681 – "
            "February 2024 0.9 -10 % better – 50 0 % 2 0 % 0.613 -10 % better –") in text
    # per t of product: 0.1 → 0.09 MWh/t
    assert ("January 2024 (baseline) 0.1 – 5 0.2 0.0681 – February 2024 0.09 -10 % better – "
            "5 0 % 0.2 0 % 0.0613 -10 % better –") in text
    assert "Energy 0.9 MWh 0.09 MWh/t -10 % (better)" in text  # in the six indicators table


def test_a_bad_choice_is_named_and_the_default_shown(world, client_as):
    response = client_as("company_user").get(dashboard(world.a1, "?granularity=decade"
                                                                 "&baseline=1999"))
    text = text_of(response)
    assert "Periods: Select a valid choice. decade is not one of the available choices." in text
    assert "Baseline period: Select a valid choice. 1999 is not one of the available choices." \
        in text
    assert "The six indicators, January 2024" in text


def test_yearly_view_says_why_an_incomplete_year_has_no_total(world, client_as):
    text = text_of(client_as("company_user").get(dashboard(world.a1, "?granularity=year")))
    assert "The six indicators, 2024" in text
    assert "Energy – –" in text
    assert "Energy: Months without records: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12" in text


def test_ghg_names_the_gwp_set_scopes_memo_and_factor_versions(world, client_as):
    response = client_as("company_user").get(dashboard(world.a1, "?gwp=AR6"))
    text = text_of(response)
    assert "Global warming potentials: IPCC AR6 (GWP100)." in text
    assert "Emissions by year, tCO2e Year Scope 1 Scope 2 Total Biogenic CO2 (memo) " \
           "2024 0 0.681 0.681 0" in text
    assert "Grid electricity 2 0.681" in text
    assert "GWP set AR6" in text and "grid emission factors" in text
    chart = config_of(response, "ghg-chart-config")
    assert [d["data"] for d in chart["data"]["datasets"]] == [[0.0], [pytest.approx(0.6811)]]


def test_peers_are_withheld_when_too_few_to_hide_a_firm(world, client_as):
    response = client_as("company_user").get(dashboard(world.a1))
    # A2 is A1's only peer of VSIC 1313 in the park
    assert ("Too few peers to compare without revealing a firm. Other firms of the sector "
            "with these figures: at most 1 in the park and 1 on the platform; at least 5 are "
            "needed before any comparison is shown.") in text_of(response)
    cells = [cell for row in response.context["peers"] for cell in (row.park, row.platform)]
    assert cells and all(cell.too_few and cell.median is None for cell in cells)
    assert "Percentile rank 0" not in text_of(response)


def test_peers_show_only_aggregates_once_there_are_enough(world, client_as):
    from openeip.web.registry.services.importer import import_dataset

    import_dataset(tiny_dataset("alpha", tuple("P{}".format(n) for n in range(5))), "alpha")
    response = client_as("company_user").get(dashboard(world.a1))
    park = {row.label: row.park for row in response.context["peers"]}
    energy = park["Energy"]
    # six peers (A2, P0…P4), all with 1 MWh like A1: rank 50, every quartile 1 MWh
    assert (energy.peer_count, energy.percentile, energy.median) == (6, 50.0, 1.0)
    assert (energy.lower_quartile, energy.upper_quartile) == (1.0, 1.0)
    text = text_of(response)
    assert "Percentile rank 50 median 1 MWh (quartiles 1–1), 6 peers" in text
    assert "Company A2" not in html_of(response) and "Company P0" not in html_of(response)


def test_the_dashboard_query_count_does_not_grow_with_the_data(world, client_as,
                                                              django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("company_user")
    url = dashboard(world.a1, "?baseline=2024-01")
    client.get(url)  # the snapshot is computed once
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    queries = len(small)  # read now: the next request clears the connection's query log
    _february(world, kwh=900)
    client.get(url)
    with django_assert_max_num_queries(queries):
        client.get(url)


def test_a_company_without_data_is_told_so(world, client_as):
    from openeip.web.registry.models import Company

    empty = Company.objects.create(park=world.alpha, code="A9", name_en="Empty",
                                   name_vi="Trống", vsic_code="1313")
    text = text_of(client_as("park_manager").get(dashboard(empty)))
    assert "This company has no resource data yet" in text
    text = text_of(client_as("park_manager").get(losses(empty)))
    assert "This company has no resource data yet" in text


# --- losses page ----------------------------------------------------------------------------

def test_hotspots_are_ranked_and_unpriced_amounts_are_kept(world, client_as):
    text = text_of(client_as("consultant").get(losses(world.a1)))
    assert "Losses and flows, 2024" in text
    assert "1 Tap water (Water) Possible causes: Water leaks, overflows and running hoses;" in text
    assert "(and 7 more) 50 m³ 0 0 0 50 m³ not priced" in text
    assert "2 Sludge (Solid waste) Possible causes: Wastes mixed instead of segregated;" in text
    assert "(and 14 more) 2 t 0 0 0 2 t not priced" in text


def test_balances_show_closure_errors_and_flag_them(world, client_as):
    text = text_of(client_as("consultant").get(losses(world.a1)))
    assert ("Water balance, m³ Flow In Out Tap water (Water) 50 Total 50 0 Closure error "
            "50 m³ (100 %) flagged: above 10 %") in text
    assert "Energy balance, MWh" in text and "Mass balance, t" in text


def test_the_sankey_draws_each_unit_apart_with_a_table(world, client_as):
    response = client_as("consultant").get(losses(world.a1))
    html = html_of(response)
    assert "/static/vendor/chartjs-chart-sankey/chartjs-chart-sankey.min.js" in html
    configs = {chart.unit: config_of(response, chart.dom_id + "-config")
               for chart in response.context["sankeys"]}
    assert list(configs) == ["t", "m³", "MWh"]
    mass = configs["t"]["data"]["datasets"][0]
    assert configs["t"]["type"] == "sankey"
    assert sorted((d["from"], d["to"], d["flow"]) for d in mass["data"]) == [
        ("site", "output:product:Dyed fabric", 10.0), ("site", "output:waste:Sludge", 2.0)]
    assert mass["labels"]["output:waste:Sludge"] == "Sludge"
    assert "From To t Site Sludge 2 Site Dyed fabric 10" in text_of(response)


def test_suggestions_are_typical_never_promises_and_can_be_added(world, client_as):
    client = client_as("consultant")
    text = text_of(client.get(losses(world.a1)))
    assert "Run a dye-house good-housekeeping programme (TEX-02)" in text
    assert "Typical effect: typically about 3.8 % of the water used where it applies." in text
    assert "Start an assessment to add it to" in text
    scan = Assessment.objects.create(company=world.a1, title="Scan")
    html = html_of(client.get(losses(world.a1)))
    link = "/companies/{}/recp/assessments/{}/options/new/?template=TEX-02".format(
        world.a1.pk, scan.pk)
    assert 'href="{}"'.format(link) in html
    assert "Add to “Scan”" in html
    assert client.get(link).status_code == 200


def test_losses_page_query_count_is_bounded(world, client_as, django_assert_max_num_queries):
    client = client_as("consultant")
    client.get(losses(world.a1))
    with django_assert_max_num_queries(20):
        client.get(losses(world.a1))


def test_the_dashboard_and_losses_speak_vietnamese(world, client_as):
    client = client_as("company_user")
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    text = text_of(client.get(dashboard(world.a1)))
    assert "Sáu chỉ số, Tháng 1 2024" in text
    assert "0,681 tCO2e" in text  # decimal comma
    assert "Quá ít doanh nghiệp cùng ngành để so sánh mà không làm lộ số liệu của một" in text
    assert "Tổn thất và dòng tài nguyên năm 2024" in text_of(client.get(losses(world.a1)))
