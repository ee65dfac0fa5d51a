"""Registry construction, unit parsing and conversions. See ``openeip/data/units.txt``."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import pint

from openeip.core.catalogues import Fuel, fuels, unit_aliases
from openeip.core.errors import UnitError
from openeip.core.i18n import gettext as _

_SUPERSCRIPTS = {"²": "**2", "³": "**3"}


_PLAIN_POWERS = re.compile(r"(?<![A-Za-z])(mm|cm|dm|km|m)([23])(?![0-9])")


def _superscripts(text: str) -> str:
    """'m³' and 'm3' (as people type it) both mean m**3."""
    for char, power in _SUPERSCRIPTS.items():
        text = text.replace(char, power)
    return _PLAIN_POWERS.sub(r"\1**\2", text)


def _mass_to_energy(reg: Any, value: Any, **params: Any) -> Any:
    """Energy content of a fuel mass: m × NCV (ncv in MJ/kg)."""
    return value * reg.Quantity(params["ncv"], "MJ/kg")


def _volume_to_energy(reg: Any, value: Any, **params: Any) -> Any:
    """Energy content of a fuel volume: V × density × NCV (density in kg/m³, ncv in MJ/kg)."""
    return value * reg.Quantity(params["density"], "kg/m**3") * reg.Quantity(params["ncv"], "MJ/kg")


def _build_registry() -> Any:
    """The registry, its parsed definitions kept in pint's disk cache (the user's cache
    folder): parsing them took 0.25 s of every process's start, reading them back 0.02 s
    (7 Dec 2026). Without a usable cache (a folder that cannot be written, a file another
    process is still writing) the definitions are parsed as before."""
    try:
        return _registry(":auto:")
    except Exception:  # noqa: BLE001 — any failure of the cache: build without it
        return _registry(None)


def _registry(cache_folder: str | None) -> Any:
    registry: Any = pint.UnitRegistry(
        preprocessors=[_superscripts], autoconvert_offset_to_baseunit=True,
        cache_folder=cache_folder,
    )
    definitions = resources.files("openeip.data") / "units.txt"
    with resources.as_file(definitions) as path:
        registry.load_definitions(str(path))
    context: Any = pint.Context("fuel", defaults={"ncv": 1.0, "density": 1.0})
    context.add_transformation("[mass]", "[energy]", _mass_to_energy)
    context.add_transformation("[length] ** 3", "[energy]", _volume_to_energy)
    registry.add_context(context)
    return registry


ureg: Any = _build_registry()
Quantity: Any = ureg.Quantity
_MWH = ureg.Unit("MWh")

#: dimension name -> pint dimensionality
DIMENSIONS: dict[str, Any] = {
    "mass": ureg.get_dimensionality("[mass]"),
    "volume": ureg.get_dimensionality("[length]**3"),
    "energy": ureg.get_dimensionality("[energy]"),
    "co2e": ureg.get_dimensionality("[emissions_co2e]"),
    "count": ureg.get_dimensionality("[]"),
    "area": ureg.get_dimensionality("[length]**2"),
    "currency": ureg.get_dimensionality("[currency]"),
}

#: the unit every quantity of a dimension is stored and summed in
BASE_UNITS: dict[str, str] = {
    "mass": "t",
    "volume": "m**3",
    "energy": "MWh",
    "co2e": "tCO2e",
    "count": "piece",
    "area": "ha",
    "currency": "VND",
}


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> Any:
    """Read a unit as people write it ('m3', 'tấn', 'kWh', 'Nm³') or raise UnitError."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise UnitError(_("The unit is empty. Write a unit such as t, kg, m³, kWh or GJ."))
    alias = unit_aliases().get(cleaned.lower())
    try:
        unit = ureg.parse_units(alias or cleaned)
    except Exception:  # noqa: BLE001 - pint's parser raises many kinds (TokenError for '(', ...)
        raise UnitError(
            _("Unknown unit '{unit}'. Use a unit such as t, kg, m³, L, kWh, MWh, GJ or toe.")
            .format(unit=cleaned)
        ) from None
    if dimension_of(unit) is None:
        if _is_rate(unit):
            raise UnitError(
                _("'{unit}' is a rate. Flows are totals per reporting period: give the amount "
                  "over the period, such as t, m³ or kWh.").format(unit=cleaned)
            )
        raise UnitError(
            _("The unit '{unit}' is not a mass, volume, energy, CO2e or count unit.")
            .format(unit=cleaned)
        )
    return unit


