"""The cost of losses takes fees and prices from a price book for flows without a recorded cost."""

from __future__ import annotations

from dataclasses import replace

import pytest

from openeip.core.domain import FlowKind
from openeip.core.prices import PriceOverride, default_price_book, price_of
from openeip.core.recp import cost_of_losses
from tests.core.dye_house import dye_house_flows, dye_house_products


def test_a_price_book_prices_the_waste_and_the_electricity_that_have_no_recorded_cost():
    flows = [replace(f, cost_vnd=None) if f.kind in (FlowKind.WASTE, FlowKind.ENERGY)
             and f.classification_code != "anthracite" else f for f in dye_house_flows()]
    book = default_price_book().with_overrides([
        PriceOverride("waste:non_hazardous", 2_000_000, "t"),
        PriceOverride("electricity", 2_000, "kWh"),
    ])
    account = cost_of_losses(flows, dye_house_products(), lambda flow: price_of(flow, book)[0])
    losses = {loss.key: loss for loss in account.hotspots}
    assert losses["Fabric trimmings and lint"].disposal_vnd == pytest.approx(1_000_000)
    # 8 % of 12 MWh = 0.96 MWh at 2,000 VND/kWh
    assert losses["Grid electricity"].purchase_vnd == pytest.approx(1_920_000)
    # the emission has no fee in the book: price_of says so, and the loss stays unpriced
    assert losses["CO2 from the boiler"].unpriced_base == 2.2
