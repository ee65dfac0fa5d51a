"""EIP assessment: criteria editions, computed indicators, compliance, gaps and action plans.

Modules (each documents its method): :mod:`.model` (the shared types), :mod:`.editions`
(shipped and imported criteria catalogues), :mod:`.catalogue` (the computed-indicator list),
:mod:`.indicators` (computing them), :mod:`.assess` (status, gaps, prerequisite gate, scores),
:mod:`.benchmarks` (UNIDO 50-park averages), :mod:`.plan` (candidate actions, priority,
roadmap) and :mod:`.enterprise` (the eco-enterprise check per firm).
"""

from openeip.core.eip.assess import assess, observations_from_indicators
from openeip.core.eip.editions import load_edition, shipped_editions
from openeip.core.eip.indicators import IndicatorInputs, IndicatorValue, compute_indicators

__all__ = [
    "IndicatorInputs",
    "IndicatorValue",
    "assess",
    "compute_indicators",
    "load_edition",
    "observations_from_indicators",
    "shipped_editions",
]
