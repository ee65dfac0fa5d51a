"""Yearly fixed costs of the pipes an exchange network would need (for the MILP's build choices).

A candidate whose supply travels by pipe (steam, heat, gas, reclaimed water; transport modes
``pipe_*`` of ``data/symbiosis/transport_costs.csv``) needs a pipe between the two firms::

    capex    = pipeline_capex_vnd_per_km × distance_km                     (VND)
    CRF      = i (1 + i)^n / ((1 + i)^n − 1)                              (capital recovery)
    F_p      = capex × CRF                                               (VND per year)

where distance_km is the candidate's road distance (the matcher's straight line × road
factor; a pipe follows roads and plot boundaries much as a truck does), with the discount rate
i and the pipe's life n of ``data/symbiosis/network_assumptions.csv``
(engineering assumptions, marked unverified). A candidate without a known distance, or whose
mode needs no pipe, gets no fixed cost. Several candidates of one supply–demand pair share one
pipe: the pair's fixed cost is the largest of theirs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from openeip.core.catalogues.versioned import number, read_versioned, verification_of
from openeip.core.errors import CatalogueError
from openeip.core.symbiosis.factors import BenefitFactors, load_factors, transport_mode
from openeip.core.symbiosis.model import Candidate, ResourceClass, Stream

__all__ = ["NetworkAssumptions", "capital_recovery_factor", "load_network_assumptions",
           "pipeline_fixed_costs"]


@dataclass(frozen=True, slots=True)
class NetworkAssumptions:
    discount_rate: float
    pipe_lifetime_years: float
    version: str


@lru_cache(maxsize=1)
def load_network_assumptions() -> NetworkAssumptions:
    name = "network_assumptions.csv"
    table = read_versioned("openeip.data.symbiosis", name)
    values = {}
    for row in table.rows:
        verification_of(row["verification"], name, row["key"])
        values[row["key"]] = number(row["value"], name, row["key"])
    missing = {"discount_rate", "pipe_lifetime_years"} - set(values)
    if missing:
        raise CatalogueError("{}: missing {}".format(name, ", ".join(sorted(missing))))
    return NetworkAssumptions(values["discount_rate"], values["pipe_lifetime_years"],
                              table.tag)


def capital_recovery_factor(rate: float, years: float) -> float:
    """i(1+i)^n / ((1+i)^n − 1); 1/n when i = 0."""
    if rate == 0:
        return 1.0 / years
    growth = float((1.0 + rate) ** years)
    return rate * growth / (growth - 1.0)


class _Classes(Protocol):
    """What this module needs of a taxonomy."""

    @property
    def classes(self) -> Mapping[str, ResourceClass]: ...


def pipeline_fixed_costs(candidates: Sequence[Candidate], supplies: Mapping[str, Stream], *,
                         taxonomy: _Classes | None = None, factors: BenefitFactors | None = None,
                         assumptions: NetworkAssumptions | None = None,
                         ) -> dict[tuple[str, str], float]:
    """(supply id, demand id) → yearly fixed cost in VND of the pipe the pair needs."""
    if taxonomy is None:
        from openeip.core.symbiosis.taxonomy import load_taxonomy

        taxonomy = load_taxonomy()
    factors = factors or load_factors()
    assumptions = assumptions or load_network_assumptions()
    crf = capital_recovery_factor(assumptions.discount_rate, assumptions.pipe_lifetime_years)
    costs: dict[tuple[str, str], float] = {}
    for candidate in candidates:
        resource = taxonomy.classes.get(supplies[candidate.supply_id].resource_class)
        if resource is None or candidate.distance_km is None:
            continue
        mode = transport_mode(resource)
        if not mode.startswith("pipe_"):
            continue
        transport = factors.transport_for(mode, resource.base_unit)
        capex = transport.pipeline_capex_vnd_per_km * candidate.distance_km
        if capex <= 0:
            continue
        key = (candidate.supply_id, candidate.demand_id)
        costs[key] = max(costs.get(key, 0.0), capex * crf)
    return costs
