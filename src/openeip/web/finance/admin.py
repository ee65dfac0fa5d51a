from django.contrib import admin

from openeip.web.finance.models import (
    DossierShare,
    Evidence,
    FinanceProject,
    ImportedLine,
    LenderInstitution,
    LenderOfficer,
    UsdRate,
)


@admin.register(LenderInstitution)
class LenderInstitutionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_vi")


@admin.register(LenderOfficer)
class LenderOfficerAdmin(admin.ModelAdmin):
    list_display = ("user", "institution")


@admin.register(UsdRate)
class UsdRateAdmin(admin.ModelAdmin):
    list_display = ("day", "vnd_per_usd", "source")


@admin.register(ImportedLine)
class ImportedLineAdmin(admin.ModelAdmin):
    list_display = ("line_id", "based_on", "uploaded_at")
    readonly_fields = ("content",)


@admin.register(FinanceProject)
class FinanceProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "company", "stage", "line_id")
    list_filter = ("stage",)


admin.site.register(DossierShare)
admin.site.register(Evidence)
