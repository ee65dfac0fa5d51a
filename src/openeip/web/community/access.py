"""Who sees the park's grievances and dialogue records (declared on each model with
``openeip.web.base.access.Owner``).

Grievances and dialogue meetings are the park's own records: ``Owner(park=...)`` gives them to
the park's managers (the handlers) and the platform admin, nobody else — in particular not the
members of a company a grievance names. Those see only the cases a handler shared with their
company, through :meth:`GrievanceQuerySet.shared_with_companies`, never the complainant's
identity (kept on ``Complainant``). The complainant follows a case with its tracking code alone.
"""

from __future__ import annotations

from typing import Any

from openeip.web.base.access import RestrictedQuerySet


class GrievanceQuerySet(RestrictedQuerySet):
    def shared_with_companies(self, user: Any) -> GrievanceQuerySet:
        """Cases a handler shared with a company the user belongs to (to answer them)."""
        from openeip.web.registry.models import CompanyMembership

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        members = CompanyMembership.objects.filter(user=user).values("company_id")
        return self.filter(company_id__in=members, shared_at__isnull=False)
