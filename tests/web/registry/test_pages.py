"""The server-rendered pages: who gets which status, what numbers they show, in which language."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from openeip.web.registry.models import AuditEntry
from tests.conftest import PERSONAS, SEES_A1, tiny_dataset

LOGIN = "/accounts/login/"
MANAGES_ALPHA = {"admin", "park_manager"}
SEES_B1 = {"admin", "other_company_user"}


def status_of(response):
    """200, 404, or ('login', next) for a redirect to the login page."""
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith(LOGIN + "?next="), location
        return "login"
    return response.status_code


def expected(persona, entitled):
    if persona == "anonymous":
        return "login"
    return 200 if persona in entitled else 404


def html_of(response):
    return response.content.decode()


# --- every page × every persona ---------------------------------------------------------------

@pytest.mark.parametrize("persona", PERSONAS)
def test_home_and_park_directory_are_open_to_everyone(client_as, persona):
    client = client_as(persona)
    assert client.get("/").status_code == 200
    assert client.get("/parks/").status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_alpha_dashboard_is_only_for_alphas_managers_and_admins(client_as, persona):
    assert status_of(client_as(persona).get("/parks/alpha/")) == expected(persona, MANAGES_ALPHA)


@pytest.mark.parametrize("persona", PERSONAS)
def test_beta_dashboard_is_only_for_admins(client_as, persona):
    assert status_of(client_as(persona).get("/parks/beta/")) == expected(persona, {"admin"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_company_list_needs_a_login(client_as, persona):
    everyone = set(PERSONAS)
    assert status_of(client_as(persona).get("/companies/")) == expected(persona, everyone)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("suffix", ["", "audit/"])
def test_company_a1_pages_are_only_for_those_who_see_a1(world, client_as, persona, suffix):
    response = client_as(persona).get("/companies/{}/{}".format(world.a1.pk, suffix))
    assert status_of(response) == expected(persona, SEES_A1)
    if response.status_code == 404:
        assert "Company A1" not in html_of(response)
        assert "Grid electricity" not in html_of(response)


@pytest.mark.parametrize("persona", PERSONAS)
def test_company_b1_page_is_only_for_its_member_and_admins(world, client_as, persona):
    response = client_as(persona).get("/companies/{}/".format(world.b1.pk))
    assert status_of(response) == expected(persona, SEES_B1)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path", ["/parks/no-such-park/", "/companies/999999/",
                                  "/companies/999999/audit/"])
def test_missing_objects_look_exactly_like_forbidden_ones(client_as, persona, path):
    assert status_of(client_as(persona).get(path)) == expected(persona, set())


def test_the_login_redirect_comes_back_to_the_page_asked_for(world, client):
    response = client.get("/companies/{}/".format(world.a1.pk))
    assert response["Location"] == "{}?next=/companies/{}/".format(LOGIN, world.a1.pk)


# --- park directory ----------------------------------------------------------------------------

def test_directory_lists_every_park_with_its_number_of_tenants(client_as):
    html = html_of(client_as("anonymous").get("/parks/"))
    rows = re.findall(r'<th scope="row">(Park \w+)</th>.*?<td class="num">(\d+)</td>\s*<td>',
                      html, re.S)
    assert rows == [("Park alpha", "2"), ("Park beta", "1")]
    assert "Đồng Nai" in html


@pytest.mark.parametrize(("persona", "links"), [
    ("anonymous", []), ("company_user", []), ("consultant", []),
    ("park_manager", ["/parks/alpha/"]), ("admin", ["/parks/alpha/", "/parks/beta/"]),
])
def test_directory_links_a_dashboard_only_where_the_user_may_open_it(client_as, persona, links):
    html = html_of(client_as(persona).get("/parks/"))
    assert re.findall(r'href="(/parks/[a-z]+/)"', html) == links


# --- park dashboard ----------------------------------------------------------------------------

def test_dashboard_charts_alphas_january_totals_in_base_units(client_as):
    response = client_as("park_manager").get("/parks/alpha/")
    charts = {chart.title: chart for chart in response.context["charts"]}
    assert sorted(charts) == ["Inputs, MWh", "Inputs, m³", "Outputs, t"]
    energy = charts["Inputs, MWh"]
    assert energy.months == ["January 2024"]
    assert [(s.kind, s.values) for s in energy.series] == [("energy", [pytest.approx(2.0)])]
    assert [(s.kind, s.values) for s in charts["Inputs, m³"].series] == [
        ("water", [pytest.approx(100.0)])]
    assert [(s.kind, s.values) for s in charts["Outputs, t"].series] == [
        ("waste", [pytest.approx(4.0)])]


def test_dashboard_totals_follow_a_new_import_at_once_although_they_are_cached(world,
                                                                             client_as):
    from dataclasses import replace

    from openeip.core.units import quantity
    from openeip.web.registry.services.importer import import_dataset

    client = client_as("park_manager")
    first = client.get("/parks/alpha/").context["charts"][0]
    assert (first.title, first.series[0].values) == ("Inputs, MWh", [pytest.approx(2.0)])
    dataset = tiny_dataset("alpha", ("A1",))
    # A1 corrects January's electricity from 1,000 to 4,000 kWh: the park goes from 2 to 5 MWh.
    dataset.flows[0] = replace(dataset.flows[0], quantity=quantity(4000, "kWh"))
    import_dataset(dataset, "alpha")
    again = client.get("/parks/alpha/").context["charts"][0]
    assert again.series[0].values == [pytest.approx(5.0)]


def test_dashboard_table_carries_the_same_numbers_as_the_chart(client_as):
    html = html_of(client_as("park_manager").get("/parks/alpha/"))
    table = html.split("<caption>Inputs, MWh</caption>")[1].split("</table>")[0]
    assert re.findall(r'<td class="num">([^<]*)</td>', table) == ["2", "2"]
    assert '<th scope="col" class="num">Energy</th>' in table
    config = re.search(r'<script id="totals-chart-0-config" type="application/json">(.*?)</script>',
                       html).group(1)
    assert '"type": "bar"' in config and '"stacked": true' in config


def test_dashboard_shows_every_tenant_with_the_rows_it_reported(client_as):
    html = html_of(client_as("park_manager").get("/parks/alpha/"))
    tenants = html.split('id="park-tenants"')[1]
    rows = re.findall(r'>(Company A\d)</a></th>\s*<td>(A\d)</td>\s*<td>1313 [^<]+</td>\s*'
                      r'<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>', tenants)
    assert rows == [("Company A1", "A1", "120", "3"), ("Company A2", "A2", "120", "3")]
    assert "Company B1" not in html


def test_dashboard_shows_the_share_of_tenants_that_reported_each_month(world, client_as):
    from openeip.core.domain import Company
    from openeip.web.registry.services.importer import import_dataset

    # A third tenant registers but reports nothing: January becomes 2 of 3.
    dataset = tiny_dataset("alpha", ())
    dataset.companies.append(Company(code="A3", name_en="Company A3", name_vi="Công ty A3",
                                     vsic_code="1313"))
    dataset.company_rows.append(2)
    import_dataset(dataset, "alpha")
    html = html_of(client_as("park_manager").get("/parks/alpha/"))
    completeness = html.split("Data completeness")[1].split("</table>")[0]
    assert re.findall(r'<th scope="row">([^<]+)</th>\s*<td class="num">([^<]+)</td>\s*'
                      r'<td class="num">([^<]+)</td>', completeness) == [
        ("January 2024", "2 of 3", "67 %")]


def test_dashboard_never_reads_flow_rows_and_its_query_count_does_not_grow(
        world, client_as, django_assert_max_num_queries):
    from openeip.web.registry.services.importer import import_dataset

    client = client_as("park_manager")
    with CaptureQueriesContext(connection) as small:
        client.get("/parks/alpha/")
    codes = tuple("X{}".format(n) for n in range(40))
    import_dataset(tiny_dataset("alpha", codes), "alpha")
    with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as large:
        response = client.get("/parks/alpha/")
    assert response.context["tenant_count"] == 42
    assert len(large) == len(small)
    assert not [q for q in large.captured_queries if "registry_resourceflow" in q["sql"]]


def test_dashboard_year_selector_answers_htmx_with_the_totals_region_only(client_as):
    response = client_as("park_manager").get(
        "/parks/alpha/?year=2024", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="park-totals")
    html = html_of(response)
    assert html.lstrip().startswith('<section id="park-totals"')
    assert "<html" not in html and "Inputs, MWh" in html


def test_dashboard_pages_tenants_fifty_at_a_time_and_htmx_gets_just_the_table(world, client_as):
    from openeip.web.registry.services.importer import import_dataset

    import_dataset(tiny_dataset("alpha", tuple("X{:02d}".format(n) for n in range(60))), "alpha")
    client = client_as("park_manager")
    assert len(client.get("/parks/alpha/").context["page"].object_list) == 50
    response = client.get("/parks/alpha/?year=2024&page=2",
                          HTTP_HX_REQUEST="true", HTTP_HX_TARGET="park-tenants")
    html = html_of(response)
    assert html.lstrip().startswith('<section id="park-tenants"')
    assert html.count('<th scope="row"><a href="/companies/') == 12
    assert 'href="?year=2024&amp;page=1"' in html and "Page 2 of 2" in html


def test_dashboard_of_a_park_without_data_says_so(world, client_as):
    from openeip.web.registry.models import Park

    Park.objects.create(slug="gamma", name_en="Park gamma", name_vi="KCN gamma",
                        province="Hải Phòng", area_ha=10)
    html = html_of(client_as("admin").get("/parks/gamma/"))
    assert "No tenant of this park has reported resource flows yet." in html
    assert "This park has no tenants yet." in html


def test_dashboard_ignores_a_year_without_data_and_shows_the_latest(client_as):
    response = client_as("park_manager").get("/parks/alpha/?year=1999")
    assert response.context["year"] == 2024


# --- company page ------------------------------------------------------------------------------

def test_company_page_shows_facts_flows_and_products(world, client_as):
    html = html_of(client_as("company_user").get("/companies/{}/".format(world.a1.pk)))
    assert "<h1>Company A1</h1>" in html
    for text in ("Grid electricity", "Tap water", "Sludge", "Dyed fabric", "1,000 kWh",
                 "2,000,000", "500,000,000", "Landfill", "Public grid or network", "12 06 05"):
        assert text in html, text
    assert 'href="/companies/{}/audit/"'.format(world.a1.pk) in html


def test_company_page_links_the_park_dashboard_only_for_its_managers(world, client_as):
    dashboard = 'href="/parks/alpha/"'
    path = "/companies/{}/".format(world.a1.pk)
    assert dashboard in html_of(client_as("park_manager").get(path))
    assert dashboard not in html_of(client_as("company_user").get(path))


def test_company_flows_filter_by_kind_returns_only_that_kind(world, client_as):
    response = client_as("company_user").get(
        "/companies/{}/?kind=water".format(world.a1.pk),
        HTTP_HX_REQUEST="true", HTTP_HX_TARGET="flows")
    html = html_of(response)
    assert html.lstrip().startswith('<section id="flows"')
    assert "Tap water" in html
    assert "Grid electricity" not in html and "Sludge" not in html
    assert response["Vary"].count("HX-Target") == 1


def test_company_flows_filter_by_period(world, client_as):
    from openeip.web.registry.models import ReportingPeriod

    january = ReportingPeriod.objects.get(year=2024, month=1)
    response = client_as("company_user").get(
        "/companies/{}/?period={}".format(world.a1.pk, january.pk))
    assert len(response.context["flow_page"].object_list) == 3


def test_an_unknown_kind_says_which_field_is_wrong_and_filters_nothing(world, client_as):
    response = client_as("company_user").get("/companies/{}/?kind=plutonium".format(world.a1.pk))
    html = html_of(response)
    assert "Kind: Select a valid choice. plutonium is not one of the available choices." in html
    assert len(response.context["flow_page"].object_list) == 3


def test_company_page_query_count_is_small(world, client_as, django_assert_max_num_queries):
    client = client_as("company_user")
    with django_assert_max_num_queries(12):
        client.get("/companies/{}/".format(world.a1.pk))


def test_audit_trail_lists_the_import_of_the_companys_rows(world, client_as):
    AuditEntry.objects.create(via="web", action="update", company=world.a1, object_type="flow",
                              object_key="A1 input water Tap water @ 2024-01",
                              changes={"quantity": [50.0, 55.0]})
    html = html_of(client_as("consultant").get("/companies/{}/audit/".format(world.a1.pk)))
    assert "rows in the file: — → 4" in html and "rows_in_file" not in html
    assert "quantity: 50.0 → 55.0" in html
    assert "B1" not in html


# --- home, layout, login -----------------------------------------------------------------------

def test_home_lists_the_companies_a_consultant_was_granted(world, client_as):
    html = html_of(client_as("consultant").get("/"))
    assert 'href="/companies/{}/"'.format(world.a1.pk) in html
    assert "Company A2" not in html
    assert "You do not manage a park." in html


def test_home_lists_the_park_a_manager_runs(client_as):
    html = html_of(client_as("park_manager").get("/"))
    assert '<a href="/parks/alpha/">Park alpha</a>' in html


def test_layout_has_landmarks_skip_link_and_a_post_logout(client_as):
    html = html_of(client_as("company_user").get("/"))
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert re.search(r'<form action="/accounts/logout/" method="post">\s*<input type="hidden" '
                     r'name="csrfmiddlewaretoken"', html)
    assert 'href="/admin/"' not in html
    assert 'href="/admin/"' in html_of(client_as("admin").get("/"))


@pytest.mark.parametrize(("persona", "shown"), [("anonymous", False), ("company_user", True)])
def test_import_is_in_the_navigation_of_logged_in_users(client_as, persona, shown):
    assert ('href="/import/"' in html_of(client_as(persona).get("/parks/"))) == shown


def test_layout_loads_nothing_from_another_site(client_as):
    html = html_of(client_as("park_manager").get("/parks/alpha/"))
    sources = re.findall(r'(?:src|href)="([^"#?]+)', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "/static/vendor/htmx/htmx.min.js" in sources
    assert "/static/vendor/chartjs/chart.umd.min.js" in sources


def test_the_vendored_assets_are_served(client):
    for path in ("/static/vendor/htmx/htmx.min.js", "/static/vendor/chartjs/chart.umd.min.js",
                 "/static/openeip/openeip.css", "/static/openeip/charts.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        b"".join(response.streaming_content)


def test_the_footer_promises_only_what_the_platform_does(client_as):
    footer = html_of(client_as("anonymous").get("/parks/")).split("<footer")[1]
    assert "industrial symbiosis and EIP assessment" in footer
    assert "finance" not in footer


def test_the_site_icon_is_served_at_the_root_and_linked_from_every_page(client_as):
    icon = client_as("anonymous").get("/favicon.ico")
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    html = html_of(client_as("anonymous").get("/parks/"))
    assert '<link rel="icon" href="/favicon.ico"' in html
    touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)"', html).group(1)
    png = client_as("anonymous").get(touch)
    assert png.status_code == 200 and png["Content-Type"] == "image/png"


def test_login_page_logs_in_and_goes_home(world, client):
    from tests.conftest import PASSWORD

    page = client.get(LOGIN)
    assert page.status_code == 200 and 'name="username"' in html_of(page)
    response = client.post(LOGIN, {"username": "company_user", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_login_page_says_what_is_wrong_with_bad_credentials(world, client):
    html = html_of(client.post(LOGIN, {"username": "company_user", "password": "nope"}))
    assert "Please enter a correct username and password." in html


def test_server_error_page_renders_without_a_request():
    with translation.override("en"):
        html = get_template("500.html").render({})
    assert "<h1>Server error</h1>" in html


# --- language ----------------------------------------------------------------------------------

def test_switching_to_vietnamese_sets_the_page_language(world, client_as):
    client = client_as("company_user")
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/parks/"}, follow=True)
    assert '<html lang="vi">' in html_of(response)
    assert re.search(r'value="vi" lang="vi"\s*aria-pressed="true"', html_of(response))


def test_vietnamese_shows_catalogue_labels_and_vietnamese_number_format(world, client_as):
    client = client_as("company_user")
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    html = html_of(client.get("/companies/{}/".format(world.a1.pk)))
    assert "<h1>Công ty A1</h1>" in html
    assert "Năng lượng" in html and "Chôn lấp" in html
    assert "1.000 kWh" in html and "2.000.000" in html
    assert "<td>Tháng 1 2024</td>" in html


def test_renaming_a_tenant_shows_at_once_on_the_cached_dashboard(world, client_as):
    client = client_as("park_manager")
    assert "Company A1" in html_of(client.get("/parks/alpha/"))
    world.a1.name_en = "Renamed Dyeing"
    world.a1.save()
    html = html_of(client.get("/parks/alpha/"))
    assert "Renamed Dyeing" in html and "Company A1" not in html


def test_deleting_a_tenant_shows_at_once_on_the_cached_dashboard(world, client_as):
    client = client_as("park_manager")
    assert "Company A2" in html_of(client.get("/parks/alpha/"))
    world.a2.delete()
    response = client.get("/parks/alpha/")
    assert "Company A2" not in html_of(response)
    # Its flows went with it: January's electricity is A1's 1 MWh alone.
    assert response.context["charts"][0].series[0].values == [pytest.approx(1.0)]


# --- dates and numbers in both languages --------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [("en", "6 Dec 2026"), ("vi", "06/12/2026")])
def test_pages_write_dates_unambiguously(lang, text):
    import datetime

    from django.utils.formats import date_format

    with translation.override(lang):
        assert date_format(datetime.date(2026, 12, 6), "SHORT_DATE_FORMAT") == text
        assert date_format(datetime.date(2026, 12, 6), "DATE_FORMAT") == text
