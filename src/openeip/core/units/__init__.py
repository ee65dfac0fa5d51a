"""The one pint registry of OpenEIP, the field's units and fuel contexts.

Public surface: :data:`ureg`, :data:`Quantity`, :func:`parse_unit`, :func:`quantity`,
:func:`dimension_of`, :func:`to_base`, :func:`unit_symbol`, :data:`BASE_UNITS` and
:func:`fuel_energy`.
"""

from openeip.core.units._registry import (
    BASE_UNITS,
    Quantity,
    dimension_of,
    fuel_energy,
    parse_unit,
    quantity,
    to_base,
    unit_symbol,
    ureg,
)

__all__ = [
    "BASE_UNITS",
    "Quantity",
    "dimension_of",
    "fuel_energy",
    "parse_unit",
    "quantity",
    "to_base",
    "unit_symbol",
    "ureg",
]
