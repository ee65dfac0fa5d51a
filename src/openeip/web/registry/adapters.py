"""The one mapping between Django models and core's domain objects."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from openeip.core.domain import (
    Company,
    Direction,
    FlowKind,
    LandUse,
    Location,
    Park,
    Product,
    ReportingPeriod,
    ResourceFlow,
)
from openeip.core.errors import DomainError, UnitError
from openeip.core.units import Quantity, parse_unit, unit_symbol
from openeip.web.registry import models as m


def _location(latitude: float | None, longitude: float | None) -> Location | None:
    if latitude is None or longitude is None:
        return None
    return Location(latitude, longitude)


def park_to_domain(park: m.Park) -> Park:
    parts = (park.industrial_land_ha, park.green_space_ha, park.roads_ha,
             park.shared_infrastructure_ha)
    land_use = None
    if all(part is not None for part in parts):
        land_use = LandUse(*(Quantity(part, "ha") for part in parts))
    return Park(
        slug=park.slug, name_en=park.name_en, name_vi=park.name_vi, province=park.province,
        area=Quantity(park.area_ha, "ha"), operator=park.operator, land_use=land_use,
        location=_location(park.latitude, park.longitude),
        boundary=tuple((float(lat), float(lon)) for lat, lon in park.boundary),
    )


def park_fields(park: Park) -> dict[str, Any]:
    land = park.land_use
    return {
        "name_en": park.name_en,
        "name_vi": park.name_vi,
        "province": park.province,
        "area_ha": float(park.area.to("ha").magnitude),
        "industrial_land_ha": float(land.industrial.magnitude) if land else None,
        "green_space_ha": float(land.green_space.magnitude) if land else None,
        "roads_ha": float(land.roads.magnitude) if land else None,
        "shared_infrastructure_ha": float(land.shared_infrastructure.magnitude) if land else None,
        "operator": park.operator,
        "latitude": park.location.latitude if park.location else None,
        "longitude": park.location.longitude if park.location else None,
        "boundary": [list(point) for point in park.boundary],
    }


def company_to_domain(company: m.Company) -> Company:
    return Company(
        code=company.code, name_en=company.name_en, name_vi=company.name_vi,
        vsic_code=company.vsic_code, vsic_name=company.vsic_name, employees=company.employees,
        ownership=company.ownership, location=_location(company.latitude, company.longitude),
        park_slug=company.park.slug,
    )


def company_fields(company: Company) -> dict[str, Any]:
    return {
        "name_en": company.name_en,
        "name_vi": company.name_vi,
        "vsic_code": company.vsic_code,
        "vsic_name": company.vsic_name,
        "employees": company.employees,
        "ownership": company.ownership,
        "latitude": company.location.latitude if company.location else None,
        "longitude": company.location.longitude if company.location else None,
    }


def period_key(period: ReportingPeriod) -> tuple[int, int]:
    return (period.year, period.month or 0)


def period_to_domain(period: m.ReportingPeriod) -> ReportingPeriod:
    return ReportingPeriod(period.year, period.month or None)


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def product_fields(product: Product) -> dict[str, Any]:
    return {
        "quantity": float(product.quantity.magnitude),
        "unit": unit_symbol(product.quantity.units),
        "sales_value_vnd": _money(product.sales_value_vnd),
    }


def product_to_domain(product: m.Product, company_code: str) -> Product:
    return Product(
        company_code=company_code, period=period_to_domain(product.period), name=product.name,
        quantity=Quantity(product.quantity, parse_unit(product.unit)),
        sales_value_vnd=product.sales_value_vnd,
    )


def flow_fields(flow: ResourceFlow) -> dict[str, Any]:
    """Stored values of a flow apart from its natural key."""
    return {
        "classification_code": flow.classification_code,
        "hazardous": flow.hazardous,
        "quantity": float(flow.quantity.magnitude),
        "unit": unit_symbol(flow.quantity.units),
        "base_quantity": flow.base_quantity,
        "base_unit": flow.base_unit,
        "cost_vnd": _money(flow.cost_vnd),
        "fate": flow.fate,
        "source": flow.source,
        "unit_operation": flow.unit_operation,
    }


def flow_to_domain(flow: m.ResourceFlow, company_code: str) -> ResourceFlow:
    return ResourceFlow(
        company_code=company_code, period=period_to_domain(flow.period),
        direction=Direction(flow.direction), kind=FlowKind(flow.kind),
        description=flow.description, quantity=Quantity(flow.quantity, parse_unit(flow.unit)),
        classification_code=flow.classification_code, hazardous=flow.hazardous,
        cost_vnd=flow.cost_vnd, fate=flow.fate, source=flow.source,
        unit_operation=flow.unit_operation,
    )


def _unit(text: str) -> Any:
    """The unit as people write it; a bad unit becomes a DomainError on the 'unit' field."""
    try:
        return parse_unit(text)
    except UnitError as error:
        raise DomainError(str(error), "unit") from None


def flow_from_values(company_code: str, period: ReportingPeriod,
                     values: Mapping[str, Any]) -> ResourceFlow:
    """A domain flow from form or API values (unit as text); DomainError names the bad field."""
    return ResourceFlow(
        company_code=company_code, period=period, direction=Direction(values["direction"]),
        kind=FlowKind(values["kind"]), description=values["description"],
        quantity=Quantity(float(values["quantity"]), _unit(values["unit"])),
        classification_code=values.get("classification_code") or "",
        hazardous=bool(values.get("hazardous", False)), cost_vnd=values.get("cost_vnd"),
        fate=values.get("fate") or "", source=values.get("source") or "",
        unit_operation=values.get("unit_operation") or "",
    )


def product_from_values(company_code: str, period: ReportingPeriod,
                        values: Mapping[str, Any]) -> Product:
    """A domain product from form or API values (unit as text); DomainError names the bad field."""
    return Product(
        company_code=company_code, period=period, name=values["name"],
        quantity=Quantity(float(values["quantity"]), _unit(values["unit"])),
        sales_value_vnd=values.get("sales_value_vnd"),
    )
