"""API: POST /api/import/ (multipart: park slug + file) → 202 and a job; GET /api/import/{id}/.

Same access rules as the upload page (:mod:`openeip.web.intake.scope`); a park the caller may not
import into, and a job they may not see, read as 404.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from openeip.web.intake import uploads
from openeip.web.intake.forms import ACCEPTED_SUFFIXES
from openeip.web.intake.models import ImportJob
from openeip.web.intake.services import ImportRefused, importable_parks, job_progress, start_import
from openeip.web.intake.tasks import look_after
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


class ImportCreateView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": ImportRequestSerializer},
                   responses={202: ImportJobSerializer})
    def post(self, request: Request) -> Response:
        incoming = ImportRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        park = get_object_or_404(importable_parks(request.user),
                                 slug=incoming.validated_data["park"])
        upload = incoming.validated_data["file"]
        try:
            job = start_import(park, request.user, upload.name, upload.read(), via="api")
        except ImportRefused:  # access changed since the lookup above
            return Response({"detail": _("No such park.")}, status=status.HTTP_404_NOT_FOUND)
        body = ImportJobSerializer(job, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED,
                        headers={"Location": body["status_url"]})


class ImportJobView(generics.RetrieveAPIView):
    serializer_class = ImportJobSerializer

    def get_queryset(self) -> Any:
        return ImportJob.objects.for_user(self.request.user).select_related("park")

    def get_object(self) -> ImportJob:
        return look_after(super().get_object())


urlpatterns = [
    path("import/", ImportCreateView.as_view(), name="intake-import"),
    path("import/<uuid:pk>/", ImportJobView.as_view(), name="intake-import-job"),
]
