"""Synthetic parks: the demo park and any number of generated ones, one Dataset per park."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence

from openeip.core.domain import LandUse, Location, Park, ReportingPeriod
from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.intake import Dataset
from openeip.core.synthetic._months import company_rows, periods
from openeip.core.synthetic._plan import GAP_PATTERNS, Bounds, ascii_name, plan_company
from openeip.core.synthetic._profiles import (
    SectorProfile,
    company_stems,
    park_stems,
    provinces,
    sector_profiles,
)
from openeip.core.units import quantity

__all__ = ["DEMO_PARK_SLUG", "DEMO_START", "demo_park", "generate"]

DEMO_PARK_SLUG = "rach-may"
DEMO_START = ReportingPeriod(2023, 1)
DEMO_MONTHS = 24
#: gap patterns given to six demo companies, so that data completeness has something to show
DEMO_GAPS = ("late_start", "gap", "gap", "lagging", "lagging", "meter_outage")
#: share of generated companies with incomplete reporting
GAP_SHARE = 0.15
_KM_PER_DEGREE_LATITUDE = 110.574
_KM_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111.320


def _rectangle(center: Location, area_ha: float) -> tuple[tuple[float, float], ...]:
    """A closed rectangle of ``area_ha`` around ``center``, 1.3 times wider than high."""
    width_km = math.sqrt(area_ha / 100 * 1.3)
    height_km = area_ha / 100 / width_km
    half_lat = height_km / _KM_PER_DEGREE_LATITUDE / 2
    half_lon = width_km / (_KM_PER_DEGREE_LONGITUDE_AT_EQUATOR
                           * math.cos(math.radians(center.latitude))) / 2
    south, north = center.latitude - half_lat, center.latitude + half_lat
    west, east = center.longitude - half_lon, center.longitude + half_lon
    corners = ((south, west), (south, east), (north, east), (north, west), (south, west))
    return tuple((round(lat, 5), round(lon, 5)) for lat, lon in corners)


def _inner_bounds(boundary: tuple[tuple[float, float], ...]) -> Bounds:
    """The middle 80 % of the park, so no plant stands on the fence."""
    lats = [lat for lat, _ in boundary]
    lons = [lon for _, lon in boundary]
    margin_lat = (max(lats) - min(lats)) * 0.1
    margin_lon = (max(lons) - min(lons)) * 0.1
    return Bounds(min(lats) + margin_lat, min(lons) + margin_lon,
                  max(lats) - margin_lat, max(lons) - margin_lon)


def _demo_park_object() -> Park:
    center = Location(10.86, 107.05)
    return Park(
        slug=DEMO_PARK_SLUG,
        name_en="Rach May Industrial Park",
        name_vi="Khu công nghiệp Rạch Mây",
        province="Đồng Nai",
        area=quantity(320, "ha"),
        operator="Công ty Cổ phần Phát triển Hạ tầng Rạch Mây",
        land_use=LandUse(quantity(230, "ha"), quantity(35, "ha"), quantity(38, "ha"),
                         quantity(12, "ha")),
        location=center,
        boundary=_rectangle(center, 320),
    )


def _dataset(park: Park, sectors: Sequence[SectorProfile], gaps: Sequence[str],
             months: list[ReportingPeriod], rng: random.Random) -> Dataset:
    """The park with one company per entry of ``sectors`` (``gaps`` aligned with it)."""
    stems = list(company_stems())
    rng.shuffle(stems)
    bounds = _inner_bounds(park.boundary)
    numbers: dict[str, int] = {}
    dataset = Dataset(park=park)
    for index, (sector, gap) in enumerate(zip(sectors, gaps, strict=True)):
        numbers[sector.code] = numbers.get(sector.code, 0) + 1
        stem = stems[index % len(stems)]
        if index >= len(stems):
            stem = "{} {}".format(stem, index // len(stems) + 1)
        plan = plan_company(
            sector=sector, code="{}-{:02d}".format(sector.short_code, numbers[sector.code]),
            stem=stem, park_slug=park.slug, bounds=bounds, months=len(months),
            gap_pattern=gap, rng=rng,
        )
        products, flows = company_rows(plan, months, rng)
        dataset.companies.append(plan.company)
        dataset.products.extend(products)
        dataset.flows.extend(flows)
    dataset.company_rows = list(range(2, 2 + len(dataset.companies)))
    dataset.product_rows = list(range(2, 2 + len(dataset.products)))
    dataset.flow_rows = list(range(2, 2 + len(dataset.flows)))
    return dataset


def demo_park(seed: int = 2024) -> Dataset:
    """The fictional Rạch Mây park in Đồng Nai: 40 companies, 2023-01 to 2024-12.

    The sector mix is fixed (``demo_companies`` in synthetic_sectors.csv); the seed decides
    names, sizes, efficiencies, fuels and which six companies report incompletely.
    """
    rng = random.Random("openeip-demo:{}".format(seed))
    sectors = [profile for profile in sector_profiles().values()
               for _ in range(profile.demo_companies)]
    gaps = [""] * len(sectors)
    for index, pattern in zip(rng.sample(range(len(sectors)), len(DEMO_GAPS)), DEMO_GAPS,
                              strict=True):
        gaps[index] = pattern
    return _dataset(_demo_park_object(), sectors, gaps, periods(DEMO_START, DEMO_MONTHS), rng)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` companies over ``parts`` parks of uneven size, adding up exactly.

    Largest-remainder rounding of random weights; every park gets one company first when there
    are enough to go round.
    """
    base = 1 if total >= parts else 0
    rest = total - base * parts
    weights = [rng.uniform(0.3, 1.7) for _ in range(parts)]
    scale = sum(weights)
    exact = [rest * weight / scale for weight in weights]
    shares = [math.floor(value) for value in exact]
    by_remainder = sorted(range(parts), key=lambda i: exact[i] - shares[i], reverse=True)
    for index in by_remainder[: rest - sum(shares)]:
        shares[index] += 1
    return [base + share for share in shares]


