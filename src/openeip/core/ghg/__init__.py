r"""Greenhouse-gas inventory: scope 1 from fuels and process reports, scope 2 from grid electricity.

Scope 1, fuel combustion (IPCC 2006 Vol. 2 ch. 2, tier 1), for each energy input whose
``classification_code`` is a fuel of ``fuels.csv``:

.. math::

    E_{TJ} = 0.0036 \cdot E_{MWh}

    m_g = E_{TJ} \cdot EF_{f,g} / 1000 \qquad g \in \{CO_2, CH_4, N_2O\}

    CO_2e_{line} = [\neg b_f] \, m_{CO_2} + GWP_{s,CH_4,o_f} \, m_{CH_4} + GWP_{s,N_2O} \, m_{N_2O}

    memo_{line} = [b_f] \, m_{CO_2}

Scope 1, reported: an ``air_emission`` output recorded in tCO2e (process emissions such as
cement calcination, refrigerant losses the company has converted) counts as given, with no
factor; air emissions in kg or t of a pollutant (SO2, dust, NOx) are not greenhouse gases here.

Scope 2, location based, for each energy input from the grid (a source of role ``grid`` in
``data/sources.csv`` without a fuel code, or ``classification_code == "electricity"``):

.. math::

    CO_2e_{line} = E_{MWh} \cdot EF_{grid}(y)

Totals per period :math:`p` and per year: :math:`S1_p = \sum CO_2e` over scope 1 lines,
:math:`S2_p` over scope 2 lines, :math:`memo_p` over biogenic CO2; total = S1 + S2.

==================  =====================================================  ==================
symbol              meaning                                                unit
==================  =====================================================  ==================
E_MWh               the flow's ``base_quantity`` (fuels by NCV)            MWh
E_TJ                the same energy                                        TJ
EF_{f,g}            factor of gas g for fuel f (``data/ghg/fuel_factors``)  kg/TJ
m_g                 mass of gas g emitted                                  t
b_f                 fuel f is biomass (``biogenic``)                       true/false
o_f                 origin of the methane: fossil, or non-fossil if b_f    —
GWP_{s,g,o}         100-year GWP of gas g in the named set s (AR5/AR6)     t CO2e / t
EF_grid(y)          Vietnam grid factor of the flow's year y               t CO2e / MWh
memo                biogenic CO2, reported but not counted                 t CO2e
==================  =====================================================  ==================

Rules and limits:

* The GWP set is always named by the caller; there is no default. Which one a result uses is a
  setting of the platform and of the park (:class:`FactorSettings`), never a constant in code.
* A year outside the grid series (2014–2024 as shipped) uses the nearest year's factor (the
  latest for a later year) and records a :class:`~openeip.core.catalogues.series.SeriesNotice`
  naming the year used in ``GhgInventory.notices``, unless the caller gives that year's factor
  in ``grid_overrides``; the override is written into ``factor_versions`` and noticed too.
* Energy an input makes or recovers on site (a source of role ``own`` in ``data/sources.csv``:
  on_site, recycled; no fuel code) adds no
  emission of its own; energy outputs are not netted; bought heat/steam has no factor yet. These
  flows are listed in ``GhgInventory.not_counted`` with the reason.
* An energy input with an unknown code, or with no code that does not come from the grid,
  raises :class:`DomainError` naming the flow and how to fix it.
* Every inventory records ``factor_versions`` (version of each table used) and every line its
  ``factors`` (table, version, key, value, source, year, verification).
"""

from openeip.core.ghg._factors import (
    FactorReference,
    FuelFactor,
    GridFactor,
    Gwp,
    GwpSet,
    fuel_factors,
    grid_factor,
    grid_factors,
    gwp_values,
    table_versions,
)
from openeip.core.ghg._inventory import inventory
from openeip.core.ghg._results import (
    GhgInventory,
    GhgLine,
    GhgTotals,
    LineCategory,
    NotCounted,
)
from openeip.core.ghg._settings import FactorSettings

__all__ = [
    "FactorReference",
    "FactorSettings",
    "FuelFactor",
    "GhgInventory",
    "GhgLine",
    "GhgTotals",
    "GridFactor",
    "Gwp",
    "GwpSet",
    "LineCategory",
    "NotCounted",
    "fuel_factors",
    "grid_factor",
    "grid_factors",
    "gwp_values",
    "inventory",
    "table_versions",
]
