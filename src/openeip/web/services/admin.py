"""Shared services in the admin: the register and joint requests may be edited; allocations and
requests change only through their services (computed, audited)."""

from typing import Any

from django.contrib import admin

from openeip.web.services import models


class _Connections(admin.TabularInline):
    model = models.AssetConnection
    extra = 0


@admin.register(models.SharedAsset)
class SharedAssetAdmin(admin.ModelAdmin):
    list_display = ("name_en", "park", "asset_type", "capacity", "capacity_unit", "published")
    list_filter = ("asset_type", "published")
    inlines = [_Connections]


@admin.register(models.JointRequest)
class JointRequestAdmin(admin.ModelAdmin):
    list_display = ("title_en", "park", "category", "status", "deadline")


@admin.register(models.CostAllocation, models.ServiceRequest)
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
