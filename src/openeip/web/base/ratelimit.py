"""The one rate limiter of the public forms (grievance filing and follow-up, training check-in,
quiz and feedback): an abuse guard per address and scope, not a rule of any mechanism."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

__all__ = ["over_limit", "too_many"]


def over_limit(request: HttpRequest, scope: str, limit: int) -> bool:
    """Count one more use of ``scope`` by the request's address; True past ``limit`` an hour.
    The address is hashed: the cache never holds it. Scopes are counted apart."""
    address = request.META.get("REMOTE_ADDR", "")
    key = "rate:{}:{}".format(scope, hashlib.sha256(
        (settings.SECRET_KEY + address).encode()).hexdigest()[:32])
    cache.add(key, 0, timeout=3600)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        used = 1
    return used > limit


def too_many(request: HttpRequest) -> HttpResponse:
    """The page (status 429) a form answers past its limit."""
    return render(request, "base/rate_limited.html", status=429)
