"""Under the Content-Security-Policy every page still works in a real browser: the maps, charts,
htmx and the API docs draw, and Chromium reports no blocked script, style or image."""

from __future__ import annotations

import pytest

from tests.e2e.test_symbiosis_pages import _log_in, demo  # noqa: F401  (demo is a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_no_page_breaks_the_content_security_policy(demo, live_server, page):  # noqa: F811
    from openeip.web.registry.models import Company

    refused: list[str] = []
    page.on("console", lambda message: refused.append(page.url + ": " + message.text)
            if "Content Security Policy" in message.text else None)
    _log_in(page, live_server)
    company = Company.objects.filter(park=demo).order_by("code").first()
    pages = [
        ("/parks/rach-may/", ".leaflet-interactive"),
        ("/parks/rach-may/symbiosis/network/", "canvas[data-chart-config]"),
        ("/parks/rach-may/symbiosis/map/", "path.leaflet-interactive"),
        ("/companies/{}/recp/".format(company.pk), "canvas"),
        ("/companies/{}/recp/losses/".format(company.pk), "canvas"),
        ("/parks/rach-may/eip/", "main"),
        ("/api/docs/", ".swagger-ui .info"),
    ]
    for url, drawn in pages:
        response = page.goto(live_server.url + url)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_selector(drawn)
        if drawn == "canvas":  # a chart really drawn, not only its empty canvas
            page.wait_for_function("() => typeof Chart !== 'undefined' && "
                                   "Chart.getChart(document.querySelector('canvas')) !== undefined")
    assert refused == []
