"""Eco-enterprise check per firm (Decree 35 Art. 37(2) as far as known)."""

from __future__ import annotations

from openeip.core.eip.enterprise import FirmFacts, check_enterprise, enterprise_items
from openeip.core.eip.model import Status, Verification


def _statuses(facts: FirmFacts) -> dict[str, Status]:
    return {r.item.code: r.status for r in check_enterprise(facts).items}


def test_items_are_cited_and_only_recp_and_symbiosis_decide() -> None:
    items = enterprise_items()
    assert [(i.code, i.required) for i in items] == [
        ("recp", True), ("symbiosis", True), ("SOC.1", False), ("SOC.2", False),
        ("SOC.4", False), ("SOC.6", False)]
    assert {i.verification for i in items} == {Verification.SECONDARY}
    assert all(i.source and i.clause and i.text_vi and i.note_en for i in items)


def test_a_firm_with_recp_and_symbiosis_is_an_eco_enterprise() -> None:
    result = check_enterprise(FirmFacts("DYE-01", "Dye house", recp_options_implemented=2,
                                        operating_exchanges=1, employees=250,
                                        b5={"SOC.1": True, "SOC.2": False}))
    assert result.status is Status.MET
    assert _statuses(FirmFacts("DYE-01", recp_options_implemented=2, operating_exchanges=1,
                               employees=250, b5={"SOC.1": True, "SOC.2": False})) == {
        "recp": Status.MET, "symbiosis": Status.MET, "SOC.1": Status.MET,
        "SOC.2": Status.NOT_MET, "SOC.4": Status.UNKNOWN, "SOC.6": Status.UNKNOWN}


def test_no_exchange_means_not_an_eco_enterprise() -> None:
    result = check_enterprise(FirmFacts("F-2", recp_options_implemented=1, operating_exchanges=0))
    assert result.status is Status.NOT_MET
    assert result.items[1].value == 0


def test_unknown_facts_give_unknown_never_met() -> None:
    assert check_enterprise(FirmFacts("F-3", recp_options_implemented=1)).status is Status.UNKNOWN
    assert set(_statuses(FirmFacts("F-4")).values()) == {Status.UNKNOWN}


def test_b5_items_for_large_firms_do_not_apply_to_small_ones() -> None:
    small = _statuses(FirmFacts("F-5", employees=100, b5={"SOC.1": True}))
    assert (small["SOC.1"], small["SOC.4"], small["SOC.2"]) == (
        Status.NOT_APPLICABLE, Status.NOT_APPLICABLE, Status.UNKNOWN)
    large = _statuses(FirmFacts("F-6", employees=101, b5={"SOC.4": False}))
    assert large["SOC.4"] is Status.NOT_MET
