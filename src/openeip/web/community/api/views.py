"""Grievances and dialogue meetings through the API: the park's managers and the platform admin
only (``for_user``); a company member — even of the company a case names — gets an empty list,
an anonymous caller 401."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets

from openeip.web.base.api import Pages, Restricted
from openeip.web.community.api import serializers
from openeip.web.community.models import Grievance, Meeting


class GrievanceViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Grievances of the parks the user manages (filters: park, kind, stage, category)."""

    queryset = Grievance.objects.none()
    serializer_class = serializers.GrievanceSerializer
    pagination_class = Pages
    filterset_fields = ["kind", "stage", "category", "level"]

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        rows = rows.select_related("park", "company").prefetch_related("escalations")
        if self.request.query_params.get("park"):
            rows = rows.filter(park__slug=self.request.query_params["park"])
        return rows


class MeetingViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Community dialogue meetings of the parks the user manages, with their commitments."""

    queryset = Meeting.objects.none()
    serializer_class = serializers.MeetingSerializer
    pagination_class = Pages

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        rows = rows.select_related("park").prefetch_related("commitments")
        if self.request.query_params.get("park"):
            rows = rows.filter(park__slug=self.request.query_params["park"])
        return rows
