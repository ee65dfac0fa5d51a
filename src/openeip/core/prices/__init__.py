r"""Prices for RECP: EVN electricity tariffs, industrial water tariffs and company prices.

The price book holds the MOIT tariff decision in force (manufacturing prices by voltage level
and time-of-use period, VND/kWh excluding VAT), the water tariff of the company's province,
and the company's own prices (overrides). Every :class:`Price` carries its source, year,
verification and table version, so a result can say which price it used.

Blended electricity price from a time-of-use split (shares :math:`s_k`, :math:`\sum s_k = 1`):

.. math::

    p_{el} = s_{peak} \, p_{peak} + s_{normal} \, p_{normal} + s_{off} \, p_{off}

The default split is an ASSUMPTION: a constant load, so each share is the hours per week of the
EVN window (``data/prices/tou_windows.csv``): peak 30/168, normal 96/168, off-peak 42/168.
The default voltage level (6 to < 22 kV) is an assumption too. Both are changed per company with
:meth:`PriceBook.with_overrides`.

Price of a flow per base unit (``price_of``): :math:`p_b = p_u / f`, where :math:`f` is the
number of base units in one priced unit (1,000 kWh per MWh …; for a fuel priced per t or L,
:math:`f` = MWh per t or L from its NCV and density).

============  =========================================  =====================
symbol        meaning                                    unit
============  =========================================  =====================
p_k           tariff of TOU period k                     VND/kWh
s_k           share of the electricity used in period k  —
p_u           price per priced unit                      VND/unit
p_b           price per base unit of the flow            VND/MWh, VND/t, VND/m³
============  =========================================  =====================

What is not shipped, on purpose (shared/reference/recp.md §4.2–4.4):

* fuel prices — the reference gives none: the company records its fuel cost on the flow or
  enters a ``fuel:<code>`` price;
* waste treatment fees — no current public list exists; the 2007/2010 Hồ Chí Minh City
  hazardous-waste ranges are shown in the error as a guide only, never used as a price;
* wastewater treatment charges of park developers — contract prices, entered per company.
"""

from openeip.core.prices._book import (
    DEFAULT_VOLTAGE_LEVEL,
    PriceBook,
    PriceOverride,
    TouSplit,
    default_price_book,
)
from openeip.core.prices._lookup import price_keys, price_of
from openeip.core.prices._price import Price
from openeip.core.prices._tables import (
    TariffDecision,
    WasteFeeReference,
    electricity_decisions,
    tou_hours,
    voltage_levels,
    waste_fee_references,
    water_tariffs,
)

__all__ = [
    "DEFAULT_VOLTAGE_LEVEL",
    "Price",
    "PriceBook",
    "PriceOverride",
    "TariffDecision",
    "TouSplit",
    "WasteFeeReference",
    "default_price_book",
    "electricity_decisions",
    "price_keys",
    "price_of",
    "tou_hours",
    "voltage_levels",
    "waste_fee_references",
    "water_tariffs",
]
