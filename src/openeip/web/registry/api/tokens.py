"""API tokens that expire and die with the password.

* :class:`~.authentication.ExpiringTokenAuthentication` refuses (and deletes) a token older than
  ``settings.API_TOKEN_LIFETIME``;
* :func:`obtain_token` (``POST /api/token/``) checks the password through
  ``django.contrib.auth.authenticate`` — so django-axes counts the failures and locks — and hands
  out the user's live token, or a new one when the old has expired;
* :func:`~.revocation.revoke_tokens_on_password_change` deletes a user's tokens whenever their
  password hash changes, whichever way it changed (password change or reset pages, the admin,
  the command line).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from openeip.web.registry.api.authentication import expired
from openeip.web.registry.login_guard import locked_out
from openeip.web.registry.two_factor import check_code, confirmed_device


class TokenAnswerSerializer(serializers.Serializer[Any]):
    token = serializers.CharField()
    expires = serializers.DateTimeField()


class LockedSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()


class ObtainExpiringToken(ObtainAuthToken):
    """POST username and password: the user's API token (a new one once the old expired).
    Ten wrong passwords lock the account and the address for a while (429)."""

    @extend_schema(request=AuthTokenSerializer, responses={
        200: TokenAnswerSerializer,
        400: OpenApiResponse(description=gettext_lazy(
            "Wrong credentials, or the second-factor code (otp_token) is missing or wrong.")),
        429: OpenApiResponse(LockedSerializer, description=gettext_lazy(
            "Too many failed sign-ins from this account or address: locked for a while."))})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # django-axes marks the request it was given — DRF's, which its middleware never
            # sees — when this failure locks the account or address, or one already was
            if getattr(request, "axes_locked_out", False):
                return locked_out(request._request)  # type: ignore[return-value]
            raise ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        if confirmed_device(user) is not None and not check_code(
                user, str(request.data.get("otp_token", "")  # type: ignore[union-attr]
                          )):
            raise ValidationError({"otp_token": [
                _("This account signs in in two steps: send the current code of its "
                  "authenticator app as otp_token.")]})
        token = Token.objects.filter(user=user).first()
        if token is not None and expired(token):
            token.delete()
            token = None
        if token is None:
            token = Token.objects.create(user=user)
        return Response({"token": token.key,
                         "expires": token.created + settings.API_TOKEN_LIFETIME})


obtain_token = ObtainExpiringToken.as_view()
