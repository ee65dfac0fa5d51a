"""A park's boundary and tenants as GeoJSON (RFC 7946), for the map on its dashboard."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, JsonResponse

from openeip.web.base.labels import current_language, sector_label
from openeip.web.registry.lookups import visible_park
from openeip.web.registry.models import Company, Park

GEOJSON = "application/geo+json"
# Keys carry the park's data version, so this only bounds how long unused entries linger.
MAP_CACHE_SECONDS = 3600


@login_required
def park_map(request: HttpRequest, slug: str) -> JsonResponse:
    """The park's boundary and one point per tenant with a location; for its managers only."""
    park = visible_park(request, slug)
    boundary = boundary_feature(park.boundary)
    features = ([boundary] if boundary else []) + _tenant_features(request, park)
    return JsonResponse({"type": "FeatureCollection", "features": features},
                        content_type=GEOJSON)


def boundary_feature(boundary: Sequence[Sequence[float]]) -> dict[str, Any] | None:
    """The park's boundary, stored as [latitude, longitude] pairs, as a GeoJSON polygon; None
    when it has fewer than three corners.

    GeoJSON writes [longitude, latitude], closes the ring (its last position repeats the first)
    and runs the outer ring anticlockwise (RFC 7946, section 3.1.6).
    """
    ring = [[float(lon), float(lat)] for lat, lon in boundary]
    if ring and ring[0] != ring[-1]:
        ring.append(list(ring[0]))
    if len(ring) < 4:
        return None
    if _signed_area(ring) < 0:
        ring.reverse()
    return {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": {"role": "boundary"}}


def _signed_area(ring: list[list[float]]) -> float:
    """Shoelace sum: positive when the closed ring runs anticlockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))


def _tenant_features(request: HttpRequest, park: Park) -> list[dict[str, Any]]:
    """One point per tenant with a location, cached until the park's data changes.

    Only the park's managers and platform admins get past the park check, and both see every
    tenant of the park, so one cached list serves them all.
    """
    language = current_language()
    key = "park-map:{}:{}:{}".format(park.pk, park.data_version, language)
    cached = cache.get(key)
    if cached is not None:
        return list(cached)
    tenants = (Company.objects.for_user(request.user).filter(park=park)
               .filter(latitude__isnull=False, longitude__isnull=False)
               .only("name_en", "name_vi", "vsic_code", "vsic_name", "employees",
                     "latitude", "longitude")
               .order_by("name_en", "code"))
    features = [
        {"type": "Feature",
         "geometry": {"type": "Point", "coordinates": [company.longitude, company.latitude]},
         "properties": {"role": "tenant", "name": company.name,
                        "sector": sector_label(company.vsic_code, company.vsic_name),
                        "employees": company.employees, "url": company.get_absolute_url()}}
        for company in tenants
    ]
    cache.set(key, features, timeout=MAP_CACHE_SECONDS)
    return features
