"""A person confirms or corrects a stream's class; the correction teaches the classifier."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit
from openeip.web.symbiosis.models import ClassificationCorrection, Stream


def _taxonomy() -> Any:
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    return load_taxonomy()


def normalised(text: str) -> str:
    from openeip.core.symbiosis.classify import normalise

    return str(normalise(text))[:250]


def check_class(code: str) -> Any:
    """The taxonomy class ``code`` or DomainError(field 'resource_class')."""
    found = _taxonomy().classes.get(code)
    if found is None:
        raise DomainError(_("'{code}' is not a resource class; pick one from the list.").format(
            code=code), "resource_class")
    return found


@transaction.atomic
def set_class(stream: Stream, code: str, user: Any, via: str = "web") -> Stream:
    """Confirm (same class) or correct (another class) the stream's class.

    A correction is stored against the description's normalised text, so the classifier decides
    it from then on for every firm writing the same words (other firms' streams take it when
    their streams are next built from their flows).
    """
    from openeip.web.symbiosis.services.streams import streams_from_flows

    resource_class = check_class(code)
    before = stream.resource_class
    if code != before:
        ClassificationCorrection.objects.update_or_create(
            normalised_text=normalised(stream.description),
            defaults={"resource_class": code, "corrected_by": user
                      if user is not None and user.is_authenticated else None})
        stream.unit = resource_class.base_unit
    stream.resource_class = code
    stream.classification_confidence = 1.0
    stream.confirmed = True
    stream.save()
    audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE, company=stream.company,
                object_type="symbiosis_stream", object_key=describe(stream),
                changes={"resource_class": [before, code], "confirmed": [False, True]}).save()
    if code != before and stream.source_flow_id is not None:
        # The quantity in the new class's base unit (t, m3 or MWh) comes from the flows again.
        streams_from_flows(stream.company)
        stream.refresh_from_db()
    return stream


def describe(stream: Stream) -> str:
    return "{} {} {}".format(stream.company.code, stream.direction, stream.description)
