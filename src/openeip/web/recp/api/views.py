"""RECP API endpoints. Rows come from ``Model.objects.for_user`` only: 'view' for reads,
'change' for writes; a row outside that set answers 404 whether or not it exists."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets

from openeip.web.recp.api import filtersets, serializers
from openeip.web.recp.models import Assessment
from openeip.web.registry.api.views import Pages, _Restricted


class AssessmentViewSet(_Restricted, viewsets.ModelViewSet):
    """RECP assessments of the companies the user may see; written for those they may change."""

    queryset = Assessment.objects.none()
    serializer_class = serializers.AssessmentSerializer
    pagination_class = Pages
    filterset_class = filtersets.AssessmentFilterSet

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows.select_related("company", "baseline_period", "created_by")
