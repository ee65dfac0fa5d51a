"""Fields the RECP API shares: a period with data, an assessment the user may change."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from openeip.web.recp.models import Assessment


class ChangeableAssessmentField(serializers.PrimaryKeyRelatedField):
    """Id of an assessment of a company whose data the requesting user may change."""

    default_error_messages = {
        "does_not_exist": _("There is no assessment {pk_value} you may change; use an id listed "
                            "by /api/recp/assessments/."),
    }

    def get_queryset(self) -> Any:
        return (Assessment.objects.for_user(self.context["request"].user, "change")
                .select_related("company", "baseline_period"))
