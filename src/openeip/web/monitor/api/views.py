"""Monitor API (/api/monitor/…): meters, their readings and baselines through ``for_user``; the
batch push of readings with a meter's or gateway's token (``Authorization: Meter <key>``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.decorators import action
from rest_framework.exceptions import AuthenticationFailed, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from openeip.core.monitor import parse_time
from openeip.web.base.api import Pages, Restricted
from openeip.web.monitor.api import serializers
from openeip.web.monitor.models import Baseline, Meter, PushToken, Reading
from openeip.web.monitor.services.push import push_readings


class MeterViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Meters the user may see: of their companies, or of the parks they manage."""

    queryset = Meter.objects.none()
    serializer_class = serializers.MeterSerializer
    pagination_class = Pages

    def restricted(self, rows: Any) -> Any:
        return rows.select_related("park", "company")

    @extend_schema(responses=serializers.ReadingSerializer(many=True), parameters=[
        OpenApiParameter("from", str, description="ISO time; the meter's zone when naive"),
        OpenApiParameter("to", str, description="ISO time; the meter's zone when naive")])
    @action(detail=True, methods=["get"])
    def readings(self, request: Request, pk: str | None = None) -> Response:
        """The meter's readings from ``from`` to ``to`` (pages of 100, up to 1,000)."""
        meter = self.get_object()
        rows = Reading.objects.filter(meter=meter).order_by("start", "end")
        try:
            if request.query_params.get("from"):
                rows = rows.filter(end__gt=parse_time(request.query_params["from"],
                                                      meter.time_zone))
            if request.query_params.get("to"):
                rows = rows.filter(start__lt=parse_time(request.query_params["to"],
                                                        meter.time_zone))
        except ValueError as error:
            raise ValidationError({"from": [str(error)]}) from None
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializers.ReadingSerializer(page, many=True).data)


class BaselineViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Stored baselines of the meters the user may see."""

    queryset = Baseline.objects.none()
    serializer_class = serializers.BaselineSerializer
    pagination_class = Pages

    def restricted(self, rows: Any) -> Any:
        return rows.select_related("meter")


class MeterTokenAuthentication(BaseAuthentication):
    """``Authorization: Meter <key>``: a push token (never a user's)."""

    keyword = b"meter"

    def authenticate(self, request: Any) -> tuple[Any, PushToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Give the key after 'Meter'.")
        token = PushToken.find(parts[1].decode("ascii", "replace"))
        if token is None:
            raise AuthenticationFailed("Unknown or revoked meter key.")
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser(), token

    def authenticate_header(self, request: Any) -> str:
        return "Meter"


class MeterTokenScheme(OpenApiAuthenticationExtension):
    """Documents ``Authorization: Meter <key>`` in the schema."""

    target_class = MeterTokenAuthentication
    name = "meterToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "A meter's or gateway's push token: `Meter <key>`."}


class HasPushToken(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return isinstance(request.auth, PushToken)


class PushView(APIView):
    """Push a batch of readings (at most 50,000) with a meter's or gateway's token: all or
    nothing; the same readings again change nothing; problems by index and field."""

    authentication_classes = [MeterTokenAuthentication]
    permission_classes = [HasPushToken]

    @extend_schema(request=serializers.PushSerializer,
                   responses={200: serializers.PushResultSerializer})
    def post(self, request: Request) -> Response:
        token: PushToken = request.auth  # type: ignore[assignment]
        data = serializers.PushSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        outcome = push_readings(token, data.validated_data["readings"], via="api")
        if outcome.problems:
            return Response({"readings": outcome.problems}, status=status.HTTP_400_BAD_REQUEST)
        if outcome.result is None:
            raise ValidationError({"readings": [outcome.error]})
        return Response(outcome.result.as_dict(), status=status.HTTP_200_OK)
