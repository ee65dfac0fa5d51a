"""Typed, checked loaders for the synthetic-data files in ``openeip/data``.

``sector_profiles.csv`` (products and specific flows per sector), ``synthetic_sectors.csv``,
``synthetic_seasonality.csv``, ``synthetic_names.csv`` and ``synthetic_provinces.csv``. Every
value is illustrative; the files say so. A malformed row raises :class:`CatalogueError` naming the
file and line, because the generator must never produce a flow the domain would reject.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from openeip.core import catalogues
from openeip.core.catalogues import read_table
from openeip.core.domain import Direction, FlowKind
from openeip.core.errors import CatalogueError, UnitError
from openeip.core.units import dimension_of, parse_unit

__all__ = [
    "FlowProfile",
    "ProductProfile",
    "Province",
    "SectorProfile",
    "company_stems",
    "park_stems",
    "provinces",
    "sector_profiles",
]


@dataclass(frozen=True, slots=True)
class FlowProfile:
    """One flow of a sector: how much of ``unit`` a plant uses or emits per unit of product."""

    direction: Direction
    kind: FlowKind
    description: str
    unit: str
    low: float
    high: float
    classification_code: str
    hazardous: bool
    fates: tuple[str, ...]
    supply: str
    price_vnd: float | None
    option: str
    share: float | None
    source: str

    @property
    def group(self) -> str:
        """The option group ('boiler' of 'boiler:coal'), or '' for a flow every plant has."""
        return self.option.partition(":")[0]


@dataclass(frozen=True, slots=True)
class ProductProfile:
    """A sector's reference product: monthly output of the smallest and largest plant, price."""

    name: str
    unit: str
    low: float
    high: float
    price_vnd: float
    source: str


@dataclass(frozen=True, slots=True)
class SectorProfile:
    code: str
    vsic_code: str
    short_code: str
    name_vi: str
    name_en: str
    demo_companies: int
    weight: float
    employees: tuple[int, int]
    ownership: tuple[tuple[str, float], ...]
    seasonality: tuple[float, ...]
    product: ProductProfile
    flows: tuple[FlowProfile, ...]

    def options(self) -> dict[str, list[tuple[str, float]]]:
        """Option groups: group → [(option, share), …], in file order."""
        groups: dict[str, list[tuple[str, float]]] = {}
        for flow in self.flows:
            if flow.option and flow.share is not None:
                groups.setdefault(flow.group, []).append((flow.option, flow.share))
        return groups

    def flow(self, description: str) -> FlowProfile:
        return next(flow for flow in self.flows if flow.description == description)


@dataclass(frozen=True, slots=True)
class Province:
    name: str
    latitude: float
    longitude: float


