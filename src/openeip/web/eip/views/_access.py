"""The edition a request names and the staff check; the park comes from
:mod:`openeip.web.registry.lookups`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from openeip.core.eip.model import Edition
from openeip.core.errors import DomainError
from openeip.web.eip.services.editions import get_edition
from openeip.web.registry.lookups import visible_park

__all__ = ["edition_or_404", "require_staff", "visible_park"]


def edition_or_404(edition_id: str) -> Edition:
    from django.http import Http404

    try:
        return get_edition(edition_id)
    except DomainError:
        raise Http404(edition_id) from None


def require_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied
