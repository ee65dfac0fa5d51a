"""What the community pages share: the park a handler may touch, rate limits, language
(the limiter itself is the shared ``openeip.web.base.ratelimit.over_limit``)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation

from openeip.web.registry.models import Park

#: public forms: at most this many posts per address per hour (an abuse guard, not a rule of
#: the mechanism: a person with more to say calls the hotline)
FILINGS_PER_HOUR = 10
LOOKUPS_PER_HOUR = 60


def handled_park(request: HttpRequest, slug: str) -> Park:
    """The park if the user handles its grievances (its managers, the admin); 404 otherwise."""
    return get_object_or_404(Park.objects.for_user(request.user, "change"), slug=slug)


def vietnamese_first(request: HttpRequest) -> None:
    """The public pages speak Vietnamese unless the visitor chose a language."""
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and "lang" not in request.GET:
        translation.activate("vi")
        request.LANGUAGE_CODE = "vi"
