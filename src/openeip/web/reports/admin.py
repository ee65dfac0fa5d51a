from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from openeip.web.reports.models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    """Report jobs as they ran: readable here (to see failures), changed only by the worker."""

    list_display = ["created_at", "kind", "park", "company", "language", "user", "status",
                    "progress", "size", "finished_at"]
    list_filter = ["status", "kind", "language", "park"]
    search_fields = ["user__username", "park__slug", "company__code", "error"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
