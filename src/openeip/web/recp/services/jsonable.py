"""Core results as plain JSON values, the form stored results and the API use."""

from __future__ import annotations

from typing import Any

from openeip.core import prices

__all__ = ["price_json"]


def price_json(price: prices.Price) -> dict[str, Any]:
    """A price with where it comes from: source, year, verification and table version."""
    return {"resource": price.resource, "vnd_per_unit": price.vnd_per_unit, "unit": price.unit,
            "source": price.source, "year": price.year, "verification": price.verification,
            "version": price.version, "note": price.note}
