"""The rules of the training module.

* Check-in window: a QR check-in counts only from ``start − opens`` to ``end + closes`` (minutes
  from ``training_rules.csv``), both ends included.
* Seats: a new registration takes a seat while ``confirmed < capacity``, else it waits; when a
  seat frees, the earliest waiting registration takes it (the web layer keeps that order).
* Invitations: each gap code of a firm names a course topic (``invitation_rules.csv``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from openeip.core.catalogues._table import read_table
from openeip.core.errors import DomainError

__all__ = ["GAPS", "TOPICS", "Invitation", "checkin_window", "invitations_for",
           "is_checkin_open", "seat_for", "training_rules"]

TOPICS = ("recp", "symbiosis", "energy", "eip_criteria", "grievance", "safety", "other")


@lru_cache(maxsize=1)
def training_rules() -> dict[str, int]:
    table = read_table("training/training_rules.csv")
    found: dict[str, int] = {}
    for line, row in table.numbered():
        try:
            found[row["key"]] = int(row["value"])
        except (TypeError, ValueError):
            raise table.error(line, "value must be a whole number") from None
    for key in ("checkin_opens_minutes_before", "checkin_closes_minutes_after_end",
                "quiz_post_closes_days_after_end"):
        if found.get(key, -1) < 0:
            raise table.error(None, "{} missing or negative".format(key))
    return found


def checkin_window(starts_at: dt.datetime, ends_at: dt.datetime) -> tuple[dt.datetime,
                                                                          dt.datetime]:
    """(first, last) moment a check-in counts for a session."""
    if ends_at <= starts_at:
        raise DomainError("a session must end after it starts", "ends_at")
    rules = training_rules()
    return (starts_at - dt.timedelta(minutes=rules["checkin_opens_minutes_before"]),
            ends_at + dt.timedelta(minutes=rules["checkin_closes_minutes_after_end"]))


def is_checkin_open(starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime) -> bool:
    first, last = checkin_window(starts_at, ends_at)
    return first <= now <= last


def seat_for(capacity: int, confirmed: int) -> str:
    """'registered' while a seat is free, else 'waitlisted'."""
    if capacity < 1:
        raise DomainError("a session needs at least one seat", "capacity")
    return "registered" if confirmed < capacity else "waitlisted"


@dataclass(frozen=True, slots=True)
class Invitation:
    gap: str
    topic: str
    reason_en: str
    reason_vi: str


@lru_cache(maxsize=1)
def _invitation_rules() -> dict[str, Invitation]:
    table = read_table("training/invitation_rules.csv")
    found = {}
    for line, row in table.numbered():
        if row["topic"] not in TOPICS:
            raise table.error(line, "unknown topic {!r}".format(row["topic"]))
        found[row["gap"]] = Invitation(row["gap"], row["topic"], row["reason_en"],
                                       row["reason_vi"])
    return found


GAPS = tuple(_invitation_rules())


def invitations_for(gaps: Iterable[str], topic: str) -> list[Invitation]:
    """The firm's gaps that invite it to a course of ``topic`` (unknown gap codes: an error)."""
    rules = _invitation_rules()
    found = []
    for gap in gaps:
        if gap not in rules:
            raise DomainError("unknown gap {!r}; known: {}".format(gap, ", ".join(rules)), "gap")
        if rules[gap].topic == topic:
            found.append(rules[gap])
    return found
