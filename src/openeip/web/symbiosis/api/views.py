"""Symbiosis API endpoints. Rows come from ``Model.objects.for_user`` only ('view' for reads,
'change' for writes; a row outside that set answers 404). Opportunities are answered through the
presenter, so a counterpart is anonymised exactly as on the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from openeip.web.base import workflow
from openeip.web.base.api import Pages, Restricted, as_validation_error
from openeip.web.base.labels import current_language
from openeip.web.registry.models import Company, Park
from openeip.web.symbiosis.api import serializers
from openeip.web.symbiosis.models import Opportunity, OpportunityStatus, Stream
from openeip.web.symbiosis.services import park_totals, pipeline
from openeip.web.symbiosis.services.matching import touching
from openeip.web.symbiosis.services.presenting import present, present_many, with_sides


class StreamViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Offers (supply) and needs (demand) of the companies the user may see.
    Filters: ?company=<id>&direction=supply|demand&active=true|false."""

    queryset = Stream.objects.none()
    serializer_class = serializers.StreamSerializer
    pagination_class = Pages

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        params = self.request.query_params
        if _is_id(params.get("company", "")):
            rows = rows.filter(company_id=int(params["company"]))
        if params.get("direction") in ("supply", "demand"):
            rows = rows.filter(direction=params["direction"])
        if params.get("active") in ("true", "false"):
            rows = rows.filter(active=params["active"] == "true")
        return rows.select_related("company")

    @extend_schema(request=serializers.ClassSerializer, responses=serializers.StreamSerializer)
    @action(detail=True, methods=["post"], url_path="class")
    def set_class(self, request: Request, pk: str | None = None) -> Response:
        """Confirm (same code) or correct (another code) the stream's resource class; a
        correction is stored and decides that description from then on for the stream's company
        (for the park when a park manager corrects); only a curator makes it shared."""
        from openeip.web.symbiosis.services.classes import set_class

        stream = self.get_object()
        asked = serializers.ClassSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        with as_validation_error(("resource_class",)):
            set_class(stream, asked.validated_data["resource_class"], request.user, "api")
        stream.refresh_from_db()
        return Response(serializers.StreamSerializer(stream).data)


def _is_id(text: str) -> bool:
    """A row id the database can hold ('²' is a digit to str.isdigit, 10**30 overflows)."""
    return text.isascii() and text.isdigit() and int(text) < 2**63


class OpportunityViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Exchanges where a company the user may see is a side, best score first; the other side is
    anonymised until both firms reveal themselves. Filters: ?park=<slug>&company=<id>&status=…
    &selected=true."""

    queryset = Opportunity.objects.none()
    serializer_class = serializers.OpportunitySerializer
    pagination_class = Pages

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        params = self.request.query_params
        if params.get("park"):
            rows = rows.filter(Q(supply__company__park__slug=params["park"])
                               | Q(demand__company__park__slug=params["park"]))
        if _is_id(params.get("company", "")):
            company = int(params["company"])
            rows = rows.filter(Q(supply__company_id=company) | Q(demand__company_id=company))
        if params.get("status") in OpportunityStatus.values:
            rows = rows.filter(status=params["status"])
        if params.get("selected") == "true":
            rows = rows.filter(selected=True)
        return with_sides(rows.order_by("-score", "pk"))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(present_many(page, request.user,
                                                        current_language()))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(present(self.get_object(), request.user, current_language()))

    def _answer(self, opportunity: Opportunity) -> Response:
        fresh = with_sides(Opportunity.objects.all()).get(pk=opportunity.pk)
        return Response(present(fresh, self.request.user, current_language()))

    @extend_schema(request=serializers.TransitionSerializer,
                   responses=serializers.OpportunitySerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the exchange along the pipeline; only the allowed next steps are accepted."""
        opportunity = self.get_object()
        asked = serializers.TransitionSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        with as_validation_error(("status",)):
            workflow.transition(opportunity, asked.validated_data["status"], request.user, "api")
        return self._answer(opportunity)

    @extend_schema(request=serializers.RevealSerializer,
                   responses=serializers.OpportunitySerializer)
    @action(detail=True, methods=["post"])
    def reveal(self, request: Request, pk: str | None = None) -> Response:
        """Agree (or withdraw, until both agreed) to name one side to the other firm."""
        opportunity = self.get_object()
        asked = serializers.RevealSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        with as_validation_error(("side",)):
            pipeline.reveal(opportunity, asked.validated_data["side"], request.user, "api",
                            revealed=asked.validated_data["revealed"])
        return self._answer(opportunity)

    @extend_schema(methods=["get"], responses=serializers.RecordSerializer(many=True))
    @extend_schema(methods=["post"], request=serializers.RecordSerializer,
                   responses={201: serializers.RecordSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def records(self, request: Request, pk: str | None = None) -> Response:
        """GET: realised quantities of the exchange; POST {year, month (0 = whole year),
        quantity}: record one (replaces the same period's)."""
        opportunity = self.get_object()
        if request.method == "GET":
            rows = opportunity.records.order_by("year", "month")
            return Response(serializers.RecordSerializer(rows, many=True).data)
        asked = serializers.RecordSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        with as_validation_error(("year", "month", "quantity", "status")):
            record = pipeline.record_quantity(opportunity, data["year"], data.get("month", 0),
                                              data["quantity"], request.user, "api",
                                              note=data.get("note", ""))
        return Response(serializers.RecordSerializer(record).data, status=http.HTTP_201_CREATED)


def _managed_park(request: Request, slug: str) -> Park:
    return get_object_or_404(Park.objects.for_user(request.user), slug=slug)


class ParkSummaryView(APIView):
    """A park's symbiosis in figures: the year's realised totals (?year=, default this year)
    and the opportunities by status. For the park's managers."""

    @extend_schema(responses=serializers.ParkSummarySerializer)
    def get(self, request: Request, slug: str) -> Response:
        from openeip.web.symbiosis.views.park import totals_year

        park = _managed_park(request, slug)
        year = totals_year(request, park)
        rows = Opportunity.objects.for_user(request.user).filter(touching(park))
        statuses = dict(rows.values_list("status").annotate(n=Count("pk"))
                        .values_list("status", "n"))
        return Response({"park": park.slug, "year": year, "totals": park_totals(park, year),
                         "statuses": statuses, "opportunities": sum(statuses.values()),
                         "selected": rows.filter(selected=True).count()})


class ParkNetworkView(APIView):
    """The park's exchange network (optimal selection and the pipeline), with Sankey links by
    unit. For the park's managers; firms not named to the user are anonymised."""

    @extend_schema(responses=serializers.NetworkSerializer)
    def get(self, request: Request, slug: str) -> Response:
        from openeip.web.symbiosis.services import network

        park = _managed_park(request, slug)
        found = network.edges(park, request.user, current_language())
        links = network.sankey_links(found)
        labels = network.sankey_labels(found)
        return Response({"park": park.slug, "exchanges": found, "sankey": {
            unit: [{"from": labels[row["source"]], "to": labels[row["target"]],
                    "quantity": row["quantity"], "status": row["status"],
                    "material": row["material"], "from_id": row["source"],
                    "to_id": row["target"]} for row in rows]
            for unit, rows in links.items()}})


class RefreshSerializer(drf.Serializer[Any]):
    queued = drf.BooleanField(required=False)
    candidates = drf.IntegerField(required=False)
    created = drf.IntegerField(required=False)
    selected = drf.IntegerField(required=False)


class ParkRefreshView(APIView):
    """Build every tenant's streams from its flows, then match and optimise the park again
    (in the background for a large park: the answer then says queued)."""

    @extend_schema(request=None, responses=RefreshSerializer)
    def post(self, request: Request, slug: str) -> Response:
        from openeip.web.symbiosis.services.tasks import refresh_park

        park = _managed_park(request, slug)
        with as_validation_error():
            outcome = refresh_park(park)
        return Response(outcome, status=http.HTTP_202_ACCEPTED if outcome.get("queued")
                        else http.HTTP_200_OK)


class CompanyStreamsRefreshView(APIView):
    """Build (or update) the company's offers and needs from its latest year of flows."""

    @extend_schema(request=None, responses=serializers.StreamSerializer(many=True))
    def post(self, request: Request, pk: int) -> Response:
        from openeip.web.symbiosis.services.streams import streams_from_flows

        company = get_object_or_404(Company.objects.for_user(request.user, "change"), pk=pk)
        with as_validation_error():
            found = streams_from_flows(company)
        return Response(serializers.StreamSerializer(found, many=True).data)


class ClassRowSerializer(drf.Serializer[Any]):
    code = drf.CharField()
    parent = drf.CharField()  # type: ignore[assignment]
    name = drf.CharField()
    family = drf.CharField()
    form = drf.CharField()
    base_unit = drf.CharField()
    hazardous = drf.BooleanField()
    leaf = drf.BooleanField()


class ClassListView(APIView):
    """The resource taxonomy (codes a stream's class may take), names in the request's
    language. Holds no company data."""

    @extend_schema(responses=ClassRowSerializer(many=True))
    def get(self, request: Request) -> Response:
        from openeip.core.symbiosis.taxonomy import load_taxonomy

        taxonomy = load_taxonomy()
        language = current_language()
        leaves = set(taxonomy.leaves())
        return Response([{"code": c.code, "parent": c.parent, "name": c.name(language),
                          "family": str(c.family), "form": str(c.form),
                          "base_unit": c.base_unit, "hazardous": c.hazardous,
                          "leaf": c.code in leaves}
                         for c in sorted(taxonomy.classes.values(), key=lambda c: c.code)])
