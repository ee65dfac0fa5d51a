"""Cost of losses of the dye house (tests/core/dye_house.py), checked by hand.

January: 10 t grey fabric in, 9.2 t dyed fabric out, no by-product → f_m = 0.8 / 10 = 0.08 of
the materials is lost, and so 8 % of the energy bought; no water leaves in the product → f_w = 1.

=============================  ===============  ==================================  ===========
hotspot                        quantity lost    cost (VND)                          share
=============================  ===============  ==================================  ===========
Grey fabric                    0.8 t            0.08 × 800,000,000 = 64,000,000     72.7137 %
Water from the park network    1,000 m³         13,000,000                          14.7700 %
Wastewater to the park plant   850 m³           7,650,000 (treatment)               8.6916 %
Grid electricity               0.96 MWh         0.08 × 22,800,000 = 1,824,000       2.0723 %
Fabric trimmings and lint      0.5 t            1,000,000 (landfill)                1.1362 %
Coal for the boiler            0.534 MWh        0.08 × 3,780,000 = 302,400          0.3436 %
Acetic acid                    0.016 m³         0.08 × 3,000,000 = 240,000          0.2727 %
CO2 from the boiler            2.2 tCO2e        unknown: no cost and no fee         0 %
=============================  ===============  ==================================  ===========

Total: 88,016,400 VND.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from openeip.core.domain import FlowKind, Product, ReportingPeriod
from openeip.core.errors import DomainError
from openeip.core.recp import CAUSES, AllocationGap, cost_of_losses, losses, suggest
from openeip.core.units import quantity
from tests.core.dye_house import (
    IN,
    JAN,
    OUT,
    dye_house_flows,
    dye_house_products,
    flow,
)


def by_key(account):
    return {loss.key: loss for loss in account.hotspots}


def without(description, flows=None):
    return [f for f in flows or dye_house_flows() if f.description != description]


def test_the_hotspots_are_ranked_by_cost_with_exact_figures():
    account = cost_of_losses(dye_house_flows(), dye_house_products())
    assert [(loss.key, round(loss.cost_vnd, 6)) for loss in account.hotspots] == [
        ("Grey fabric", 64_000_000),
        ("Water from the park network", 13_000_000),
        ("Wastewater to the park plant", 7_650_000),
        ("Grid electricity", 1_824_000),
        ("Fabric trimmings and lint", 1_000_000),
        ("Coal for the boiler", 302_400),
        ("Acetic acid", 240_000),
        ("CO2 from the boiler", 0),
    ]
    assert account.total_vnd == pytest.approx(88_016_400)


def test_the_lost_quantities_follow_the_material_loss_share():
    account = cost_of_losses(dye_house_flows(), dye_house_products())
    [allocation] = account.allocations
    assert allocation.material_share == pytest.approx(0.08)
    assert allocation.water_share == 1.0
    losses_ = by_key(account)
    assert losses_["Grey fabric"].quantity_lost.to("t").magnitude == pytest.approx(0.8)
    assert losses_["Grid electricity"].quantity_lost.to("kWh").magnitude == pytest.approx(960)
    assert losses_["Coal for the boiler"].lost_base == pytest.approx(0.534)
    assert losses_["Acetic acid"].quantity_lost.to("L").magnitude == pytest.approx(16)


def test_purchase_and_disposal_are_kept_apart_and_shares_add_up_to_100():
    account = cost_of_losses(dye_house_flows(), dye_house_products())
    losses_ = by_key(account)
    assert (losses_["Grey fabric"].purchase_vnd, losses_["Grey fabric"].disposal_vnd) == (
        pytest.approx(64_000_000), 0)
    assert losses_["Wastewater to the park plant"].disposal_vnd == 7_650_000
    assert losses_["Grey fabric"].share_percent == pytest.approx(100 * 64_000_000 / 88_016_400)
    assert sum(loss.share_percent for loss in account.hotspots) == pytest.approx(100)


def test_an_emission_without_a_cost_is_kept_as_unpriced_not_as_free():
    co2 = by_key(cost_of_losses(dye_house_flows(), dye_house_products()))["CO2 from the boiler"]
    assert (co2.cost_vnd, co2.unpriced_base, co2.base_unit, co2.priced) == (
        0, 2.2, "tCO2e", False)


def test_hotspots_name_their_unit_operations_and_causes_from_the_shared_list():
    losses_ = by_key(cost_of_losses(dye_house_flows(), dye_house_products()))
    assert losses_["Grey fabric"].unit_operations == ("Dyeing",)
    assert losses_["Grid electricity"].unit_operations == ()
    for loss in losses_.values():
        assert loss.causes and set(loss.causes) <= set(CAUSES)
    fabric = losses_["Grey fabric"]
    assert fabric.resource == "material"
    assert "low_yield" in fabric.causes and "no_metering" in fabric.causes
    material_first = [code for code in fabric.causes if CAUSES[code].resource == "material"]
    assert fabric.causes[:len(material_first)] == tuple(material_first)
    wastewater = losses_["Wastewater to the park plant"]
    assert wastewater.causes[0] == "high_organic_load"  # its own resource first
    assert "rinsing_overuse" in wastewater.causes  # then the water it comes from


def test_the_hotspots_lead_to_suggested_options():
    hotspots = losses(dye_house_flows(), dye_house_products())
    suggestions = suggest(hotspots, "1313")
    assert suggestions
    assert {s.hotspot for s in suggestions} <= {loss.key for loss in hotspots}


def test_a_fee_from_the_price_lookup_prices_a_waste_without_a_recorded_cost():
    flows = [replace(f, cost_vnd=None) if f.kind is FlowKind.WASTE else f
             for f in dye_house_flows()]
    fees = {"Fabric trimmings and lint": Decimal(2_000_000)}  # VND per t
    lint = by_key(cost_of_losses(flows, dye_house_products(), lambda f: fees.get(f.description)))
    assert (lint["Fabric trimmings and lint"].disposal_vnd,
            lint["Fabric trimmings and lint"].priced) == (1_000_000, True)


def test_a_recorded_cost_wins_over_the_price_lookup():
    account = cost_of_losses(dye_house_flows(), dye_house_products(), lambda f: 1e9)
    assert by_key(account)["Fabric trimmings and lint"].disposal_vnd == 1_000_000


def test_a_lookup_that_has_no_price_leaves_the_loss_unpriced():
    def no_price(flow):
        raise DomainError("no price", "price")

    flows = [replace(f, cost_vnd=None) if f.kind is FlowKind.WASTE else f
             for f in dye_house_flows()]
    lint = by_key(cost_of_losses(flows, dye_house_products(), no_price))[
        "Fabric trimmings and lint"]
    assert (lint.cost_vnd, lint.unpriced_base) == (0, 0.5)


def test_a_by_product_in_use_lowers_the_loss_and_is_no_hotspot():
    flows = dye_house_flows() + [flow(OUT, FlowKind.BY_PRODUCT, "Fabric offcuts", 0.3, "t",
                                      fate="sold")]
    account = cost_of_losses(flows, dye_house_products())
    assert account.allocations[0].material_share == pytest.approx(0.05)  # (10 − 9.2 − 0.3) / 10
    assert by_key(account)["Grey fabric"].purchase_vnd == pytest.approx(40_000_000)
    assert "Fabric offcuts" not in by_key(account)


def test_a_by_product_sent_to_landfill_is_a_disposal_loss():
    flows = dye_house_flows() + [flow(OUT, FlowKind.BY_PRODUCT, "Fabric offcuts", 0.3, "t",
                                      600_000, fate="landfill")]
    account = cost_of_losses(flows, dye_house_products())
    assert account.allocations[0].material_share == pytest.approx(0.08)
    offcuts = by_key(account)["Fabric offcuts"]
    assert (offcuts.disposal_vnd, offcuts.resource) == (600_000, "waste")


def test_a_sold_waste_carries_no_disposal_cost_and_a_recycled_one_none_unless_recorded():
    sold = [replace(f, fate="sold") if f.kind is FlowKind.WASTE else f
            for f in dye_house_flows()]
    assert "Fabric trimmings and lint" not in by_key(cost_of_losses(sold, dye_house_products()))
    recycled = [replace(f, fate="recycled", cost_vnd=None) if f.kind is FlowKind.WASTE else f
                for f in dye_house_flows()]
    lint = by_key(cost_of_losses(recycled, dye_house_products()))["Fabric trimmings and lint"]
    assert (lint.cost_vnd, lint.unpriced_base) == (0, 0)


def test_water_in_products_is_not_lost():
    account = cost_of_losses(dye_house_flows(), dye_house_products(),
                             water_in_products={JAN: quantity(200, "m³")})
    water = by_key(account)["Water from the park network"]
    assert (account.allocations[0].water_share, water.lost_base, water.purchase_vnd) == (
        0.8, 800, 10_400_000)


def test_a_month_without_products_counts_only_its_disposal_costs():
    february = ReportingPeriod(2024, 2)
    flows = dye_house_flows() + without("Dyed fabric", dye_house_flows(february))
    account = cost_of_losses(flows, dye_house_products())
    assert [(a.period, a.gap) for a in account.gaps()] == [
        (february, AllocationGap.NO_PRODUCTS)]
    losses_ = by_key(account)
    assert losses_["Grey fabric"].purchase_vnd == pytest.approx(64_000_000)  # January only
    assert losses_["Fabric trimmings and lint"].disposal_vnd == 2_000_000  # both months
    assert losses_["Water from the park network"].purchase_vnd == 26_000_000  # water: both
    assert account.gaps()[0].message().startswith("2024-02: no product is recorded")


def test_products_counted_in_pieces_give_no_material_share():
    products = [Product("D01", JAN, "Dyed fabric", quantity(4000, "m²"))]
    account = cost_of_losses(dye_house_flows(), products)
    assert account.allocations[0].gap is AllocationGap.PRODUCTS_NOT_MASS
    assert "Grey fabric" not in by_key(account)


def test_materials_only_in_litres_give_no_material_share():
    flows = without("Grey fabric")
    account = cost_of_losses(flows, dye_house_products())
    assert account.allocations[0].gap is AllocationGap.NO_MATERIAL_MASS


def test_outputs_above_the_inputs_mean_no_purchase_loss_not_a_negative_one():
    products = [Product("D01", JAN, "Dyed fabric", quantity(11, "t"))]
    account = cost_of_losses(dye_house_flows(), products)
    assert account.allocations[0].material_share == 0
    assert "Grey fabric" not in by_key(account)


def test_two_months_add_up_per_hotspot():
    february = ReportingPeriod(2024, 2)
    account = cost_of_losses(dye_house_flows() + dye_house_flows(february),
                             dye_house_products() + dye_house_products(february))
    assert by_key(account)["Grey fabric"].lost_base == pytest.approx(1.6)
    assert account.total_vnd == pytest.approx(2 * 88_016_400)


def test_it_refuses_water_in_products_that_is_not_a_volume():
    with pytest.raises(DomainError) as error:
        cost_of_losses(dye_house_flows(), dye_house_products(),
                       water_in_products={JAN: quantity(2, "t")})
    assert error.value.field == "water_in_products"


def test_it_refuses_a_material_recorded_for_the_year_and_its_months():
    flows = dye_house_flows() + [flow(IN, FlowKind.MATERIAL, "Grey fabric", 100, "t",
                                      period=ReportingPeriod(2024))]
    with pytest.raises(DomainError) as error:
        losses(flows, dye_house_products())
    assert error.value.field == "period"


def test_energy_causes_fit_the_carrier_electricity_or_fuel():
    found = {loss.key: loss.causes for loss in losses(dye_house_flows(), dye_house_products())}
    electricity, coal = found["Grid electricity"], found["Coal for the boiler"]
    assert "steam_leaks" not in electricity and "poor_insulation" not in electricity
    assert electricity[:2] == ("compressed_air_leaks", "excess_pressure")
    assert "inefficient_motors" in electricity and "no_metering" in electricity
    assert coal[:2] == ("steam_leaks", "poor_insulation")
    assert "inefficient_lighting" not in coal and "low_power_factor" not in coal
