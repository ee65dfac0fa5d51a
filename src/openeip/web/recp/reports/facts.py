"""What the report says about the company itself and about how complete its data is.

Completeness counts, for each of the six RECP indicator families, the months in which the
company reported at least one flow of that family, out of the months it reported anything.
A family with gaps is named in the report, because its indicators then cover fewer months.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from openeip.web.base.labels import month_label, ownership_label, sector_label
from openeip.web.registry.models import Company, Product, ResourceFlow

#: indicator family → the flow kinds that feed it (the six enterprise-level indicators)
FAMILIES: dict[str, tuple[str, ...]] = {
    "energy": ("energy", "heat"),
    "materials": ("material",),
    "water": ("water",),
    "waste": ("waste", "by_product"),
    "wastewater": ("wastewater",),
    "products": ("product",),
}


def family_label(code: str) -> str:
    labels = {"energy": _("Energy"), "materials": _("Materials"), "water": _("Water"),
              "waste": _("Waste"), "wastewater": _("Wastewater"), "ghg": _("GHG emissions"),
              "products": _("Production")}
    return labels[code]


@dataclass(frozen=True)
class Coverage:
    family: str
    label: str
    months: int  # months with at least one flow (or product, for production) of this family
    of_months: int

    @property
    def complete(self) -> bool:
        return self.months == self.of_months


@dataclass(frozen=True)
class CompanyFacts:
    name: str
    code: str
    park: str
    province: str
    sector: str
    vsic_code: str
    employees: int | None
    ownership: str
    first_period: str
    last_period: str
    months: int
    flows: int
    products: int
    coverage: tuple[Coverage, ...]


def company_facts(company: Company) -> CompanyFacts:
    """Facts and completeness of ``company``'s data (the caller has checked access)."""
    flow_months: dict[str, set[tuple[int, int]]] = defaultdict(set)
    rows = (ResourceFlow.objects.filter(company=company).order_by()
            .values_list("kind", "period__year", "period__month").distinct())
    for kind, year, month in rows:
        flow_months[kind].add((year, month))
    product_months = set(Product.objects.filter(company=company).order_by()
                         .values_list("period__year", "period__month").distinct())
    all_months = set().union(*flow_months.values(), product_months)
    coverage = []
    for family, kinds in FAMILIES.items():
        months = product_months if family == "products" else set().union(
            *(flow_months[kind] for kind in kinds))
        coverage.append(Coverage(family, family_label(family), len(months), len(all_months)))
    ordered = sorted(all_months)
    return CompanyFacts(
        name=company.name, code=company.code, park=company.park.name,
        province=company.park.province, sector=sector_label(company.vsic_code,
                                                            company.vsic_name),
        vsic_code=company.vsic_code, employees=company.employees,
        ownership=ownership_label(company.ownership) if company.ownership else "",
        first_period=month_label(*ordered[0]) if ordered else "",
        last_period=month_label(*ordered[-1]) if ordered else "",
        months=len(ordered),
        flows=ResourceFlow.objects.filter(company=company).count(),
        products=Product.objects.filter(company=company).count(),
        coverage=tuple(coverage),
    )
