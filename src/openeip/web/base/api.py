"""What every app's REST API is built from: pagination, the restricted view set, the mapping of
domain errors to 400 answers naming their field.

Each endpoint reads its rows from ``Model.objects.for_user`` and nothing else: reads ask for the
rows the user may 'view', writes for those they may 'change'; a row outside that set answers 404
whether or not it exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings

from openeip.core.errors import DomainError
from openeip.web.base.access import visible


class Pages(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class Restricted(GenericAPIView):
    """get_queryset through ``for_user``: 'view' for safe methods, 'change' for writes.

    A view set names ``queryset = Model.objects.none()`` only so the schema generator learns the
    model without a user; it is never used to answer a request."""

    def get_queryset(self) -> QuerySet[Any]:
        declared = type(self).queryset
        if declared is None:
            raise TypeError("{} names no queryset = Model.objects.none()".format(
                type(self).__name__))
        action = "view" if self.request.method in SAFE_METHODS else "change"
        return self.restricted(visible(declared.model, self.request.user, action))

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        """Hook for select_related and the like; rows are already limited to the user's."""
        return rows


@contextmanager
def as_validation_error(fields: Any = (), rename: Callable[[str], str] | None = None
                        ) -> Iterator[None]:
    """A DomainError raised inside becomes a 400 naming its field (renamed by ``rename``, kept
    if it is one of ``fields``, else a non-field error)."""
    try:
        yield
    except DomainError as error:
        field = error.field or ""
        field = rename(field) if rename else field
        if field not in fields:
            field = api_settings.NON_FIELD_ERRORS_KEY
        raise serializers.ValidationError({field: [str(error)]}) from None
