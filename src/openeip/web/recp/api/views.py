"""RECP API endpoints. Rows come from ``Model.objects.for_user`` only: 'view' for reads,
'change' for writes; a row outside that set answers 404 whether or not it exists."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as drf
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from openeip.core.domain import ReportingPeriod
from openeip.core.recp import option_library
from openeip.web.base import workflow
from openeip.web.base.api import Pages, Restricted, as_validation_error
from openeip.web.recp.api import filtersets, serializers
from openeip.web.recp.models import Assessment, AssessmentOption, CompanyPrice
from openeip.web.recp.services import company as recp_company
from openeip.web.recp.services import evaluation, library, verification
from openeip.web.recp.services.macc import curve_for
from openeip.web.registry.models import Company


class AssessmentViewSet(Restricted, viewsets.ModelViewSet):
    """RECP assessments of the companies the user may see; written for those they may change."""

    queryset = Assessment.objects.none()
    serializer_class = serializers.AssessmentSerializer
    pagination_class = Pages
    filterset_class = filtersets.AssessmentFilterSet

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows.select_related("company", "baseline_period", "created_by")

    @extend_schema(responses=serializers.MaccSerializer)
    @action(detail=True, methods=["get"])
    def macc(self, request: Request, pk: str | None = None) -> Response:
        """The assessment's marginal abatement cost curve (options applied in sequence)."""
        assessment = self.get_object()
        with as_validation_error(("baseline_period",)):
            curve = curve_for(assessment)
        return Response(curve.json())


class OptionViewSet(Restricted, viewsets.ModelViewSet):
    """Options of the assessments the user may see; every write is evaluated before it is stored
    (errors name the field), and the status moves only through …/transition/."""

    queryset = AssessmentOption.objects.none()
    serializer_class = serializers.OptionSerializer
    pagination_class = Pages
    filterset_class = filtersets.OptionFilterSet

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows.select_related("assessment__company", "verification_before",
                                   "verification_after", "created_by")

    def _respond(self, option: AssessmentOption) -> Response:
        return Response(self.get_serializer(option).data)

    @extend_schema(request=serializers.TransitionSerializer,
                   responses=serializers.OptionSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the option to another status; only the workflow's next steps are allowed."""
        option = self.get_object()
        asked = serializers.TransitionSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        with as_validation_error(("status",)):
            workflow.transition(option, asked.validated_data["status"], request.user, "api")
        return self._respond(option)

    @extend_schema(request=None, responses=serializers.OptionSerializer)
    @action(detail=True, methods=["post"])
    def evaluate(self, request: Request, pk: str | None = None) -> Response:
        """Evaluate the option again with today's data and prices; stored only if it succeeds."""
        option = self.get_object()
        with as_validation_error(("savings", "lifetime_years", "discount_rate",
                                  "investment_vnd", "extra_om_vnd"),
                                 rename=serializers.api_field):
            evaluation.evaluate_option(option)
        return self._respond(option)

    @extend_schema(request=serializers.VerifySerializer,
                   responses=serializers.OptionSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        """Measure the option's flows in a period before and one after implementation."""
        option = self.get_object()
        asked = serializers.VerifySerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        with as_validation_error(("before", "after", "status", "savings"),
                                 rename=serializers.api_field):
            verification.verify(option, asked.validated_data["before"],
                                asked.validated_data["after"], request.user, "api")
        return self._respond(option)


class CompanyPriceViewSet(Restricted, viewsets.ModelViewSet):
    """Companies' own prices (resource key, VND, unit, note), which options and the cost of
    losses use before recorded costs and shipped tariffs."""

    queryset = CompanyPrice.objects.none()
    serializer_class = serializers.CompanyPriceSerializer
    pagination_class = Pages
    filterset_class = filtersets.CompanyPriceFilterSet

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows.select_related("company")


_SUMMARY_PARAMETERS = [
    OpenApiParameter("gwp", str, description=_(
        "The GWP set: AR5 or AR6 (default: the park's, else the platform's).")),
    OpenApiParameter("baseline", str, description=_(
        "A period ('2023' or '2023-06') to compare every period of the same length with.")),
]


class CompanyRecpView(APIView):
    """A company's indicators, GHG inventory, balances, hotspots, suggestions, Sankey data and
    peer position (aggregates only). Read-only; 404 for a company the user may not see."""

    @extend_schema(parameters=_SUMMARY_PARAMETERS,
                   responses=serializers.CompanyRecpSerializer)
    def get(self, request: Request, pk: int) -> Response:
        company = get_object_or_404(
            Company.objects.for_user(request.user, "view").select_related("park"), pk=pk)
        with as_validation_error(("gwp", "baseline"), rename=_summary_field):
            baseline = request.query_params.get("baseline")
            period = ReportingPeriod.parse(baseline) if baseline else None
            summary = recp_company.company_recp(company, request.query_params.get("gwp"),
                                           period)
        return Response(summary)


def _summary_field(core_field: str) -> str:
    return {"baseline_period": "baseline", "period": "baseline", "year": "baseline",
            "month": "baseline"}.get(core_field, core_field)


class LibrarySerializer(drf.Serializer):
    """Schema of a library option (the rows themselves come from core)."""

    code = drf.CharField()
    category = drf.CharField()
    title_en = drf.CharField()
    title_vi = drf.CharField()
    description_en = drf.CharField()
    description_vi = drf.CharField()
    causes = drf.ListField(child=drf.CharField())
    sectors = drf.ListField(child=drf.CharField(), help_text=_("VSIC codes, or 'all'."))
    resource = drf.CharField()
    cost_class = drf.CharField()
    typical_effect = drf.DictField(
        allow_null=True,
        # xgettext:no-python-format
        help_text=_("Typical saving range in % of the resource, with its source: typical, never "
                    "a promise; null when no source gives a number."))
    source = drf.CharField()  # type: ignore[assignment]


_LIBRARY_FILTERS = [
    OpenApiParameter("sector", str, description=_("Only options for this VSIC code.")),
    OpenApiParameter("category", str, description=_("Only options of this category.")),
    OpenApiParameter("resource", str, description=_("Only options saving this flow kind.")),
]


class _WholeLibrary(BasePagination):
    """How the schema shows the list's {count, results} envelope; every option is sent."""

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {"type": "object", "required": ["count", "results"],
                "properties": {"count": {"type": "integer"}, "results": schema}}

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return []


class LibraryViewSet(viewsets.ViewSet):
    """The RECP option library (no company data): bilingual, with typical effects and sources."""

    serializer_class = LibrarySerializer
    pagination_class = _WholeLibrary
    lookup_value_regex = "[^/]+"

    @extend_schema(parameters=_LIBRARY_FILTERS, responses=LibrarySerializer(many=True))
    def list(self, request: Request) -> Response:
        sector = request.query_params.get("sector", "")
        category = request.query_params.get("category", "")
        resource = request.query_params.get("resource", "")
        rows = [
            library.template_json(template) for template in option_library().values()
            if (not sector or (sector.isdigit() and template.applies_to(sector)))
            and (not category or template.category == category)
            and (not resource or template.resource == resource)
        ]
        return Response({"count": len(rows), "results": rows})

    @extend_schema(responses=LibrarySerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        template = option_library().get(pk or "")
        if template is None:
            raise Http404
        return Response(library.template_json(template))
