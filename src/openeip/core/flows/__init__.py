"""Resource flows of a company or unit operation: balances with closure error, Sankey data.

Public surface:

* :func:`balance` — a mass, water or energy :class:`Balance` of a company or of one unit
  operation, with its closure error and whether it is ``flagged`` (threshold from
  ``openeip/data/balance_thresholds.csv``, see :func:`thresholds`, or given by the caller);
* :func:`sankey` — nodes and links of a company's flows for a Sankey chart (:class:`SankeyData`);
* :func:`unit_operations` — the unit operations a set of flows names, :func:`in_operation` the
  flows of one of them;
* the rules every engine over one company's flows shares: :func:`company_of` (one company),
  :func:`check_periods` (a flow is recorded for a year or for its months, not both) and
  :func:`product_outputs` (product records and ``product`` flows, each product counted once).

Equations and symbols are in the docstrings of the implementing modules.
"""

from openeip.core.flows._balance import Balance, BalanceKind, BalanceLine, balance
from openeip.core.flows._sankey import SankeyData, SankeyLink, SankeyNode, sankey
from openeip.core.flows._scope import (
    DISPOSAL_FATES,
    ProductOutput,
    base_of,
    check_periods,
    company_of,
    in_operation,
    product_outputs,
    unit_operations,
)
from openeip.core.flows._thresholds import Threshold, thresholds

__all__ = [
    "DISPOSAL_FATES",
    "Balance",
    "BalanceKind",
    "BalanceLine",
    "ProductOutput",
    "SankeyData",
    "SankeyLink",
    "SankeyNode",
    "Threshold",
    "balance",
    "base_of",
    "check_periods",
    "company_of",
    "in_operation",
    "product_outputs",
    "sankey",
    "thresholds",
    "unit_operations",
]
