"""RECP in the admin: the same checks as the API (options evaluated, prices checked by the price
book, status moved only through the workflow service), so no path writes what another refuses."""

from typing import Any

from django import forms
from django.contrib import admin
from django.utils import timezone

from openeip.core.errors import DomainError
from openeip.web.base.forms import cleaned_dict
from openeip.web.recp import models
from openeip.web.recp.services import evaluation, library


def _show(form: forms.ModelForm, error: DomainError) -> None:
    field = (error.field or "").split("[")[0].split(".")[0]
    form.add_error(field if field in form.fields else None, str(error))


class _OptionForm(forms.ModelForm):
    class Meta:
        model = models.AssessmentOption
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        data = cleaned_dict(super().clean())
        if self.errors:
            return data
        option = self.instance
        for name, value in data.items():
            setattr(option, name, value)
        try:
            library.check_option_text(option)
            self.results = evaluation.evaluate(option)
        except DomainError as error:
            _show(self, error)
        return data


@admin.register(models.AssessmentOption)
class AssessmentOptionAdmin(admin.ModelAdmin):
    form = _OptionForm
    list_display = ["__str__", "assessment", "template_code", "status", "evaluated_at"]
    list_filter = ["status"]
    raw_id_fields = ["assessment", "verification_before", "verification_after", "created_by"]
    readonly_fields = ["status", "results", "evaluated_at", "measured_change"]

    def save_model(self, request, obj, form, change):
        obj.results = form.results
        obj.evaluated_at = timezone.now()
        super().save_model(request, obj, form, change)


class _OptionInline(admin.TabularInline):
    model = models.AssessmentOption
    fields = readonly_fields = ("template_code", "title_en", "status", "evaluated_at")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "company__code", "company__name_en"]
    raw_id_fields = ["company", "baseline_period", "created_by"]
    inlines = [_OptionInline]


class _PriceForm(forms.ModelForm):
    class Meta:
        model = models.CompanyPrice
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        data = cleaned_dict(super().clean())
        if not self.errors:
            try:
                data["resource"] = evaluation.check_price(data["resource"], data["price"],
                                                          data["unit"], data.get("note", ""))
            except DomainError as error:
                _show(self, error)
        return data


@admin.register(models.CompanyPrice)
class CompanyPriceAdmin(admin.ModelAdmin):
    form = _PriceForm
    list_display = ["company", "resource", "price", "unit", "note", "updated_at"]
    raw_id_fields = ["company"]


@admin.register(models.IndicatorSnapshot)
class IndicatorSnapshotAdmin(admin.ModelAdmin):
    """Computed results: shown, never edited."""

    list_display = ["company", "gwp_set", "year", "computed_at"]
    list_filter = ["gwp_set"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
