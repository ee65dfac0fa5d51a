from django.contrib import admin

from openeip.web.training import models


class MaterialInline(admin.TabularInline):
    model = models.Material
    extra = 1


class QuestionInline(admin.StackedInline):
    model = models.Question
    extra = 1


@admin.register(models.Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["code", "topic", "title_vi", "title_en", "hours", "active"]
    list_filter = ["topic", "active"]
    inlines = [MaterialInline, QuestionInline]


@admin.register(models.Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["course", "park", "starts_at", "mode", "capacity"]
    list_filter = ["park", "mode"]


admin.site.register(models.Trainer)
