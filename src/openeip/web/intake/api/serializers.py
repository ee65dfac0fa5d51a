"""Serializers of the import API: the upload request and the job it starts."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from openeip.web.intake.forms import ACCEPTED_SUFFIXES
from openeip.web.intake.models import ImportJob
from openeip.web.intake.services import uploads
from openeip.web.intake.services.imports import job_progress
from openeip.web.registry.models import Park


class ImportRequestSerializer(serializers.Serializer):
    park = serializers.SlugField(help_text=_("Identifier (slug) of the park to import into."))
    file = serializers.FileField(help_text=_("An .xlsx workbook, or a .csv or .json file."))

    def validate_file(self, upload: Any) -> Any:
        if PurePath(upload.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise serializers.ValidationError(
                _("'{name}' is not a file OpenEIP reads; send an .xlsx workbook, a .csv or a "
                  ".json file.").format(name=upload.name))
        if uploads.is_too_large(upload.size):
            raise serializers.ValidationError(uploads.too_large_message(upload.name, upload.size))
        return upload


class ProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField()


class ImportJobSerializer(serializers.ModelSerializer):
    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)
    progress = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = ["id", "park", "filename", "via", "status", "rows", "background", "progress",
                  "problem_count", "problems", "result", "created_at", "started_at",
                  "heartbeat_at", "attempts", "finished_at", "status_url"]
        read_only_fields = fields

    def get_progress(self, job: ImportJob) -> dict[str, int] | None:
        done_total = job_progress(job)
        return None if done_total is None else {"done": done_total[0], "total": done_total[1]}

    def get_status_url(self, job: ImportJob) -> str:
        url = reverse("api:intake-import-job", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url
