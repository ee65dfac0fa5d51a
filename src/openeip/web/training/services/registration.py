"""Registering people for a session (seat or waiting list), cancelling (the earliest waiting
person takes the freed seat), attendance (QR check-in within the window, bulk marking) and
certificates. Every change is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.core.training import is_checkin_open, seat_for
from openeip.web.registry.models import AuditEntry, Company
from openeip.web.registry.services import audit
from openeip.web.training.models import Certificate, Registration, Session

__all__ = ["cancel", "check_in", "issue_certificates", "mark_present", "register"]


def _audit(registration: Registration, user: Any, via: str, action: str,
           changes: dict[str, Any]) -> None:
    audit.entry(user=user, via=via, action=action, company=registration.company,
                object_type="training_registration",
                object_key="registration #{} ({})".format(registration.pk,
                                                           registration.session),
                changes=changes).save()


def register(session: Session, *, name: str, email: str, gender: str, job_title: str = "",
             company: Company | None, user: Any, via: str = "web") -> Registration:
    """A seat while one is free, else the waiting list; one registration per e-mail."""
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.ends_at < timezone.now():
            raise DomainError(_("This session is over."), "session")
        confirmed = locked.registrations.filter(status=Registration.Status.REGISTERED).count()
        try:
            with transaction.atomic():
                row = Registration.objects.create(
                    session=locked, company=company, name=name.strip(),
                    email=email.strip().lower(), gender=gender, job_title=job_title,
                    status=seat_for(locked.capacity, confirmed), registered_by=user)
        except IntegrityError:
            raise DomainError(_("{email} is already registered for this session.").format(
                email=email), "email") from None
        _audit(row, user, via, AuditEntry.Action.CREATE, {"status": [None, row.status]})
    return row


def cancel(registration: Registration, user: Any, via: str = "web") -> Registration | None:
    """Cancel; return the waiting registration that took the freed seat, if any."""
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=registration.session_id)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == Registration.Status.CANCELLED:
            return None
        had_seat = locked.status == Registration.Status.REGISTERED
        before = locked.status
        locked.status = Registration.Status.CANCELLED
        locked.save(update_fields=["status"])
        _audit(locked, user, via, AuditEntry.Action.UPDATE, {"status": [before, "cancelled"]})
        if not had_seat:
            return None
        waiting = (Registration.objects.filter(session_id=locked.session_id,
                                               status=Registration.Status.WAITLISTED)
                   .order_by("created_at", "id").first())
        if waiting is not None:
            waiting.status = Registration.Status.REGISTERED
            waiting.save(update_fields=["status"])
            _audit(waiting, user, via, AuditEntry.Action.UPDATE,
                   {"status": ["waitlisted", "registered"]})
    registration.refresh_from_db()
    return waiting


def check_in(session: Session, email: str, now: dt.datetime | None = None,
             online: bool = False) -> Registration:
    """The QR check-in: counts only within the session's window, for a registered person."""
    now = now or timezone.now()
    if not is_checkin_open(session.starts_at, session.ends_at, now):
        raise DomainError(_("Check-in is open only around the session's time."), "time")
    row = Registration.objects.filter(session=session, email=email.strip().lower()).first()
    if row is None or row.status != Registration.Status.REGISTERED:
        raise DomainError(_("No confirmed registration for this e-mail in this session."),
                          "email")
    if not row.attended:
        row.attended, row.attended_at, row.checkin_method = True, now, "qr"
        row.attended_online = online and session.mode != Session.Mode.IN_PERSON
        row.save(update_fields=["attended", "attended_at", "checkin_method", "attended_online"])
        _audit(row, None, "qr", AuditEntry.Action.UPDATE, {"attended": [False, True]})
    return row


def mark_present(session: Session, registration_ids: Iterable[int], user: Any,
                 online_ids: Iterable[int] = ()) -> int:
    """The trainer marks people present (registered ones only); returns how many changed."""
    online = set(online_ids)
    now = timezone.now()
    changed = 0
    rows = Registration.objects.filter(session=session, pk__in=list(registration_ids),
                                       status=Registration.Status.REGISTERED, attended=False)
    for row in rows:
        row.attended, row.attended_at, row.checkin_method = True, now, "bulk"
        row.attended_online = row.pk in online and session.mode != Session.Mode.IN_PERSON
        row.save(update_fields=["attended", "attended_at", "checkin_method", "attended_online"])
        _audit(row, user, "web", AuditEntry.Action.UPDATE, {"attended": [False, True]})
        changed += 1
    return changed


def issue_certificates(session: Session, user: Any) -> list[Certificate]:
    """A certificate for every person who attended and has none yet (after the session)."""
    if session.ends_at > timezone.now():
        raise DomainError(_("Certificates are issued once the session is over."), "session")
    made = []
    for row in session.registrations.filter(attended=True, certificate__isnull=True):
        made.append(Certificate.objects.create(registration=row, issued_by=user))
        _audit(row, user, "web", AuditEntry.Action.UPDATE, {"certificate": [None, "issued"]})
    return made
