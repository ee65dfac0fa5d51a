from django.contrib import admin

from openeip.web.eip.models import Evidence, ImportedEdition, ParkAssessment, PlanAction


@admin.register(ImportedEdition)
class ImportedEditionAdmin(admin.ModelAdmin):
    list_display = ("edition_id", "filename", "imported_by", "imported_at")
    readonly_fields = ("edition_id", "content", "filename", "imported_by", "imported_at")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("park", "edition_id", "criterion_id", "value_bool", "value_number", "as_of",
                    "target_year")
    list_filter = ("edition_id", "park")


@admin.register(ParkAssessment)
class ParkAssessmentAdmin(admin.ModelAdmin):
    list_display = ("park", "edition_id", "as_of", "created_by", "created_at")
    list_filter = ("edition_id", "park")


@admin.register(PlanAction)
class PlanActionAdmin(admin.ModelAdmin):
    list_display = ("park", "edition_id", "source", "ref", "title_en", "status", "deadline")
    list_filter = ("edition_id", "park", "status", "source")
