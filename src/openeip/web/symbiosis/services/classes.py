"""A person confirms or corrects a stream's class; the correction teaches the classifier, within
its reach: a company's correction decides that company's streams, a park manager's (or an
admin's) the park's; only a platform curator promotes one to shared knowledge (audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.registry.models import AuditEntry, ParkManager
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

    A correction is stored against the description's normalised text, for the stream's company
    — or, when ``user`` manages the company's park (or is an admin), for the whole park — so the
    classifier decides those words from then on within that reach (the park's other firms take
    it when their streams are next built from their flows). It never reaches other companies
    or parks until a curator promotes it (:func:`promote`).
    """
    from openeip.web.symbiosis.services.streams import streams_from_flows

    resource_class = check_class(code)
    before = stream.resource_class
    if code != before:
        ClassificationCorrection.objects.update_or_create(
            normalised_text=normalised(stream.description), **correction_scope(stream, user),
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


def correction_scope(stream: Stream, user: Any) -> dict[str, Any]:
    """{'company': …, 'park': …} a correction by ``user`` on ``stream`` applies to."""
    company = stream.company
    if user is not None and user.is_authenticated and (
            user.is_superuser
            or ParkManager.objects.filter(user=user, park_id=company.park_id).exists()):
        return {"company": None, "park": company.park}
    return {"company": company, "park": None}


def may_promote(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active
                and user.has_perm("symbiosis.promote_correction"))


@transaction.atomic
def promote(correction: ClassificationCorrection, user: Any,
            via: str = "web") -> ClassificationCorrection:
    """Make a company's or park's correction shared knowledge (a curator only); it replaces a
    shared correction of the same words. Audited under the correction's company, if any."""
    if not may_promote(user):
        raise DomainError(_("Only a platform curator may make a correction shared knowledge."),
                          "correction")
    if correction.shared:
        return correction
    before = scope_label(correction)
    replaced = ClassificationCorrection.objects.filter(
        normalised_text=correction.normalised_text, company=None, park=None).first()
    if replaced is not None:
        before = "{} ({} → {})".format(before, replaced.resource_class,
                                       correction.resource_class)
        replaced.delete()
    company = correction.company
    correction.company, correction.park = None, None
    correction.promoted_by, correction.promoted_at = user, timezone.now()
    correction.save()
    audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE, company=company,
                object_type="classification_correction",
                object_key="{} → {}".format(correction.normalised_text,
                                            correction.resource_class),
                changes={"scope": [before, "shared"]}).save()
    return correction


def scope_label(correction: ClassificationCorrection) -> str:
    """Stable (untranslated) name of a correction's reach for the audit trail."""
    if correction.company_id is not None:
        return "company {}".format(correction.company.code if correction.company else "")
    if correction.park_id is not None:
        return "park {}".format(correction.park.slug if correction.park else "")
    return "shared"


def describe(stream: Stream) -> str:
    return "{} {} {}".format(stream.company.code, stream.direction, stream.description)
