"""The park a request may touch, decided by ``for_user`` alone (404 otherwise)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from openeip.core.eip.model import Edition
from openeip.core.errors import DomainError
from openeip.web.eip.services.editions import get_edition
from openeip.web.registry.models import Park


def visible_park(request: HttpRequest, slug: str, action: str = "view") -> Park:
    """The park if this user may ``action`` its aggregate data; 404 whether it exists or not."""
    return get_object_or_404(Park.objects.for_user(request.user, action), slug=slug)


def edition_or_404(edition_id: str) -> Edition:
    from django.http import Http404

    try:
        return get_edition(edition_id)
    except DomainError:
        raise Http404(edition_id) from None


def require_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied
