"""A row that already holds a bad value (Infinity, or a quantity no longer plausible) never
breaks a page: it is left out of sums and charts, and can still be corrected or deleted."""

from __future__ import annotations

import pytest

from openeip.web.registry.models import ParkPeriodTotal, Product, ResourceFlow
from openeip.web.registry.services import summaries
from tests.web.intake.test_intake_web import api_client


@pytest.fixture
def broken(world):
    """A1's first flow and product hold +Infinity, as a row stored before the checks could."""
    flow = ResourceFlow.objects.filter(company=world.a1).order_by("pk").first()
    ResourceFlow.objects.filter(pk=flow.pk).update(quantity=float("inf"),
                                                   base_quantity=float("inf"))
    product = Product.objects.filter(company=world.a1).first()
    Product.objects.filter(pk=product.pk).update(quantity=float("inf"))
    summaries.refresh_park(world.alpha)
    return flow, product


@pytest.mark.parametrize("url", [
    "/api/flows/", "/api/flows/{flow}/", "/api/products/", "/api/products/{product}/",
    "/api/recp/companies/{a1}/summary/",
])
def test_the_api_answers_with_a_bad_row_stored(world, broken, url):
    flow, product = broken
    client = api_client(world, "company_user")
    response = client.get(url.format(flow=flow.pk, product=product.pk, a1=world.a1.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("url", [
    "/companies/{a1}/recp/", "/companies/{a1}/recp/losses/", "/companies/{a1}/recp/report.pdf",
    "/companies/{a1}/", "/parks/alpha/",
])
def test_the_pages_and_report_answer_with_a_bad_row_stored(client_as, world, broken, url,
                                                           report_html):
    from tests.web.report_jobs import fetch_report

    # the report link goes through its job (tests/web/report_jobs.py) to the file
    response = fetch_report(client_as("park_manager"), url.format(a1=world.a1.pk))
    assert response.status_code == 200


def test_a_bad_row_can_be_corrected_and_deleted(world, broken):
    flow, product = broken
    client = api_client(world, "company_user")
    fixed = client.patch("/api/flows/{}/".format(flow.pk), {"quantity": 5}, format="json")
    assert fixed.status_code == 200, fixed.content
    assert ResourceFlow.objects.get(pk=flow.pk).quantity == 5
    ResourceFlow.objects.filter(pk=flow.pk).update(quantity=float("inf"))
    assert client.delete("/api/flows/{}/".format(flow.pk)).status_code == 204
    assert client.delete("/api/products/{}/".format(product.pk)).status_code == 204
    assert not ResourceFlow.objects.filter(pk=flow.pk).exists()


@pytest.mark.parametrize(("body", "field"), [
    ('{"unit": "("}', "unit"), ('{"quantity": "1e309"}', "quantity"),
    ('{"quantity": 1e300}', "quantity"), ('{"period": "2099-01"}', "period"),
])
def test_a_bad_patch_is_a_400_naming_the_field(world, body, field):
    flow = ResourceFlow.objects.filter(company=world.a1).order_by("pk").first()
    product = Product.objects.filter(company=world.a1).first()
    client = api_client(world, "company_user")
    for url in ("/api/flows/{}/".format(flow.pk), "/api/products/{}/".format(product.pk)):
        response = client.patch(url, body, content_type="application/json")
        assert response.status_code == 400, (url, response.content)
        assert field in response.data


def test_a_bad_row_is_left_out_of_the_park_totals(world, broken):
    totals = ParkPeriodTotal.objects.filter(park=world.alpha).values_list("total", flat=True)
    assert totals and all(abs(total) < 1e300 for total in totals)
