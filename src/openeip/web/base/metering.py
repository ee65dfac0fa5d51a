"""The port through which the monitor app lends its meters to the apps that may not import it:
eip (the indicators' yearly uses) and services (utilisation) sit beside monitor on one layer,
so neither side imports the other. Monitor registers its :class:`MeterSource` from its
``AppConfig.ready()``; the others ask :func:`meter_source` and go on without meters when none
is registered (the app not installed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["MeterQuantity", "MeterSource", "meter_source", "register_meter_source"]


@dataclass(frozen=True, slots=True)
class MeterQuantity:
    """What a meter read over a span of local days, and how much of the span it covers."""

    meter_id: int
    code: str
    name: str
    unit: str
    quantity: float
    covered_pct: float
    first: dt.date
    last: dt.date


class MeterSource(Protocol):
    def yearly_uses(self, park_id: int, year: int) -> list[Any]:
        """``openeip.core.eip.metered.MeteredUse`` of every meter of the park feeding an EIP
        input, for the year (coverage 0 when it has no reading in it)."""
        ...

    def quantity(self, park_id: int, code: str, first: dt.date, last: dt.date
                 ) -> MeterQuantity | None:
        """The meter ``code`` of the park over the days ``first`` to ``last`` (None: no such
        meter)."""
        ...

    def meters_of(self, park_id: int, company_ids: Sequence[int]
                  ) -> list[tuple[str, str, str]]:
        """(code, label, unit) of the stored meters of those companies and of the park
        itself."""
        ...

    def min_coverage_pct(self) -> float:
        """The share of a period readings must cover for its quantity to be used."""
        ...


_SOURCE: list[MeterSource] = []


def register_meter_source(source: MeterSource) -> None:
    _SOURCE[:] = [source]


def meter_source() -> MeterSource | None:
    return _SOURCE[0] if _SOURCE else None
