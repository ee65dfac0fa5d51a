"""RECP assessment pages: who may see and change them, the option sheets' exact numbers, the
workflow buttons, verification, the MACC, and forms that name the field they reject.

The tiny world's A1 reported January 2024 only: 1,000 kWh of grid electricity costing
2,000,000 VND, 50 m³ of tap water, 2 t of sludge and 10 t of dyed fabric. A saving is checked
against the year scaled from the months reported: 1 MWh × 12 = 12 MWh of electricity a year.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from openeip.core.domain import ReportingPeriod
from openeip.core.units import quantity
from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus
from tests.conftest import PERSONAS, SEES_A1, tiny_dataset

LOGIN = "/accounts/login/"
SEES_B1 = {"admin", "other_company_user"}

LED = {"title_en": "LED lighting", "category": "equipment_modification",
       "investment_vnd": "10000000", "lifetime_years": "5", "discount_rate_percent": "10",
       "extra_om_vnd": "0", "saving-0-description": "Grid electricity",
       "saving-0-quantity": "1.2", "saving-0-unit": "MWh"}


def status_of(response):
    if response.status_code == 302 and response["Location"].startswith(LOGIN + "?next="):
        return "login"
    return response.status_code


def expected(persona, entitled, success=200):
    if persona == "anonymous":
        return "login"
    return success if persona in entitled else 404


def html_of(response):
    return response.content.decode()


def text_of(response):
    """The page's visible text, tags dropped and spaces collapsed (for exact phrases)."""
    import html

    body = html_of(response)
    body = body[body.index("<main"):body.index("</main>")]
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def base(company):
    return "/companies/{}/recp/assessments/".format(company.pk)


@pytest.fixture
def scan(world):
    return Assessment.objects.create(company=world.a1, title="Quick scan 2024", kind="quick_scan",
                                     baseline_period=None, gwp_set="AR5")


@pytest.fixture
def led(world, scan, client_as):
    """The LED option, added through the page by the consultant."""
    client_as("consultant").post("{}{}/options/new/".format(base(world.a1), scan.pk), LED)
    return AssessmentOption.objects.get(assessment=scan)


