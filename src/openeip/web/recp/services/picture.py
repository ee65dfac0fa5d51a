"""Typed read-back of a company's RECP picture: the payload of
:func:`~openeip.web.recp.services.company.company_recp`, kept in an :class:`IndicatorSnapshot`.

The payload is stored as JSON (the API returns it as such); pages, reports and the demo read it
through :meth:`RecpPicture.read` instead of indexing it by string keys, so a key is named in one
place and a missing part of an older snapshot gets one default here. The keys and what they
hold are listed in :mod:`openeip.web.recp.services.company`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.dateparse import parse_datetime

from openeip.core.catalogues.series import SeriesNotice, notices_from

__all__ = ["RecpPicture", "StoredIndicators"]


@dataclass(frozen=True, slots=True)
class StoredIndicators:
    """:func:`openeip.core.recp.indicators.company_indicators` as stored."""

    #: period labels, oldest first ('2024', '2024-03')
    periods: list[str]
    #: {'key', 'unit', ...} per denominator (products, sales …)
    denominators: list[dict[str, Any]]
    #: {'indicator', 'form', 'denominator', 'values', ...} per series
    rows: list[dict[str, Any]]
    excluded: list[Any]
    #: the stored mapping itself, for readers that take it whole
    raw: Mapping[str, Any]

    @property
    def denominator_keys(self) -> list[str]:
        return [denominator["key"] for denominator in self.denominators]


@dataclass(frozen=True, slots=True)
class RecpPicture:
    """One company's RECP picture (see the module docstring)."""

    #: the latest year with data; None without any flow
    year: int | None
    gwp_set: str
    indicators: StoredIndicators
    ghg: Mapping[str, Any]
    balances: Mapping[str, Any]
    losses: Mapping[str, Any]
    suggestions: list[dict[str, Any]]
    sankey: Mapping[str, Any]
    factor_versions: dict[str, str]
    price_versions: dict[str, str]
    #: stored notices (SeriesNotice.as_dict); :meth:`series_notices` reads them back
    notices: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    peers: list[dict[str, Any]]
    computed_at: datetime.datetime | None

    @classmethod
    def read(cls, payload: Mapping[str, Any]) -> RecpPicture:
        """The picture of a payload (KeyError when a part every snapshot has is missing)."""
        stored = payload["indicators"]
        computed = payload.get("computed_at")
        return cls(
            year=payload["year"],
            gwp_set=payload["gwp_set"],
            indicators=StoredIndicators(list(stored["periods"]), list(stored["denominators"]),
                                        list(stored["rows"]), list(stored.get("excluded", [])),
                                        stored),
            ghg=payload["ghg"],
            balances=payload.get("balances") or {},
            losses=payload.get("losses") or {},
            suggestions=list(payload.get("suggestions") or []),
            sankey=payload.get("sankey") or {},
            factor_versions=dict(payload.get("factor_versions") or {}),
            price_versions=dict(payload.get("price_versions") or {}),
            notices=list(payload.get("notices") or []),
            changes=list(payload.get("changes") or []),
            peers=list(payload.get("peers") or []),
            computed_at=parse_datetime(computed) if computed else None,
        )

    def series_notices(self) -> list[SeriesNotice]:
        """The notices of factors and prices of another year than the data's, each once."""
        return notices_from(self.notices)

    @property
    def hotspots(self) -> list[dict[str, Any]]:
        return list(self.losses.get("hotspots", []))
