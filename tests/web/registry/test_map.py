"""The park map: its GeoJSON (who may fetch it, coordinates in the right order) and the dashboard
section that draws it without loading anything from another server."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openeip.web.registry.views.maps import boundary_feature
from tests.conftest import PERSONAS

LOGIN = "/accounts/login/"
ALPHA_MAP = "/parks/alpha/map.geojson"
MANAGES_ALPHA = {"admin", "park_manager"}
# [latitude, longitude] as the park stores them; walked anticlockwise on the map (SW, SE, NE, NW).
ALPHA_BOUNDARY = [[10.95, 106.82], [10.95, 106.84], [10.97, 106.84], [10.97, 106.82]]


def status_of(response):
    if response.status_code == 302:
        assert response["Location"].startswith(LOGIN + "?next="), response["Location"]
        return "login"
    return response.status_code


def expected(persona, entitled):
    if persona == "anonymous":
        return "login"
    return 200 if persona in entitled else 404


@pytest.fixture
def located(world):
    """Alpha gets a boundary; A1 a location inside it; A2 stays without one."""
    world.alpha.boundary = ALPHA_BOUNDARY
    world.alpha.save()
    world.a1.latitude, world.a1.longitude = 10.96, 106.83
    world.a1.save()
    return world


def features_of(response, role):
    return [f for f in response.json()["features"] if f["properties"]["role"] == role]


def map_config(html):
    found = re.search(r'<script id="park-map-config" type="application/json">(.*?)</script>',
                      html, re.S)
    assert found, "no map configuration in the page"
    return json.loads(found.group(1))


# --- who may fetch it ---------------------------------------------------------------------------

@pytest.mark.parametrize("persona", PERSONAS)
def test_alpha_map_is_only_for_alphas_managers_and_admins(client_as, persona):
    assert status_of(client_as(persona).get(ALPHA_MAP)) == expected(persona, MANAGES_ALPHA)


@pytest.mark.parametrize("persona", PERSONAS)
def test_beta_map_is_only_for_admins(client_as, persona):
    assert status_of(client_as(persona).get("/parks/beta/map.geojson")) == expected(
        persona, {"admin"})


@pytest.mark.parametrize("persona", ["admin", "park_manager"])
def test_the_map_of_a_missing_park_looks_exactly_like_a_forbidden_one(client_as, persona):
    assert client_as(persona).get("/parks/no-such-park/map.geojson").status_code == 404


def test_the_map_is_served_as_geojson(located, client_as):
    response = client_as("park_manager").get(ALPHA_MAP)
    assert response["Content-Type"] == "application/geo+json"
    assert response.json()["type"] == "FeatureCollection"


# --- what it holds ------------------------------------------------------------------------------

def test_the_boundary_is_written_longitude_first_and_closed(located, client_as):
    [boundary] = features_of(client_as("park_manager").get(ALPHA_MAP), "boundary")
    assert boundary["geometry"] == {"type": "Polygon", "coordinates": [[
        [106.82, 10.95], [106.84, 10.95], [106.84, 10.97], [106.82, 10.97], [106.82, 10.95]]]}


def test_a_clockwise_boundary_is_turned_anticlockwise_as_geojson_wants():
    clockwise = list(reversed(ALPHA_BOUNDARY))  # NW, NE, SE, SW
    ring = boundary_feature(clockwise)["geometry"]["coordinates"][0]
    assert ring == [[106.82, 10.97], [106.82, 10.95], [106.84, 10.95], [106.84, 10.97],
                    [106.82, 10.97]]


def test_an_already_closed_boundary_is_not_closed_twice():
    ring = boundary_feature(ALPHA_BOUNDARY + [ALPHA_BOUNDARY[0]])["geometry"]["coordinates"][0]
    assert len(ring) == 5


def test_a_boundary_of_fewer_than_three_corners_is_left_out():
    assert boundary_feature([]) is None
    assert boundary_feature([[10.95, 106.82], [10.97, 106.84], [10.95, 106.82]]) is None


def test_each_tenant_with_a_location_is_a_point_longitude_first_with_its_facts(located,
                                                                              client_as):
    tenants = features_of(client_as("park_manager").get(ALPHA_MAP), "tenant")
    assert tenants == [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [106.83, 10.96]},
        "properties": {"role": "tenant", "name": "Company A1",
                       "sector": "Finishing of textiles (dyeing)", "employees": 120,
                       "url": "/companies/{}/".format(located.a1.pk)},
    }]


def test_names_and_sectors_follow_the_request_language(located, client_as):
    client = client_as("park_manager")
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    [tenant] = features_of(client.get(ALPHA_MAP), "tenant")
    assert tenant["properties"]["name"] == "Công ty A1"
    assert tenant["properties"]["sector"] == "Hoàn thiện sản phẩm dệt (nhuộm)"


def test_a_park_without_boundary_or_located_tenants_has_an_empty_map(world, client_as):
    assert client_as("park_manager").get(ALPHA_MAP).json() == {
        "type": "FeatureCollection", "features": []}


def test_tenants_are_cached_yet_a_moved_tenant_shows_at_once(located, client_as):
    client = client_as("park_manager")
    client.get(ALPHA_MAP)
    with CaptureQueriesContext(connection) as queries:
        client.get(ALPHA_MAP)
    assert not any("registry_company" in q["sql"] for q in queries.captured_queries)

    located.a1.latitude = 10.955
    located.a1.save()
    [tenant] = features_of(client.get(ALPHA_MAP), "tenant")
    assert tenant["geometry"]["coordinates"] == [106.83, 10.955]


# --- the dashboard section ----------------------------------------------------------------------

def test_the_dashboard_has_a_labelled_skippable_map_of_the_park(located, client_as):
    html = client_as("park_manager").get("/parks/alpha/").content.decode()
    assert 'data-park-map="/parks/alpha/map.geojson"' in html
    assert 'role="region" aria-label="Map of Park alpha with its tenants"' in html
    assert '<a href="#park-tenants">Skip the map</a>' in html
    assert html.index('id="park-map"') < html.index('id="park-tenants"')


def test_the_page_names_no_tile_server_by_default(located, client_as):
    html = client_as("park_manager").get("/parks/alpha/").content.decode()
    config = map_config(html)
    assert config["tileUrl"] == "" and config["attribution"] == ""
    assert "{z}" not in html


def test_the_page_passes_the_configured_tile_server(located, client_as, settings):
    settings.OPENEIP_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.OPENEIP_MAP_ATTRIBUTION = "© Example tiles"
    config = map_config(client_as("park_manager").get("/parks/alpha/").content.decode())
    assert config["tileUrl"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["attribution"] == "© Example tiles"


def test_the_map_labels_follow_the_page_language(located, client_as):
    client = client_as("park_manager")
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    config = map_config(client.get("/parks/alpha/").content.decode())
    assert (config["zoomIn"], config["zoomOut"]) == ("Phóng to", "Thu nhỏ")


def test_the_dashboard_runs_only_scripts_served_from_static(located, client_as):
    html = client_as("park_manager").get("/parks/alpha/").content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    sources = [re.search(r'src="([^"]+)"', attrs).group(1) for attrs in scripts if "src=" in attrs]
    assert all(source.startswith("/static/") for source in sources), sources
    assert "/static/vendor/leaflet/leaflet.js" in sources
    assert "/static/openeip/map.js" in sources
    # Every script without a source is data (json_script), never code.
    assert all('type="application/json"' in attrs for attrs in scripts if "src=" not in attrs)
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert "/static/vendor/leaflet/leaflet.css" in stylesheets
    assert all(href.startswith("/static/") for href in stylesheets), stylesheets


def test_the_vendored_map_assets_are_served(client):
    for path in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet/leaflet.css",
                 "/static/vendor/leaflet/images/marker-icon.png",
                 "/static/vendor/leaflet/images/marker-icon-2x.png",
                 "/static/vendor/leaflet/images/marker-shadow.png", "/static/openeip/map.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        b"".join(response.streaming_content)
