"""The one place an option's status changes: allowed moves only, each one audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.recp.models import TRANSITIONS, AssessmentOption, OptionStatus
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit

__all__ = ["allowed_next", "transition"]


def allowed_next(status: str) -> tuple[str, ...]:
    """The statuses an option in ``status`` may move to."""
    return tuple(TRANSITIONS.get(status, ()))


def _label(status: str) -> str:
    return str(OptionStatus(status).label)


def _check(option: AssessmentOption, to_status: str) -> None:
    if to_status not in OptionStatus.values:
        raise DomainError(_("'{status}' is not an option status; use one of: {codes}.").format(
            status=to_status, codes=", ".join(OptionStatus.values)), "status")
    allowed = allowed_next(option.status)
    if to_status not in allowed:
        raise DomainError(
            _("An option that is {current} cannot become {target}; from {current} it may "
              "become: {allowed}.").format(
                current=_label(option.status), target=_label(to_status),
                allowed=", ".join(_label(s) for s in allowed) or _("nothing (it is final)")),
            "status")
    if to_status == OptionStatus.STUDIED and not option.results:
        raise DomainError(_("Evaluate the option (investment, lifetime, savings) before marking "
                            "it studied."), "status")
    if to_status == OptionStatus.VERIFIED and not option.measured_change:
        raise DomainError(_("Measure the option's effect first: give the periods before and "
                            "after implementation and verify."), "status")


def transition(option: AssessmentOption, to_status: str, user: Any,
               via: str = "web") -> AssessmentOption:
    """Move ``option`` to ``to_status`` or raise DomainError(field 'status') saying why not."""
    with transaction.atomic():
        locked = (AssessmentOption.objects.select_for_update()
                  .select_related("assessment__company").get(pk=option.pk))
        _check(locked, to_status)
        before = locked.status
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
        audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE,
                    company=locked.assessment.company, object_type="recp_option",
                    object_key=describe(locked),
                    changes={"status": [before, to_status]}).save()
    option.status = locked.status
    option.updated_at = locked.updated_at
    return option


def describe(option: AssessmentOption) -> str:
    """How the audit trail names an option: company, assessment and option."""
    return "{} #{} option #{} {}".format(option.assessment.company.code, option.assessment_id,
                                         option.pk, option.template_code or option.title_en
                                         or option.title_vi)
