"""The synthetic national stream set: deterministic, realistic mix, placed in Viet Nam."""

from __future__ import annotations

import pytest

from openeip.core.domain import Direction
from openeip.core.errors import DomainError
from openeip.core.symbiosis.model import Form, Stream
from openeip.core.symbiosis.rules import load_rules
from openeip.core.symbiosis.synthetic import synthetic_streams
from openeip.core.symbiosis.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def streams() -> list[Stream]:
    return synthetic_streams(3_000, 12, seed=7)


def test_the_same_seed_gives_the_same_set_and_another_seed_another(streams: list[Stream]) -> None:
    assert synthetic_streams(3_000, 12, seed=7) == streams
    assert synthetic_streams(3_000, 12, seed=8) != streams


def test_half_are_supplies_and_every_park_has_firms(streams: list[Stream]) -> None:
    assert len(streams) == 3_000
    assert sum(s.direction is Direction.SUPPLY for s in streams) == 1_500
    assert {s.park for s in streams} == {"P{:03d}".format(i) for i in range(1, 13)}
    assert len({s.id for s in streams}) == 3_000
    # 3,000 rows / 6 per firm = 500 firms, each in one park
    parks_of = {}
    for stream in streams:
        assert parks_of.setdefault(stream.company, stream.park) == stream.park
    assert len(parks_of) <= 500


def test_classes_are_leaves_some_rule_can_use_in_that_direction(streams: list[Stream]) -> None:
    taxonomy, rules = load_taxonomy(), load_rules()
    supply_side = set().union(*(taxonomy.descendants(r.supply_class) for r in rules.rules))
    demand_side = set().union(*(taxonomy.descendants(r.demand_class) for r in rules.rules))
    for stream in streams:
        assert taxonomy.descendants(stream.resource_class) == {stream.resource_class}
        side = supply_side if stream.direction is Direction.SUPPLY else demand_side
        assert stream.resource_class in side
        resource = taxonomy.get(stream.resource_class)
        assert stream.unit == resource.base_unit
        assert stream.hazardous == resource.hazardous
        assert stream.quantity is not None and stream.quantity > 0
        assert stream.description in (resource.name_en, resource.name_vi,
                                      *resource.synonyms_en, *resource.synonyms_vi)
        if resource.form is Form.STEAM:
            assert stream.temperature_c == 180.0
    assert len({s.resource_class for s in streams}) > 50


def test_firms_are_in_viet_nam_and_some_streams_are_seasonal(streams: list[Stream]) -> None:
    for stream in streams:
        assert stream.latitude is not None and stream.longitude is not None
        assert 8.0 <= stream.latitude <= 24.0 and 102.0 <= stream.longitude <= 110.0
    seasonal = [s for s in streams if s.months]
    assert 0.05 < len(seasonal) / len(streams) < 0.15
    for stream in seasonal:
        months = sorted(stream.months)
        assert len(months) == 6
        # six consecutive months, possibly over the new year: 11, 12, 1, 2, 3, 4
        assert any(all((start + k) % 12 + 1 in stream.months for k in range(6))
                   for start in range(12))


def test_it_refuses_an_empty_set() -> None:
    with pytest.raises(DomainError):
        synthetic_streams(1, 3)
    with pytest.raises(DomainError):
        synthetic_streams(10, 0)
