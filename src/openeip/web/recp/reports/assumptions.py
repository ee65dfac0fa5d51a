"""What the report's figures assume: factors, prices and settings, each with how sure it is.

Three sources, each listed with source, year and verification as the data files carry them:

* the GHG factors behind the report year's inventory (grid factor, fuel factors, GWPs);
* the price of each of the year's flows, as :func:`openeip.core.prices.price_of` finds it for
  the cost of losses and the options (the company's own price, the cost recorded on the flow,
  or the shipped tariff) — or that there is none, so that loss is unpriced;
* the closure thresholds that flag a balance (``balance_thresholds.csv``, assessment settings).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from openeip.core import flows, ghg, prices
from openeip.core.domain import ResourceFlow
from openeip.core.errors import DomainError
from openeip.core.i18n import render
from openeip.core.recp import citation
from openeip.web.base import formatting
from openeip.web.base.labels import unit_display
from openeip.web.recp.views.library import verification_label

#: verification levels that the report flags: nobody checked them against a primary text
WEAK = {"unverified", "assumption", "secondary"}


@dataclass(frozen=True)
class Assumption:
    what: str
    value: str
    source: str
    year: str
    verification: str

    @property
    def weak(self) -> bool:
        return self.verification in WEAK

    @property
    def verification_label(self) -> str:
        return verification_label(self.verification)


def factor_assumptions(references: Iterable[ghg.FactorReference]) -> list[Assumption]:
    tables = {"grid_factors": _("Grid emission factor"), "fuel_factors": _("Fuel factor"),
              "gwp": _("Global warming potential")}
    return [Assumption("{}: {}".format(tables.get(r.table, r.table), r.key),
                       _localised(r.value), citation(r.source), r.year, r.verification)
            for r in references]


def _localised(value: str) -> str:
    """'0.6811 tCO2e/MWh' (as the factor tables write it) with the language's separators and
    every digit the table gives."""
    number, _space, unit = value.partition(" ")
    try:
        parsed = float(number)
    except ValueError:
        return value
    decimals = len(number.partition(".")[2]) if "e" not in number.lower() else 6
    return " ".join(part for part in (formatting.fixed(parsed, decimals), unit) if part)


def _price_value(price: prices.Price) -> str:
    return "{} VND/{}".format(formatting.fixed(price.vnd_per_unit, 2 if price.vnd_per_unit < 100
                                               else 0), unit_display(price.unit))


def price_notices(year_flows: Iterable[ResourceFlow], book: prices.PriceBook
                  ) -> list[dict[str, Any]]:
    """Notices (stored form) of the prices of another year than the flow's that the flows use."""
    found: dict[Any, dict[str, Any]] = {}
    for flow in year_flows:
        try:
            _vnd, price = prices.price_of(flow, book)
        except DomainError:
            continue
        if price.notice is not None:
            found[price.notice] = price.notice.as_dict()
    return list(found.values())


def price_assumptions(year_flows: Iterable[ResourceFlow],
                      book: prices.PriceBook) -> tuple[list[Assumption], list[str]]:
    """The price each flow of the year is valued at, once per flow description; and the flows
    without any price (their losses stay unpriced), with the reason."""
    found: dict[str, Assumption] = {}
    missing: dict[str, str] = {}
    for flow in year_flows:
        if flow.description in found or flow.description in missing:
            continue
        try:
            _vnd, price = prices.price_of(flow, book)
        except DomainError as error:
            missing[flow.description] = str(error)
            continue
        source = render(price.source) if price.version != "recorded" else _(
            "cost recorded by the company on its flows")
        found[flow.description] = Assumption(
            flow.description, _price_value(price), source + (" — " + price.note if price.note
                                                             else ""),
            str(price.year or ""), price.verification)
    return list(found.values()), list(missing.values())


def threshold_assumptions() -> list[Assumption]:
    names = {"mass": _("Mass balance closure threshold"),
             "water": _("Water balance closure threshold"),
             "energy": _("Energy balance closure threshold")}
    return [Assumption(names.get(kind, kind), "{} %".format(formatting.number(t.percent)),
                       _threshold_source(t.source), str(t.year), t.verification)
            for kind, t in flows.thresholds().items()]


def _threshold_source(source: str) -> str:
    """The thresholds are OpenEIP's own settings: said so in the reader's language."""
    if source.startswith("OpenEIP assumption"):
        return _("OpenEIP assumption: an assessment setting (the RECP methodology names no "
                 "tolerance)")
    return citation(source)
