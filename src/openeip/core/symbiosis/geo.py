r"""Distances between streams: great-circle (haversine) distance and its road estimate.

.. math::

    a = \sin^2\frac{\varphi_2-\varphi_1}{2}
        + \cos\varphi_1 \cos\varphi_2 \sin^2\frac{\lambda_2-\lambda_1}{2}

    d_{straight} = 2 R \arcsin\sqrt{a}, \qquad d_{road} = f_{road} \cdot d_{straight}

with :math:`\varphi` latitude and :math:`\lambda` longitude in radians and :math:`R` the mean
Earth radius, 6,371.0088 km (IUGG mean radius R1, Moritz 2000, *Geodetic Reference System
1980*). The road factor :math:`f_{road}` (road km per straight km, ≥ 1) is data: see
``data/symbiosis/transport_costs.csv``.

:func:`haversine_km` takes floats; :func:`haversine_km_array` takes numpy arrays (broadcast) and
returns NaN where a coordinate is missing (NaN).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _

__all__ = ["EARTH_RADIUS_KM", "haversine_km", "haversine_km_array", "haversine_km_radians",
           "road_km"]

EARTH_RADIUS_KM = 6371.0088

FloatArray = npt.NDArray[np.float64]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in decimal degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def haversine_km_array(lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike,
                       lon2: npt.ArrayLike) -> FloatArray:
    """:func:`haversine_km` element-wise over numpy arrays (NaN in, NaN out)."""
    phi1 = np.radians(np.asarray(lat1, dtype=np.float64))
    phi2 = np.radians(np.asarray(lat2, dtype=np.float64))
    dlambda = np.radians(np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64))
    a = (np.sin((phi2 - phi1) / 2) ** 2
         + np.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2)
    result: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    return result


def haversine_km_radians(phi1: FloatArray, lam1: FloatArray, cos_phi1: FloatArray,
                         phi2: FloatArray, lam2: FloatArray, cos_phi2: FloatArray) -> FloatArray:
    """:func:`haversine_km_array` from latitudes and longitudes already in radians and the
    cosines of the latitudes (computed once per point instead of once per pair)."""
    a = np.sin((phi2 - phi1) / 2) ** 2 + cos_phi1 * cos_phi2 * np.sin((lam2 - lam1) / 2) ** 2
    result: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    return result


def road_km(straight_km: float, road_factor: float) -> float:
    """Estimated road distance: ``straight_km`` × ``road_factor`` (the factor must be ≥ 1)."""
    if road_factor < 1:
        raise DomainError(
            _("The road factor is {value}; a road is never shorter than the straight line, "
              "so give a factor of 1 or more.").format(value=road_factor), "road_factor")
    if straight_km < 0:
        raise DomainError(
            _("A distance cannot be negative ({value} km).").format(value=straight_km),
            "distance_km")
    return straight_km * road_factor
