"""What the community pages share: the park a handler may touch, rate limits, language."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
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


def over_limit(request: HttpRequest, scope: str, limit: int) -> bool:
    """Count one more use of ``scope`` by the request's address; True past ``limit`` an hour.
    The address is hashed: the cache never holds it."""
    address = request.META.get("REMOTE_ADDR", "")
    key = "community-rate:{}:{}".format(scope, hashlib.sha256(
        (settings.SECRET_KEY + address).encode()).hexdigest()[:32])
    cache.add(key, 0, timeout=3600)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        used = 1
    return used > limit


def vietnamese_first(request: HttpRequest) -> None:
    """The public pages speak Vietnamese unless the visitor chose a language."""
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and "lang" not in request.GET:
        translation.activate("vi")
        request.LANGUAGE_CODE = "vi"
