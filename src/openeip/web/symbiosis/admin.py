"""Symbiosis in the admin, read-only: streams, opportunities and records change only through the
services (classification, pipeline, reveal, realised quantities), which check and audit them;
a stored correction may be deleted (the classifier then decides those words again)."""

from typing import Any

from django.contrib import admin

from openeip.web.symbiosis import models


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(models.Stream)
class StreamAdmin(_ReadOnly):
    list_display = ("description", "company", "direction", "resource_class", "quantity", "unit",
                    "confirmed", "active")
    list_filter = ("direction", "confirmed", "active")
    search_fields = ("description", "resource_class", "company__code")
    list_select_related = ("company",)


@admin.register(models.Opportunity)
class OpportunityAdmin(_ReadOnly):
    list_display = ("pk", "supply", "demand", "rule_code", "score", "status", "selected",
                    "supplier_revealed", "receiver_revealed", "current")
    list_filter = ("status", "selected", "current")
    search_fields = ("rule_code", "resource_class")
    list_select_related = ("supply", "demand")


@admin.register(models.ExchangeRecord)
class ExchangeRecordAdmin(_ReadOnly):
    list_display = ("opportunity", "year", "month", "quantity", "unit", "note")
    list_filter = ("year",)


@admin.register(models.ClassificationCorrection)
class ClassificationCorrectionAdmin(_ReadOnly):
    list_display = ("normalised_text", "resource_class", "company", "park", "corrected_by", "at",
                    "promoted_by")
    search_fields = ("normalised_text", "resource_class")
    list_select_related = ("company", "park")

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)
