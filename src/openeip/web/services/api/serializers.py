from __future__ import annotations

from typing import Any

from rest_framework import serializers

from openeip.core.i18n import render
from openeip.web.services.models import AssetConnection, SharedAsset, UtilisationRecord


class UtilisationSerializer(serializers.ModelSerializer):
    utilisation = serializers.SerializerMethodField()
    detail = serializers.SerializerMethodField()

    class Meta:
        model = UtilisationRecord
        fields = ["period_start", "used", "source", "utilisation", "detail"]

    def get_utilisation(self, row: UtilisationRecord) -> float | None:
        return row.fraction

    def get_detail(self, row: UtilisationRecord) -> str:
        """Where a figure read from meters comes from (meters and coverage), in the reader's
        language; '' for one entered by hand."""
        return render(row.detail) if row.detail else ""


class ConnectionSerializer(serializers.ModelSerializer):
    company = serializers.IntegerField(source="company_id")
    company_code = serializers.CharField(source="company.code")

    class Meta:
        model = AssetConnection
        fields = ["company", "company_code", "load", "load_unit", "quantity_per_year",
                  "connected_since", "meter_code"]


class SharedAssetSerializer(serializers.ModelSerializer):
    park: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)
    type_label = serializers.CharField(read_only=True)
    connections = serializers.SerializerMethodField()
    utilisation = UtilisationSerializer(many=True, read_only=True)

    class Meta:
        model = SharedAsset
        fields = ["id", "park", "code", "name_en", "name_vi", "asset_type", "type_label",
                  "capacity", "capacity_unit", "operator", "service_levels", "latitude",
                  "longitude", "published", "connections", "utilisation"]

    def get_connections(self, asset: SharedAsset) -> list[dict[str, Any]]:
        """The connections the asking user may see: all for the park's managers, a tenant's
        own otherwise."""
        visible = self.context.get("visible_connections")
        rows = [c for c in asset.connections.all()
                if visible is None or c.pk in visible]
        return list(ConnectionSerializer(rows, many=True).data)
