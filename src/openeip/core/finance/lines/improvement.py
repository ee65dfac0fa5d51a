"""Environmental improvement of a project, as shares, from RECP data (ex-ante) or from
measurement (ex-post).

For each kind :math:`k` (energy, water, materials, waste, wastewater) and each flow :math:`j`
of that kind the project touches, with :math:`s_{jo}` the yearly saving of option :math:`o` on
:math:`j` and :math:`b_j` the flow's baseline (same base unit):

.. math::

    \\eta_k = \\min\\Big(1, \\frac{\\sum_{j} \\sum_o s_{jo}}{\\sum_j b_j}\\Big),
    \\qquad \\eta_{GHG} = \\min\\Big(1, \\frac{\\Delta GHG}{GHG_{base}}\\Big)

The baseline of a flow counts once however many options save on it; options on one flow add
up and are capped at 100 %. A kind with a flow whose baseline is unknown (or zero) has no share
(None): the eligibility check then asks for the measurement. Ex-post, :math:`s` is the measured
change and :math:`b` the period before. ``improvement_any`` is the largest known share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["KINDS", "SavedFlow", "improvements"]

KINDS = ("energy", "water", "materials", "waste", "wastewater")


@dataclass(frozen=True)
class SavedFlow:
    """A yearly saving on one of the company's flows and that flow's yearly baseline."""

    kind: str
    flow: str
    saved: float
    baseline: float | None


def improvements(saved: Iterable[SavedFlow], ghg_avoided_tco2e: float | None = None,
                 ghg_baseline_tco2e: float | None = None) -> dict[str, float | None]:
    """The facts ``improvement_<kind>``, ``improvement_ghg`` and ``improvement_any``."""
    totals: dict[str, float] = {}
    baselines: dict[str, dict[str, float | None]] = {}
    for item in saved:
        if item.kind not in KINDS:
            continue
        totals[item.kind] = totals.get(item.kind, 0.0) + item.saved
        flows = baselines.setdefault(item.kind, {})
        if flows.get(item.flow) is None:
            flows[item.flow] = item.baseline
    shares: dict[str, float | None] = {}
    for kind in KINDS:
        of_kind = baselines.get(kind, {})
        if not of_kind or any(b is None or b <= 0 for b in of_kind.values()):
            shares["improvement_" + kind] = None
            continue
        base = sum(b for b in of_kind.values() if b is not None)
        shares["improvement_" + kind] = min(1.0, max(0.0, totals[kind] / base))
    ghg = None
    if ghg_avoided_tco2e is not None and ghg_baseline_tco2e and ghg_baseline_tco2e > 0:
        ghg = min(1.0, max(0.0, ghg_avoided_tco2e / ghg_baseline_tco2e))
    shares["improvement_ghg"] = ghg
    known = [v for v in shares.values() if v is not None]
    shares["improvement_any"] = max(known) if known else None
    return shares
