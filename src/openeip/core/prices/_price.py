"""One price: VND per unit of a resource, and where it comes from."""

from __future__ import annotations

from dataclasses import dataclass

from openeip.core.catalogues.series import SeriesNotice
from openeip.core.i18n import Message

__all__ = ["Price", "weakest"]

#: how sure a price is, surest first; 'recorded' = the company's own cost on the flow,
#: 'user' = entered as the company's price, 'assumption' = a documented OpenEIP assumption
ORDER = ("primary", "recorded", "user", "secondary", "unverified", "assumption")


@dataclass(frozen=True, slots=True)
class Price:
    """``vnd_per_unit`` VND for one ``unit`` of ``resource`` (excluding VAT for shipped prices)."""

    resource: str
    vnd_per_unit: float
    unit: str
    source: str | Message   # a Message when OpenEIP words it (rendered at display)
    year: int | None
    verification: str
    version: str
    note: str = ""
    components: tuple[Price, ...] = ()
    #: set when the price is not the series' own for the data's year (catalogues.series policy)
    notice: SeriesNotice | None = None


def weakest(levels: list[str]) -> str:
    """The least sure of ``levels``."""
    return max(levels, key=ORDER.index)
