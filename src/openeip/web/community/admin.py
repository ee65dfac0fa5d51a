"""Admin: the records as they are stored (the complainant's identity stays on its own model)."""

from django.contrib import admin

from openeip.web.community import models


@admin.register(models.Grievance)
class GrievanceAdmin(admin.ModelAdmin):
    list_display = ["id", "park", "kind", "category", "stage", "level", "received_at", "due_at"]
    list_filter = ["park", "kind", "category", "stage", "level"]
    exclude = ["code"]  # the complainant's key: never shown on a list or a form


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "park"]
    list_filter = ["park"]


admin.site.register(models.GrievanceSettings)
admin.site.register(models.Commitment)
