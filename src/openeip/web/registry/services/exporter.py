"""Read a park's stored data back into a core :class:`Dataset`, ready to be written as a file.

Everything goes through :mod:`openeip.web.registry.adapters`, the one model ↔ domain mapping, so
an export imported again leaves every row unchanged. With ``user`` given, only the companies
(and their products and flows) that user may view are exported.
"""

from __future__ import annotations

from typing import Any

from openeip.core.intake import Dataset
from openeip.web.registry import adapters
from openeip.web.registry.models import Company, Park, Product, ResourceFlow

CHUNK = 5000


def dataset_for_park(park: Park, *, user: Any = None) -> Dataset:
    """The park, its companies, products and flows, in the order an export writes them."""
    companies_query = Company.objects.filter(park=park)
    if user is not None:
        companies_query = companies_query.for_user(user, "view")
    companies = list(companies_query.select_related("park").order_by("code"))
    codes = {company.pk: company.code for company in companies}
    products = (
        Product.objects.filter(company_id__in=list(codes))
        .select_related("period")
        .order_by("company__code", "period__year", "period__month", "name")
    )
    flows = (
        ResourceFlow.objects.filter(company_id__in=list(codes))
        .select_related("period")
        .order_by("company__code", "period__year", "period__month", "direction", "kind",
                  "description")
    )
    dataset = Dataset(park=adapters.park_to_domain(park))
    dataset.companies = [adapters.company_to_domain(company) for company in companies]
    dataset.products = [adapters.product_to_domain(product, codes[product.company_id])
                        for product in products.iterator(chunk_size=CHUNK)]
    dataset.flows = [adapters.flow_to_domain(flow, codes[flow.company_id])
                     for flow in flows.iterator(chunk_size=CHUNK)]
    # the rows the objects take in an exported sheet (header = row 1)
    dataset.company_rows = list(range(2, 2 + len(dataset.companies)))
    dataset.product_rows = list(range(2, 2 + len(dataset.products)))
    dataset.flow_rows = list(range(2, 2 + len(dataset.flows)))
    return dataset
