"""Eco-Fair API: the catalogue's products (listed ones for everyone signed in, a company's own
for those who may see it) and buyers' requests (the user's companies'; POST creates one and
matches it at once)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from openeip.web.base.api import Pages
from openeip.web.ecofair.api.serializers import BuyerRequestSerializer, ProductSerializer
from openeip.web.ecofair.models import BuyerRequest, CertifiedProduct
from openeip.web.ecofair.services import access


class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    """Certified products. Filters: ?park=<slug>&scheme=<code>."""

    queryset = CertifiedProduct.objects.none()
    serializer_class = ProductSerializer
    pagination_class = Pages

    def get_queryset(self) -> QuerySet[Any]:
        rows = access.visible_products(self.request.user)
        params = self.request.query_params
        if params.get("park"):
            rows = rows.filter(company__park__slug=params["park"])
        if params.get("scheme"):
            rows = rows.filter(certificates__scheme=params["scheme"]).distinct()
        return rows.select_related("company__park").prefetch_related(
            "certificates").order_by("pk")


class BuyerRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Buyers' requests ("wanted") of the user's companies, with the products proposed."""

    queryset = BuyerRequest.objects.none()
    serializer_class = BuyerRequestSerializer
    pagination_class = Pages

    def get_queryset(self) -> QuerySet[Any]:
        return BuyerRequest.objects.for_user(self.request.user).order_by("-pk")

    def perform_create(self, serializer: Any) -> None:
        from openeip.web.ecofair.services.matching import refresh_matches

        row = serializer.save(created_by=self.request.user)
        refresh_matches(row)