def _is_rate(unit: Any) -> bool:
    per_time = unit * ureg.hour
    return dimension_of(per_time) in ("mass", "volume", "energy", "co2e")


@lru_cache(maxsize=1024)
def unit_symbol(unit: Any) -> str:
    """Short symbol of ``unit`` as stored and shown ('m³', 't', 'kWh'); parse_unit reads it back.

    Kept per unit (pint units hash and compare by their unit names and powers): pint formats
    each one afresh, ~0.1 ms a time, and every flow and product stored or read asks for one
    (37,000 times while `openeip demo` loads the demo park, 3 of its 60 s)."""
    symbol = "{:~C}".format(unit).replace("**3", "³").replace("**2", "²")
    return "L" if symbol == "l" else symbol


def dimension_of(unit: Any) -> str | None:
    """Name of the dimension of ``unit`` ('mass', 'volume', …) or None if it is none of ours."""
    dimensionality = unit.dimensionality
    for name, wanted in DIMENSIONS.items():
        if dimensionality == wanted:
            return name
    return None


def quantity(value: float | Decimal | int, unit: str) -> Any:
    """A pint quantity from a number and a unit as people write it."""
    return Quantity(float(value), parse_unit(unit))


def to_base(value: Any) -> tuple[float, str]:
    """Magnitude in the base unit of its dimension, and that unit's name."""
    dimension = dimension_of(value.units)
    if dimension is None:
        raise UnitError(
            _("The unit '{unit}' has no base unit.").format(unit=unit_symbol(value.units))
        )
    base = BASE_UNITS[dimension]
    return float(value.magnitude) * _factor(value.units, base), base


@lru_cache(maxsize=1024)
def _factor(unit: Any, target: str) -> float:
    """How many ``target`` one ``unit`` is. Cached: pint re-parses units on every ``.to()``,
    which made reading 100,000 flows take seconds (the conversions are all multiplicative)."""
    return float(Quantity(1.0, unit).to(target).magnitude)


@lru_cache(maxsize=1024)
def _fuel_factor(unit: Any, ncv: float, density: float) -> float:
    """MWh in one ``unit`` of a fuel; cached for the same reason as :func:`_factor`."""
    with ureg.context("fuel", ncv=ncv, density=density):
        return float(Quantity(1.0, unit).to("MWh").magnitude)


def fuel_energy(value: Any, fuel: Fuel) -> Any:
    """Energy content (net calorific value basis) of a fuel quantity given in mass or volume."""
    dimension = dimension_of(value.units)
    if dimension == "energy":
        return value.to("MWh")
    if dimension == "volume" and fuel.density_kg_per_m3 is None:
        raise UnitError(
            _("No density is known for fuel '{fuel}'; give it in t or kg instead of a volume.")
            .format(fuel=fuel.code)
        )
    if dimension not in ("mass", "volume"):
        raise UnitError(
            _("A fuel quantity must be a mass, a volume or an energy, not '{unit}'.")
            .format(unit=unit_symbol(value.units))
        )
    factor = _fuel_factor(value.units, fuel.ncv_mj_per_kg, fuel.density_kg_per_m3 or 1.0)
    return Quantity(float(value.magnitude) * factor, _MWH)


def fuel(code: str) -> Fuel:
    """The catalogued fuel with ``code`` or UnitError listing the known codes."""
    known = fuels()
    if code not in known:
        raise UnitError(
            _("Unknown fuel code '{code}'. Known codes: {codes}.")
            .format(code=code, codes=", ".join(sorted(known)))
        )
    return known[code]
