from django.contrib import admin

from openeip.web.monitor.models import (
    Baseline,
    Meter,
    NonRoutineAdjustment,
    PushToken,
    RegisterChange,
    Target,
)


@admin.register(Meter)
class MeterAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "park", "company", "resource", "unit", "register"]
    list_filter = ["park", "resource", "register"]
    search_fields = ["code", "name"]


@admin.register(Baseline)
class BaselineAdmin(admin.ModelAdmin):
    list_display = ["meter", "interval", "start", "end", "accepted", "created_at"]
    readonly_fields = ["model", "candidates", "explanation"]


@admin.register(PushToken)
class PushTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "park", "company", "meter", "created_at", "last_used_at",
                    "revoked_at"]
    readonly_fields = ["key_hash"]


admin.site.register(NonRoutineAdjustment)
admin.site.register(RegisterChange)
admin.site.register(Target)
