from django.contrib import admin

from openeip.web.registry import models


@admin.register(models.Park)
class ParkAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_vi", "province", "area_ha"]
    search_fields = ["slug", "name_en", "name_vi", "province"]


@admin.register(models.Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "park", "vsic_code", "employees"]
    list_filter = ["park", "vsic_code"]
    search_fields = ["code", "name_en", "name_vi"]


@admin.register(models.ResourceFlow)
class ResourceFlowAdmin(admin.ModelAdmin):
    list_display = ["company", "period", "direction", "kind", "description", "quantity", "unit"]
    list_filter = ["kind", "direction", "period__year"]
    search_fields = ["description", "company__name_en"]
    raw_id_fields = ["company", "period"]
    readonly_fields = ["base_quantity", "base_unit"]


@admin.register(models.Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["company", "period", "name", "quantity", "unit", "sales_value_vnd"]
    raw_id_fields = ["company", "period"]


admin.site.register(models.ReportingPeriod)
admin.site.register(models.ParkManager)
admin.site.register(models.CompanyMembership)


@admin.register(models.ConsultantGrant)
class ConsultantGrantAdmin(admin.ModelAdmin):
    list_display = ["company", "consultant", "granted_at", "revoked_at"]


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "via", "action", "company", "object_type", "object_key"]
    list_filter = ["action", "via", "object_type"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
