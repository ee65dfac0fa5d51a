"""API: POST /api/import/ (multipart: park slug + file) → 202 and a job; GET /api/import/{id}/.

Same access rules as the upload page (:mod:`openeip.web.intake.services.scope`); a park the
caller may not import into, and a job they may not see, read as 404.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from openeip.web.intake.api.serializers import ImportJobSerializer, ImportRequestSerializer
from openeip.web.intake.models import ImportJob
from openeip.web.intake.services.imports import ImportRefused, importable_parks, start_import
from openeip.web.intake.tasks import look_after


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
