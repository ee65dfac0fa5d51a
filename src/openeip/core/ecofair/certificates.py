"""Certification schemes and the status of a certificate.

A certificate's status is decided here, never declared by its holder::

    revoked   if the issuer (or the platform's verifier) revoked it
    pending   if nobody has verified it against the issuer's register or document yet
    expired   if verified but valid_until < today
    verified  otherwise

An expiry alert is due when a verified certificate runs out within ``ALERT_DAYS`` days.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from openeip.core.catalogues.versioned import read_versioned, verification_of

__all__ = ["ALERT_DAYS", "CertificateStatus", "Scheme", "days_left", "expiry_alert", "schemes",
           "status_of"]

#: alert this many days before a verified certificate runs out
ALERT_DAYS = 90


class CertificateStatus(StrEnum):
    VERIFIED = "verified"
    EXPIRED = "expired"
    REVOKED = "revoked"
    PENDING = "pending"


@dataclass(frozen=True, slots=True)
class Scheme:
    code: str
    label_en: str
    label_vi: str
    validity_months: int | None
    kind: str
    source: str
    verification: str

    def label(self, language: str) -> str:
        return self.label_vi if language == "vi" else self.label_en


@lru_cache(maxsize=1)
def schemes() -> dict[str, Scheme]:
    name = "schemes.csv"
    table = read_versioned("openeip.data.ecofair", name)
    return {row["code"]: Scheme(
        row["code"], row["label_en"], row["label_vi"],
        int(row["validity_months"]) if row["validity_months"] else None, row["kind"],
        row["source"], verification_of(row["verification"], name, row["code"]))
        for row in table.rows}


def status_of(*, verified: bool, revoked: bool, valid_until: datetime.date,
              today: datetime.date) -> CertificateStatus:
    if revoked:
        return CertificateStatus.REVOKED
    if not verified:
        return CertificateStatus.PENDING
    if valid_until < today:
        return CertificateStatus.EXPIRED
    return CertificateStatus.VERIFIED


def days_left(valid_until: datetime.date, today: datetime.date) -> int:
    return (valid_until - today).days


def expiry_alert(*, verified: bool, revoked: bool, valid_until: datetime.date,
                 today: datetime.date, within_days: int = ALERT_DAYS) -> bool:
    """A verified, unrevoked certificate that runs out within ``within_days`` days."""
    return (status_of(verified=verified, revoked=revoked, valid_until=valid_until, today=today)
            is CertificateStatus.VERIFIED and days_left(valid_until, today) <= within_days)
