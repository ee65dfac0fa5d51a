"""Resource efficiency and cleaner production (RECP): indicators, peers, losses and options.

Public surface (re-exported here; each module documents its equations):

* ``indicators`` — the six enterprise-level indicators in absolute, productivity and intensity form;
* ``peers`` — a company's percentile among same-sector peers, shown only as safe aggregates;
* ``losses`` — the cost of losses (material flow cost accounting style) ranked into hotspots;
  balances and Sankey data are in :mod:`openeip.core.flows`;
* ``options`` — the RECP option library and suggestions from hotspots.
"""

from openeip.core.recp._citations import citation
from openeip.core.recp.indicators import (
    INDICATOR_UNITS,
    VALUE,
    Amount,
    Change,
    Denominator,
    ExcludedFlow,
    Gap,
    Indicator,
    IndicatorRow,
    IndicatorTable,
    change_against,
    company_indicators,
)
from openeip.core.recp.losses import (
    Allocation,
    AllocationGap,
    Loss,
    LossAccount,
    UnitPrice,
    cost_of_losses,
    losses,
)
from openeip.core.recp.options import (
    CATEGORIES,
    CAUSES,
    COST_CLASSES,
    Cause,
    EffectRange,
    Hotspot,
    OptionTemplate,
    Suggestion,
    causes_for,
    option_library,
    suggest,
)
from openeip.core.recp.peers import MIN_PEERS, PeerPosition, Withheld, peer_percentiles

__all__: list[str] = [
    # indicators
    "INDICATOR_UNITS",
    "VALUE",
    "Amount",
    "Change",
    "Denominator",
    "ExcludedFlow",
    "Gap",
    "Indicator",
    "IndicatorRow",
    "IndicatorTable",
    "change_against",
    "company_indicators",
    # losses
    "Allocation",
    "AllocationGap",
    "Loss",
    "LossAccount",
    "UnitPrice",
    "cost_of_losses",
    "losses",
    # peers
    "MIN_PEERS",
    "PeerPosition",
    "Withheld",
    "peer_percentiles",
    # options
    "CATEGORIES",
    "CAUSES",
    "COST_CLASSES",
    "Cause",
    "EffectRange",
    "Hotspot",
    "OptionTemplate",
    "Suggestion",
    "causes_for",
    "option_library",
    "citation",
    "suggest",
]
