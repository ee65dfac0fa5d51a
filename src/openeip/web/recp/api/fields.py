"""Fields the RECP API shares: a period with data, an assessment the user may change."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.settings import api_settings

from openeip.core.errors import DomainError
from openeip.web.recp.models import Assessment


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


class ChangeableAssessmentField(serializers.PrimaryKeyRelatedField):
    """Id of an assessment of a company whose data the requesting user may change."""

    default_error_messages = {
        "does_not_exist": _("There is no assessment {pk_value} you may change; use an id listed "
                            "by /api/recp/assessments/."),
    }

    def get_queryset(self) -> Any:
        return (Assessment.objects.for_user(self.context["request"].user, "change")
                .select_related("company", "baseline_period"))
