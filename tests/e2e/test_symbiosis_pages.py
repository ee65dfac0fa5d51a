"""The demo park's symbiosis pages in a real browser: the network graph, the Sankey chart and the
map draw from what the server sends (vendored scripts only)."""

from __future__ import annotations

import os

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("OPENEIP_E2E_SCREENSHOTS", "")


@pytest.fixture
def demo(db):
    from django.contrib.auth import get_user_model

    from openeip.core.synthetic import demo_park
    from openeip.web.registry.models import Park, ParkManager
    from openeip.web.registry.services.importer import import_dataset
    from openeip.web.symbiosis.services.demo import seed_symbiosis_demo

    import_dataset(demo_park(2024), "rach-may", via="cli")
    park = Park.objects.get(slug="rach-may")
    seed_symbiosis_demo(park)
    user = get_user_model().objects.create_user("manager", "m@example.org", "pw-e2e-manager")
    ParkManager.objects.create(user=user, park=park)
    return park


def _log_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", "pw-e2e-manager")
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_url(live_server.url + "/")


def test_a_park_manager_sees_the_network_sankey_and_map(demo, live_server, page):
    _log_in(page, live_server)
    page.goto(live_server.url + "/parks/rach-may/symbiosis/network/")
    assert page.locator("svg line").count() > 10
    page.wait_for_function(
        "() => typeof Chart !== 'undefined' && "
        "Chart.getChart(document.querySelector('canvas[data-chart-config]')) !== undefined")
    if SHOTS:
        page.locator("figure svg").screenshot(path=os.path.join(SHOTS, "symbiosis-graph.png"))
        page.locator("canvas[data-chart-config]").first.screenshot(
            path=os.path.join(SHOTS, "symbiosis-sankey.png"))
    page.goto(live_server.url + "/parks/rach-may/symbiosis/map/")
    page.wait_for_selector(".leaflet-interactive")
    assert page.locator("path.leaflet-interactive").count() > 10
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "symbiosis-map.png"))
    page.goto(live_server.url + "/parks/rach-may/symbiosis/")
    page.click("table a >> nth=0")
    page.wait_for_selector("text=Why this score")
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "symbiosis-opportunity.png"), full_page=True)