def _generated_park(index: int, companies: int, rng: random.Random) -> Park:
    stems = park_stems()[1:]  # the first stem names the demo park
    base_stem = stems[index % len(stems)]
    stem = base_stem
    if index >= len(stems):
        stem = "{} {}".format(stem, index // len(stems) + 1)
    province = provinces()[index % len(provinces())]
    center = Location(round(province.latitude + rng.uniform(-0.08, 0.08), 5),
                      round(province.longitude + rng.uniform(-0.08, 0.08), 5))
    area = float(round(max(50.0, companies * rng.uniform(3.0, 6.0) + 20)))
    # industrial land, green space, roads, shared infrastructure: at most the whole area
    shares = (rng.uniform(0.64, 0.72), rng.uniform(0.10, 0.13), rng.uniform(0.08, 0.11),
              rng.uniform(0.02, 0.04))
    parts = [math.floor(area * share * 10) / 10 for share in shares]
    slug = "{}-{:03d}".format("-".join(ascii_name(base_stem).lower().split()), index + 1)
    return Park(
        slug=slug,
        name_en="{} Industrial Park".format(ascii_name(stem)),
        name_vi="Khu công nghiệp {}".format(stem),
        province=province.name,
        area=quantity(area, "ha"),
        operator="Công ty Phát triển Hạ tầng {}".format(stem),
        land_use=LandUse(*(quantity(part, "ha") for part in parts)),
        location=center,
        boundary=_rectangle(center, area),
    )


def _check_positive(value: int, name: str, minimum: int) -> None:
    if value < minimum:
        raise DomainError(
            _("{name} must be at least {minimum}, not {value}.").format(
                name=name, minimum=minimum, value=value),
            name,
        )


def generate(parks: int, companies: int, months: int, seed: int, *,
             start: ReportingPeriod = DEMO_START) -> Iterator[Dataset]:
    """One Dataset per park, built only when asked for, so national scale fits in memory.

    ``companies`` are spread unevenly over the ``parks`` (every park gets at least one when
    there are enough) and always add up exactly; sectors follow the ``weight`` column of
    synthetic_sectors.csv; about 15 % of companies report incompletely. Each park draws from its
    own random stream, so park *i* is the same whatever is asked for after it.
    """
    _check_positive(parks, "parks", 1)
    _check_positive(companies, "companies", 0)
    _check_positive(months, "months", 1)
    return _parks(parks, companies, periods(start, months), seed)


def _parks(parks: int, companies: int, months_list: list[ReportingPeriod], seed: int
           ) -> Iterator[Dataset]:
    split = _split(companies, parks, random.Random("openeip-synthetic:{}:split".format(seed)))
    profiles = list(sector_profiles().values())
    weights = [profile.weight for profile in profiles]
    for index, count in enumerate(split):
        rng = random.Random("openeip-synthetic:{}:{}".format(seed, index))
        park = _generated_park(index, count, rng)
        chosen = rng.choices(range(len(profiles)), weights, k=count)
        sectors = [profiles[choice] for choice in sorted(chosen)]
        gaps = [rng.choice(GAP_PATTERNS) if rng.random() < GAP_SHARE else "" for _ in sectors]
        yield _dataset(park, sectors, gaps, months_list, rng)
