"""Parks, companies, periods, products, resource flows; who may see them; what changed."""

from openeip.web.registry.models.audit import AuditEntry
from openeip.web.registry.models.flows import Product, ReportingPeriod, ResourceFlow
from openeip.web.registry.models.parks import Company, Park
from openeip.web.registry.models.series import SeriesValue
from openeip.web.registry.models.summaries import CompanyPeriodTotal, ParkPeriodTotal
from openeip.web.registry.models.tenancy import CompanyMembership, ConsultantGrant, ParkManager

__all__ = [
    "AuditEntry",
    "Company",
    "CompanyMembership",
    "CompanyPeriodTotal",
    "ConsultantGrant",
    "Park",
    "ParkManager",
    "ParkPeriodTotal",
    "Product",
    "ReportingPeriod",
    "ResourceFlow",
    "SeriesValue",
]
