"""Finance API: projects (the rows ``FinanceProject.objects.for_user`` gives: the company's
side and the lenders the dossier is shared with), their figures and eligibility, the stage
transition, the finance lines and a park's dashboard."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from openeip.core.errors import DomainError
from openeip.web.base.api import Pages, Restricted
from openeip.web.base.labels import current_language
from openeip.web.finance.api import serializers
from openeip.web.finance.models import FinanceProject
from openeip.web.finance.services import workflow
from openeip.web.finance.services.dashboard import park_summary
from openeip.web.finance.services.evaluation import checks, project_result
from openeip.web.finance.services.lines import all_lines
from openeip.web.registry.models import Park


class ProjectViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Finance projects the user may see. ``GET …/<id>/`` adds the figures and eligibility."""

    queryset = FinanceProject.objects.none()
    serializer_class = serializers.ProjectSerializer
    pagination_class = Pages

    def restricted(self, rows: Any) -> Any:
        return rows.select_related("company__park").prefetch_related("options", "exchanges")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        project = self.get_object()
        data = dict(serializers.ProjectSerializer(project).data)
        try:
            data["figures"] = serializers.result_json(project_result(project))
        except DomainError as error:
            data["figures"] = {"error": str(error)}
        line_checks, facts, origin = checks(project)
        data["eligibility"] = [serializers.check_json(c) for c in line_checks]
        data["facts"] = {key: {"value": value, "origin": origin.get(key)}
                         for key, value in facts.items()}
        return Response(data)

    @extend_schema(request=serializers.TransitionSerializer,
                   responses=serializers.ProjectSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the project to another stage (rules: docs/finance.md); 400 saying why not."""
        project = self.get_object()
        asked = serializers.TransitionSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        try:
            workflow.transition(project, asked.validated_data["stage"], request.user, "api")
        except DomainError as error:
            return Response({"stage": [str(error)]}, status=http.HTTP_400_BAD_REQUEST)
        return Response(serializers.ProjectSerializer(project).data)


class LineListView(APIView):
    """The finance lines (shipped and imported) with every rule, source and verification."""

    @extend_schema(operation_id="finance_lines_list",
                   responses={200: {"type": "array", "items": {"type": "object",
                                                               "additionalProperties": True}}})
    def get(self, request: Request) -> Response:
        language = current_language()
        return Response([serializers.line_json(line, language)
                         for line in all_lines().values()])


class LineDetailView(APIView):
    """One finance line with its rules, sources and verification."""

    @extend_schema(operation_id="finance_lines_retrieve", responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, line_id: str) -> Response:
        line = all_lines().get(line_id)
        if line is None:
            raise Http404("no such line")
        return Response(serializers.line_json(line, current_language()))


class ParkSummaryView(APIView):
    """A park's finance mobilised (VND, USD at a dated rate), GHG avoided, projects by stage."""

    @extend_schema(operation_id="finance_parks_summary_retrieve",
                   responses=serializers.FinanceParkSummarySerializer)
    def get(self, request: Request, slug: str) -> Response:
        park = Park.objects.for_user(request.user).filter(slug=slug).first()
        if park is None:
            raise Http404("no such park")
        return Response(park_summary(park))
