"""A company's RECP summary through the API: indicators, GHG, balances, hotspots, peers.

World (tests/conftest.py), A1 in 2024-01: Grid electricity 1 MWh (2,000,000 VND), Tap water
50 m³, Sludge 2 t (hazardous, landfill), Dyed fabric 10 t sold for 500,000,000 VND. Grid factor
2024: 0.6811 tCO2e/MWh. A2 (same park) and B1 (park beta) have the same numbers, same sector.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from openeip.core.domain import Direction, FlowKind, Product, ReportingPeriod, ResourceFlow
from openeip.core.units import quantity
from openeip.web.recp.models import CompanyPrice, IndicatorSnapshot
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit, writer
from openeip.web.registry.services.importer import import_dataset
from tests.conftest import PERSONAS, SEES_A1, tiny_dataset


def summary(api, world, query="", persona="company_user"):
    return api(persona).get("/api/recp/companies/{}/summary/{}".format(world.a1.pk, query))


def row(body, indicator, period, denominator="mass"):
    return next(r for r in body["indicators"]["rows"] if (r["indicator"], r["period"],
                                                          r["denominator"]) ==
                (indicator, period, denominator))


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_summary_of_a1_is_shown_only_to_those_entitled(api, world, persona):
    response = summary(api, world, persona=persona)
    assert response.status_code == (401 if persona == "anonymous" else
                                    200 if persona in SEES_A1 else 404)


def test_the_indicators_are_exact_and_the_incomplete_year_is_not_added_up(api, world):
    body = summary(api, world).json()
    assert (body["year"], body["gwp_set"]) == (2024, "AR5")
    assert body["indicators"]["periods"] == ["2024", "2024-01"]
    energy = row(body, "energy", "2024-01")
    assert energy["absolute"]["value"] == pytest.approx(1.0)
    assert energy["intensity"] == {"value": pytest.approx(0.1), "unit": "MWh/t"}
    assert energy["productivity"] == {"value": pytest.approx(10.0), "unit": "t/MWh"}
    assert row(body, "water", "2024-01")["intensity"]["value"] == pytest.approx(5.0)
    assert row(body, "waste", "2024-01")["intensity"]["value"] == pytest.approx(0.2)
    assert row(body, "ghg", "2024-01")["absolute"]["value"] == pytest.approx(0.6811)
    assert row(body, "energy", "2024-01", "value")["intensity"]["value"] == pytest.approx(
        1 / 500_000_000)
    year = row(body, "energy", "2024")["absolute"]
    assert (year["value"], year["gap"], year["missing_months"]) == (
        None, "months_missing", list(range(2, 13)))


def test_the_ghg_inventory_names_its_gwp_set_and_factor_versions(api, world):
    ghg = summary(api, world).json()["ghg"]
    assert ghg["gwp_set"] == "AR5"
    assert ghg["by_period"]["2024-01"] == {
        "scope1_tco2e": 0.0, "scope2_tco2e": pytest.approx(0.6811),
        "biogenic_co2_tco2e": 0.0, "total_tco2e": pytest.approx(0.6811)}
    assert ghg["year_by_flow"] == [
        {"description": "Grid electricity", "scope": 2, "tco2e": pytest.approx(0.6811)}]
    assert set(ghg["factor_versions"]) == {"gwp", "gwp_set", "grid_factors"}
    ar6 = summary(api, world, "?gwp=AR6").json()
    assert (ar6["gwp_set"], ar6["ghg"]["factor_versions"]["gwp_set"]) == ("AR6", "AR6")


def test_balances_losses_and_suggestions_of_the_year(api, world):
    body = summary(api, world).json()
    mass, water, energy = body["balances"]["company"]
    assert (water["kind"], water["total_inputs"], water["closure_percent"], water["flagged"]) == (
        "water", 50.0, 100.0, True)
    assert [h["key"] for h in body["losses"]["hotspots"]] == ["Tap water", "Sludge"]
    assert body["losses"]["hotspots"][0]["unpriced"] == 50.0  # no water price: never priced at 0
    assert body["suggestions"], "a dye house with water losses gets suggestions"
    assert all(s["hotspot"] in ("Tap water", "Sludge") for s in body["suggestions"])
    assert {link["unit"] for link in body["sankey"]["links"]} == {"MWh", "m³", "t"}


def test_a_company_price_puts_a_cost_on_the_losses_and_refreshes_the_snapshot(api, world):
    assert summary(api, world).json()["losses"]["total_vnd"] == 0.0
    api("company_user").post("/api/recp/prices/", {
        "company": world.a1.pk, "resource": "water", "price": "12000", "unit": "VND/m³"},
        format="json")
    losses = summary(api, world).json()["losses"]
    # all 50 m³ bought are lost (no water leaves in products): 50 × 12,000 VND
    assert losses["hotspots"][0]["key"] == "Tap water"
    assert losses["hotspots"][0]["purchase_vnd"] == pytest.approx(600_000)
    assert losses["total_vnd"] == pytest.approx(600_000)


def test_the_snapshot_is_reused_until_the_data_changes(api, world):
    first = summary(api, world).json()
    again = summary(api, world).json()
    assert again["computed_at"] == first["computed_at"]
    assert IndicatorSnapshot.objects.filter(company=world.a1).count() == 1
    writer.save_flow(ResourceFlow("A1", ReportingPeriod(2024, 1), Direction.INPUT,
                                  FlowKind.ENERGY, "Grid electricity", quantity(1500, "kWh"),
                                  source="grid", cost_vnd=Decimal("3000000")),
                     world.a1, None, "cli")
    changed = summary(api, world).json()
    assert changed["computed_at"] != first["computed_at"]
    assert row(changed, "energy", "2024-01")["absolute"]["value"] == pytest.approx(1.5)
    assert IndicatorSnapshot.objects.filter(company=world.a1).count() == 1


def test_changes_against_a_baseline_month(api, world):
    writer.save_flow(ResourceFlow("A1", ReportingPeriod(2024, 2), Direction.INPUT,
                                  FlowKind.ENERGY, "Grid electricity", quantity(700, "kWh"),
                                  source="grid"), world.a1, None, "cli")
    changes = summary(api, world, "?baseline=2024-01").json()["changes"]
    energy = next(c for c in changes if (c["indicator"], c["form"], c["period"]) == (
        "energy", "absolute", "2024-02"))
    assert energy["delta"] == {"value": pytest.approx(-0.3), "unit": "MWh"}
    assert energy["percent"] == pytest.approx(-30.0)
    assert energy["improved"] is True


@pytest.mark.parametrize("query, field, message", [
    ("?gwp=AR4", "gwp", "Unknown GWP set 'AR4'; name one of: AR5, AR6."),
    ("?baseline=2023", "baseline",
     "The baseline 2023 is not among the company's periods; choose one of: 2024, 2024-01."),
    ("?baseline=soon", "baseline",
     "'soon' is not a period; write a year (2024) or a month (2024-03)."),
])
def test_a_bad_query_is_a_400_naming_it(api, world, query, field, message):
    response = summary(api, world, query)
    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_peers_are_withheld_below_five_and_shown_as_aggregates_from_five(api, world):
    few = summary(api, world).json()["peers"]
    park = [p for p in few if p["scope"] == "park"]
    assert park and all(p["withheld"] == "too_few_peers" and p["median"] is None
                        for p in park)
    energy = next(p for p in park if (p["indicator"], p["form"], p["denominator"]) == (
        "energy", "intensity", "mass"))
    assert (energy["peer_count"], energy["period"]) == (1, "2024-01")  # A2; 2024 is not whole
    import_dataset(tiny_dataset("alpha", ("A3", "A4", "A5", "A6")), "alpha")
    shown = summary(api, world).json()["peers"]
    energy = next(p for p in shown if (p["indicator"], p["form"], p["denominator"],
                                       p["scope"]) == ("energy", "intensity", "mass", "park"))
    # A2…A6 all use 0.1 MWh/t, as A1 does: ties count half, so A1 sits at the 50th percentile
    assert (energy["peer_count"], energy["withheld"]) == (5, "")
    assert energy["percentile"] == pytest.approx(50.0)
    assert energy["median"] == {"value": pytest.approx(0.1), "unit": "MWh/t"}
    platform = next(p for p in shown if (p["indicator"], p["form"], p["denominator"],
                                         p["scope"]) == ("energy", "intensity", "mass",
                                                         "platform"))
    assert platform["peer_count"] == 5  # B1 has no snapshot yet: platform figures are stored ones


def test_only_the_companys_own_data_and_prices_make_its_snapshot_stale(world):
    from openeip.web.recp.services.company import source_key

    before = source_key(world.a1)
    CompanyPrice.objects.create(company=world.b1, resource="water", price=1, unit="VND/m³")
    writer.save_flow(ResourceFlow("A2", ReportingPeriod(2024, 1), Direction.INPUT,
                                  FlowKind.WATER, "Tap water", quantity(60, "m³"),
                                  source="supplier"), world.a2, None, "cli")
    assert source_key(world.a1) == before
    # brokerage (symbiosis) is not resource data: it leaves the snapshot as it was
    for object_type in ("symbiosis_opportunity", "symbiosis_stream"):
        audit.entry(user=None, via="web", action=AuditEntry.Action.UPDATE, company=world.a1,
                    object_type=object_type, object_key="A1 → B1", changes={}).save()
    assert source_key(world.a1) == before
    CompanyPrice.objects.create(company=world.a1, resource="water", price=1, unit="VND/m³")
    with_price = source_key(world.a1)
    assert with_price != before
    writer.save_product(Product("A1", ReportingPeriod(2024, 1), "Dyed fabric",
                                quantity(12, "t"), Decimal("500000000")), world.a1, None, "cli")
    assert source_key(world.a1) != with_price
