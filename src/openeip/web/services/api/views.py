"""Shared services API: the register of shared assets (read-only). Rows come from
``openeip.web.services.services.access`` only: a park's managers see its assets, a tenant the
assets it is connected to (and only its own connection)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets

from openeip.web.base.api import Pages
from openeip.web.services.api.serializers import SharedAssetSerializer
from openeip.web.services.models import AssetConnection, SharedAsset
from openeip.web.services.services import access


class SharedAssetViewSet(viewsets.ReadOnlyModelViewSet):
    """Shared assets the user may see, with utilisation over time and connected tenants.
    Filters: ?park=<slug>&type=<asset type>."""

    queryset = SharedAsset.objects.none()
    serializer_class = SharedAssetSerializer
    pagination_class = Pages

    def get_queryset(self) -> QuerySet[Any]:
        rows = access.visible_assets(self.request.user)
        params = self.request.query_params
        if params.get("park"):
            rows = rows.filter(park__slug=params["park"])
        if params.get("type"):
            rows = rows.filter(asset_type=params["type"])
        return rows.select_related("park").prefetch_related("connections__company",
                                                            "utilisation").order_by("park", "code")

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        context["visible_connections"] = set(
            AssetConnection.objects.for_user(self.request.user).values_list("pk", flat=True))
        return context
