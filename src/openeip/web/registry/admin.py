from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin

from openeip.core.errors import DomainError
from openeip.web.base.forms import cleaned_dict
from openeip.web.registry import adapters, models
from openeip.web.registry.services import writer


@admin.register(models.Park)
class ParkAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_vi", "province", "area_ha"]
    search_fields = ["slug", "name_en", "name_vi", "province"]


@admin.register(models.Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "park", "vsic_code", "employees"]
    list_filter = ["park", "vsic_code"]
    search_fields = ["code", "name_en", "name_vi"]


class _CoreCheckedForm(forms.ModelForm):
    """Checks the row through core, so the admin refuses what the API and importer refuse."""

    to_domain: Callable[..., Any]

    def clean(self) -> dict[str, Any]:
        data = cleaned_dict(super().clean())
        if self.errors:
            return data
        try:
            self.checked = type(self).to_domain(
                data["company"].code, adapters.period_to_domain(data["period"]), data)
        except DomainError as error:
            self.add_error(error.field if error.field in self.fields else None, str(error))
        return data


class _WrittenThroughWriter(admin.ModelAdmin):
    """Saves and deletes through the writer service, so admin edits are audited like any other."""

    save_row: Callable[..., Any]
    delete_rows: Callable[..., Any]

    def save_model(self, request, obj, form, change):
        type(self).save_row(form.checked, obj.company, request.user, "admin", instance=obj)

    def delete_model(self, request, obj):
        type(self).delete_rows([obj], request.user, "admin")

    def delete_queryset(self, request, queryset):
        type(self).delete_rows(queryset, request.user, "admin")


class _FlowForm(_CoreCheckedForm):
    to_domain = staticmethod(adapters.flow_from_values)


class _ProductForm(_CoreCheckedForm):
    to_domain = staticmethod(adapters.product_from_values)


@admin.register(models.ResourceFlow)
class ResourceFlowAdmin(_WrittenThroughWriter):
    list_display = ["company", "period", "direction", "kind", "description", "quantity", "unit"]
    list_filter = ["kind", "direction", "period__year"]
    search_fields = ["description", "company__name_en"]
    raw_id_fields = ["company", "period"]
    readonly_fields = ["base_quantity", "base_unit"]
    form = _FlowForm
    save_row = staticmethod(writer.save_flow)
    delete_rows = staticmethod(writer.delete_flows)


@admin.register(models.Product)
class ProductAdmin(_WrittenThroughWriter):
    list_display = ["company", "period", "name", "quantity", "unit", "sales_value_vnd"]
    raw_id_fields = ["company", "period"]
    form = _ProductForm
    save_row = staticmethod(writer.save_product)
    delete_rows = staticmethod(writer.delete_products)


admin.site.register(models.ReportingPeriod)
admin.site.register(models.ParkManager)
admin.site.register(models.CompanyMembership)


@admin.register(models.ConsultantGrant)
class ConsultantGrantAdmin(admin.ModelAdmin):
    list_display = ["company", "consultant", "starts_on", "ends_on", "granted_at", "revoked_at"]
    list_filter = ["ends_on"]


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "via", "action", "company", "object_type", "object_key"]
    list_filter = ["action", "via", "object_type"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