def _february(world, kwh: float) -> None:
    """A1 reports February 2024 too, with ``kwh`` of grid electricity."""
    from openeip.web.registry.services.importer import import_dataset

    dataset = tiny_dataset("alpha", ("A1",))
    february = ReportingPeriod(2024, 2)
    flows = [replace(flow, period=february) for flow in dataset.flows]
    flows[0] = replace(flows[0], quantity=quantity(kwh, "kWh"), cost_vnd=None)
    dataset.flows[:] = flows
    dataset.products[:] = [replace(p, period=february) for p in dataset.products]
    import_dataset(dataset, "alpha")


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request in Vietnamese leaves Vietnamese active in this thread; later tests that call
    services directly must not inherit it."""
    from django.utils import translation

    yield
    translation.activate("en")


# --- every page × every persona -----------------------------------------------------------

@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["list", "detail", "new-option", "option"])
def test_a1s_assessment_pages_are_only_for_those_who_see_a1(world, scan, led, client_as,
                                                            persona, page):
    url = {"list": base(world.a1),
           "detail": "{}{}/".format(base(world.a1), scan.pk),
           "new-option": "{}{}/options/new/".format(base(world.a1), scan.pk),
           "option": "{}{}/options/{}/".format(base(world.a1), scan.pk, led.pk)}[page]
    client_as("anonymous").logout()
    response = client_as(persona).get(url)
    assert status_of(response) == expected(persona, SEES_A1)
    if response.status_code == 404:
        assert "Company A1" not in html_of(response)
        assert "LED lighting" not in html_of(response)


@pytest.mark.parametrize("persona", PERSONAS)
def test_b1s_assessments_are_only_for_its_member_and_admins(world, client_as, persona):
    assert status_of(client_as(persona).get(base(world.b1))) == expected(persona, SEES_B1)


@pytest.mark.parametrize("persona", PERSONAS)
def test_starting_an_assessment_is_for_those_who_may_change_a1(world, client_as, persona):
    response = client_as(persona).post(base(world.a1), {"title": "Scan", "kind": "quick_scan",
                                                        "gwp_set": "AR6"})
    assert status_of(response) == expected(persona, SEES_A1, success=302)
    assert Assessment.objects.filter(company=world.a1).count() == (persona in SEES_A1)


@pytest.mark.parametrize("persona", PERSONAS)
def test_moving_an_option_is_for_those_who_may_change_a1(world, scan, led, client_as, persona):
    url = "{}{}/options/{}/status/".format(base(world.a1), scan.pk, led.pk)
    client_as("anonymous").logout()
    response = client_as(persona).post(url, {"status": "studied"})
    assert status_of(response) == expected(persona, SEES_A1, success=302)
    led.refresh_from_db()
    assert led.status == ("studied" if persona in SEES_A1 else "identified")


def test_an_option_is_found_only_under_its_own_assessment(world, scan, led, client_as):
    other = Assessment.objects.create(company=world.a1, title="Other")
    client = client_as("company_user")
    assert client.get("{}{}/options/{}/".format(base(world.a1), other.pk, led.pk)
                      ).status_code == 404
    assert client.get("{}{}/".format(base(world.b1), scan.pk)).status_code == 404


def test_status_and_verify_answer_only_post(world, scan, led, client_as):
    client = client_as("company_user")
    for action in ("status", "verify"):
        url = "{}{}/options/{}/{}/".format(base(world.a1), scan.pk, led.pk, action)
        assert client.get(url).status_code == 405


# --- starting an assessment ------------------------------------------------------------------

def test_starting_an_assessment_stores_what_the_form_says(world, client_as):
    response = client_as("consultant").post(base(world.a1), {
        "title": "Dye house scan", "kind": "detailed", "baseline": "2024", "gwp_set": "AR6",
        "focus_areas": ["water", "energy"], "team": "Lan (energy)\nMinh (water)"})
    assessment = Assessment.objects.get(company=world.a1)
    assert response["Location"] == "{}{}/".format(base(world.a1), assessment.pk)
    assert (assessment.title, assessment.kind, assessment.gwp_set) == (
        "Dye house scan", "detailed", "AR6")
    assert str(assessment.baseline_period) == "2024"
    assert assessment.focus_areas == ["energy", "water"]  # in the list's order
    assert assessment.created_by.username == "consultant"
    text = text_of(client_as("consultant").get(response["Location"]))
    assert "Focus areas energy, water" in text and "GWP set IPCC AR6 (GWP100)" in text


def test_the_baseline_offers_only_periods_with_data(world, client_as):
    response = client_as("consultant").get(base(world.a1))
    choices = [value for value, _label in response.context["form"].fields["baseline"].choices]
    assert choices == ["", "2024", "2024-01"]


@pytest.mark.parametrize(("data", "message"), [
    ({"kind": "quick_scan", "gwp_set": "AR5"}, "Title: This field is required."),
    ({"title": "x", "kind": "quick_scan", "gwp_set": "AR4"},
     "GWP set: Select a valid choice. AR4 is not one of the available choices."),
    ({"title": "x", "kind": "quick_scan", "gwp_set": "AR5", "baseline": "2019"},
     "Baseline period: Select a valid choice. 2019 is not one of the available choices."),
    ({"title": "x", "kind": "audit", "gwp_set": "AR5"},
     "Kind: Select a valid choice. audit is not one of the available choices."),
])
def test_a_bad_assessment_is_refused_naming_the_field(world, client_as, data, message):
    response = client_as("consultant").post(base(world.a1), data)
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Assessment.objects.exists()


def test_the_list_shows_each_assessment_with_its_options(world, scan, led, client_as):
    text = text_of(client_as("company_user").get(base(world.a1)))
    assert "Quick scan 2024 quick scan — IPCC AR5 (GWP100) planned 1" in text


def test_people_who_may_only_look_get_no_forms(world, scan, client_as, monkeypatch):
    from openeip.web.recp.views import assessments

    monkeypatch.setattr(assessments, "may_change", lambda request, company: False)
    html = html_of(client_as("company_user").get(base(world.a1)))
    assert "Start an assessment" not in html and 'method="post"' not in html.split("<main")[1]


# --- option sheets: exact numbers -----------------------------------------------------------

def test_an_own_option_is_saved_evaluated_and_shown_with_its_figures(world, scan, led,
                                                                     client_as):
    figures = led.results["figures"]
    # 1.2 MWh × 2,000,000 VND/MWh (A1's own cost: 2,000,000 VND for 1 MWh)
    assert figures["annual_savings_vnd"] == pytest.approx(2_400_000)
    assert figures["simple_payback_years"] == pytest.approx(10_000_000 / 2_400_000)
    # NPV = −10,000,000 + 2,400,000 × (1 − 1.1⁻⁵) / 0.1
    assert figures["npv_vnd"] == pytest.approx(-10_000_000 + 2_400_000 * (1 - 1.1 ** -5) / 0.1)
    assert led.status == "identified" and led.created_by.username == "consultant"
    text = text_of(client_as("company_user").get("{}{}/".format(base(world.a1), scan.pk)))
    for phrase in ("Investment 10,000,000 VND", "Lifetime 5 years", "Discount rate 10 %",
                   "Grid electricity 1.2 MWh 10 % 2,000,000 VND/MWh",
                   "Annual savings 2,400,000 VND/year", "Simple payback 4.17 years",
                   "Net present value -902,112 VND", "Energy 1.2 MWh/year",
                   "the consultant's own option", "Category Equipment modification",
                   "Status identified"):
        assert phrase in text, phrase
    assert "Discounted payback never paid back" in text  # the reason, not a blank


def test_an_option_sheet_names_the_gwp_set_and_factor_versions(world, scan, led, client_as):
    from openeip.core import ghg

    text = text_of(client_as("company_user").get("{}{}/".format(base(world.a1), scan.pk)))
    assert "GWP set AR5" in text
    from openeip.web.base.labels import table_label

    versions = led.results["factor_versions"]  # each table named in words
    assert versions and all("{} {}".format(table_label(k), v) in text
                            for k, v in versions.items())
    # 1.2 MWh × Vietnam's 2024 grid factor
    factor = ghg.grid_factor(2024).value
    assert led.results["effects"]["ghg_tco2e"] == pytest.approx(1.2 * float(
        getattr(factor, "magnitude", factor)))


def test_editing_an_option_evaluates_it_again(world, scan, led, client_as):
    url = "{}{}/options/{}/".format(base(world.a1), scan.pk, led.pk)
    form = client_as("consultant").get(url)
    assert 'name="discount_rate_percent" value="10"' in html_of(form)
    response = client_as("consultant").post(url, {**LED, "saving-0-quantity": "2.4"})
    assert response.status_code == 302
    led.refresh_from_db()
    assert led.savings == [{"description": "Grid electricity", "quantity": 2.4, "unit": "MWh"}]
    assert led.results["figures"]["annual_savings_vnd"] == pytest.approx(4_800_000)


@pytest.mark.parametrize(("change", "message"), [
    ({"lifetime_years": "-3"},
     "Lifetime (years): Ensure this value is greater than or equal to 1."),
    ({"investment_vnd": "-5"},
     "Investment (VND): Ensure this value is greater than or equal to 0."),
    ({"title_en": ""}, "Title (English): Give the option a title in English or Vietnamese."),
    ({"category": "magic"},
     "Category: Select a valid choice. magic is not one of the available choices."),
    ({"saving-0-unit": ""},
     "Unit (row 1): Give the flow, the quantity and its unit together, or leave all three "
     "empty."),
    ({"saving-0-description": "Steam"},
     "Flow saved (row 1): Select a valid choice. Steam is not one of the available choices."),
    ({"saving-0-quantity": "13"}, "larger than the 12 MWh consumed in the baseline"),
    ({"saving-0-unit": "m3"},
     "Unit (row 1): The saving of Grid electricity is in m³, but the company's Grid electricity "
     "is counted in MWh; give the saving in a unit of the same kind, such as MWh."),
    ({"saving-0-unit": "furlongs"}, "Unit (row 1): The saving of Grid electricity:"),
    ({"saving-0-description": "Sludge", "saving-0-unit": "t", "saving-0-quantity": "1"},
     "Saved per year (row 1): No price for 'Sludge' of A1 in 2024. Record its cost on the "
     "flow, or enter a price for 'waste:hazardous' in the company's prices."),
])
def test_a_bad_option_is_refused_naming_the_field_and_nothing_is_kept(world, scan, client_as,
                                                                      change, message):
    response = client_as("consultant").post(
        "{}{}/options/new/".format(base(world.a1), scan.pk), {**LED, **change})
    assert response.status_code == 200
    assert message in text_of(response)
    assert not AssessmentOption.objects.exists()


def test_a_library_option_shows_its_typical_effect_and_source_never_a_promise(
        world, scan, client_as):
    from openeip.core.recp import citation, option_library

    code, template = next((code, t) for code, t in sorted(option_library().items())
                          if t.effect is not None)
    url = "{}{}/options/new/?template={}".format(base(world.a1), scan.pk, code)
    text = text_of(client_as("consultant").get(url))
    effect = template.effect
    assert "Typical effect: typically {}–{} %".format(
        "{:f}".format(effect.low_pct.normalize()),
        "{:f}".format(effect.high_pct.normalize())) in text
    assert "Source: {}".format(citation(effect.source, "en")) in text
    assert "recp.md" not in text
    assert "not a promise for this company" in text
    assert "Title (English)" not in text  # the library's title is kept
    data = {key: value for key, value in LED.items() if not key.startswith(("title", "categ"))}
    response = client_as("consultant").post(url, {**data, "template": code})
    option = AssessmentOption.objects.get()
    assert response.status_code == 302
    assert (option.template_code, option.category) == (code, template.category)


def test_an_unknown_library_code_goes_back_to_the_suggestions(world, scan, client_as):
    response = client_as("consultant").get(
        "{}{}/options/new/?template=NOPE-99".format(base(world.a1), scan.pk))
    assert response.status_code == 302
    assert response["Location"] == "/companies/{}/recp/losses/".format(world.a1.pk)


# --- workflow and verification --------------------------------------------------------------

def _buttons(response):
    return re.findall(r'name="status" value="(\w+)"', html_of(response))


def test_only_the_moves_the_workflow_allows_are_offered(world, scan, led, client_as):
    client = client_as("consultant")
    detail = "{}{}/".format(base(world.a1), scan.pk)
    assert _buttons(client.get(detail)) == ["studied", "rejected"]
    client.post("{}options/{}/status/".format(detail, led.pk), {"status": "studied"})
    # approving the investment is the company's decision: the consultant is not offered it
    assert _buttons(client.get(detail)) == ["rejected"]
    assert _buttons(client_as("company_user").get(detail)) == ["approved", "rejected"]


def test_a_move_the_workflow_forbids_is_refused_with_the_reason(world, scan, led, client_as):
    client = client_as("consultant")
    url = "{}{}/options/{}/status/".format(base(world.a1), scan.pk, led.pk)
    response = client.post(url, {"status": "verified"}, follow=True)
    led.refresh_from_db()
    assert led.status == "identified"
    assert ("Status: An option that is identified cannot become verified; from identified it "
            "may become: studied, rejected.") in text_of(response)
    assert response.redirect_chain[-1][0].endswith("#option-{}".format(led.pk))


def test_an_implemented_option_is_verified_with_measured_data(world, scan, led, client_as):
    _february(world, kwh=900)
    for status in ("studied", "approved", "implemented"):
        led.refresh_from_db()
        from openeip.web.base.workflow import transition

        # the consultant prepares; approving the investment is the company's own decision
        transition(led, status, world.users["company_user" if status == "approved"
                                            else "consultant"])
    client = client_as("consultant")
    detail = "{}{}/".format(base(world.a1), scan.pk)
    assert "Measure before and after" in html_of(client.get(detail))
    response = client.post("{}options/{}/verify/".format(detail, led.pk),
                           {"before": "2024-01", "after": "2024-02"}, follow=True)
    text = text_of(response)
    # 1 MWh before, 0.9 MWh after: 0.1 MWh less; the month's share of 1.2 MWh/yr is 0.1 MWh
    assert ("Grid electricity 1 MWh 0.9 MWh 0.1 MWh 0.1 MWh 0.1 MWh 100 %") in text
    led.refresh_from_db()
    assert led.measured_change["lines"][0]["change"] == pytest.approx(0.1)
    assert _buttons(response) == ["verified"]


def test_verifying_with_periods_in_the_wrong_order_names_the_field(world, scan, led, client_as):
    _february(world, kwh=900)
    AssessmentOption.objects.filter(pk=led.pk).update(status=OptionStatus.IMPLEMENTED)
    response = client_as("consultant").post(
        "{}{}/options/{}/verify/".format(base(world.a1), scan.pk, led.pk),
        {"before": "2024-02", "after": "2024-01"}, follow=True)
    assert ("Period after: The period after implementation (2024-01) must come after the "
            "period before it (2024-02).") in text_of(response)
    led.refresh_from_db()
    assert led.measured_change == {}


# --- MACC -----------------------------------------------------------------------------------

def test_the_macc_orders_options_cheapest_first_with_widths_and_heights(world, scan, led,
                                                                        client_as):
    cheap = {**LED, "title_en": "Switch off idle machines", "category": "good_housekeeping",
             "investment_vnd": "0", "saving-0-quantity": "0.6"}
    client_as("consultant").post("{}{}/options/new/".format(base(world.a1), scan.pk), cheap)
    response = client_as("consultant").get("{}{}/".format(base(world.a1), scan.pk))
    macc = response.context["macc"]
    assert [bar.name for bar in macc.bars] == ["Switch off idle machines", "LED lighting"]
    first, second = macc.bars
    assert first.cost_vnd_per_tco2e < 0 < second.cost_vnd_per_tco2e
    assert first.start_tco2e == 0 and second.start_tco2e == pytest.approx(first.abatement_tco2e)
    assert second.abatement_tco2e == pytest.approx(2 * first.abatement_tco2e)
    config = response.context["macc_config"]
    rectangle = config["data"]["datasets"][1]["data"]
    assert [point["x"] for point in rectangle] == pytest.approx(
        [first.abatement_tco2e, first.abatement_tco2e, 3 * first.abatement_tco2e,
         3 * first.abatement_tco2e])
    assert re.search(r'<td class="num">2</td>\s*<th scope="row"><a href="#option-{}">LED '
                     r'lighting</a></th>'.format(led.pk), html_of(response))


def test_without_evaluated_options_the_page_says_there_is_no_curve(world, scan, client_as):
    text = text_of(client_as("consultant").get("{}{}/".format(base(world.a1), scan.pk)))
    assert "No evaluated option avoids greenhouse gases yet" in text
    assert "This assessment has no options yet." in text


# --- cost of a page -------------------------------------------------------------------------

def test_the_assessment_page_costs_a_bounded_number_of_queries(world, scan, led, client_as,
                                                               django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("consultant")
    url = "{}{}/".format(base(world.a1), scan.pk)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    with_one = len(one)  # read now: the next request clears the connection's query log
    for number in range(5):
        client.post("{}options/new/".format(url), {**LED, "title_en": "LED {}".format(number)})
    # The sheets cost nothing per option; the MACC service still reads each option's assessment
    # once (services/macc.py), hence + 5 for five more options.
    with django_assert_max_num_queries(with_one + 5):
        response = client.get(url)
    assert len(response.context["sheets"]) == 6


def test_the_assessment_pages_speak_vietnamese(world, scan, led, client_as):
    client = client_as("consultant")
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    text = text_of(client.get("{}{}/".format(base(world.a1), scan.pk)))
    assert "Đường cong chi phí giảm phát thải biên" in text
    assert "10.000.000 VND" in text  # Vietnamese grouping
    form = text_of(client.get("{}{}/options/new/".format(base(world.a1), scan.pk)))
    assert "Suất chiết khấu (% mỗi năm)" in form
