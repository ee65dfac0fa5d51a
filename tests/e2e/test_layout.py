"""Every page, in both languages, at a desktop width (1366 px) and a phone width (390 px): nothing
sticks out sideways.

A page fails when an element runs off the screen, out of its container or out of a box that
clips it (tests/e2e/overflow.js). On a phone a wide table may scroll inside its own box; at
1366 px no box may need scrolling, since a column behind an unnoticed scroll bar is cut all the
same. The pages are those of the endpoint sweep (tests/web/test_every_endpoint.py), seen by the
platform admin, who may open every one. One browser and one tab load each page once per
language and look at it at both widths (the server's HTML does not depend on the width).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.test import Client

from tests.web.test_every_endpoint import ROUTES, sweep_world  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("OPENEIP_E2E_SCREENSHOTS", "")
OVERFLOW = (Path(__file__).parent / "overflow.js").read_text(encoding="utf-8")
DESKTOP, PHONE = 1366, 390
#: sweep routes that are not pages: the API (DRF's own pages), downloads, an htmx fragment
NOT_PAGES = {
    "intake:template", "intake:job-status", "registry:park-map", "symbiosis:park-map-geojson",
    "eip:edition-yaml", "eip:edition-xlsx", "community:grievance-map", "ecofair:batch-qr",
    "ecofair:gpp-csv", "ecofair:gpp-xlsx", "finance:dossier-pdf", "finance:dossier-xlsx",
    "finance:line-xlsx", "finance:line-yaml", "services:tenant-csv", "training:certificate-pdf",
    "training:qr",
}


def _pages() -> list[str]:
    return sorted(name for name in ROUTES if not name.startswith(("api:", "reports:"))
                  and name not in NOT_PAGES)


def _after_layout(page) -> None:
    """Two frames on a page with a chart or a map, so they have followed a new viewport size
    (Chart.js and Leaflet redraw in an animation frame); the rest of a page is laid out again
    as soon as the check reads a size."""
    page.evaluate("() => document.querySelector('canvas, .leaflet-container') && "
                  "new Promise(done => requestAnimationFrame(() => "
                  "requestAnimationFrame(done)))")


def _look(page, width: int, label: str) -> list[str]:
    page.set_viewport_size({"width": width, "height": 900})
    _after_layout(page)
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "{}-{}.png".format(label, width)),
                        full_page=True)
    return page.evaluate(OVERFLOW, width < DESKTOP)


def test_no_page_sticks_out_sideways_at_1366_or_390_px_in_either_language(
        sweep_world, live_server, page):  # noqa: F811
    started = time.monotonic()
    client = Client()
    client.force_login(sweep_world.users["admin"])
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    urls = {name: ROUTES[name][0](sweep_world) for name in _pages()}
    problems = []
    for language in ("en", "vi"):
        page.context.add_cookies([{"name": "django_language", "value": language,
                                   "url": live_server.url}])
        for name, url in urls.items():
            response = page.goto(live_server.url + url)
            assert response.status == 200, (name, response.status)
            assert response.headers["content-type"].startswith("text/html"), name
            assert page.evaluate("document.documentElement.lang") == language, name
            label = "{}-{}".format(language, name.replace(":", "-"))
            for width in (DESKTOP, PHONE):
                problems += ["{} {} px {} ({}): {}".format(language, width, name, url, problem)
                             for problem in _look(page, width, label)]
    print("layout: {} pages × 2 languages × 2 widths in {:.1f} s".format(
        len(urls), time.monotonic() - started))
    assert not problems, "\n".join(problems)


def test_the_phone_menu_folds_behind_a_button(sweep_world, live_server, page):  # noqa: F811
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(live_server.url + "/parks/")
    toggle = page.get_by_role("button", name="Menu")
    parks_link = page.locator(".site-nav a[href='/parks/']")
    assert toggle.is_visible() and not parks_link.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and parks_link.is_visible()
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    assert not toggle.is_visible() and parks_link.is_visible()
