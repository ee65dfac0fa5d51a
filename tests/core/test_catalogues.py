"""The shipped data files load, agree with the code, and say where their facts come from."""

from __future__ import annotations

import pytest

from openeip.core import catalogues
from openeip.core.domain import FlowKind
from openeip.core.errors import UnitError
from openeip.core.units import BASE_UNITS, parse_unit


def test_every_flow_kind_in_code_is_catalogued_and_back():
    assert set(catalogues.flow_kinds()) == {kind.value for kind in FlowKind}


def test_every_flow_kind_allows_only_known_dimensions():
    for info in catalogues.flow_kinds().values():
        assert set(info.dimensions) <= set(BASE_UNITS), info.code
        assert info.directions <= {"input", "output"}


@pytest.mark.parametrize("loader", [catalogues.fates, catalogues.sources, catalogues.ownerships])
def test_every_label_has_english_and_vietnamese_text(loader):
    for label in loader().values():
        assert label.en.strip() and label.vi.strip(), label.code


def test_every_fuel_cites_its_net_calorific_value_and_says_how_sure_it_is():
    for fuel in catalogues.fuels().values():
        assert fuel.ncv_source.strip(), fuel.code
        assert fuel.ncv_verification in {"primary", "secondary", "unverified"}, fuel.code
        assert 5 < fuel.ncv_mj_per_kg < 60, fuel.code
        if fuel.density_kg_per_m3 is not None:
            assert fuel.density_source.strip(), fuel.code


def test_every_sector_carries_its_source_and_verification():
    for sector in catalogues.vsic_sectors().values():
        assert sector.source.strip() and sector.verification in {"primary", "unverified"}
        assert len(sector.code) == 4 and sector.code.isdigit()


def test_every_unit_alias_resolves_to_a_unit_pint_knows():
    for alias, unit in catalogues.unit_aliases().items():
        if unit == "t/hour":  # a rate: known so that the error can say it is one
            with pytest.raises(UnitError, match="is a rate"):
                parse_unit(alias)
            continue
        assert parse_unit(alias) == parse_unit(unit), alias
