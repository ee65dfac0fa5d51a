"""Sankey nodes and links of the dye house (tests/core/dye_house.py)."""

from __future__ import annotations

import pytest

from openeip.core.domain import ReportingPeriod
from openeip.core.flows import sankey
from tests.core.dye_house import dye_house_flows, dye_house_products


def test_every_flow_becomes_one_link_through_the_place_it_enters_or_leaves():
    # the product record leaves from Dyeing, where its product flow says it leaves
    data = sankey(dye_house_flows(), dye_house_products())
    links = {(link.source, link.target): (link.base_quantity, link.base_unit)
             for link in data.links}
    assert links == {
        ("input:material:Grey fabric", "operation:Dyeing"): (10.0, "t"),
        ("input:material:Acetic acid", "operation:Dyeing"): (pytest.approx(0.2), "m**3"),
        ("input:water:Water from the park network", "operation:Dyeing"): (1000.0, "m**3"),
        ("input:energy:Grid electricity", "site"): (12.0, "MWh"),
        ("input:energy:Coal for the boiler", "operation:Boiler house"):
            (pytest.approx(6.675), "MWh"),
        ("operation:Dyeing", "output:heat:Heat in hot effluent"): (6.675, "MWh"),
        ("operation:Dyeing", "output:waste:Fabric trimmings and lint"): (0.5, "t"),
        ("operation:Dyeing", "output:wastewater:Wastewater to the park plant"):
            (850.0, "m**3"),
        ("operation:Boiler house", "output:air_emission:CO2 from the boiler"): (2.2, "tCO2e"),
        ("operation:Dyeing", "output:product:Dyed fabric"): (9.2, "t"),
    }


def test_nodes_name_the_inputs_places_and_outputs_once_each():
    data = sankey(dye_house_flows(), dye_house_products())
    roles = {node.id: (node.role, node.label) for node in data.nodes}
    assert len(data.nodes) == 13  # 5 inputs, 2 operations, the site, 5 outputs
    assert roles["operation:Dyeing"] == ("unit_operation", "Dyeing")
    assert roles["site"] == ("site", "Site")
    assert roles["output:product:Dyed fabric"] == ("output", "Dyed fabric")


def test_links_are_added_up_over_months_and_kept_apart_by_unit():
    flows = dye_house_flows() + dye_house_flows(ReportingPeriod(2024, 2))
    data = sankey(flows, ())
    fabric = [link for link in data.links if link.source == "input:material:Grey fabric"]
    assert [(link.base_quantity, link.quantity.to("kg").magnitude) for link in fabric] == [
        (20.0, 20000.0)]
    assert data.units() == ("t", "m**3", "MWh", "tCO2e")
    assert [link.target for link in data.links_in("tCO2e")] == [
        "output:air_emission:CO2 from the boiler"]


def test_the_chart_data_is_plain_json():
    data = sankey(dye_house_flows()[:1], ()).as_dict()
    assert data == {
        "company_code": "D01",
        "nodes": [
            {"id": "input:material:Grey fabric", "label": "Grey fabric", "role": "input",
             "kind": "material"},
            {"id": "operation:Dyeing", "label": "Dyeing", "role": "unit_operation", "kind": ""},
        ],
        "links": [{"source": "input:material:Grey fabric", "target": "operation:Dyeing",
                   "kind": "material", "value": 10.0, "unit": "t"}],
    }
