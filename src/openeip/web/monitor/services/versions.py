"""A meter's version (``Meter.data_version``): raised by every change to what its page shows,
so the page's cached parts are keyed by it and can never outlive what they were made of.

Raised by:

* every write of readings (``readings.refresh_days``, ``bulk``): the meter's own version and
  the versions of the meters whose pages read its readings — virtual meters summing it and
  meters whose baselines take it as a driver (:func:`changed`);
* every save or delete of a baseline, non-routine adjustment, verification or exchange link of
  the meter, and every save of an RECP option it verifies (its title is on the page): the
  signals connected by :func:`connect` (``MonitorConfig.ready``). Targets and exchanges are
  drawn afresh on each page (their lights depend on today) and need no version.

Code that changes those rows with ``QuerySet.update`` or ``bulk_create`` (which send no signal)
must call :func:`changed` itself."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from openeip.web.monitor.models import (
    Baseline,
    ExchangeMeter,
    Meter,
    NonRoutineAdjustment,
    OptionVerification,
)

__all__ = ["changed", "connect"]


def changed(meter_ids: Iterable[int], readings: bool = True) -> None:
    """Raise the versions of the meters ``meter_ids``; with ``readings`` (their readings
    changed) also of the meters whose pages read them."""
    ids = set(meter_ids)
    if not ids:
        return
    if readings:
        ids |= _readers(ids)
    Meter.objects.filter(pk__in=ids).update(data_version=F("data_version") + 1)


def _readers(ids: set[int]) -> set[int]:
    """Virtual meters with one of the meters as a component, and meters with a baseline
    taking one of them as a driver (both name meters by code within a park)."""
    codes: dict[int, set[str]] = defaultdict(set)
    for park, code in Meter.objects.filter(pk__in=ids).values_list("park_id", "code"):
        codes[park].add(code)
    found: set[int] = set()
    for park, named in codes.items():
        for pk, components in Meter.objects.filter(park_id=park, register="virtual") \
                .values_list("pk", "components"):
            if any(part.get("meter") in named for part in components or []):
                found.add(pk)
        for meter_id, drivers in Baseline.objects.filter(meter__park_id=park).values_list(
                "meter_id", "drivers"):
            if named.intersection(drivers or ()):
                found.add(meter_id)
    return found


def _row_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    changed([instance.meter_id], readings=False)


def _option_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    changed(OptionVerification.objects.filter(option=instance).values_list(
        "meter_id", flat=True), readings=False)


def connect() -> None:
    """Connect the signals that raise a meter's version when a row its page shows changes."""
    for model in (Baseline, NonRoutineAdjustment, OptionVerification, ExchangeMeter):
        post_save.connect(_row_changed, sender=model, dispatch_uid="monitor-version-save")
        post_delete.connect(_row_changed, sender=model, dispatch_uid="monitor-version-delete")
    post_save.connect(_option_saved, sender="recp.AssessmentOption",
                      dispatch_uid="monitor-version-option")
