"""Domain objects → plain records (column key → value), the one shape every writer starts from.

Values are str, int, float, Decimal, bool or None; the reader reads each back to the same
domain object, which is what makes export → import lossless.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openeip.core.domain import Company, Park, Product, ResourceFlow
from openeip.core.intake._dataset import Dataset
from openeip.core.units import unit_symbol

Record = dict[str, Any]


def _magnitude(value: Any) -> float | int:
    magnitude = float(value.magnitude)
    return int(magnitude) if magnitude.is_integer() and abs(magnitude) < 1e15 else magnitude


def park_record(park: Park) -> Record:
    land = park.land_use
    return {
        "slug": park.slug,
        "name_en": park.name_en,
        "name_vi": park.name_vi,
        "province": park.province,
        "area_ha": _magnitude(park.area.to("ha")),
        "industrial_land_ha": _magnitude(land.industrial) if land else None,
        "green_space_ha": _magnitude(land.green_space) if land else None,
        "roads_ha": _magnitude(land.roads) if land else None,
        "shared_infrastructure_ha": _magnitude(land.shared_infrastructure) if land else None,
        "operator": park.operator,
        "latitude": park.location.latitude if park.location else None,
        "longitude": park.location.longitude if park.location else None,
        "boundary": "; ".join("{!r} {!r}".format(lat, lon) for lat, lon in park.boundary),
    }


def company_record(company: Company) -> Record:
    return {
        "code": company.code,
        "name_en": company.name_en,
        "name_vi": company.name_vi,
        "vsic_code": company.vsic_code,
        "vsic_name": company.vsic_name,
        "employees": company.employees,
        "ownership": company.ownership,
        "latitude": company.location.latitude if company.location else None,
        "longitude": company.location.longitude if company.location else None,
    }


def product_record(product: Product) -> Record:
    return {
        "company_code": product.company_code,
        "period": product.period.label(),
        "name": product.name,
        "quantity": _magnitude(product.quantity),
        "unit": unit_symbol(product.quantity.units),
        "sales_value_vnd": product.sales_value_vnd,
    }


def flow_record(flow: ResourceFlow) -> Record:
    return {
        "company_code": flow.company_code,
        "period": flow.period.label(),
        "direction": flow.direction.value,
        "kind": flow.kind.value,
        "description": flow.description,
        "classification_code": flow.classification_code,
        "hazardous": flow.hazardous,
        "quantity": _magnitude(flow.quantity),
        "unit": unit_symbol(flow.quantity.units),
        "cost_vnd": flow.cost_vnd,
        "fate": flow.fate,
        "source": flow.source,
        "unit_operation": flow.unit_operation,
    }


def records(dataset: Dataset, table: str) -> Iterator[Record]:
    """Records of one table of ``dataset`` ('park', 'companies', 'products' or 'flows')."""
    if table == "park":
        if dataset.park is not None:
            yield park_record(dataset.park)
    elif table == "companies":
        yield from map(company_record, dataset.companies)
    elif table == "products":
        yield from map(product_record, dataset.products)
    elif table == "flows":
        yield from map(flow_record, dataset.flows)
    else:
        raise ValueError(table)
