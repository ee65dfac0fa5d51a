"""What the header and the second-factor middleware need to know about the signed-in user, in
one query per request: has a confirmed TOTP device, manages a park, holds a grant in force."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.http import HttpRequest

_ATTRIBUTE = "_openeip_account_flags"


def account_flags(request: HttpRequest) -> dict[str, bool]:
    """{'two_factor', 'manages_park', 'has_clients'} for the request's user (all False when
    nobody is signed in); computed once per request."""
    found: dict[str, bool] | None = getattr(request, _ATTRIBUTE, None)
    if found is not None:
        return found
    user: Any = getattr(request, "user", None)
    found = {"two_factor": False, "manages_park": False, "has_clients": False}
    if user is not None and user.is_authenticated:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from openeip.web.registry.models import ConsultantGrant, ParkManager

        row = get_user_model().objects.filter(pk=user.pk).annotate(
            two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            manages_park=Exists(ParkManager.objects.filter(user=OuterRef("pk"))),
            has_clients=Exists(ConsultantGrant.objects.active().filter(
                consultant=OuterRef("pk"))),
        ).values("two_factor", "manages_park", "has_clients").first()
        if row is not None:
            found = {key: bool(value) for key, value in row.items()}
    setattr(request, _ATTRIBUTE, found)
    return found
