"""Peer comparison: a percentile and quartiles, shown only with enough other firms."""

from __future__ import annotations

import pytest

from openeip.core.errors import DomainError
from openeip.core.recp import MIN_PEERS, Withheld, peer_percentiles
from openeip.core.units import Quantity


def quantity(value: float, unit: str):
    """A ratio such as MWh/t (the parser for recorded flows takes only plain units)."""
    return Quantity(value, unit)


def intensities(*values: float, unit: str = "MWh/t") -> list:
    return [quantity(value, unit) for value in values]


def test_the_percentile_counts_the_peers_below_the_company():
    position = peer_percentiles(quantity(3.5, "MWh/t"), intensities(1, 2, 3, 4, 5))
    assert position.percentile == 60.0  # 3 of 5 peers below
    assert (position.peer_count, position.shown, position.withheld) == (5, True, Withheld.NONE)


def test_a_tie_counts_half():
    assert peer_percentiles(quantity(3, "MWh/t"), intensities(1, 2, 3, 4, 5)).percentile == 50.0


def test_the_median_and_quartiles_interpolate_between_ranks():
    five = peer_percentiles(quantity(3, "MWh/t"), intensities(5, 1, 4, 2, 3))
    assert [q.to("MWh/t").magnitude for q in (five.lower_quartile, five.median,
                                               five.upper_quartile)] == [2, 3, 4]
    six = peer_percentiles(quantity(3, "MWh/t"), intensities(1, 2, 3, 4, 5, 6))
    assert [q.to("MWh/t").magnitude for q in (six.lower_quartile, six.median,
                                              six.upper_quartile)] == [2.25, 3.5, 4.75]


def test_peers_in_other_units_are_converted_to_the_companys():
    position = peer_percentiles(quantity(3.5, "MWh/t"),
                                intensities(1000, 2000, 3000, 4000, 5000, unit="kWh/t"))
    assert position.percentile == 60.0
    assert position.median.to("MWh/t").magnitude == pytest.approx(3)


def test_with_four_other_firms_nothing_at_all_is_shown():
    position = peer_percentiles(quantity(3.5, "MWh/t"), intensities(1, 2, 3, 4))
    assert (position.percentile, position.median, position.lower_quartile,
            position.upper_quartile) == (None, None, None, None)
    assert (position.peer_count, position.shown, position.withheld) == (
        4, False, Withheld.TOO_FEW_PEERS)
    assert position.message() == (
        "Only 4 other firms of the sector have this figure; at least 5 are needed before any "
        "comparison is shown, so that no firm's figure can be told.")


def test_firms_without_the_figure_do_not_count_as_peers():
    values = intensities(1, 2, 3, 4)
    assert not peer_percentiles(quantity(2, "MWh/t"), [*values, None, None]).shown
    assert peer_percentiles(quantity(2, "MWh/t"), [*values, None, quantity(5, "MWh/t")]).shown


def test_a_stricter_threshold_withholds_a_group_of_five():
    position = peer_percentiles(quantity(3, "MWh/t"), intensities(1, 2, 3, 4, 5), min_peers=6)
    assert (position.shown, position.min_peers, position.percentile) == (False, 6, None)


def test_the_threshold_cannot_be_lowered_below_five():
    assert MIN_PEERS == 5
    with pytest.raises(DomainError) as error:
        peer_percentiles(quantity(3, "MWh/t"), intensities(1, 2, 3, 4), min_peers=4)
    assert error.value.field == "min_peers"


def test_a_company_without_the_figure_sees_the_aggregates_but_no_position():
    position = peer_percentiles(None, intensities(1, 2, 3, 4, 5))
    assert (position.percentile, position.median.to("MWh/t").magnitude) == (None, 3)
    assert position.withheld is Withheld.NO_OWN_VALUE


def test_it_refuses_peers_of_another_dimension():
    with pytest.raises(DomainError) as error:
        peer_percentiles(quantity(3, "MWh/t"), intensities(1, 2, 3, 4, 5, unit="m³/t"))
    assert error.value.field == "peers"
