"""Haversine and road distances, checked against values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from openeip.core.errors import DomainError
from openeip.core.symbiosis.geo import (
    EARTH_RADIUS_KM,
    haversine_km,
    haversine_km_array,
    road_km,
)


def test_one_degree_along_the_equator_is_r_times_pi_over_180():
    # 6371.0088 × π / 180 = 111.19508 km
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.19508, abs=1e-5)
    assert haversine_km(10.0, 106.0, 11.0, 106.0) == pytest.approx(111.19508, abs=1e-5)


def test_quarter_and_half_great_circles():
    # equator to pole = π R / 2 = 10,007.5577 km; antipodes = π R = 20,015.1144 km
    assert haversine_km(0.0, 0.0, 90.0, 0.0) == pytest.approx(math.pi * EARTH_RADIUS_KM / 2)
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015.1144, abs=1e-4)


def test_a_point_is_zero_km_from_itself():
    assert haversine_km(21.0285, 105.8542, 21.0285, 105.8542) == 0.0


def test_the_array_version_agrees_and_passes_nan_through():
    lat1 = np.array([0.0, 10.0, np.nan])
    lon1 = np.array([0.0, 106.0, 106.0])
    got = haversine_km_array(lat1, lon1, np.array([0.0, 11.0, 10.0]),
                             np.array([1.0, 106.0, 106.0]))
    assert got[0] == pytest.approx(111.19508, abs=1e-5)
    assert got[1] == pytest.approx(111.19508, abs=1e-5)
    assert math.isnan(got[2])


def test_hanoi_to_ho_chi_minh_city_matches_the_scalar_version():
    scalar = haversine_km(21.0285, 105.8542, 10.8231, 106.6297)
    array = haversine_km_array([21.0285], [105.8542], [10.8231], [106.6297])
    assert array[0] == pytest.approx(scalar, rel=1e-12)
    assert 1130 < scalar < 1145      # about 1,138 km in a straight line


def test_road_km_scales_by_the_factor():
    assert road_km(10.0, 1.3) == pytest.approx(13.0)


def test_road_km_rejects_a_factor_below_one_and_negative_distances():
    with pytest.raises(DomainError, match="factor"):
        road_km(10.0, 0.9)
    with pytest.raises(DomainError, match="negative"):
        road_km(-1.0, 1.3)
