"""EIP API endpoints. Park data (evidence, assessments, actions) comes from
``Model.objects.for_user`` only — 'view' for reads, 'change' for writes; editions are catalogues
every signed-in user may read."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from openeip.core.errors import DomainError
from openeip.web.base.api import Pages, Restricted
from openeip.web.eip.api import serializers
from openeip.web.eip.models import Evidence, ParkAssessment, PlanAction
from openeip.web.eip.services import assessment as service
from openeip.web.eip.services import plan
from openeip.web.eip.services.editions import all_editions, get_edition
from openeip.web.registry.models import Park


def _park(request: Request, slug: str, action: str) -> Park:
    park = Park.objects.for_user(request.user, action).filter(slug=slug).first()
    if park is None:
        raise ValidationError({"park_slug": ["No park {} that you may {}.".format(slug, action)]})
    return park


def _domain_error(error: DomainError) -> ValidationError:
    return ValidationError({error.field or "non_field_errors": [str(error)]})


class EditionViewSet(viewsets.ViewSet):
    """Editions of the EIP criteria: shipped and imported (id, title, issuer, status …)."""

    lookup_value_regex = "[^/]+"

    @extend_schema(responses=serializers.EditionSummarySerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response(serializers.EditionSummarySerializer(all_editions(), many=True).data)

    @extend_schema(responses=serializers.EditionSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        try:
            edition = get_edition(pk or "")
        except DomainError:
            raise Http404(pk) from None
        return Response(serializers.EditionSerializer(edition).data)


class EvidenceViewSet(Restricted, mixins.CreateModelMixin, mixins.DestroyModelMixin,
                      viewsets.ReadOnlyModelViewSet):
    """Evidence of the parks the user manages; a new piece is validated through core (unknown
    criterion, share outside 0–100, target year in the past → 400 naming it; nothing saved)."""

    queryset = Evidence.objects.none()
    serializer_class = serializers.EvidenceSerializer
    pagination_class = Pages
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        rows = rows.select_related("park", "entered_by")
        for name in ("edition_id", "criterion_id"):
            if self.request.query_params.get(name):
                rows = rows.filter(**{name: self.request.query_params[name]})
        if self.request.query_params.get("park"):
            rows = rows.filter(park__slug=self.request.query_params["park"])
        return rows

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        asked = self.get_serializer(data=request.data)
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        park = _park(request, data["park_slug"], "change")
        try:
            row = service.add_evidence(
                park, data["edition_id"], data["criterion_id"],
                value_bool=data.get("value_bool"), value_number=data.get("value_number"),
                note=data.get("note", ""), file=data.get("file"), as_of=data.get("as_of"),
                target_year=data.get("target_year"), user=request.user)
        except DomainError as error:
            raise _domain_error(error) from None
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)


class AssessmentViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Saved assessments (the history) of the parks the user manages; POST runs a new one."""

    queryset = ParkAssessment.objects.none()
    serializer_class = serializers.AssessmentSerializer
    pagination_class = Pages

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        rows = rows.select_related("park", "created_by")
        if self.request.query_params.get("edition_id"):
            rows = rows.filter(edition_id=self.request.query_params["edition_id"])
        if self.request.query_params.get("park"):
            rows = rows.filter(park__slug=self.request.query_params["park"])
        return rows

    @extend_schema(request=serializers.AssessRequestSerializer,
                   responses=serializers.AssessmentSerializer)
    def create(self, request: Request) -> Response:
        asked = serializers.AssessRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        park = _park(request, data["park_slug"], "change")
        try:
            _result, saved = service.assess_park(
                park, data["edition_id"], as_of=data.get("as_of"),
                target_year=data.get("target_year"), user=request.user)
        except DomainError as error:
            raise _domain_error(error) from None
        return Response(serializers.AssessmentSerializer(saved).data,
                        status=status.HTTP_201_CREATED)


class ActionViewSet(Restricted, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Plan actions of the parks the user manages; owner, deadline and status may be changed;
    POST …/refresh/ builds or refreshes a park's plan for an edition."""

    queryset = PlanAction.objects.none()
    serializer_class = serializers.ActionSerializer
    pagination_class = Pages

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        rows = rows.select_related("park")
        if self.request.query_params.get("edition_id"):
            rows = rows.filter(edition_id=self.request.query_params["edition_id"])
        if self.request.query_params.get("park"):
            rows = rows.filter(park__slug=self.request.query_params["park"])
        return rows

    @extend_schema(request=serializers.PlanRequestSerializer,
                   responses=serializers.ActionSerializer(many=True))
    @action(detail=False, methods=["post"])
    def refresh(self, request: Request) -> Response:
        asked = serializers.PlanRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        park = _park(request, asked.validated_data["park_slug"], "change")
        try:
            rows = plan.refresh_plan(park, asked.validated_data["edition_id"], request.user)
        except DomainError as error:
            raise _domain_error(error) from None
        return Response(serializers.ActionSerializer(rows, many=True).data)
