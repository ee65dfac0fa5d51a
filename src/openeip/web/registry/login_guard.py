"""What django-axes needs from us: the client's address, and the answer to a locked-out login.

The address is ``REMOTE_ADDR``, or behind ``OPENEIP_PROXY_COUNT`` trusted reverse proxies the
address those proxies saw, read from the right of ``X-Forwarded-For`` (a client can prepend
anything to that header, never append). A locked-out login answers 429 with how long the lock
lasts: JSON under /api/, the site's page elsewhere (in the reader's language).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKED_STATUS = 429


def client_address(request: HttpRequest) -> str | None:
    proxies = int(getattr(settings, "PROXY_COUNT", 0) or 0)
    meta = getattr(request, "META", {})
    if proxies > 0:
        chain = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
                 if part.strip()]
        if len(chain) >= proxies:
            return str(chain[-proxies])
    address = meta.get("REMOTE_ADDR")
    return str(address) if address else None


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _("Too many failed sign-ins: this account or address is locked for {minutes} "
             "minutes. Try again later, or reset your password.").format(minutes=minutes)


def locked_out(request: HttpRequest, original_response: Any = None,
               credentials: Any = None) -> HttpResponse:
    message = lockout_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=LOCKED_STATUS)
    return render(request, "registration/locked_out.html", {"message": message},
                  status=LOCKED_STATUS)
