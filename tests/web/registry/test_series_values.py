"""Values set for a year of a series: admins for the platform, a park's managers for their park;
page and API, each change in the audit trail."""

from __future__ import annotations

from decimal import Decimal

import pytest

from openeip.web.registry.models import AuditEntry, SeriesValue

GRID_2026 = {"series": "grid_factors", "year": "2026", "value": "0.7",
             "source": "DCC letter 2026", "note": "announced"}


def test_a_park_manager_sets_a_value_for_the_park_on_the_page(world, client_as):
    client = client_as("park_manager")
    response = client.post("/factor-values/", {**GRID_2026, "park": "alpha"})
    assert response.status_code == 302
    row = SeriesValue.objects.get()
    assert (row.park, row.value, row.created_by) == (world.alpha, Decimal("0.7"),
                                                     world.users["park_manager"])
    entry = AuditEntry.objects.get(object_type="series_value")
    assert entry.action == "create" and entry.changes["value"] == [None, "0.7"]
    html = client.get("/factor-values/").content.decode()
    assert "DCC letter 2026" in html and "park_manager" in html


def test_a_park_manager_cannot_set_a_platform_value_or_another_parks(world, client_as):
    client = client_as("park_manager")
    for park in ("", "beta"):
        response = client.post("/factor-values/", {**GRID_2026, "park": park})
        assert response.status_code == 200  # the form again, with the error
    assert not SeriesValue.objects.exists()


def test_an_admin_sets_a_platform_value_and_a_wrong_one_is_refused(client_as):
    client = client_as("admin")
    assert client.post("/factor-values/", {**GRID_2026, "park": ""}).status_code == 302
    refused = client.post("/factor-values/", {**GRID_2026, "value": "7", "year": "2027",
                                              "park": ""})
    assert "between 0 and 2" in refused.content.decode()
    assert SeriesValue.objects.get().park is None


@pytest.mark.parametrize("persona", ["company_user", "consultant", "other_company_user"])
def test_who_manages_no_park_may_not_open_the_page(client_as, persona):
    assert client_as(persona).get("/factor-values/").status_code == 403


def test_a_value_is_changed_and_removed_with_audit(world, client_as):
    row = SeriesValue.objects.create(series="water_tariffs", year=2026, value=15000,
                                     source="contract", park=world.alpha)
    client = client_as("park_manager")
    changed = client.post("/factor-values/{}/".format(row.pk), {
        "series": "water_tariffs", "year": "2026", "value": "16000", "source": "contract 2",
        "park": "alpha"})
    assert changed.status_code == 302
    row.refresh_from_db()
    assert row.value == Decimal("16000") and row.updated_by == world.users["park_manager"]
    assert client.post("/factor-values/{}/".format(row.pk), {"delete": "1"}).status_code == 302
    assert not SeriesValue.objects.exists()
    assert list(AuditEntry.objects.filter(object_type="series_value").order_by("id")
                .values_list("action", flat=True)) == ["update", "delete"]


def test_the_api_lets_a_manager_write_for_the_park_only(world, api):
    manager = api("park_manager")
    made = manager.post("/api/factor-values/", {**GRID_2026, "park": "alpha"}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["created_by"] == "park_manager"
    for park in (None, "beta"):
        refused = manager.post("/api/factor-values/", {**GRID_2026, "year": 2027, "park": park},
                               format="json")
        assert refused.status_code == 400 and "park" in refused.json()
    twice = manager.post("/api/factor-values/", {**GRID_2026, "park": "alpha"}, format="json")
    assert twice.status_code == 400 and "year" in twice.json()
    assert api("company_user").get("/api/factor-values/").json()["count"] == 0
    pk = made.json()["id"]
    assert api("company_user").delete("/api/factor-values/{}/".format(pk)).status_code == 404
    assert manager.delete("/api/factor-values/{}/".format(pk)).status_code == 204


def test_the_parks_gwp_set_and_factor_year_win_over_the_platforms(world, settings):
    from openeip.core.ghg import GwpSet
    from openeip.web.recp.services.company import company_recp
    from openeip.web.registry.models.series import factor_settings_for

    settings.GWP_SET, settings.FACTOR_YEAR = "AR6", 2023
    platform = factor_settings_for(None)
    assert (platform.gwp, platform.factor_year()) == (GwpSet.AR6, 2023)
    assert company_recp(world.a1)["gwp_set"] == "AR6"
    world.alpha.gwp_set, world.alpha.factor_year = "AR5", 2021
    world.alpha.save(update_fields=["gwp_set", "factor_year"])
    world.a1.refresh_from_db()
    park = factor_settings_for(world.alpha)
    assert (park.gwp, park.factor_year()) == (GwpSet.AR5, 2021)
    assert company_recp(world.a1)["gwp_set"] == "AR5"
    assert company_recp(world.a1, "AR6")["gwp_set"] == "AR6"   # asked for by name
