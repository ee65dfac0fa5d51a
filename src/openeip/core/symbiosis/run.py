"""One symbiosis run: match, then price the pipes, then choose the network.

The CLI (``openeip symbiosis match --optimise``) and the web's refresh of the stored
opportunities run the same three steps, here:

1. :func:`~openeip.core.symbiosis.match.match_table` — the top-k candidates, valued with the
   benefit factors of one year (:func:`~openeip.core.symbiosis.factors.load_factors`: the grid
   factor under the series policy, with a notice when the series has no value for that year);
2. the candidates the caller keeps (all, or those touching one park) are built in each language
   asked for;
3. :func:`optimise_candidates` — the yearly fixed cost of each pipe a pair needs
   (:func:`~openeip.core.symbiosis.network_costs.pipeline_fixed_costs`), then the network MILP
   (:func:`~openeip.core.symbiosis.optimise.optimise`) over the kept candidates of the first
   language.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from openeip.core.catalogues.series import SeriesNotice
from openeip.core.errors import DomainError
from openeip.core.symbiosis.factors import BenefitFactors, load_factors
from openeip.core.symbiosis.match import MatchTable, RuleSource, match_table
from openeip.core.symbiosis.model import Candidate, Scope, Stream, SynergyRule
from openeip.core.symbiosis.network_costs import pipeline_fixed_costs
from openeip.core.symbiosis.optimise import NetworkResult, optimise

__all__ = ["MatchRun", "match_and_optimise", "optimise_candidates"]

Rules = RuleSource | Sequence[SynergyRule]


@dataclass(frozen=True, slots=True)
class MatchRun:
    """What one run found: the kept candidates per language, the network, and its notices."""

    candidates: dict[str, list[Candidate]]
    #: None when no network was asked for, or when the optimiser refused the candidates
    network: NetworkResult | None
    #: why the optimiser refused the candidates ('' when it did not)
    network_problem: str
    #: the factors' notices (a grid factor of another year than the one asked for)
    notices: tuple[SeriesNotice, ...]
    match_seconds: float
    optimise_seconds: float


def _ratios(rules: Rules | None) -> dict[str, float] | None:
    """Substitution ratio of each rule given; None: the shipped rule book's (optimise's)."""
    if rules is None:
        return None
    listed = rules if isinstance(rules, Sequence) else rules.rules
    return {rule.code: rule.substitution_ratio for rule in listed}


def optimise_candidates(candidates: Sequence[Candidate], supplies: Mapping[str, Stream],
                        demands: Mapping[str, Stream], *, rules: Rules | None = None,
                        factors: BenefitFactors | None = None) -> NetworkResult:
    """The optimal network of ``candidates``: pipes (steam, heat, water, gas) enter with their
    yearly fixed cost, so they are built only where they pay for themselves. DomainError when
    a candidate names an unknown stream or rule."""
    fixed = pipeline_fixed_costs(candidates, supplies, factors=factors)
    return optimise(candidates, supplies, demands, fixed, ratios=_ratios(rules))


def match_and_optimise(supplies: Sequence[Stream], demands: Sequence[Stream], *,
                       top_k: int = 10, scope: Scope = Scope.REGION,
                       languages: Sequence[str] = ("en",), rules: Rules | None = None,
                       factors: BenefitFactors | None = None,
                       within: Callable[[Stream], bool] | None = None,
                       network: bool = True) -> MatchRun:
    """The run of the module docstring; ``factors`` default to this year's
    (:func:`load_factors`). With ``within``, only the candidates with a side for which it
    holds (a park's own streams) are kept, chosen in columns before any candidate object is
    built. When the optimiser refuses the candidates, the run says why in ``network_problem``
    and keeps them."""
    started = time.perf_counter()
    factors = factors or load_factors()
    table = match_table(supplies, demands, top_k=top_k, scope=scope, rules=rules,
                        factors=factors)
    rows = None
    if within is not None:
        inside_supply = np.array([within(s) for s in supplies], dtype=np.bool_)
        inside_demand = np.array([within(d) for d in demands], dtype=np.bool_)
        rows = np.flatnonzero(inside_supply[table.supply_stream]
                              | inside_demand[table.demand_stream])
    found = {language: table.candidates(language, rows) for language in languages}
    matched = time.perf_counter()
    result, problem = None, ""
    if network:
        # the stream limits count in each stream's own unit: a candidate of a further reading
        # in another unit (heat of "waste heat and CO2", in MWh, beside its CO2 in t) cannot
        # share them, and is listed but left out of the network
        same_unit = _in_streams_units(table, supplies, demands)
        chosen = [candidate for candidate, keep in zip(
            found[languages[0]], same_unit if rows is None else same_unit[rows], strict=True)
            if keep]
        try:
            result = optimise_candidates(chosen, _by_id(supplies), _by_id(demands),
                                         rules=rules, factors=factors)
        except DomainError as error:
            problem = str(error)
    return MatchRun(found, result, problem, factors.notices, matched - started,
                    time.perf_counter() - matched)


def _in_streams_units(table: MatchTable, supplies: Sequence[Stream],
                      demands: Sequence[Stream]) -> np.ndarray:
    """Per row of ``table``: both sides read in the unit of their stream (the units are
    gathered once per stream, then compared row by row in arrays)."""
    def units(streams: Sequence[Stream]) -> np.ndarray:
        return np.array([stream.unit for stream in streams], dtype=object)

    both: np.ndarray = (
        (units(table.supplies)[table.supply_index] == units(supplies)[table.supply_stream])
        & (units(table.demands)[table.demand_index] == units(demands)[table.demand_stream]))
    return both.astype(np.bool_)


def _by_id(streams: Sequence[Stream]) -> dict[str, Stream]:
    return {stream.id: stream for stream in streams}
