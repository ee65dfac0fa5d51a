from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from openeip.web.intake.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Jobs are records of what happened: readable here, changed only by the import itself."""

    list_display = ["created_at", "filename", "park", "user", "via", "rows", "background",
                    "status", "attempts", "problem_count", "heartbeat_at", "finished_at"]
    list_filter = ["status", "via", "background", "park"]
    search_fields = ["filename", "user__username", "park__slug"]
    exclude = ["content"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