def _rows(filename: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number in the file, row) for every data row; '#' lines are comments."""
    return read_table(filename).numbered()


def _fail(filename: str, line: int, message: str) -> CatalogueError:
    return CatalogueError("{} line {}: {}".format(filename, line, message))


def _flow(line: int, row: dict[str, str]) -> FlowProfile:
    name = "sector_profiles.csv"
    try:
        direction, kind = Direction(row["direction"]), FlowKind(row["kind"])
        unit = parse_unit(row["unit"])
    except (ValueError, UnitError) as error:
        raise _fail(name, line, str(error)) from None
    info = catalogues.flow_kinds()[kind.value]
    if direction.value not in info.directions or dimension_of(unit) not in info.dimensions:
        raise _fail(name, line, "a {} flow cannot be an {} in {}".format(kind, direction, unit))
    code = row["classification_code"]
    is_fuel = kind is FlowKind.ENERGY and dimension_of(unit) != "energy"
    if is_fuel and code not in catalogues.fuels():
        raise _fail(name, line, "a fuel in {} needs a fuel code of fuels.csv".format(unit))
    fates = tuple(filter(None, row["fate"].split(";")))
    unknown = [fate for fate in fates if fate not in catalogues.fates()]
    if unknown or (row["supply"] and row["supply"] not in catalogues.sources()):
        raise _fail(name, line, "unknown fate or supply {}".format(unknown or row["supply"]))
    if (direction is Direction.OUTPUT) != bool(fates) or (direction is Direction.INPUT) != bool(
            row["supply"]):
        raise _fail(name, line, "outputs need a fate, inputs a supply")
    low, high = float(row["low"]), float(row["high"])
    if not 0 < low <= high:
        raise _fail(name, line, "low and high must be positive and low <= high")
    if row["option"] and ":" not in row["option"]:
        raise _fail(name, line, "an option is written 'group:choice'")
    return FlowProfile(
        direction=direction, kind=kind, description=row["description"], unit=row["unit"],
        low=low, high=high, classification_code=code, hazardous=row["hazardous"] == "true",
        fates=fates, supply=row["supply"],
        price_vnd=float(row["price_vnd"]) if row["price_vnd"] else None,
        option=row["option"], share=float(row["share"]) if row["share"] else None,
        source=row["source"],
    )


def _product(line: int, row: dict[str, str]) -> ProductProfile:
    try:
        dimension = dimension_of(parse_unit(row["unit"]))
    except UnitError as error:
        raise _fail("sector_profiles.csv", line, str(error)) from None
    if dimension not in ("mass", "volume", "count"):
        raise _fail("sector_profiles.csv", line, "a product is counted in mass, volume or pieces")
    low, high = float(row["low"]), float(row["high"])
    if not 0 < low <= high:
        raise _fail("sector_profiles.csv", line, "low and high must be positive and low <= high")
    return ProductProfile(row["description"], row["unit"], low, high, float(row["price_vnd"]),
                          row["source"])


@cache
def _seasonality() -> dict[str, tuple[float, ...]]:
    patterns = {}
    for line, row in _rows("synthetic_seasonality.csv"):
        factors = [float(row["m{:02d}".format(month)]) for month in range(1, 13)]
        if min(factors) <= 0:
            raise _fail("synthetic_seasonality.csv", line, "factors must be positive")
        mean = sum(factors) / 12
        patterns[row["pattern"]] = tuple(factor / mean for factor in factors)
    return patterns


def _check_options(sector: str, flows: list[FlowProfile]) -> None:
    totals: dict[str, float] = {}
    for flow in flows:
        if flow.option and flow.share is not None:
            totals[flow.group] = totals.get(flow.group, 0.0) + flow.share
    for group, total in totals.items():
        if abs(total - 1) > 1e-9:
            raise CatalogueError("sector_profiles.csv: the shares of {} option '{}' add up to {}"
                                 .format(sector, group, total))


@cache
def sector_profiles() -> dict[str, SectorProfile]:
    """Every synthetic sector by code, in the order of ``synthetic_sectors.csv``."""
    products: dict[str, list[ProductProfile]] = {}
    flows: dict[str, list[FlowProfile]] = {}
    for line, row in _rows("sector_profiles.csv"):
        if row["item"] == "product":
            products.setdefault(row["sector"], []).append(_product(line, row))
        elif row["item"] == "flow":
            flows.setdefault(row["sector"], []).append(_flow(line, row))
        else:
            raise _fail("sector_profiles.csv", line, "item must be 'product' or 'flow'")
    profiles = {}
    for line, row in _rows("synthetic_sectors.csv"):
        code = row["sector"]
        if len(products.get(code, ())) != 1 or row["vsic_code"] not in catalogues.vsic_sectors():
            raise _fail("synthetic_sectors.csv", line,
                        "a sector needs one product row and a known VSIC code")
        ownership = tuple((part.split(":")[0], float(part.split(":")[1]))
                          for part in row["ownership"].split(";"))
        if any(owner not in catalogues.ownerships() for owner, _ in ownership):
            raise _fail("synthetic_sectors.csv", line, "unknown ownership code")
        _check_options(code, flows.get(code, []))
        profiles[code] = SectorProfile(
            code=code, vsic_code=row["vsic_code"], short_code=row["short_code"],
            name_vi=row["name_vi"], name_en=row["name_en"],
            demo_companies=int(row["demo_companies"]), weight=float(row["weight"]),
            employees=(int(row["employees_low"]), int(row["employees_high"])),
            ownership=ownership, seasonality=_seasonality()[row["seasonality"]],
            product=products[code][0], flows=tuple(flows.get(code, ())),
        )
    orphans = (set(products) | set(flows)) - set(profiles)
    if orphans:
        raise CatalogueError("sector_profiles.csv: sectors missing from synthetic_sectors.csv: "
                             + ", ".join(sorted(orphans)))
    return profiles


@cache
def _stems() -> dict[str, tuple[str, ...]]:
    stems: dict[str, list[str]] = {}
    for _, row in _rows("synthetic_names.csv"):
        stems.setdefault(row["kind"], []).append(row["stem_vi"])
    return {kind: tuple(names) for kind, names in stems.items()}


def company_stems() -> tuple[str, ...]:
    return _stems()["company"]


def park_stems() -> tuple[str, ...]:
    return _stems()["park"]


@cache
def provinces() -> tuple[Province, ...]:
    return tuple(Province(row["province"], float(row["latitude"]), float(row["longitude"]))
                 for _, row in _rows("synthetic_provinces.csv"))
