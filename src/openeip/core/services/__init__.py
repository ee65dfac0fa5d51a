"""Shared park services: cost games of a shared facility and the allocation of its cost.

* ``games`` — the cost of each coalition: stated (:class:`CoalitionTable`) or a function of
  pooled load (:class:`PooledLoad`);
* ``allocation`` — load-proportional, SCRB and Shapley allocations (equations in its docstring),
  the stability check, rounding to whole VND;
* ``coalitions_file`` — COALITIONS.csv in, ALLOC.csv out (``openeip services allocate``).
"""

from openeip.core.services.allocation import (
    Allocation,
    BlockingCoalition,
    Method,
    Share,
    allocate,
    allocate_by_load,
    allocate_scrb,
    allocate_shapley,
    blocking_coalitions,
    compare,
    rounded_to_whole_vnd,
)
from openeip.core.services.games import CoalitionTable, CostGame, PooledLoad, power_law_cost

__all__ = [
    "Allocation",
    "BlockingCoalition",
    "CoalitionTable",
    "CostGame",
    "Method",
    "PooledLoad",
    "Share",
    "allocate",
    "allocate_by_load",
    "allocate_scrb",
    "allocate_shapley",
    "blocking_coalitions",
    "compare",
    "power_law_cost",
    "rounded_to_whole_vnd",
]
