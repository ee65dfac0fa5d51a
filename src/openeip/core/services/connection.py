"""Shared or individual: a tenant's yearly cost of joining a shared facility against serving
itself, with the connection costed by the symbiosis network optimiser's cost model.

Symbols (all per year, VND)::

    I_i   individual cost: tenant i's stand-alone cost c({i}) (its own plant or supply)
    x_i   its allocated share of the shared facility (``allocation``)
    d_i   road distance to the facility, km = straight km × road factor (transport table)
    K     pipe build cost per km of the connection's mode (transport_costs.csv)
    CRF   capital recovery factor i(1+i)^n / ((1+i)^n − 1) (network_assumptions.csv)
    v     variable transport cost per unit·km; q_i the yearly quantity sent
    h     handling cost per unit

    connection_i = K · d_i · CRF + (v · d_i + h) · q_i
    shared_i     = x_i + connection_i
    saving_i     = I_i − shared_i            (> 0: joining is cheaper)

The connection modes of each asset type are in ``data/services/asset_types.csv`` (modelling
choices, unverified); a type without a mode has no connection cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from openeip.core.catalogues.versioned import read_versioned, verification_of
from openeip.core.errors import CatalogueError, DomainError
from openeip.core.i18n import gettext as _
from openeip.core.symbiosis.factors import BenefitFactors, load_factors
from openeip.core.symbiosis.geo import road_km
from openeip.core.symbiosis.network_costs import (
    NetworkAssumptions,
    capital_recovery_factor,
    load_network_assumptions,
)

__all__ = ["AssetType", "SharedVsIndividual", "asset_types", "shared_vs_individual"]


@dataclass(frozen=True, slots=True)
class AssetType:
    code: str
    label_en: str
    label_vi: str
    capacity_unit: str
    connection_mode: str
    connection_unit: str
    verification: str


@lru_cache(maxsize=1)
def asset_types() -> dict[str, AssetType]:
    name = "asset_types.csv"
    table = read_versioned("openeip.data.services", name)
    found = {}
    for row in table.rows:
        verification_of(row["verification"], name, row["code"])
        if bool(row["connection_mode"]) != bool(row["connection_unit"]):
            raise CatalogueError("{} {}: give both connection mode and unit, or neither".format(
                name, row["code"]))
        found[row["code"]] = AssetType(row["code"], row["label_en"], row["label_vi"],
                                       row["capacity_unit"], row["connection_mode"],
                                       row["connection_unit"], row["verification"])
    return found


@dataclass(frozen=True, slots=True)
class SharedVsIndividual:
    individual_vnd: float
    allocated_vnd: float
    connection_capital_vnd: float     # K · d · CRF
    connection_running_vnd: float     # (v · d + h) · q
    road_km: float | None
    versions: tuple[str, ...]

    @property
    def shared_vnd(self) -> float:
        return self.allocated_vnd + self.connection_capital_vnd + self.connection_running_vnd

    @property
    def saving_vnd(self) -> float:
        return self.individual_vnd - self.shared_vnd

    @property
    def shared_is_cheaper(self) -> bool:
        return self.saving_vnd > 0


def shared_vs_individual(asset_type: str, *, individual_vnd: float, allocated_vnd: float,
                         straight_km: float | None, quantity_per_year: float = 0.0,
                         factors: BenefitFactors | None = None,
                         assumptions: NetworkAssumptions | None = None) -> SharedVsIndividual:
    """The comparison for one tenant (equations in the module docstring)."""
    kind = asset_types().get(asset_type)
    if kind is None:
        raise DomainError(_("Unknown asset type {code}.").format(code=asset_type), "asset_type")
    if individual_vnd < 0 or allocated_vnd < 0 or quantity_per_year < 0:
        raise DomainError(_("Costs and quantities must be at least 0."), "cost")
    if not kind.connection_mode or straight_km is None:
        return SharedVsIndividual(individual_vnd, allocated_vnd, 0.0, 0.0, None,
                                  ("asset_types 2026.1",))
    factors = factors or load_factors()
    assumptions = assumptions or load_network_assumptions()
    transport = factors.transport_for(kind.connection_mode, kind.connection_unit)
    distance = road_km(straight_km, transport.road_factor)
    crf = capital_recovery_factor(assumptions.discount_rate, assumptions.pipe_lifetime_years)
    capital = transport.pipeline_capex_vnd_per_km * distance * crf
    running = (transport.variable_vnd_per_unit_km * distance
               + transport.handling_vnd_per_unit) * quantity_per_year
    return SharedVsIndividual(individual_vnd, allocated_vnd, capital, running, distance,
                              (*factors.versions(), assumptions.version))
