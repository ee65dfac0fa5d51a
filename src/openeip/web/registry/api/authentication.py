"""Token authentication with an expiry (kept apart from any view: DRF imports it while its
views are being defined)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def expired(token: Token) -> bool:
    return bool(token.created <= timezone.now() - settings.API_TOKEN_LIFETIME)


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``, for a token younger than API_TOKEN_LIFETIME."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        user, token = super().authenticate_credentials(key)
        if expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed(
                _("The token has expired; ask for a new one at /api/token/."))
        return user, token
