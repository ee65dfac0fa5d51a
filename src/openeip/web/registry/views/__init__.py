"""Server-rendered pages of the registry: home, parks, companies."""

from openeip.web.registry.views.companies import company_audit, company_detail, company_list
from openeip.web.registry.views.home import home
from openeip.web.registry.views.parks import park_dashboard, park_list

__all__ = [
    "company_audit",
    "company_detail",
    "company_list",
    "home",
    "park_dashboard",
    "park_list",
]
