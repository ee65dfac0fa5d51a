"""The registry's API endpoints (parks, companies, periods, flows, products, grants, values set
for a year); each reads its rows through :class:`openeip.web.base.api.Restricted`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from openeip.web.base.api import Pages, Restricted
from openeip.web.registry.api import filtersets, serializers
from openeip.web.registry.models import (
    Company,
    ConsultantGrant,
    Park,
    Product,
    ReportingPeriod,
    ResourceFlow,
    SeriesValue,
)
from openeip.web.registry.services import writer


class ParkViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Parks the user manages (all of them for a platform admin)."""

    queryset = Park.objects.none()
    serializer_class = serializers.ParkSerializer
    pagination_class = Pages
    lookup_field = "slug"


class CompanyViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Companies whose data the user may see."""

    queryset = Company.objects.none()
    serializer_class = serializers.CompanySerializer
    pagination_class = Pages
    filterset_class = filtersets.CompanyFilterSet

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows.select_related("park")


class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    """Reporting periods: years and months. They hold no company data, so all are listed."""

    queryset = ReportingPeriod.objects.all()
    serializer_class = serializers.PeriodSerializer
    pagination_class = Pages


class _CompanyDataViewSet(Restricted, viewsets.ModelViewSet):
    pagination_class = Pages

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows.select_related("company__park", "period")


class ProductViewSet(_CompanyDataViewSet):
    """Products of the companies the user may see; written only for companies they may change."""

    queryset = Product.objects.none()
    serializer_class = serializers.ProductSerializer
    filterset_class = filtersets.ProductFilterSet

    def perform_destroy(self, instance: Product) -> None:
        writer.delete_product(instance, self.request.user, "api")


class FlowViewSet(_CompanyDataViewSet):
    """Resource flows of the companies the user may see; written only for those they may change.

    A write is checked by core: the unit must fit the kind, the quantity must not be negative, a
    fuel given in t, kg or m³ needs its code in classification_code. Errors name the field.
    """

    queryset = ResourceFlow.objects.none()
    serializer_class = serializers.FlowSerializer
    filterset_class = filtersets.FlowFilterSet

    def perform_destroy(self, instance: ResourceFlow) -> None:
        writer.delete_flow(instance, self.request.user, "api")


class SeriesValueViewSet(Restricted, viewsets.ModelViewSet):
    """Values set for a year of a series: the platform's (admins) and each managed park's."""

    queryset = SeriesValue.objects.none()
    serializer_class = serializers.SeriesValueSerializer
    pagination_class = Pages

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows.select_related("park", "created_by", "updated_by")

    def perform_destroy(self, instance: SeriesValue) -> None:
        from openeip.web.registry.services import series_values

        series_values.remove(self.request.user, "api", instance)


class MeView(APIView):
    """The user, the parks they manage, the companies they may reach and their grants."""

    @extend_schema(responses=serializers.MeSerializer)
    def get(self, request: Request) -> Response:
        user = request.user
        me = {
            "username": user.get_username(),
            "email": getattr(user, "email", ""),
            "is_superuser": user.is_superuser,
            "parks": Park.objects.for_user(user),
            "companies": Company.objects.for_user(user).select_related("park"),
            "grants": ConsultantGrant.objects.active().filter(consultant=user)  # type: ignore[misc]
            .select_related("company__park"),
        }
        return Response(serializers.MeSerializer(me).data)

